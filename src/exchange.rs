//! Export and import of the whole database as one versioned JSON document
//! (`docs/export-format.md`).
//!
//! Records name each other by uuid, so that a document can be imported into another
//! database. Export is deterministic: no export time, records in the order they were
//! recorded, so that export, import into an empty database and export again give the
//! identical document. Import checks the whole document before it writes anything.

use std::collections::{HashMap, HashSet};

use chrono::Local;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{
    ConditionCategory, ConditionKind, ConditionStatus, EventDate, PartyKind, ProposalKind, ProposalStatus,
    Role, Stance, Vocabulary,
};
use crate::store::{columns, stamp, Store};

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

// Export

/// The whole database as a document.
pub fn export(store: &Store) -> Result<Document> {
    let conn = store.conn();
    Ok(Document {
        format: FORMAT.to_string(),
        version: VERSION,
        parties: read_parties(conn, None)?,
        sources: read_sources(conn, None)?,
        proposals: read_proposals(conn, None)?,
        conditions: read_conditions(conn, None)?,
        events: read_events(conn, None)?,
        revisions: read_revisions(conn, None)?,
    })
}

/// The whole database as JSON text, indented, ending with a new line.
pub fn export_json(store: &Store) -> Result<String> {
    let document = export(store)?;
    let mut text = serde_json::to_string_pretty(&document).expect("a document always serializes");
    text.push('\n');
    Ok(text)
}

/// The rows of `select`, or only the one whose uuid is `only`.
fn read<T>(
    conn: &Connection,
    select: &str,
    alias: &str,
    only: Option<&Uuid>,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let filter = if only.is_some() { format!("WHERE {alias}.uuid = ?1") } else { String::new() };
    let mut statement = conn.prepare(&format!("{select} {filter} ORDER BY {alias}.id"))?;
    let rows = match only {
        Some(uuid) => statement.query_map([uuid.to_string()], map)?.collect::<rusqlite::Result<_>>()?,
        None => statement.query_map([], map)?.collect::<rusqlite::Result<_>>()?,
    };
    Ok(rows)
}

fn optional_uuid(row: &Row, column: &str) -> rusqlite::Result<Option<Uuid>> {
    match row.get::<_, Option<String>>(column)? {
        Some(_) => columns::uuid(row, column).map(Some),
        None => Ok(None),
    }
}

