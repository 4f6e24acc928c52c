//! Entering a proposal by hand: it is saved and listed, it survives a restart, a bad date is
//! refused with nothing saved, and a title that looks like markup stays plain text.

use ceasefire_tracker::model::{NewParty, PartyKind, Viewpoint};
use ceasefire_tracker_e2e::{App, Home};

/// A home whose database knows one party, so the window opens on the proposals list.
fn home_with_a_party(name: &str) -> Home {
    let home = Home::new();
    let party = NewParty { name: name.into(), kind: PartyKind::State, member_of: None, note: String::new() };
    home.store().add_party(&party).expect("the party is recorded");
    home
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
    let images = app.client().find_all(fantoccini::Locator::Css("img[src=x]")).await.expect("a query");
    assert!(images.is_empty(), "the title's markup made an image");
    app.close().await;
}
