//! Writing many records at once: a whole export document, checked beforehand, into the
//! database in one transaction. The records are placed first (already stored, or new at
//! their index in the document); the new ones are then written with the same statements
//! as a record typed in, their references mapped to local ids.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::Result;
use crate::model::document::{
    ChangeRecord, ConditionRecord, Document, EventRecord, Imported, PartyRecord, ProposalRecord,
    RevisionRecord, SourceRecord,
};
use crate::model::EventDate;

use super::columns::StoredDay;
use super::standing::{self, Move};
use super::{columns, conditions, document, events, parties, proposals, revisions, sources, Store};

/// Where a referenced record lives: already in the database (its id), or in the document
/// at an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Stored(i64),
    Incoming(usize),
}

/// What checking found: where each uuid lives, and which records are to be written.
#[derive(Default)]
pub struct Plan {
    pub parties: HashMap<Uuid, Place>,
    pub sources: HashMap<Uuid, Place>,
    pub proposals: HashMap<Uuid, Place>,
    pub conditions: HashMap<Uuid, Place>,
    /// Per list, the indexes of records that are new (the others are already present).
    pub new_parties: Vec<usize>,
    pub new_sources: Vec<usize>,
    pub new_proposals: Vec<usize>,
    pub new_conditions: Vec<usize>,
    pub new_events: Vec<usize>,
    pub new_revisions: Vec<usize>,
    pub already_present: usize,
}

/// The tables whose records a document carries, as the checks of an import name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Party,
    Source,
    Proposal,
    Condition,
    Event,
    Revision,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::Source => "source",
            Self::Proposal => "proposal",
            Self::Condition => "condition",
            Self::Event => "event",
            Self::Revision => "revision",
        }
    }
}

/// What an import's checks may ask of the records already stored, inside the transaction
/// that will write the document, so that no other writer slips in between.
pub struct Stored<'c> {
    conn: &'c Connection,
}

