//! The database file: how it is opened, refused, laid out, backed up and restored.

use std::path::Path;

use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::model::*;
use ceasefire_tracker::store::{backups, default_path, restore, restore_listed, SCHEMA_VERSION};
use ceasefire_tracker::{demo, exchange, Error, Store};
use rusqlite::Connection;

fn tracker_with_a_proposal(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    let party =
        NewParty { name: "United States".into(), kind: PartyKind::State, member_of: None, note: "".into() };
    let usa = store.add_party(&party).unwrap();
    let proposal = NewProposal {
        title: "30-day interim ceasefire".into(),
        summary: String::new(),
        full_text: None,
        proposed_by: usa,
        proposer_role: Role::Mediator,
        proposed_on: "2025-03".parse().unwrap(),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: Some(30),
        process: String::new(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
    };
    store.add_proposal(&proposal).unwrap();
    store
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path).unwrap().pragma_query_value(None, "user_version", |row| row.get(0)).unwrap()
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    drop(tracker_with_a_proposal(&path));
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(Error::NewerSchema { found, known, .. }) => {
            assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        Err(other) => panic!("wrong refusal: {other}"),
        Ok(_) => panic!("a newer file was opened"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(user_version(&path), SCHEMA_VERSION + 1);
}

#[test]
fn a_file_in_wal_mode_from_a_newer_version_is_left_untouched_too() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    drop(tracker_with_a_proposal(&path));
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 5).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "newer_schema");
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("notes.db");
    let bytes: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "not_a_database", "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("other.db");
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE bookmark (url TEXT)").unwrap();
    let before = std::fs::read(&path).unwrap();
    assert_eq!(Store::open(&path).err().expect("refused").code(), "not_a_database");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_new_file_gets_plain_tables_readable_with_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("a").join("b").join("tracker.db");
    drop(tracker_with_a_proposal(&path));
    assert_eq!(user_version(&path), SCHEMA_VERSION);

    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.sort();
    assert_eq!(
        tables,
        [
            "co_proposer",
            "condition",
            "event",
            "event_source",
            "latest_standing",
            "origin",
            "party",
            "party_link",
            "proposal",
            "retraction",
            "revision",
            "source",
            "source_link",
            "standing",
            "team",
            "team_mark",
            "team_outbox",
            "team_seen",
        ]
    );

    // The first status and the proposer's stance share the one event table.
    struct StoredEvent {
        id: i64,
        kind: String,
        status: Option<String>,
        stance: Option<String>,
        occurred_on: String,
        precision: String,
        recorded_at: String,
    }
    let events: Vec<StoredEvent> = conn
        .prepare(
            "SELECT id, kind, status, stance, occurred_on, occurred_on_precision, recorded_at FROM event ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok(StoredEvent {
                id: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                stance: r.get(3)?,
                occurred_on: r.get(4)?,
                precision: r.get(5)?,
                recorded_at: r.get(6)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        (events[0].id, events[0].kind.as_str(), events[0].status.as_deref()),
        (1, "status", Some("floated"))
    );
    assert_eq!(
        (events[1].id, events[1].kind.as_str(), events[1].stance.as_deref()),
        (2, "stance", Some("proposer"))
    );
    assert_eq!((events[0].occurred_on.as_str(), events[0].precision.as_str()), ("2025-03-01", "month"));
    assert_eq!(events[0].recorded_at.len(), "2025-03-13T09:30:00.000000Z".len());
    assert!(events[0].recorded_at.ends_with('Z'));

    // The constraints hold for anyone writing with sqlite3 too.
    let bad_word = conn.execute(
        "INSERT INTO event (uuid, proposal, kind, status, occurred_on, occurred_on_precision, recorded_at)
         VALUES ('x', 1, 'status', 'maybe', '2025-03-01', 'day', '2025-03-01T00:00:00.000000Z')",
        [],
    );
    assert!(bad_word.is_err());
    let mixed = conn.execute(
        "INSERT INTO event (uuid, proposal, kind, status, stance, occurred_on, occurred_on_precision, recorded_at)
         VALUES ('y', 1, 'status', 'agreed', 'supports', '2025-03-01', 'day', '2025-03-01T00:00:00.000000Z')",
        [],
    );
    assert!(mixed.is_err());
}

#[test]
fn opening_twice_migrates_once_and_the_in_memory_database_has_the_same_schema() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    drop(tracker_with_a_proposal(&path));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.summaries(Viewpoint::as_of("2025-04-01".parse().unwrap())).unwrap().len(), 1);

    let memory_copy = folder.path().join("memory.db");
    Store::open_in_memory().unwrap().backup_to(&memory_copy).unwrap();
    assert_eq!(schema(&Connection::open(&path).unwrap()), schema(&Connection::open(&memory_copy).unwrap()));
}

