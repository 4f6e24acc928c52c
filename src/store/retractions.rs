//! The `retraction` table: entries taken back as entered in error. A retraction is a record
//! of its own naming the entry by uuid, so that the same entry may be retracted on two
//! machines and both retractions kept; the entry counts as retracted from the earliest.
//! An event's (or source's) `retracted_at` and `retraction_reason` are a copy of its
//! earliest retraction, kept for the views.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::Result;
use crate::model::document::retraction_of;
use crate::model::stamp;

/// The one statement that writes a retraction, for one made here and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO retraction (uuid, entry, reason, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)";

/// Schema 4: events retracted before retractions were records get one each, with a uuid
/// made from the event's, so that two machines holding the same retracted event agree.
pub(super) fn from_events(conn: &Connection) -> Result<()> {
    let retracted: Vec<(String, String, String)> = conn
        .prepare("SELECT uuid, retracted_at, retraction_reason FROM event WHERE retracted_at IS NOT NULL")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = conn.prepare(INSERT)?;
    for (entry, at, reason) in retracted {
        let uuid = entry
            .parse()
            .map(|entry| retraction_of(&entry).to_string())
            .unwrap_or_else(|_| Uuid::new_v4().to_string());
        insert.execute(params![uuid, entry, reason, at, ""])?;
    }
    Ok(())
}

/// Retracts the entry whose uuid is `entry` now, and sets its table's copy.
pub(super) fn record(
    conn: &Connection,
    table: &str,
    entry: &str,
    reason: &str,
    recorded_by: &str,
) -> Result<()> {
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        entry,
        reason,
        stamp::now(),
        recorded_by
    ])?;
    settle(conn, table, entry)
}

/// Copies the earliest retraction of the entry `entry` of `table` ("event" or "source")
/// into its row.
pub(super) fn settle(conn: &Connection, table: &str, entry: &str) -> Result<()> {
    let earliest: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT recorded_at, reason FROM retraction WHERE entry = ?1 ORDER BY recorded_at, uuid LIMIT 1",
        )?
        .query_row([entry], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let (at, reason) = earliest.unzip();
    // `table` is one of the crate's own table names.
    conn.prepare_cached(&format!(
        "UPDATE {table} SET retracted_at = ?2, retraction_reason = ?3 WHERE uuid = ?1"
    ))?
    .execute(params![entry, at, reason])?;
    Ok(())
}
