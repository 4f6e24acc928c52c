//! Opening a database file safely and bringing its schema up to date.
//!
//! The schema version lives in `PRAGMA user_version`. It is read through a read-only
//! connection before anything writes, so that a newer or foreign file is refused untouched.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};

use super::merging::{self, Merged};
use super::{retractions, revisions, standing};

/// A numbered migration: its SQL, then what the program derives from the data it holds,
/// in the same transaction.
struct Migration {
    sql: &'static str,
    derive: Option<fn(&Connection) -> Result<()>>,
}

/// The numbered migrations, applied in order; migration N brings the schema to version N.
const MIGRATIONS: &[Migration] = &[
    Migration { sql: include_str!("migrations/0001_initial.sql"), derive: None },
    // The standing is written at the end of every upgrade, by the latest schema's code.
    Migration { sql: include_str!("migrations/0002_standing.sql"), derive: None },
    Migration { sql: include_str!("migrations/0003_checks.sql"), derive: None },
    Migration { sql: include_str!("migrations/0004_records.sql"), derive: Some(records) },
    Migration { sql: include_str!("migrations/0005_clock.sql"), derive: None },
    Migration { sql: include_str!("migrations/0006_team.sql"), derive: None },
];

/// Schema 4: what every change as a record derives from the rows of earlier versions.
fn records(conn: &Connection) -> Result<()> {
    revisions::fill_changed_to(conn)?;
    retractions::from_events(conn)?;
    // The stances that moved are counted anew when the upgrade writes the standing.
    merging::settle(conn, Merged::Party)?;
    merging::settle(conn, Merged::Source)?;
    Ok(())
}

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn open_file(path: &Path) -> Result<Connection> {
    open_file_with(path, MIGRATIONS)
}

fn open_file_with(path: &Path, migrations: &[Migration]) -> Result<Connection> {
    if path.exists() {
        let version = read_version(path)?;
        refuse_newer_than(path, version, migrations.len() as i64)?;
        // An existing file about to change shape is copied first, as it is.
        if version > 0 && version < migrations.len() as i64 {
            super::backup::before_migration(path, version)?;
        }
    } else if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|source| Error::File { path: folder.into(), source })?;
    }
    let mut conn = Connection::open(path).map_err(|e| not_a_database(path, e))?;
    configure(&conn)?;
    migrate(&mut conn, path, migrations)?;
    Ok(conn)
}

pub(super) fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn, Path::new(":memory:"), MIGRATIONS)?;
    Ok(conn)
}

/// The schema version of an existing file, read without writing to it. A SQLite file
/// that is not empty yet has no version holds someone else's tables: it is refused.
pub(super) fn read_version(path: &Path) -> Result<i64> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| not_a_database(path, e))?;
    version_in(&conn, path)
}

/// The schema version of the database open on `conn`, which is the file at `path`.
pub(super) fn version_in(conn: &Connection, path: &Path) -> Result<i64> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|e| not_a_database(path, e))?;
    if version == 0 {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .map_err(|e| not_a_database(path, e))?;
        if tables > 0 {
            return Err(Error::NotADatabase {
                path: path.display().to_string(),
                reason: "it holds tables of another program".into(),
            });
        }
    }
    Ok(version)
}

pub(super) fn refuse_newer(path: &Path, version: i64) -> Result<()> {
    refuse_newer_than(path, version, SCHEMA_VERSION)
}

fn refuse_newer_than(path: &Path, version: i64, known: i64) -> Result<()> {
    if version > known {
        return Err(Error::NewerSchema { path: path.display().to_string(), found: version, known });
    }
    Ok(())
}

pub(super) fn not_a_database(path: &Path, error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            Error::NotADatabase { path: path.display().to_string(), reason: "it is not a SQLite file".into() }
        }
        _ => Error::Sqlite(error),
    }
}

/// Connection settings; they cannot change inside a transaction, so they come first.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Reading pages through a memory map rather than a read call each: the list of an
    // archive with a million events touches tens of thousands of pages on every open.
    conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
    add_functions(conn)?;
    Ok(())
}

/// The SQL functions the store's queries use: `folded(text)`, the text in lower case in
/// every script (SQLite's own `lower` only knows ASCII), so that a search for "минск" finds
/// "Минск".
pub(super) fn add_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags =
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("folded", 1, flags, |context| {
        Ok(context.get_raw(0).as_str_or_null()?.map(str::to_lowercase))
    })?;
    Ok(())
}

/// Applies the migrations the file lacks. A migration may rebuild a table, dropping it while
/// others still refer to it, so foreign keys are off meanwhile (they cannot be switched
/// inside a transaction) and each migration checks before it commits that it broke none.
fn migrate(conn: &mut Connection, path: &Path, migrations: &[Migration]) -> Result<()> {
    // A file already up to date, the usual case, needs no write lock.
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if version == migrations.len() as i64 {
        return Ok(());
    }
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = apply(conn, path, migrations);
    conn.pragma_update(None, "foreign_keys", true)?;
    migrated
}

