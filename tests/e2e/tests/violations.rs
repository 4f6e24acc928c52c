//! Does the energy halt hold? An analyst records, from the window, a violation report that
//! the accused denies and a step in carrying out a condition; the proposal page marks the
//! report under its timeline, counts it in the week's chart, lists it (filterable), and
//! gives the implementation score; the list row counts the month's reports; the exported
//! status report has both.

use std::process::Command;

use ceasefire_tracker::demo::{load_demo, ENERGY_HALT, GENERAL_CEASEFIRE};
use ceasefire_tracker::model::{
    Change, ConditionCategory, ConditionKind, EventDate, NewCondition, NewEvent, NewSource, ProposalStatus,
    SourceChoice, Viewpoint, ViolationDetails,
};
use ceasefire_tracker_e2e::{App, Home};
use fantoccini::Locator;

const NO_STRIKES: &str = "No strikes on each other's energy infrastructure for 30 days";

/// Scrolls the element with this `data-testid` to the middle of the page: WebKit's driver
/// does not click what lies below the fold.
async fn reveal(app: &App, test_id: &str) {
    let element = serde_json::to_value(app.wait_for(test_id).await).expect("an element as a script argument");
    app.client()
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![element])
        .await
        .expect("scrolled to it");
}

fn date(text: &str) -> EventDate {
    text.parse().expect("a date")
}

/// The demo, with the energy halt in effect from 18 March 2025, Ukraine's report of drones on
/// 19 March, and a second condition on it (the first, the prisoner exchange, was carried out
/// in full on 19 March).
fn energy_halt_home() -> (Home, i64, i64) {
    let home = Home::new();
    let mut store = home.store();
    load_demo(&mut store).expect("the demo loads");
    let halt = store.find_proposal(ENERGY_HALT).expect("the energy halt").id;
    let ukraine = store.find_party("Ukraine").expect("Ukraine").id;
    let source = SourceChoice::New {
        source: NewSource {
            title: "Kremlin readout of the Trump-Putin call".to_string(),
            outlet: String::new(),
            url: Some("https://example.org/readout".to_string()),
            published_on: None,
        },
    };
    store
        .record(&NewEvent {
            proposal: halt,
            change: Change::Status { status: ProposalStatus::InEffect },
            occurred_on: date("2025-03-18"),
            note: String::new(),
            sources: vec![source.clone()],
            extension: None,
            violation: None,
        })
        .expect("in effect");
    let russia = store.find_party("Russia").expect("Russia").id;
    store
        .record(&NewEvent {
            proposal: halt,
            change: Change::Violation { reported_by: Some(ukraine), against: Some(russia), disputed: false },
            occurred_on: date("2025-03-19"),
            note: "Drones hit a power substation in Sloviansk".to_string(),
            sources: vec![source.clone()],
            extension: None,
            violation: Some(ViolationDetails {
                until: None,
                count: Some(6),
                unit: "drones".to_string(),
                place: String::new(),
            }),
        })
        .expect("Ukraine's report");
    let condition = store
        .add_condition(&NewCondition {
            proposal: halt,
            raised_by: ukraine,
            directed_at: None,
            text: NO_STRIKES.to_string(),
            kind: ConditionKind::Demand,
            category: ConditionCategory::MilitaryLimits,
            raised_on: date("2025-03-18"),
            note: String::new(),
            sources: vec![source],
        })
        .expect("the condition")
        .id;
    (home, halt, condition)
}

