//! The floors: the same questions answered by hand-written SQL over plain rusqlite on the
//! same file, and the import's records written by a plain prepared-statement loop.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags};

use ceasefire_tracker::exchange::{ChangeRecord, Document};
use ceasefire_tracker::model::Vocabulary;

/// One line of the list: what the window shows for a proposal.
type Line = (i64, String, String, Option<String>, Option<String>, i64, i64, i64, i64, Option<String>);

/// Opens the file and lists every proposal made by `as_of` with its status, counts and
/// open conditions, from the standing tables the schema keeps: each proposal's latest
/// line when nothing happened after `as_of`, else its line of the latest day by then.
pub fn list(path: &Path, as_of: &str) -> Vec<Line> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let latest: String =
        conn.query_row("SELECT max(occurred_on) FROM event", [], |row| row.get(0)).expect("events");
    let lines = if latest.as_str() <= as_of {
        "LEFT JOIN latest_standing s ON s.proposal = p.id"
    } else {
        "LEFT JOIN standing s ON s.proposal = p.id
              AND s.day = (SELECT max(day) FROM standing WHERE proposal = p.id AND day <= ?1)"
    };
    let mut statement = conn
        .prepare(&format!(
            "SELECT p.id, p.title, b.name, s.status, s.status_since, s.supporters, s.conditional, s.opposed,
                    s.open_conditions, s.last_change
             FROM proposal p JOIN party b ON b.id = p.proposed_by
             {lines}
             WHERE p.proposed_on <= ?1
             ORDER BY s.last_change DESC, p.id DESC"
        ))
        .expect("prepare");
    statement
        .query_map([as_of], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get::<_, Option<i64>>(5)?.unwrap_or(0),
                row.get::<_, Option<i64>>(6)?.unwrap_or(0),
                row.get::<_, Option<i64>>(7)?.unwrap_or(0),
                row.get::<_, Option<i64>>(8)?.unwrap_or(0),
                row.get(9)?,
            ))
        })
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

/// The proposals whose clock has an end as of today, soonest first: the deadlines view by
/// hand, from each proposal's latest standing.
pub fn deadlines(conn: &Connection) -> usize {
    let mut statement = conn
        .prepare_cached(
            "SELECT p.id, p.title, s.status, s.ends_on, s.ends_on_precision
             FROM latest_standing s JOIN proposal p ON p.id = s.proposal
             WHERE s.ends_on IS NOT NULL ORDER BY s.ends_on, p.id",
        )
        .expect("prepare");
    statement
        .query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, Option<String>>(3)?))
        })
        .expect("query")
        .count()
}

/// Gives `conn` the function [`list_page`] folds case with: `lower_any(text)`.
pub fn add_functions(conn: &Connection) {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function("lower_any", 1, FunctionFlags::SQLITE_DETERMINISTIC, |context| {
        Ok(context.get_raw(0).as_str_or_null()?.map(str::to_lowercase))
    })
    .expect("a function");
}

/// The first `limit` lines of the list as of `as_of` whose title, proposer or process holds
/// every word of `text` (ignoring case in every script, through a function of its own like
/// the store's), newest change first, and how many match: the page the window asks for,
/// from the standing tables by hand.
pub fn list_page(conn: &Connection, as_of: &str, text: &str, limit: u32) -> usize {
    let latest: String =
        conn.query_row("SELECT max(occurred_on) FROM event", [], |row| row.get(0)).expect("events");
    let lines = if latest.as_str() <= as_of {
        "LEFT JOIN latest_standing s ON s.proposal = p.id"
    } else {
        "LEFT JOIN standing s ON s.proposal = p.id
              AND s.day = (SELECT max(day) FROM standing WHERE proposal = p.id AND day <= ?1)"
    };
    let words =
        serde_json::to_string(&text.to_lowercase().split_whitespace().collect::<Vec<_>>()).expect("words");
    let mut statement = conn
        .prepare_cached(&format!(
            "SELECT p.id, p.title, b.name, s.status, s.status_since, s.supporters, s.conditional, s.opposed,
                    s.open_conditions, s.last_change, count(*) OVER ()
             FROM proposal p JOIN party b ON b.id = p.proposed_by
             {lines}
             WHERE p.proposed_on <= ?1
               AND NOT EXISTS (SELECT 1 FROM json_each(?2) w
                               WHERE instr(lower_any(p.title || ' ' || b.name || ' ' || p.process), w.value) = 0)
             ORDER BY s.last_change DESC, p.title, p.id
             LIMIT ?3"
        ))
        .expect("prepare");
    let mut total = 0usize;
    let rows = statement
        .query_map(params![as_of, words, limit], |row| {
            total = row.get::<_, i64>(10)? as usize;
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
        })
        .expect("query")
        .count();
    rows + total
}

