//! The window itself: it opens on a fresh database and shows the app.

use ceasefire_tracker_e2e::{App, Home};

#[tokio::test]
async fn the_window_opens_and_shows_the_app() {
    let home = Home::new();
    let app = App::open(&home).await;
    let root = app.wait_for("app").await;
    assert!(root.is_displayed().await.expect("the root's visibility"), "the app is not visible");
    app.close().await;
    assert!(home.database().is_file(), "the app did not create its database at CFTRACK_DB");
}
