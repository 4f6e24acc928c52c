//! The revision log: every edit of a party, source, proposal or condition is a record of
//! its own, holding the values before (as its analyst saw them) and after, written in the
//! same transaction as the edit.
//!
//! A record's row holds its current values: each field's value from the latest revision
//! that set it, by (recorded time, uuid), else the value it was made with. Revisions made on
//! two machines therefore settle the same way whichever arrives first: after new revisions
//! come in (an import), the record is replayed from the values it was made with.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{stamp, EditEntry, EventDate, Revision};

use super::columns;

/// The one statement that writes a revision, for an edit and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO revision (uuid, table_name, row_id, earlier, changed_to, recorded_at, recorded_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// How a field is stored in its row and written in a revision.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    OptionalText,
    OptionalNumber,
    /// A date and its precision, in two columns: `<name>` and `<name>_precision`.
    Date,
    OptionalDate,
    /// Another record, by id in the row and by uuid in a revision.
    Reference(&'static str),
    OptionalReference(&'static str),
    /// Other records in order, in a table of their own (`table`, with the record's id in
    /// `of` and the other's in `column`, numbered by `position`).
    References {
        table: &'static str,
        of: &'static str,
        column: &'static str,
        other: &'static str,
    },
}

/// The fields of a record that an edit may change.
fn fields(table: &str) -> Result<&'static [(&'static str, Kind)]> {
    use Kind::*;
    Ok(match table {
        "party" => {
            &[("name", Text), ("kind", Text), ("member_of", OptionalReference("party")), ("note", Text)]
        }
        "source" => {
            &[("title", Text), ("outlet", Text), ("url", OptionalText), ("published_on", OptionalDate)]
        }
        "proposal" => &[
            ("title", Text),
            ("summary", Text),
            ("full_text", OptionalText),
            ("proposed_by", Reference("party")),
            ("proposed_on", Date),
            ("kind", Text),
            ("scope", Text),
            ("duration_days", OptionalNumber),
            ("process", Text),
            ("supersedes", OptionalReference("proposal")),
            (
                "co_proposers",
                References { table: "co_proposer", of: "proposal", column: "party", other: "party" },
            ),
            ("phase_of", OptionalReference("proposal")),
            ("phase", OptionalNumber),
        ],
        "condition" => &[
            ("raised_by", Reference("party")),
            ("directed_at", OptionalReference("party")),
            ("text", Text),
            ("kind", Text),
            ("category", Text),
        ],
        other => return Err(Error::Conflict(format!("\"{other}\" is not a record that can be edited"))),
    })
}

/// The current values of row `id` of `table`, as a revision writes them.
pub(super) fn values(conn: &Connection, table: &str, id: i64) -> Result<Map<String, Value>> {
    values_of(conn, table, id, |_| true)
}

/// The current values of the fields of row `id` that `wanted` keeps: a migration reads only
/// those its schema has.
fn values_of(
    conn: &Connection,
    table: &str,
    id: i64,
    wanted: impl Fn(&str) -> bool,
) -> Result<Map<String, Value>> {
    let fields: Vec<(&str, Kind)> = fields(table)?.iter().copied().filter(|(name, _)| wanted(name)).collect();
    let fields = fields.as_slice();
    let columns: Vec<String> = fields
        .iter()
        .map(|(name, kind)| match kind {
            Kind::Date | Kind::OptionalDate => format!("{name}, {name}_precision"),
            Kind::Reference(other) | Kind::OptionalReference(other) => {
                format!("(SELECT uuid FROM {other} WHERE id = t.{name}) AS {name}")
            }
            Kind::References { table: list, of, column, other } => format!(
                "(SELECT json_group_array(o.uuid ORDER BY l.position) FROM {list} l JOIN {other} o ON o.id = l.{column}
                  WHERE l.{of} = t.id) AS {name}"
            ),
            _ => name.to_string(),
        })
        .collect();
    // `table` and the columns are the crate's own names, never user input.
    let sql = format!("SELECT {} FROM {table} t WHERE id = ?1", columns.join(", "));
    let values = conn
        .query_row(&sql, [id], |row| {
            let mut values = Map::new();
            for (name, kind) in fields {
                let value = match kind {
                    Kind::Date | Kind::OptionalDate => match columns::optional_event_date(row, name)? {
                        Some(date) => Value::String(date.iso()),
                        None => Value::Null,
                    },
                    Kind::OptionalNumber => {
                        row.get::<_, Option<i64>>(*name)?.map_or(Value::Null, Value::from)
                    }
                    Kind::References { .. } => serde_json::from_str(&row.get::<_, String>(*name)?)
                        .unwrap_or(Value::Array(Vec::new())),
                    _ => row.get::<_, Option<String>>(*name)?.map_or(Value::Null, Value::String),
                };
                values.insert(name.to_string(), value);
            }
            Ok(values)
        })
        .optional()?;
    values.ok_or_else(|| Error::NotFound { what: "record", name: id.to_string() })
}

