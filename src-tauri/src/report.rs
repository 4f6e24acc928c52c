//! Reports in the window: the core renders them, this module serves them to webviews under
//! the `report` URI scheme, and the commands print them or save them as PDF.
//!
//! The preview (an `<iframe>` in the window) asks for `report://localhost/?request=<JSON>`
//! and gets the core's HTML for that request. Printing loads the same document in a hidden
//! webview of its own, so that what is printed is the report and never the app around it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use ceasefire_tracker::report::{self, Format, Paper, ReportRequest};
use ceasefire_tracker::{ErrorCode, ErrorReply};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Manager, Runtime, State, UriSchemeContext, UriSchemeResponder, Url, WebviewUrl};
use tauri::{WebviewWindow, WebviewWindowBuilder};
use tauri_plugin_dialog::DialogExt;

use crate::database::Database;
use crate::pdf;

pub const SCHEME: &str = "report";

/// The labels of the hidden windows that print; never shown, so never remembered.
pub const PRINTING_WINDOW: &str = "report-print-";

/// How long a report may take to load in the printing webview.
const LOADING: Duration = Duration::from_secs(60);

/// Reports rendered for printing, until their webview has loaded them: printing serves the
/// very document it checked, not a second rendering of the request.
#[derive(Default)]
pub struct PrintJobs {
    next: AtomicU64,
    documents: Mutex<HashMap<u64, String>>,
}

/// What became of a print or an export.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
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
    jobs: State<'_, PrintJobs>,
    request: ReportRequest,
) -> Result<Printed, ErrorReply> {
    let html = database.with(|store| report::render(store, &request, Format::Html))?;
    let job = Job::load(&app, &jobs, html, request.paper)?;
    let outcome = pdf::print_with_dialog(&app, &job.window, request.paper);
    job.finish(&jobs);
    outcome
}

/// Saves the report as a PDF file chosen in a save dialog, without a print dialog.
/// `CFTRACK_PDF_PATH`, when set, names the file instead of the dialog (for scripted runs).
#[tauri::command(async)]
pub fn export_pdf<R: Runtime>(
    app: AppHandle<R>,
    database: State<'_, Database>,
    jobs: State<'_, PrintJobs>,
    request: ReportRequest,
    file_name: String,
) -> Result<Printed, ErrorReply> {
    pdf::check_available()?;
    let html = database.with(|store| report::render(store, &request, Format::Html))?;
    let Some(path) = choose_pdf_path(&app, &file_name) else { return Ok(Printed::Cancelled) };
    let job = Job::load(&app, &jobs, html, request.paper)?;
    let outcome = pdf::save(&job.window, request.paper, &path);
    job.finish(&jobs);
    outcome.map(|()| Printed::Done { path: Some(path.display().to_string()) })
}

fn choose_pdf_path<R: Runtime>(app: &AppHandle<R>, file_name: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CFTRACK_PDF_PATH").filter(|path| !path.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let mut path = app
        .dialog()
        .file()
        .set_title("Export the report as PDF")
        .add_filter("PDF document", &["pdf"])
        .set_file_name(file_name)
        .blocking_save_file()?
        .into_path()
        .ok()?;
    if path.extension().is_none() {
        path.set_extension("pdf");
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
    fn load(app: &AppHandle<R>, jobs: &PrintJobs, html: String, paper: Paper) -> Result<Self, ErrorReply> {
        let id = jobs.next.fetch_add(1, Ordering::Relaxed);
        jobs.documents.lock().unwrap_or_else(PoisonError::into_inner).insert(id, html);
        let url = job_url(id);
        let (loaded, on_load) = mpsc::channel();
        let window =
            WebviewWindowBuilder::new(app, format!("{PRINTING_WINDOW}{id}"), WebviewUrl::CustomProtocol(url))
                .title("Ceasefire Tracker report")
                .visible(false)
                .on_page_load(move |_window, payload| {
                    if payload.event() == PageLoadEvent::Finished {
                        let _ = loaded.send(());
                    }
                })
                .build()
                .map_err(|error| failed(format!("the report could not be opened for printing: {error}")))?;
        let job = Self { id, window };
        if on_load.recv_timeout(LOADING).is_err() {
            job.finish(jobs);
            return Err(failed("the report took too long to load for printing".to_string()));
        }
        if let Err(error) = pdf::paginate(&job.window, paper) {
            job.finish(jobs);
            return Err(error);
        }
        Ok(job)
    }

    fn finish(self, jobs: &PrintJobs) {
        jobs.documents.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.id);
        // Gone already if the app is shutting down; nothing to clean up then.
        let _ = self.window.destroy();
    }
}

fn job_url(id: u64) -> Url {
    let base = if cfg!(any(windows, target_os = "android")) {
        format!("http://{SCHEME}.localhost/")
    } else {
        format!("{SCHEME}://localhost/")
    };
    let mut url = Url::parse(&base).expect("the report scheme's base URL is valid");
    url.query_pairs_mut().append_pair("job", &id.to_string());
    url
}

pub fn failed(message: String) -> ErrorReply {
    ErrorReply::new(ErrorCode::PrintFailed, message)
}

/// Answers the `report` scheme off the window's thread: `?request=<JSON>` renders a report
/// for the preview, `?job=<n>` serves one already rendered for printing.
pub fn serve<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = context.app_handle().clone();
    let uri = request.uri().to_string();
    std::thread::spawn(move || responder.respond(answer(&app, &uri)));
}

fn answer<R: Runtime>(app: &AppHandle<R>, uri: &str) -> Response<Vec<u8>> {
    let Ok(url) = Url::parse(uri) else {
        return problem(StatusCode::BAD_REQUEST, "This address is not a report.");
    };
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "request" => {
                let request = match serde_json::from_str::<ReportRequest>(&value) {
                    Ok(request) => request,
                    Err(error) => {
                        return problem(StatusCode::BAD_REQUEST, &format!("Not a report request: {error}"))
                    }
                };
                let rendered =
                    app.state::<Database>().with(|store| report::render(store, &request, Format::Html));
                return match rendered {
                    Ok(html) => document(html),
                    Err(error) => problem(StatusCode::UNPROCESSABLE_ENTITY, &error.message),
                };
            }
            "job" => {
                let jobs = app.state::<PrintJobs>();
                let documents = jobs.documents.lock().unwrap_or_else(PoisonError::into_inner);
                return match value.parse().ok().and_then(|id: u64| documents.get(&id)) {
                    Some(html) => document(html.clone()),
                    None => problem(StatusCode::NOT_FOUND, "This report is no longer there."),
                };
            }
            _ => {}
        }
    }
    problem(StatusCode::BAD_REQUEST, "This address is not a report.")
}

fn document(html: String) -> Response<Vec<u8>> {
    response(StatusCode::OK, "text/html; charset=utf-8", html.into_bytes())
}

/// A refusal in plain text: the preview shows it where the report would be.
fn problem(status: StatusCode, message: &str) -> Response<Vec<u8>> {
    response(status, "text/plain; charset=utf-8", message.as_bytes().to_vec())
}

fn response(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        // The data changes under the same address; a stale preview would mislead.
        .header(header::CACHE_CONTROL, "no-store")
        .body(body)
        .expect("a response from a status, two valid headers and a body")
}
