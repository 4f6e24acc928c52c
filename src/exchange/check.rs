//! Checking a whole document against itself and the database before anything is written.

use std::collections::{HashMap, HashSet};

use chrono::Local;
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use super::export::{
    read_conditions, read_events, read_parties, read_proposals, read_revisions, read_sources,
};
use super::{ChangeRecord, Document};
use crate::error::{Error, Result};
use crate::model::EventDate;
use crate::store::{columns, stamp};

/// The refusal of the whole document, naming the record at fault.
pub(super) fn refuse(record: impl Into<String>, problem: impl Into<String>) -> Error {
    Error::Import { record: record.into(), problem: problem.into() }
}

/// Where a referenced record lives: already in the database (its id), or in the document
/// at an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Stored(i64),
    Incoming(usize),
}

/// What checking found: where each uuid lives, and which records are to be written.
#[derive(Default)]
pub(super) struct Plan {
    pub(super) parties: HashMap<Uuid, Place>,
    pub(super) sources: HashMap<Uuid, Place>,
    pub(super) proposals: HashMap<Uuid, Place>,
    pub(super) conditions: HashMap<Uuid, Place>,
    /// Per list, the indexes of records that are new (the others are already present).
    pub(super) new_parties: Vec<usize>,
    pub(super) new_sources: Vec<usize>,
    pub(super) new_proposals: Vec<usize>,
    pub(super) new_conditions: Vec<usize>,
    pub(super) new_events: Vec<usize>,
    pub(super) new_revisions: Vec<usize>,
    pub(super) already_present: usize,
}

fn stored_id(conn: &Connection, table: &str, uuid: &Uuid) -> Result<Option<i64>> {
    // `table` is one of the crate's own table names.
    let sql = format!("SELECT id FROM {table} WHERE uuid = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([uuid.to_string()], |row| row.get(0)).optional()?)
}

/// A stored record with the incoming one's uuid: None when there is none, an error when
/// it differs from the incoming one.
fn compare_stored<T: PartialEq>(
    conn: &Connection,
    table: &str,
    name: &str,
    incoming: &T,
    uuid: &Uuid,
    read: fn(&Connection, Option<&Uuid>) -> Result<Vec<T>>,
) -> Result<Option<i64>> {
    let Some(id) = stored_id(conn, table, uuid)? else { return Ok(None) };
    let stored = read(conn, Some(uuid))?;
    if stored.first() != Some(incoming) {
        return Err(refuse(name, "a different record with this uuid is already in the database"));
    }
    Ok(Some(id))
}

fn text_needed(name: &str, field: &str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(refuse(name, format!("\"{field}\" is empty")));
    }
    Ok(())
}

fn time_needed(name: &str, field: &str, text: &str) -> Result<()> {
    if stamp::parse(text).is_none() {
        return Err(refuse(name, format!("\"{field}\" is not a UTC time like 2025-03-13T09:30:00.000000Z")));
    }
    Ok(())
}

fn has_happened(name: &str, field: &str, date: EventDate) -> Result<()> {
    if date.first_day() > Local::now().date_naive() {
        return Err(refuse(name, format!("\"{field}\" ({}) is in the future", date.iso())));
    }
    Ok(())
}

fn resolve(map: &HashMap<Uuid, Place>, name: &str, what: &str, uuid: &Uuid) -> Result<Place> {
    map.get(uuid).copied().ok_or_else(|| refuse(name, format!("it names {what} {uuid}, which is nowhere")))
}

pub(super) fn check(conn: &Connection, document: &Document) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut seen: HashSet<Uuid> = HashSet::new();
    let mut unique = |name: &str, uuid: &Uuid| {
        if seen.insert(*uuid) {
            Ok(())
        } else {
            Err(refuse(name, "its uuid is used twice in the document"))
        }
    };

    // Every record's uuid, and what is already stored, is known before references are
    // checked: records may name others later in their list.
    for (i, party) in document.parties.iter().enumerate() {
        let name = format!("parties[{i}] (uuid {})", party.uuid);
        unique(&name, &party.uuid)?;
        let place = match compare_stored(conn, "party", &name, party, &party.uuid, read_parties)? {
            Some(id) => Place::Stored(id),
            None => Place::Incoming(i),
        };
        plan.parties.insert(party.uuid, place);
    }
    for (i, source) in document.sources.iter().enumerate() {
        let name = format!("sources[{i}] (uuid {})", source.uuid);
        unique(&name, &source.uuid)?;
        let place = match compare_stored(conn, "source", &name, source, &source.uuid, read_sources)? {
            Some(id) => Place::Stored(id),
            None => Place::Incoming(i),
        };
        plan.sources.insert(source.uuid, place);
    }
    for (i, proposal) in document.proposals.iter().enumerate() {
        let name = format!("proposals[{i}] (uuid {})", proposal.uuid);
        unique(&name, &proposal.uuid)?;
        let place = match compare_stored(conn, "proposal", &name, proposal, &proposal.uuid, read_proposals)? {
            Some(id) => Place::Stored(id),
            None => Place::Incoming(i),
        };
        plan.proposals.insert(proposal.uuid, place);
    }
    for (i, condition) in document.conditions.iter().enumerate() {
        let name = format!("conditions[{i}] (uuid {})", condition.uuid);
        unique(&name, &condition.uuid)?;
        let place =
            match compare_stored(conn, "condition", &name, condition, &condition.uuid, read_conditions)? {
                Some(id) => Place::Stored(id),
                None => Place::Incoming(i),
            };
        plan.conditions.insert(condition.uuid, place);
    }
    // Records of the database that the document does not carry can be named too.
    for (table, map) in [
        ("party", &mut plan.parties),
        ("source", &mut plan.sources),
        ("proposal", &mut plan.proposals),
        ("condition", &mut plan.conditions),
    ] {
        let mut statement = conn.prepare(&format!("SELECT id, uuid FROM {table}"))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let uuid = columns::uuid(row, "uuid")?;
            map.entry(uuid).or_insert(Place::Stored(row.get(0)?));
        }
    }

    check_parties(conn, document, &mut plan)?;
    check_sources(document, &mut plan)?;
    check_proposals(document, &mut plan)?;
    check_conditions(document, &mut plan)?;
    check_events(conn, document, &mut plan, &mut unique)?;
    check_revisions(conn, document, &mut plan, &mut unique)?;
    Ok(plan)
}

