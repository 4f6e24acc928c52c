//! Writing many records at once: a whole export document, checked beforehand, into the
//! database in one transaction. The records are placed first (already stored, or new at
//! their index in the document); the new ones are then written with the same statements
//! as a record typed in, their references mapped to local ids.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::Result;
use crate::model::document::{ChangeRecord, Document, Imported};
use crate::model::EventDate;
use crate::model::{Change, ViolationDetails};

use super::columns::StoredDay;
use super::merging::{self, Merged};
use super::standing::{self, Move};
use super::{columns, conditions, events, parties, proposals, retractions, revisions, sources, Store};

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
    /// The events the document brings that are not stored yet.
    pub incoming_events: std::collections::HashSet<Uuid>,
    /// Per list, the indexes of records that are new (the others are already present).
    pub new_parties: Vec<usize>,
    pub new_sources: Vec<usize>,
    pub new_proposals: Vec<usize>,
    pub new_conditions: Vec<usize>,
    pub new_events: Vec<usize>,
    pub new_retractions: Vec<usize>,
    pub new_revisions: Vec<usize>,
    pub new_links: Vec<usize>,
    pub new_origins: Vec<usize>,
    pub already_present: usize,
}

impl Plan {
    /// How many records the import writes.
    pub fn new_records(&self) -> usize {
        self.new_parties.len()
            + self.new_sources.len()
            + self.new_proposals.len()
            + self.new_conditions.len()
            + self.new_events.len()
            + self.new_retractions.len()
            + self.new_revisions.len()
            + self.new_links.len()
            + self.new_origins.len()
    }
}

/// The tables whose records a document carries, as the checks of an import name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Party,
    Source,
    Proposal,
    Condition,
    Event,
    Retraction,
    Revision,
    PartyLink,
    SourceLink,
    Origin,
}

