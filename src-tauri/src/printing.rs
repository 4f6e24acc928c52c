//! Printing a report: through the system print dialog, or straight to a PDF file. The core
//! renders the report; it is loaded in a hidden webview of its own, so that what is printed
//! is the report and never the app around it, and handed to the platform's printing.
//!
//! Each platform's printing is a module of its own with the same items: `EXPORTS_PDF`,
//! `paginate`, `print_with_dialog` and `save_pdf`. On Linux (`printing/linux.rs`) both go
//! through WebKitGTK's print operation, on Windows (`printing/windows.rs`) through WebView2;
//! elsewhere (`printing/other.rs`) Print uses the webview's own printing and PDF export is
//! not offered.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use ceasefire_tracker::report::{self, Format, Paper, ReportRequest};
use ceasefire_tracker::settings::Settings;
use ceasefire_tracker::{ErrorCode, ErrorReply};
use serde::Serialize;
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::database::Database;
use crate::report::HeldReports;

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "linux")]
use linux as platform;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as platform;

#[cfg(not(any(target_os = "linux", windows)))]
mod other;
#[cfg(not(any(target_os = "linux", windows)))]
use other as platform;

/// The labels of the hidden windows that print; never shown, so never remembered.
pub const PRINTING_WINDOW: &str = "report-print-";

/// How long a report may take to load in the printing webview.
const LOADING: Duration = Duration::from_secs(60);

/// What became of a print or an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export, export_to = "shell/")]
pub enum Printed {
    /// Sent to the printer, or written to `path`.
    Done { path: Option<String> },
    /// The user closed the dialog without printing or saving.
    Cancelled,
}

/// Opens the system print dialog on the report.
#[tauri::command(async)]
pub fn print_report<R: Runtime>(
    app: AppHandle<R>,
    database: State<'_, Database>,
    held: State<'_, HeldReports>,
    request: ReportRequest,
) -> Result<Printed, ErrorReply> {
    let html = database.with(|store| report::render(store, &request, Format::Html))?;
    let job = Job::load(&app, &held, html, request.paper)?;
    let outcome = platform::print_with_dialog(&app, &job.window, request.paper);
    job.finish(&held);
    outcome
}

/// Saves the report as a PDF file chosen in a save dialog, without a print dialog.
/// `CFTRACK_PDF_PATH`, when set, names the file instead of the dialog (for scripted runs);
/// when it names a folder, the file goes there under the name the dialog would offer.
#[tauri::command(async)]
pub fn export_pdf<R: Runtime>(
    app: AppHandle<R>,
    database: State<'_, Database>,
    held: State<'_, HeldReports>,
    request: ReportRequest,
    file_name: String,
) -> Result<Printed, ErrorReply> {
    if !platform::EXPORTS_PDF {
        return Err(unsupported());
    }
    let html = database.with(|store| report::render(store, &request, Format::Html))?;
    let Some(path) = choose_pdf_path(&app, &file_name) else { return Ok(Printed::Cancelled) };
    let job = Job::load(&app, &held, html, request.paper)?;
    let outcome = platform::save_pdf(&job.window, request.paper, &path);
    job.finish(&held);
    outcome.map(|()| Printed::Done { path: Some(path.display().to_string()) })
}

fn choose_pdf_path<R: Runtime>(app: &AppHandle<R>, file_name: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CFTRACK_PDF_PATH").filter(|path| !path.is_empty()) {
        let path = PathBuf::from(path);
        return Some(if path.is_dir() { path.join(file_name) } else { path });
    }
    // The dialog opens where the last PDF went, else in the user's Documents folder.
    let settings = Settings::load();
    let folder = settings
        .as_ref()
        .ok()
        .and_then(|settings| settings.pdf_folder.clone())
        .filter(|folder| folder.is_dir())
        .or_else(|| app.path().document_dir().ok().filter(|folder| folder.is_dir()));
    let mut dialog =
        app.dialog().file().set_title("Export the report as PDF").add_filter("PDF document", &["pdf"]);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    let mut path = dialog.set_file_name(file_name).blocking_save_file()?.into_path().ok()?;
    if path.extension().is_none() {
        path.set_extension("pdf");
    }
    // Remembered for the next export; settings that could not be read are left alone, and
    // a folder not remembered costs only a click next time.
    if let Ok(mut settings) = settings {
        settings.pdf_folder = path.parent().map(Path::to_path_buf);
        let _ = settings.save();
    }
    Some(path)
}

/// A report loaded in a hidden webview of its own, ready to print.
struct Job<R: Runtime> {
    id: u64,
    window: WebviewWindow<R>,
}

impl<R: Runtime> Job<R> {
    /// Loads the report and lays it out in pages of `paper`.
    fn load(app: &AppHandle<R>, held: &HeldReports, html: String, paper: Paper) -> Result<Self, ErrorReply> {
        let (id, url) = held.hold(html);
        let (loaded, on_load) = mpsc::channel();
        let built =
            WebviewWindowBuilder::new(app, format!("{PRINTING_WINDOW}{id}"), WebviewUrl::CustomProtocol(url))
                .title("Ceasefire Tracker report")
                .visible(false)
                .on_page_load(move |_window, payload| {
                    if payload.event() == PageLoadEvent::Finished {
                        let _ = loaded.send(());
                    }
                })
                .build();
        let window = match built {
            Ok(window) => window,
            Err(error) => {
                held.release(id);
                return Err(failed(format!("the report could not be opened for printing: {error}")));
            }
        };
        let job = Self { id, window };
        if on_load.recv_timeout(LOADING).is_err() {
            job.finish(held);
            return Err(failed("the report took too long to load for printing".to_string()));
        }
        if let Err(error) = platform::paginate(&job.window, paper) {
            job.finish(held);
            return Err(error);
        }
        Ok(job)
    }

    fn finish(self, held: &HeldReports) {
        held.release(self.id);
        // Gone already if the app is shutting down; nothing to clean up then.
        let _ = self.window.destroy();
    }
}

fn failed(message: String) -> ErrorReply {
    ErrorReply::new(ErrorCode::PrintFailed, message)
}

fn webview_gone(error: tauri::Error) -> ErrorReply {
    failed(format!("the report's webview is gone: {error}"))
}

/// Refuses an export where there is no way to write a PDF without a dialog.
fn unsupported() -> ErrorReply {
    ErrorReply::new(
        ErrorCode::Unsupported,
        "Export PDF is not available on this system. Use Print and choose to save as PDF in the print dialog.",
    )
}
