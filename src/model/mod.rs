//! The data model: records, vocabularies, dates with precision, and the views of them.

pub mod clock;
pub mod date;
pub mod document;
pub mod file;
pub mod listing;
pub mod records;
pub mod rules;
pub mod stamp;
pub mod state;
pub mod text;
pub mod vocab;

pub use clock::Extension;
pub use date::{EventDate, Precision};
pub use file::{Backup, BackupKind, Backups, DatabaseInfo, Restored};
pub use listing::*;
pub use records::*;
pub use state::*;
pub use vocab::*;