impl Table {
    /// The table of a record kind named as revisions name them, refused when unknown.
    pub(super) fn named(table: &str) -> Result<&'static str> {
        Ok(match table {
            "party" => "party",
            "source" => "source",
            "proposal" => "proposal",
            "condition" => "condition",
            other => {
                return Err(crate::error::Error::NotFound { what: "kind of record", name: other.to_string() })
            }
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::Source => "source",
            Self::Proposal => "proposal",
            Self::Condition => "condition",
            Self::Event => "event",
            Self::Retraction => "retraction",
            Self::Revision => "revision",
            Self::PartyLink => "party_link",
            Self::SourceLink => "source_link",
            Self::Origin => "origin",
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

    /// The stored "same as" links of `table` (party or source links): record, the record
    /// it is the same as, and the link, each by uuid.
    pub fn links(&self, table: Table) -> Result<Vec<(Uuid, Uuid, Uuid)>> {
        let of = match table {
            Table::PartyLink => "party",
            _ => "source",
        };
        let sql = format!(
            "SELECT r.uuid, s.uuid, l.uuid FROM {of}_link l JOIN {of} r ON r.id = l.record JOIN {of} s ON s.id = l.same_as"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let links = statement
            .query_map([], |row| {
                Ok((columns::uuid_at(row, 0)?, columns::uuid_at(row, 1)?, columns::uuid_at(row, 2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(links)
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
        self.import_document_reporting(document, plan, &mut |_| {})
    }

    /// [`Store::import_document`], telling `progress` how many of the new records are
    /// written as it goes (for a progress bar: the transaction commits only at the end).
    pub fn import_document_reporting(
        &mut self,
        document: &Document,
        plan: impl FnOnce(&Stored<'_>) -> Result<Plan>,
        progress: &mut dyn FnMut(Written),
    ) -> Result<Imported> {
        // A large document touches every page of the uuid and event indexes in turn: a page
        // cache of a quarter gigabyte (the most it may grow to, not an allocation) keeps them
        // in memory while it is written, rather than re-read from the file.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        let imported = self.plan_and_write(document, plan, progress);
        self.conn.pragma_update(None, "cache_size", cache)?;
        imported
    }

    fn plan_and_write(
        &mut self,
        document: &Document,
        plan: impl FnOnce(&Stored<'_>) -> Result<Plan>,
        progress: &mut dyn FnMut(Written),
    ) -> Result<Imported> {
        let tx = self.write()?;
        let plan = plan(&Stored { conn: &tx })?;
        let mut counter = Counter { done: 0, total: plan.new_records(), report: progress };
        let imported = write(&tx, document, &plan, &mut counter)?;
        tx.commit()?;
        Ok(imported)
    }
}

/// How far an import has got: of the `total` new records, `done` are written (not yet
/// committed: the transaction ends after the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub done: usize,
    pub total: usize,
}

/// Counts the records written and tells whoever asked, now and then.
struct Counter<'p> {
    done: usize,
    total: usize,
    report: &'p mut dyn FnMut(Written),
}

impl Counter<'_> {
    /// Rows between two reports inside a long table.
    const EVERY: usize = 2048;

    fn add(&mut self, written: usize) {
        self.done = (self.done + written).min(self.total);
        (self.report)(Written { done: self.done, total: self.total });
    }
}

/// The local ids of the records written so far, by their index in the document.
#[derive(Default)]
struct WrittenIds {
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

fn write(conn: &Connection, document: &Document, plan: &Plan, counter: &mut Counter<'_>) -> Result<Imported> {
    counter.add(0);
    let mut rebuilt = Vec::new();
    for table in BUILT_AFTER {
        let stored: bool =
            conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |row| row.get(0))?;
        if !stored {
            rebuilt.extend(drop_indexes(conn, table)?);
        }
    }
    let canonical_before = canonical_parties(conn)?;
    let mut written = WrittenIds::default();
    write_parties(conn, document, plan, &mut written)?;
    counter.add(plan.new_parties.len());
    write_sources(conn, document, plan, &mut written)?;
    counter.add(plan.new_sources.len());
    write_links(conn, document, plan, &written)?;
    counter.add(plan.new_links.len());
    // Parties one by name or by link are settled before the stances that name them.
    let mut stored_touched = merging::settle(conn, Merged::Party)?;
    merging::settle(conn, Merged::Source)?;
    write_proposals(conn, document, plan, &mut written)?;
    counter.add(plan.new_proposals.len());
    write_conditions(conn, document, plan, &mut written)?;
    counter.add(plan.new_conditions.len());
    let mut new_events = write_events(conn, document, plan, &written, &mut stored_touched, counter)?;
    for index in rebuilt {
        conn.execute_batch(&index)?;
    }
    let retracted = write_retractions(conn, document, plan, &mut stored_touched)?;
    counter.add(plan.new_retractions.len());
    write_origins(conn, document, plan, &written)?;
    counter.add(plan.new_origins.len());
    let revised = write_revisions(conn, document, plan, &written)?;
    counter.add(plan.new_revisions.len());
    if revised {
        // An edited name or link may make records one, or no longer one.
        stored_touched.extend(merging::settle(conn, Merged::Party)?);
        merging::settle(conn, Merged::Source)?;
    }
    // Each proposal's standing once, after all its new events: a new proposal's from the
    // events in hand, a stored one's from all its events.
    let canonical = canonical_parties(conn)?;
    for (proposal, steps) in &mut new_events {
        steps.retain(|step| !retracted.contains(&step.uuid));
        steps.sort_by_key(|step| (step.on.first_day(), step.recorded_at));
        let moves: Vec<(Move, EventDate)> = steps
            .iter()
            .map(|step| {
                let change = match step.change {
                    Move::Stance(party, stance) => {
                        Move::Stance(canonical.get(&party).copied().unwrap_or(party), stance)
                    }
                    Move::Status(status, extension) => Move::Status(status, extension),
                    Move::Condition(condition, status) => Move::Condition(condition, status),
                };
                (change, step.on)
            })
            .collect();
        stored_touched.remove(proposal);
        standing::write_new(conn, *proposal, &moves)?;
    }
    standing::refresh_each(conn, stored_touched)?;
    summary(conn, document, plan, &written, &canonical_before, &canonical)
}

/// Every party that is one with another, and the party it is one with.
fn canonical_parties(conn: &Connection) -> Result<HashMap<i64, i64>> {
    let mut statement = conn.prepare("SELECT id, canonical FROM party WHERE canonical IS NOT NULL")?;
    let map =
        statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// What the import did, in the words the window and `cftrack` report it with.
fn summary(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    written: &WrittenIds,
    canonical_before: &HashMap<i64, i64>,
    canonical: &HashMap<i64, i64>,
) -> Result<Imported> {
    let added = plan.new_records();
    let mut recorded_by = BTreeSet::new();
    let mut note = |name: &str| {
        if !name.is_empty() {
            recorded_by.insert(name.to_string());
        }
    };
    plan.new_parties.iter().for_each(|&i| note(&document.parties[i].recorded_by));
    plan.new_sources.iter().for_each(|&i| note(&document.sources[i].recorded_by));
    plan.new_proposals.iter().for_each(|&i| note(&document.proposals[i].recorded_by));
    plan.new_conditions.iter().for_each(|&i| note(&document.conditions[i].recorded_by));
    plan.new_events.iter().for_each(|&i| note(&document.events[i].recorded_by));
    plan.new_retractions.iter().for_each(|&i| note(&document.retractions[i].recorded_by));
    plan.new_revisions.iter().for_each(|&i| note(&document.revisions[i].recorded_by));
    plan.new_links.iter().for_each(|&i| note(&document.links[i].recorded_by));
    // The parties that now are one with another and were not before, by the name they go by.
    let mut merged_into = BTreeSet::new();
    for (&party, &into) in canonical {
        let new = plan.new_parties.iter().any(|&i| written.parties[i] == party);
        if canonical_before.get(&party) != Some(&into) || new {
            merged_into.insert(into);
        }
    }
    let mut name = conn.prepare_cached("SELECT name FROM party WHERE id = ?1")?;
    let parties_merged = merged_into
        .into_iter()
        .map(|id| name.query_row([id], |row| row.get(0)))
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Imported {
        added,
        already_present: plan.already_present,
        recorded_by: recorded_by.into_iter().collect(),
        parties_merged,
    })
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

fn write_parties(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    written: &mut WrittenIds,
) -> Result<()> {
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
            p.recorded_at,
            p.recorded_by
        ])?;
        written.parties[i] = conn.last_insert_rowid();
    }
    let mut link = conn.prepare("UPDATE party SET member_of = ?2 WHERE id = ?1")?;
    for &i in &plan.new_parties {
        if let Some(parent) = &document.parties[i].member_of {
            link.execute([written.parties[i], id_of(&plan.parties, &written.parties, parent)])?;
        }
    }
    Ok(())
}

fn write_sources(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    written: &mut WrittenIds,
) -> Result<()> {
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
            s.recorded_by,
        ])?;
        written.sources[i] = conn.last_insert_rowid();
    }
    Ok(())
}

fn write_links(conn: &Connection, document: &Document, plan: &Plan, written: &WrittenIds) -> Result<()> {
    let mut parties = conn.prepare(merging::PARTY_LINK)?;
    let mut sources = conn.prepare(merging::SOURCE_LINK)?;
    for &i in &plan.new_links {
        let l = &document.links[i];
        let (insert, places, ids) = match l.table.as_str() {
            "party" => (&mut parties, &plan.parties, &written.parties),
            _ => (&mut sources, &plan.sources, &written.sources),
        };
        insert.execute(params![
            l.uuid.to_string(),
            id_of(places, ids, &l.record),
            id_of(places, ids, &l.same_as),
            l.recorded_at,
            l.recorded_by
        ])?;
    }
    Ok(())
}

fn write_proposals(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    written: &mut WrittenIds,
) -> Result<()> {
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
            p.recorded_by,
            // Linked below, with its lineage.
            None::<i64>,
            p.phase,
        ])?;
        written.proposals[i] = conn.last_insert_rowid();
    }
    let mut link = conn.prepare("UPDATE proposal SET supersedes = ?2 WHERE id = ?1")?;
    let mut phase_of = conn.prepare("UPDATE proposal SET phase_of = ?2 WHERE id = ?1")?;
    let mut co_proposer = conn.prepare(proposals::CO_PROPOSER)?;
    for &i in &plan.new_proposals {
        let p = &document.proposals[i];
        if let Some(earlier) = &p.supersedes {
            link.execute([written.proposals[i], id_of(&plan.proposals, &written.proposals, earlier)])?;
        }
        if let Some(deal) = &p.phase_of {
            phase_of.execute([written.proposals[i], id_of(&plan.proposals, &written.proposals, deal)])?;
        }
        for (position, party) in p.co_proposers.iter().enumerate() {
            co_proposer.execute(params![
                written.proposals[i],
                id_of(&plan.parties, &written.parties, party),
                position as i64 + 1
            ])?;
        }
    }
    Ok(())
}

