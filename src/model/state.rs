//! What users look at: the state of play as of a date, and the history behind it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::date::EventDate;
use super::records::{Change, Condition, Proposal, Retraction};
use super::vocab::{
    ConditionCategory, ConditionKind, ConditionStatus, ImplementationLevel, ProposalKind, ProposalStatus,
    Role, Stance,
};

/// Which state to show: as of a date (the events that had happened by then), and
/// optionally as known on a past time (only what had been recorded by then, and
/// retractions made later ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Viewpoint {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    #[ts(type = "string | null")]
    pub known_on: Option<DateTime<Utc>>,
}

impl Viewpoint {
    pub fn today() -> Self {
        Self::as_of(Utc::now().date_naive())
    }

    pub fn as_of(date: NaiveDate) -> Self {
        Self { as_of: date, known_on: None }
    }
}

/// One proposal's line in the proposals list and the overview report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub proposed_by: String,
    pub proposed_on: EventDate,
    pub kind: ProposalKind,
    pub process: String,
    /// None when the proposal had not been made yet on the date asked.
    pub status: Option<ProposalStatus>,
    pub status_since: Option<EventDate>,
    #[ts(type = "number | null")]
    pub days_in_status: Option<i64>,
    #[ts(type = "number")]
    pub supporters: i64,
    #[ts(type = "number")]
    pub conditional: i64,
    #[ts(type = "number")]
    pub opposed: i64,
    #[ts(type = "number")]
    pub open_conditions: i64,
    /// The date of the latest event of any kind up to the date asked.
    pub last_change: Option<EventDate>,
    /// The last day its ceasefire covers, while in effect with an end (see [`super::clock`]).
    pub ends_on: Option<EventDate>,
    /// Days from the date asked to `ends_on`: 0 on the last day, negative after; none when
    /// the end is known only to the month or year.
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    /// Past its end while still in effect, with no extension or follow-up recorded.
    pub overdue: bool,
    /// Violation reports of the 30 days up to the date asked, while it is in effect.
    #[ts(type = "number")]
    pub violations_30_days: i64,
    /// Its implementation score, for a proposal agreed or in effect.
    pub implementation: Option<ImplementationScore>,
}

/// A proposal's line as the proposals list sends it to the window: the fields of
/// [`ProposalSummary`], in their order, as an array. Without the field names repeated on
/// every line, the list of 10,000 proposals is 2.2 MB of JSON instead of 3.9 MB, which the
/// window receives and reads that much sooner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SummaryRow(
    #[ts(type = "number")] pub i64,
    pub String,
    pub String,
    pub EventDate,
    pub ProposalKind,
    pub String,
    pub Option<ProposalStatus>,
    pub Option<EventDate>,
    #[ts(type = "number | null")] pub Option<i64>,
    #[ts(type = "number")] pub i64,
    #[ts(type = "number")] pub i64,
    #[ts(type = "number")] pub i64,
    #[ts(type = "number")] pub i64,
    pub Option<EventDate>,
    pub Option<EventDate>,
    #[ts(type = "number | null")] pub Option<i64>,
    pub bool,
    #[ts(type = "number")] pub i64,
    pub Option<ImplementationScore>,
);

impl From<ProposalSummary> for SummaryRow {
    fn from(line: ProposalSummary) -> Self {
        Self(
            line.id,
            line.title,
            line.proposed_by,
            line.proposed_on,
            line.kind,
            line.process,
            line.status,
            line.status_since,
            line.days_in_status,
            line.supporters,
            line.conditional,
            line.opposed,
            line.open_conditions,
            line.last_change,
            line.ends_on,
            line.days_left,
            line.overdue,
            line.violations_30_days,
            line.implementation,
        )
    }
}

/// A party's stance on a proposal as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StanceState {
    #[ts(type = "number")]
    pub party_id: i64,
    pub party: String,
    pub role: Role,
    pub stance: Stance,
    pub since: EventDate,
    pub note: String,
    /// The conditions this party has raised on the proposal (ids into `conditions`).
    #[ts(type = "Array<number>")]
    pub condition_ids: Vec<i64>,
}

/// A condition and where it stands as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConditionState {
    #[ts(type = "number")]
    pub id: i64,
    pub text: String,
    #[ts(type = "number")]
    pub raised_by_id: i64,
    pub raised_by: String,
    pub directed_at: Option<String>,
    pub kind: ConditionKind,
    pub category: ConditionCategory,
    pub status: ConditionStatus,
    pub since: EventDate,
    /// How far it was carried out on the ground, and since when, once recorded.
    pub implementation: Option<ImplementationLevel>,
    pub implemented_since: Option<EventDate>,
}

/// A proposal's implementation score: the mean level of its conditions that have an
/// implementation entry, as a percentage of full (0-100), and how many conditions that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImplementationScore {
    #[ts(type = "number")]
    pub percent: i64,
    #[ts(type = "number")]
    pub conditions: i64,
}

