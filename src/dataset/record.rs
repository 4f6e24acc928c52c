//! Recording a dataset: its agreements turned into the records of an export document, which
//! the store merges like any other document, in one transaction.
//!
//! Every record an agreement gives has a uuid made from its origin ("PA-X 1364") and what
//! it is (its status on a date, a party's stance, a provision's column), so importing the
//! same file again adds nothing, and a newer release adds only what is new: a changed
//! title, date or process is a revision, new statuses, stances and provisions new records,
//! and nothing the user added to an imported proposal is touched. An agreement that another
//! dataset already gave (PA-X names the UCDP agreement it is; ETH/PRIO the PA-X one) joins
//! that proposal as a second origin, in whichever order the files come.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{json, Map, Value};
use ts_rs::TS;
use uuid::Uuid;

use super::{name_key, Agreement, Dataset, Origin, Skipped};
use crate::error::Result;
use crate::model::document::{
    ChangeRecord, ConditionRecord, Document, EventRecord, Imported, OriginRecord, PartyRecord,
    ProposalRecord, RevisionRecord,
};
use crate::model::{rules, stamp, ConditionKind, ConditionStatus, EventDate, ProposalStatus, Vocabulary};
use crate::store::{Store, StoredOrigin};

/// The namespace of the uuids made from the datasets' records.
const DATASETS: Uuid = Uuid::from_u128(0x3b0e_5a47_90c1_4a8e_b6d2_19f4_7c2e_8a51);

fn made(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&DATASETS, parts.join("\u{1f}").as_bytes())
}

/// How many records of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Counts {
    #[ts(type = "number")]
    pub proposals: usize,
    #[ts(type = "number")]
    pub parties: usize,
    #[ts(type = "number")]
    pub conditions: usize,
    #[ts(type = "number")]
    pub events: usize,
}

/// What an import of a dataset does (or, in a preview, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DatasetSummary {
    pub added: Counts,
    /// Proposals a newer release changed: their new values are revisions.
    pub updated: Counts,
    /// Proposals the file gives as they are already.
    pub unchanged: Counts,
    /// Rows of the file that could not be used, and why.
    pub skipped: Vec<Skipped>,
}

/// A dataset ready to record: the document of its new records, and what it does.
pub struct Planned {
    pub document: Document,
    pub summary: DatasetSummary,
}

