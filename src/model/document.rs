//! The export document: the whole database as records that name each other by uuid, so
//! that a document made on one machine can be imported on another
//! (`docs/export-format.md`). The store reads and writes these records; `exchange` turns
//! them into JSON text and back and checks them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    ConditionCategory, ConditionKind, ConditionStatus, EventDate, Extension, ImplementationLevel, PartyKind,
    ProposalKind, ProposalStatus, Role, Stance,
};

/// The namespace of uuids made from others, so that two machines make the same one.
const DERIVED: Uuid = Uuid::from_u128(0x6d3c_1c9e_5a1f_4f0e_9d2b_7c4e_0a8b_3f21);

/// The uuid of the retraction carried inside an event of a version 1 document (or kept in a
/// database before retractions were records): the same on every machine.
pub fn retraction_of(entry: &Uuid) -> Uuid {
    Uuid::new_v5(&DERIVED, format!("retraction of {entry}").as_bytes())
}

/// What the `format` field of every document says.
pub const FORMAT: &str = "ceasefire-tracker";
/// The version of the document format this build writes; it reads this one and version 1.
pub const VERSION: i64 = 2;

/// The whole database: every record, each named by its uuid. Records keep the values they
/// were made with; edits are revisions, retractions and "same as" links records of their
/// own, so that two documents merge by taking the union of their records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: i64,
    pub parties: Vec<PartyRecord>,
    pub sources: Vec<SourceRecord>,
    pub proposals: Vec<ProposalRecord>,
    pub conditions: Vec<ConditionRecord>,
    pub events: Vec<EventRecord>,
    pub retractions: Vec<RetractionRecord>,
    pub revisions: Vec<RevisionRecord>,
    pub links: Vec<LinkRecord>,
    /// Where imported proposals come from; none in a document of hand-kept records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<OriginRecord>,
}

impl Document {
    /// A document of this format and version with no record yet, to be filled in.
    pub fn empty() -> Self {
        Self {
            format: FORMAT.to_string(),
            version: VERSION,
            parties: Vec::new(),
            sources: Vec::new(),
            proposals: Vec::new(),
            conditions: Vec::new(),
            events: Vec::new(),
            retractions: Vec::new(),
            revisions: Vec::new(),
            links: Vec::new(),
            origins: Vec::new(),
        }
    }
}

/// Where an imported proposal comes from: a research dataset's record ("PA-X 1364").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginRecord {
    pub uuid: Uuid,
    pub proposal: Uuid,
    /// "pax", "ucdp" or "ethprio".
    pub dataset: String,
    /// The record's id in that dataset.
    pub id: String,
    /// The other datasets' records it names ("ucdp 1537").
    pub links: Vec<String>,
    pub page_url: Option<String>,
    /// What the dataset said of it, summed up: a newer release that says otherwise updates it.
    pub fingerprint: String,
    /// The proposal's fields as the dataset gave them (title, proposed_on, process, kind,
    /// scope, duration_days).
    #[serde(default)]
    pub said: serde_json::Map<String, serde_json::Value>,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyRecord {
    pub uuid: Uuid,
    pub name: String,
    pub kind: PartyKind,
    pub member_of: Option<Uuid>,
    pub note: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub uuid: Uuid,
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
    pub published_on: Option<EventDate>,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalRecord {
    pub uuid: Uuid,
    pub title: String,
    pub summary: String,
    pub full_text: Option<String>,
    pub proposed_by: Uuid,
    pub proposed_on: EventDate,
    pub kind: ProposalKind,
    pub scope: String,
    pub duration_days: Option<i64>,
    pub process: String,
    pub supersedes: Option<Uuid>,
    /// Who proposed it with `proposed_by`, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_proposers: Vec<Uuid>,
    /// The deal it is a phase of, and its number there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_of: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<i64>,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionRecord {
    pub uuid: Uuid,
    pub proposal: Uuid,
    pub raised_by: Uuid,
    pub directed_at: Option<Uuid>,
    pub text: String,
    pub kind: ConditionKind,
    pub category: ConditionCategory,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// What an event says happened; parties and conditions named by uuid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ChangeRecord {
    Status {
        status: ProposalStatus,
    },
    Stance {
        party: Uuid,
        stance: Stance,
        role: Role,
    },
    Condition {
        condition: Uuid,
        status: ConditionStatus,
    },
    /// A violation report: the event's note says what happened.
    Violation {
        reported_by: Option<Uuid>,
        against: Option<Uuid>,
        disputed: bool,
        /// The last day of the period it covers, when more than a day.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<EventDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        count: Option<i64>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        unit: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        place: String,
    },
    /// How far a condition was carried out.
    Implementation {
        condition: Uuid,
        level: ImplementationLevel,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub uuid: Uuid,
    pub proposal: Uuid,
    pub change: ChangeRecord,
    pub occurred_on: EventDate,
    pub note: String,
    pub sources: Vec<Uuid>,
    /// How an `extended` status extends the ceasefire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Extension>,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// An entry (an event or a source) taken back as entered in error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetractionRecord {
    pub uuid: Uuid,
    /// The event or source retracted.
    pub entry: Uuid,
    pub reason: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// An edit of a party, source, proposal or condition: the fields it changed, before (as its
/// analyst saw them) and after; other records named by uuid, dates as `YYYY-MM-DD`,
/// `YYYY-MM` or `YYYY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionRecord {
    pub uuid: Uuid,
    /// "party", "source", "proposal" or "condition".
    pub table: String,
    pub record: Uuid,
    pub earlier: serde_json::Value,
    pub changed_to: serde_json::Value,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// A person's statement that two parties (or two sources) are the same: `record` is one
/// with `same_as`, whose name stays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRecord {
    pub uuid: Uuid,
    /// "party" or "source".
    pub table: String,
    pub record: Uuid,
    pub same_as: Uuid,
    pub recorded_at: String,
    pub recorded_by: String,
}

impl Imported {
    /// What the import did, in one sentence: "Imported 12 new entries from Olena Kovalenko's
    /// export olena.json, 3 already here; parties merged: Ukraine."
    pub fn sentence(&self, file: &str) -> String {
        let from = match self.recorded_by.as_slice() {
            [] => file.to_string(),
            [one] => format!("{one}'s export {file}"),
            many => format!("the export {file} by {}", many.join(", ")),
        };
        let entries = if self.added == 1 { "entry" } else { "entries" };
        let mut sentence = format!(
            "Imported {} new {entries} from {from}, {} already here",
            self.added, self.already_present
        );
        if !self.parties_merged.is_empty() {
            sentence.push_str(&format!("; parties merged: {}", self.parties_merged.join(", ")));
        }
        sentence.push('.');
        sentence
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Imported {
    /// Records written.
    pub added: usize,
    /// Records already in the database, left as they were.
    pub already_present: usize,
    /// Who recorded the records written, each name once.
    pub recorded_by: Vec<String>,
    /// Parties of the document that turned out to be parties already known under the same
    /// name or linked as the same: the names they now go by.
    pub parties_merged: Vec<String>,
}
