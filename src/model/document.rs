//! The export document: the whole database as records that name each other by uuid, so
//! that a document made on one machine can be imported on another
//! (`docs/export-format.md`). The store reads and writes these records; `exchange` turns
//! them into JSON text and back and checks them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    ConditionCategory, ConditionKind, ConditionStatus, EventDate, PartyKind, ProposalKind, ProposalStatus,
    Role, Stance,
};

/// What the `format` field of every document says.
pub const FORMAT: &str = "ceasefire-tracker";
/// The version of the document format this build writes and reads.
pub const VERSION: i64 = 1;

/// The whole database.
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
    pub revisions: Vec<RevisionRecord>,
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
    pub recorded_at: String,
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
}

/// What an event says happened; parties and conditions named by uuid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ChangeRecord {
    Status { status: ProposalStatus },
    Stance { party: Uuid, stance: Stance, role: Role },
    Condition { condition: Uuid, status: ConditionStatus },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetractionRecord {
    pub at: String,
    pub reason: String,
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
    pub recorded_at: String,
    pub retraction: Option<RetractionRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionRecord {
    pub uuid: Uuid,
    /// "party", "proposal" or "condition".
    pub table: String,
    pub record: Uuid,
    pub earlier: serde_json::Value,
    pub changed_at: String,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Imported {
    /// Records written.
    pub added: usize,
    /// Records already in the database, identical, and left as they were.
    pub already_present: usize,
}
