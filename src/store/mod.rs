//! The SQLite store: one file the user owns, migrated by numbered SQL files, one
//! transaction per user action, nothing ever deleted.

mod backup;
pub mod bulk;
mod columns;
mod conditions;
mod document;
mod events;
mod file;
mod history;
mod merging;
mod migrate;
mod parties;
mod proposals;
mod restore;
mod retractions;
mod revisions;
mod sources;
mod standing;
mod team;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::Result;
use crate::model::document::Document;
use crate::model::text;
use crate::model::*;

pub use crate::model::text::MAX_TEXT_BYTES;
pub use backup::{backups_folder, list as backups, DAILY_BACKUPS_KEPT};
pub use migrate::SCHEMA_VERSION;
pub use restore::{restore, restore_listed};
pub use team::{Membership, Outbox, TeamServer};

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The name the records written through this store are signed with.
    analyst: String,
    /// True inside [`Store::all_or_nothing`], where each action is a savepoint.
    in_batch: bool,
}

/// The database file used when none is named: `CFTRACK_DB` if set, else
/// `tracker.db` in the OS data directory (shared by the window and `cftrack`).
pub fn default_path() -> PathBuf {
    match std::env::var_os("CFTRACK_DB") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("ceasefire-tracker")
            .join("tracker.db"),
    }
}

/// An origin of an imported proposal, as [`Store::origins`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrigin {
    pub proposal: uuid::Uuid,
    pub dataset: String,
    pub id: String,
    pub links: Vec<String>,
    pub fingerprint: String,
    /// The proposal's fields as the dataset gave them.
    pub said: serde_json::Map<String, serde_json::Value>,
}

/// See [`Store::data_version`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataVersion {
    /// Bumped by SQLite when another connection commits.
    file: i64,
    /// Rows this connection has changed.
    here: u64,
}