/// Writes `values` (any of the table's fields) into row `id`.
fn write(conn: &Connection, table: &str, id: i64, values: &Map<String, Value>) -> Result<()> {
    for (name, kind) in fields(table)? {
        let Some(value) = values.get(*name) else { continue };
        let bad = || Error::Conflict(format!("a revision of {table} {id} holds {value} for {name}"));
        match kind {
            Kind::Date | Kind::OptionalDate => {
                let date: Option<EventDate> = match value {
                    Value::Null => None,
                    Value::String(text) => Some(text.parse().map_err(|_| bad())?),
                    _ => return Err(bad()),
                };
                let sql = format!("UPDATE {table} SET {name} = ?2, {name}_precision = ?3 WHERE id = ?1");
                conn.execute(
                    &sql,
                    params![id, date.map(|d| d.first_day().to_string()), date.map(|d| d.precision().code())],
                )?;
            }
            Kind::Reference(other) | Kind::OptionalReference(other) => {
                let target: Option<i64> = match value {
                    Value::Null => None,
                    Value::String(uuid) => Some(
                        conn.query_row(&format!("SELECT id FROM {other} WHERE uuid = ?1"), [uuid], |row| {
                            row.get(0)
                        })
                        .optional()?
                        .ok_or_else(bad)?,
                    ),
                    _ => return Err(bad()),
                };
                conn.execute(&format!("UPDATE {table} SET {name} = ?2 WHERE id = ?1"), params![id, target])?;
            }
            Kind::References { table: list, of, column, other } => {
                let Value::Array(items) = value else { return Err(bad()) };
                conn.execute(&format!("DELETE FROM {list} WHERE {of} = ?1"), [id])?;
                let sql = format!("INSERT INTO {list} ({of}, {column}, position) VALUES (?1, ?2, ?3)");
                for (position, item) in items.iter().enumerate() {
                    let uuid = item.as_str().ok_or_else(bad)?;
                    let target: i64 = conn
                        .query_row(&format!("SELECT id FROM {other} WHERE uuid = ?1"), [uuid], |row| {
                            row.get(0)
                        })
                        .optional()?
                        .ok_or_else(bad)?;
                    conn.execute(&sql, params![id, target, position as i64 + 1])?;
                }
            }
            Kind::OptionalNumber => {
                let number = match value {
                    Value::Null => None,
                    Value::Number(n) => Some(n.as_i64().ok_or_else(bad)?),
                    _ => return Err(bad()),
                };
                conn.execute(&format!("UPDATE {table} SET {name} = ?2 WHERE id = ?1"), params![id, number])?;
            }
            Kind::Text | Kind::OptionalText => {
                let text = match value {
                    Value::Null => None,
                    Value::String(text) => Some(text.as_str()),
                    _ => return Err(bad()),
                };
                conn.execute(&format!("UPDATE {table} SET {name} = ?2 WHERE id = ?1"), params![id, text])?;
            }
        }
    }
    Ok(())
}

