//! The File menu's whole-file actions: export, import and backup. The user picks the file
//! with the system's dialog; the core does the work off the window's thread; failures are
//! reported in a message box, and a change to the data tells the window to reload.

use std::path::{Path, PathBuf};

use ceasefire_tracker::{exchange, Error, Store};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, FilePath, MessageDialogKind};

use crate::database::Database;
use crate::window::MAIN;

const DATA_FILES: (&str, &[&str]) = ("Ceasefire Tracker data", &["json"]);
const DATABASE_FILES: (&str, &[&str]) = ("Ceasefire Tracker database", &["db"]);

pub fn export<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    app.dialog()
        .file()
        .set_title("Export all data")
        .add_filter(DATA_FILES.0, DATA_FILES.1)
        .set_file_name("ceasefire-tracker.json")
        .save_file(move |chosen| {
            let Some(path) = local_path(chosen) else { return };
            run(&app, "Export", false, move |store| {
                let document = exchange::export_json(store)?;
                std::fs::write(&path, document)
                    .map_err(|source| Error::File { path: path.clone(), source })?;
                Ok(written(&path))
            });
        });
}

pub fn import<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    app.dialog().file().set_title("Import data").add_filter(DATA_FILES.0, DATA_FILES.1).pick_file(
        move |chosen| {
            let Some(path) = local_path(chosen) else { return };
            run(&app, "Import", true, move |store| {
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| Error::File { path: path.clone(), source })?;
                let imported = exchange::import_json(store, &text)?;
                let file =
                    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
                Ok(Some(imported.sentence(&file)))
            });
        },
    );
}

pub fn backup<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    app.dialog()
        .file()
        .set_title("Back up the database")
        .add_filter(DATABASE_FILES.0, DATABASE_FILES.1)
        .set_file_name("ceasefire-tracker-backup.db")
        .save_file(move |chosen| {
            let Some(path) = local_path(chosen) else { return };
            run(&app, "Backup", false, move |store| store.backup_to(&path).map(|()| written(&path)));
        });
}

fn local_path(chosen: Option<FilePath>) -> Option<PathBuf> {
    chosen?.into_path().ok()
}

fn written(path: &Path) -> Option<String> {
    Some(format!("Written to {}", path.display()))
}

/// Runs `action` on the store in the background, then tells the user how it went: a
/// message box on failure or with `action`'s note, and `data-changed` when the data changed.
fn run<R: Runtime>(
    app: &AppHandle<R>,
    what: &'static str,
    changes_data: bool,
    action: impl FnOnce(&mut Store) -> ceasefire_tracker::Result<Option<String>> + Send + 'static,
) {
    let app = app.clone();
    std::thread::spawn(move || match app.state::<Database>().with(action) {
        Ok(note) => {
            if changes_data {
                let _ = app.emit_to(MAIN, "data-changed", ());
            }
            if let Some(note) = note {
                app.dialog()
                    .message(note)
                    .title(format!("{what} done"))
                    .kind(MessageDialogKind::Info)
                    .show(|_| {});
            }
        }
        Err(error) => {
            app.dialog()
                .message(error.message)
                .title(format!("{what} failed"))
                .kind(MessageDialogKind::Error)
                .show(|_| {});
        }
    });
}
