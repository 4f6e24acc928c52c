//! The ceasefire's clock in the window: the Gaza deal's first phase, 42 days in effect from
//! 19 January 2025, counts down in the list and on its page, shows as overdue once its end
//! has passed with nothing recorded since, and is listed by the Deadlines page; a pause that
//! runs out within the week is named by the notice the window gives when it opens, until
//! that notice is dismissed for the day.

use ceasefire_tracker_e2e::gaza;
use ceasefire_tracker_e2e::{App, Home};
use fantoccini::Locator;

fn gaza_home() -> (Home, gaza::Gaza) {
    let home = Home::new();
    let ids = gaza::enter(&mut home.store());
    (home, ids)
}

/// The text of the clock in the list row of `proposal`.
async fn row_clock(app: &App, proposal: i64) -> String {
    let css = format!("[data-testid=proposal-row][data-id=\"{proposal}\"] [data-testid=row-clock]");
    let clock = app.client().wait().for_element(Locator::Css(&css)).await.expect("the row's clock");
    clock.prop("innerText").await.expect("its text").unwrap_or_default()
}

#[tokio::test]
async fn the_countdown_shows_in_the_list_and_on_the_page_and_turns_overdue() {
    let (home, ids) = gaza_home();
    let app = App::open(&home).await;

    // As of 20 February 2025 the first phase has nine days left.
    app.type_into("as-of", "2025-02-20").await;
    app.wait_for("as-of-banner").await;
    app.wait_for_text("proposal-list", "9 days left").await;
    assert_eq!(row_clock(&app, ids.phase_one).await, "ends 1 March 2025 · 9 days left");
    app.click_id("proposal-row", ids.phase_one).await;
    let countdown = app.wait_for_text("countdown", "9 days left").await;
    assert!(countdown.contains("In effect since 19 January 2025"), "{countdown}");
    app.wait_for("timeline-end").await;
    // The phase links back to its deal, whose page lists its phases with their clocks.
    app.click("phase-of-link").await;
    app.wait_for_text("proposal-title", gaza::DEAL).await;
    let phases = app.wait_for_text("phases", gaza::PHASE_ONE).await;
    assert!(phases.contains("9 days left"), "{phases}");

    // Today it is long past its end, with nothing recorded since.
    app.click("back-to-today").await;
    app.wait_for_text("proposal-list", "overdue since 1 March 2025").await;
    let clock = row_clock(&app, ids.phase_one).await;
    assert!(clock.starts_with('⚠') && clock.ends_with("overdue since 1 March 2025"), "{clock}");
    app.click_id("proposal-row", ids.phase_one).await;
    let countdown = app.wait_for_text("countdown", "overdue since 1 March 2025").await;
    assert!(countdown.contains("no extension or follow-up recorded"), "{countdown}");

    app.click("nav-deadlines").await;
    let overdue = app.wait_for_text("deadlines-overdue", gaza::PHASE_ONE).await;
    assert!(overdue.contains("overdue since 1 March 2025"), "{overdue}");
    app.close().await;
}

#[tokio::test]
async fn an_extension_by_days_moves_the_end() {
    let (home, ids) = gaza_home();
    let app = App::open(&home).await;
    app.click_id("proposal-row", ids.phase_one).await;
    app.click("record-change").await;
    app.select("field-status", "Extended").await;
    app.click("extension-by-days").await;
    app.type_into("field-by-days", "10").await;
    app.type_into("field-date", "2025-02-25").await;
    app.click("save").await;
    app.wait_for_text("countdown", "overdue since 11 March 2025").await;
    app.close().await;
}

#[tokio::test]
async fn the_window_opens_with_a_notice_of_what_ends_soon_and_not_again_that_day_once_dismissed() {
    let (home, ids) = gaza_home();
    // The first phase ran out long ago: counted, not named, so that an archive's old
    // ceasefires do not fill the notice every day. Only a clock that runs out within the
    // week, or ran out within it, opens it.
    let app = App::open(&home).await;
    app.wait_for("proposal-list").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(app.all("deadline-notice").await.is_empty(), "a notice for what ran out long ago");
    app.close().await;

    gaza::pause_ending_soon(&mut home.store(), &ids, 3);
    let app = App::open(&home).await;
    let notice = app.wait_for_text("deadline-notice", gaza::PAUSE).await;
    assert!(notice.contains("3 days left"), "{notice}");
    assert!(!notice.contains(gaza::PHASE_ONE), "{notice}");
    assert!(notice.contains("One more has run out longer ago"), "{notice}");
    app.click("dismiss-deadline-notice").await;
    app.wait_until_gone("deadline-notice").await;
    app.close().await;

    let app = App::open(&home).await;
    app.wait_for("proposal-list").await;
    // Give the notice the time it would take to come.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(app.all("deadline-notice").await.is_empty(), "the dismissed notice came back the same day");
    app.close().await;
}
