//! Automatic backups, in a `backups` folder beside the database: one a day the app is
//! used (the last seven kept), and one before a schema migration changes an existing file.
//!
//! Each is written with SQLite's online backup to a temporary name and then renamed, so
//! that a backup interrupted half-way never passes for a whole one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::model::{Backup, BackupKind, Backups};

use super::file;

/// How many daily backups are kept; older ones are removed once a new one is written.
pub const DAILY_BACKUPS_KEPT: usize = 7;

/// The folder of automatic backups of the database at `db_path`.
pub fn backups_folder(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db_path: &Path) -> String {
    db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "tracker".into())
}

/// The daily backup's name for `day`: `<name>-YYYY-MM-DD.db`, which sorts by date.
fn daily_name(db_path: &Path, day: NaiveDate) -> String {
    format!("{}-{}.db", stem(db_path), day.format("%Y-%m-%d"))
}

/// Writes today's backup of the open database unless there is one already, then removes
/// daily backups beyond the last seven. Returns the new backup's path, if one was written.
pub(super) fn daily(conn: &Connection, db_path: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let folder = backups_folder(db_path);
    let target = folder.join(daily_name(db_path, today));
    if target.exists() {
        return Ok(None);
    }
    file::copy(conn, &target)?;
    prune(&folder, db_path)?;
    Ok(Some(target))
}

pub(super) fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Copies the file at `db_path`, at schema `version`, before it is migrated; the copy is
/// named after the version so that it opens with the program that wrote it.
pub(super) fn before_migration(db_path: &Path, version: i64) -> Result<PathBuf> {
    let time = Utc::now().format("%Y%m%dT%H%M%SZ");
    let target = backups_folder(db_path).join(format!("{}-schema-{version}-{time}.db", stem(db_path)));
    let source = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    file::copy(&source, &target)?;
    Ok(target)
}

/// The copies of the database at `db_path` that can be restored, newest first: the daily
/// backups and those before an upgrade in its backups folder, and the files kept beside it
/// by earlier restores. Other files are not listed.
pub fn list(db_path: &Path) -> Backups {
    let folder = backups_folder(db_path);
    let stem = stem(db_path);
    let daily = format!("{stem}-");
    let before_restore = format!("{stem}.before-restore-");
    let mut backups: Vec<Backup> = files_in(&folder)
        .chain(files_in(db_path.parent().unwrap_or(Path::new("."))))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let name = name.strip_suffix(".db")?;
            let kind = if name.starts_with(&before_restore) {
                BackupKind::BeforeRestore
            } else if path.parent() != Some(folder.as_path()) {
                return None;
            } else if name.strip_prefix(&daily)?.starts_with("schema-") {
                BackupKind::BeforeUpgrade
            } else if NaiveDate::parse_from_str(name.strip_prefix(&daily)?, "%Y-%m-%d").is_ok() {
                BackupKind::Daily
            } else {
                return None;
            };
            let written_at: DateTime<Utc> = std::fs::metadata(&path).ok()?.modified().ok()?.into();
            Some(Backup {
                proposals: proposals_in(&path),
                path: path.display().to_string(),
                kind,
                written_at,
            })
        })
        .collect();
    backups.sort_by(|a, b| b.written_at.cmp(&a.written_at).then_with(|| b.path.cmp(&a.path)));
    Backups { folder: folder.display().to_string(), backups }
}

fn files_in(folder: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.path())
}

/// How many proposals a copy holds, read without writing anything beside it.
fn proposals_in(path: &Path) -> Option<i64> {
    let conn = file::open_untouched(path).ok()?;
    conn.query_row("SELECT count(*) FROM proposal", [], |row| row.get(0)).ok()
}

/// Removes the oldest daily backups of this database beyond the last seven. Other files
/// in the folder, the backups before migrations among them, are left alone.
fn prune(folder: &Path, db_path: &Path) -> Result<()> {
    let prefix = format!("{}-", stem(db_path));
    let entries = std::fs::read_dir(folder).map_err(|source| Error::File { path: folder.into(), source })?;
    let mut daily: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".db"))
                .is_some_and(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok())
        })
        .collect();
    daily.sort();
    let extra = daily.len().saturating_sub(DAILY_BACKUPS_KEPT);
    for old in &daily[..extra] {
        std::fs::remove_file(old).map_err(|source| Error::File { path: old.clone(), source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewParty, PartyKind};
    use crate::Store;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn parties_in(path: &Path) -> Vec<String> {
        Store::open(path).unwrap().parties().unwrap().into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn one_backup_a_day_and_the_last_seven_kept() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("tracker.db");
        let mut store = Store::open(&path).unwrap();
        store
            .add_party(&NewParty {
                name: "Egypt".into(),
                kind: PartyKind::State,
                member_of: None,
                note: String::new(),
            })
            .unwrap();
        // A backup of someone else's, and one before a migration, stay whatever happens.
        let backups = backups_folder(&path);
        std::fs::create_dir_all(&backups).unwrap();
        std::fs::write(backups.join("notes.txt"), "mine").unwrap();
        std::fs::write(backups.join("tracker-schema-1-20250101T000000Z.db"), "").unwrap();

        let first = store.daily_backup_on(day("2025-03-01")).unwrap().unwrap();
        assert_eq!(first, backups.join("tracker-2025-03-01.db"));
        assert_eq!(parties_in(&first), ["Egypt"]);
        assert_eq!(store.daily_backup_on(day("2025-03-01")).unwrap(), None, "a second backup the same day");

        for n in 2..=10 {
            store.daily_backup_on(day(&format!("2025-03-{n:02}"))).unwrap().unwrap();
        }
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "notes.txt",
                "tracker-2025-03-04.db",
                "tracker-2025-03-05.db",
                "tracker-2025-03-06.db",
                "tracker-2025-03-07.db",
                "tracker-2025-03-08.db",
                "tracker-2025-03-09.db",
                "tracker-2025-03-10.db",
                "tracker-schema-1-20250101T000000Z.db",
            ]
        );
    }

    #[test]
    fn a_database_in_memory_has_no_daily_backup() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.daily_backup().unwrap(), None);
    }
}
