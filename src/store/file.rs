//! Whole-file operations below the rest of the store: a consistent copy of an open
//! database, a copy opened to read without leaving traces, and SQLite's integrity check.
//! Backups, migrations and restores are built on these; this module uses none of them.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, MAIN_DB};

use crate::error::{Error, Result};

/// Copies the open database to `path` with SQLite's online backup, so that the copy is
/// consistent even while the window keeps the database open; a file already there is
/// never overwritten.
pub(super) fn backup(conn: &Connection, path: &Path) -> Result<()> {
    if path.exists() {
        return Err(Error::FileExists(path.to_path_buf()));
    }
    copy(conn, path)
}

/// Writes a consistent copy of the open database to `target`, whole or not at all.
pub(super) fn copy(conn: &Connection, target: &Path) -> Result<()> {
    if let Some(folder) = target.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|source| Error::File { path: folder.into(), source })?;
    }
    let partial = PathBuf::from(format!("{}.partial", target.display()));
    let _ = std::fs::remove_file(&partial);
    conn.backup(MAIN_DB, &partial, None)?;
    std::fs::rename(&partial, target).map_err(|source| Error::File { path: target.into(), source })?;
    Ok(())
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
pub(super) fn is_sound(path: &Path) -> bool {
    let check = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0)));
    matches!(check.as_deref(), Ok("ok"))
}

/// Copies the file and its write-ahead log, if any, under the new name.
pub(super) fn copy_bytes(from: &Path, to: &Path) -> Result<()> {
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
pub(super) fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
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
