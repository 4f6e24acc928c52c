//! Reading the database as the records of the export document, in the order they were
//! made, each naming the others by uuid.

use std::collections::HashMap;

use rusqlite::{Connection, Row};
use uuid::Uuid;

use crate::error::Result;
use crate::model::document::{
    ChangeRecord, ConditionRecord, Document, EventRecord, PartyRecord, ProposalRecord, RetractionRecord,
    RevisionRecord, SourceRecord, FORMAT, VERSION,
};

use super::columns;

/// The whole database as a document.
pub(super) fn read(conn: &Connection) -> Result<Document> {
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

/// The rows of `select`, or only the one whose uuid is `only`.
fn rows<T>(
    conn: &Connection,
    select: &str,
    alias: &str,
    only: Option<&Uuid>,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let filter = if only.is_some() { format!("WHERE {alias}.uuid = ?1") } else { String::new() };
    let mut statement = conn.prepare_cached(&format!("{select} {filter} ORDER BY {alias}.id"))?;
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

pub(super) fn read_parties(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<PartyRecord>> {
    let select = "SELECT p.uuid, p.name, p.kind, m.uuid AS member_of, p.note, p.recorded_at
                  FROM party p LEFT JOIN party m ON m.id = p.member_of";
    rows(conn, select, "p", only, |row| {
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

pub(super) fn read_sources(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<SourceRecord>> {
    let select =
        "SELECT s.uuid, s.title, s.outlet, s.url, s.published_on, s.published_on_precision, s.recorded_at
                  FROM source s";
    rows(conn, select, "s", only, |row| {
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

pub(super) fn read_proposals(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<ProposalRecord>> {
    let select = "SELECT p.uuid, p.title, p.summary, p.full_text, b.uuid AS proposed_by, p.proposed_on,
                         p.proposed_on_precision, p.kind, p.scope, p.duration_days, p.process,
                         s.uuid AS supersedes, p.recorded_at
                  FROM proposal p JOIN party b ON b.id = p.proposed_by LEFT JOIN proposal s ON s.id = p.supersedes";
    rows(conn, select, "p", only, |row| {
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

pub(super) fn read_conditions(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<ConditionRecord>> {
    let select =
        "SELECT c.uuid, p.uuid AS proposal, r.uuid AS raised_by, d.uuid AS directed_at, c.text, c.kind,
                         c.category, c.recorded_at
                  FROM condition c JOIN proposal p ON p.id = c.proposal JOIN party r ON r.id = c.raised_by
                  LEFT JOIN party d ON d.id = c.directed_at";
    rows(conn, select, "c", only, |row| {
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

pub(super) fn read_events(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<EventRecord>> {
    let mut cited: HashMap<i64, Vec<Uuid>> = HashMap::new();
    {
        let filter = if only.is_some() { "WHERE e.uuid = ?1" } else { "" };
        let mut statement = conn.prepare_cached(&format!(
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
    rows(conn, select, "e", only, |row| {
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

pub(super) fn read_revisions(conn: &Connection, only: Option<&Uuid>) -> Result<Vec<RevisionRecord>> {
    let select = "SELECT r.uuid, r.table_name, coalesce(pa.uuid, pr.uuid, c.uuid) AS record, r.earlier,
                         r.changed_at
                  FROM revision r
                  LEFT JOIN party pa ON r.table_name = 'party' AND pa.id = r.row_id
                  LEFT JOIN proposal pr ON r.table_name = 'proposal' AND pr.id = r.row_id
                  LEFT JOIN condition c ON r.table_name = 'condition' AND c.id = r.row_id";
    rows(conn, select, "r", only, |row| {
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
