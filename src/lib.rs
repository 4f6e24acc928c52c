//! Ceasefire Tracker's core: proposals, parties, stances, conditions and their dated,
//! sourced history in one SQLite file, with the state of play as of any date and the
//! reports made from it. No Tauri and no WebKit here: the desktop shell and `cftrack`
//! (`src/bin/cftrack/`) are thin layers over this crate.

pub mod dataset;
pub mod demo;
pub mod error;
pub mod exchange;
pub mod gen;
pub mod model;
pub mod report;
pub mod settings;
pub mod store;
pub mod team;

pub use error::{Error, ErrorCode, ErrorReply, InputError, Result};
pub use store::Store;
