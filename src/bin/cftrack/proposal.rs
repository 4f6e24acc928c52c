//! `cftrack proposal`: proposals and where they stand as of a date.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::input::{date, sources, viewpoint, word};
use super::table::{fields, Table};
use super::Output;
use ceasefire_tracker::error::{Error, InputError, Result};
use ceasefire_tracker::model::{
    ConditionCategory, ConditionKind, ConditionState, ConditionStatus, EventDate, ImplementationLevel,
    NewProposal, ProposalKind, ProposalRef, ProposalState, ProposalStatus, Role, Stance, StanceState,
    StatusSpan, Vocabulary,
};
use ceasefire_tracker::report::text;
use ceasefire_tracker::store::Store;

#[derive(Debug, Subcommand)]
pub enum ProposalCommand {
    /// Record a proposal, with its status "floated" and the proposer's stance; prints its id.
    Add(AddProposal),
    /// Change a proposal's description; earlier values are kept in its revision log.
    Edit(EditProposal),
    /// Every proposal made by the date asked, with its status.
    List(ListProposals),
    /// A proposal's status, stances, conditions and timeline as of a date.
    Show(ShowProposal),
}

#[derive(Debug, Args)]
pub struct AddProposal {
    /// Its title, unique enough to name it by.
    title: String,
    /// Who proposed it, by id or name; repeat it for joint proposers (--by Qatar --by Egypt
    /// --by "United States"), the first named first.
    #[arg(long, value_name = "PARTY", required = true)]
    by: Vec<String>,
    /// When it was proposed: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE")]
    on: String,
    /// The deal it is a phase of, by id or title (with --phase).
    #[arg(long, value_name = "PROPOSAL", requires = "phase")]
    phase_of: Option<String>,
    /// Which phase of that deal it is: 1, 2, 3...
    #[arg(long, value_name = "N", requires = "phase_of")]
    phase: Option<i64>,
    /// What it proposes, in a few sentences.
    #[arg(long, value_name = "TEXT", default_value = "", hide_default_value = true)]
    summary: String,
    /// The full text of the proposal, if published.
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
    /// general, partial, humanitarian_pause or definitive.
    #[arg(long, value_name = "KIND", default_value = "general")]
    kind: String,
    /// What it covers, in your words ("energy infrastructure").
    #[arg(long, value_name = "TEXT", default_value = "", hide_default_value = true)]
    scope: String,
    /// How long the ceasefire is to last, in days (30 for a 30-day truce).
    #[arg(long, value_name = "N")]
    duration_days: Option<i64>,
    /// The conflict or peace process it belongs to.
    #[arg(long, value_name = "NAME", default_value = "", hide_default_value = true)]
    process: String,
    /// The earlier proposal it replaces, by id or title.
    #[arg(long, value_name = "PROPOSAL")]
    supersedes: Option<String>,
    /// The proposer's part in the talks: party, mediator, guarantor, observer or third_party.
    #[arg(long, value_name = "ROLE", default_value = "party")]
    role: String,
    /// Where it was reported: a known source's URL or title, or a new one. Repeatable.
    #[arg(long, value_name = "URL_OR_TITLE")]
    source: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditProposal {
    /// The proposal, by id or title.
    proposal: String,
    #[arg(long, value_name = "TITLE")]
    title: Option<String>,
    /// Who proposed it, by id or name.
    #[arg(long, value_name = "PARTY")]
    by: Option<String>,
    /// When it was proposed: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    #[arg(long, value_name = "TEXT")]
    summary: Option<String>,
    /// The full text of the proposal; `none` for none.
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
    /// general, partial, humanitarian_pause or definitive.
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    #[arg(long, value_name = "TEXT")]
    scope: Option<String>,
    /// How long the ceasefire is to last, in days; `none` for no set duration.
    #[arg(long, value_name = "N")]
    duration_days: Option<String>,
    #[arg(long, value_name = "NAME")]
    process: Option<String>,
    /// The earlier proposal it replaces, by id or title; `none` for none.
    #[arg(long, value_name = "PROPOSAL")]
    supersedes: Option<String>,
    /// The deal it is a phase of, by id or title (with --phase); `none` for none.
    #[arg(long, value_name = "PROPOSAL")]
    phase_of: Option<String>,
    /// Which phase of that deal it is.
    #[arg(long, value_name = "N")]
    phase: Option<i64>,
}

#[derive(Debug, Args)]
pub struct ListProposals {
    /// Only proposals in this status.
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    /// The date to show the state on (default: today); a month or year means its last day.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Show only what had been recorded by this time (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "TIME")]
    known_on: Option<String>,
    /// Print JSON (vocabulary codes, ISO dates) instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ShowProposal {
    /// The proposal, by id or title.
    proposal: String,
    /// The date to show the state on (default: today); a month or year means its last day.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Show only what had been recorded by this time (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "TIME")]
    known_on: Option<String>,
    /// Print JSON (vocabulary codes, ISO dates) instead of text.
    #[arg(long)]
    json: bool,
}

impl ProposalCommand {
    pub fn only_reads(&self) -> bool {
        matches!(self, Self::List(_) | Self::Show(_))
    }
}

pub fn run(store: &mut Store, command: ProposalCommand) -> Result<Output> {
    match command {
        ProposalCommand::Add(args) => add(store, args),
        ProposalCommand::Edit(args) => edit(store, args),
        ProposalCommand::List(args) => list(store, args),
        ProposalCommand::Show(args) => show(store, args),
    }
}

fn add(store: &mut Store, args: AddProposal) -> Result<Output> {
    let mut proposers = Vec::with_capacity(args.by.len());
    for name in &args.by {
        proposers.push(store.find_party(name)?.id);
    }
    let (proposed_by, co_proposers) = (proposers[0], proposers[1..].to_vec());
    let supersedes = args.supersedes.map(|name| store.find_proposal(&name)).transpose()?;
    let phase_of = args.phase_of.map(|name| store.find_proposal(&name)).transpose()?;
    let proposal = NewProposal {
        title: args.title,
        summary: args.summary,
        full_text: args.text,
        proposed_by,
        proposer_role: word::<Role>("role", &args.role)?,
        proposed_on: date("date", &args.on)?,
        kind: word::<ProposalKind>("kind", &args.kind)?,
        scope: args.scope,
        duration_days: args.duration_days,
        process: args.process,
        supersedes: supersedes.map(|p| p.id),
        sources: sources(store, &args.source)?,
        co_proposers,
        phase: args.phase,
        phase_of: phase_of.map(|deal| deal.id),
    };
    let recorded = store.add_proposal(&proposal)?;
    Ok(Output::id(recorded.id).with_warnings(recorded.warnings))
}

fn edit(store: &mut Store, args: EditProposal) -> Result<Output> {
    let proposal = store.find_proposal(&args.proposal)?;
    let proposed_by = match &args.by {
        Some(name) => store.find_party(name)?.id,
        None => proposal.proposed_by,
    };
    let supersedes = match args.supersedes.as_deref() {
        None => proposal.supersedes,
        Some("none") => None,
        Some(name) => Some(store.find_proposal(name)?.id),
    };
    let duration_days = match args.duration_days.as_deref() {
        None => proposal.duration_days,
        Some("none") => None,
        Some(text) => Some(
            text.trim()
                .parse()
                .map_err(|_| Error::invalid("duration-days", InputError::NotANumber(text.to_string())))?,
        ),
    };
    let (phase_of, phase) = match args.phase_of.as_deref() {
        None => (proposal.phase_of, args.phase.or(proposal.phase)),
        Some("none") => (None, None),
        Some(name) => (Some(store.find_proposal(name)?.id), args.phase.or(proposal.phase)),
    };
    let full_text = match args.text {
        None => proposal.full_text,
        Some(text) if text == "none" => None,
        Some(text) => Some(text),
    };
    let edited = NewProposal {
        title: args.title.unwrap_or(proposal.title),
        summary: args.summary.unwrap_or(proposal.summary),
        full_text,
        proposed_by,
        // Neither is part of the description: the role is the proposer's stance, and
        // sources belong to events.
        proposer_role: Role::Party,
        proposed_on: args
            .on
            .as_deref()
            .map(|text| date("date", text))
            .transpose()?
            .unwrap_or(proposal.proposed_on),
        kind: args.kind.as_deref().map(|text| word("kind", text)).transpose()?.unwrap_or(proposal.kind),
        scope: args.scope.unwrap_or(proposal.scope),
        duration_days,
        process: args.process.unwrap_or(proposal.process),
        supersedes,
        sources: Vec::new(),
        co_proposers: proposal.co_proposers,
        phase,
        phase_of,
    };
    store.edit_proposal(proposal.id, &edited)?;
    Ok(Output::default())
}

fn list(store: &Store, args: ListProposals) -> Result<Output> {
    let status = args.status.as_deref().map(|text| word::<ProposalStatus>("status", text)).transpose()?;
    let viewpoint = viewpoint(args.as_of.as_deref(), args.known_on.as_deref())?;
    // A proposal not yet made on the date asked has no place in the state of play then.
    let summaries: Vec<_> = store
        .summaries(viewpoint)?
        .into_iter()
        .filter(|summary| summary.status.is_some())
        .filter(|summary| status.is_none() || summary.status == status)
        .collect();
    if args.json {
        return Ok(Output::json(&summaries));
    }
    if summaries.is_empty() {
        let text = match status {
            Some(status) => {
                format!("No proposal was {} on {}.\n", status.label(), text::day(viewpoint.as_of))
            }
            None => format!(
                "No proposals on {}. Add one with: cftrack proposal add TITLE --by PARTY --on DATE\n",
                text::day(viewpoint.as_of)
            ),
        };
        return Ok(Output::text(text));
    }
    let mut table = Table::new(&["Id", "Title", "Status", "Since", "Days", "Proposed by", "Last change"]);
    for summary in &summaries {
        table.row(vec![
            summary.id.to_string(),
            summary.title.clone(),
            summary.status.map(|s| s.label()).unwrap_or_default().to_string(),
            summary.status_since.map(EventDate::human).unwrap_or_default(),
            summary.days_in_status.map(|d| d.to_string()).unwrap_or_default(),
            summary.proposed_by.clone(),
            summary.last_change.map(EventDate::human).unwrap_or_default(),
        ]);
    }
    Ok(Output::text(table.render()))
}

fn show(store: &Store, args: ShowProposal) -> Result<Output> {
    let viewpoint = viewpoint(args.as_of.as_deref(), args.known_on.as_deref())?;
    let proposal = store.find_proposal(&args.proposal)?;
    let state = store.proposal_state(proposal.id, viewpoint)?;
    if args.json {
        return Ok(Output::json(&ProposalJson::from(&state)));
    }
    Ok(Output::text(describe(&state)))
}

/// A proposal in `proposal show --json`: its description and its state as of a date.
#[derive(Debug, Serialize)]
struct ProposalJson<'a> {
    id: i64,
    uuid: String,
    title: &'a str,
    summary: &'a str,
    full_text: Option<&'a str>,
    proposed_by: &'a str,
    proposed_on: EventDate,
    kind: ProposalKind,
    scope: &'a str,
    duration_days: Option<i64>,
    process: &'a str,
    supersedes: Option<ProposalRef>,
    superseded_by: &'a [ProposalRef],
    as_of: NaiveDate,
    known_on: Option<String>,
    status: Option<ProposalStatus>,
    status_since: Option<EventDate>,
    days_in_status: Option<i64>,
    stances: Vec<StanceJson<'a>>,
    conditions: Vec<ConditionJson<'a>>,
    timeline: &'a [StatusSpan],
    edited_on_two_machines: bool,
    /// The last day its ceasefire covers, while in effect with an end.
    ends_on: Option<EventDate>,
    days_left: Option<i64>,
    overdue: bool,
    phase_of: Option<&'a ProposalRef>,
    phase: Option<i64>,
    phases: Vec<PhaseJson<'a>>,
    /// The live violation reports as of the date, newest first.
    violations: Vec<super::violation::ViolationJson<'a>>,
    /// The mean implementation level of the conditions that have an entry, 0-100.
    implementation_score: Option<i64>,
    /// How many conditions the score covers.
    implementation_covers: i64,
    /// The research datasets' records it was imported from: dataset, id and url.
    origins: &'a [ceasefire_tracker::model::OriginRef],
}

