//! File › Import research dataset…, from the first page: the sheet refuses a file of the
//! wrong kind next to the file field, previews what the file adds and every row it skips
//! with nothing written, then imports; the list shows the agreements, and a proposal's page
//! its origin, whose link goes to the system browser.
//!
//! The files are the corpus of the core's tests: the publishers' headers, rows written for
//! the tests.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ceasefire_tracker::dataset::{self, DatasetKind};
use ceasefire_tracker::model::Viewpoint;
use ceasefire_tracker_e2e::{App, Home};

const MINSK_II: &str = "Package of Measures for the Implementation of the Minsk Agreements (Minsk II)";

fn corpus(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus/datasets")
        .join(name)
        .canonicalize()
        .expect("the test corpus")
        .display()
        .to_string()
}

/// Where screenshots go when `CFTRACK_E2E_SHOTS` names a folder: for looking, not checking.
async fn look(app: &App, name: &str) {
    if let Some(dir) = std::env::var_os("CFTRACK_E2E_SHOTS") {
        app.screenshot(&PathBuf::from(dir).join(format!("{name}.png"))).await;
    }
}

#[tokio::test]
async fn a_dataset_is_previewed_with_its_skipped_rows_then_imported_into_the_list() {
    let home = Home::new();
    let pax = corpus("pax-full.csv");
    let expected =
        dataset::preview(&home.store(), DatasetKind::Pax, pax.as_ref()).expect("the core's preview");
    assert!(!expected.skipped.is_empty(), "the corpus has rows to skip");

    let app = App::open(&home).await;
    app.wait_for("first-run").await;
    app.click("start-from-dataset").await;
    app.wait_for_text("dataset-about", "peaceagreements.org").await;

    // The PA-X file given as UCDP: refused next to the file field, naming the file.
    app.click("dataset-kind-ucdp").await;
    app.type_into("field-dataset-file", &pax).await;
    app.click("dataset-submit").await;
    let refusal = app.wait_for_text("error-file", "is a PA-X file, not UCDP").await;
    assert!(refusal.contains("pax-full.csv"), "{refusal}");
    look(&app, "dataset-wrong-kind").await;

    // As PA-X: the preview, and nothing written yet.
    app.click("dataset-kind-pax").await;
    app.click("dataset-submit").await;
    app.wait_for("dataset-preview").await;
    let proposals = app.text("summary-proposals").await;
    let added = expected.added.proposals.to_string();
    assert_eq!(proposals.split_whitespace().take(3).collect::<Vec<_>>(), ["Proposals", &added, "0"]);
    let skipped = app.all("skipped-row").await;
    assert_eq!(skipped.len(), expected.skipped.len());
    let listed = app.text("dataset-skipped").await;
    for row in &expected.skipped {
        assert!(listed.contains(&format!("Row {}", row.row)) && listed.contains(&row.reason), "{listed}");
    }
    look(&app, "dataset-preview").await;
    assert!(home.store().is_empty().expect("the database"), "the preview wrote something");

    // Import: the sheet closes, the window says what came in, the list shows it.
    app.click("dataset-submit").await;
    let notice = app.wait_for_text("notice", "Imported PA-X from pax-full.csv").await;
    assert!(notice.contains(&format!("{} proposals", expected.added.proposals)), "{notice}");
    app.wait_until_gone("sheet").await;
    app.wait_for_text("proposal-list", MINSK_II).await;
    let stored = home.store().summaries(Viewpoint::today()).expect("the proposals");
    assert_eq!(stored.len(), expected.added.proposals);

    // Its page names its origin; the link goes to the browser, not into the window.
    let minsk = stored.iter().find(|p| p.title == MINSK_II).expect("Minsk II is stored");
    app.click_id("proposal-row", minsk.id).await;
    app.wait_for_text("origins", "PA-X 1364").await;
    look(&app, "dataset-origin").await;
    let link = "https://www.peaceagreements.org/agreements/1364/";
    app.wait_for("origin")
        .await
        .find(fantoccini::Locator::Css("a"))
        .await
        .expect("a link")
        .click()
        .await
        .ok();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !home.opened_links().iter().any(|opened| opened == link) {
        assert!(Instant::now() < deadline, "the link never reached the browser: {:?}", home.opened_links());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.close().await;
}
