//! Two analysts' windows, each on its own database, sync through one PostgreSQL: both join
//! in the Team sheet, a proposal entered in one window reaches the other after Sync now,
//! signed by its author, and the header says each is synced.
//!
//! The server is a throwaway cluster started by the core's team tests' helper.

#[path = "../../team_support/mod.rs"]
mod team_support;

use ceasefire_tracker::model::{NewParty, PartyKind};
use ceasefire_tracker::team::{self, Role, ServerAccess};
use ceasefire_tracker_e2e::{App, Home};

const ADMIN_PASSWORD: &str = "a long admin password";

/// A home whose database knows Qatar, so the window opens on the proposals list.
fn home_with_qatar() -> Home {
    let home = Home::new();
    let qatar =
        NewParty { name: "Qatar".into(), kind: PartyKind::State, member_of: None, note: String::new() };
    home.store().add_party(&qatar).expect("the party is recorded");
    home
}

/// Opens the Team sheet from Settings and joins as `user`.
async fn join(app: &App, url: &str, user: &str, password: &str) {
    app.wait_for("new-proposal").await;
    app.client()
        .execute("window.dispatchEvent(new KeyboardEvent('keydown', {key: ',', ctrlKey: true}))", vec![])
        .await
        .expect("Ctrl+, opens the settings");
    app.click("open-team").await;
    app.type_into("field-team-url", url).await;
    app.type_into("field-team-user", user).await;
    app.type_into("field-team-password", password).await;
    app.click("join-team").await;
    app.wait_for_text("team-user", user).await;
    app.wait_for_text("team-role", "editor").await;
}

#[tokio::test]
async fn an_entry_made_in_one_window_reaches_the_other_after_sync_now_with_its_author() {
    if !team_support::installed() {
        panic!("PostgreSQL is needed for this test: install the Debian package postgresql (make test does)");
    }
    // The PostgreSQL client blocks: it may not run on the test's runtime.
    let cluster = tokio::task::spawn_blocking(|| {
        let cluster = team_support::Cluster::start();
        cluster.database_for("desk", "chief", ADMIN_PASSWORD);
        let admin_url = cluster.url("chief", "desk");
        let access = ServerAccess { url: &admin_url, password: ADMIN_PASSWORD, ca_file: None };
        team::setup(&access).expect("the team is set up");
        for (name, password) in [("olena", "olena chose this one"), ("karim", "karim chose this one")] {
            team::add_member(&access, name, Role::Editor, Some(password.to_string()))
                .expect("a member is added");
        }
        cluster
    })
    .await
    .expect("the team server is ready");
    let members_url = format!("postgres://127.0.0.1:{}/desk", cluster.port);

    let olena_home = home_with_qatar();
    let karim_home = home_with_qatar();
    let olena = App::open(&olena_home).await;
    let karim = App::open(&karim_home).await;
    join(&olena, &members_url, "olena", "olena chose this one").await;
    join(&karim, &members_url, "karim", "karim chose this one").await;
    olena.click("close-sheet").await;
    karim.click("close-sheet").await;

    // Olena enters a proposal; it waits to be sent until she syncs.
    let title = "Gaza ceasefire and hostage release deal";
    olena.click("new-proposal").await;
    olena.type_into("field-title", title).await;
    olena.select("field-proposed-by", "Qatar").await;
    olena.type_into("field-date", "2025-01-15").await;
    olena.type_into("field-source", "https://example.org/doha-announcement").await;
    olena.click("save").await;
    olena.wait_for_text("proposal-list", title).await;
    olena.wait_for_text("team-status", " waiting").await;
    olena.click("team-status").await;
    olena.click("sync-now").await;
    let result = olena.wait_for_text("sync-result", "Synced").await;
    assert!(!result.contains("sent 0 records"), "{result}");
    olena.click("close-sheet").await;
    olena.wait_for_text("team-status", "Synced").await;

    // Karim's Sync now (Ctrl+Shift+S) brings it, signed by Olena.
    assert!(!karim.text("proposal-list").await.contains(title));
    karim
        .client()
        .execute(
            "window.dispatchEvent(new KeyboardEvent('keydown', {key: 'S', ctrlKey: true, shiftKey: true}))",
            vec![],
        )
        .await
        .expect("Ctrl+Shift+S syncs");
    karim.wait_for_text("proposal-list", title).await;
    karim.click("proposal-row").await;
    let history = karim.wait_for_text("history", "by olena").await;
    assert!(history.contains("Recorded by olena"), "{history}");
    karim.wait_for_text("team-status", "Synced").await;

    olena.close().await;
    karim.close().await;
    tokio::task::spawn_blocking(move || drop(cluster)).await.expect("the server stops");
}
