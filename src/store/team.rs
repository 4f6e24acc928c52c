//! This file's side of a team server (`migrations/0006_team.sql`): which team it belongs
//! to, which of its records are numbered to be sent, which the server is known to hold,
//! and how far it has received each other device's records. The server's side is in
//! `src/team/`.
//!
//! Records are never tracked one by one once they are on the server: each record table
//! has a mark, the highest row id taken in. A row above it was written here since (typed
//! in, or imported from a file) and is numbered at the next sync; rows written by a sync
//! that receives records are covered by the mark in the same transaction.

use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::Result;
use crate::model::document::Document;
use crate::model::stamp;

use super::document::{self, Selection};
use super::Store;

/// The tables whose rows are records, in the order they are numbered: a record comes after
/// those it names, so that what a sync sends never names what it has not sent.
const RECORD_TABLES: [&str; 9] = [
    "party",
    "source",
    "proposal",
    "condition",
    "event",
    "retraction",
    "revision",
    "party_link",
    "source_link",
];

/// This database's place in a team, as the file keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// The server, as a PostgreSQL URL without a password.
    pub url: String,
    pub user: String,
    /// The certificate authority of the server's certificate, when one was given at join.
    pub ca_file: Option<PathBuf>,
    /// The user's role on the server as last seen: `viewer`, `editor` or `admin`.
    pub role: String,
    /// This database's device id on the server.
    pub device: Uuid,
    /// The last number given to a record here.
    pub numbered: i64,
    /// The last number the server is known to hold.
    pub sent: i64,
    pub joined_at: String,
    /// The last sync that completed, and the records it sent and received.
    pub synced_at: Option<String>,
    pub last_pushed: i64,
    pub last_pulled: i64,
}

/// Where a team member logs in, as `team join` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamServer {
    pub url: String,
    pub user: String,
    pub ca_file: Option<PathBuf>,
}

/// Records numbered for the server: the document of them, and each one's number.
pub struct Outbox {
    pub document: Document,
    pub numbers: HashMap<Uuid, i64>,
}

impl Store {
    /// The team this database belongs to, if it has joined one.
    pub fn team(&self) -> Result<Option<Membership>> {
        membership(&self.conn)
    }