#[tokio::test]
async fn a_violation_and_an_implementation_step_recorded_in_the_window_show_and_print() {
    let (home, halt, condition) = energy_halt_home();
    let folder = home.database().with_file_name("Documents");
    std::fs::create_dir_all(&folder).expect("the folder");
    std::env::set_var("CFTRACK_PDF_PATH", &folder);
    let app = App::open(&home).await;
    app.type_into("as-of", "2025-03-25").await;
    app.wait_for("as-of-banner").await;
    app.click_id("proposal-row", halt).await;
    app.wait_for_text("proposal-title", ENERGY_HALT).await;
    app.wait_for_text("violations", "Sloviansk").await;

    // Russia reports a strike on the Sudzha gas station; Ukraine denies it.
    app.click("record-violation").await;
    app.select("field-reported-by", "Russia").await;
    app.select("field-against", "Ukraine").await;
    app.type_into("field-date", "2025-03-21").await;
    app.type_into("field-note", "The gas metering station at Sudzha destroyed by shelling").await;
    app.type_into("field-count", "1").await;
    app.type_into("field-place", "Sudzha, Kursk region").await;
    app.click("field-disputed").await;
    app.type_into("field-source", "https://example.org/sudzha").await;
    app.click("save").await;
    // A count without its unit is refused next to the unit, and nothing is recorded.
    app.wait_for_text("error-unit", "Say what was counted").await;
    assert_eq!(app.focused().await.as_deref(), Some("field-unit"));
    let saved = home.store().proposal_state(halt, Viewpoint::today()).expect("the page").violations;
    assert_eq!(saved.len(), 1, "a report was saved despite its count without a unit");
    app.type_into("field-unit", "gas station").await;
    app.click("save").await;
    app.wait_until_gone("sheet").await;

    let list = app.wait_for_text("violations", "Sudzha").await;
    assert!(list.contains("21 March 2025"), "{list}");
    assert!(list.contains("1 gas station"), "{list}");
    assert!(list.contains("Disputed"), "{list}");
    let reports = app.all("violation").await;
    assert_eq!(reports.len(), 2);
    // Newest first: Russia's report of 21 March, disputed, then Ukraine's of 19 March.
    assert_eq!(reports[0].attr("data-disputed").await.expect("an attribute").as_deref(), Some("true"));
    assert_eq!(reports[1].attr("data-disputed").await.expect("an attribute").as_deref(), Some("false"));
    let marks = app.all("violation-mark").await;
    assert_eq!(marks.len(), 2, "a mark under the timeline for each report");
    let mut disputed = Vec::new();
    for mark in &marks {
        disputed.push(mark.attr("data-disputed").await.expect("an attribute").unwrap_or_default());
    }
    disputed.sort();
    assert_eq!(disputed, ["false", "true"]);
    app.wait_for_text("timeline-legend", "disputed: the accused denies it").await;
    let week = app.wait_for("violation-chart").await;
    let bar = week.find(Locator::Css("[data-week=\"2025-03-17\"]")).await.expect("the week of 17 March");
    assert_eq!(bar.attr("data-reports").await.expect("an attribute").as_deref(), Some("2"));
    app.wait_for_text("proposal-list", "2 violation reports in 30 days").await;

    // Narrowed to who reported and against whom.
    reveal(&app, "violations-by").await;
    app.select("violations-by", "Ukraine").await;
    let shown = app.all("violation").await;
    assert_eq!(shown.len(), 1);
    assert!(shown[0].prop("innerText").await.expect("its text").unwrap_or_default().contains("Sloviansk"));
    app.select("violations-by", "Anyone").await;
    app.select("violations-against", "Ukraine").await;
    let shown = app.all("violation").await;
    assert_eq!(shown.len(), 1);
    assert!(shown[0].prop("innerText").await.expect("its text").unwrap_or_default().contains("Sudzha"));
    app.select("violations-against", "Anyone").await;

    // The halt on strikes was only minimally kept: minimal and full make 67% of two conditions.
    reveal(&app, "conditions").await;
    app.click_in("condition-row", condition, "record-implementation").await;
    app.select("field-level", "Minimal").await;
    app.type_into("field-date", "2025-03-22").await;
    app.type_into("field-note", "Strikes on energy sites reported by both sides").await;
    app.click("save").await;
    app.wait_until_gone("sheet").await;
    let row = app
        .client()
        .find(Locator::Css(&format!("[data-testid=condition-row][data-id=\"{condition}\"]")))
        .await
        .expect("the condition's row");
    let text = row.prop("innerText").await.expect("its text").unwrap_or_default();
    assert!(text.contains("Minimal"), "{text}");
    assert!(text.contains("since 22 March 2025"), "{text}");
    app.wait_for_text("implementation-score", "67% · 2 of 2 conditions").await;
    app.wait_for_text("proposal-list", "67% implemented").await;

    // The status report as of that day, exported as PDF, has both.
    app.click("nav-reports").await;
    app.select("report-coverage", "The selected one").await;
    app.wait_for_text("report-selected-title", ENERGY_HALT).await;
    app.type_into("report-as-of", "2025-03-25").await;
    app.click("report-export").await;
    let note = app.wait_for_text("report-note", "Saved as").await;
    app.close().await;

    let pdf = std::fs::read_dir(&folder)
        .expect("the folder")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .unwrap_or_else(|| panic!("no PDF saved ({note})"));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout).replace('\u{fb01}', "fi");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The history's columns interleave in the text: each is looked for on its own.
    assert!(text.contains("Violation reported by Russia against Ukraine: Disputed"), "{text}");
    assert!(text.contains("The gas metering station at Sudzha destroyed by shelling"), "{text}");
    assert!(text.contains("the accused denies it"), "{text}");
    assert!(text.contains("Implementation of \u{201c}No strikes on"), "{text}");
    assert!(text.contains(": Minimal"), "{text}");
    assert!(text.contains("Strikes on energy sites"), "{text}");
}

#[tokio::test]
async fn a_violation_report_retracted_from_the_history_leaves_the_page() {
    let home = Home::new();
    let mut store = home.store();
    load_demo(&mut store).expect("the demo loads");
    let ceasefire = store.find_proposal(GENERAL_CEASEFIRE).expect("the demo's ceasefire").id;
    let report = store.proposal_state(ceasefire, Viewpoint::today()).expect("its page").violations[0].id;
    drop(store);
    let app = App::open(&home).await;
    app.click_id("proposal-row", ceasefire).await;
    app.wait_for_text("violations", "over a thousand drones").await;
    assert_eq!(app.all("violation-mark").await.len(), 1);

    let button = app
        .client()
        .find(Locator::Css(&format!(
            "[data-testid=history-entry][data-id=\"{report}\"] [data-testid=retract]"
        )))
        .await
        .expect("the report's Retract button in the history");
    let element = serde_json::to_value(&button).expect("an element as a script argument");
    app.client()
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![element])
        .await
        .expect("scrolled to it");
    button.click().await.expect("a click on Retract");
    app.type_into("retract-reason", "Counted twice: the same week is on the energy halt").await;
    app.click("confirm-retract").await;
    app.wait_for_text("violations", "No violation reported").await;
    assert!(app.all("violation-mark").await.is_empty(), "a retracted report is still marked");
    let retracted = app
        .client()
        .wait()
        .for_element(Locator::Css(&format!(
            "[data-testid=history-entry][data-id=\"{report}\"][data-retracted=true]"
        )))
        .await;
    assert!(retracted.is_ok(), "the retracted report is not struck through in the history");
    app.wait_for_text("history", "Counted twice").await;
    app.close().await;
    assert!(home
        .store()
        .proposal_state(ceasefire, Viewpoint::today())
        .expect("its page")
        .violations
        .is_empty());
}