/// A phase of a deal in `proposal show --json`.
#[derive(Debug, Serialize)]
struct PhaseJson<'a> {
    id: i64,
    title: &'a str,
    phase: i64,
    status: Option<ProposalStatus>,
    ends_on: Option<EventDate>,
    days_left: Option<i64>,
    overdue: bool,
}

#[derive(Debug, Serialize)]
struct StanceJson<'a> {
    party: &'a str,
    party_id: i64,
    stance: Stance,
    role: Role,
    since: EventDate,
    note: &'a str,
    /// The ids of the conditions this party raised on the proposal.
    conditions: &'a [i64],
}

#[derive(Debug, Serialize)]
struct ConditionJson<'a> {
    id: i64,
    text: &'a str,
    raised_by: &'a str,
    directed_at: Option<&'a str>,
    kind: ConditionKind,
    category: ConditionCategory,
    status: ConditionStatus,
    since: EventDate,
    implementation: Option<ImplementationLevel>,
}

impl<'a> From<&'a ProposalState> for ProposalJson<'a> {
    fn from(state: &'a ProposalState) -> Self {
        let proposal = &state.proposal;
        Self {
            id: proposal.id,
            uuid: proposal.uuid.to_string(),
            title: &proposal.title,
            summary: &proposal.summary,
            full_text: proposal.full_text.as_deref(),
            proposed_by: &proposal.proposed_by_name,
            proposed_on: proposal.proposed_on,
            kind: proposal.kind,
            scope: &proposal.scope,
            duration_days: proposal.duration_days,
            process: &proposal.process,
            supersedes: proposal
                .supersedes
                .zip(proposal.supersedes_title.clone())
                .map(|(id, title)| ProposalRef { id, title }),
            superseded_by: &state.superseded_by,
            as_of: state.viewpoint.as_of,
            known_on: state.viewpoint.known_on.map(|time| time.to_rfc3339()),
            status: state.status,
            status_since: state.status_since,
            days_in_status: state.days_in_status,
            stances: state.stances.iter().map(stance_json).collect(),
            conditions: state.conditions.iter().map(condition_json).collect(),
            timeline: &state.timeline,
            edited_on_two_machines: state.edited_on_two_machines,
            ends_on: state.clock.as_ref().and_then(|clock| clock.ends_on),
            days_left: state.clock.as_ref().and_then(|clock| clock.days_left),
            overdue: state.clock.as_ref().is_some_and(|clock| clock.overdue),
            phase_of: state.phase_of.as_ref(),
            phase: state.phase,
            violations: state.violations.iter().map(super::violation::ViolationJson::from).collect(),
            implementation_score: state.implementation.map(|score| score.percent),
            implementation_covers: state.implementation.map_or(0, |score| score.conditions),
            origins: &state.origins,
            phases: state
                .phases
                .iter()
                .map(|phase| PhaseJson {
                    id: phase.id,
                    title: &phase.title,
                    phase: phase.phase,
                    status: phase.status,
                    ends_on: phase.ends_on,
                    days_left: phase.days_left,
                    overdue: phase.overdue,
                })
                .collect(),
        }
    }
}

