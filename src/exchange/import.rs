//! Reading a document and writing it, once checked, in one transaction.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::check::{check, refuse, Place, Plan};
use super::{ChangeRecord, Document, Imported, FORMAT, VERSION};
use crate::error::Result;
use crate::model::EventDate;
use crate::store::columns::StoredDay;
use crate::store::standing::{self, Move};
use crate::store::{text, Store, MAX_TEXT_BYTES};

/// Imports a document given as JSON text. The whole document is checked first; the first
/// bad record refuses it all, and then nothing is written.
pub fn import_json(store: &mut Store, text: &str) -> Result<Imported> {
    import(store, &parse(text)?)
}

/// Imports a document already read, checked whole first like one given as text.
pub fn import(store: &mut Store, document: &Document) -> Result<Imported> {
    // A large document touches every page of the uuid and event indexes in turn: a page
    // cache of a quarter gigabyte (the most it may grow to, not an allocation) keeps them
    // in memory while it is written, rather than re-read from the file.
    let cache: i64 = store.conn().pragma_query_value(None, "cache_size", |row| row.get(0))?;
    store.conn().pragma_update(None, "cache_size", -262_144)?;
    let imported = check_and_write(store, document);
    store.conn().pragma_update(None, "cache_size", cache)?;
    imported
}

fn check_and_write(store: &mut Store, document: &Document) -> Result<Imported> {
    // Checked inside the write transaction, so that no other writer slips in between.
    let tx = store.write()?;
    let plan = check(&tx, document)?;
    let imported = write(&tx, document, &plan)?;
    tx.commit()?;
    Ok(imported)
}

/// Reads the document; when it does not read whole, again record by record, so that the
/// refusal names the record at fault.
fn parse(text: &str) -> Result<Document> {
    let (read, storable) = read_and_scan(text);
    match read {
        Ok(document)
            if document.format == FORMAT
                && document.version == VERSION
                && storable
                && document
                    .sources
                    .iter()
                    .filter_map(|s| s.url.as_deref())
                    .all(|url| text::link_problem(url).is_none()) =>
        {
            Ok(document)
        }
        _ => parse_by_record(text),
    }
}