/// Works out what `dataset` adds to what `store` holds, writing nothing.
pub fn plan(store: &Store, dataset: &Dataset) -> Result<Planned> {
    let now = stamp::now();
    let by = store.analyst().to_string();
    let mut parties: HashMap<String, Uuid> =
        store.parties_by_name()?.into_iter().map(|(name, uuid)| (name_key(&name), uuid)).collect();
    let origins = store.origins()?;
    // Each origin's proposal, the origins each names, and the fingerprints seen.
    let key = |dataset: &str, id: &str| format!("{dataset} {id}");
    let mut proposal_of: HashMap<String, Uuid> = HashMap::new();
    let mut fingerprints: HashMap<String, Vec<String>> = HashMap::new();
    let mut named_by: HashMap<String, Uuid> = HashMap::new();
    // What the latest import of each origin said of its proposal's fields.
    let mut last_said: HashMap<String, &Map<String, Value>> = HashMap::new();
    for StoredOrigin { proposal, dataset, id, links, fingerprint, said } in &origins {
        let origin = key(dataset, id);
        proposal_of.insert(origin.clone(), *proposal);
        last_said.insert(origin.clone(), said);
        fingerprints.entry(origin).or_default().push(fingerprint.clone());
        for link in links {
            named_by.insert(link.clone(), *proposal);
        }
    }

    let mut document = Document::empty();
    let mut summary = DatasetSummary { skipped: dataset.skipped.clone(), ..DatasetSummary::default() };
    for agreement in &dataset.agreements {
        let origin = key(agreement.origin.dataset.code(), &agreement.origin.id);
        let fingerprint = fingerprint(agreement);
        let seen = fingerprints.get(&origin);
        if seen.is_some_and(|seen| seen.contains(&fingerprint)) {
            summary.unchanged.proposals += 1;
            continue;
        }
        // The proposal it is: its own, or the one of an agreement of another dataset that
        // names it or that it names.
        let linked = agreement
            .links
            .iter()
            .find_map(|link| proposal_of.get(&key(link.dataset.code(), &link.id)))
            .or_else(|| named_by.get(&origin));
        let (proposal, new) = match proposal_of.get(&origin).or(linked) {
            Some(&uuid) => (uuid, false),
            None => (made(&["proposal", &origin]), true),
        };
        // Parties first: a new name is a new party, made the same on every machine.
        let mut party_of = |name: &str, kind, document: &mut Document| {
            *parties.entry(name_key(name)).or_insert_with(|| {
                let uuid = made(&["party", &name_key(name)]);
                document.parties.push(PartyRecord {
                    uuid,
                    name: name.to_string(),
                    kind,
                    member_of: None,
                    note: String::new(),
                    recorded_at: now.clone(),
                    recorded_by: by.clone(),
                });
                summary.added.parties += 1;
                uuid
            })
        };
        let proposer = agreement.proposed_by();
        let proposer = party_of(&proposer.name, proposer.kind, &mut document);
        let mut stances = Vec::new();
        for party in &agreement.parties {
            stances.push((party_of(&party.name, party.kind, &mut document), party));
        }

        let values = said(agreement);
        if new {
            document.proposals.push(ProposalRecord {
                uuid: proposal,
                title: agreement.title.clone(),
                summary: agreement.summary.clone(),
                full_text: None,
                proposed_by: proposer,
                proposed_on: agreement.date,
                kind: agreement.kind,
                scope: agreement.scope.clone(),
                duration_days: agreement.duration_days,
                process: agreement.process.clone(),
                supersedes: None,
                co_proposers: Vec::new(),
                phase_of: None,
                phase: None,
                recorded_at: now.clone(),
                recorded_by: by.clone(),
            });
            summary.added.proposals += 1;
        } else if seen.is_some() {
            // A newer release of the same record: what it says differently from the release
            // before is a revision. A field the analyst corrected and the dataset left as it
            // was keeps the correction.
            let current = store.record_values("proposal", &proposal)?;
            let before = last_said.get(&origin).filter(|said| !said.is_empty());
            let changed: Map<String, Value> = values
                .iter()
                .filter(|(field, value)| current.get(*field) != Some(value))
                .filter(|(field, value)| before.is_none_or(|said| said.get(*field) != Some(value)))
                .map(|(field, value)| (field.clone(), value.clone()))
                .collect();
            if !changed.is_empty() {
                let earlier: Map<String, Value> =
                    changed.keys().map(|field| (field.clone(), current[field].clone())).collect();
                document.revisions.push(RevisionRecord {
                    uuid: made(&["revision", &origin, &fingerprint]),
                    table: "proposal".to_string(),
                    record: proposal,
                    earlier: Value::Object(earlier),
                    changed_to: Value::Object(changed),
                    recorded_at: now.clone(),
                    recorded_by: by.clone(),
                });
            }
            summary.updated.proposals += 1;
        }
        document.origins.push(OriginRecord {
            uuid: made(&["origin", &origin, &fingerprint]),
            proposal,
            dataset: agreement.origin.dataset.code().to_string(),
            id: agreement.origin.id.clone(),
            links: agreement.links.iter().map(|link| key(link.dataset.code(), &link.id)).collect(),
            page_url: agreement.page_url.clone(),
            fingerprint: fingerprint.clone(),
            said: values.clone(),
            recorded_at: now.clone(),
            recorded_by: by.clone(),
        });
        proposal_of.insert(origin.clone(), proposal);
        for link in &agreement.links {
            named_by.insert(key(link.dataset.code(), &link.id), proposal);
        }

        // Joining a proposal another dataset gave, whose date may differ by a day or two:
        // what this one dates before that proposal is left out, and said so.
        let proposed_on: EventDate = if new {
            agreement.date
        } else {
            match store.record_values("proposal", &proposal) {
                Ok(values) => values
                    .get("proposed_on")
                    .and_then(Value::as_str)
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(agreement.date),
                // A proposal of this same document, not stored yet.
                Err(_) => document
                    .proposals
                    .iter()
                    .find(|p| p.uuid == proposal)
                    .map_or(agreement.date, |p| p.proposed_on),
            }
        };
        let skipped = &mut summary.skipped;
        let mut event =
            |uuid: Uuid, change: ChangeRecord, on: EventDate, note: &str, document: &mut Document| {
                if rules::not_before_proposal(on, proposed_on).is_err() {
                    let reason = format!(
                        "{}: what it dates {} comes before the agreement as already recorded ({}); left out",
                        agreement.origin,
                        on.human(),
                        proposed_on.human()
                    );
                    if skipped.last().is_none_or(|last| last.reason != reason) {
                        skipped.push(Skipped { row: agreement.row, reason });
                    }
                    return;
                }
                document.events.push(EventRecord {
                    uuid,
                    proposal,
                    change,
                    occurred_on: on,
                    note: note.to_string(),
                    sources: Vec::new(),
                    extension: None,
                    recorded_at: now.clone(),
                    recorded_by: by.clone(),
                });
            };
        if new {
            event(
                made(&["floated", &origin]),
                ChangeRecord::Status { status: ProposalStatus::Floated },
                agreement.date,
                "",
                &mut document,
            );
        }
        for status in &agreement.statuses {
            let uuid = made(&["status", &origin, status.status.code(), &status.on.iso()]);
            event(
                uuid,
                ChangeRecord::Status { status: status.status },
                status.on,
                &status.note,
                &mut document,
            );
        }
        for (party, as_named) in &stances {
            let uuid = made(&["stance", &origin, &name_key(&as_named.name), as_named.stance.code()]);
            let change = ChangeRecord::Stance { party: *party, stance: as_named.stance, role: as_named.role };
            let note = if as_named.name_in_file != as_named.name {
                format!("As named there: {}", as_named.name_in_file)
            } else {
                String::new()
            };
            event(uuid, change, as_named.on, &note, &mut document);
        }
        for provision in &agreement.provisions {
            let condition = made(&["provision", &origin, provision.column]);
            document.conditions.push(ConditionRecord {
                uuid: condition,
                proposal,
                raised_by: proposer,
                directed_at: None,
                text: provision.text.clone(),
                kind: ConditionKind::Demand,
                category: provision.category,
                recorded_at: now.clone(),
                recorded_by: by.clone(),
            });
            // A provision of a signed agreement was agreed on the day it was signed.
            let change = ChangeRecord::Condition { condition, status: ConditionStatus::Accepted };
            event(
                made(&["provision agreed", &origin, provision.column]),
                change,
                agreement.date,
                "",
                &mut document,
            );
        }
    }
    // What an earlier import of the records brought stays as it is: only what is new is added.
    let known_events = store.known_uuids("event", document.events.iter().map(|e| e.uuid))?;
    document.events.retain(|e| !known_events.contains(&e.uuid));
    let known_conditions = store.known_uuids("condition", document.conditions.iter().map(|c| c.uuid))?;
    document.conditions.retain(|c| !known_conditions.contains(&c.uuid));
    summary.added.events = document.events.len();
    summary.added.conditions = document.conditions.len();
    Ok(Planned { document, summary })
}

