//! What the window says about the open database file.

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
