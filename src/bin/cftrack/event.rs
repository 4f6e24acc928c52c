//! Recording what happened: `status set`, `stance set`, `condition add|set`, `retract`.

use clap::{Args, Subcommand};

use super::input::{date, sources, word};
use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::model::{
    Change, ConditionCategory, ConditionKind, ConditionStatus, Extension, ImplementationLevel, NewCondition,
    NewEvent, ProposalStatus, Role, Stance, Viewpoint,
};
use ceasefire_tracker::store::Store;

/// What every recorded event carries besides its change.
#[derive(Debug, Args)]
pub struct EventArgs {
    /// When it happened: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE")]
    on: String,
    /// A note or a quote.
    #[arg(long, value_name = "TEXT", default_value = "", hide_default_value = true)]
    note: String,
    /// Where it was reported: a known source's URL or title, or a new one. Repeatable.
    #[arg(long, value_name = "URL_OR_TITLE")]
    source: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    /// Record that a proposal moved to a status; prints the event's id.
    Set {
        /// The proposal, by id or title.
        proposal: String,
        /// floated, under_negotiation, partially_accepted, agreed, in_effect, extended,
        /// violated, collapsed, expired, superseded, rejected, withdrawn or unclear.
        status: String,
        /// With `extended`: the new last day the ceasefire covers.
        #[arg(long, value_name = "DATE", conflicts_with = "by_days")]
        until: Option<String>,
        /// With `extended`: how many days it adds to the end.
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        by_days: Option<i64>,
        #[command(flatten)]
        event: EventArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum StanceCommand {
    /// Record a party's stance on a proposal; prints the event's id.
    Set {
        /// The proposal, by id or title.
        proposal: String,
        /// The party, by id or name.
        party: String,
        /// proposer, supports, supports_with_conditions, agrees_in_principle, no_position,
        /// opposes, rejects or withdrew_support.
        stance: String,
        /// party, mediator, guarantor, observer or third_party (default: the party's role
        /// on this proposal so far, else party).
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        #[command(flatten)]
        event: EventArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConditionCommand {
    /// Record a condition a party sets on a proposal, as raised; prints its id.
    Add {
        /// The proposal, by id or title.
        proposal: String,
        /// Who raised it, by id or name.
        #[arg(long, value_name = "PARTY")]
        by: String,
        /// The condition in words.
        text: String,
        /// Whom it is directed at, by id or name.
        #[arg(long, value_name = "PARTY")]
        directed_at: Option<String>,
        /// security_guarantees, peacekeeping, territory, military_limits, arms_supplies,
        /// sanctions, prisoners, monitoring, humanitarian, political_status or other.
        #[arg(long, value_name = "CATEGORY", default_value = "other")]
        category: String,
        /// precondition, demand or red_line.
        #[arg(long, value_name = "KIND", default_value = "demand")]
        kind: String,
        #[command(flatten)]
        event: EventArgs,
    },
    /// Record that a condition moved to a status; prints the event's id.
    Set {
        /// The condition's id (shown by `proposal show`).
        condition: i64,
        /// raised, under_negotiation, accepted, rejected, partially_met, met or dropped.
        status: String,
        #[command(flatten)]
        event: EventArgs,
    },
    /// Record how far a condition was carried out on the ground; prints the entry's id.
    Implement {
        /// The condition's id (shown by `proposal show`).
        condition: i64,
        /// not_started, minimal, intermediate or full (the Peace Accords Matrix scale).
        level: String,
        #[command(flatten)]
        event: EventArgs,
    },
}

#[derive(Debug, Args)]
pub struct RetractArgs {
    /// The event's id (shown by `history`).
    event: i64,
    /// Why it was wrong.
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

pub fn status(store: &mut Store, command: StatusCommand) -> Result<Output> {
    let StatusCommand::Set { proposal, status, until, by_days, event } = command;
    let proposal = store.find_proposal(&proposal)?;
    let change = Change::Status { status: word::<ProposalStatus>("status", &status)? };
    let extension = match (until, by_days) {
        (Some(until), _) => Some(Extension::Until(date("until", &until)?)),
        (None, Some(days)) => Some(Extension::ByDays(days)),
        (None, None) => None,
    };
    record(store, proposal.id, change, event, extension)
}

pub fn stance(store: &mut Store, command: StanceCommand) -> Result<Output> {
    let StanceCommand::Set { proposal, party, stance, role, event } = command;
    let proposal = store.find_proposal(&proposal)?;
    let party = store.find_party(&party)?;
    let stance = word::<Stance>("stance", &stance)?;
    let role = match role {
        Some(role) => word::<Role>("role", &role)?,
        None => role_so_far(store, proposal.id, party.id)?.unwrap_or(Role::Party),
    };
    record(store, proposal.id, Change::Stance { party: party.id, stance, role }, event, None)
}

/// The role a party has played on a proposal by now, so that a new stance keeps it.
fn role_so_far(store: &Store, proposal: i64, party: i64) -> Result<Option<Role>> {
    let state = store.proposal_state(proposal, Viewpoint::today())?;
    Ok(state.stances.iter().find(|stance| stance.party_id == party).map(|stance| stance.role))
}

pub fn condition(store: &mut Store, command: ConditionCommand) -> Result<Output> {
    match command {
        ConditionCommand::Add { proposal, by, text, directed_at, category, kind, event } => {
            let proposal = store.find_proposal(&proposal)?;
            let raised_by = store.find_party(&by)?;
            let directed_at = directed_at.map(|name| store.find_party(&name)).transpose()?;
            let condition = NewCondition {
                proposal: proposal.id,
                raised_by: raised_by.id,
                directed_at: directed_at.map(|party| party.id),
                text,
                kind: word::<ConditionKind>("kind", &kind)?,
                category: word::<ConditionCategory>("category", &category)?,
                raised_on: date("date", &event.on)?,
                note: event.note,
                sources: sources(store, &event.source)?,
            };
            let recorded = store.add_condition(&condition)?;
            Ok(Output::id(recorded.id).with_warnings(recorded.warnings))
        }
        ConditionCommand::Implement { condition, level, event } => {
            let condition = store.condition(condition)?;
            let level = word::<ImplementationLevel>("level", &level)?;
            record(
                store,
                condition.proposal,
                Change::Implementation { condition: condition.id, level },
                event,
                None,
            )
        }
        ConditionCommand::Set { condition, status, event } => {
            let condition = store.condition(condition)?;
            let status = word::<ConditionStatus>("status", &status)?;
            record(
                store,
                condition.proposal,
                Change::Condition { condition: condition.id, status },
                event,
                None,
            )
        }
    }
}

pub(super) fn record(
    store: &mut Store,
    proposal: i64,
    change: Change,
    event: EventArgs,
    extension: Option<Extension>,
) -> Result<Output> {
    let event = NewEvent {
        proposal,
        change,
        occurred_on: date("date", &event.on)?,
        note: event.note,
        sources: sources(store, &event.source)?,
        extension,
        violation: Default::default(),
    };
    let recorded = store.record(&event)?;
    Ok(Output::id(recorded.id).with_warnings(recorded.warnings))
}

pub fn retract(store: &mut Store, args: RetractArgs) -> Result<Output> {
    store.retract(args.event, &args.reason)?;
    Ok(Output::default())
}
