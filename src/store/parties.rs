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
    "INSERT INTO party (uuid, name, kind, member_of, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

const SELECT: &str = "SELECT p.id, p.uuid, p.name, p.kind, p.member_of, m.name AS member_of_name, p.note
                      FROM party p LEFT JOIN party m ON m.id = p.member_of";

fn from_row(row: &Row) -> rusqlite::Result<Party> {
    Ok(Party {
        id: row.get("id")?,
        uuid: columns::uuid(row, "uuid")?,
        name: row.get("name")?,
        kind: row.get("kind")?,
        member_of: row.get("member_of")?,
        member_of_name: row.get("member_of_name")?,
        note: row.get("note")?,
    })
}

pub(super) fn insert(conn: &Connection, party: &NewParty) -> Result<i64> {
    let name = validate(conn, None, party)?;
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        name,
        party.kind,
        party.member_of,
        party.note.trim(),
        stamp::now()
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn edit(conn: &Connection, id: i64, party: &NewParty) -> Result<()> {
    let before = get(conn, id)?;
    let name = validate(conn, Some(id), party)?;
    let earlier = json!({
        "name": before.name,
        "kind": before.kind,
        "member_of": revisions::uuid_of(conn, "party", before.member_of)?,
        "note": before.note,
    });
    revisions::keep(conn, "party", id, &earlier)?;
    conn.execute(
        "UPDATE party SET name = ?2, kind = ?3, member_of = ?4, note = ?5 WHERE id = ?1",
        params![id, name, party.kind, party.member_of, party.note.trim()],
    )?;
    Ok(())
}

/// Validates a new or edited party (`id` when edited) and gives its trimmed name.
fn validate(conn: &Connection, id: Option<i64>, party: &NewParty) -> Result<String> {
    let name = rules::required(&party.name).in_field("name")?.to_string();
    let taken: Option<i64> =
        conn.query_row("SELECT id FROM party WHERE name = ?1", [&name], |row| row.get(0)).optional()?;
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

pub(super) fn get(conn: &Connection, id: i64) -> Result<Party> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "party", name: id.to_string() })
}

pub(super) fn list(conn: &Connection) -> Result<Vec<Party>> {
    let mut statement = conn.prepare(&format!("{SELECT} ORDER BY p.name, p.id"))?;
    let parties = statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(parties)
}

pub(super) fn find(conn: &Connection, id_or_name: &str) -> Result<Party> {
    let wanted = id_or_name.trim();
    if let Ok(id) = wanted.parse::<i64>() {
        return get(conn, id);
    }
    let mut statement = conn.prepare(&format!("{SELECT} WHERE p.name = ?1"))?;
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
