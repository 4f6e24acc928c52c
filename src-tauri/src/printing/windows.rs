//! Printing a report on Windows, through WebView2 (the Edge engine the window runs in): the
//! system print dialog with `ICoreWebView2_16::ShowPrintUI`, and a PDF without any dialog
//! with `ICoreWebView2_7::PrintToPdf`; the items `printing.rs` asks of every platform.
//!
//! Unlike WebKitGTK, Chromium (in WebView2 from version 131) draws the report's `@page`
//! margin boxes (the running head and "Page 2 of 6"), repeats a table's header on each page
//! and keeps to its page breaks, so the report is not laid out in pages beforehand: its own
//! print rules do it.
//!
//! `make test` compiles this for Windows and holds it to clippy; the project's tests do not
//! run it, as they run on Linux only.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ceasefire_tracker::report::Paper;
use ceasefire_tracker::ErrorReply;
use tauri::webview::PlatformWebview;
use tauri::{AppHandle, Runtime, WebviewWindow};
use webview2_com::Microsoft::Web::WebView2::Win32::{
    ICoreWebView2, ICoreWebView2Environment6, ICoreWebView2PrintSettings, ICoreWebView2_16, ICoreWebView2_7,
    COREWEBVIEW2_PRINT_DIALOG_KIND_SYSTEM, COREWEBVIEW2_PRINT_ORIENTATION_PORTRAIT,
};
use webview2_com::{ExecuteScriptCompletedHandler, PrintToPdfCompletedHandler};
use windows_core::{Interface, HSTRING};

use super::{failed, webview_gone, Printed};

/// WebView2 writes a PDF without a dialog.
pub const EXPORTS_PDF: bool = true;

/// How long printing may take once it has started, the time in the dialog included.
const PRINTING: Duration = Duration::from_secs(300);

/// How often to ask the page whether the print dialog has closed.
const ASKING: Duration = Duration::from_millis(250);

/// The report's own `@page` margins (top and bottom, sides), in millimetres: given to
/// WebView2 too, so that the page is the same whichever of the two it keeps to.
const MARGINS_MM: (f64, f64) = (16.0, 15.0);

/// Chromium lays the pages out from the report's print rules; nothing to do beforehand.
pub fn paginate<R: Runtime>(_window: &WebviewWindow<R>, _paper: Paper) -> Result<u32, ErrorReply> {
    Ok(0)
}

/// Opens the system print dialog on the report; not the browser's print preview, which is
/// drawn inside the webview, and the printing webview is hidden. The dialog says nothing
/// when it closes, but the page gets its `afterprint` event then, printed or cancelled: the
/// page is asked until it has had it.
pub fn print_with_dialog<R: Runtime>(
    _app: &AppHandle<R>,
    window: &WebviewWindow<R>,
    _paper: Paper,
) -> Result<Printed, ErrorReply> {
    let started = Instant::now();
    evaluate(
        window,
        "window.printEnded = false; \
         window.addEventListener('afterprint', () => { window.printEnded = true; }, { once: true }); \
         true"
            .to_string(),
        PRINTING,
    )?;
    let (shown, on_show) = mpsc::channel();
    window
        .with_webview(move |webview| {
            let showing = core(&webview)
                .and_then(|core| core.cast::<ICoreWebView2_16>())
                .and_then(|core| unsafe { core.ShowPrintUI(COREWEBVIEW2_PRINT_DIALOG_KIND_SYSTEM) });
            let _ = shown.send(showing.map_err(|error| error.to_string()));
        })
        .map_err(webview_gone)?;
    match on_show.recv_timeout(PRINTING) {
        Ok(Ok(())) => {}
        Ok(Err(message)) => return Err(failed(format!("the print dialog could not be opened: {message}"))),
        Err(_) => return Err(failed("the print dialog did not open".to_string())),
    }
    // The page's scripts may wait while the dialog is open, and an answer with them.
    while let Some(left) = PRINTING.checked_sub(started.elapsed()) {
        if evaluate(window, "window.printEnded === true".to_string(), left)? == "true" {
            return Ok(Printed::Done { path: None });
        }
        std::thread::sleep(ASKING);
    }
    Err(failed("printing did not finish".to_string()))
}

