//! The analyst's name, set once in the window's Settings, signs what they record from then
//! on, and the history says who recorded each entry.

use ceasefire_tracker::model::{NewParty, PartyKind};
use ceasefire_tracker_e2e::{App, Home};

/// WebDriver's Control key, held until the end of what is typed.
const CONTROL: &str = "\u{e009}";

#[tokio::test]
async fn the_name_set_in_settings_signs_what_is_recorded_next() {
    let home = Home::new();
    let party =
        NewParty { name: "Norway".into(), kind: PartyKind::State, member_of: None, note: String::new() };
    home.store().add_party(&party).expect("the party");
    let app = App::open(&home).await;
    app.press("search", &format!("{CONTROL},")).await;
    app.type_into("field-analyst-name", "Olena Kovalenko").await;
    app.click("save").await;
    app.wait_until_gone("sheet").await;

    app.click("new-proposal").await;
    app.type_into("field-title", "Humanitarian pause in the north").await;
    app.select("field-proposed-by", "Norway").await;
    app.type_into("field-date", "2025-03-14").await;
    app.click("save").await;
    app.wait_for_text("history", "Recorded by Olena Kovalenko").await;
    app.close().await;

    let store = home.store();
    let proposal = store.proposals().expect("the proposals").remove(0);
    let history = store.history(proposal.id).expect("the history");
    assert!(history.iter().all(|entry| entry.recorded_by == "Olena Kovalenko"), "{history:?}");
}