fn check_parties(conn: &Connection, document: &Document, plan: &mut Plan) -> Result<()> {
    let mut names: HashMap<String, Place> = HashMap::new();
    {
        let mut statement = conn.prepare("SELECT id, name FROM party")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            names.insert(row.get(1)?, Place::Stored(row.get(0)?));
        }
    }
    for (i, party) in document.parties.iter().enumerate() {
        let name = format!("parties[{i}] (uuid {})", party.uuid);
        let place = plan.parties[&party.uuid];
        if matches!(place, Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(&name, "name", &party.name)?;
        time_needed(&name, "recorded_at", &party.recorded_at)?;
        if names.insert(party.name.clone(), place).is_some() {
            return Err(refuse(name, format!("another party is already called \"{}\"", party.name)));
        }
        if let Some(parent) = &party.member_of {
            resolve(&plan.parties, &name, "the party", parent)?;
        }
        // Walk up the memberships; meeting this party again would make a circle.
        let mut next = party.member_of;
        let mut steps = 0;
        while let Some(current) = next {
            if current == party.uuid || steps > document.parties.len() {
                return Err(refuse(name, "its memberships go round in a circle"));
            }
            steps += 1;
            next = match plan.parties.get(&current) {
                Some(Place::Incoming(j)) => document.parties[*j].member_of,
                _ => None,
            };
        }
        plan.new_parties.push(i);
    }
    Ok(())
}

