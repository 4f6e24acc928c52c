//! File › Import research dataset…: the sheet asks which dataset and which file, shows
//! what the import would do, then imports while the window shows how far it has got.

use std::path::PathBuf;

use ceasefire_tracker::dataset::{self, DatasetInfo, DatasetKind, DatasetSummary, ImportProgress};
use ceasefire_tracker::ErrorReply;
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::database::Database;
use crate::window::MAIN;

type Reply<T> = Result<T, ErrorReply>;

/// The event that carries an import's progress to the window.
const PROGRESS: &str = "dataset-progress";

/// The three datasets, with their publishers and how to cite them.
#[tauri::command]
pub fn dataset_kinds() -> Vec<DatasetInfo> {
    DatasetKind::ALL.into_iter().map(DatasetKind::publisher).collect()
}

/// Asks for a dataset file in the system's dialog; `None` when the dialog is cancelled.
#[tauri::command(async)]
pub fn choose_dataset_file<R: Runtime>(app: AppHandle<R>) -> Option<String> {
    app.dialog()
        .file()
        .set_title("Import research dataset")
        .add_filter("CSV file", &["csv"])
        .blocking_pick_file()
        .and_then(|chosen| chosen.into_path().ok())
        .map(|path| path.display().to_string())
}

/// What importing `file` would add, update and skip; nothing is written.
#[tauri::command(async)]
pub fn preview_dataset(
    database: State<'_, Database>,
    kind: DatasetKind,
    file: String,
) -> Reply<DatasetSummary> {
    database.with(|store| dataset::preview(store, kind, &PathBuf::from(file)))
}

/// Imports `file` in one transaction, sending `dataset-progress` events as it goes.
#[tauri::command(async)]
pub fn import_dataset<R: Runtime>(
    app: AppHandle<R>,
    database: State<'_, Database>,
    kind: DatasetKind,
    file: String,
) -> Reply<DatasetSummary> {
    database.with(|store| {
        dataset::import(store, kind, &PathBuf::from(file), &mut |progress: ImportProgress| {
            // A window gone while it imports loses only the bar.
            let _ = app.emit_to(MAIN, PROGRESS, progress);
        })
    })
}
