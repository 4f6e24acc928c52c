//! The CSV forms, for spreadsheets: one row per proposal (overview, process) or per entry
//! (changes, violation reports and implementation steps among them),
//! vocabulary codes and ISO dates as in every export.

use super::{Report, ReportBody};
use crate::error::{Error, InputError, Result};
use crate::model::{Change, EventDate, Vocabulary};

pub fn document(report: &Report) -> Result<String> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let written = match &report.body {
        ReportBody::Overview { proposals, .. } => {
            write(&mut out, &OVERVIEW_HEADER);
            for p in proposals {
                write(
                    &mut out,
                    &[
                        p.id.to_string(),
                        cell(&p.title),
                        cell(&p.proposed_by),
                        p.proposed_on.iso(),
                        p.kind.code().to_string(),
                        p.status.map(|s| s.code().to_string()).unwrap_or_default(),
                        iso(p.status_since),
                        p.days_in_status.map(|d| d.to_string()).unwrap_or_default(),
                        p.supporters.to_string(),
                        p.conditional.to_string(),
                        p.opposed.to_string(),
                        p.open_conditions.to_string(),
                        iso(p.last_change),
                        iso(p.ends_on),
                        p.days_left.map(|d| d.to_string()).unwrap_or_default(),
                        p.overdue.to_string(),
                        p.violations_30_days.to_string(),
                        p.implementation.map(|s| s.percent.to_string()).unwrap_or_default(),
                        p.implementation.map(|s| s.conditions.to_string()).unwrap_or_default(),
                    ],
                );
            }
            out.into_inner()
        }
        ReportBody::Changes { proposals, deadlines, .. } => {
            write(&mut out, &CHANGES_HEADER);
            for entry in proposals.iter().flat_map(|p| &p.entries) {
                let role = match entry.change {
                    Change::Stance { role, .. } => role.code(),
                    _ => "",
                };
                let sources: Vec<&str> = entry.sources.iter().map(|s| s.title.as_str()).collect();
                let details = entry.violation.clone().unwrap_or_default();
                write(
                    &mut out,
                    &[
                        entry.proposal_id.to_string(),
                        cell(&entry.proposal),
                        entry.id.to_string(),
                        entry.occurred_on.iso(),
                        entry.kind_code().to_string(),
                        entry.party.as_deref().map(cell).unwrap_or_default(),
                        entry.condition.as_deref().map(cell).unwrap_or_default(),
                        entry.value_code().to_string(),
                        role.to_string(),
                        cell(&entry.note),
                        cell(&sources.join("; ")),
                        entry.against.as_deref().map(cell).unwrap_or_default(),
                        iso(details.until),
                        details.count.map(|c| c.to_string()).unwrap_or_default(),
                        cell(&details.unit),
                        cell(&details.place),
                    ],
                );
            }
            // Then the clocks that ran out in the period with nothing recorded since: a row
            // each, dated on the last day covered.
            for deadline in deadlines {
                write(
                    &mut out,
                    &[
                        deadline.id.to_string(),
                        cell(&deadline.title),
                        String::new(),
                        deadline.ends_on.iso(),
                        "deadline_passed".to_string(),
                        String::new(),
                        String::new(),
                        deadline.status.code().to_string(),
                        String::new(),
                        "past its end; no extension or follow-up recorded".to_string(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                );
            }
            out.into_inner()
        }
        ReportBody::Process(timeline) => {
            write(&mut out, &PROCESS_HEADER);
            for lane in &timeline.lanes {
                let id = |id: Option<i64>| id.map(|id| id.to_string()).unwrap_or_default();
                write(
                    &mut out,
                    &[
                        lane.id.to_string(),
                        cell(&lane.title),
                        cell(&lane.proposed_by),
                        lane.proposed_on.iso(),
                        lane.kind.code().to_string(),
                        id(lane.phase_of),
                        id(lane.phase),
                        id(lane.supersedes),
                        lane.status.map(|s| s.code().to_string()).unwrap_or_default(),
                        iso(lane.status_since),
                        iso(lane.ends_on),
                        lane.days_left.map(|d| d.to_string()).unwrap_or_default(),
                        lane.overdue.to_string(),
                    ],
                );
            }
            out.into_inner()
        }
        ReportBody::Status { .. } => return Err(no_status_form()),
    };
    // Rows of strings written to memory: neither the writer nor the UTF-8 can fail.
    let bytes = written.expect("writing CSV to memory cannot fail");
    Ok(String::from_utf8(bytes).expect("CSV of strings is UTF-8"))
}

/// The status report is a document, not a table: it comes as HTML or JSON.
pub fn no_status_form() -> Error {
    Error::invalid("format", InputError::StatusReportNotInCsv)
}

const OVERVIEW_HEADER: [&str; 19] = [
    "id",
    "title",
    "proposed_by",
    "proposed_on",
    "kind",
    "status",
    "status_since",
    "days_in_status",
    "supporters",
    "conditional",
    "opposed",
    "open_conditions",
    "last_change",
    "ends_on",
    "days_left",
    "overdue",
    "violations_30_days",
    "implementation_percent",
    "implementation_conditions",
];

const PROCESS_HEADER: [&str; 13] = [
    "id",
    "title",
    "proposed_by",
    "proposed_on",
    "kind",
    "phase_of",
    "phase",
    "supersedes",
    "status",
    "status_since",
    "ends_on",
    "days_left",
    "overdue",
];

/// A violation report's row also names the party it is against, the last day of the period
/// it covers, its count with the unit and its place; `value` says whether it is disputed.
const CHANGES_HEADER: [&str; 16] = [
    "proposal_id",
    "proposal",
    "event_id",
    "date",
    "kind",
    "party",
    "condition",
    "value",
    "role",
    "note",
    "sources",
    "against",
    "until",
    "count",
    "unit",
    "place",
];

/// Typed text as a cell a spreadsheet shows as text: one that would start with a formula
/// sign (`=`, `+`, `-`, `@`) or with a tab or carriage return, which some spreadsheets
/// also read as the start of a formula, gets an apostrophe in front, which spreadsheets
/// take as "this is text" and do not show. Anything else is left exactly as typed.
fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn iso(date: Option<EventDate>) -> String {
    date.map(EventDate::iso).unwrap_or_default()
}

fn write<S: AsRef<[u8]>>(out: &mut ::csv::Writer<Vec<u8>>, row: &[S]) {
    out.write_record(row).expect("writing CSV to memory cannot fail");
}