/// What the proposal page shows, read by hand: the proposal, its latest status, stances
/// and conditions as of `as_of`, its status changes, its history with sources (violation
/// reports and implementation steps with their details), its clock, joint proposers,
/// phases, edits and origins.
pub fn page(conn: &Connection, proposal: i64, as_of: &str) -> usize {
    let latest = "ORDER BY e.occurred_on DESC, e.recorded_at DESC, e.id DESC LIMIT 1";
    let mut rows = 0;
    let mut count = |sql: &str| {
        let mut statement = conn.prepare_cached(sql).expect("prepare");
        let mut result = statement.query(params![proposal, as_of]).expect("query");
        while let Some(row) = result.next().expect("row") {
            std::hint::black_box(row.get_ref(0).expect("column"));
            rows += 1;
        }
    };
    count(
        "SELECT p.title, p.summary, b.name, p.proposed_on, p.kind, p.scope, p.duration_days, p.process
         FROM proposal p JOIN party b ON b.id = p.proposed_by WHERE p.id = ?1 AND ?2 IS NOT NULL",
    );
    count(&format!(
        "SELECT e.status, e.occurred_on FROM event e
         WHERE e.proposal = ?1 AND e.kind = 'status' AND e.occurred_on <= ?2 AND e.retracted_at IS NULL {latest}"
    ));
    count(&format!(
        "SELECT k.party, p.name, l.stance, l.role, l.occurred_on, l.note
         FROM (SELECT DISTINCT party FROM event WHERE proposal = ?1 AND kind = 'stance') k
         JOIN party p ON p.id = k.party
         JOIN event l ON l.id = (SELECT e.id FROM event e WHERE e.proposal = ?1 AND e.kind = 'stance'
                                 AND e.party = k.party AND e.occurred_on <= ?2 AND e.retracted_at IS NULL {latest})"
    ));
    count(&format!(
        "SELECT c.id, c.text, r.name, c.category, l.condition_status, l.occurred_on
         FROM condition c JOIN party r ON r.id = c.raised_by
         JOIN event l ON l.id = (SELECT e.id FROM event e WHERE e.condition = c.id AND e.kind = 'condition'
                                 AND e.occurred_on <= ?2 AND e.retracted_at IS NULL {latest})
         WHERE c.proposal = ?1"
    ));
    count(
        "SELECT e.status, e.occurred_on FROM event e
         WHERE e.proposal = ?1 AND e.kind = 'status' AND e.occurred_on <= ?2 AND e.retracted_at IS NULL
         ORDER BY e.occurred_on, e.recorded_at, e.id",
    );
    count(
        "SELECT e.id, e.kind, e.status, e.stance, e.condition_status, sp.name, c.text, e.occurred_on,
                e.recorded_at, e.recorded_by, e.note, e.retracted_at, e.retraction_reason, e.until, e.by_days,
                ag.name, e.count, e.unit, e.place, e.disputed, e.level,
                (SELECT r.recorded_by FROM retraction r WHERE r.entry = e.uuid ORDER BY r.recorded_at LIMIT 1)
         FROM event e LEFT JOIN party sp ON sp.id = e.party LEFT JOIN condition c ON c.id = e.condition
         LEFT JOIN party ag ON ag.id = e.against
         WHERE e.proposal = ?1 AND e.occurred_on <= ?2 ORDER BY e.occurred_on, e.recorded_at, e.id",
    );
    // The clock, joint proposers, phases, edits and origins the page shows since schema 5.
    count("SELECT s.ends_on, s.status FROM latest_standing s WHERE s.proposal = ?1 AND ?2 IS NOT NULL");
    count(
        "SELECT c.name FROM co_proposer cp JOIN party c ON c.id = cp.party
         WHERE cp.proposal = ?1 AND ?2 IS NOT NULL ORDER BY cp.position",
    );
    count(
        "SELECT p.id, p.title, p.phase, s.status, s.ends_on FROM proposal p
         LEFT JOIN latest_standing s ON s.proposal = p.id WHERE p.phase_of = ?1 AND ?2 IS NOT NULL ORDER BY p.phase",
    );
    count(
        "SELECT r.earlier, r.changed_to, r.recorded_at, r.recorded_by FROM revision r
         WHERE r.table_name = 'proposal' AND r.row_id = ?1 AND ?2 IS NOT NULL ORDER BY r.recorded_at",
    );
    count("SELECT o.dataset, o.origin_id, o.page_url FROM origin o WHERE o.proposal = ?1 AND ?2 IS NOT NULL");
    count(
        "SELECT es.event, s.title, s.outlet, s.url FROM event e
         JOIN event_source es ON es.event = e.id JOIN source s ON s.id = es.source
         WHERE e.proposal = ?1 AND e.occurred_on <= ?2",
    );
    rows
}

