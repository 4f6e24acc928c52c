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
