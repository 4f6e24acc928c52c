//! Reports in the window: the core renders them, and this module serves them to webviews
//! under the `report` URI scheme. It knows nothing of printing; printing holds its reports
//! here for its hidden webview to load.
//!
//! The preview (an `<iframe>` in the window) asks for `report://localhost/?request=<JSON>`
//! and gets the core's HTML for that request; `?job=<n>` serves a report held with
//! [`HeldReports::hold`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use ceasefire_tracker::report::{self, Format, ReportRequest};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, Runtime, UriSchemeContext, UriSchemeResponder, Url};

use crate::database::Database;

pub const SCHEME: &str = "report";

/// Reports rendered ahead and held until a webview has loaded them: printing serves the
/// very document it checked, not a second rendering of the request.
#[derive(Default)]
pub struct HeldReports {
    next: AtomicU64,
    documents: Mutex<HashMap<u64, String>>,
}

impl HeldReports {
    /// Holds `html` until [`release`](Self::release); returns its number and its address.
    pub fn hold(&self, html: String) -> (u64, Url) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.documents.lock().unwrap_or_else(PoisonError::into_inner).insert(id, html);
        (id, held_url(id))
    }

    pub fn release(&self, id: u64) {
        self.documents.lock().unwrap_or_else(PoisonError::into_inner).remove(&id);
    }

    fn get(&self, id: u64) -> Option<String> {
        self.documents.lock().unwrap_or_else(PoisonError::into_inner).get(&id).cloned()
    }
}

fn held_url(id: u64) -> Url {
    let base = if cfg!(any(windows, target_os = "android")) {
        format!("http://{SCHEME}.localhost/")
    } else {
        format!("{SCHEME}://localhost/")
    };
    let mut url = Url::parse(&base).expect("the report scheme's base URL is valid");
    url.query_pairs_mut().append_pair("job", &id.to_string());
    url
}

/// Answers the `report` scheme off the window's thread: `?request=<JSON>` renders a report
/// for the preview, `?job=<n>` serves one held for printing.
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
                let held = app.state::<HeldReports>();
                return match value.parse().ok().and_then(|id: u64| held.get(id)) {
                    Some(html) => document(html),
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
