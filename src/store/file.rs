//! Whole-file operations: backup, restore and the integrity check.

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{Connection, OpenFlags, MAIN_DB};

use crate::error::{Error, Result};

use super::migrate;

/// Copies the open database to `path` with SQLite's online backup, so that the copy is
/// consistent even while the window keeps the database open.
pub(super) fn backup(conn: &Connection, path: &Path) -> Result<()> {
    if path.exists() {
        return Err(Error::Conflict(format!(
            "{} already exists; choose a new file for the backup",
            path.display()
        )));
    }
    super::backup::write(conn, path)
}

/// Replaces the database at `db_path` by the backup at `backup_path`. The backup must be a
/// tracker database this version can read; the current file is first copied next to
/// itself as `<name>.before-restore-<UTC time>.db`, whose path is returned.
pub fn restore(db_path: &Path, backup_path: &Path) -> Result<Option<PathBuf>> {
    if !backup_path.exists() {
        return Err(Error::File {
            path: backup_path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    let source = open_untouched(backup_path).map_err(|e| migrate::not_a_database(backup_path, e))?;
    let version = migrate::version_in(&source, backup_path)?;
    migrate::refuse_newer(backup_path, version)?;
    if version == 0 {
        return Err(Error::NotADatabase {
            path: backup_path.display().to_string(),
            reason: "it holds no Ceasefire Tracker data".into(),
        });
    }
    let damage: String = source.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if damage != "ok" {
        return Err(Error::NotADatabase {
            path: backup_path.display().to_string(),
            reason: format!("it is damaged: {damage}"),
        });
    }
    let kept = if db_path.exists() {
        let name = db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let time = Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
        let kept = db_path.with_file_name(format!("{name}.before-restore-{time}.db"));
        if is_sound(db_path) {
            Connection::open(db_path)?.backup(MAIN_DB, &kept, None)?;
        } else {
            // A damaged file is kept byte for byte, as it was: a copy through SQLite would
            // drop whatever it cannot read, and someone may yet recover it.
            copy_bytes(db_path, &kept)?;
            // SQLite cannot write into a file it cannot read: the backup goes to a new file
            // that then takes the damaged one's place, whose bytes are kept above.
            return replace_with_copy(db_path, &source).map(|()| Some(kept));
        }
        Some(kept)
    } else {
        None
    };
    let mut current = Connection::open(db_path)?;
    current.restore(MAIN_DB, backup_path, None::<fn(rusqlite::backup::Progress)>)?;
    Ok(kept)
}

/// Writes a copy of `source` beside `db_path` and renames it over `db_path`, dropping the
/// old file's write-ahead log, which belongs to the file replaced.
fn replace_with_copy(db_path: &Path, source: &Connection) -> Result<()> {
    let fresh = PathBuf::from(format!("{}.restoring", db_path.display()));
    let _ = std::fs::remove_file(&fresh);
    source.backup(MAIN_DB, &fresh, None)?;
    for log in ["-wal", "-shm"] {
        let log = PathBuf::from(format!("{}{log}", db_path.display()));
        match std::fs::remove_file(&log) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::File { path: log, source: error });
            }
            _ => {}
        }
    }
    std::fs::rename(&fresh, db_path).map_err(|source| Error::File { path: db_path.into(), source })
}

/// Opens a copy to read it without writing anything beside it (no `-wal` or `-shm` file):
/// a backup is a whole file, and reading it must not leave traces in the backups folder.
pub(super) fn open_untouched(path: &Path) -> rusqlite::Result<Connection> {
    let mut uri = String::from("file:");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(uri, flags)
}

/// Whether SQLite reads the file without finding damage.
fn is_sound(path: &Path) -> bool {
    let check = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0)));
    matches!(check.as_deref(), Ok("ok"))
}

/// Copies the file and its write-ahead log, if any, under the new name.
fn copy_bytes(from: &Path, to: &Path) -> Result<()> {
    let log = |path: &Path| PathBuf::from(format!("{}-wal", path.display()));
    let mut pairs = vec![(from.to_path_buf(), to.to_path_buf())];
    if log(from).exists() {
        pairs.push((log(from), log(to)));
    }
    for (from, to) in pairs {
        std::fs::copy(&from, &to).map_err(|source| Error::File { path: to, source })?;
    }
    Ok(())
}

/// What `PRAGMA integrity_check` and `PRAGMA foreign_key_check` report, one line each.
pub(super) fn check(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut statement = conn.prepare("PRAGMA integrity_check")?;
    for line in statement.query_map([], |row| row.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut statement = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let table: String = row.get(0)?;
        let rowid: Option<i64> = row.get(1)?;
        let parent: String = row.get(2)?;
        let row_name = rowid.map(|id| format!("row {id}")).unwrap_or_else(|| "a row".into());
        problems.push(format!("{table} {row_name} refers to a missing {parent}"));
    }
    Ok(problems)
}
