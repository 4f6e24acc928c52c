//! Printing where the app has no printing of its own: the webview's print dialog, which
//! lays the pages out itself, and no PDF export (the dialog can save as PDF).

use std::path::Path;

use ceasefire_tracker::report::Paper;
use ceasefire_tracker::ErrorReply;
use tauri::{AppHandle, Runtime, WebviewWindow};

use super::{unsupported, webview_gone, Printed};

/// There is no way to write a PDF without a dialog here.
pub const EXPORTS_PDF: bool = false;

/// The webview's own printing lays the pages out.
pub fn paginate<R: Runtime>(_window: &WebviewWindow<R>, _paper: Paper) -> Result<u32, ErrorReply> {
    Ok(0)
}

/// The webview's own print dialog; it reports neither its end nor a cancel.
pub fn print_with_dialog<R: Runtime>(
    _app: &AppHandle<R>,
    window: &WebviewWindow<R>,
    _paper: Paper,
) -> Result<Printed, ErrorReply> {
    window.print().map_err(webview_gone)?;
    Ok(Printed::Done { path: None })
}

pub fn save_pdf<R: Runtime>(
    _window: &WebviewWindow<R>,
    _paper: Paper,
    _path: &Path,
) -> Result<(), ErrorReply> {
    Err(unsupported())
}