fn check_sources(document: &Document, plan: &mut Plan) -> Result<()> {
    for (i, source) in document.sources.iter().enumerate() {
        let name = format!("sources[{i}] (uuid {})", source.uuid);
        if matches!(plan.sources[&source.uuid], Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(&name, "title", &source.title)?;
        time_needed(&name, "recorded_at", &source.recorded_at)?;
        if let Some(date) = source.published_on {
            has_happened(&name, "published_on", date)?;
        }
        plan.new_sources.push(i);
    }
    Ok(())
}

fn check_proposals(document: &Document, plan: &mut Plan) -> Result<()> {
    for (i, proposal) in document.proposals.iter().enumerate() {
        let name = format!("proposals[{i}] (uuid {})", proposal.uuid);
        if matches!(plan.proposals[&proposal.uuid], Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(&name, "title", &proposal.title)?;
        time_needed(&name, "recorded_at", &proposal.recorded_at)?;
        has_happened(&name, "proposed_on", proposal.proposed_on)?;
        resolve(&plan.parties, &name, "the party", &proposal.proposed_by)?;
        if let Some(days) = proposal.duration_days {
            if days <= 0 {
                return Err(refuse(
                    name,
                    format!("\"duration_days\" is {days}; a ceasefire lasts at least a day"),
                ));
            }
        }
        if let Some(earlier) = &proposal.supersedes {
            resolve(&plan.proposals, &name, "the proposal", earlier)?;
        }
        // Stored proposals cannot lead back to an incoming one, so only the document's
        // own lineage can form a circle.
        let mut next = proposal.supersedes;
        let mut steps = 0;
        while let Some(current) = next {
            if current == proposal.uuid || steps > document.proposals.len() {
                return Err(refuse(name, "its lineage (supersedes) goes round in a circle"));
            }
            steps += 1;
            next = match plan.proposals.get(&current) {
                Some(Place::Incoming(j)) => document.proposals[*j].supersedes,
                _ => None,
            };
        }
        plan.new_proposals.push(i);
    }
    Ok(())
}

fn check_conditions(document: &Document, plan: &mut Plan) -> Result<()> {
    for (i, condition) in document.conditions.iter().enumerate() {
        let name = format!("conditions[{i}] (uuid {})", condition.uuid);
        if matches!(plan.conditions[&condition.uuid], Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(&name, "text", &condition.text)?;
        time_needed(&name, "recorded_at", &condition.recorded_at)?;
        resolve(&plan.proposals, &name, "the proposal", &condition.proposal)?;
        resolve(&plan.parties, &name, "the party", &condition.raised_by)?;
        if let Some(party) = &condition.directed_at {
            resolve(&plan.parties, &name, "the party", party)?;
        }
        plan.new_conditions.push(i);
    }
    Ok(())
}

/// The first day of a proposal and the proposal a condition belongs to, wherever they live.
fn proposed_on(conn: &Connection, document: &Document, place: Place) -> Result<EventDate> {
    match place {
        Place::Incoming(i) => Ok(document.proposals[i].proposed_on),
        Place::Stored(id) => Ok(conn.query_row(
            "SELECT proposed_on, proposed_on_precision FROM proposal WHERE id = ?1",
            [id],
            |row| columns::event_date(row, "proposed_on"),
        )?),
    }
}

fn condition_proposal(conn: &Connection, document: &Document, place: Place) -> Result<Uuid> {
    match place {
        Place::Incoming(i) => Ok(document.conditions[i].proposal),
        Place::Stored(id) => Ok(conn.query_row(
            "SELECT p.uuid FROM condition c JOIN proposal p ON p.id = c.proposal WHERE c.id = ?1",
            [id],
            |row| columns::uuid(row, "uuid"),
        )?),
    }
}

fn check_events(
    conn: &Connection,
    document: &Document,
    plan: &mut Plan,
    unique: &mut impl FnMut(&str, &Uuid) -> Result<()>,
) -> Result<()> {
    let mut first_days: HashMap<Uuid, EventDate> = HashMap::new();
    for (i, event) in document.events.iter().enumerate() {
        let name = format!("events[{i}] (uuid {})", event.uuid);
        unique(&name, &event.uuid)?;
        if compare_stored(conn, "event", &name, event, &event.uuid, read_events)?.is_some() {
            plan.already_present += 1;
            continue;
        }
        time_needed(&name, "recorded_at", &event.recorded_at)?;
        has_happened(&name, "occurred_on", event.occurred_on)?;
        let proposal = resolve(&plan.proposals, &name, "the proposal", &event.proposal)?;
        let proposed = match first_days.get(&event.proposal) {
            Some(date) => *date,
            None => {
                let date = proposed_on(conn, document, proposal)?;
                first_days.insert(event.proposal, date);
                date
            }
        };
        if event.occurred_on.first_day() < proposed.first_day() {
            return Err(refuse(
                name,
                format!(
                    "it happened on {}, before its proposal was made ({})",
                    event.occurred_on.iso(),
                    proposed.iso()
                ),
            ));
        }
        match &event.change {
            ChangeRecord::Status { .. } => {}
            ChangeRecord::Stance { party, .. } => {
                resolve(&plan.parties, &name, "the party", party)?;
            }
            ChangeRecord::Condition { condition, .. } => {
                let place = resolve(&plan.conditions, &name, "the condition", condition)?;
                if condition_proposal(conn, document, place)? != event.proposal {
                    return Err(refuse(name, "its condition was raised on another proposal"));
                }
            }
        }
        let mut cited = HashSet::new();
        for source in &event.sources {
            resolve(&plan.sources, &name, "the source", source)?;
            if !cited.insert(source) {
                return Err(refuse(name, format!("it cites the source {source} twice")));
            }
        }
        if let Some(retraction) = &event.retraction {
            time_needed(&name, "retraction.at", &retraction.at)?;
            text_needed(&name, "retraction.reason", &retraction.reason)?;
        }
        plan.new_events.push(i);
    }
    Ok(())
}

fn check_revisions(
    conn: &Connection,
    document: &Document,
    plan: &mut Plan,
    unique: &mut impl FnMut(&str, &Uuid) -> Result<()>,
) -> Result<()> {
    for (i, revision) in document.revisions.iter().enumerate() {
        let name = format!("revisions[{i}] (uuid {})", revision.uuid);
        unique(&name, &revision.uuid)?;
        if compare_stored(conn, "revision", &name, revision, &revision.uuid, read_revisions)?.is_some() {
            plan.already_present += 1;
            continue;
        }
        let records = match revision.table.as_str() {
            "party" => &plan.parties,
            "proposal" => &plan.proposals,
            "condition" => &plan.conditions,
            other => return Err(refuse(name, format!("\"{other}\" is not a party, proposal or condition"))),
        };
        resolve(records, &name, &format!("the {}", revision.table), &revision.record)?;
        if !revision.earlier.is_object() {
            return Err(refuse(name, "\"earlier\" is not a JSON object"));
        }
        time_needed(&name, "changed_at", &revision.changed_at)?;
        plan.new_revisions.push(i);
    }
    Ok(())
}
