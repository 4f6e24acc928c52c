//! Reading the database as the records of the export document: each record with the values
//! it was made with (its edits are revisions), every list in the order of (recorded time,
//! uuid), so that two databases holding the same records write the same document.

use std::collections::HashMap;

use rusqlite::{Connection, Row};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::model::document::{
    ChangeRecord, ConditionRecord, Document, EventRecord, LinkRecord, OriginRecord, PartyRecord,
    ProposalRecord, RetractionRecord, RevisionRecord, SourceRecord, FORMAT, VERSION,
};
use crate::model::Extension;

use super::{columns, revisions};

/// The whole database as a document.
pub(super) fn read(conn: &Connection) -> Result<Document> {
    read_selected(conn, Selection::All)
}

/// Which records a document holds: all of them, or those a team sync is to send.
#[derive(Debug, Clone, Copy)]
pub(super) enum Selection {
    All,
    /// The records numbered for the team server from `after` (excluded) to `through`.
    Outbox {
        after: i64,
        through: i64,
    },
}

impl Selection {
    /// The condition a row of `table`, whose id is `id`, meets to be selected.
    fn clause(self, table: &str, id: &str) -> String {
        match self {
            Self::All => "1".to_string(),
            Self::Outbox { after, through } => format!(
                "{id} IN (SELECT row_id FROM team_outbox WHERE table_name = '{table}' \
                 AND seq > {after} AND seq <= {through})"
            ),
        }
    }
}

/// The records of `selection` as a document.
pub(super) fn read_selected(conn: &Connection, selection: Selection) -> Result<Document> {
    Ok(Document {
        format: FORMAT.to_string(),
        version: VERSION,
        parties: as_made(conn, "party", read_parties(conn, selection)?)?,
        sources: as_made(conn, "source", read_sources(conn, selection)?)?,
        proposals: as_made(conn, "proposal", read_proposals(conn, selection)?)?,
        conditions: as_made(conn, "condition", read_conditions(conn, selection)?)?,
        events: read_events(conn, selection)?,
        retractions: read_retractions(conn, selection)?,
        revisions: read_revisions(conn, selection)?,
        links: read_links(conn, selection)?,
        origins: read_origins(conn, selection)?,
    })
}

