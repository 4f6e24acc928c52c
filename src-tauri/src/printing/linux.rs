//! Printing on Linux, through WebKitGTK's print operation: the print dialog over the main
//! window, or the "Print to File" printer for a PDF without a dialog. WebKit's printing
//! numbers no pages and repeats no table header, so the report is first laid out in pages
//! by `paginate.js`.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

use ceasefire_tracker::report::Paper;
use ceasefire_tracker::ErrorReply;
use gtk::{PageSetup, PaperSize, PrintSettings, Unit};
use javascriptcore::ValueExt;
use tauri::{AppHandle, Manager, Runtime, WebviewWindow};
use webkit2gtk::{PrintOperation, PrintOperationExt, PrintOperationResponse, WebViewExt};

use super::{failed, webview_gone, Printed};

mod compact;
mod truetype;
use crate::window::MAIN;

/// A PDF is written without any dialog.
pub const EXPORTS_PDF: bool = true;

/// How long printing may take once it has started; a long report takes a few seconds.
const PRINTING: Duration = Duration::from_secs(300);

/// How a print operation ended.
enum End {
    Finished,
    Failed(String),
    Cancelled,
}

fn wait(ends: &mpsc::Receiver<End>) -> Result<Printed, ErrorReply> {
    match ends.recv_timeout(PRINTING) {
        Ok(End::Finished) => Ok(Printed::Done { path: None }),
        Ok(End::Cancelled) => Ok(Printed::Cancelled),
        Ok(End::Failed(message)) => Err(failed(format!("printing failed: {message}"))),
        Err(_) => Err(failed("printing did not finish".to_string())),
    }
}

/// The page margins, all round; the report's own `@page` margins are left to this.
const MARGIN_MM: f64 = 15.0;

/// How long laying a report out in pages may take; a long report takes a second.
const LAYING_OUT: Duration = Duration::from_secs(60);

/// Lays the report out in pages of the paper's printable area, with running heads, page
/// numbers and table headers repeated where a table goes on to a new page, which
/// WebKit's printing does not do by itself. Returns the number of pages.
pub fn paginate<R: Runtime>(window: &WebviewWindow<R>, paper: Paper) -> Result<u32, ErrorReply> {
    let (width, height) = printable_area(paper);
    let script = format!("{}({width:.2}, {height:.2})", include_str!("paginate.js"));
    let (sender, laid_out) = mpsc::channel();
    window
        .with_webview(move |webview| {
            webview.inner().evaluate_javascript(
                &script,
                None,
                None,
                None::<&webkit2gtk::gio::Cancellable>,
                move |result| {
                    let _ = sender.send(result.map(|pages| pages.to_int32()).map_err(|e| e.to_string()));
                },
            );
        })
        .map_err(webview_gone)?;
    match laid_out.recv_timeout(LAYING_OUT) {
        Ok(Ok(pages)) if pages > 0 => Ok(pages as u32),
        Ok(Ok(_)) => Err(failed("the report could not be laid out in pages".to_string())),
        Ok(Err(message)) => Err(failed(format!("the report could not be laid out in pages: {message}"))),
        Err(_) => Err(failed("laying the report out in pages did not finish".to_string())),
    }
}

/// The width and height inside the margins, in CSS pixels (96 to the inch).
fn printable_area(paper: Paper) -> (f64, f64) {
    let (width_mm, height_mm) = match paper {
        Paper::A4 => (210.0, 297.0),
        Paper::Letter => (215.9, 279.4),
    };
    let px = |mm: f64| (mm - 2.0 * MARGIN_MM) * 96.0 / 25.4;
    (px(width_mm), px(height_mm))
}

pub fn print_with_dialog<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
    paper: Paper,
) -> Result<Printed, ErrorReply> {
    let (ends, end) = mpsc::channel();
    let app = app.clone();
    window
        .with_webview(move |webview| {
            let operation = PrintOperation::new(&webview.inner());
            let settings = PrintSettings::new();
            settings.set_paper_size(&paper_size(paper));
            operation.set_print_settings(&settings);
            operation.set_page_setup(&page_setup(paper));
            report_end(&operation, ends.clone());
            // Over the main window, so that the dialog belongs to the app the user sees.
            let parent = app.get_webview_window(MAIN).and_then(|main| main.gtk_window().ok());
            if operation.run_dialog(parent.as_ref()) != PrintOperationResponse::Print {
                let _ = ends.send(End::Cancelled);
            }
        })
        .map_err(webview_gone)?;
    wait(&end)
}

pub fn save_pdf<R: Runtime>(window: &WebviewWindow<R>, paper: Paper, path: &Path) -> Result<(), ErrorReply> {
    let uri = gtk::glib::filename_to_uri(path, None)
        .map_err(|error| failed(format!("{} cannot be written to: {error}", path.display())))?
        .to_string();
    let (ends, end) = mpsc::channel();
    window
        .with_webview(move |webview| {
            let operation = PrintOperation::new(&webview.inner());
            let settings = PrintSettings::new();
            settings.set_printer(&file_printer());
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(&uri));
            settings.set_paper_size(&paper_size(paper));
            operation.set_print_settings(&settings);
            operation.set_page_setup(&page_setup(paper));
            report_end(&operation, ends);
            operation.print();
        })
        .map_err(webview_gone)?;
    match wait(&end)? {
        Printed::Done { .. } if path.is_file() => {
            make_small(path);
            Ok(())
        }
        Printed::Done { .. } => Err(failed(format!("no PDF was written to {}", path.display()))),
        Printed::Cancelled => Err(failed("printing to the file was cancelled".to_string())),
    }
}

/// Rewrites the PDF at `path` with its fonts cut down to what it draws (see `compact`).
/// The file WebKit wrote stays as it is when it cannot be read or rewritten.
fn make_small(path: &Path) {
    let Ok(pdf) = std::fs::read(path) else { return };
    let Some(small) = compact::compact(&pdf).filter(|small| small.len() < pdf.len()) else { return };
    let partial = path.with_extension("pdf.partial");
    if std::fs::write(&partial, small).and_then(|()| std::fs::rename(&partial, path)).is_err() {
        let _ = std::fs::remove_file(&partial);
    }
}

/// GTK's printer that writes files, under the name it has in the user's language.
fn file_printer() -> String {
    gtk::glib::dgettext(Some("gtk30"), "Print to File").to_string()
}

fn paper_size(paper: Paper) -> PaperSize {
    let name = match paper {
        Paper::A4 => gtk::PAPER_NAME_A4,
        Paper::Letter => gtk::PAPER_NAME_LETTER,
    };
    PaperSize::new(Some(name))
}

fn page_setup(paper: Paper) -> PageSetup {
    let setup = PageSetup::new();
    setup.set_paper_size(&paper_size(paper));
    setup.set_top_margin(MARGIN_MM, Unit::Mm);
    setup.set_bottom_margin(MARGIN_MM, Unit::Mm);
    setup.set_left_margin(MARGIN_MM, Unit::Mm);
    setup.set_right_margin(MARGIN_MM, Unit::Mm);
    setup
}

/// Sends how `operation` ended. The operation is kept alive until then: the signals
/// come after the call that started it has returned.
fn report_end(operation: &PrintOperation, ends: mpsc::Sender<End>) {
    let kept = Rc::new(RefCell::new(Some(operation.clone())));
    let on_failure = ends.clone();
    operation.connect_failed(move |_, error| {
        let _ = on_failure.send(End::Failed(error.to_string()));
    });
    operation.connect_finished(move |_| {
        kept.borrow_mut().take();
        let _ = ends.send(End::Finished);
    });
}
