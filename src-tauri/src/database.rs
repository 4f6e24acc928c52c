//! The database the window shows: opened once at start, shared by every command.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, PoisonError};

use ceasefire_tracker::model::{Backups, Restored};
use ceasefire_tracker::{ErrorReply, Store};

/// The store behind a lock, or the reason it could not be opened. A file written by a newer
/// version or one that is not a database must not stop the window from opening: every
/// command then answers with that error, so the window can say what is wrong.
pub struct Database {
    path: PathBuf,
    store: Mutex<Result<Store, ErrorReply>>,
    backed_up: Once,
}

impl Database {
    pub fn open(path: &Path) -> Self {
        let store = Store::open(path)
            .and_then(Store::without_memory_map)
            .map_err(|error| ErrorReply::from(error.in_file(path)));
        Self { path: path.to_path_buf(), store: Mutex::new(store), backed_up: Once::new() }
    }

    /// Writes today's backup the first time the window starts on a day (the core keeps the
    /// last seven), once the window is up: copying an archive of half a gigabyte takes
    /// seconds, which must neither delay the window nor hold the store the window reads, so
    /// it runs in the background on a connection of its own. A backup that fails is reported
    /// and changes nothing else.
    pub fn daily_backup_in_background(&self) {
        if self.status().is_some() {
            return;
        }
        self.backed_up.call_once(|| {
            let path = self.path.clone();
            std::thread::spawn(move || match Store::open(&path).and_then(|store| store.daily_backup()) {
                Ok(Some(backup)) => eprintln!("Backed up the database to {}", backup.display()),
                Ok(None) => {}
                Err(error) => {
                    eprintln!("No backup today: {}", ErrorReply::from(error.in_file(&path)).message)
                }
            });
        });
    }

    /// Runs one core call on the open store.
    pub fn with<T>(
        &self,
        action: impl FnOnce(&mut Store) -> ceasefire_tracker::Result<T>,
    ) -> Result<T, ErrorReply> {
        // A panic in an earlier call leaves no half-written data (each action is one
        // transaction), so the store is still fine to use.
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let store = store.as_mut().map_err(|error| error.clone())?;
        // An error about the file itself names it and says what to do.
        action(store).map_err(|error| ErrorReply::from(error.in_file(&self.path)))
    }

    /// The copies of the database a user can go back to.
    pub fn backups(&self) -> Backups {
        ceasefire_tracker::store::backups(&self.path)
    }

    /// Replaces the data with `restore`'s copy; the window's connection is closed while it
    /// is done, and the file opened again after, whether it worked or not.
    pub fn restore(
        &self,
        restore: impl FnOnce(&Path) -> ceasefire_tracker::Result<Option<PathBuf>>,
    ) -> Result<Restored, ErrorReply> {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        *store = Err(ErrorReply::from(ceasefire_tracker::Error::Conflict(
            "the database is being restored from a backup".to_string(),
        )));
        let outcome = restore(&self.path);
        *store = Store::open(&self.path).map_err(|error| ErrorReply::from(error.in_file(&self.path)));
        let kept = outcome.map_err(ErrorReply::from)?;
        Ok(Restored { kept: kept.map(|path| path.display().to_string()) })
    }

    /// Why the database could not be opened, if it could not.
    pub fn status(&self) -> Option<ErrorReply> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner).as_ref().err().cloned()
    }
}
