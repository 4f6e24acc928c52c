//! `cftrack violation`: reports that a ceasefire was broken.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::input::{date, sources, viewpoint};
use super::table::Table;
use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::model::{Change, EventDate, HistoryEntry, NewEvent, ViolationDetails};
use ceasefire_tracker::report::text;
use ceasefire_tracker::store::Store;

#[derive(Debug, Subcommand)]
pub enum ViolationCommand {
    /// Record a violation report; prints the entry's id, which `retract` takes.
    Add(AddViolation),
    /// The live violation reports on a proposal as of a date, newest first.
    List {
        /// The proposal, by id or title.
        proposal: String,
        /// The date asked (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON (ISO dates) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddViolation {
    /// The proposal, by id or title.
    proposal: String,
    /// When: YYYY-MM-DD (or YYYY-MM, YYYY), or a period FROM..TO.
    #[arg(long, value_name = "DATE|FROM..TO")]
    on: String,
    /// Who reported it, by id or name (or give only --source).
    #[arg(long, value_name = "PARTY")]
    by: Option<String>,
    /// Whom it is reported against, by id or name.
    #[arg(long, value_name = "PARTY")]
    against: Option<String>,
    /// What happened.
    #[arg(long, value_name = "TEXT", default_value = "", hide_default_value = true)]
    what: String,
    /// How many (with --unit): 1000 for "over 1,000 drones".
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    count: Option<i64>,
    /// What was counted: drones, shells, attacks.
    #[arg(long, value_name = "UNIT")]
    unit: Option<String>,
    /// Where.
    #[arg(long, value_name = "PLACE", default_value = "", hide_default_value = true)]
    place: String,
    /// The accused denies it.
    #[arg(long)]
    disputed: bool,
    /// Where it was reported: a known source's URL or title, or a new one. Repeatable.
    #[arg(long, value_name = "URL_OR_TITLE")]
    source: Vec<String>,
}

impl ViolationCommand {
    pub fn only_reads(&self) -> bool {
        matches!(self, Self::List { .. })
    }
}

pub fn run(store: &mut Store, command: ViolationCommand) -> Result<Output> {
    match command {
        ViolationCommand::Add(args) => add(store, args),
        ViolationCommand::List { proposal, as_of, json } => list(store, &proposal, as_of.as_deref(), json),
    }
}

fn add(store: &mut Store, args: AddViolation) -> Result<Output> {
    let proposal = store.find_proposal(&args.proposal)?;
    let (on, until) = match args.on.split_once("..") {
        Some((from, to)) => (date("on", from)?, Some(date("on", to)?)),
        None => (date("on", &args.on)?, None),
    };
    let reported_by = args.by.map(|name| store.find_party(&name)).transpose()?;
    let against = args.against.map(|name| store.find_party(&name)).transpose()?;
    let details =
        ViolationDetails { until, count: args.count, unit: args.unit.unwrap_or_default(), place: args.place };
    let event = NewEvent {
        proposal: proposal.id,
        change: Change::Violation {
            reported_by: reported_by.map(|party| party.id),
            against: against.map(|party| party.id),
            disputed: args.disputed,
        },
        occurred_on: on,
        note: args.what,
        sources: sources(store, &args.source)?,
        extension: None,
        violation: Some(details),
    };
    let recorded = store.record(&event)?;
    Ok(Output::id(recorded.id).with_warnings(recorded.warnings))
}

/// A violation report in `violation list --json` and `proposal show --json`.
#[derive(Debug, Serialize)]
pub struct ViolationJson<'a> {
    id: i64,
    occurred_on: EventDate,
    until: Option<EventDate>,
    reported_by: Option<&'a str>,
    against: Option<&'a str>,
    what: &'a str,
    count: Option<i64>,
    unit: Option<&'a str>,
    place: Option<&'a str>,
    disputed: bool,
}

impl<'a> From<&'a HistoryEntry> for ViolationJson<'a> {
    fn from(entry: &'a HistoryEntry) -> Self {
        let details = entry.violation.as_ref();
        Self {
            id: entry.id,
            occurred_on: entry.occurred_on,
            until: details.and_then(|d| d.until),
            reported_by: entry.party.as_deref(),
            against: entry.against.as_deref(),
            what: &entry.note,
            count: details.and_then(|d| d.count),
            unit: details.filter(|d| d.count.is_some()).map(|d| d.unit.as_str()),
            place: details.map(|d| d.place.as_str()).filter(|place| !place.is_empty()),
            disputed: matches!(entry.change, Change::Violation { disputed: true, .. }),
        }
    }
}

fn list(store: &Store, proposal: &str, as_of: Option<&str>, json: bool) -> Result<Output> {
    let viewpoint = viewpoint(as_of, None)?;
    let proposal = store.find_proposal(proposal)?;
    let state = store.proposal_state(proposal.id, viewpoint)?;
    if json {
        return Ok(Output::json(&state.violations.iter().map(ViolationJson::from).collect::<Vec<_>>()));
    }
    if state.violations.is_empty() {
        return Ok(Output::text(format!(
            "No violation of {} was reported by {}.\n",
            proposal.title,
            text::day(viewpoint.as_of)
        )));
    }
    let mut table = Table::new(&["Id", "Date", "Reported by", "Against", "What", "Count", "Disputed"]);
    for entry in &state.violations {
        let v = ViolationJson::from(entry);
        let when = match v.until {
            Some(until) => format!("{} to {}", v.occurred_on.human(), until.human()),
            None => v.occurred_on.human(),
        };
        table.row(vec![
            v.id.to_string(),
            when,
            v.reported_by.map_or_else(|| "(a source)".to_string(), str::to_string),
            v.against.unwrap_or_default().to_string(),
            v.what.to_string(),
            v.count.map(|count| format!("{count} {}", v.unit.unwrap_or_default())).unwrap_or_default(),
            if v.disputed { "disputed".to_string() } else { String::new() },
        ]);
    }
    Ok(Output::text(table.render()))
}