pub fn save_pdf<R: Runtime>(window: &WebviewWindow<R>, paper: Paper, path: &Path) -> Result<(), ErrorReply> {
    let file = HSTRING::from(path);
    let (ends, end) = mpsc::channel();
    window
        .with_webview(move |webview| {
            let on_failure = ends.clone();
            let printing = print_settings(&webview, paper).and_then(|settings| {
                let handler = PrintToPdfCompletedHandler::create(Box::new(move |outcome, written| {
                    let _ = ends.send(match outcome {
                        Ok(()) if written => Ok(()),
                        Ok(()) => Err("WebView2 did not write it".to_string()),
                        Err(error) => Err(error.to_string()),
                    });
                    Ok(())
                }));
                let core = core(&webview)?.cast::<ICoreWebView2_7>()?;
                unsafe { core.PrintToPdf(&file, &settings, &handler) }
            });
            if let Err(error) = printing {
                let _ = on_failure.send(Err(error.to_string()));
            }
        })
        .map_err(webview_gone)?;
    match end.recv_timeout(PRINTING) {
        Ok(Ok(())) if path.is_file() => Ok(()),
        Ok(Ok(())) => Err(failed(format!("no PDF was written to {}", path.display()))),
        Ok(Err(message)) => Err(failed(format!("printing to {} failed: {message}", path.display()))),
        Err(_) => Err(failed("printing did not finish".to_string())),
    }
}

/// The paper, the report's margins, its colours, and no header or footer of the browser's
/// own: the report draws its running head and page numbers itself.
fn print_settings(
    webview: &PlatformWebview,
    paper: Paper,
) -> windows_core::Result<ICoreWebView2PrintSettings> {
    let (width_mm, height_mm) = match paper {
        Paper::A4 => (210.0, 297.0),
        Paper::Letter => (215.9, 279.4),
    };
    let inches = |mm: f64| mm / 25.4;
    let (ends, sides) = MARGINS_MM;
    unsafe {
        let settings = webview.environment().cast::<ICoreWebView2Environment6>()?.CreatePrintSettings()?;
        settings.SetOrientation(COREWEBVIEW2_PRINT_ORIENTATION_PORTRAIT)?;
        settings.SetPageWidth(inches(width_mm))?;
        settings.SetPageHeight(inches(height_mm))?;
        settings.SetMarginTop(inches(ends))?;
        settings.SetMarginBottom(inches(ends))?;
        settings.SetMarginLeft(inches(sides))?;
        settings.SetMarginRight(inches(sides))?;
        settings.SetShouldPrintBackgrounds(true)?;
        settings.SetShouldPrintHeaderAndFooter(false)?;
        Ok(settings)
    }
}

fn core(webview: &PlatformWebview) -> windows_core::Result<ICoreWebView2> {
    unsafe { webview.controller().CoreWebView2() }
}

/// Runs `script` in the report's page and returns its value as JSON.
fn evaluate<R: Runtime>(
    window: &WebviewWindow<R>,
    script: String,
    within: Duration,
) -> Result<String, ErrorReply> {
    let (answers, answer) = mpsc::channel();
    window
        .with_webview(move |webview| {
            let on_failure = answers.clone();
            let handler = ExecuteScriptCompletedHandler::create(Box::new(move |outcome, json| {
                let _ = answers.send(outcome.map(|()| json).map_err(|error| error.to_string()));
                Ok(())
            }));
            let asked = core(&webview)
                .and_then(|core| unsafe { core.ExecuteScript(&HSTRING::from(script), &handler) });
            if let Err(error) = asked {
                let _ = on_failure.send(Err(error.to_string()));
            }
        })
        .map_err(webview_gone)?;
    match answer.recv_timeout(within) {
        Ok(Ok(json)) => Ok(json),
        Ok(Err(message)) => Err(failed(format!("the report's page did not answer: {message}"))),
        Err(_) => Err(failed("printing did not finish".to_string())),
    }
}