impl Stored<'_> {
    /// Every record stored in `table`, by uuid.
    pub fn places(&self, table: Table) -> Result<HashMap<Uuid, Place>> {
        let mut statement = self.conn.prepare(&format!("SELECT id, uuid FROM {}", table.name()))?;
        let mut rows = statement.query([])?;
        let mut places = HashMap::new();
        while let Some(row) = rows.next()? {
            places.insert(columns::uuid(row, "uuid")?, Place::Stored(row.get(0)?));
        }
        Ok(places)
    }

    /// True when `table` holds any record.
    pub fn any(&self, table: Table) -> Result<bool> {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", table.name());
        Ok(self.conn.query_row(&sql, [], |row| row.get(0))?)
    }

    /// The local id of the record of `table` whose uuid is `uuid`, if it is stored.
    pub fn id(&self, table: Table, uuid: &Uuid) -> Result<Option<i64>> {
        let sql = format!("SELECT id FROM {} WHERE uuid = ?1", table.name());
        Ok(self.conn.prepare_cached(&sql)?.query_row([uuid.to_string()], |row| row.get(0)).optional()?)
    }

    /// Every stored party's name, with its id.
    pub fn party_names(&self) -> Result<HashMap<String, i64>> {
        let mut statement = self.conn.prepare("SELECT id, name FROM party")?;
        let names = statement
            .query_map([], |row| Ok((row.get(1)?, row.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// When the stored proposal `id` was made.
    pub fn proposed_on(&self, id: i64) -> Result<EventDate> {
        Ok(self.conn.query_row(
            "SELECT proposed_on, proposed_on_precision FROM proposal WHERE id = ?1",
            [id],
            |row| columns::event_date(row, "proposed_on"),
        )?)
    }

    /// The uuid of the proposal the stored condition `id` was raised on.
    pub fn proposal_of_condition(&self, id: i64) -> Result<Uuid> {
        Ok(self.conn.query_row(
            "SELECT p.uuid FROM condition c JOIN proposal p ON p.id = c.proposal WHERE c.id = ?1",
            [id],
            |row| columns::uuid(row, "uuid"),
        )?)
    }

    pub fn party(&self, uuid: &Uuid) -> Result<Option<PartyRecord>> {
        Ok(document::read_parties(self.conn, Some(uuid))?.pop())
    }

    pub fn source(&self, uuid: &Uuid) -> Result<Option<SourceRecord>> {
        Ok(document::read_sources(self.conn, Some(uuid))?.pop())
    }

    pub fn proposal(&self, uuid: &Uuid) -> Result<Option<ProposalRecord>> {
        Ok(document::read_proposals(self.conn, Some(uuid))?.pop())
    }

    pub fn condition(&self, uuid: &Uuid) -> Result<Option<ConditionRecord>> {
        Ok(document::read_conditions(self.conn, Some(uuid))?.pop())
    }

    pub fn event(&self, uuid: &Uuid) -> Result<Option<EventRecord>> {
        Ok(document::read_events(self.conn, Some(uuid))?.pop())
    }

    pub fn revision(&self, uuid: &Uuid) -> Result<Option<RevisionRecord>> {
        Ok(document::read_revisions(self.conn, Some(uuid))?.pop())
    }
}

impl Store {
    /// Writes the records of `document` that `plan` finds new, in one transaction: all of
    /// them, or none when `plan` refuses the document or a write fails. `plan` checks the
    /// document against what is stored inside that transaction.
    pub fn import_document(
        &mut self,
        document: &Document,
        plan: impl FnOnce(&Stored<'_>) -> Result<Plan>,
    ) -> Result<Imported> {
        // A large document touches every page of the uuid and event indexes in turn: a page
        // cache of a quarter gigabyte (the most it may grow to, not an allocation) keeps them
        // in memory while it is written, rather than re-read from the file.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        let imported = self.plan_and_write(document, plan);
        self.conn.pragma_update(None, "cache_size", cache)?;
        imported
    }

    fn plan_and_write(
        &mut self,
        document: &Document,
        plan: impl FnOnce(&Stored<'_>) -> Result<Plan>,
    ) -> Result<Imported> {
        let tx = self.write()?;
        let plan = plan(&Stored { conn: &tx })?;
        let imported = write(&tx, document, &plan)?;
        tx.commit()?;
        Ok(imported)
    }
}

/// The local ids of the records written so far, by their index in the document.
#[derive(Default)]
struct Written {
    parties: Vec<i64>,
    sources: Vec<i64>,
    proposals: Vec<i64>,
    conditions: Vec<i64>,
}

/// The local id of a record, stored before or written from the document.
fn id_of(places: &HashMap<Uuid, Place>, written: &[i64], uuid: &Uuid) -> i64 {
    match places[uuid] {
        Place::Stored(id) => id,
        Place::Incoming(i) => written[i],
    }
}

/// A uuid in its stored form, written into `buffer` rather than a new string.
fn uuid_text<'b>(uuid: &Uuid, buffer: &'b mut [u8; 36]) -> &'b str {
    uuid.hyphenated().encode_lower(buffer)
}

/// The tables of many rows whose indexes an import into them builds after the rows, when
/// they are empty: building an index once from all the rows is several times faster than
/// keeping it up to date row by row. The import has checked the uuids unique.
const BUILT_AFTER: [&str; 3] = ["source", "event", "event_source"];

fn write(conn: &Connection, document: &Document, plan: &Plan) -> Result<Imported> {
    let mut rebuilt = Vec::new();
    for table in BUILT_AFTER {
        let stored: bool =
            conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |row| row.get(0))?;
        if !stored {
            rebuilt.extend(drop_indexes(conn, table)?);
        }
    }
    let mut written = Written::default();
    write_parties(conn, document, plan, &mut written)?;
    write_sources(conn, document, plan, &mut written)?;
    write_proposals(conn, document, plan, &mut written)?;
    write_conditions(conn, document, plan, &mut written)?;
    let touched = write_events(conn, document, plan, &written)?;
    for index in rebuilt {
        conn.execute_batch(&index)?;
    }
    // Each proposal's standing once, after all its new events.
    touched.write_standing(conn)?;
    write_revisions(conn, document, plan, &written)?;
    let added = plan.new_parties.len()
        + plan.new_sources.len()
        + plan.new_proposals.len()
        + plan.new_conditions.len()
        + plan.new_events.len()
        + plan.new_revisions.len();
    Ok(Imported { added, already_present: plan.already_present })
}

/// Drops the indexes of `table` that the schema made (not those of its keys); the
/// statements that make them again.
fn drop_indexes(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut statement = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
    )?;
    let indexes = statement
        .query_map([table], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut made = Vec::new();
    for (name, sql) in indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        made.push(sql);
    }
    Ok(made)
}

fn write_parties(conn: &Connection, document: &Document, plan: &Plan, written: &mut Written) -> Result<()> {
    let mut insert = conn.prepare(parties::INSERT)?;
    written.parties = vec![0; document.parties.len()];
    let mut uuid = [0; 36];
    for &i in &plan.new_parties {
        let p = &document.parties[i];
        // Memberships are linked below, once every party has its id.
        insert.execute(params![
            uuid_text(&p.uuid, &mut uuid),
            p.name,
            p.kind,
            None::<i64>,
            p.note,
            p.recorded_at
        ])?;
        written.parties[i] = conn.last_insert_rowid();
    }
    // Memberships once every party has its id: a party may name one listed after it.
    let mut link = conn.prepare("UPDATE party SET member_of = ?2 WHERE id = ?1")?;
    for &i in &plan.new_parties {
        if let Some(parent) = &document.parties[i].member_of {
            link.execute([written.parties[i], id_of(&plan.parties, &written.parties, parent)])?;
        }
    }
    Ok(())
}

fn write_sources(conn: &Connection, document: &Document, plan: &Plan, written: &mut Written) -> Result<()> {
    let mut insert = conn.prepare(sources::INSERT)?;
    written.sources = vec![0; document.sources.len()];
    let mut uuid = [0; 36];
    for &i in &plan.new_sources {
        let s = &document.sources[i];
        insert.execute(params![
            uuid_text(&s.uuid, &mut uuid),
            s.title,
            s.outlet,
            s.url,
            s.published_on.map(|d| StoredDay::new(d.first_day())),
            s.published_on.map(|d| d.precision().code()),
            s.recorded_at,
        ])?;
        written.sources[i] = conn.last_insert_rowid();
    }
    Ok(())
}

fn write_proposals(conn: &Connection, document: &Document, plan: &Plan, written: &mut Written) -> Result<()> {
    let mut insert = conn.prepare(proposals::INSERT)?;
    written.proposals = vec![0; document.proposals.len()];
    let mut uuid = [0; 36];
    for &i in &plan.new_proposals {
        let p = &document.proposals[i];
        insert.execute(params![
            uuid_text(&p.uuid, &mut uuid),
            p.title,
            p.summary,
            p.full_text,
            id_of(&plan.parties, &written.parties, &p.proposed_by),
            StoredDay::new(p.proposed_on.first_day()),
            p.proposed_on.precision().code(),
            p.kind,
            p.scope,
            p.duration_days,
            p.process,
            // Linked below, once every proposal has its id.
            None::<i64>,
            p.recorded_at,
        ])?;
        written.proposals[i] = conn.last_insert_rowid();
    }
    // Lineage once every proposal has its id, as for memberships.
    let mut link = conn.prepare("UPDATE proposal SET supersedes = ?2 WHERE id = ?1")?;
    for &i in &plan.new_proposals {
        if let Some(earlier) = &document.proposals[i].supersedes {
            link.execute([written.proposals[i], id_of(&plan.proposals, &written.proposals, earlier)])?;
        }
    }
    Ok(())
}

fn write_conditions(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    written: &mut Written,
) -> Result<()> {
    let mut insert = conn.prepare(conditions::INSERT)?;
    written.conditions = vec![0; document.conditions.len()];
    let mut uuid = [0; 36];
    for &i in &plan.new_conditions {
        let c = &document.conditions[i];
        insert.execute(params![
            uuid_text(&c.uuid, &mut uuid),
            id_of(&plan.proposals, &written.proposals, &c.proposal),
            id_of(&plan.parties, &written.parties, &c.raised_by),
            c.directed_at.map(|d| id_of(&plan.parties, &written.parties, &d)),
            c.text,
            c.kind,
            c.category,
            c.recorded_at,
        ])?;
        written.conditions[i] = conn.last_insert_rowid();
    }
    Ok(())
}

/// What an event that is not retracted does to its proposal's standing, and when.
struct Step<'d> {
    change: Move,
    on: EventDate,
    recorded_at: &'d str,
}