    /// Makes this database a member of the team at `server`, as a new device there unless it
    /// joined the same server as the same user before (then its exchange goes on where it
    /// stopped). Records signed `earlier_name` that the server does not hold yet take the
    /// user's name: nobody else has seen them. Returns how many were renamed.
    pub fn join_team(&mut self, server: &TeamServer, role: &str, earlier_name: &str) -> Result<usize> {
        let tx = self.write()?;
        let same = membership(&tx)?.filter(|m| m.url == server.url && m.user == server.user);
        let ca_file = server.ca_file.as_ref().map(|path| path.display().to_string());
        let mut renamed = 0;
        if same.is_some() {
            tx.execute("UPDATE team SET ca_file = ?1, role = ?2", params![ca_file, role])?;
        } else {
            tx.execute_batch(
                "DELETE FROM team; DELETE FROM team_mark; DELETE FROM team_outbox; DELETE FROM team_seen;",
            )?;
            tx.execute(
                "INSERT INTO team (id, url, user_name, ca_file, role, device, joined_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
                params![server.url, server.user, ca_file, role, Uuid::new_v4().to_string(), stamp::now()],
            )?;
            // The records made here before joining were never shared: they are signed again
            // in place, before the first push, rather than revised, so that the team sees
            // them under the name it knows the analyst by.
            if earlier_name != server.user {
                for table in RECORD_TABLES {
                    renamed += tx.execute(
                        &format!("UPDATE {table} SET recorded_by = ?1 WHERE recorded_by = ?2"),
                        params![server.user, earlier_name],
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(renamed)
    }

    /// How many records here the server is not known to hold: numbered and not yet sent,
    /// or written since the last sync.
    pub fn team_waiting(&self) -> Result<i64> {
        let Some(team) = membership(&self.conn)? else { return Ok(0) };
        let mut waiting = team.numbered - team.sent;
        for table in RECORD_TABLES {
            waiting += self.conn.query_row(
                &format!(
                    "SELECT count(*) FROM {table}
                     WHERE id > coalesce((SELECT through_id FROM team_mark WHERE table_name = ?1), 0)"
                ),
                [table],
                |row| row.get::<_, i64>(0),
            )?;
        }
        Ok(waiting)
    }

    /// Numbers the records written here since the last time, after those numbered before.
    /// Returns the last number given.
    pub fn team_take_in(&mut self) -> Result<i64> {
        let tx = self.write()?;
        let numbered = take_in(&tx)?;
        tx.commit()?;
        Ok(numbered)
    }

    /// The records numbered from `after` (excluded) to `through`, as a document, with their
    /// numbers.
    pub fn team_outbox(&self, after: i64, through: i64) -> Result<Outbox> {
        let document = document::read_selected(&self.conn, Selection::Outbox { after, through })?;
        let mut numbers = HashMap::new();
        for table in RECORD_TABLES {
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT o.seq, t.uuid FROM team_outbox o JOIN {table} t ON t.id = o.row_id
                 WHERE o.table_name = '{table}' AND o.seq > ?1 AND o.seq <= ?2"
            ))?;
            let mut rows = statement.query([after, through])?;
            while let Some(row) = rows.next()? {
                numbers.insert(super::columns::uuid_at(row, 1)?, row.get(0)?);
            }
        }
        Ok(Outbox { document, numbers })
    }

    /// The uuid of this device's record numbered `seq`, while it is still waiting here.
    pub fn team_numbered(&self, seq: i64) -> Result<Option<Uuid>> {
        let place: Option<(String, i64)> = self
            .conn
            .query_row("SELECT table_name, row_id FROM team_outbox WHERE seq = ?1", [seq], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        let Some((table, id)) = place else { return Ok(None) };
        let uuid = self.conn.query_row(&format!("SELECT uuid FROM {table} WHERE id = ?1"), [id], |row| {
            super::columns::uuid_at(row, 0)
        })?;
        Ok(Some(uuid))
    }

    /// Notes that the server holds this device's records up to `through`.
    pub fn team_sent(&mut self, through: i64) -> Result<()> {
        let tx = self.write()?;
        tx.execute("UPDATE team SET sent = max(sent, ?1)", [through])?;
        tx.execute("DELETE FROM team_outbox WHERE seq <= ?1", [through])?;
        tx.commit()
    }

    /// Makes this database a new device on the server, for when the server holds more of
    /// its device than the file knows it sent (a backup restored, a file copied to a second
    /// machine): the records still waiting are numbered afresh under the new device, and
    /// the old device's are received from the server like another's, after those sent.
    pub fn team_renew_device(&mut self) -> Result<Uuid> {
        let device = Uuid::new_v4();
        let tx = self.write()?;
        let Some(team) = membership(&tx)? else { return Ok(device) };
        tx.execute(
            "INSERT OR REPLACE INTO team_seen (device, seq) VALUES (?1, ?2)",
            params![team.device.to_string(), team.sent],
        )?;
        tx.execute("UPDATE team_outbox SET seq = seq - ?1", [team.sent])?;
        tx.execute(
            "UPDATE team SET device = ?1, numbered = numbered - sent, sent = 0",
            [device.to_string()],
        )?;
        tx.commit()?;
        Ok(device)
    }

    /// The last number received from each other device.
    pub fn team_seen(&self) -> Result<HashMap<Uuid, i64>> {
        let mut statement = self.conn.prepare("SELECT device, seq FROM team_seen")?;
        let seen = statement
            .query_map([], |row| Ok((super::columns::uuid_at(row, 0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(seen)
    }

    /// Inside the transaction of a sync that receives records: numbers what was written
    /// here before, so that the received records are not taken for this device's own.
    /// Call before the import.
    pub fn team_before_receiving(&mut self) -> Result<i64> {
        self.team_take_in()
    }

    /// Inside the same transaction, after the import: the rows it wrote are the server's,
    /// and each device has been received up to `seen`.
    pub fn team_received(&mut self, seen: &HashMap<Uuid, i64>) -> Result<()> {
        let tx = self.write()?;
        for table in RECORD_TABLES {
            tx.execute(
                &format!(
                    "INSERT OR REPLACE INTO team_mark (table_name, through_id)
                     SELECT ?1, coalesce(max(id), 0) FROM {table}"
                ),
                [table],
            )?;
        }
        for (device, seq) in seen {
            tx.execute(
                "INSERT OR REPLACE INTO team_seen (device, seq) VALUES (?1, ?2)",
                params![device.to_string(), seq],
            )?;
        }
        tx.commit()
    }

    /// Notes a completed sync: what it sent and received, and the role the server gave.
    pub fn team_synced(&mut self, pushed: i64, pulled: i64, role: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE team SET synced_at = ?1, last_pushed = ?2, last_pulled = ?3, role = ?4",
            params![stamp::now(), pushed, pulled, role],
        )?;
        tx.commit()
    }

    /// Who signed the records numbered from `after` (excluded) to `through`, each name once.
    pub fn team_signers(&self, after: i64, through: i64) -> Result<Vec<String>> {
        let mut names = std::collections::BTreeSet::new();
        for table in RECORD_TABLES {
            let mut statement = self.conn.prepare(&format!(
                "SELECT DISTINCT t.recorded_by FROM team_outbox o JOIN {table} t ON t.id = o.row_id
                 WHERE o.table_name = '{table}' AND o.seq > ?1 AND o.seq <= ?2"
            ))?;
            let rows = statement.query_map([after, through], |row| row.get::<_, String>(0))?;
            for name in rows {
                names.insert(name?);
            }
        }
        Ok(names.into_iter().collect())
    }
}

fn membership(conn: &Connection) -> Result<Option<Membership>> {
    let team = conn
        .query_row(
            "SELECT url, user_name, ca_file, role, device, numbered, sent, joined_at, synced_at, last_pushed,
                    last_pulled
             FROM team",
            [],
            |row| {
                Ok(Membership {
                    url: row.get(0)?,
                    user: row.get(1)?,
                    ca_file: row.get::<_, Option<String>>(2)?.map(PathBuf::from),
                    role: row.get(3)?,
                    device: super::columns::uuid_at(row, 4)?,
                    numbered: row.get(5)?,
                    sent: row.get(6)?,
                    joined_at: row.get(7)?,
                    synced_at: row.get(8)?,
                    last_pushed: row.get(9)?,
                    last_pulled: row.get(10)?,
                })
            },
        )
        .optional()?;
    Ok(team)
}

/// Numbers the rows written since each table's mark, table by table in the order of
/// [`RECORD_TABLES`], and moves the marks past them.
fn take_in(conn: &Connection) -> Result<i64> {
    let Some(team) = membership(conn)? else { return Ok(0) };
    let mut numbered = team.numbered;
    for table in RECORD_TABLES {
        let mark: i64 = conn
            .query_row("SELECT through_id FROM team_mark WHERE table_name = ?1", [table], |row| row.get(0))
            .optional()?
            .unwrap_or(0);
        let added = conn.execute(
            &format!(
                "INSERT INTO team_outbox (seq, table_name, row_id)
                 SELECT ?1 + row_number() OVER (ORDER BY id), ?2, id FROM {table} WHERE id > ?3"
            ),
            params![numbered, table, mark],
        )?;
        if added > 0 {
            numbered += added as i64;
            conn.execute(
                &format!(
                    "INSERT OR REPLACE INTO team_mark (table_name, through_id) SELECT ?1, max(id) FROM {table}"
                ),
                [table],
            )?;
        }
    }
    conn.execute("UPDATE team SET numbered = ?1", [numbered])?;
    Ok(numbered)
}
