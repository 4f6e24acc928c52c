//! The PDF a user saves: named after the report and its date, in the folder chosen, and
//! the size of its text (WebKit's own PDF embeds each font whole, several times over).

use std::process::Command;

use ceasefire_tracker::demo::GENERAL_CEASEFIRE;
use ceasefire_tracker_e2e::{App, Home};

/// What an ordinary report may weigh at most.
const ORDINARY: u64 = 300 * 1024;

#[tokio::test]
async fn a_status_report_is_saved_under_its_title_and_date_and_is_small() {
    let home = Home::new();
    // A folder: the file goes there under the name the save dialog would offer.
    let folder = home.database().with_file_name("Documents");
    std::fs::create_dir_all(&folder).expect("the folder");
    std::env::set_var("CFTRACK_PDF_PATH", &folder);
    let app = App::open(&home).await;
    app.click("load-demo").await;
    app.wait_for_text("proposal-list", GENERAL_CEASEFIRE).await;
    let ceasefire = home.store().find_proposal(GENERAL_CEASEFIRE).expect("the demo's ceasefire").id;
    app.click_id("proposal-row", ceasefire).await;
    app.wait_for_text("proposal-title", GENERAL_CEASEFIRE).await;
    app.click("nav-reports").await;
    app.select("report-coverage", "The selected one").await;
    app.wait_for_text("report-selected-title", GENERAL_CEASEFIRE).await;
    app.type_into("report-as-of", "2025-03-20").await;
    app.click("report-export").await;
    let note = app.wait_for_text("report-note", "Saved as").await;
    app.close().await;

    let pdf = folder.join(format!("{GENERAL_CEASEFIRE} status 2025-03-20.pdf"));
    assert!(pdf.is_file(), "no {} ({note})", pdf.display());
    let size = std::fs::metadata(&pdf).expect("the PDF").len();
    assert!(size < ORDINARY, "the PDF weighs {size} bytes");

    // Still a whole document: its text reads back and its fonts are embedded.
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout).replace('\u{fb01}', "fi");
    assert!(text.contains("Under negotiation since 13"), "{text}");
    assert!(text.contains("Verification and monitoring"), "{text}");
    let fonts = Command::new("pdffonts").arg(&pdf).output().expect("pdffonts runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    assert!(fonts.lines().skip(2).all(|line| line.contains(" yes ")), "a font is not embedded: {fonts}");
    let pages = Command::new("pdftoppm")
        .args(["-png", "-r", "30", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(folder.join("page"))
        .status();
    assert!(pages.expect("pdftoppm runs").success(), "the first page does not render");
}