/// The proposals an import brought events to, by local id: those it made, with what their
/// events do to their standing, and those stored before.
#[derive(Default)]
struct Touched<'d> {
    new: BTreeMap<i64, Vec<Step<'d>>>,
    stored: BTreeSet<i64>,
}

impl Touched<'_> {
    /// Writes the standing of every proposal touched: a new proposal's from the events in
    /// hand, in the order of its history (by date, then time recorded, then id: the order
    /// written, which the stable sort keeps for ties), a stored one's from all its events.
    fn write_standing(self, conn: &Connection) -> Result<()> {
        for (proposal, mut steps) in self.new {
            steps.sort_by_key(|step| (step.on.first_day(), step.recorded_at));
            let moves: Vec<(Move, EventDate)> =
                steps.into_iter().map(|step| (step.change, step.on)).collect();
            standing::write_new(conn, proposal, &moves)?;
        }
        standing::refresh_each(conn, self.stored)
    }
}

/// Writes the new events and their citations; the proposals they belong to.
fn write_events<'d>(
    conn: &Connection,
    document: &'d Document,
    plan: &Plan,
    written: &Written,
) -> Result<Touched<'d>> {
    let mut touched = Touched::default();
    let mut insert = conn.prepare(events::INSERT)?;
    let mut cite = conn.prepare(sources::CITE)?;
    let mut uuid = [0; 36];
    for &i in &plan.new_events {
        let e = &document.events[i];
        let (mut status, mut party, mut stance, mut role, mut condition, mut condition_status) =
            (None, None, None, None, None, None);
        let (kind, change) = match e.change {
            ChangeRecord::Status { status: word } => {
                status = Some(word);
                ("status", Move::Status(word))
            }
            ChangeRecord::Stance { party: who, stance: word, role: part } => {
                let who = id_of(&plan.parties, &written.parties, &who);
                (party, stance, role) = (Some(who), Some(word), Some(part));
                ("stance", Move::Stance(who, word))
            }
            ChangeRecord::Condition { condition: which, status: word } => {
                let which = id_of(&plan.conditions, &written.conditions, &which);
                (condition, condition_status) = (Some(which), Some(word));
                ("condition", Move::Condition(which, word))
            }
        };
        let proposal = id_of(&plan.proposals, &written.proposals, &e.proposal);
        insert.execute(params![
            uuid_text(&e.uuid, &mut uuid),
            proposal,
            kind,
            status,
            party,
            stance,
            role,
            condition,
            condition_status,
            StoredDay::new(e.occurred_on.first_day()),
            e.occurred_on.precision().code(),
            e.note,
            e.recorded_at,
            e.retraction.as_ref().map(|r| &r.at),
            e.retraction.as_ref().map(|r| &r.reason),
        ])?;
        let event = conn.last_insert_rowid();
        for source in &e.sources {
            cite.execute([event, id_of(&plan.sources, &written.sources, source)])?;
        }
        match plan.proposals[&e.proposal] {
            Place::Incoming(_) => {
                let steps = touched.new.entry(proposal).or_default();
                if e.retraction.is_none() {
                    steps.push(Step { change, on: e.occurred_on, recorded_at: &e.recorded_at });
                }
            }
            Place::Stored(_) => {
                touched.stored.insert(proposal);
            }
        }
    }
    Ok(touched)
}

fn write_revisions(conn: &Connection, document: &Document, plan: &Plan, written: &Written) -> Result<()> {
    let mut insert = conn.prepare(revisions::INSERT)?;
    let mut uuid = [0; 36];
    for &i in &plan.new_revisions {
        let r = &document.revisions[i];
        let row_id = match r.table.as_str() {
            "party" => id_of(&plan.parties, &written.parties, &r.record),
            "proposal" => id_of(&plan.proposals, &written.proposals, &r.record),
            _ => id_of(&plan.conditions, &written.conditions, &r.record),
        };
        insert.execute(params![
            uuid_text(&r.uuid, &mut uuid),
            r.table,
            row_id,
            r.earlier.to_string(),
            r.changed_at
        ])?;
    }
    Ok(())
}
