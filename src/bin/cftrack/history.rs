//! `cftrack history`: every entry of a proposal's history, retracted ones marked.

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::table::Table;
use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::model::{Change, EventDate, HistoryEntry, Role, SourceRef, Vocabulary};
use ceasefire_tracker::store::Store;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The proposal, by id or title.
    proposal: String,
    /// Print JSON (vocabulary codes, ISO dates) instead of text.
    #[arg(long)]
    json: bool,
}

/// An entry in `history --json`.
#[derive(Debug, Serialize)]
struct EntryJson<'a> {
    /// The event's id: the one `retract` takes.
    id: i64,
    /// status, stance or condition.
    kind: &'static str,
    date: EventDate,
    /// The new status or stance, as a code.
    value: &'static str,
    /// The party whose stance it is, or who raised the condition.
    party: Option<&'a str>,
    role: Option<Role>,
    condition_id: Option<i64>,
    condition: Option<&'a str>,
    note: &'a str,
    sources: &'a [SourceRef],
    recorded_at: DateTime<Utc>,
    /// Who recorded it; empty when that is not known.
    recorded_by: &'a str,
    retracted: bool,
    retracted_at: Option<DateTime<Utc>>,
    retraction_reason: Option<&'a str>,
    retracted_by: Option<&'a str>,
}

pub fn run(store: &Store, args: HistoryArgs) -> Result<Output> {
    let proposal = store.find_proposal(&args.proposal)?;
    let entries = store.history(proposal.id)?;
    if args.json {
        return Ok(Output::json(&entries.iter().map(entry_json).collect::<Vec<_>>()));
    }
    let mut table = Table::new(&["Id", "Date", "What", "Value", "Note", "Sources", "Retracted"]);
    for entry in &entries {
        let sources: Vec<&str> = entry.sources.iter().map(|source| source.title.as_str()).collect();
        table.row(vec![
            entry.id.to_string(),
            entry.occurred_on.human(),
            what(entry),
            entry.value_label().to_string(),
            entry.note.clone(),
            sources.join("; "),
            entry.retraction.as_ref().map(|r| r.reason.clone()).unwrap_or_default(),
        ]);
    }
    Ok(Output::text(format!("{} (#{})\n{}", proposal.title, proposal.id, table.render())))
}

/// What the entry is about, in words: "Status", "Stance of Russia", "Condition #3 (Russia)".
fn what(entry: &HistoryEntry) -> String {
    let party = entry.party.as_deref().unwrap_or_default();
    match entry.change {
        Change::Status { .. } => "Status".to_string(),
        Change::Stance { role, .. } => format!("Stance of {party} ({})", role.label()),
        Change::Condition { condition, .. } => {
            let text =
                entry.condition.as_deref().map(|text| format!(": {}", shortened(text))).unwrap_or_default();
            format!("Condition #{condition} ({party}){text}")
        }
        Change::Violation { .. } => {
            let against = entry.against.as_deref().map(|a| format!(" against {a}")).unwrap_or_default();
            match entry.party.as_deref() {
                Some(by) => format!("Violation reported by {by}{against}"),
                None => format!("Violation reported{against}"),
            }
        }
        Change::Implementation { condition, .. } => {
            let text =
                entry.condition.as_deref().map(|text| format!(": {}", shortened(text))).unwrap_or_default();
            format!("Implementation of condition #{condition}{text}")
        }
    }
}

/// The start of a long text, so that the table stays readable.
fn shortened(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        return text.to_string();
    }
    let start: String = text.chars().take(LIMIT - 1).collect();
    format!("{}…", start.trim_end())
}

fn entry_json(entry: &HistoryEntry) -> EntryJson<'_> {
    let (role, condition_id) = match entry.change {
        Change::Status { .. } => (None, None),
        Change::Stance { role, .. } => (Some(role), None),
        Change::Condition { condition, .. } | Change::Implementation { condition, .. } => {
            (None, Some(condition))
        }
        Change::Violation { .. } => (None, None),
    };
    EntryJson {
        id: entry.id,
        kind: entry.kind_code(),
        date: entry.occurred_on,
        value: entry.value_code(),
        party: entry.party.as_deref(),
        role,
        condition_id,
        condition: entry.condition.as_deref(),
        note: &entry.note,
        sources: &entry.sources,
        recorded_at: entry.recorded_at,
        recorded_by: &entry.recorded_by,
        retracted: entry.retraction.is_some(),
        retracted_at: entry.retraction.as_ref().map(|r| r.at),
        retraction_reason: entry.retraction.as_ref().map(|r| r.reason.as_str()),
        retracted_by: entry.retraction.as_ref().map(|r| r.recorded_by.as_str()),
    }
}