impl ImplementationScore {
    /// The score of conditions at `levels`; none for no conditions.
    pub fn of(levels: impl IntoIterator<Item = ImplementationLevel>) -> Option<Self> {
        let (sum, count) =
            levels.into_iter().fold((0, 0), |(sum, count), level| (sum + level.scale(), count + 1));
        (count > 0).then(|| Self { percent: (sum * 100 + count * 3 / 2) / (count * 3), conditions: count })
    }
}

/// How many violation reports one week had: the week begins on `week_of` (a Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WeekOfReports {
    #[ts(type = "string")]
    pub week_of: chrono::NaiveDate,
    #[ts(type = "number")]
    pub reports: i64,
    /// Of those, how many the accused denies.
    #[ts(type = "number")]
    pub disputed: i64,
}

/// A stretch of time a proposal spent in one status, for the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusSpan {
    pub status: ProposalStatus,
    pub from: EventDate,
    /// None while it still holds on the date asked.
    pub until: Option<EventDate>,
}

/// Everything the proposal page shows, as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalState {
    pub proposal: Proposal,
    pub viewpoint: Viewpoint,
    pub status: Option<ProposalStatus>,
    pub status_since: Option<EventDate>,
    #[ts(type = "number | null")]
    pub days_in_status: Option<i64>,
    pub stances: Vec<StanceState>,
    pub conditions: Vec<ConditionState>,
    /// Every condition ever raised on the proposal, whatever the date asked.
    pub all_conditions: Vec<Condition>,
    pub timeline: Vec<StatusSpan>,
    /// Every entry, retracted ones included, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Proposals that replace this one.
    pub superseded_by: Vec<ProposalRef>,
    /// True when two analysts edited the proposal without seeing each other's edit (on two
    /// machines, before their files met): the later edit holds, both are in the revisions.
    pub edited_on_two_machines: bool,
    /// Its clock as of the date asked, while it is in effect.
    pub clock: Option<ClockState>,
    /// The deal it is a phase of, and its number there.
    pub phase_of: Option<ProposalRef>,
    #[ts(type = "number | null")]
    pub phase: Option<i64>,
    /// Its own phases, in order, each with its status and clock as of the date asked.
    pub phases: Vec<PhaseState>,
    /// Edits of its description and of its conditions' wording, oldest first.
    pub edits: Vec<EditEntry>,
    /// The violation reports as of the date asked, retracted ones left out, newest first.
    pub violations: Vec<HistoryEntry>,
    /// The reports per week, from the week of the first to the week of the date asked.
    pub violations_per_week: Vec<WeekOfReports>,
    /// Its implementation score as of the date asked, once any condition has an entry.
    pub implementation: Option<ImplementationScore>,
    /// Where it was imported from: each dataset's record, with the publisher's page.
    pub origins: Vec<OriginRef>,
}

/// A research dataset's record an imported proposal comes from: "PA-X 1364".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OriginRef {
    /// "PA-X", "UCDP", "ETH/PRIO".
    pub dataset: String,
    pub id: String,
    /// The publisher's page of the record, where it has one.
    pub url: Option<String>,
}

/// An edit of the proposal or of one of its conditions, as its history shows it: "Title
/// changed from “30-day ceasefire” to “30-day interim ceasefire”", with who and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EditEntry {
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
    /// One line per field changed.
    pub changes: Vec<String>,
}

/// A ceasefire's clock as of a date: when it started, when it ends (none: no end date),
/// how many days it has left, and whether it is past its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClockState {
    pub started_on: EventDate,
    pub ends_on: Option<EventDate>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub overdue: bool,
}

/// A phase of a deal as the deal's page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PhaseState {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    #[ts(type = "number")]
    pub phase: i64,
    pub status: Option<ProposalStatus>,
    pub ends_on: Option<EventDate>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub overdue: bool,
}

/// A proposal whose clock ends within the days asked, or has run out: what
/// `cftrack deadlines` and the Deadlines view list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Deadline {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub status: ProposalStatus,
    pub ends_on: EventDate,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalRef {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
}

/// A source cited by an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourceRef {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
}

/// One entry in a proposal's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// The event's id: the one `retract` takes.
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub proposal_id: i64,
    pub proposal: String,
    pub change: Change,
    /// The party the stance is of, or the one who raised the condition.
    pub party: Option<String>,
    /// The condition's text for a condition event.
    pub condition: Option<String>,
    pub occurred_on: EventDate,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it; empty when that is not known.
    pub recorded_by: String,
    pub note: String,
    pub sources: Vec<SourceRef>,
    pub retraction: Option<Retraction>,
    /// How an `extended` status extends the ceasefire, when it says.
    pub extension: Option<super::Extension>,
    /// A violation report's period, count and place.
    pub violation: Option<super::ViolationDetails>,
    /// The party a violation is reported against, by name.
    pub against: Option<String>,
    /// What the entry says happened, in one line, as the window shows it ("Russia: Agrees
    /// in principle (Party to the conflict)"); see `EntryWords`.
    pub words: String,
}