fn apply(conn: &mut Connection, path: &Path, migrations: &[Migration]) -> Result<()> {
    loop {
        // IMMEDIATE: two programs opening the same old file must not both migrate it.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        refuse_newer_than(path, version, migrations.len() as i64)?;
        let Some(migration) = migrations.get(version as usize) else {
            return Ok(());
        };
        let broken = broken_references(&tx)?;
        tx.execute_batch(migration.sql)?;
        if let Some(derive) = migration.derive {
            derive(&tx)?;
        }
        // The standing is derived data, read by the code of the latest schema: an upgrade
        // writes it anew with the last migration, which runs whenever any other did.
        if std::ptr::eq(migrations, MIGRATIONS) && version + 1 == migrations.len() as i64 && version > 0 {
            standing::refresh_all(&tx)?;
        }
        // Rows written with sqlite3 may refer to nothing already; the migration adds none.
        if broken_references(&tx)? > broken {
            return Err(Error::MigrationBreaksReferences {
                path: path.display().to_string(),
                version: version + 1,
            });
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// How many rows refer to a record that is not there.
fn broken_references(conn: &Connection) -> Result<usize> {
    let mut statement = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = statement.query([])?;
    let mut count = 0;
    while rows.next()?.is_some() {
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_database_reaches_the_latest_version() {
        let conn = open_memory().unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let fk: bool = conn.pragma_query_value(None, "foreign_keys", |row| row.get(0)).unwrap();
        assert!(fk);
    }

    /// Writes stay one b-tree step per row and index: no constraint makes SQLite build a
    /// temporary b-tree (as `IN` with more than two words does) each time a row is inserted.
    #[test]
    fn no_insert_builds_a_temporary_b_tree() {
        let conn = open_memory().unwrap();
        let tables = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .unwrap()
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        assert!(tables.len() >= 9, "{tables:?}");
        for table in tables {
            let columns = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .unwrap()
                .query_map([&table], |row| row.get::<_, String>(0))
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            let values = vec!["?"; columns.len()].join(", ");
            let insert = format!("EXPLAIN INSERT INTO {table} ({}) VALUES ({values})", columns.join(", "));
            let opcodes = conn
                .prepare(&insert)
                .unwrap()
                .query_map(rusqlite::params_from_iter(vec![rusqlite::types::Null; columns.len()]), |row| {
                    row.get::<_, String>("opcode")
                })
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            assert!(
                !opcodes.iter().any(|op| op == "OpenEphemeral"),
                "an insert into {table} builds a temporary b-tree"
            );
        }
    }

    #[test]
    fn a_migration_that_would_break_references_is_rolled_back() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("tracker.db");
        let first = Migration {
            sql: "CREATE TABLE party (id INTEGER PRIMARY KEY);
                  CREATE TABLE proposal (id INTEGER PRIMARY KEY, proposed_by INTEGER REFERENCES party (id));
                  INSERT INTO party (id) VALUES (1); INSERT INTO proposal (proposed_by) VALUES (1);",
            derive: None,
        };
        // A rebuild that forgets to copy the rows.
        let careless = Migration {
            sql: "CREATE TABLE party_new (id INTEGER PRIMARY KEY, note TEXT);
                  DROP TABLE party; ALTER TABLE party_new RENAME TO party;",
            derive: None,
        };
        drop(open_file_with(&path, std::slice::from_ref(&first)).unwrap());

        let error = open_file_with(&path, &[first, careless]).map(drop).unwrap_err();
        assert!(error.to_string().contains("would break references"), "{error}");
        assert_eq!(read_version(&path).unwrap(), 1);
        let conn = Connection::open(&path).unwrap();
        let parties: i64 = conn.query_row("SELECT count(*) FROM party", [], |row| row.get(0)).unwrap();
        assert_eq!(parties, 1);
    }

    #[test]
    fn an_existing_file_is_backed_up_before_a_migration_and_a_new_one_is_not() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("tracker.db");
        let first = Migration {
            sql: "CREATE TABLE party (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
            derive: None,
        };
        let second =
            Migration { sql: "ALTER TABLE party ADD COLUMN note TEXT NOT NULL DEFAULT '';", derive: None };
        let backups = super::super::backup::backups_folder(&path);

        let conn = open_file_with(&path, std::slice::from_ref(&first)).unwrap();
        conn.execute("INSERT INTO party (name) VALUES ('Armenia')", []).unwrap();
        drop(conn);
        assert!(!backups.exists(), "a new file was backed up");
        drop(open_file_with(&path, std::slice::from_ref(&first)).unwrap());
        assert!(!backups.exists(), "a file already up to date was backed up");

        drop(open_file_with(&path, &[first, second]).unwrap());
        let made: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(made.len(), 1);
        let name = made[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("tracker-schema-1-") && name.ends_with("Z.db"), "{name}");
        let copy = Connection::open(&made[0]).unwrap();
        let version: i64 = copy.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
        let columns: i64 =
            copy.query_row("SELECT count(*) FROM pragma_table_info('party')", [], |row| row.get(0)).unwrap();
        let name: String = copy.query_row("SELECT name FROM party", [], |row| row.get(0)).unwrap();
        assert_eq!((version, columns, name.as_str()), (1, 2, "Armenia"));
    }
}
