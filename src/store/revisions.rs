//! The revision log: the earlier values of an edited record, written in the same
//! transaction as the edit.

use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::error::Result;
use crate::model::Revision;

use super::columns;
use crate::model::stamp;

/// The one statement that writes a revision, for an edit and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO revision (uuid, table_name, row_id, earlier, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)";

/// Keeps `earlier`, the values of row `row_id` of `table` before the change.
pub(super) fn keep(conn: &Connection, table: &str, row_id: i64, earlier: &serde_json::Value) -> Result<()> {
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        table,
        row_id,
        earlier.to_string(),
        stamp::now()
    ])?;
    Ok(())
}

pub(super) fn list(conn: &Connection, table: &str, row_id: i64) -> Result<Vec<Revision>> {
    let mut statement = conn.prepare(
        "SELECT id, table_name, row_id, earlier, changed_at FROM revision
         WHERE table_name = ?1 AND row_id = ?2 ORDER BY changed_at, id",
    )?;
    let rows = statement.query_map(params![table, row_id], |row| {
        Ok(Revision {
            id: row.get("id")?,
            table: row.get("table_name")?,
            row_id: row.get("row_id")?,
            earlier: row.get("earlier")?,
            changed_at: columns::time(row, "changed_at")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The uuid of a row, for naming it in a revision.
pub(super) fn uuid_of(conn: &Connection, table: &str, id: Option<i64>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    // `table` is one of the crate's own table names, never user input.
    let uuid = conn.query_row(&format!("SELECT uuid FROM {table} WHERE id = ?1"), [id], |row| row.get(0))?;
    Ok(Some(uuid))
}