/// Every row of every table with its id, in a form that compares.
/// Every row of the tables of schema 2, but for who recorded it, which a file of schema 2
/// does not say.
fn all_rows(conn: &Connection) -> Vec<String> {
    let mut rows = Vec::new();
    for table in TABLES {
        let mut statement = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
        let kept: Vec<usize> = statement
            .column_names()
            .iter()
            .enumerate()
            .filter(|(_, name)| **name != "recorded_by")
            .map(|(i, _)| i)
            .collect();
        let mut result = statement.query([]).unwrap();
        while let Some(row) = result.next().unwrap() {
            let values: Vec<String> =
                kept.iter().map(|&i| format!("{:?}", row.get_ref(i).unwrap())).collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

const TABLES: [&str; 9] = [
    "party",
    "source",
    "proposal",
    "condition",
    "event",
    "event_source",
    "revision",
    "standing",
    "latest_standing",
];

/// Writes the rows of `current` into a new file `old` with the tables as schema 2 made them.
fn copy_into_schema_2(current: &Path, old: &Path) {
    let conn = Connection::open(old).unwrap();
    conn.execute_batch(include_str!("../src/store/migrations/0001_initial.sql")).unwrap();
    conn.execute_batch(include_str!("../src/store/migrations/0002_standing.sql")).unwrap();
    conn.execute("ATTACH ?1 AS current", [current.to_str().unwrap()]).unwrap();
    for table in TABLES {
        // The columns schema 2 had, from the current file (which names a revision's time
        // `recorded_at` since schema 4).
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .map(|name| match name.unwrap().as_str() {
                "changed_at" => "recorded_at".to_string(),
                name => name.to_string(),
            })
            .collect();
        conn.execute_batch(&format!(
            "INSERT INTO main.{table} SELECT {} FROM current.{table}",
            columns.join(", ")
        ))
        .unwrap();
    }
    conn.pragma_update(None, "user_version", 2).unwrap();
}

fn schema(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_file_of_schema_2_with_a_broken_reference_is_still_migrated_and_the_check_still_reports_it() {
    let folder = tempfile::tempdir().unwrap();
    let current = folder.path().join("current.db");
    drop(tracker_with_a_proposal(&current));
    let old = folder.path().join("tracker.db");
    copy_into_schema_2(&current, &old);
    {
        let conn = Connection::open(&old).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute("UPDATE proposal SET proposed_by = 42", []).unwrap();
    }

    let problems = Store::open(&old).unwrap().integrity_problems().unwrap();
    assert_eq!(user_version(&old), SCHEMA_VERSION);
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn a_file_of_schema_2_keeps_every_row_and_id_when_its_constraints_are_rewritten() {
    let folder = tempfile::tempdir().unwrap();
    let current = folder.path().join("current.db");
    let listed = {
        let mut store = Store::open(&current).unwrap();
        demo::load_demo(&mut store).unwrap();
        let shape = Shape { proposals: 20, parties: 12, events_per_proposal: 30, seed: 5 };
        exchange::import(&mut store, &gen::generate(shape).unwrap()).unwrap();
        let first = store.history(1).unwrap()[0].id;
        store.retract(first, "entered in error").unwrap();
        store.summaries(Viewpoint::today()).unwrap()
    };
    {
        // Schema 2 has no violation reports or implementation entries: the demo's go.
        let conn = Connection::open(&current).unwrap();
        conn.execute_batch(
            "DELETE FROM event_source WHERE event IN
                 (SELECT id FROM event WHERE kind = 'violation' OR kind = 'implementation');
             DELETE FROM event WHERE kind = 'violation' OR kind = 'implementation';",
        )
        .unwrap();
    }
    let rows = all_rows(&Connection::open(&current).unwrap());
    let old = folder.path().join("tracker.db");
    copy_into_schema_2(&current, &old);

    let store = Store::open(&old).unwrap();
    assert_eq!(user_version(&old), SCHEMA_VERSION);
    assert_eq!(all_rows(&Connection::open(&old).unwrap()), rows);
    assert_eq!(schema(&Connection::open(&old).unwrap()), schema(&Connection::open(&current).unwrap()));
    // What the reports and implementation entries gave the list went with them.
    let listed: Vec<_> = listed
        .into_iter()
        .map(|line| ProposalSummary { implementation: None, violations_30_days: 0, ..line })
        .collect();
    assert_eq!(store.summaries(Viewpoint::today()).unwrap(), listed);
    assert!(store.integrity_problems().unwrap().is_empty());
    // The rewritten constraints refuse what the first ones did.
    let conn = Connection::open(&old).unwrap();
    let insert = |status: &str, uuid: &str| {
        conn.execute(
            "INSERT INTO event (uuid, proposal, kind, status, occurred_on, occurred_on_precision, recorded_at)
             VALUES (?2, 1, 'status', ?1, '2025-03-01', 'day', '2025-03-01T00:00:00.000000Z')",
            [status, uuid],
        )
    };
    assert!(insert("maybe", "a").is_err());
    assert!(insert("agreed", "b").is_ok());
    assert!(insert("agreed", "b").is_err(), "a uuid used twice");
}

#[test]
fn a_backup_restores_the_earlier_state_and_keeps_the_current_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    let backup = folder.path().join("monday.db");
    let mut store = tracker_with_a_proposal(&path);
    store.backup_to(&backup).unwrap();
    assert_eq!(store.backup_to(&backup).unwrap_err().code(), "conflict");
    let ukraine =
        NewParty { name: "Ukraine".into(), kind: PartyKind::State, member_of: None, note: "".into() };
    store.add_party(&ukraine).unwrap();
    drop(store);

    let kept = restore(&path, &backup).unwrap().expect("the current file is kept");
    let name = kept.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("tracker.before-restore-") && name.ends_with(".db"), "{name}");
    assert_eq!(Store::open(&kept).unwrap().parties().unwrap().len(), 2);
    let restored = Store::open(&path).unwrap();
    assert_eq!(restored.parties().unwrap().len(), 1);
    assert!(restored.integrity_problems().unwrap().is_empty());
}

#[test]
fn restore_refuses_what_is_not_a_tracker_backup() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    drop(tracker_with_a_proposal(&path));
    let before = std::fs::read(&path).unwrap();

    let junk = folder.path().join("junk.db");
    std::fs::write(&junk, b"this is a text file, not a database at all, and it is long enough").unwrap();
    assert_eq!(restore(&path, &junk).unwrap_err().code(), "not_a_database");
    let empty = folder.path().join("empty.db");
    Connection::open(&empty).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert_eq!(restore(&path, &empty).unwrap_err().code(), "not_a_database");
    let newer = folder.path().join("newer.db");
    drop(tracker_with_a_proposal(&newer));
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    assert_eq!(restore(&path, &newer).unwrap_err().code(), "newer_schema");
    assert_eq!(restore(&path, &folder.path().join("missing.db")).unwrap_err().code(), "file");

    assert_eq!(std::fs::read(&path).unwrap(), before);
    let kept = std::fs::read_dir(folder.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
    assert!(!kept, "a refused restore kept a copy");
}

#[test]
fn check_reports_broken_references() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    let store = tracker_with_a_proposal(&path);
    assert_eq!(store.integrity_problems().unwrap(), Vec::<String>::new());
    drop(store);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute("UPDATE proposal SET proposed_by = 42", []).unwrap();
    }
    let problems = Store::open(&path).unwrap().integrity_problems().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("proposal") && problems[0].contains("party"), "{problems:?}");
}

