//! Documents of format version 1, written before every change was a record: retractions
//! lived inside their events, revisions kept only the values before an edit, and records
//! held their current values. They are read as they were written and turned into a
//! version 2 document, which says the same.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::model::document::{
    retraction_of, ChangeRecord, ConditionRecord, Document, EventRecord, PartyRecord, ProposalRecord,
    RetractionRecord, RevisionRecord, SourceRecord, FORMAT, VERSION,
};
use crate::model::{ConditionCategory, ConditionKind, EventDate, PartyKind, ProposalKind};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub uuid: Uuid,
    pub name: String,
    pub kind: PartyKind,
    pub member_of: Option<Uuid>,
    pub note: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub uuid: Uuid,
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
    pub published_on: Option<EventDate>,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
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
pub struct Condition {
    pub uuid: Uuid,
    pub proposal: Uuid,
    pub raised_by: Uuid,
    pub directed_at: Option<Uuid>,
    pub text: String,
    pub kind: ConditionKind,
    pub category: ConditionCategory,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retraction {
    pub at: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub uuid: Uuid,
    pub proposal: Uuid,
    pub change: ChangeRecord,
    pub occurred_on: EventDate,
    pub note: String,
    pub sources: Vec<Uuid>,
    pub recorded_at: String,
    pub retraction: Option<Retraction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub uuid: Uuid,
    pub table: String,
    pub record: Uuid,
    pub earlier: Value,
    pub changed_at: String,
}

/// A version 1 document as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentV1 {
    pub format: String,
    pub version: i64,
    pub parties: Vec<Party>,
    pub sources: Vec<Source>,
    pub proposals: Vec<Proposal>,
    pub conditions: Vec<Condition>,
    pub events: Vec<Event>,
    pub revisions: Vec<Revision>,
}

/// Version 1 did not say who recorded anything.
const UNKNOWN: &str = "";

fn fields(value: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The record as it was made: each field's value before its first revision, else its value
/// now. A revision that does not fit the record leaves it as it is (the import's checks
/// then speak of the revision).
fn made_with<T: Serialize + serde::de::DeserializeOwned>(record: T, chain: &[&Revision]) -> T {
    let mut values = fields(&record);
    let mut seen = std::collections::HashSet::new();
    for revision in chain {
        if let Value::Object(earlier) = &revision.earlier {
            for (name, value) in earlier {
                if name != "uuid" && values.contains_key(name) && seen.insert(name.clone()) {
                    values.insert(name.clone(), value.clone());
                }
            }
        }
    }
    serde_json::from_value(Value::Object(values)).unwrap_or(record)
}

/// The version 2 document that says what `document` says.
pub fn upgrade(document: DocumentV1) -> Document {
    // Each record's revisions in the order they were made; the values after each are those
    // before the next, or the record's own values after the last.
    let mut chains: BTreeMap<Uuid, Vec<&Revision>> = BTreeMap::new();
    for revision in &document.revisions {
        chains.entry(revision.record).or_default().push(revision);
    }
    for chain in chains.values_mut() {
        chain.sort_by(|a, b| (&a.changed_at, a.uuid).cmp(&(&b.changed_at, b.uuid)));
    }
    let mut now: BTreeMap<Uuid, Map<String, Value>> = BTreeMap::new();
    now.extend(document.parties.iter().map(|p| (p.uuid, fields(p))));
    now.extend(document.proposals.iter().map(|p| (p.uuid, fields(p))));
    now.extend(document.conditions.iter().map(|c| (c.uuid, fields(c))));
    let mut revisions = Vec::new();
    for (record, chain) in &chains {
        for (i, revision) in chain.iter().enumerate() {
            let next = match chain.get(i + 1) {
                Some(later) => later.earlier.as_object().cloned().unwrap_or_default(),
                None => now.get(record).cloned().unwrap_or_default(),
            };
            let changed_to: Map<String, Value> = match &revision.earlier {
                Value::Object(earlier) => {
                    earlier.keys().filter_map(|name| Some((name.clone(), next.get(name)?.clone()))).collect()
                }
                _ => Map::new(),
            };
            revisions.push(RevisionRecord {
                uuid: revision.uuid,
                table: revision.table.clone(),
                record: *record,
                earlier: revision.earlier.clone(),
                changed_to: Value::Object(changed_to),
                recorded_at: revision.changed_at.clone(),
                recorded_by: UNKNOWN.to_string(),
            });
        }
    }
    let chain = |uuid: &Uuid| chains.get(uuid).cloned().unwrap_or_default();
    let parties = document
        .parties
        .into_iter()
        .map(|p| {
            let uuid = p.uuid;
            let p = made_with(p, &chain(&uuid));
            PartyRecord {
                uuid: p.uuid,
                name: p.name,
                kind: p.kind,
                member_of: p.member_of,
                note: p.note,
                recorded_at: p.recorded_at,
                recorded_by: UNKNOWN.to_string(),
            }
        })
        .collect();
    let sources = document
        .sources
        .into_iter()
        .map(|s| SourceRecord {
            uuid: s.uuid,
            title: s.title,
            outlet: s.outlet,
            url: s.url,
            published_on: s.published_on,
            recorded_at: s.recorded_at,
            recorded_by: UNKNOWN.to_string(),
        })
        .collect();
    let proposals = document
        .proposals
        .into_iter()
        .map(|p| {
            let uuid = p.uuid;
            let p = made_with(p, &chain(&uuid));
            ProposalRecord {
                uuid: p.uuid,
                title: p.title,
                summary: p.summary,
                full_text: p.full_text,
                proposed_by: p.proposed_by,
                proposed_on: p.proposed_on,
                kind: p.kind,
                scope: p.scope,
                duration_days: p.duration_days,
                process: p.process,
                supersedes: p.supersedes,
                co_proposers: Vec::new(),
                phase_of: None,
                phase: None,
                recorded_at: p.recorded_at,
                recorded_by: UNKNOWN.to_string(),
            }
        })
        .collect();
    let conditions = document
        .conditions
        .into_iter()
        .map(|c| {
            let uuid = c.uuid;
            let c = made_with(c, &chain(&uuid));
            ConditionRecord {
                uuid: c.uuid,
                proposal: c.proposal,
                raised_by: c.raised_by,
                directed_at: c.directed_at,
                text: c.text,
                kind: c.kind,
                category: c.category,
                recorded_at: c.recorded_at,
                recorded_by: UNKNOWN.to_string(),
            }
        })
        .collect();
    let mut retractions = Vec::new();
    let events = document
        .events
        .into_iter()
        .map(|e| {
            if let Some(retraction) = e.retraction {
                retractions.push(RetractionRecord {
                    uuid: retraction_of(&e.uuid),
                    entry: e.uuid,
                    reason: retraction.reason,
                    recorded_at: retraction.at,
                    recorded_by: UNKNOWN.to_string(),
                });
            }
            EventRecord {
                uuid: e.uuid,
                proposal: e.proposal,
                change: e.change,
                occurred_on: e.occurred_on,
                note: e.note,
                sources: e.sources,
                extension: None,
                recorded_at: e.recorded_at,
                recorded_by: UNKNOWN.to_string(),
            }
        })
        .collect();
    Document {
        format: FORMAT.to_string(),
        version: VERSION,
        parties,
        sources,
        proposals,
        conditions,
        events,
        retractions,
        revisions,
        links: Vec::new(),
        origins: Vec::new(),
    }
}
