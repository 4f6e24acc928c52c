//! A dataset file imported as the window and `cftrack` do it: read with the shipped aliases
//! and the user's own, then previewed (nothing written) or recorded in one transaction,
//! telling how far it has got.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::{plan, read, Aliases, Dataset, DatasetKind, DatasetSummary};
use crate::error::{Error, Result};
use crate::store::Store;

/// The shipped aliases, and the other names the user's parties answer to.
pub fn aliases(store: &Store) -> Result<Aliases> {
    let mut aliases = Aliases::shipped();
    for party in store.parties()? {
        for alias in &party.aliases {
            // A user's merge wins over nothing; a contradiction with the shipped list keeps the list.
            let _ = aliases.add(alias, &party.name, Some(party.kind));
        }
    }
    Ok(aliases)
}

/// Where an import is: reading the file, working out what is new, or writing (`done` of
/// `total` new records; nothing is kept until the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
#[ts(export)]
pub enum ImportProgress {
    Reading,
    Planning,
    Writing {
        #[ts(type = "number")]
        done: usize,
        #[ts(type = "number")]
        total: usize,
    },
}

fn read_file(store: &Store, kind: DatasetKind, file: &Path) -> Result<Dataset> {
    read(kind, file, &aliases(store)?).map_err(|problem| Error::Dataset { problem: problem.to_string() })
}

/// What importing `file` would add, update and skip; writes nothing.
pub fn preview(store: &Store, kind: DatasetKind, file: &Path) -> Result<DatasetSummary> {
    let mut summary = plan(store, &read_file(store, kind, file)?)?.summary;
    summary.skipped.sort_by_key(|skipped| skipped.row);
    Ok(summary)
}

/// Imports `file` in one transaction: all of it, or nothing.
pub fn import(
    store: &mut Store,
    kind: DatasetKind,
    file: &Path,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<DatasetSummary> {
    progress(ImportProgress::Reading);
    let dataset = read_file(store, kind, file)?;
    progress(ImportProgress::Planning);
    let planned = plan(store, &dataset)?;
    let mut summary = planned.summary;
    crate::exchange::import_reporting(store, &planned.document, &mut |written| {
        progress(ImportProgress::Writing { done: written.done, total: written.total })
    })?;
    summary.skipped.sort_by_key(|skipped| skipped.row);
    Ok(summary)
}
