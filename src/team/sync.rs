//! A sync: receive what the other devices pushed since the last time, merged by the import
//! (set union by uuid), then push this device's records the server lacks.
//!
//! Nothing is lost or doubled when a sync is cut off at any point: the server skips the
//! uuids it holds, the file notes what was sent only after the server committed it, and
//! records received are imported in one transaction with the note of how far each device
//! was received.

use std::collections::HashMap;
use std::path::Path;

use postgres::error::SqlState;
use postgres::IsolationLevel;
use uuid::Uuid;

use super::error::TeamError;
use super::rows::{self, SendError};
use super::server::{Role, Session};
use crate::error::{Error, Result};
use crate::model::document::Document;
use crate::store::{Outbox, Store};

/// How many records one transaction of a push sends, unless `CFTRACK_TEAM_BATCH` says
/// otherwise (the tests make it small, so that a push of a few thousand records is cut off
/// between batches too).
const BATCH: i64 = 50_000;

fn batch_size() -> i64 {
    std::env::var("CFTRACK_TEAM_BATCH")
        .ok()
        .and_then(|size| size.parse().ok())
        .filter(|size| *size > 0)
        .unwrap_or(BATCH)
}

/// Receives the records the other devices pushed since this database last saw them.
/// Returns how many were new here.
pub(super) fn pull(store: &mut Store, session: &mut Session, own: Uuid) -> Result<u64> {
    let seen = store.team_seen()?;
    let address = session.address.clone();
    let failed =
        |error: postgres::Error| -> Error { address.failure(error, "read the team's records").into() };
    let mut document = Document::empty();
    let mut now_seen = HashMap::new();
    {
        // One snapshot for the whole read: a device's last push and every row it covers,
        // and the rows of other devices those rows name.
        let mut tx = session
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(failed)?;
        let pushes =
            tx.query("SELECT device, max(through) FROM tracker.push GROUP BY device", &[]).map_err(failed)?;
        for push in pushes {
            let (device, through): (Uuid, i64) = (push.get(0), push.get(1));
            let after = seen.get(&device).copied().unwrap_or(0);
            if device == own || through <= after {
                continue;
            }
            rows::receive(&mut tx, device, after, through, &mut document).map_err(|error| match error {
                SendError::Server(error) => failed(error),
                SendError::Record(error) => error.into(),
            })?;
            now_seen.insert(device, through);
        }
        tx.commit().map_err(failed)?;
    }
    if now_seen.is_empty() {
        return Ok(0);
    }
    in_document_order(&mut document);
    let imported = store.all_or_nothing(|store| {
        store.team_before_receiving()?;
        let imported = crate::exchange::import(store, &document);
        let imported = imported.map_err(|error| match error {
            Error::Import { record, problem } => {
                Error::from(TeamError::Received { reason: format!("{record}: {problem}") })
            }
            other => other,
        })?;
        store.team_received(&now_seen)?;
        Ok(imported)
    })?;
    Ok(imported.added as u64)
}

/// Each list in the order an export writes it: by recorded time, then uuid.
fn in_document_order(document: &mut Document) {
    document.parties.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.sources.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.proposals.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.conditions.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.events.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.retractions.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.revisions.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.links.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
    document.origins.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));
}

/// Sends this device's records that the server is not known to hold, numbered first.
/// Returns how many the server took (it skips those it held already).
pub(super) fn push(store: &mut Store, session: &mut Session, role: Role) -> Result<u64> {
    match push_once(store, session, role) {
        // Another file with this one's device id (a copy) sent other records under the
        // same numbers: this file becomes a new device, and sends again.
        Err(Error::Team(TeamError::Server(_))) if session.last_was_number_clash => {
            session.last_was_number_clash = false;
            store.team_renew_device()?;
            push_once(store, session, role)
        }
        other => other,
    }
}

