//! The `party` table: who takes positions.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;
use uuid::Uuid;

use crate::error::{Error, InField, InputError, Result};
use crate::model::rules;
use crate::model::{NewParty, Party};

use super::{columns, revisions};
use crate::model::stamp;

/// The one statement that writes a party, for a party typed in and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO party (uuid, name, kind, member_of, note, recorded_at, recorded_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// A party as the window shows it: a membership names the party it is one with, and the
/// names of the parties merged into it come along.
const SELECT: &str =
    "SELECT p.id, p.uuid, p.name, p.kind, m.id AS member_of, m.name AS member_of_name, p.note,
                             p.recorded_by,
                             (SELECT json_group_array(a.name) FROM (SELECT DISTINCT name FROM party
                                WHERE canonical = p.id AND name <> p.name ORDER BY name) a) AS aliases
                      FROM party p LEFT JOIN party m0 ON m0.id = p.member_of
                      LEFT JOIN party m ON m.id = coalesce(m0.canonical, m0.id)";

fn from_row(row: &Row) -> rusqlite::Result<Party> {
    Ok(Party {
        id: row.get("id")?,
        uuid: columns::uuid(row, "uuid")?,
        name: row.get("name")?,
        kind: row.get("kind")?,
        member_of: row.get("member_of")?,
        member_of_name: row.get("member_of_name")?,
        note: row.get("note")?,
        recorded_by: row.get("recorded_by")?,
        aliases: serde_json::from_str(&row.get::<_, String>("aliases")?).unwrap_or_default(),
    })
}

pub(super) fn insert(conn: &Connection, party: &NewParty, recorded_by: &str) -> Result<i64> {
    let name = validate(conn, None, party)?;
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        name,
        party.kind,
        party.member_of,
        party.note.trim(),
        stamp::now(),
        recorded_by,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Changes a party, its earlier values kept in a revision.
pub(super) fn edit(conn: &Connection, id: i64, party: &NewParty, recorded_by: &str) -> Result<()> {
    let id = canonical(conn, id)?;
    let name = validate(conn, Some(id), party)?;
    let after = json!({
        "name": name,
        "kind": party.kind,
        "member_of": revisions::uuid_of(conn, "party", party.member_of)?,
        "note": party.note.trim(),
    });
    revisions::edit(conn, "party", id, object(after), recorded_by)?;
    Ok(())
}

pub(super) fn object(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

/// The party `id` is one with (itself, unless merged into another).
pub(super) fn canonical(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row("SELECT coalesce(canonical, id) FROM party WHERE id = ?1", [id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "party", name: id.to_string() })
}

/// Validates a new or edited party (`id` when edited) and gives its trimmed name.
fn validate(conn: &Connection, id: Option<i64>, party: &NewParty) -> Result<String> {
    let name = rules::required(&party.name).in_field("name")?.to_string();
    rules::title(&name).in_field("name")?;
    // The name of any party, merged ones included, names the party they are one with.
    let taken: Option<i64> = conn
        .query_row("SELECT coalesce(canonical, id) FROM party WHERE name = ?1", [&name], |row| row.get(0))
        .optional()?;
    if taken.is_some() && taken != id {
        return Err(Error::Duplicate { what: "party", name });
    }
    if let Some(parent) = party.member_of {
        let mut next = Some(parent);
        // Walk up the chain of membership; meeting the party itself would make a cycle.
        while let Some(current) = next {
            if Some(current) == id {
                let problem =
                    if current == parent { InputError::MemberOfItself } else { InputError::MembershipCircle };
                return Err(Error::invalid("member_of", problem));
            }
            next = conn
                .query_row("SELECT member_of FROM party WHERE id = ?1", [current], |row| row.get(0))
                .optional()?
                .ok_or_else(|| {
                    Error::invalid("member_of", InputError::NoSuchNumber { what: "party", id: current })
                })?;
        }
    }
    Ok(name)
}

/// The party `id`, or the one it was merged into.
pub(super) fn get(conn: &Connection, id: i64) -> Result<Party> {
    let id = canonical(conn, id)?;
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "party", name: id.to_string() })
}

/// Every party, merged ones as part of the party they are one with.
pub(super) fn list(conn: &Connection) -> Result<Vec<Party>> {
    let mut statement = conn.prepare(&format!("{SELECT} WHERE p.canonical IS NULL ORDER BY p.name, p.id"))?;
    let parties = statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(parties)
}

/// The parties whose name holds every word of the request (ignoring case), by name, and
/// how many there are in all.
pub(super) fn page(conn: &Connection, request: &crate::model::NameRequest) -> Result<(u32, Vec<Party>)> {
    let words = super::words_json(&request.text);
    let wanted = "p.canonical IS NULL
           AND NOT EXISTS (SELECT 1 FROM json_each(?1) w WHERE instr(folded(p.name), w.value) = 0)";
    let total = conn
        .prepare_cached(&format!("SELECT count(*) FROM party p WHERE {wanted}"))?
        .query_row([&words], |row| row.get(0))?;
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE {wanted} ORDER BY folded(p.name), p.id LIMIT ?2 OFFSET ?3"
    ))?;
    let parties = statement
        .query_map(params![words, request.limit, request.offset], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total, parties))
}

pub(super) fn find(conn: &Connection, id_or_name: &str) -> Result<Party> {
    let wanted = id_or_name.trim();
    if let Ok(id) = wanted.parse::<i64>() {
        return get(conn, id);
    }
    // Every party called so, each as the party it is one with.
    let mut statement = conn.prepare(&format!(
        "{SELECT} WHERE p.id IN (SELECT coalesce(canonical, id) FROM party WHERE name = ?1)"
    ))?;
    let mut found = statement.query_map([wanted], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::NotFound { what: "party", name: wanted.to_string() }),
        count => Err(Error::Ambiguous { what: "party", name: wanted.to_string(), count }),
    }
}

/// Refuses a party id that names no party.
pub(super) fn exists(conn: &Connection, id: i64) -> Result<()> {
    let found: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM party WHERE id = ?1)", [id], |r| r.get(0))?;
    if !found {
        return Err(Error::NotFound { what: "party", name: id.to_string() });
    }
    Ok(())
}