impl Store {
    /// Opens (creating if missing) and migrates the database at `path`. A file that is not
    /// a database, or one written by a newer version, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = migrate::open_file(path)?;
        Ok(Self {
            conn,
            path: Some(path.to_path_buf()),
            analyst: crate::settings::analyst(),
            in_batch: false,
        })
    }

    /// A fresh database in memory, with the same migrations as a file.
    pub fn open_in_memory() -> Result<Self> {
        Ok(Self {
            conn: migrate::open_memory()?,
            path: None,
            analyst: crate::settings::analyst(),
            in_batch: false,
        })
    }

    /// Signs what is recorded from now on with `name` (the analyst's name from the settings
    /// is the default).
    pub fn recording_as(mut self, name: &str) -> Self {
        self.set_analyst(name);
        self
    }

    pub fn set_analyst(&mut self, name: &str) {
        self.analyst = name.to_string();
    }

    /// The name records written through this store are signed with.
    pub fn analyst(&self) -> &str {
        &self.analyst
    }

    /// Reads pages with a read call into SQLite's own cache (a few megabytes) rather than
    /// through a memory map: for a connection that stays open all day, as the window's does,
    /// every page it ever read (the whole file, after an overview report or an export) would
    /// otherwise stay mapped into the process.
    pub fn without_memory_map(self) -> Result<Self> {
        self.conn.pragma_update(None, "mmap_size", 0)?;
        Ok(self)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Changes whenever the data in the file does, written through this store or by another
    /// program: what was read stays true while it stays the same.
    pub fn data_version(&self) -> Result<DataVersion> {
        let file = self.conn.pragma_query_value(None, "data_version", |row| row.get(0))?;
        Ok(DataVersion { file, here: self.conn.total_changes() })
    }

    /// The transaction of one user action, or of a whole-database write such as an import.
    pub(crate) fn write(&mut self) -> Result<write::Write<'_>> {
        write::Write::begin(&mut self.conn, self.in_batch)
    }

    /// Runs `actions` as one transaction: every write they make is kept, or none when they
    /// return an error (or the program dies before the end). For work made of several user
    /// actions, such as loading the demo data set.
    pub fn all_or_nothing<T>(&mut self, actions: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.in_batch {
            return actions(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.in_batch = true;
        let outcome = actions(self);
        self.in_batch = false;
        match outcome {
            Ok(value) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(value),
                Err(error) => {
                    self.roll_back();
                    Err(error.into())
                }
            },
            Err(error) => {
                self.roll_back();
                Err(error)
            }
        }
    }

    /// Ends a failed batch. Should the rollback itself fail, SQLite has already rolled
    /// back (that is when ROLLBACK fails), so there is nothing left to undo.
    fn roll_back(&mut self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    /// True while the database holds no proposal and no party (first run).
    pub fn is_empty(&self) -> Result<bool> {
        let empty = self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM party) AND NOT EXISTS (SELECT 1 FROM proposal)",
            [],
            |row| row.get(0),
        )?;
        Ok(empty)
    }

    // Parties

    pub fn add_party(&mut self, party: &NewParty) -> Result<i64> {
        text::all_storable(party)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        let id = parties::insert(&tx, party, &by)?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes a party, keeping its earlier values in the revision log.
    pub fn edit_party(&mut self, id: i64, party: &NewParty) -> Result<()> {
        text::all_storable(party)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        parties::edit(&tx, id, party, &by)?;
        tx.commit()?;
        Ok(())
    }

    /// Says that `party` and `into` are one party, going by the name of `into`: every stance
    /// and condition of either is the party's, and the other name is kept as an alias. A
    /// record of its own, merged like any other.
    pub fn merge_party(&mut self, party: i64, into: i64) -> Result<()> {
        let by = self.analyst.clone();
        let tx = self.write()?;
        let moved = merging::link_parties(&tx, party, into, &by)?;
        standing::refresh_each(&tx, moved)?;
        tx.commit()?;
        Ok(())
    }

    /// Another name `party` goes by: a party of that name, one with it. Refused when the
    /// name is already a party's.
    pub fn add_alias(&mut self, name: &str, party: i64) -> Result<()> {
        let target = self.party(party)?;
        self.all_or_nothing(|store| {
            let alias = store.add_party(&NewParty {
                name: name.to_string(),
                kind: target.kind,
                member_of: None,
                note: String::new(),
            })?;
            store.merge_party(alias, target.id)
        })
    }

    pub fn parties(&self) -> Result<Vec<Party>> {
        parties::list(&self.conn)
    }

    /// The part of the parties list `request` asks for, by name.
    pub fn parties_page(&self, request: &NameRequest) -> Result<PartyPage> {
        let (total, rows) = parties::page(&self.conn, request)?;
        Ok(PartyPage { total, offset: request.offset, rows })
    }

    pub fn party(&self, id: i64) -> Result<Party> {
        parties::get(&self.conn, id)
    }

    /// A party named by its id or its exact name.
    pub fn find_party(&self, id_or_name: &str) -> Result<Party> {
        parties::find(&self.conn, id_or_name)
    }

    // Sources

    pub fn add_source(&mut self, source: &NewSource) -> Result<i64> {
        text::all_storable(source)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        let id = sources::insert(&tx, source, sources::SourceForm::Own, &by)?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes a source's title, outlet, link or date, keeping its earlier values.
    pub fn edit_source(&mut self, id: i64, source: &NewSource) -> Result<()> {
        text::all_storable(source)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        sources::edit(&tx, id, source, &by)?;
        // A new link may make it one with another source.
        merging::settle(&tx, merging::Merged::Source)?;
        tx.commit()?;
        Ok(())
    }

    /// Takes back a source entered by mistake: it stays, struck through, and is no longer
    /// offered for new entries.
    pub fn retract_source(&mut self, id: i64, reason: &str) -> Result<()> {
        text::storable("reason", reason)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        sources::retract(&tx, id, reason, &by)?;
        tx.commit()?;
        Ok(())
    }

    pub fn source(&self, id: i64) -> Result<Source> {
        sources::get(&self.conn, id)
    }

    /// Every entry the source backs, of any proposal, retracted ones included.
    pub fn entries_citing(&self, source: i64) -> Result<Vec<HistoryEntry>> {
        let source = self.source(source)?.id;
        events::entries(&self.conn, events::EntryFilter::Citing { source })
    }

    pub fn sources(&self) -> Result<Vec<Source>> {
        sources::list(&self.conn)
    }

    /// The part of the sources list `request` asks for, by title.
    pub fn sources_page(&self, request: &NameRequest) -> Result<SourcePage> {
        let (total, rows) = sources::page(&self.conn, request)?;
        Ok(SourcePage { total, offset: request.offset, rows })
    }

    /// When each of the sources `ids` was published, for those whose date is known.
    pub fn published(&self, ids: &BTreeSet<i64>) -> Result<BTreeMap<i64, EventDate>> {
        sources::published(&self.conn, ids)
    }

    /// Known sources to suggest as `text` is typed: at most `limit`, whose title or URL holds
    /// it, an exact match first. A list of every source would be too long to send or show.
    pub fn search_sources(&self, text: &str, limit: u32) -> Result<Vec<Source>> {
        sources::search(&self.conn, text, limit)
    }

    /// A known source whose URL or exact title is `url_or_title`, if any.
    pub fn find_source(&self, url_or_title: &str) -> Result<Option<Source>> {
        sources::find(&self.conn, url_or_title)
    }

    // Proposals

    /// Records a proposal with its first status ("floated") and the proposer's stance.
    pub fn add_proposal(&mut self, proposal: &NewProposal) -> Result<Recorded> {
        text::all_storable(proposal)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        let id = proposals::insert(&tx, proposal, &by)?;
        tx.commit()?;
        Ok(Recorded { id, warnings: Vec::new() })
    }

    /// Changes a proposal's description, keeping its earlier values in the revision log.
    /// Its events, and so the proposer's role and the first events' sources, stay as they are.
    pub fn edit_proposal(&mut self, id: i64, proposal: &NewProposal) -> Result<()> {
        text::all_storable(proposal)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        proposals::edit(&tx, id, proposal, &by)?;
        tx.commit()?;
        Ok(())
    }

    pub fn proposal(&self, id: i64) -> Result<Proposal> {
        proposals::get(&self.conn, id)
    }

    /// A proposal named by its id or its exact title.
    pub fn find_proposal(&self, id_or_title: &str) -> Result<Proposal> {
        proposals::find(&self.conn, id_or_title)
    }

    /// Every proposal, oldest first.
    pub fn proposals(&self) -> Result<Vec<Proposal>> {
        proposals::list(&self.conn)
    }

    /// The lines of the proposals of the process `name` as seen from `viewpoint`, newest
    /// change first, each with its status timeline.
    pub fn process_lines(&self, name: &str, viewpoint: Viewpoint) -> Result<Vec<ProcessLine>> {
        history::process_lines(&self.conn, name, viewpoint)
    }

    /// The names of the conflicts and peace processes that proposals belong to, in order.
    pub fn processes(&self) -> Result<Vec<String>> {
        proposals::processes(&self.conn)
    }

    // Conditions and events

    /// Records a condition and its status "raised" on the day it was raised.
    pub fn add_condition(&mut self, condition: &NewCondition) -> Result<Recorded> {
        text::all_storable(condition)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        let id = conditions::insert(&tx, condition, &by)?;
        tx.commit()?;
        Ok(Recorded { id, warnings: Vec::new() })
    }

    /// Changes a condition's wording, parties, kind or category, keeping its earlier values
    /// in the revision log. Its proposal, date, note and sources stay as recorded.
    pub fn edit_condition(&mut self, id: i64, condition: &NewCondition) -> Result<()> {
        text::all_storable(condition)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        conditions::edit(&tx, id, condition, &by)?;
        tx.commit()?;
        Ok(())
    }

    pub fn condition(&self, id: i64) -> Result<Condition> {
        conditions::get(&self.conn, id)
    }

    /// Records a status change, a stance or a condition's new status.
    pub fn record(&mut self, event: &NewEvent) -> Result<Recorded> {
        text::all_storable(event)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        let recorded = events::record(&tx, event, &by)?;
        tx.commit()?;
        Ok(recorded)
    }

    /// Records several events in one transaction: all of them, or none when one is refused
    /// (for imports by script and generated data sets).
    pub fn record_all(&mut self, events: &[NewEvent]) -> Result<Vec<Recorded>> {
        events.iter().try_for_each(text::all_storable)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        let recorded = events.iter().map(|event| events::record(&tx, event, &by)).collect::<Result<_>>()?;
        tx.commit()?;
        Ok(recorded)
    }

    /// Marks an event as entered in error. It stays in the history, struck through.
    pub fn retract(&mut self, event: i64, reason: &str) -> Result<()> {
        text::storable("reason", reason)?;
        let by = self.analyst.clone();
        let tx = self.write()?;
        events::retract(&tx, event, reason, &by)?;
        tx.commit()?;
        Ok(())
    }

    /// The earlier values of a party, proposal or condition ("party", "proposal",
    /// "condition"), oldest first.
    pub fn revisions(&self, table: &str, row_id: i64) -> Result<Vec<Revision>> {
        revisions::list(&self.conn, table, row_id)
    }

    // Views

    /// Every proposal's line in the list, as seen from `viewpoint`.
    pub fn summaries(&self, viewpoint: Viewpoint) -> Result<Vec<ProposalSummary>> {
        history::summaries(&self.conn, viewpoint)
    }

    /// The part of the proposals list `request` asks for: filtered, ordered and cut by the
    /// database, with how many proposals match in all.
    pub fn list_page(&self, request: &ListRequest) -> Result<ListPage> {
        let (total, lines) = history::listing::page(&self.conn, request)?;
        Ok(ListPage {
            total,
            offset: request.offset,
            rows: lines.into_iter().map(SummaryRow::from).collect(),
        })
    }

    /// Where proposal `id` is in the list `request` describes, counting from 0 (its offset
    /// and limit aside); `None` when the filter leaves it out.
    pub fn list_position(&self, request: &ListRequest, id: i64) -> Result<Option<u32>> {
        history::listing::position(&self.conn, request, id)
    }

    /// The proposals in effect whose clock ends within `within` days of the viewpoint's date
    /// (every one with an end, without `within`) or has run out: the soonest end first.
    pub fn deadlines(&self, viewpoint: Viewpoint, within: Option<i64>) -> Result<Vec<Deadline>> {
        let last = within.map(|days| viewpoint.as_of + chrono::Days::new(days.max(0) as u64));
        let mut deadlines: Vec<Deadline> = history::lines_with_an_end(&self.conn, viewpoint)?
            .into_iter()
            .filter_map(|line| {
                let (ends_on, status) = (line.ends_on?, line.status?);
                let soon = line.overdue || last.is_none_or(|last| ends_on.first_day() <= last);
                soon.then_some(Deadline {
                    id: line.id,
                    title: line.title,
                    status,
                    ends_on,
                    days_left: line.days_left,
                    overdue: line.overdue,
                })
            })
            .collect();
        deadlines.sort_by_key(|deadline| (deadline.ends_on.first_day(), deadline.id));
        Ok(deadlines)
    }

    /// One proposal's line in the list; `None` when it had not been made by the date asked.
    pub fn summary(&self, id: i64, viewpoint: Viewpoint) -> Result<Option<ProposalSummary>> {
        history::summary(&self.conn, id, viewpoint)
    }

    /// Everything the proposal page shows, as seen from `viewpoint`.
    pub fn proposal_state(&self, id: i64, viewpoint: Viewpoint) -> Result<ProposalState> {
        history::proposal_state(&self.conn, id, viewpoint)
    }

    /// A proposal's every entry, retracted ones included, oldest first.
    pub fn history(&self, proposal: i64) -> Result<Vec<HistoryEntry>> {
        proposals::get(&self.conn, proposal)?;
        events::entries(&self.conn, events::EntryFilter::proposal(proposal))
    }

    /// Every event of any proposal that happened from `from` to `to` (both included).
    pub fn changes_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        known_on: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Vec<HistoryEntry>> {
        history::changes_between(&self.conn, from, to, known_on)
    }

    /// The whole database as the records of an export document, in the order they were made.
    pub fn document(&self) -> Result<Document> {
        document::read(&self.conn)
    }

    /// Every origin of imported proposals: the proposal's uuid, the dataset's code and id,
    /// the other datasets' records it names, and the fingerprint of what the dataset said.
    pub fn origins(&self) -> Result<Vec<StoredOrigin>> {
        let mut statement = self.conn.prepare(
            "SELECT p.uuid, o.dataset, o.origin_id, o.links, o.fingerprint, o.said
             FROM origin o JOIN proposal p ON p.id = o.proposal ORDER BY o.recorded_at, o.uuid",
        )?;
        let origins = statement
            .query_map([], |row| {
                Ok(StoredOrigin {
                    proposal: columns::uuid_at(row, 0)?,
                    dataset: row.get(1)?,
                    id: row.get(2)?,
                    links: serde_json::from_str(&row.get::<_, String>(3)?).unwrap_or_default(),
                    fingerprint: row.get(4)?,
                    said: serde_json::from_str(&row.get::<_, String>(5)?).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(origins)
    }

    /// Which of `uuids` name a record of `table` (an event, a condition, a proposal, a party).
    pub fn known_uuids(
        &self,
        table: &str,
        uuids: impl IntoIterator<Item = uuid::Uuid>,
    ) -> Result<std::collections::HashSet<uuid::Uuid>> {
        let table = match table {
            "event" => "event",
            other => bulk::Table::named(other)?,
        };
        let mut statement =
            self.conn.prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE uuid = ?1)"))?;
        let mut known = std::collections::HashSet::new();
        for uuid in uuids {
            if statement.query_row([uuid.to_string()], |row| row.get::<_, bool>(0))? {
                known.insert(uuid);
            }
        }
        Ok(known)
    }

    /// Every party by each name it goes by (its own and those merged into it), as the uuid
    /// of the party it is one with.
    pub fn parties_by_name(&self) -> Result<Vec<(String, uuid::Uuid)>> {
        let mut statement = self.conn.prepare(
            "SELECT p.name, c.uuid FROM party p JOIN party c ON c.id = coalesce(p.canonical, p.id)",
        )?;
        let names = statement
            .query_map([], |row| Ok((row.get(0)?, columns::uuid_at(row, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// The current values of a party, source, proposal or condition named by uuid, as a
    /// revision writes them.
    pub fn record_values(
        &self,
        table: &str,
        uuid: &uuid::Uuid,
    ) -> Result<serde_json::Map<String, serde_json::Value>> {
        let id: i64 = self.conn.query_row(
            &format!("SELECT id FROM {} WHERE uuid = ?1", bulk::Table::named(table)?),
            [uuid.to_string()],
            |row| row.get(0),
        )?;
        revisions::values(&self.conn, table, id)
    }

    // The whole file

    /// Writes a consistent copy of the database to `path` while it stays open.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        file::backup(&self.conn, path)
    }

    /// Writes today's backup into the `backups` folder beside the database, unless there is
    /// one already, and keeps the last seven; the window calls it when it starts. Returns
    /// the new backup's path, or None when there was nothing to do (or no file).
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        self.daily_backup_on(backup::today())
    }

    pub(crate) fn daily_backup_on(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        match &self.path {
            Some(path) => backup::daily(&self.conn, path, today),
            None => Ok(None),
        }
    }

    /// The problems SQLite finds in the file (integrity and foreign keys); empty when sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        file::integrity_problems(&self.conn)
    }
}

/// The words of a search, each in lower case, as a JSON array for `json_each`.
fn words_json(text: &str) -> String {
    let words: Vec<String> = text.to_lowercase().split_whitespace().map(str::to_string).collect();
    serde_json::to_string(&words).expect("a list of words")
}