fn push_once(store: &mut Store, session: &mut Session, role: Role) -> Result<u64> {
    store.team_take_in()?;
    let Some(mut team) = store.team()? else { return Err(TeamError::NotJoined.into()) };
    let address = session.address.clone();
    let failed = |error: postgres::Error| -> Error { address.failure(error, "send records").into() };

    // The server may hold more of this device than the file knows it sent: a push cut off
    // after the server committed it (then the file catches up), or a file restored from a
    // backup or copied to another machine (then it becomes a new device).
    let on_server: Option<i64> = session
        .client
        .query_one("SELECT max(through) FROM tracker.push WHERE device = $1", &[&team.device])
        .map_err(failed)?
        .get(0);
    let on_server = on_server.unwrap_or(0);
    if on_server > team.sent {
        let ours = store.team_numbered(on_server)?;
        if ours.is_some() && ours == record_numbered(session, team.device, on_server)? {
            store.team_sent(on_server)?;
        } else {
            store.team_renew_device()?;
        }
        team = store.team()?.ok_or(TeamError::NotJoined)?;
    }
    if team.sent == team.numbered {
        return Ok(0);
    }
    if role == Role::Viewer {
        return Err(
            TeamError::ViewerMayNotWrite { user: team.user, waiting: team.numbered - team.sent }.into()
        );
    }

    let size = batch_size();
    let batches: Vec<(i64, i64)> = (team.sent..team.numbered)
        .step_by(size as usize)
        .map(|after| (after, (after + size).min(team.numbered)))
        .collect();
    let mut pushed = 0;
    let mut send = |store: &mut Store, (after, through): (i64, i64), outbox: Outbox| -> Result<()> {
        let mut tx = session.client.transaction().map_err(failed)?;
        let sent = rows::send(&mut tx, &outbox.document, &outbox.numbers, team.device).and_then(|inserted| {
            if through == team.numbered {
                // The push is complete: others may now receive every row up to `through`.
                tx.execute(
                    "INSERT INTO tracker.push (device, through) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &[&team.device, &through],
                )?;
            }
            Ok(inserted)
        });
        let inserted = match sent {
            Ok(inserted) => inserted,
            Err(SendError::Server(error)) => {
                drop(tx);
                return Err(refusal(store, session, &team.user, error, after));
            }
            Err(SendError::Record(error)) => return Err(error.into()),
        };
        tx.commit().map_err(failed)?;
        // Only now that the server has committed them.
        store.team_sent(through)?;
        pushed += inserted;
        Ok(())
    };
    match store.path().map(Path::to_path_buf).filter(|_| batches.len() > 1) {
        // The next batch is read from the file while the server takes the last one, on a
        // connection of its own.
        Some(path) => std::thread::scope(|scope| {
            let (next, batch_read) = std::sync::mpsc::sync_channel::<Result<Outbox>>(1);
            let reading = batches.clone();
            scope.spawn(move || {
                let reader = match Store::open(&path) {
                    Ok(reader) => reader,
                    Err(error) => return drop(next.send(Err(error))),
                };
                for (after, through) in reading {
                    let outbox = reader.team_outbox(after, through);
                    let failed = outbox.is_err();
                    if next.send(outbox).is_err() || failed {
                        return;
                    }
                }
            });
            for batch in batches {
                let outbox = batch_read
                    .recv()
                    .map_err(|_| TeamError::Server("the records could not be read".into()))??;
                send(store, batch, outbox)?;
            }
            Ok::<_, Error>(())
        })?,
        None => {
            for (after, through) in batches {
                let outbox = store.team_outbox(after, through)?;
                send(store, (after, through), outbox)?;
            }
        }
    }
    Ok(pushed)
}

/// The uuid of the row the server holds as `device`'s number `seq`, if any.
fn record_numbered(session: &mut Session, device: Uuid, seq: i64) -> Result<Option<Uuid>> {
    let union = rows::TABLES
        .iter()
        .map(|table| format!("SELECT uuid FROM tracker.{table} WHERE device = $1 AND seq = $2"))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let row = session.client.query_opt(&union, &[&device, &seq]).map_err(|e| session.failure(e, "read"))?;
    Ok(row.map(|row| row.get(0)))
}

/// A push the server refused, in the user's words.
fn refusal(store: &Store, session: &mut Session, user: &str, error: postgres::Error, after: i64) -> Error {
    if let Some(db) = error.as_db_error() {
        if *db.code() == SqlState::INSUFFICIENT_PRIVILEGE && db.message().contains("row-level security") {
            let numbered = store.team().ok().flatten().map_or(after, |team| team.numbered);
            let names = store
                .team_signers(after, numbered)
                .unwrap_or_default()
                .into_iter()
                .filter(|name| name != user)
                .map(|name| {
                    if name.is_empty() {
                        "nobody (records from before names were kept)".into()
                    } else {
                        name
                    }
                })
                .collect::<Vec<_>>();
            return TeamError::OthersRecords { names: names.join(", ") }.into();
        }
        if *db.code() == SqlState::INSUFFICIENT_PRIVILEGE && session.role == Some(Role::Viewer) {
            let waiting = store.team_waiting().unwrap_or(0);
            return TeamError::ViewerMayNotWrite { user: user.to_string(), waiting }.into();
        }
        if *db.code() == SqlState::UNIQUE_VIOLATION {
            session.last_was_number_clash = true;
        }
    }
    session.failure(error, "send records")
}