/// Writes the document's records into `conn` with one prepared statement per table, in
/// one transaction, with nothing checked (but what the schema checks); the number of
/// events written.
pub fn insert(conn: &mut Connection, document: &Document) -> usize {
    use std::collections::HashMap;
    // The page cache the import also takes while it writes (at most a quarter gigabyte),
    // so that both keep the whole new file in memory until the commit.
    conn.pragma_update(None, "cache_size", -262_144).expect("cache size");
    let tx = conn.transaction().expect("transaction");
    let mut ids: HashMap<uuid::Uuid, i64> = HashMap::new();
    {
        let mut party = tx
            .prepare("INSERT INTO party (uuid, name, kind, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)")
            .expect("prepare");
        for p in &document.parties {
            party.execute(params![p.uuid.to_string(), p.name, p.kind, p.note, p.recorded_at]).expect("party");
            ids.insert(p.uuid, tx.last_insert_rowid());
        }
        let mut source = tx
            .prepare(
                "INSERT INTO source (uuid, title, outlet, url, published_on, published_on_precision, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .expect("prepare");
        for s in &document.sources {
            source
                .execute(params![
                    s.uuid.to_string(),
                    s.title,
                    s.outlet,
                    s.url,
                    s.published_on.map(|d| d.first_day().to_string()),
                    s.published_on.map(|d| d.precision().code()),
                    s.recorded_at
                ])
                .expect("source");
            ids.insert(s.uuid, tx.last_insert_rowid());
        }
        let mut proposal = tx
            .prepare(
                "INSERT INTO proposal (uuid, title, summary, proposed_by, proposed_on, proposed_on_precision, kind,
                                       scope, duration_days, process, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .expect("prepare");
        for p in &document.proposals {
            proposal
                .execute(params![
                    p.uuid.to_string(),
                    p.title,
                    p.summary,
                    ids[&p.proposed_by],
                    p.proposed_on.first_day().to_string(),
                    p.proposed_on.precision().code(),
                    p.kind,
                    p.scope,
                    p.duration_days,
                    p.process,
                    p.recorded_at
                ])
                .expect("proposal");
            ids.insert(p.uuid, tx.last_insert_rowid());
        }
        let mut condition = tx
            .prepare(
                "INSERT INTO condition (uuid, proposal, raised_by, directed_at, text, kind, category, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .expect("prepare");
        for c in &document.conditions {
            condition
                .execute(params![
                    c.uuid.to_string(),
                    ids[&c.proposal],
                    ids[&c.raised_by],
                    c.directed_at.map(|d| ids[&d]),
                    c.text,
                    c.kind,
                    c.category,
                    c.recorded_at
                ])
                .expect("condition");
            ids.insert(c.uuid, tx.last_insert_rowid());
        }
        let mut event = tx
            .prepare(
                "INSERT INTO event (uuid, proposal, kind, status, party, stance, role, condition, condition_status,
                                    occurred_on, occurred_on_precision, note, recorded_at, recorded_by,
                                    canonical_party)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?5)",
            )
            .expect("prepare");
        let mut cite =
            tx.prepare("INSERT INTO event_source (event, source) VALUES (?1, ?2)").expect("prepare");
        for e in &document.events {
            let (kind, status, party, stance, role, condition, condition_status) = match &e.change {
                ChangeRecord::Status { status } => {
                    ("status", Some(status.code()), None, None, None, None, None)
                }
                ChangeRecord::Stance { party, stance, role } => {
                    ("stance", None, Some(ids[party]), Some(stance.code()), Some(role.code()), None, None)
                }
                ChangeRecord::Condition { condition, status } => {
                    ("condition", None, None, None, None, Some(ids[condition]), Some(status.code()))
                }
                // The generated archive has none of these; the floor writes what it has.
                ChangeRecord::Violation { .. } | ChangeRecord::Implementation { .. } => continue,
            };
            event
                .execute(params![
                    e.uuid.to_string(),
                    ids[&e.proposal],
                    kind,
                    status,
                    party,
                    stance,
                    role,
                    condition,
                    condition_status,
                    e.occurred_on.first_day().to_string(),
                    e.occurred_on.precision().code(),
                    e.note,
                    e.recorded_at,
                    e.recorded_by
                ])
                .expect("event");
            let id = tx.last_insert_rowid();
            for source in &e.sources {
                cite.execute([id, ids[source]]).expect("cite");
            }
        }
        let mut retraction = tx
            .prepare(
                "INSERT INTO retraction (uuid, entry, reason, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .expect("prepare");
        let mut retracted = tx
            .prepare("UPDATE event SET retracted_at = ?2, retraction_reason = ?3 WHERE uuid = ?1")
            .expect("prepare");
        for r in &document.retractions {
            let entry = r.entry.to_string();
            retraction
                .execute(params![r.uuid.to_string(), entry, r.reason, r.recorded_at, r.recorded_by])
                .expect("retraction");
            retracted.execute(params![entry, r.recorded_at, r.reason]).expect("retracted");
        }
    }
    tx.commit().expect("commit");
    document.events.len()
}

/// What a process timeline shows, by hand: the process's proposals with their status and
/// proposer, and every status change of each, in order.
pub fn process(conn: &Connection, process: &str, as_of: &str) -> usize {
    let mut lines = conn
        .prepare_cached(
            "SELECT p.id, p.title, b.name, p.proposed_on, s.status, s.status_since, s.ends_on
             FROM proposal p JOIN party b ON b.id = p.proposed_by
             LEFT JOIN latest_standing s ON s.proposal = p.id
             WHERE p.process = ?1 AND p.proposed_on <= ?2",
        )
        .expect("prepare");
    let lanes = lines
        .query_map([process, as_of], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
        })
        .expect("query")
        .count();
    let mut changes = conn
        .prepare_cached(
            "SELECT e.proposal, e.status, e.occurred_on FROM event e
             WHERE e.proposal IN (SELECT id FROM proposal WHERE process = ?1) AND e.kind = 'status'
               AND e.occurred_on <= ?2 AND e.retracted_at IS NULL
             ORDER BY e.proposal, e.occurred_on, e.recorded_at, e.id",
        )
        .expect("prepare");
    let spans = changes
        .query_map([process, as_of], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)))
        .expect("query")
        .count();
    lanes + spans
}