fn write_conditions(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    written: &mut WrittenIds,
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
            c.recorded_by,
        ])?;
        written.conditions[i] = conn.last_insert_rowid();
    }
    Ok(())
}

/// What an event of a new proposal does to its standing, and when.
struct Step<'d> {
    uuid: Uuid,
    change: Move,
    on: EventDate,
    recorded_at: &'d str,
}

/// Writes the new events and their citations. Gives the steps of the new proposals' events,
/// by proposal, and adds the stored proposals they came to to `stored_touched`.
fn write_events<'d>(
    conn: &Connection,
    document: &'d Document,
    plan: &Plan,
    written: &WrittenIds,
    stored_touched: &mut BTreeSet<i64>,
    counter: &mut Counter<'_>,
) -> Result<BTreeMap<i64, Vec<Step<'d>>>> {
    let mut new: BTreeMap<i64, Vec<Step<'d>>> = BTreeMap::new();
    let mut insert = conn.prepare(events::INSERT)?;
    let mut cite = conn.prepare(sources::CITE)?;
    let mut uuid = [0; 36];
    for (n, &i) in plan.new_events.iter().enumerate() {
        if n > 0 && n % Counter::EVERY == 0 {
            counter.add(Counter::EVERY);
        }
        let e = &document.events[i];
        let party = |uuid: &Uuid| id_of(&plan.parties, &written.parties, uuid);
        let condition = |uuid: &Uuid| id_of(&plan.conditions, &written.conditions, uuid);
        let mut details = None;
        let (change, step) = match &e.change {
            ChangeRecord::Status { status } => {
                (Change::Status { status: *status }, Some(Move::Status(*status, e.extension)))
            }
            ChangeRecord::Stance { party: who, stance, role } => {
                let who = party(who);
                (
                    Change::Stance { party: who, stance: *stance, role: *role },
                    Some(Move::Stance(who, *stance)),
                )
            }
            ChangeRecord::Condition { condition: which, status } => {
                let which = condition(which);
                (
                    Change::Condition { condition: which, status: *status },
                    Some(Move::Condition(which, *status)),
                )
            }
            ChangeRecord::Violation { reported_by, against, disputed, until, count, unit, place } => {
                details = Some(ViolationDetails {
                    until: *until,
                    count: *count,
                    unit: unit.clone(),
                    place: place.clone(),
                });
                let change = Change::Violation {
                    reported_by: reported_by.as_ref().map(party),
                    against: against.as_ref().map(party),
                    disputed: *disputed,
                };
                (change, None)
            }
            ChangeRecord::Implementation { condition: which, level } => {
                (Change::Implementation { condition: condition(which), level: *level }, None)
            }
        };
        let c = events::ChangeColumns::of(change);
        let proposal = id_of(&plan.proposals, &written.proposals, &e.proposal);
        let (mut until, mut until_precision, by_days) = events::extension_columns(e.extension);
        let (period_end, period_precision, count, unit, place) = events::violation_columns(details.as_ref());
        if period_end.is_some() {
            (until, until_precision) = (period_end, period_precision);
        }
        insert.execute(params![
            uuid_text(&e.uuid, &mut uuid),
            proposal,
            c.kind,
            c.status,
            c.party,
            c.stance,
            c.role,
            c.condition,
            c.condition_status,
            StoredDay::new(e.occurred_on.first_day()),
            e.occurred_on.precision().code(),
            e.note,
            e.recorded_at,
            e.recorded_by,
            until,
            until_precision,
            by_days,
            c.against,
            count,
            unit,
            place,
            c.disputed,
            c.level,
        ])?;
        let event = conn.last_insert_rowid();
        for source in &e.sources {
            cite.execute([event, id_of(&plan.sources, &written.sources, source)])?;
        }
        match (plan.proposals[&e.proposal], step) {
            (Place::Incoming(_), Some(change)) => new.entry(proposal).or_default().push(Step {
                uuid: e.uuid,
                change,
                on: e.occurred_on,
                recorded_at: &e.recorded_at,
            }),
            // A violation or an implementation entry does not move the standing.
            (Place::Incoming(_), None) => {
                new.entry(proposal).or_default();
            }
            (Place::Stored(_), _) => {
                stored_touched.insert(proposal);
            }
        }
    }
    counter.add(plan.new_events.len() % Counter::EVERY);
    Ok(new)
}