fn read_parties(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<PartyRecord>> {
    let select = "SELECT p.uuid, p.name, p.kind, m.uuid AS member_of, p.note, p.recorded_at
                  FROM party p LEFT JOIN party m ON m.id = p.member_of";
    read(conn, select, "p", only, |row| {
        Ok(PartyRecord {
            uuid: columns::uuid(row, "uuid")?,
            name: row.get("name")?,
            kind: row.get("kind")?,
            member_of: optional_uuid(row, "member_of")?,
            note: row.get("note")?,
            recorded_at: row.get("recorded_at")?,
        })
    })
}

fn read_sources(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<SourceRecord>> {
    let select =
        "SELECT s.uuid, s.title, s.outlet, s.url, s.published_on, s.published_on_precision, s.recorded_at
                  FROM source s";
    read(conn, select, "s", only, |row| {
        Ok(SourceRecord {
            uuid: columns::uuid(row, "uuid")?,
            title: row.get("title")?,
            outlet: row.get("outlet")?,
            url: row.get("url")?,
            published_on: columns::optional_event_date(row, "published_on")?,
            recorded_at: row.get("recorded_at")?,
        })
    })
}

fn read_proposals(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<ProposalRecord>> {
    let select = "SELECT p.uuid, p.title, p.summary, p.full_text, b.uuid AS proposed_by, p.proposed_on,
                         p.proposed_on_precision, p.kind, p.scope, p.duration_days, p.process,
                         s.uuid AS supersedes, p.recorded_at
                  FROM proposal p JOIN party b ON b.id = p.proposed_by LEFT JOIN proposal s ON s.id = p.supersedes";
    read(conn, select, "p", only, |row| {
        Ok(ProposalRecord {
            uuid: columns::uuid(row, "uuid")?,
            title: row.get("title")?,
            summary: row.get("summary")?,
            full_text: row.get("full_text")?,
            proposed_by: columns::uuid(row, "proposed_by")?,
            proposed_on: columns::event_date(row, "proposed_on")?,
            kind: row.get("kind")?,
            scope: row.get("scope")?,
            duration_days: row.get("duration_days")?,
            process: row.get("process")?,
            supersedes: optional_uuid(row, "supersedes")?,
            recorded_at: row.get("recorded_at")?,
        })
    })
}

fn read_conditions(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<ConditionRecord>> {
    let select =
        "SELECT c.uuid, p.uuid AS proposal, r.uuid AS raised_by, d.uuid AS directed_at, c.text, c.kind,
                         c.category, c.recorded_at
                  FROM condition c JOIN proposal p ON p.id = c.proposal JOIN party r ON r.id = c.raised_by
                  LEFT JOIN party d ON d.id = c.directed_at";
    read(conn, select, "c", only, |row| {
        Ok(ConditionRecord {
            uuid: columns::uuid(row, "uuid")?,
            proposal: columns::uuid(row, "proposal")?,
            raised_by: columns::uuid(row, "raised_by")?,
            directed_at: optional_uuid(row, "directed_at")?,
            text: row.get("text")?,
            kind: row.get("kind")?,
            category: row.get("category")?,
            recorded_at: row.get("recorded_at")?,
        })
    })
}

fn read_events(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<EventRecord>> {
    let mut cited: HashMap<i64, Vec<Uuid>> = HashMap::new();
    {
        let filter = if only.is_some() { "WHERE e.uuid = ?1" } else { "" };
        let mut statement = conn.prepare(&format!(
            "SELECT es.event, s.uuid FROM event_source es JOIN source s ON s.id = es.source
             JOIN event e ON e.id = es.event {filter} ORDER BY es.event, s.id"
        ))?;
        let only = only.map(|u| u.to_string());
        let mut rows = match &only {
            Some(uuid) => statement.query([uuid])?,
            None => statement.query([])?,
        };
        while let Some(row) = rows.next()? {
            cited.entry(row.get(0)?).or_default().push(columns::uuid(row, "uuid")?);
        }
    }
    let select = "SELECT e.id, e.uuid, p.uuid AS proposal, e.kind, e.status, party.uuid AS party, e.stance,
                         e.role, c.uuid AS condition, e.condition_status, e.occurred_on, e.occurred_on_precision,
                         e.note, e.recorded_at, e.retracted_at, e.retraction_reason
                  FROM event e JOIN proposal p ON p.id = e.proposal LEFT JOIN party ON party.id = e.party
                  LEFT JOIN condition c ON c.id = e.condition";
    read(conn, select, "e", only, |row| {
        let kind: String = row.get("kind")?;
        let change = match kind.as_str() {
            "status" => ChangeRecord::Status { status: row.get("status")? },
            "stance" => ChangeRecord::Stance {
                party: columns::uuid(row, "party")?,
                stance: row.get("stance")?,
                role: row.get("role")?,
            },
            _ => ChangeRecord::Condition {
                condition: columns::uuid(row, "condition")?,
                status: row.get("condition_status")?,
            },
        };
        let retraction = match row.get::<_, Option<String>>("retracted_at")? {
            Some(at) => Some(RetractionRecord { at, reason: row.get("retraction_reason")? }),
            None => None,
        };
        Ok(EventRecord {
            uuid: columns::uuid(row, "uuid")?,
            proposal: columns::uuid(row, "proposal")?,
            change,
            occurred_on: columns::event_date(row, "occurred_on")?,
            note: row.get("note")?,
            sources: cited.remove(&row.get::<_, i64>("id")?).unwrap_or_default(),
            recorded_at: row.get("recorded_at")?,
            retraction,
        })
    })
}

fn read_revisions(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<RevisionRecord>> {
    let select = "SELECT r.uuid, r.table_name, coalesce(pa.uuid, pr.uuid, c.uuid) AS record, r.earlier,
                         r.changed_at
                  FROM revision r
                  LEFT JOIN party pa ON r.table_name = 'party' AND pa.id = r.row_id
                  LEFT JOIN proposal pr ON r.table_name = 'proposal' AND pr.id = r.row_id
                  LEFT JOIN condition c ON r.table_name = 'condition' AND c.id = r.row_id";
    read(conn, select, "r", only, |row| {
        let earlier: String = row.get("earlier")?;
        Ok(RevisionRecord {
            uuid: columns::uuid(row, "uuid")?,
            table: row.get("table_name")?,
            record: columns::uuid(row, "record")?,
            earlier: serde_json::from_str(&earlier).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
            })?,
            changed_at: row.get("changed_at")?,
        })
    })
}

// Import

/// Imports a document given as JSON text. The whole document is checked first; the first
/// bad record refuses it all, and then nothing is written.
pub fn import_json(store: &mut Store, text: &str) -> Result<Imported> {
    let document = parse(text)?;
    let plan = check(store.conn(), &document)?;
    let tx = store.transaction()?;
    let imported = write(&tx, &document, &plan)?;
    tx.commit()?;
    Ok(imported)
}

fn refuse(record: impl Into<String>, problem: impl Into<String>) -> Error {
    Error::Import { record: record.into(), problem: problem.into() }
}

/// Reads the document record by record, so that a refusal names the record at fault.
fn parse(text: &str) -> Result<Document> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| refuse("the document", format!("it is not JSON: {e}")))?;
    let serde_json::Value::Object(mut top) = value else {
        return Err(refuse("the document", "it is not a JSON object"));
    };
    let format = top.remove("format");
    if format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(refuse("the document", format!("its \"format\" is not \"{FORMAT}\"")));
    }
    let version = top.remove("version").and_then(|v| v.as_i64());
    match version {
        Some(VERSION) => {}
        Some(newer) if newer > VERSION => {
            return Err(refuse(
                "the document",
                format!("it is version {newer}, written by a newer version of Ceasefire Tracker (this one reads {VERSION})"),
            ))
        }
        _ => return Err(refuse("the document", format!("its \"version\" is not {VERSION}"))),
    }
    fn list<T: DeserializeOwned>(
        top: &mut serde_json::Map<String, serde_json::Value>,
        key: &str,
    ) -> Result<Vec<T>> {
        let Some(value) = top.remove(key) else {
            return Err(refuse("the document", format!("it has no \"{key}\" list")));
        };
        let serde_json::Value::Array(items) = value else {
            return Err(refuse("the document", format!("\"{key}\" is not a list")));
        };
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let name = match item.get("uuid").and_then(|u| u.as_str()) {
                    Some(uuid) => format!("{key}[{index}] (uuid {uuid})"),
                    None => format!("{key}[{index}]"),
                };
                serde_json::from_value(item).map_err(|e| refuse(name, e.to_string()))
            })
            .collect()
    }
    let document = Document {
        format: FORMAT.to_string(),
        version: VERSION,
        parties: list(&mut top, "parties")?,
        sources: list(&mut top, "sources")?,
        proposals: list(&mut top, "proposals")?,
        conditions: list(&mut top, "conditions")?,
        events: list(&mut top, "events")?,
        revisions: list(&mut top, "revisions")?,
    };
    if let Some(key) = top.keys().next() {
        return Err(refuse("the document", format!("it has an unknown field \"{key}\"")));
    }
    Ok(document)
}

