//! Reports from the window: the preview shows the core's report, and Export PDF writes a
//! PDF of it on the paper chosen, which poppler's tools read back.
//!
//! `CFTRACK_PDF_PATH` names the file in place of the save dialog, which WebDriver cannot
//! reach; the app inherits it through the driver.

use std::path::Path;
use std::process::Command;

use ceasefire_tracker::demo::{ENERGY_HALT, GENERAL_CEASEFIRE};
use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::model::Viewpoint;
use ceasefire_tracker_e2e::{App, Home};
use fantoccini::Locator;

/// Opens the app on a fresh home, loads the demo from the first-run panel, and opens the
/// Reports page.
async fn demo_reports(home: &Home, pdf: &Path) -> App {
    std::env::set_var("CFTRACK_PDF_PATH", pdf);
    let app = App::open(home).await;
    app.click("load-demo").await;
    app.wait_for_text("proposal-list", GENERAL_CEASEFIRE).await;
    app.click("nav-reports").await;
    app
}

/// The text of a PDF in reading order.
fn pdf_text(pdf: &Path) -> String {
    read_text(pdf, &[])
}

/// The text of one page of a PDF, as `pdf_text` gives it.
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    read_text(pdf, &["-f", &page, "-l", &page])
}

fn read_text(pdf: &Path, pages: &[&str]) -> String {
    let output = Command::new("pdftotext").args(pages).arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed on {}", pdf.display());
    // Words wrap differently on each paper; single spaces make phrases comparable, and
    // the typeface's ligatures ("\u{fb01}" in "cease\u{fb01}re") are read back as their letters.
    let text = String::from_utf8_lossy(&output.stdout)
        .replace('\u{fb01}', "fi")
        .replace('\u{fb02}', "fl")
        .replace('\u{fb00}', "ff");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the words of `phrase` come in `text` in their order, though a narrow column may
/// have put other columns' words between them.
fn has_words_in_order(text: &str, phrase: &str) -> bool {
    let mut words = text.split(' ');
    phrase.split_whitespace().all(|wanted| words.any(|word| word == wanted))
}

/// `pdfinfo`'s "Page size" and "Pages" lines.
fn pdf_info(pdf: &Path) -> (String, usize) {
    let output = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs");
    assert!(output.status.success(), "pdfinfo failed on {}", pdf.display());
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    let line = |name: &str| {
        info.lines()
            .find_map(|line| line.strip_prefix(name))
            .unwrap_or_else(|| panic!("pdfinfo says no {name} in {info}"))
            .trim()
            .to_string()
    };
    (line("Page size:"), line("Pages:").parse().expect("a page count"))
}

#[tokio::test]
async fn the_status_report_of_the_demo_is_previewed_and_exported_as_an_a4_pdf() {
    let home = Home::new();
    let pdf = home.database().with_file_name("status report.pdf");
    let app = demo_reports(&home, &pdf).await;
    app.select("report-type", "Proposal status report").await;
    app.select("report-coverage", "All proposals").await;
    app.type_into("report-as-of", "2025-03-20").await;
    app.select("report-paper", "A4").await;

    // The preview is the core's document itself, in a frame of its own.
    let frame = app.wait_for("report-preview").await;
    let src = frame.attr("src").await.expect("the frame's address").unwrap_or_default();
    assert!(src.starts_with("report:"), "the preview is not served by the shell: {src}");
    frame.enter_frame().await.expect("the preview frame can be entered");
    let body = app.client().wait().for_element(Locator::Css("body")).await.expect("the report's body");
    let preview = body.text().await.expect("the report's text");
    app.client().enter_parent_frame().await.expect("back to the window");
    assert!(preview.contains(GENERAL_CEASEFIRE), "the preview lacks the proposal: {preview}");

    app.click("report-export").await;
    let note = app.wait_for_text("report-note", "Saved as").await;
    assert!(note.contains("status report.pdf"), "the note does not say where: {note}");
    app.close().await;

    let text = pdf_text(&pdf);
    // The running head is set in capitals.
    assert!(text.to_lowercase().contains("proposal status report"), "{text}");
    assert!(text.contains("20 March 2025"), "the as-of date is missing: {text}");
    assert!(text.contains(GENERAL_CEASEFIRE) && text.contains(ENERGY_HALT), "a proposal is missing: {text}");
    // Where the demo stood on 20 March: each proposal's status, and each side's stance.
    assert!(
        text.contains("Under negotiation since 13 March 2025"),
        "the ceasefire's status is missing: {text}"
    );
    assert!(text.contains("In effect since 18 March 2025"), "the energy halt's status is missing: {text}");
    assert!(text.contains("ends 16 April 2025 · 27 days left"), "the energy halt's clock is missing: {text}");
    assert!(
        text.contains("Russia Party to the conflict Supports 18 March"),
        "Russia's stance is missing: {text}"
    );
    let (size, pages) = pdf_info(&pdf);
    assert!(size.starts_with("595") && size.contains("x 842"), "not A4: {size}");
    assert!(pages >= 2, "the demo's two proposals fit on {pages} page");
}

#[tokio::test]
async fn the_overview_is_exported_on_us_letter() {
    let home = Home::new();
    let pdf = home.database().with_file_name("overview.pdf");
    let app = demo_reports(&home, &pdf).await;
    app.select("report-type", "Overview of proposals").await;
    app.type_into("report-as-of", "2025-03-20").await;
    app.select("report-paper", "US Letter").await;
    app.click("report-export").await;
    app.wait_for_text("report-note", "Saved as").await;
    app.close().await;

    let text = pdf_text(&pdf);
    assert!(text.contains("Overview of proposals"), "{text}");
    assert!(has_words_in_order(&text, ENERGY_HALT) && has_words_in_order(&text, GENERAL_CEASEFIRE), "{text}");
    let (size, _) = pdf_info(&pdf);
    assert!(size.starts_with("612") && size.contains("x 792"), "not US Letter: {size}");
}

#[tokio::test]
async fn a_long_overview_goes_on_over_pages_that_repeat_its_header_and_count_themselves() {
    let home = Home::new();
    let shape = Shape { proposals: 90, parties: 14, events_per_proposal: 6, seed: 7 };
    gen::fill(&mut home.store(), shape).expect("an archive of 90 proposals");
    let pdf = home.database().with_file_name("overview.pdf");
    std::env::set_var("CFTRACK_PDF_PATH", &pdf);
    let app = App::open(&home).await;
    app.click("nav-reports").await;
    app.select("report-type", "Overview of proposals").await;
    app.select("report-paper", "A4").await;
    app.click("report-export").await;
    app.wait_for_text("report-note", "Saved as").await;
    app.close().await;

    let (_, pages) = pdf_info(&pdf);
    assert!(pages >= 3, "90 proposals fit on {pages} pages");
    for page in 1..=pages {
        let text = page_text(&pdf, page);
        assert!(text.contains(&format!("Page {page} of {pages}")), "page {page} has no number: {text}");
        assert!(text.contains("by Ceasefire Tracker"), "page {page} has no foot: {text}");
        if page > 1 {
            // Each page goes on under the running head and the table's own header.
            assert!(text.contains("Overview of proposals · As of"), "page {page} has no head: {text}");
            let header = "Proposal Status Since For Cond. Against Open cond. Last change";
            assert!(has_words_in_order(&text, header), "page {page} repeats no header: {text}");
        }
    }
    // Every proposal is on one page or another, each once: its row alone says how long it
    // has been in its status ("violation reports in 30 days", under a ceasefire in effect,
    // is not that).
    let all = pdf_text(&pdf);
    let mut printed: Vec<&str> = all
        .split(' ')
        .collect::<Vec<_>>()
        .windows(3)
        // "in 30 days" (violation reports, under a ceasefire in effect) and "the 30 days"
        // (the legend) are not a row's days in its status.
        .filter(|words| words[0] != "in" && words[0] != "the" && (words[2] == "days" || words[2] == "day"))
        .map(|words| words[1])
        .collect();
    let summaries = home.store().summaries(Viewpoint::today()).expect("the overview's rows");
    let mut expected: Vec<String> =
        summaries.iter().filter_map(|p| p.days_in_status).map(|d| d.to_string()).collect();
    printed.sort_unstable();
    expected.sort_unstable();
    assert_eq!(printed, expected, "a row is missing or printed twice");
}

#[tokio::test]
async fn the_process_timeline_of_the_demo_is_exported_as_a_pdf() {
    let home = Home::new();
    let pdf = home.database().with_file_name("process.pdf");
    let app = demo_reports(&home, &pdf).await;
    app.select("report-type", "Process timeline").await;
    app.select("report-process", "Russia-Ukraine war").await;
    app.type_into("report-as-of", "2025-03-20").await;
    app.select("report-paper", "A4").await;
    app.click("report-export").await;
    let note = app.wait_for_text("report-note", "Saved as").await;
    assert!(note.contains("process.pdf"), "the note does not say where: {note}");
    app.close().await;

    let text = pdf_text(&pdf);
    assert!(text.contains("Process timeline: Russia-Ukraine war"), "{text}");
    // The drawing's own words: its axis, the date asked, each lane's status and clock.
    assert!(text.contains("Proposal, and its status"), "the time axis is missing: {text}");
    assert!(text.contains("as of 20 Mar 2025"), "{text}");
    assert!(text.contains("In effect since 18 Mar 2025"), "the energy halt's lane is missing: {text}");
    assert!(text.contains("Under negotiation since 13 Mar 2025"), "the ceasefire's lane is missing: {text}");
    assert!(text.contains("27 days left"), "the energy halt's clock is missing: {text}");
    // And the table under it, in full words.
    assert!(has_words_in_order(&text, ENERGY_HALT) && has_words_in_order(&text, GENERAL_CEASEFIRE), "{text}");
    assert!(text.contains("ends 16 April 2025 · 27 days left"), "{text}");
    assert!(text.contains("Page 1 of"), "{text}");
    let (size, _) = pdf_info(&pdf);
    assert!(size.starts_with("595") && size.contains("x 842"), "not A4: {size}");
}

#[tokio::test]
async fn a_long_process_goes_on_over_pages_that_repeat_the_time_axis() {
    let home = Home::new();
    let shape = Shape { proposals: 120, parties: 14, events_per_proposal: 6, seed: 11 };
    gen::fill(&mut home.store(), shape).expect("an archive of 120 proposals");
    // The process with the most proposals.
    let summaries = home.store().summaries(Viewpoint::today()).expect("the list");
    let mut processes: Vec<(usize, String)> = Vec::new();
    for name in home.store().processes().expect("the processes") {
        processes.push((summaries.iter().filter(|p| p.process == name).count(), name));
    }
    processes.sort();
    let (count, process) = processes.pop().expect("a process");
    assert!(count >= 30, "{process} has only {count} proposals");

    let pdf = home.database().with_file_name("process.pdf");
    std::env::set_var("CFTRACK_PDF_PATH", &pdf);
    let app = App::open(&home).await;
    app.click("nav-reports").await;
    app.select("report-type", "Process timeline").await;
    app.select("report-process", &process).await;
    app.select("report-paper", "US Letter").await;
    app.click("report-export").await;
    app.wait_for_text("report-note", "Saved as").await;
    app.close().await;

    let (size, pages) = pdf_info(&pdf);
    assert!(size.starts_with("612") && size.contains("x 792"), "not US Letter: {size}");
    assert!(pages >= 3, "{count} proposals fit on {pages} pages");
    let mut with_lanes = 0;
    for page in 1..=pages {
        let text = page_text(&pdf, page);
        assert!(text.contains(&format!("Page {page} of {pages}")), "page {page} has no number: {text}");
        if page > 1 {
            assert!(
                text.contains(&format!("Process timeline: {process}")),
                "page {page} has no head: {text}"
            );
        }
        // Every page the drawing goes on to opens with the time axis.
        if text.contains(" since ") && text.contains("Proposal, and its status") {
            with_lanes += 1;
        }
    }
    assert!(with_lanes >= 2, "the drawing does not go on over pages with its axis");
    // Each proposal's lane is drawn once, whichever page it falls on: its status line.
    let all = pdf_text(&pdf);
    let lines = all.matches(" since ").count();
    assert!(lines >= 2 * count, "{lines} status lines for {count} proposals, in the drawing and the table");
}