#[test]
fn the_default_file_can_be_chosen_with_cftrack_db() {
    std::env::set_var("CFTRACK_DB", "/somewhere/else.db");
    assert_eq!(default_path(), Path::new("/somewhere/else.db"));
    std::env::remove_var("CFTRACK_DB");
    let path = default_path();
    assert!(path.ends_with("ceasefire-tracker/tracker.db"), "{}", path.display());
}

#[test]
fn the_backups_offered_are_this_files_own_newest_first_with_what_they_hold() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    let store = tracker_with_a_proposal(&path);
    let daily = store.daily_backup().unwrap().expect("today's backup");
    drop(store);
    // Someone else's files, beside the database and in its backups folder, are not offered.
    let backups_folder = daily.parent().unwrap().to_path_buf();
    std::fs::write(backups_folder.join("notes.db"), "mine").unwrap();
    std::fs::write(folder.path().join("other.db"), "mine").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let kept = restore(&path, &daily).unwrap().expect("the file as it was");

    let listed = backups(&path);
    assert_eq!(listed.folder, backups_folder.display().to_string());
    let found: Vec<(BackupKind, Option<i64>)> =
        listed.backups.iter().map(|b| (b.kind, b.proposals)).collect();
    assert_eq!(found, [(BackupKind::BeforeRestore, Some(1)), (BackupKind::Daily, Some(1))]);
    assert_eq!(listed.backups[0].path, kept.display().to_string());
    assert_eq!(listed.backups[1].path, daily.display().to_string());
    // Reading what a backup holds writes nothing beside it.
    let mut names: Vec<String> = std::fs::read_dir(&backups_folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["notes.db".to_string(), daily.file_name().unwrap().to_string_lossy().into_owned()]);
}

#[test]
fn the_window_restores_only_a_listed_backup() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    let store = tracker_with_a_proposal(&path);
    let daily = store.daily_backup().unwrap().expect("today's backup");
    let elsewhere = folder.path().join("elsewhere.db");
    store.backup_to(&elsewhere).unwrap();
    drop(store);
    // The file is damaged since: its first page is overwritten.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[..100].fill(b'x');
    std::fs::write(&path, &bytes).unwrap();

    let refused = restore_listed(&path, &elsewhere).unwrap_err();
    assert_eq!(refused.code(), "invalid");
    assert!(refused.to_string().contains("is not one of this database's backups"), "{refused}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "a refused restore changes nothing");

    let kept = restore_listed(&path, &daily).unwrap().expect("the damaged file is kept");
    assert_eq!(std::fs::read(&kept).unwrap(), bytes, "the damaged file is kept byte for byte");
    let restored = Store::open(&path).unwrap();
    assert_eq!(restored.proposals().unwrap().len(), 1);
}