fn stance_json(stance: &StanceState) -> StanceJson<'_> {
    StanceJson {
        party: &stance.party,
        party_id: stance.party_id,
        stance: stance.stance,
        role: stance.role,
        since: stance.since,
        note: &stance.note,
        conditions: &stance.condition_ids,
    }
}

fn condition_json(condition: &ConditionState) -> ConditionJson<'_> {
    ConditionJson {
        id: condition.id,
        text: &condition.text,
        raised_by: &condition.raised_by,
        directed_at: condition.directed_at.as_deref(),
        kind: condition.kind,
        category: condition.category,
        status: condition.status,
        since: condition.since,
        implementation: condition.implementation,
    }
}

/// The proposal page as text, worded as the reports word it.
fn describe(state: &ProposalState) -> String {
    let proposal = &state.proposal;
    let mut page = format!("{} (#{})\n", proposal.title, proposal.id);
    let status = match (state.status, state.status_since) {
        (Some(status), Some(since)) => {
            let days = state.days_in_status.map(|d| format!(", {}", text::days(d))).unwrap_or_default();
            format!("{} since {}{days}", status.label(), since.human())
        }
        _ => "Not yet proposed".to_string(),
    };
    let mut kind = proposal.kind.label().to_string();
    if let Some(duration) = proposal.duration_days {
        kind.push_str(&format!(", {}", text::days(duration)));
    }
    let refs =
        |refs: &[ProposalRef]| refs.iter().map(|r| format!("{} (#{})", r.title, r.id)).collect::<Vec<_>>();
    let supersedes = proposal
        .supersedes
        .zip(proposal.supersedes_title.clone())
        .map(|(id, title)| ProposalRef { id, title });
    page.push_str(&fields(&[
        ("As of", text::viewpoint(state.viewpoint)),
        ("Status", status),
        (
            "Clock",
            state.clock.as_ref().map(|c| text::clock(c.ends_on, c.days_left, c.overdue)).unwrap_or_default(),
        ),
        (
            "Phase of",
            state
                .phase_of
                .as_ref()
                .map(|deal| format!("phase {} of {} (#{})", state.phase.unwrap_or(0), deal.title, deal.id))
                .unwrap_or_default(),
        ),
        ("Proposed by", format!("{}, {}", proposal.proposed_by_name, proposal.proposed_on.human())),
        ("Kind", kind),
        ("Scope", proposal.scope.clone()),
        ("Process", proposal.process.clone()),
        ("Supersedes", refs(supersedes.as_slice()).join("; ")),
        ("Superseded by", refs(&state.superseded_by).join("; ")),
        (
            "Imported from",
            state.origins.iter().map(|o| format!("{} {}", o.dataset, o.id)).collect::<Vec<_>>().join(", "),
        ),
        ("Summary", proposal.summary.clone()),
    ]));

    if !state.stances.is_empty() {
        let mut table = Table::new(&["Party", "Role", "Stance", "Since", "Conditions", "Note"]);
        for stance in &state.stances {
            let conditions: Vec<String> = stance.condition_ids.iter().map(|id| format!("#{id}")).collect();
            table.row(vec![
                stance.party.clone(),
                stance.role.label().to_string(),
                stance.stance.label().to_string(),
                stance.since.human(),
                conditions.join(" "),
                stance.note.clone(),
            ]);
        }
        page.push_str(&format!("\nStances\n{}", table.render()));
    }
    if !state.conditions.is_empty() {
        let mut table = Table::new(&["Id", "Condition", "Raised by", "Category", "Status", "Since"]);
        for condition in &state.conditions {
            table.row(vec![
                format!("#{}", condition.id),
                condition.text.clone(),
                condition.raised_by.clone(),
                condition.category.label().to_string(),
                condition.status.label().to_string(),
                condition.since.human(),
            ]);
        }
        page.push_str(&format!("\nConditions\n{}", table.render()));
    }
    if !state.timeline.is_empty() {
        let mut table = Table::new(&["Status", "From", "Until"]);
        for span in &state.timeline {
            table.row(vec![
                span.status.label().to_string(),
                span.from.human(),
                span.until.map(EventDate::human).unwrap_or_default(),
            ]);
        }
        page.push_str(&format!("\nTimeline\n{}", table.render()));
    }
    page
}
