//! Entering a proposal and its changes by hand: saved, listed and drawn; kept across a
//! restart; seen as they stood on an earlier date; retracted with a reason; a bad date
//! refused with nothing saved; a title that looks like markup kept as plain text.

use ceasefire_tracker::model::{NewParty, PartyKind, Viewpoint};
use ceasefire_tracker_e2e::{App, Home};
use fantoccini::Locator;

/// A home whose database knows these parties, so the window opens on the proposals list.
fn home_with_parties(names: &[&str]) -> Home {
    let home = Home::new();
    let mut store = home.store();
    for name in names {
        let party =
            NewParty { name: name.to_string(), kind: PartyKind::State, member_of: None, note: String::new() };
        store.add_party(&party).expect("the party is recorded");
    }
    home
}

fn home_with_a_party(name: &str) -> Home {
    home_with_parties(&[name])
}

/// Fills the New proposal form and saves it.
async fn enter_proposal(app: &App, title: &str, proposer: &str, date: &str) {
    app.click("new-proposal").await;
    app.type_into("field-title", title).await;
    app.select("field-proposed-by", proposer).await;
    app.type_into("field-date", date).await;
    app.type_into("field-source", "https://example.org/talks-communique").await;
    app.click("save").await;
}

/// The history entry whose text contains `words`.
async fn entry_saying(app: &App, words: &str) -> fantoccini::elements::Element {
    for entry in app.all("history-entry").await {
        let text = entry.prop("innerText").await.expect("an entry's text").unwrap_or_default();
        if text.contains(words) {
            return entry;
        }
    }
    panic!("no history entry says {words:?}");
}

#[tokio::test]
async fn a_proposal_entered_by_hand_is_listed_and_still_there_after_a_restart() {
    let home = home_with_a_party("Norway");
    let app = App::open(&home).await;
    enter_proposal(&app, "Humanitarian pause in the north", "Norway", "2025-03-14").await;
    app.wait_for_text("proposal-list", "Humanitarian pause in the north").await;
    app.close().await;

    let app = App::open(&home).await;
    app.wait_for_text("proposal-list", "Humanitarian pause in the north").await;
    app.close().await;
}

#[tokio::test]
async fn an_impossible_date_is_refused_next_to_the_field_and_nothing_is_saved() {
    let home = home_with_a_party("Norway");
    let app = App::open(&home).await;
    enter_proposal(&app, "Pause that never was", "Norway", "2025-13-45").await;
    let error = app.wait_for("error-date").await;
    assert!(!error.text().await.expect("the error's text").trim().is_empty(), "the date error says nothing");
    app.close().await;
    let saved = home.store().summaries(Viewpoint::today()).expect("the proposals");
    assert!(saved.is_empty(), "a proposal was saved despite the bad date: {saved:?}");
}

#[tokio::test]
async fn a_title_that_looks_like_markup_shows_as_text_and_runs_nothing() {
    let title = "<img src=x onerror=alert(1)>";
    let home = home_with_a_party("Norway");
    let app = App::open(&home).await;
    enter_proposal(&app, title, "Norway", "2025-03-14").await;
    app.wait_for_text("proposal-list", title).await;
    app.click("proposal-row").await;
    assert_eq!(app.text("proposal-title").await, title);
    assert!(app.client().get_alert_text().await.is_err(), "the title's markup ran a script");
    let images = app.client().find_all(Locator::Css("img[src=x]")).await.expect("a query");
    assert!(images.is_empty(), "the title's markup made an image");
    app.close().await;
}