/// The document read from the text, and whether [`only_storable_text`] holds for it. The
/// two are independent: for a large text the scan runs beside the read, on another core
/// when there is one.
fn read_and_scan(text: &str) -> (serde_json::Result<Document>, bool) {
    if text.len() < 1 << 20 {
        return (serde_json::from_str(text), only_storable_text(text));
    }
    std::thread::scope(|scope| {
        let scan = scope.spawn(|| only_storable_text(text));
        let read = serde_json::from_str(text);
        (read, scan.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// True when no string in the JSON text holds what a field refuses (a control character
/// other than tab and line breaks, or more than [`MAX_TEXT_BYTES`]), so that the fast read
/// needs no check record by record. A false alarm only costs the slower read.
fn only_storable_text(json: &str) -> bool {
    let bytes = json.as_bytes();
    let (mut in_string, mut length, mut i) = (false, 0usize, 0usize);
    while i < bytes.len() {
        let byte = bytes[i];
        if !in_string {
            in_string = byte == b'"';
            length = 0;
            i += 1;
            continue;
        }
        match byte {
            b'"' => in_string = false,
            b'\\' => {
                let escaped = bytes.get(i + 1).copied().unwrap_or(b'"');
                if matches!(escaped, b'b' | b'f') {
                    return false;
                }
                // \u0000 to \u001f (but tab and line breaks), \u007f to \u009f.
                if escaped == b'u' {
                    let hex = bytes.get(i + 2..i + 6).unwrap_or(b"0000").to_ascii_lowercase();
                    let control = hex.starts_with(b"000") && !matches!(&hex[..], b"0009" | b"000a" | b"000d")
                        || hex.starts_with(b"001")
                        || &hex[..] == b"007f"
                        || hex.starts_with(b"008")
                        || hex.starts_with(b"009");
                    if control {
                        return false;
                    }
                }
                length += 2;
                i += 1;
            }
            // DEL, and the C1 controls U+0080 to U+009F (0xC2 0x80..0x9F in UTF-8).
            0x7f => return false,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return false,
            _ => length += 1,
        }
        if length > MAX_TEXT_BYTES {
            return false;
        }
        i += 1;
    }
    true
}

fn parse_by_record(text: &str) -> Result<Document> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| refuse("the document", format!("it is not JSON: {e}")))?;
    let serde_json::Value::Object(mut top) = value else {
        return Err(refuse("the document", "it is not a JSON object"));
    };
    let format = top.remove("format");
    if format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(refuse("the document", format!("its \"format\" is not \"{FORMAT}\"")));
    }
    let version = top.remove("version").and_then(|v| v.as_i64());
    match version {
        Some(VERSION) => {}
        Some(newer) if newer > VERSION => {
            return Err(refuse(
                "the document",
                format!("it is version {newer}, written by a newer version of Ceasefire Tracker (this one reads {VERSION})"),
            ))
        }
        _ => return Err(refuse("the document", format!("its \"version\" is not {VERSION}"))),
    }
    fn list<T: DeserializeOwned>(
        top: &mut serde_json::Map<String, serde_json::Value>,
        key: &str,
    ) -> Result<Vec<T>> {
        let Some(value) = top.remove(key) else {
            return Err(refuse("the document", format!("it has no \"{key}\" list")));
        };
        let serde_json::Value::Array(items) = value else {
            return Err(refuse("the document", format!("\"{key}\" is not a list")));
        };
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let name = match item.get("uuid").and_then(|u| u.as_str()) {
                    Some(uuid) => format!("{key}[{index}] (uuid {uuid})"),
                    None => format!("{key}[{index}]"),
                };
                if let Some((place, problem)) = text::problem_in_json(&item) {
                    return Err(refuse(name, format!("{}: {problem}", place.trim_start_matches('.'))));
                }
                if let Some(problem) =
                    item.get("url").and_then(|url| url.as_str()).and_then(text::link_problem)
                {
                    return Err(refuse(name, format!("url: {problem}")));
                }
                serde_json::from_value(item).map_err(|e| refuse(name, e.to_string()))
            })
            .collect()
    }
    let document = Document {
        format: FORMAT.to_string(),
        version: VERSION,
        parties: list(&mut top, "parties")?,
        sources: list(&mut top, "sources")?,
        proposals: list(&mut top, "proposals")?,
        conditions: list(&mut top, "conditions")?,
        events: list(&mut top, "events")?,
        revisions: list(&mut top, "revisions")?,
    };
    if let Some(key) = top.keys().next() {
        return Err(refuse("the document", format!("it has an unknown field \"{key}\"")));
    }
    Ok(document)
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
    let mut insert = conn.prepare(
        "INSERT INTO party (uuid, name, kind, member_of, note, recorded_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
    )?;
    written.parties = vec![0; document.parties.len()];
    let mut uuid = [0; 36];
    for &i in &plan.new_parties {
        let p = &document.parties[i];
        insert.execute(params![uuid_text(&p.uuid, &mut uuid), p.name, p.kind, p.note, p.recorded_at])?;
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
    let mut insert = conn.prepare(
        "INSERT INTO source (uuid, title, outlet, url, published_on, published_on_precision, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
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
    let mut insert = conn.prepare(
        "INSERT INTO proposal (uuid, title, summary, full_text, proposed_by, proposed_on, proposed_on_precision,
                               kind, scope, duration_days, process, supersedes, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, ?12)",
    )?;
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
    let mut insert = conn.prepare(
        "INSERT INTO condition (uuid, proposal, raised_by, directed_at, text, kind, category, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
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
    let mut insert = conn.prepare(
        "INSERT INTO event (uuid, proposal, kind, status, party, stance, role, condition, condition_status,
                            occurred_on, occurred_on_precision, note, recorded_at, retracted_at, retraction_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let mut cite = conn.prepare("INSERT INTO event_source (event, source) VALUES (?1, ?2)")?;
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
    let mut insert = conn.prepare(
        "INSERT INTO revision (uuid, table_name, row_id, earlier, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
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