/// Records `dataset` into `store`, in one transaction: all of it or nothing. Gives what it did.
pub fn record(store: &mut Store, dataset: &Dataset) -> Result<(DatasetSummary, Imported)> {
    let Planned { document, mut summary } = plan(store, dataset)?;
    let imported = crate::exchange::import(store, &document)?;
    summary.skipped.sort_by_key(|skipped| skipped.row);
    Ok((summary, imported))
}

/// The proposal's fields as the dataset gives them, named as in a proposal record.
fn said(agreement: &Agreement) -> Map<String, Value> {
    [
        ("title", json!(agreement.title)),
        ("proposed_on", json!(agreement.date.iso())),
        ("process", json!(agreement.process)),
        ("kind", json!(agreement.kind)),
        ("scope", json!(agreement.scope)),
        ("duration_days", json!(agreement.duration_days)),
    ]
    .into_iter()
    .map(|(field, value)| (field.to_string(), value))
    .collect()
}

/// What the dataset says of an agreement, summed up: a newer release that says anything
/// else (a title, a date, a status, a party, a provision) has another fingerprint.
fn fingerprint(agreement: &Agreement) -> String {
    let mut said: BTreeMap<&str, String> = BTreeMap::new();
    said.insert("title", agreement.title.clone());
    said.insert("date", agreement.date.iso());
    said.insert("process", agreement.process.clone());
    said.insert("kind", format!("{:?}", agreement.kind));
    said.insert("scope", agreement.scope.clone());
    said.insert("duration", format!("{:?}", agreement.duration_days));
    said.insert(
        "statuses",
        agreement
            .statuses
            .iter()
            .map(|s| format!("{}@{}", s.status.code(), s.on.iso()))
            .collect::<Vec<_>>()
            .join(","),
    );
    said.insert(
        "parties",
        agreement
            .parties
            .iter()
            .map(|p| format!("{}:{}", p.name, p.stance.code()))
            .collect::<Vec<_>>()
            .join(","),
    );
    said.insert(
        "provisions",
        agreement.provisions.iter().map(|p| format!("{}{}", p.column, p.level)).collect::<Vec<_>>().join(","),
    );
    said.insert("links", agreement.links.iter().map(Origin::to_string).collect::<Vec<_>>().join(","));
    let text = serde_json::to_string(&said).expect("text serializes");
    made(&["fingerprint", &text]).simple().to_string()
}
