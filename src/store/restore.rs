//! Putting a backup in the database's place, keeping the file it replaces.

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{Connection, MAIN_DB};

use crate::error::{Error, InputError, Result};

use super::file::{copy_bytes, is_sound, open_untouched};
use super::{backup, migrate};

/// Restores the database at `db_path` from one of the copies [`list`] gives, and nothing
/// else: the window names a backup by its path, and must not restore an arbitrary file.
pub fn restore_listed(db_path: &Path, backup: &Path) -> Result<Option<PathBuf>> {
    let listed = backup::list(db_path).backups.iter().any(|b| Path::new(&b.path) == backup);
    if !listed {
        return Err(Error::invalid("backup", InputError::NotABackup(backup.display().to_string())));
    }
    restore(db_path, backup)
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