/// The rows of `select` (aliased `alias`) that `selection` takes from `table`, in the order
/// of the document.
fn rows<T>(
    conn: &Connection,
    select: &str,
    (selection, table, alias): (Selection, &str, &str),
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let clause = selection.clause(table, &format!("{alias}.id"));
    let mut statement =
        conn.prepare(&format!("{select} WHERE {clause} ORDER BY {alias}.recorded_at, {alias}.uuid"))?;
    let rows = statement.query_map([], map)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn optional_uuid(row: &Row, column: &str) -> rusqlite::Result<Option<Uuid>> {
    match row.get::<_, Option<String>>(column)? {
        Some(_) => columns::uuid(row, column).map(Some),
        None => Ok(None),
    }
}

/// Gives each edited record of `table` the values it was made with: a row holds the
/// current values, and the document carries the edits as revisions.
fn as_made<T: Serialize + DeserializeOwned + HasUuid>(
    conn: &Connection,
    table: &str,
    mut records: Vec<T>,
) -> Result<Vec<T>> {
    let edited: HashMap<Uuid, i64> = conn
        .prepare("SELECT DISTINCT r.row_id, t.uuid FROM revision r JOIN {table} t ON t.id = r.row_id WHERE r.table_name = ?1"
            .replace("{table}", table)
            .as_str())?
        .query_map([table], |row| Ok((columns::uuid(row, "uuid")?, row.get(0)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if edited.is_empty() {
        return Ok(records);
    }
    for record in &mut records {
        let Some(&id) = edited.get(&record.uuid()) else { continue };
        let original = revisions::original(conn, table, id)?;
        let mut values = match serde_json::to_value(&*record) {
            Ok(serde_json::Value::Object(values)) => values,
            _ => continue,
        };
        values.extend(original);
        if let Ok(made) = serde_json::from_value(serde_json::Value::Object(values)) {
            *record = made;
        }
    }
    Ok(records)
}

/// A record named by its uuid.
trait HasUuid {
    fn uuid(&self) -> Uuid;
}

macro_rules! has_uuid {
    ($($record:ty),*) => {
        $(impl HasUuid for $record {
            fn uuid(&self) -> Uuid {
                self.uuid
            }
        })*
    };
}
has_uuid!(PartyRecord, SourceRecord, ProposalRecord, ConditionRecord);

fn read_parties(conn: &Connection, selection: Selection) -> Result<Vec<PartyRecord>> {
    let select = "SELECT p.uuid, p.name, p.kind, m.uuid AS member_of, p.note, p.recorded_at, p.recorded_by
                  FROM party p LEFT JOIN party m ON m.id = p.member_of";
    rows(conn, select, (selection, "party", "p"), |row| {
        Ok(PartyRecord {
            uuid: columns::uuid(row, "uuid")?,
            name: row.get("name")?,
            kind: row.get("kind")?,
            member_of: optional_uuid(row, "member_of")?,
            note: row.get("note")?,
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}

fn read_sources(conn: &Connection, selection: Selection) -> Result<Vec<SourceRecord>> {
    let select =
        "SELECT s.uuid, s.title, s.outlet, s.url, s.published_on, s.published_on_precision, s.recorded_at,
                         s.recorded_by
                  FROM source s";
    rows(conn, select, (selection, "source", "s"), |row| {
        Ok(SourceRecord {
            uuid: columns::uuid(row, "uuid")?,
            title: row.get("title")?,
            outlet: row.get("outlet")?,
            url: row.get("url")?,
            published_on: columns::optional_event_date(row, "published_on")?,
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}

fn read_proposals(conn: &Connection, selection: Selection) -> Result<Vec<ProposalRecord>> {
    let select = "SELECT p.uuid, p.title, p.summary, p.full_text, b.uuid AS proposed_by, p.proposed_on,
                         p.proposed_on_precision, p.kind, p.scope, p.duration_days, p.process,
                         s.uuid AS supersedes, p.recorded_at, p.recorded_by, d.uuid AS phase_of, p.phase,
                         (SELECT json_group_array(c.uuid ORDER BY cp.position) FROM co_proposer cp
                          JOIN party c ON c.id = cp.party WHERE cp.proposal = p.id) AS co_proposers
                  FROM proposal p JOIN party b ON b.id = p.proposed_by LEFT JOIN proposal s ON s.id = p.supersedes
                  LEFT JOIN proposal d ON d.id = p.phase_of";
    rows(conn, select, (selection, "proposal", "p"), |row| {
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
            co_proposers: serde_json::from_str(&row.get::<_, String>("co_proposers")?).unwrap_or_default(),
            phase_of: optional_uuid(row, "phase_of")?,
            phase: row.get("phase")?,
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}

fn read_conditions(conn: &Connection, selection: Selection) -> Result<Vec<ConditionRecord>> {
    let select =
        "SELECT c.uuid, p.uuid AS proposal, r.uuid AS raised_by, d.uuid AS directed_at, c.text, c.kind,
                         c.category, c.recorded_at, c.recorded_by
                  FROM condition c JOIN proposal p ON p.id = c.proposal JOIN party r ON r.id = c.raised_by
                  LEFT JOIN party d ON d.id = c.directed_at";
    rows(conn, select, (selection, "condition", "c"), |row| {
        Ok(ConditionRecord {
            uuid: columns::uuid(row, "uuid")?,
            proposal: columns::uuid(row, "proposal")?,
            raised_by: columns::uuid(row, "raised_by")?,
            directed_at: optional_uuid(row, "directed_at")?,
            text: row.get("text")?,
            kind: row.get("kind")?,
            category: row.get("category")?,
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}

fn read_events(conn: &Connection, selection: Selection) -> Result<Vec<EventRecord>> {
    let mut cited: HashMap<i64, Vec<Uuid>> = HashMap::new();
    {
        let mut statement = conn.prepare(&format!(
            "SELECT es.event, s.uuid FROM event_source es JOIN source s ON s.id = es.source
                 WHERE {} ORDER BY es.event, s.recorded_at, s.uuid",
            selection.clause("event", "es.event")
        ))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            cited.entry(row.get(0)?).or_default().push(columns::uuid(row, "uuid")?);
        }
    }
    let select = "SELECT e.id, e.uuid, p.uuid AS proposal, e.kind, e.status, party.uuid AS party, e.stance,
                         e.role, c.uuid AS condition, e.condition_status, e.occurred_on, e.occurred_on_precision,
                         e.note, e.recorded_at, e.recorded_by, e.until, e.until_precision, e.by_days,
                         a.uuid AS against, e.disputed, e.level, e.count, e.unit, e.place
                  FROM event e JOIN proposal p ON p.id = e.proposal LEFT JOIN party ON party.id = e.party
                  LEFT JOIN condition c ON c.id = e.condition LEFT JOIN party a ON a.id = e.against";
    rows(conn, select, (selection, "event", "e"), |row| {
        let kind: String = row.get("kind")?;
        let change = match kind.as_str() {
            "status" => ChangeRecord::Status { status: row.get("status")? },
            "stance" => ChangeRecord::Stance {
                party: columns::uuid(row, "party")?,
                stance: row.get("stance")?,
                role: row.get("role")?,
            },
            "violation" => ChangeRecord::Violation {
                reported_by: optional_uuid(row, "party")?,
                against: optional_uuid(row, "against")?,
                disputed: row.get("disputed")?,
                until: columns::optional_event_date(row, "until")?,
                count: row.get("count")?,
                unit: row.get::<_, Option<String>>("unit")?.unwrap_or_default(),
                place: row.get::<_, Option<String>>("place")?.unwrap_or_default(),
            },
            "implementation" => ChangeRecord::Implementation {
                condition: columns::uuid(row, "condition")?,
                level: row.get("level")?,
            },
            _ => ChangeRecord::Condition {
                condition: columns::uuid(row, "condition")?,
                status: row.get("condition_status")?,
            },
        };
        Ok(EventRecord {
            uuid: columns::uuid(row, "uuid")?,
            proposal: columns::uuid(row, "proposal")?,
            change,
            occurred_on: columns::event_date(row, "occurred_on")?,
            note: row.get("note")?,
            sources: cited.remove(&row.get::<_, i64>("id")?).unwrap_or_default(),
            extension: match columns::optional_event_date(row, "until")? {
                _ if kind == "violation" => None,
                Some(until) => Some(Extension::Until(until)),
                None => row.get::<_, Option<i64>>("by_days")?.map(Extension::ByDays),
            },
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}

fn read_retractions(conn: &Connection, selection: Selection) -> Result<Vec<RetractionRecord>> {
    let select = "SELECT r.uuid, r.entry, r.reason, r.recorded_at, r.recorded_by FROM retraction r";
    rows(conn, select, (selection, "retraction", "r"), |row| {
        Ok(RetractionRecord {
            uuid: columns::uuid(row, "uuid")?,
            entry: columns::uuid(row, "entry")?,
            reason: row.get("reason")?,
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}

fn json(row: &Row, column: &str) -> rusqlite::Result<serde_json::Value> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn read_revisions(conn: &Connection, selection: Selection) -> Result<Vec<RevisionRecord>> {
    let select =
        "SELECT r.uuid, r.table_name, coalesce(pa.uuid, so.uuid, pr.uuid, c.uuid) AS record, r.earlier,
                         r.changed_to, r.recorded_at, r.recorded_by
                  FROM revision r
                  LEFT JOIN party pa ON r.table_name = 'party' AND pa.id = r.row_id
                  LEFT JOIN source so ON r.table_name = 'source' AND so.id = r.row_id
                  LEFT JOIN proposal pr ON r.table_name = 'proposal' AND pr.id = r.row_id
                  LEFT JOIN condition c ON r.table_name = 'condition' AND c.id = r.row_id";
    rows(conn, select, (selection, "revision", "r"), |row| {
        Ok(RevisionRecord {
            uuid: columns::uuid(row, "uuid")?,
            table: row.get("table_name")?,
            record: columns::uuid(row, "record")?,
            earlier: json(row, "earlier")?,
            changed_to: json(row, "changed_to")?,
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}

fn read_links(conn: &Connection, selection: Selection) -> Result<Vec<LinkRecord>> {
    let mut links = Vec::new();
    for table in ["party", "source"] {
        let select = format!(
            "SELECT l.uuid, r.uuid AS record, s.uuid AS same_as, l.recorded_at, l.recorded_by
             FROM {table}_link l JOIN {table} r ON r.id = l.record JOIN {table} s ON s.id = l.same_as"
        );
        links.extend(rows(conn, &select, (selection, &format!("{table}_link"), "l"), |row| {
            Ok(LinkRecord {
                uuid: columns::uuid(row, "uuid")?,
                table: table.to_string(),
                record: columns::uuid(row, "record")?,
                same_as: columns::uuid(row, "same_as")?,
                recorded_at: row.get("recorded_at")?,
                recorded_by: row.get("recorded_by")?,
            })
        })?);
    }
    links.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    Ok(links)
}

fn read_origins(conn: &Connection, selection: Selection) -> Result<Vec<OriginRecord>> {
    let select =
        "SELECT o.uuid, p.uuid AS proposal, o.dataset, o.origin_id, o.links, o.page_url, o.fingerprint,
                         o.said, o.recorded_at, o.recorded_by
                  FROM origin o JOIN proposal p ON p.id = o.proposal";
    rows(conn, select, (selection, "origin", "o"), |row| {
        Ok(OriginRecord {
            uuid: columns::uuid(row, "uuid")?,
            proposal: columns::uuid(row, "proposal")?,
            dataset: row.get("dataset")?,
            id: row.get("origin_id")?,
            links: serde_json::from_str(&row.get::<_, String>("links")?).unwrap_or_default(),
            page_url: row.get("page_url")?,
            fingerprint: row.get("fingerprint")?,
            said: serde_json::from_str(&row.get::<_, String>("said")?).unwrap_or_default(),
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
        })
    })
}