/// Where a referenced record lives: already in the database (its id), or in the document
/// at an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Stored(i64),
    Incoming(usize),
}

/// What checking found: where each uuid lives, and which records are to be written.
#[derive(Default)]
struct Plan {
    parties: HashMap<Uuid, Place>,
    sources: HashMap<Uuid, Place>,
    proposals: HashMap<Uuid, Place>,
    conditions: HashMap<Uuid, Place>,
    /// Per list, the indexes of records that are new (the others are already present).
    new_parties: Vec<usize>,
    new_sources: Vec<usize>,
    new_proposals: Vec<usize>,
    new_conditions: Vec<usize>,
    new_events: Vec<usize>,
    new_revisions: Vec<usize>,
    already_present: usize,
}

fn stored_id(conn: &Connection, table: &str, uuid: &Uuid) -> Result<Option<i64>> {
    // `table` is one of the crate's own table names.
    let sql = format!("SELECT id FROM {table} WHERE uuid = ?1");
    Ok(conn.query_row(&sql, [uuid.to_string()], |row| row.get(0)).optional()?)
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

fn check(conn: &Connection, document: &Document) -> Result<Plan> {
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

/// The local id of a record, once every incoming record of its list has been written.
fn id_of(map: &HashMap<Uuid, Place>, written: &HashMap<usize, i64>, uuid: &Uuid) -> i64 {
    match map[uuid] {
        Place::Stored(id) => id,
        Place::Incoming(i) => written[&i],
    }
}

fn write(conn: &Connection, document: &Document, plan: &Plan) -> Result<Imported> {
    let mut parties = HashMap::new();
    let mut statement = conn.prepare(
        "INSERT INTO party (uuid, name, kind, member_of, note, recorded_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
    )?;
    for &i in &plan.new_parties {
        let p = &document.parties[i];
        statement.execute(params![p.uuid.to_string(), p.name, p.kind, p.note, p.recorded_at])?;
        parties.insert(i, conn.last_insert_rowid());
    }
    // Memberships once every party has its id: a party may name one listed after it.
    let mut statement = conn.prepare("UPDATE party SET member_of = ?2 WHERE id = ?1")?;
    for &i in &plan.new_parties {
        if let Some(parent) = &document.parties[i].member_of {
            statement.execute([parties[&i], id_of(&plan.parties, &parties, parent)])?;
        }
    }

    let mut sources = HashMap::new();
    let mut statement = conn.prepare(
        "INSERT INTO source (uuid, title, outlet, url, published_on, published_on_precision, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for &i in &plan.new_sources {
        let s = &document.sources[i];
        statement.execute(params![
            s.uuid.to_string(),
            s.title,
            s.outlet,
            s.url,
            s.published_on.map(|d| d.first_day().to_string()),
            s.published_on.map(|d| d.precision().code()),
            s.recorded_at,
        ])?;
        sources.insert(i, conn.last_insert_rowid());
    }

    let mut proposals = HashMap::new();
    let mut statement = conn.prepare(
        "INSERT INTO proposal (uuid, title, summary, full_text, proposed_by, proposed_on, proposed_on_precision,
                               kind, scope, duration_days, process, supersedes, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, ?12)",
    )?;
    for &i in &plan.new_proposals {
        let p = &document.proposals[i];
        statement.execute(params![
            p.uuid.to_string(),
            p.title,
            p.summary,
            p.full_text,
            id_of(&plan.parties, &parties, &p.proposed_by),
            p.proposed_on.first_day().to_string(),
            p.proposed_on.precision().code(),
            p.kind,
            p.scope,
            p.duration_days,
            p.process,
            p.recorded_at,
        ])?;
        proposals.insert(i, conn.last_insert_rowid());
    }
    let mut statement = conn.prepare("UPDATE proposal SET supersedes = ?2 WHERE id = ?1")?;
    for &i in &plan.new_proposals {
        if let Some(earlier) = &document.proposals[i].supersedes {
            statement.execute([proposals[&i], id_of(&plan.proposals, &proposals, earlier)])?;
        }
    }

    let mut conditions = HashMap::new();
    let mut statement = conn.prepare(
        "INSERT INTO condition (uuid, proposal, raised_by, directed_at, text, kind, category, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for &i in &plan.new_conditions {
        let c = &document.conditions[i];
        statement.execute(params![
            c.uuid.to_string(),
            id_of(&plan.proposals, &proposals, &c.proposal),
            id_of(&plan.parties, &parties, &c.raised_by),
            c.directed_at.map(|d| id_of(&plan.parties, &parties, &d)),
            c.text,
            c.kind,
            c.category,
            c.recorded_at,
        ])?;
        conditions.insert(i, conn.last_insert_rowid());
    }

    let mut statement = conn.prepare(
        "INSERT INTO event (uuid, proposal, kind, status, party, stance, role, condition, condition_status,
                            occurred_on, occurred_on_precision, note, recorded_at, retracted_at, retraction_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let mut cite = conn.prepare("INSERT INTO event_source (event, source) VALUES (?1, ?2)")?;
    for &i in &plan.new_events {
        let e = &document.events[i];
        let (kind, status, party, stance, role, condition, condition_status) = match &e.change {
            ChangeRecord::Status { status } => ("status", Some(status.code()), None, None, None, None, None),
            ChangeRecord::Stance { party, stance, role } => (
                "stance",
                None,
                Some(id_of(&plan.parties, &parties, party)),
                Some(stance.code()),
                Some(role.code()),
                None,
                None,
            ),
            ChangeRecord::Condition { condition, status } => (
                "condition",
                None,
                None,
                None,
                None,
                Some(id_of(&plan.conditions, &conditions, condition)),
                Some(status.code()),
            ),
        };
        statement.execute(params![
            e.uuid.to_string(),
            id_of(&plan.proposals, &proposals, &e.proposal),
            kind,
            status,
            party,
            stance,
            role,
            condition,
            condition_status,
            e.occurred_on.first_day().to_string(),
            e.occurred_on.precision().code(),
            e.note,
            e.recorded_at,
            e.retraction.as_ref().map(|r| &r.at),
            e.retraction.as_ref().map(|r| &r.reason),
        ])?;
        let event = conn.last_insert_rowid();
        for source in &e.sources {
            cite.execute([event, id_of(&plan.sources, &sources, source)])?;
        }
    }

    let mut statement = conn.prepare(
        "INSERT INTO revision (uuid, table_name, row_id, earlier, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for &i in &plan.new_revisions {
        let r = &document.revisions[i];
        let row_id = match r.table.as_str() {
            "party" => id_of(&plan.parties, &parties, &r.record),
            "proposal" => id_of(&plan.proposals, &proposals, &r.record),
            _ => id_of(&plan.conditions, &conditions, &r.record),
        };
        statement.execute(params![
            r.uuid.to_string(),
            r.table,
            row_id,
            r.earlier.to_string(),
            r.changed_at
        ])?;
    }

    let added = plan.new_parties.len()
        + plan.new_sources.len()
        + plan.new_proposals.len()
        + plan.new_conditions.len()
        + plan.new_events.len()
        + plan.new_revisions.len();
    Ok(Imported { added, already_present: plan.already_present })
}
