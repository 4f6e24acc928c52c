//! The database the window shows: opened once at start, shared by every command.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use ceasefire_tracker::{ErrorReply, Store};

/// The store behind a lock, or the reason it could not be opened. A file written by a newer
/// version or one that is not a database must not stop the window from opening: every
/// command then answers with that error, so the window can say what is wrong.
pub struct Database {
    store: Mutex<Result<Store, ErrorReply>>,
}

impl Database {
    pub fn open(path: &Path) -> Self {
        Self { store: Mutex::new(Store::open(path).map_err(ErrorReply::from)) }
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
        action(store).map_err(ErrorReply::from)
    }

    /// Why the database could not be opened, if it could not.
    pub fn status(&self) -> Option<ErrorReply> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner).as_ref().err().cloned()
    }
}
