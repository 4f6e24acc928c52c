//! The transaction of one user action.
//!
//! Every write starts with `BEGIN IMMEDIATE`: it takes the write lock before reading, so
//! that when the window and `cftrack` write at the same moment the second one waits for
//! the busy timeout instead of failing with "database is locked" when its read snapshot
//! turns stale. Inside [`Store::all_or_nothing`](super::Store::all_or_nothing) each action
//! is a savepoint of the one enclosing transaction instead.

use std::ops::Deref;

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior};

use crate::error::Result;

pub(crate) enum Write<'c> {
    Alone(Transaction<'c>),
    InBatch(Savepoint<'c>),
}

impl<'c> Write<'c> {
    pub(super) fn begin(conn: &'c mut Connection, in_batch: bool) -> Result<Self> {
        Ok(if in_batch {
            Self::InBatch(conn.savepoint()?)
        } else {
            Self::Alone(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
        })
    }

    pub(crate) fn commit(self) -> Result<()> {
        match self {
            Self::Alone(tx) => tx.commit()?,
            Self::InBatch(savepoint) => savepoint.commit()?,
        }
        Ok(())
    }
}

impl Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Self::Alone(tx) => tx,
            Self::InBatch(savepoint) => savepoint,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{NewParty, PartyKind};
    use crate::Store;

    #[test]
    fn a_write_that_finds_the_disk_full_saves_nothing_and_says_so() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("tracker.db");
        let mut store = Store::open(&path).unwrap();
        let party = |name: &str, note: String| NewParty {
            name: name.into(),
            kind: PartyKind::State,
            member_of: None,
            note,
        };
        store.add_party(&party("Sudan", String::new())).unwrap();
        // The file may not grow past its size now plus a little: a full disk.
        let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |row| row.get(0)).unwrap();
        store.conn.pragma_update(None, "max_page_count", pages + 2).unwrap();

        let error = store
            .add_party(&party("South Sudan", "a long note ".repeat(100_000)))
            .unwrap_err()
            .in_file(&path);
        assert_eq!(error.code(), "disk_full");
        assert!(error.to_string().ends_with("could not be written because the disk is full; nothing was saved: free some space and try again"), "{error}");
        let names: Vec<String> = store.parties().unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["Sudan"]);
        assert!(store.integrity_problems().unwrap().is_empty());
        // Small writes still fit.
        store.add_party(&party("Chad", String::new())).unwrap();
    }
}
