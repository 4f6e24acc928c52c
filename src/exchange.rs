//! Export and import of the whole database as one versioned JSON document
//! (`docs/export-format.md`).
//!
//! Records name each other by uuid, so that a document can be imported into another
//! database. Export is deterministic: no export time, records in the order they were
//! recorded, so that export, import into an empty database and export again give the
//! identical document. Import checks the whole document before it writes anything.

mod check;
mod export;
mod import;
mod scan;
mod v1;

pub use crate::model::document::*;
pub use export::{export, export_json};
pub use import::{import, import_json, import_reporting};