/// Writes the new retractions and copies each entry's earliest into its row. Gives the
/// events retracted; the stored proposals whose events they are go into `stored_touched`.
fn write_retractions(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    stored_touched: &mut BTreeSet<i64>,
) -> Result<BTreeSet<Uuid>> {
    let mut insert = conn.prepare(retractions::INSERT)?;
    let mut proposal_of = conn.prepare_cached("SELECT proposal FROM event WHERE uuid = ?1")?;
    let mut retracted = BTreeSet::new();
    for &i in &plan.new_retractions {
        let r = &document.retractions[i];
        insert.execute(params![
            r.uuid.to_string(),
            r.entry.to_string(),
            r.reason,
            r.recorded_at,
            r.recorded_by
        ])?;
        retracted.insert(r.entry);
    }
    for entry in &retracted {
        let text = entry.to_string();
        match proposal_of.query_row([&text], |row| row.get::<_, i64>(0)).optional()? {
            Some(proposal) => {
                retractions::settle(conn, "event", &text)?;
                // A new proposal's standing leaves its retracted events out by itself.
                stored_touched.insert(proposal);
            }
            None => retractions::settle(conn, "source", &text)?,
        }
    }
    Ok(retracted)
}

/// Writes the new revisions and replays each record they edit. True when any was written.
fn write_revisions(
    conn: &Connection,
    document: &Document,
    plan: &Plan,
    written: &WrittenIds,
) -> Result<bool> {
    let mut insert = conn.prepare(revisions::INSERT)?;
    let mut uuid = [0; 36];
    let mut edited = BTreeSet::new();
    for &i in &plan.new_revisions {
        let r = &document.revisions[i];
        let row_id = match r.table.as_str() {
            "party" => id_of(&plan.parties, &written.parties, &r.record),
            "source" => id_of(&plan.sources, &written.sources, &r.record),
            "proposal" => id_of(&plan.proposals, &written.proposals, &r.record),
            _ => id_of(&plan.conditions, &written.conditions, &r.record),
        };
        insert.execute(params![
            uuid_text(&r.uuid, &mut uuid),
            r.table,
            row_id,
            r.earlier.to_string(),
            r.changed_to.to_string(),
            r.recorded_at,
            r.recorded_by,
        ])?;
        edited.insert((r.table.as_str(), row_id));
    }
    for &(table, id) in &edited {
        revisions::replay(conn, table, id)?;
    }
    for &(table, id) in &edited {
        revisions::refuse_circle(conn, table, id)?;
    }
    Ok(!edited.is_empty())
}

fn write_origins(conn: &Connection, document: &Document, plan: &Plan, written: &WrittenIds) -> Result<()> {
    let mut insert = conn.prepare(
        "INSERT INTO origin (uuid, proposal, dataset, origin_id, links, page_url, fingerprint, said,
                             recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for &i in &plan.new_origins {
        let o = &document.origins[i];
        insert.execute(params![
            o.uuid.to_string(),
            id_of(&plan.proposals, &written.proposals, &o.proposal),
            o.dataset,
            o.id,
            serde_json::to_string(&o.links).expect("a list of names"),
            o.page_url,
            o.fingerprint,
            serde_json::to_string(&o.said).expect("an object of values"),
            o.recorded_at,
            o.recorded_by,
        ])?;
    }
    Ok(())
}