/// One revision as stored, for replaying and listing.
struct Stored {
    id: i64,
    uuid: String,
    earlier: Map<String, Value>,
    changed_to: Map<String, Value>,
    recorded_at: String,
    recorded_by: String,
}

fn object(text: &str) -> rusqlite::Result<Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("a revision holds {text}, not a JSON object").into(),
        )),
    }
}

/// The revisions of a record, in the order they settle: by (recorded time, uuid).
fn stored(conn: &Connection, table: &str, id: i64) -> Result<Vec<Stored>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, uuid, earlier, changed_to, recorded_at, recorded_by FROM revision
         WHERE table_name = ?1 AND row_id = ?2 ORDER BY recorded_at, uuid",
    )?;
    let revisions = statement
        .query_map(params![table, id], |row| {
            Ok(Stored {
                id: row.get(0)?,
                uuid: row.get(1)?,
                earlier: object(&row.get::<_, String>(2)?)?,
                changed_to: object(&row.get::<_, String>(3)?)?,
                recorded_at: row.get(4)?,
                recorded_by: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(revisions)
}

/// The values a record was made with: each field's value before the first revision that
/// changed it, else its current value.
pub(super) fn original(conn: &Connection, table: &str, id: i64) -> Result<Map<String, Value>> {
    let mut values = values(conn, table, id)?;
    let mut seen = std::collections::HashSet::new();
    for revision in stored(conn, table, id)? {
        for (name, value) in revision.earlier {
            if values.contains_key(&name) && seen.insert(name.clone()) {
                values.insert(name, value);
            }
        }
    }
    Ok(values)
}

/// Records an edit: the record's values as they were (all of them, as the analyst saw the
/// record) and the fields of `after` that differ from them. An edit that changes nothing
/// records nothing. Returns whether it changed anything.
pub(super) fn edit(
    conn: &Connection,
    table: &str,
    id: i64,
    after: Map<String, Value>,
    recorded_by: &str,
) -> Result<bool> {
    let earlier = values(conn, table, id)?;
    let changed_to: Map<String, Value> = after
        .into_iter()
        .filter(|(name, value)| earlier.get(name).unwrap_or(&Value::Null) != value)
        .collect();
    if changed_to.is_empty() {
        return Ok(false);
    }
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        table,
        id,
        Value::Object(earlier).to_string(),
        Value::Object(changed_to).to_string(),
        stamp::now(),
        recorded_by,
    ])?;
    replay(conn, table, id)?;
    Ok(true)
}

/// Sets a record's current values from the values it was made with and all its
/// revisions, each field from the latest revision that set it.
pub(super) fn replay(conn: &Connection, table: &str, id: i64) -> Result<()> {
    let mut values = original(conn, table, id)?;
    for revision in stored(conn, table, id)? {
        values.extend(revision.changed_to);
    }
    write(conn, table, id, &values)
}

/// True when two revisions of the record were made without either analyst seeing the
/// other's: a revision whose values before differ from what the ones before it left.
pub(super) fn edited_on_two_machines(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    let revisions = stored(conn, table, id)?;
    if revisions.len() < 2 {
        return Ok(false);
    }
    let mut values = original(conn, table, id)?;
    for revision in revisions {
        if revision.earlier.iter().any(|(name, was)| values.get(name).is_some_and(|now| now != was)) {
            return Ok(true);
        }
        values.extend(revision.changed_to);
    }
    Ok(false)
}

/// Refuses an edited party whose memberships, or proposal whose lineage, now go round in
/// a circle (two analysts' edits can make one that neither made alone).
pub(super) fn refuse_circle(conn: &Connection, table: &str, id: i64) -> Result<()> {
    let (column, what) = match table {
        "party" => ("member_of", "its memberships"),
        "proposal" => ("supersedes", "its lineage (supersedes)"),
        _ => return Ok(()),
    };
    let sql = format!("SELECT {column} FROM {table} WHERE id = ?1");
    let mut next: Option<i64> = conn.query_row(&sql, [id], |row| row.get(0))?;
    let mut seen = std::collections::HashSet::new();
    while let Some(current) = next {
        if current == id || !seen.insert(current) {
            let uuid = uuid_of(conn, table, Some(id))?.unwrap_or_default();
            return Err(Error::Import {
                record: format!("{table} {uuid}"),
                problem: format!("with the edits of both sides, {what} would go round in a circle"),
            });
        }
        next = conn.query_row(&sql, [current], |row| row.get(0))?;
    }
    Ok(())
}

/// The edits of a proposal and of its conditions, oldest first, each field changed in words.
pub(super) fn edits_of_proposal(conn: &Connection, proposal: i64) -> Result<Vec<EditEntry>> {
    let mut statement = conn.prepare_cached(
        "SELECT r.table_name, r.earlier, r.changed_to, r.recorded_at, r.recorded_by, c.text
         FROM revision r LEFT JOIN condition c ON r.table_name = 'condition' AND c.id = r.row_id
         WHERE (r.table_name = 'proposal' AND r.row_id = ?1)
            OR (r.table_name = 'condition' AND c.proposal = ?1)
         ORDER BY r.recorded_at, r.uuid",
    )?;
    let rows = statement
        .query_map([proposal], |row| {
            Ok((
                row.get::<_, String>(0)?,
                object(&row.get::<_, String>(1)?)?,
                object(&row.get::<_, String>(2)?)?,
                columns::time_at(row, 3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut edits = Vec::new();
    for (table, earlier, changed_to, recorded_at, recorded_by, condition) in rows {
        let mut changes = Vec::new();
        for (field, now) in &changed_to {
            let was = earlier.get(field).unwrap_or(&Value::Null);
            let label = field_label(field);
            let what = match &condition {
                Some(text) if table == "condition" => {
                    format!("{label} of the condition \u{201c}{text}\u{201d}")
                }
                _ => label.to_string(),
            };
            changes.push(format!(
                "{what} changed from {} to {}",
                value_words(conn, field, was)?,
                value_words(conn, field, now)?
            ));
        }
        if !changes.is_empty() {
            edits.push(EditEntry { recorded_at, recorded_by, changes });
        }
    }
    Ok(edits)
}

/// A field's name as a sentence begins with it.
fn field_label(field: &str) -> &str {
    match field {
        "title" => "Title",
        "summary" => "Summary",
        "full_text" => "Full text",
        "proposed_by" => "Proposer",
        "co_proposers" => "Co-proposers",
        "proposed_on" => "Date proposed",
        "kind" => "Kind",
        "scope" => "Scope",
        "duration_days" => "Duration",
        "process" => "Process",
        "supersedes" => "What it replaces",
        "phase_of" => "The deal it is a phase of",
        "phase" => "Phase",
        "raised_by" => "Who raised it",
        "directed_at" => "Whom it is directed at",
        "text" => "Wording",
        "category" => "Category",
        other => other,
    }
}

/// A revised value in words: text quoted, records by name, dates as people write them.
fn value_words(conn: &Connection, field: &str, value: &Value) -> Result<String> {
    let name_of = |uuid: &str| -> Result<String> {
        let sql = if matches!(field, "supersedes" | "phase_of") {
            "SELECT title FROM proposal WHERE uuid = ?1"
        } else {
            "SELECT c.name FROM party p JOIN party c ON c.id = coalesce(p.canonical, p.id) WHERE p.uuid = ?1"
        };
        Ok(conn
            .query_row(sql, [uuid], |row| row.get::<_, String>(0))
            .optional()?
            .unwrap_or_else(|| uuid.to_string()))
    };
    Ok(match value {
        Value::Null => "nothing".to_string(),
        Value::String(text) if text.is_empty() => "nothing".to_string(),
        Value::String(text) => match field {
            "proposed_by" | "raised_by" | "directed_at" | "supersedes" | "phase_of" => name_of(text)?,
            "proposed_on" | "published_on" => {
                text.parse::<EventDate>().map(|d| d.human()).unwrap_or_else(|_| text.clone())
            }
            "kind" | "category" => text.replace('_', " "),
            _ => format!("\u{201c}{text}\u{201d}"),
        },
        Value::Number(n) if field == "duration_days" => format!("{n} days"),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => {
            let names: Vec<String> =
                items.iter().filter_map(Value::as_str).map(name_of).collect::<Result<_>>()?;
            if names.is_empty() {
                "nobody".to_string()
            } else {
                names.join(", ")
            }
        }
        other => other.to_string(),
    })
}

/// A record's revisions, oldest first.
pub(super) fn list(conn: &Connection, table: &str, row_id: i64) -> Result<Vec<Revision>> {
    stored(conn, table, row_id)?
        .into_iter()
        .map(|revision| {
            Ok(Revision {
                id: revision.id,
                uuid: revision
                    .uuid
                    .parse()
                    .map_err(|_| Error::Conflict(format!("revision {} has no uuid", revision.id)))?,
                table: table.to_string(),
                row_id,
                earlier: Value::Object(revision.earlier).to_string(),
                changed_to: Value::Object(revision.changed_to).to_string(),
                recorded_at: stamp::parse(&revision.recorded_at)
                    .ok_or_else(|| Error::Conflict(format!("revision {} has no time", revision.id)))?,
                recorded_by: revision.recorded_by,
            })
        })
        .collect()
}

/// Schema 4: revisions of earlier versions kept only the values before each edit. The
/// values after it are those before the next edit, or the record's current values after the
/// last one.
pub(super) fn fill_changed_to(conn: &Connection) -> Result<()> {
    // Each record's revisions in order: (revision id, values before).
    type Chain = Vec<(i64, Map<String, Value>)>;
    let mut chains: BTreeMap<(String, i64), Chain> = BTreeMap::new();
    {
        let mut statement =
            conn.prepare("SELECT id, table_name, row_id, earlier FROM revision ORDER BY recorded_at, uuid")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let earlier = object(&row.get::<_, String>(3)?)?;
            chains.entry((row.get(1)?, row.get(2)?)).or_default().push((row.get(0)?, earlier));
        }
    }
    let mut update = conn.prepare("UPDATE revision SET changed_to = ?2 WHERE id = ?1")?;
    for ((table, row_id), chain) in chains {
        let exists: bool = conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [row_id],
            |row| row.get(0),
        )?;
        if !exists {
            continue;
        }
        // The fields the revisions of schema 3 named, which that schema's tables have.
        let named: std::collections::BTreeSet<&String> =
            chain.iter().flat_map(|(_, earlier)| earlier.keys()).collect();
        let current = values_of(conn, &table, row_id, |name| named.iter().any(|n| n.as_str() == name))?;
        for (i, (id, earlier)) in chain.iter().enumerate() {
            let next = chain.get(i + 1).map_or(&current, |(_, later)| later);
            let changed_to: Map<String, Value> = earlier
                .keys()
                .filter_map(|name| next.get(name).map(|value| (name.clone(), value.clone())))
                .collect();
            update.execute(params![id, Value::Object(changed_to).to_string()])?;
        }
    }
    Ok(())
}

/// The uuid of a row, for naming it in a revision.
pub(super) fn uuid_of(conn: &Connection, table: &str, id: Option<i64>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    // `table` is one of the crate's own table names, never user input.
    let uuid = conn.query_row(&format!("SELECT uuid FROM {table} WHERE id = ?1"), [id], |row| row.get(0))?;
    Ok(Some(uuid))
}
