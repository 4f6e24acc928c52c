//! The database file as the window shows it: where it is, and the backups of it that can
//! be restored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The database the window is showing: where it lives, and whether it is still empty
/// (first run, when the window offers the demo data set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DatabaseInfo {
    pub path: String,
    pub empty: bool,
}

/// The copies of the database that the window offers to go back to, newest first, and the
/// folder the automatic ones are written to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Backups {
    pub folder: String,
    pub backups: Vec<Backup>,
}

/// One copy of the database that can be restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Backup {
    /// Where the copy is; what restoring it names.
    pub path: String,
    pub kind: BackupKind,
    /// When the copy was written.
    #[ts(type = "string")]
    pub written_at: DateTime<Utc>,
    /// How many proposals it holds; none when it cannot be read.
    #[ts(type = "number | null")]
    pub proposals: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupKind {
    /// The copy written the first time the app is used on a day.
    Daily,
    /// The copy written before a newer version changed the file's layout.
    BeforeUpgrade,
    /// The data as it was just before an earlier restore.
    BeforeRestore,
}

/// A restore done: where the data as it was before is kept, if there was any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Restored {
    pub kept: Option<String>,
}
