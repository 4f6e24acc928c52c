//! The SQLite store: one file the user owns, migrated by numbered SQL files, one
//! transaction per user action, nothing ever deleted.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::Result;
use crate::model::*;

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// The database file used when none is named: `CFTRACK_DB` if set, else
/// `tracker.db` in the OS data directory (shared by the window and `cftrack`).
pub fn default_path() -> PathBuf {
    todo!()
}

impl Store {
    /// Opens (creating if missing) and migrates the database at `path`. A file that is not
    /// a database, or one written by a newer version, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Self> {
        todo!("{path:?}")
    }

    /// A fresh database in memory, with the same migrations as a file.
    pub fn open_in_memory() -> Result<Self> {
        todo!()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True while the database holds no proposal and no party (first run).
    pub fn is_empty(&self) -> Result<bool> {
        todo!()
    }

    // Parties

    pub fn add_party(&mut self, party: &NewParty) -> Result<i64> {
        todo!("{party:?}")
    }

    /// Changes a party, keeping its earlier values in the revision log.
    pub fn edit_party(&mut self, id: i64, party: &NewParty) -> Result<()> {
        todo!("{id} {party:?}")
    }

    pub fn parties(&self) -> Result<Vec<Party>> {
        todo!()
    }

    pub fn party(&self, id: i64) -> Result<Party> {
        todo!("{id}")
    }

    /// A party named by its id or its exact name.
    pub fn find_party(&self, id_or_name: &str) -> Result<Party> {
        todo!("{id_or_name}")
    }

    // Sources

    pub fn add_source(&mut self, source: &NewSource) -> Result<i64> {
        todo!("{source:?}")
    }

    pub fn sources(&self) -> Result<Vec<Source>> {
        todo!()
    }

    /// A known source whose URL or exact title is `url_or_title`, if any.
    pub fn find_source(&self, url_or_title: &str) -> Result<Option<Source>> {
        todo!("{url_or_title}")
    }

    // Proposals

    /// Records a proposal with its first status ("floated") and the proposer's stance.
    pub fn add_proposal(&mut self, proposal: &NewProposal) -> Result<Recorded> {
        todo!("{proposal:?}")
    }

    /// Changes a proposal's description, keeping its earlier values in the revision log.
    pub fn edit_proposal(&mut self, id: i64, proposal: &NewProposal) -> Result<()> {
        todo!("{id} {proposal:?}")
    }

    pub fn proposal(&self, id: i64) -> Result<Proposal> {
        todo!("{id}")
    }

    /// A proposal named by its id or its exact title.
    pub fn find_proposal(&self, id_or_title: &str) -> Result<Proposal> {
        todo!("{id_or_title}")
    }

    // Conditions and events

    /// Records a condition and its status "raised" on the day it was raised.
    pub fn add_condition(&mut self, condition: &NewCondition) -> Result<Recorded> {
        todo!("{condition:?}")
    }

    pub fn condition(&self, id: i64) -> Result<Condition> {
        todo!("{id}")
    }

    /// Records a status change, a stance or a condition's new status.
    pub fn record(&mut self, event: &NewEvent) -> Result<Recorded> {
        todo!("{event:?}")
    }

    /// Marks an event as entered in error. It stays in the history, struck through.
    pub fn retract(&mut self, event: i64, reason: &str) -> Result<()> {
        todo!("{event} {reason}")
    }

    // Views

    /// Every proposal's line in the list, as seen from `viewpoint`.
    pub fn summaries(&self, viewpoint: Viewpoint) -> Result<Vec<ProposalSummary>> {
        todo!("{viewpoint:?}")
    }

    /// Everything the proposal page shows, as seen from `viewpoint`.
    pub fn proposal_state(&self, id: i64, viewpoint: Viewpoint) -> Result<ProposalState> {
        todo!("{id} {viewpoint:?}")
    }

    /// A proposal's every entry, retracted ones included, oldest first.
    pub fn history(&self, proposal: i64) -> Result<Vec<HistoryEntry>> {
        todo!("{proposal}")
    }

    /// Every event of any proposal that happened from `from` to `to` (both included).
    pub fn changes_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        known_on: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Vec<HistoryEntry>> {
        todo!("{from} {to} {known_on:?}")
    }
}
