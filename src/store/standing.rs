//! The `standing` table: where each proposal stood at the end of every day on which
//! something happened to it, as known now (retracted events left out).
//!
//! The proposals list asks for the latest event per proposal, per party's stance and per
//! condition as of a date; with a million events that is over a hundred thousand index
//! walks. Keeping each proposal's line per day turns the list as of any date into one
//! lookup per proposal, and `latest_standing`, each proposal's last line, makes the list
//! as of today a walk over a small table. The tables are derived from `event` alone: every write of an event
//! or a retraction rebuilds its proposal's rows in the same transaction, and the views
//! "as known on" a past time, which this table cannot answer, still read the events.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, Statement};

use crate::error::Result;
use crate::model::clock::{self, StatusStep};
use crate::model::{ConditionStatus, EventDate, Extension, Leaning, ProposalStatus, Stance};

use super::columns::{self, StoredDay};

/// A proposal's line in the list at the end of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Standing {
    day: NaiveDate,
    status: Option<ProposalStatus>,
    status_since: Option<EventDate>,
    supporters: i64,
    conditional: i64,
    opposed: i64,
    open_conditions: i64,
    last_change: EventDate,
    /// The last day its ceasefire covers, while in effect with an end.
    ends_on: Option<EventDate>,
}

/// What one event changes, in the order "latest wins".
pub(crate) enum Move {
    /// A status, and how it extends the ceasefire when it is "extended".
    Status(ProposalStatus, Option<Extension>),
    /// A party (its id) and its stance.
    Stance(i64, Stance),
    /// A condition (its id) and its status.
    Condition(i64, ConditionStatus),
}

/// Rebuilds the rows of `proposal` from its events.
pub(crate) fn refresh(conn: &Connection, proposal: i64) -> Result<()> {
    refresh_each(conn, [proposal])
}

/// Rebuilds the rows of each of `proposals` from their events: after an import, each
/// stored proposal it brought events to, with the statements prepared once for all.
pub(crate) fn refresh_each(conn: &Connection, proposals: impl IntoIterator<Item = i64>) -> Result<()> {
    let mut read = conn.prepare_cached(
        "SELECT kind, status, canonical_party, stance, condition, condition_status, occurred_on, occurred_on_precision,
                until, until_precision, by_days
         FROM event WHERE proposal = ?1 AND retracted_at IS NULL
           AND (kind = 'status' OR kind = 'stance' OR kind = 'condition')
         ORDER BY occurred_on, recorded_at, id",
    )?;
    let mut clear = conn.prepare_cached("DELETE FROM standing WHERE proposal = ?1")?;
    let mut clear_latest = conn.prepare_cached("DELETE FROM latest_standing WHERE proposal = ?1")?;
    let mut moves = Vec::new();
    for proposal in proposals {
        moves.clear();
        let mut rows = read.query([proposal])?;
        while let Some(row) = rows.next()? {
            let change = match row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)? {
                "status" => Move::Status(row.get(1)?, super::events::extension_at(row, 8)?),
                "stance" => Move::Stance(row.get(2)?, row.get(3)?),
                _ => Move::Condition(row.get(4)?, row.get(5)?),
            };
            moves.push((change, columns::event_date_at(row, 6)?));
        }
        clear.execute([proposal])?;
        clear_latest.execute([proposal])?;
        write_new(conn, proposal, &moves)?;
    }
    Ok(())
}

/// Writes the rows of a proposal that has none yet from the moves of its events that are
/// not retracted, in the order of its history (occurred on, recorded at, id): for an import
/// of new proposals, which has their events in hand and need not read them back.
pub(crate) fn write_new(conn: &Connection, proposal: i64, moves: &[(Move, EventDate)]) -> Result<()> {
    let columns = "(proposal, day, status, status_since, status_since_precision, supporters, conditional,
                    opposed, open_conditions, last_change, last_change_precision, ends_on, ends_on_precision)
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    let mut insert = conn.prepare_cached(&format!("INSERT INTO standing {columns}"))?;
    let duration: Option<i64> = conn
        .prepare_cached("SELECT duration_days FROM proposal WHERE id = ?1")?
        .query_row([proposal], |row| row.get(0))?;
    let lines = lines(moves, duration);
    for line in &lines {
        write(&mut insert, proposal, line)?;
    }
    if let Some(latest) = lines.last() {
        let mut insert_latest = conn.prepare_cached(&format!("INSERT INTO latest_standing {columns}"))?;
        write(&mut insert_latest, proposal, latest)?;
    }
    Ok(())
}

/// Writes a line with `insert`, into `standing` or `latest_standing`.
fn write(insert: &mut Statement, proposal: i64, line: &Standing) -> Result<()> {
    insert.execute(params![
        proposal,
        StoredDay::new(line.day),
        line.status,
        line.status_since.map(|d| StoredDay::new(d.first_day())),
        line.status_since.map(|d| d.precision().code()),
        line.supporters,
        line.conditional,
        line.opposed,
        line.open_conditions,
        StoredDay::new(line.last_change.first_day()),
        line.last_change.precision().code(),
        line.ends_on.map(|d| StoredDay::new(d.first_day())),
        line.ends_on.map(|d| d.precision().code()),
    ])?;
    Ok(())
}

/// Whether every line in `standing` is dated by `as_of`, so that each proposal's latest
/// line is its line as of that date.
pub(crate) fn all_by(conn: &Connection, as_of: &str) -> Result<bool> {
    let latest: Option<String> =
        conn.prepare_cached("SELECT max(occurred_on) FROM event")?.query_row([], |row| row.get(0))?;
    Ok(latest.is_none_or(|latest| latest.as_str() <= as_of))
}

/// Rebuilds the rows of every proposal: after a migration that creates the table.
pub(crate) fn refresh_all(conn: &Connection) -> Result<()> {
    let ids = conn
        .prepare("SELECT id FROM proposal")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    refresh_each(conn, ids)
}

/// The lines at the end of each day, from a proposal's events in the order "latest wins".
fn lines(moves: &[(Move, EventDate)], duration: Option<i64>) -> Vec<Standing> {
    let mut status: Option<(ProposalStatus, EventDate)> = None;
    let mut steps: Vec<StatusStep> = Vec::new();
    let mut stances: HashMap<i64, Stance> = HashMap::new();
    let mut conditions: HashMap<i64, ConditionStatus> = HashMap::new();
    let mut lines: Vec<Standing> = Vec::new();
    for &(ref change, on) in moves {
        match *change {
            Move::Status(new, extension) => {
                status = Some((new, on));
                steps.push(StatusStep { status: new, on, extension });
            }
            Move::Stance(party, stance) => {
                stances.insert(party, stance);
            }
            Move::Condition(condition, new) => {
                conditions.insert(condition, new);
            }
        }
        // One line per day: a later event of the same day replaces the day's line.
        let day = on.first_day();
        let (mut supporters, mut conditional, mut opposed) = (0, 0, 0);
        for stance in stances.values() {
            match stance.leaning() {
                Leaning::For => supporters += 1,
                Leaning::Conditional => conditional += 1,
                Leaning::Against => opposed += 1,
                Leaning::Neither => {}
            }
        }
        let line = Standing {
            day,
            status: status.map(|(s, _)| s),
            status_since: status.map(|(_, since)| since),
            supporters,
            conditional,
            opposed,
            open_conditions: conditions.values().filter(|s| s.is_open()).count() as i64,
            last_change: on,
            ends_on: clock::end_after(&steps, duration).flatten(),
        };
        match lines.last_mut() {
            Some(last) if last.day == line.day => *last = line,
            _ => lines.push(line),
        }
    }
    lines
}