#[tokio::test]
async fn a_status_change_shows_in_the_list_and_timeline_not_before_its_date_and_goes_when_retracted() {
    let home = home_with_a_party("Norway");
    let app = App::open(&home).await;
    enter_proposal(&app, "Humanitarian pause in the north", "Norway", "2025-03-01").await;
    app.wait_for_text("proposal-list", "Floated").await;

    app.click("proposal-row").await;
    app.click("record-change").await;
    app.select("field-change-kind", "Status of the proposal").await;
    app.select("field-status", "Under negotiation").await;
    app.type_into("field-date", "2025-03-10").await;
    app.type_into("field-source", "https://example.org/second-round").await;
    app.click("save").await;
    app.wait_for_text("proposal-list", "Under negotiation").await;
    app.wait_for_text("timeline", "Under negotiation").await;

    // As of a day before the change, the window shows the proposal as it stood then.
    app.type_into("as-of", "2025-03-05").await;
    app.wait_for("as-of-banner").await;
    app.wait_for_text("proposal-list", "Floated").await;
    let list = app.text("proposal-list").await;
    assert!(!list.contains("Under negotiation"), "the change shows before its date: {list:?}");
    app.click("back-to-today").await;
    app.wait_for_text("proposal-list", "Under negotiation").await;

    // Retracting the change brings the earlier status back.
    app.wait_for_text("history", "Under negotiation").await;
    let change = entry_saying(&app, "Status: Under negotiation").await;
    let change_id = change.attr("data-id").await.expect("the entry's id").expect("an id");
    change
        .find(Locator::Css("[data-testid=retract]"))
        .await
        .expect("its Retract button")
        .click()
        .await
        .expect("a click");
    app.type_into("retract-reason", "Entered in error: the talks were postponed").await;
    app.click("confirm-retract").await;
    app.wait_for_text("proposal-list", "Floated").await;
    let retracted = app
        .client()
        .wait()
        .for_element(Locator::Css(&format!(
            "[data-testid=history-entry][data-id=\"{change_id}\"][data-retracted=true]"
        )))
        .await;
    assert!(retracted.is_ok(), "the retracted entry is not marked as retracted");
    app.wait_for_text("history", "the talks were postponed").await;
    app.close().await;
}

#[tokio::test]
async fn a_stance_and_the_condition_that_comes_with_it_show_on_the_proposal_page() {
    let home = home_with_parties(&["Norway", "Ruritania"]);
    let app = App::open(&home).await;
    enter_proposal(&app, "Humanitarian pause in the north", "Norway", "2025-03-01").await;
    app.click("proposal-row").await;

    app.click("record-change").await;
    app.select("field-change-kind", "A party's stance").await;
    app.select("field-party", "Ruritania").await;
    app.select("field-stance", "Supports with conditions").await;
    app.type_into("field-date", "2025-03-04").await;
    app.type_into("field-source", "https://example.org/ruritania-statement").await;
    app.click("save").await;
    app.wait_for_text("stance-table", "Ruritania").await;
    app.wait_for_text("stance-table", "Supports with conditions").await;

    app.click("record-change").await;
    app.select("field-change-kind", "A new condition").await;
    app.select("field-party", "Ruritania").await;
    app.type_into("field-text", "International monitors at every crossing").await;
    app.type_into("field-date", "2025-03-04").await;
    app.type_into("field-source", "https://example.org/ruritania-statement").await;
    app.click("save").await;
    app.wait_for_text("conditions", "International monitors at every crossing").await;
    app.wait_for_text("proposal-list", "1 conditional").await;
    app.close().await;
}

#[tokio::test]
async fn a_source_link_opens_in_the_browser_and_the_window_stays_on_the_app() {
    let link = "https://example.org/talks-communique";
    let home = home_with_a_party("Norway");
    let app = App::open(&home).await;
    enter_proposal(&app, "Humanitarian pause in the north", "Norway", "2025-03-01").await;
    app.click("proposal-row").await;
    let history = app.wait_for("history").await;
    let anchor = history.find(Locator::Css(&format!("a[href=\"{link}\"]"))).await.expect("the source's link");
    anchor.click().await.expect("a click on the link");

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !home.opened_links().iter().any(|opened| opened == link) {
        assert!(
            std::time::Instant::now() < deadline,
            "the link never reached the browser: {:?}",
            home.opened_links()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let page = app.client().current_url().await.expect("the window's address");
    assert_ne!(page.host_str(), Some("example.org"), "the window itself went to the link");
    app.wait_for("proposal-page").await;
    app.close().await;
}
