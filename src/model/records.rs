//! The records users keep, as stored, and what it takes to make a new one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::date::EventDate;
use super::vocab::{
    ConditionCategory, ConditionKind, ConditionStatus, ImplementationLevel, PartyKind, ProposalKind,
    ProposalStatus, Role, Stance,
};
use super::Extension;

/// Who takes positions: a state, a person, an organization, an armed group, a coalition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Party {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub uuid: Uuid,
    pub name: String,
    pub kind: PartyKind,
    /// The party this one speaks for or belongs to (Putin is a member of Russia).
    #[ts(type = "number | null")]
    pub member_of: Option<i64>,
    pub member_of_name: Option<String>,
    pub note: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// Other names it answers to: parties merged into it.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewParty {
    pub name: String,
    pub kind: PartyKind,
    #[ts(type = "number | null")]
    pub member_of: Option<i64>,
    pub note: String,
}

/// Where a fact was reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Source {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub uuid: Uuid,
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
    pub published_on: Option<EventDate>,
    /// Who recorded it.
    pub recorded_by: String,
    /// Set when it was entered by mistake: it stays, struck through, and is no longer offered.
    pub retraction: Option<Retraction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewSource {
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
    pub published_on: Option<EventDate>,
}

/// The source of something being recorded: one already known, or a new one recorded
/// in the same transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum SourceChoice {
    Known {
        #[ts(type = "number")]
        id: i64,
    },
    New {
        source: NewSource,
    },
}

/// A ceasefire proposal as it was put forward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Proposal {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub uuid: Uuid,
    pub title: String,
    pub summary: String,
    pub full_text: Option<String>,
    #[ts(type = "number")]
    pub proposed_by: i64,
    pub proposed_by_name: String,
    pub proposed_on: EventDate,
    pub kind: ProposalKind,
    /// What the ceasefire covers, in the user's words ("energy infrastructure").
    pub scope: String,
    #[ts(type = "number | null")]
    pub duration_days: Option<i64>,
    /// The conflict or peace process the proposal belongs to.
    pub process: String,
    /// The earlier proposal this one replaces.
    #[ts(type = "number | null")]
    pub supersedes: Option<i64>,
    pub supersedes_title: Option<String>,
    /// Who proposed it with the first proposer (joint mediators), in order.
    #[ts(type = "Array<number>")]
    pub co_proposers: Vec<i64>,
    /// The deal it is a phase of, and its number there.
    #[ts(type = "number | null")]
    pub phase_of: Option<i64>,
    pub phase_of_title: Option<String>,
    #[ts(type = "number | null")]
    pub phase: Option<i64>,
}

/// A new proposal. Recording it also records the status "floated" and the proposer's
/// stance "proposer" on the day it was proposed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewProposal {
    pub title: String,
    pub summary: String,
    pub full_text: Option<String>,
    #[ts(type = "number")]
    pub proposed_by: i64,
    /// The proposer's part in the talks (a mediator may propose a ceasefire).
    pub proposer_role: Role,
    pub proposed_on: EventDate,
    pub kind: ProposalKind,
    pub scope: String,
    #[ts(type = "number | null")]
    pub duration_days: Option<i64>,
    pub process: String,
    #[ts(type = "number | null")]
    pub supersedes: Option<i64>,
    /// Who proposed it with `proposed_by` (joint mediators), in order. An edit gives the
    /// whole description: leaving co-proposers out removes them.
    #[serde(default)]
    #[ts(type = "Array<number>")]
    pub co_proposers: Vec<i64>,
    /// The deal it is a phase of, and its number there: both or neither.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub phase_of: Option<i64>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub phase: Option<i64>,
    /// Sources of the proposal's first events.
    pub sources: Vec<SourceChoice>,
}

/// A condition a party sets on a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Condition {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub uuid: Uuid,
    #[ts(type = "number")]
    pub proposal: i64,
    #[ts(type = "number")]
    pub raised_by: i64,
    pub raised_by_name: String,
    #[ts(type = "number | null")]
    pub directed_at: Option<i64>,
    pub directed_at_name: Option<String>,
    pub text: String,
    pub kind: ConditionKind,
    pub category: ConditionCategory,
}

/// A new condition. Recording it also records its status "raised" on `raised_on`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewCondition {
    #[ts(type = "number")]
    pub proposal: i64,
    #[ts(type = "number")]
    pub raised_by: i64,
    #[ts(type = "number | null")]
    pub directed_at: Option<i64>,
    pub text: String,
    pub kind: ConditionKind,
    pub category: ConditionCategory,
    pub raised_on: EventDate,
    pub note: String,
    pub sources: Vec<SourceChoice>,
}

/// What an event says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Change {
    /// The proposal moved to a status.
    Status { status: ProposalStatus },
    /// A party took a stance, in a role.
    Stance {
        #[ts(type = "number")]
        party: i64,
        stance: Stance,
        role: Role,
    },
    /// A condition moved to a status.
    Condition {
        #[ts(type = "number")]
        condition: i64,
        status: ConditionStatus,
    },
    /// A violation was reported: by a party (or only a source), against a party; the note
    /// says what happened, [`NewEvent::violation`] the rest.
    Violation {
        #[ts(type = "number | null")]
        reported_by: Option<i64>,
        #[ts(type = "number | null")]
        against: Option<i64>,
        /// The accused denies it: shown as disputed, never counted as fact.
        disputed: bool,
    },
    /// A condition was carried out on the ground to a level.
    Implementation {
        #[ts(type = "number")]
        condition: i64,
        level: ImplementationLevel,
    },
}

/// What a violation report says beyond who and whom: the end of the period it covers, a count
/// with its unit ("over 1,000 drones"), and where.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ViolationDetails {
    /// The last day of the period the report covers, when it covers more than a day.
    pub until: Option<EventDate>,
    #[ts(type = "number | null")]
    pub count: Option<i64>,
    pub unit: String,
    pub place: String,
}

/// A new event on a proposal: a status change, a stance or a condition's new status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewEvent {
    #[ts(type = "number")]
    pub proposal: i64,
    pub change: Change,
    pub occurred_on: EventDate,
    pub note: String,
    pub sources: Vec<SourceChoice>,
    /// How an `extended` status extends the ceasefire: to a date, or by some days.
    #[serde(default)]
    #[ts(optional)]
    pub extension: Option<Extension>,
    /// A violation report's period, count and place.
    #[serde(default)]
    #[ts(optional)]
    pub violation: Option<ViolationDetails>,
}

/// An event entered in error, taken back: when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Retraction {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub reason: String,
    /// Who retracted it; empty when that is not known.
    pub recorded_by: String,
}

/// What recording something gave: its new id, and warnings about unusual moves
/// (accepted, but worth a second look).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Recorded {
    #[ts(type = "number")]
    pub id: i64,
    pub warnings: Vec<String>,
}

/// An edit of a party, source, proposal or condition: the fields it changed, with their
/// values before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revision {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub uuid: Uuid,
    /// Which kind of record changed: "party", "source", "proposal" or "condition".
    pub table: String,
    #[ts(type = "number")]
    pub row_id: i64,
    /// The values before the change, as its analyst saw them, as a JSON object; other
    /// records are named by uuid.
    pub earlier: String,
    /// The values after it, likewise.
    pub changed_to: String,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}
