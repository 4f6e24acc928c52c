//! The first run on an empty database: the welcome panel offers the demo data or a start
//! from nothing.

use ceasefire_tracker::model::Viewpoint;
use ceasefire_tracker_e2e::{App, Home};

#[tokio::test]
async fn the_first_run_loads_the_demo_data_set() {
    let home = Home::new();
    let app = App::open(&home).await;
    app.wait_for("first-run").await;
    app.click("load-demo").await;
    app.wait_for_text("proposal-list", "30-day interim ceasefire").await;
    app.wait_for_text("proposal-list", "30-day halt on strikes against energy infrastructure").await;
    app.close().await;

    let listed = home.store().summaries(Viewpoint::today()).expect("the proposals");
    assert_eq!(listed.len(), 2, "{listed:?}");
}

#[tokio::test]
async fn starting_empty_leaves_the_database_empty_and_shows_the_list() {
    let home = Home::new();
    let app = App::open(&home).await;
    app.wait_for("first-run").await;
    app.click("start-empty").await;
    app.wait_for("new-proposal").await;
    app.close().await;
    assert!(home.store().is_empty().expect("the database"), "starting empty recorded something");
}