impl HistoryEntry {
    /// What the entry says happened, in parts, as the reports set it out.
    pub fn words_in_parts(&self) -> EntryWords {
        EntryWords::of(
            &self.change,
            self.party.as_deref(),
            self.condition.as_deref(),
            self.against.as_deref(),
        )
    }

    /// The entry's new value in words ("Supports with conditions").
    pub fn value_label(&self) -> &'static str {
        use super::vocab::Vocabulary;
        match self.change {
            Change::Status { status } => status.label(),
            Change::Stance { stance, .. } => stance.label(),
            Change::Condition { status, .. } => status.label(),
            Change::Violation { disputed: true, .. } => "Disputed",
            Change::Violation { disputed: false, .. } => "Reported",
            Change::Implementation { level, .. } => level.label(),
        }
    }

    /// The entry's new value as a code ("supports_with_conditions").
    pub fn value_code(&self) -> &'static str {
        use super::vocab::Vocabulary;
        match self.change {
            Change::Status { status } => status.code(),
            Change::Stance { stance, .. } => stance.code(),
            Change::Condition { status, .. } => status.code(),
            Change::Violation { disputed: true, .. } => "disputed",
            Change::Violation { disputed: false, .. } => "reported",
            Change::Implementation { level, .. } => level.code(),
        }
    }

    pub fn kind_code(&self) -> &'static str {
        match self.change {
            Change::Status { .. } => "status",
            Change::Stance { .. } => "stance",
            Change::Condition { .. } => "condition",
            Change::Violation { .. } => "violation",
            Change::Implementation { .. } => "implementation",
        }
    }
}

/// What a history entry says happened: who or what it is about, the new value, and a
/// detail (the role a stance was taken in). The one wording of history entries: the
/// reports set the parts out in their columns, the window shows them in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryWords {
    /// "Status", "Russia", "Condition “Verification of the ceasefire” (raised by Russia)".
    pub subject: String,
    /// "Agrees in principle".
    pub value: &'static str,
    /// "Party to the conflict".
    pub detail: Option<&'static str>,
}

impl EntryWords {
    /// The words of `change`, made by `party` (the party whose stance it is, who raised the
    /// condition, or who reported a violation) on the condition with the text `condition`,
    /// a violation reported against `against`.
    pub fn of(change: &Change, party: Option<&str>, condition: Option<&str>, against: Option<&str>) -> Self {
        use super::vocab::Vocabulary;
        match *change {
            Change::Status { status } => {
                Self { subject: "Status".to_string(), value: status.label(), detail: None }
            }
            Change::Stance { stance, role, .. } => Self {
                subject: party.unwrap_or("A party").to_string(),
                value: stance.label(),
                detail: Some(role.label()),
            },
            Change::Condition { status, .. } => {
                let text = condition.unwrap_or_default();
                let subject = match party {
                    Some(party) => format!("Condition \u{201c}{text}\u{201d} (raised by {party})"),
                    None => format!("Condition \u{201c}{text}\u{201d}"),
                };
                Self { subject, value: status.label(), detail: None }
            }
            Change::Violation { disputed, .. } => {
                let subject = match (party, against) {
                    (Some(by), Some(against)) => format!("Violation reported by {by} against {against}"),
                    (Some(by), None) => format!("Violation reported by {by}"),
                    (None, Some(against)) => format!("Violation reported against {against}"),
                    (None, None) => "Violation reported".to_string(),
                };
                let detail = disputed.then_some("the accused denies it");
                Self { subject, value: if disputed { "Disputed" } else { "Reported" }, detail }
            }
            Change::Implementation { level, .. } => Self {
                subject: format!("Implementation of \u{201c}{}\u{201d}", condition.unwrap_or_default()),
                value: level.label(),
                detail: None,
            },
        }
    }

    /// "Russia: Agrees in principle (Party to the conflict)".
    pub fn line(&self) -> String {
        match self.detail {
            Some(detail) => format!("{}: {} ({detail})", self.subject, self.value),
            None => format!("{}: {}", self.subject, self.value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConditionStatus, ProposalStatus, Role, Stance};

    #[test]
    fn history_entries_name_statuses_stances_and_conditions_by_their_labels_never_their_codes() {
        let status = Change::Status { status: ProposalStatus::PartiallyAccepted };
        assert_eq!(EntryWords::of(&status, None, None, None).line(), "Status: Partially accepted");
        let stance = Change::Stance { party: 3, stance: Stance::AgreesInPrinciple, role: Role::Party };
        assert_eq!(
            EntryWords::of(&stance, Some("Russia"), None, None).line(),
            "Russia: Agrees in principle (Party to the conflict)"
        );
        let condition = Change::Condition { condition: 2, status: ConditionStatus::UnderNegotiation };
        let text = "No Ukrainian mobilisation or rearmament during the truce";
        assert_eq!(
            EntryWords::of(&condition, Some("Russia"), Some(text), None).line(),
            "Condition \u{201c}No Ukrainian mobilisation or rearmament during the truce\u{201d} (raised by Russia): \
             Under negotiation",
        );
    }
}
