//! Correcting what was recorded, in the window alone: a proposal's title, a party entered
//! twice, a source; a deal proposed by three mediators; a form with three mistakes shows all
//! three and goes to the first; a stale error goes when its field changes; a half-filled
//! form asks before it is thrown away; a future as-of date is refused; Arabic reads right
//! to left.

use ceasefire_tracker::model::{
    Change, NewEvent, NewParty, NewProposal, NewSource, PartyKind, ProposalKind, Role, Stance, Viewpoint,
};
use ceasefire_tracker::Store;
use ceasefire_tracker_e2e::{App, Home};

/// WebDriver's Escape key.
const ESCAPE: &str = "\u{e00c}";

fn add_party(store: &mut Store, name: &str) -> i64 {
    let party =
        NewParty { name: name.to_string(), kind: PartyKind::State, member_of: None, note: String::new() };
    store.add_party(&party).expect("the party is recorded")
}

fn add_proposal(store: &mut Store, title: &str, by: i64) -> i64 {
    let proposal = NewProposal {
        title: title.to_string(),
        summary: String::new(),
        full_text: None,
        proposed_by: by,
        proposer_role: Role::Mediator,
        proposed_on: "2025-01-15".parse().expect("a date"),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: None,
        process: String::new(),
        supersedes: None,
        co_proposers: Vec::new(),
        phase_of: None,
        phase: None,
        sources: Vec::new(),
    };
    store.add_proposal(&proposal).expect("the proposal is recorded").id
}

#[tokio::test]
async fn a_typo_in_a_title_is_corrected_and_the_history_says_so() {
    let home = Home::new();
    let proposal = {
        let mut store = home.store();
        let qatar = add_party(&mut store, "Qatar");
        add_proposal(&mut store, "Gaza cesefire deal", qatar)
    };
    let app = App::open(&home).await;
    app.click_id("proposal-row", proposal).await;
    app.click("edit-proposal").await;
    app.type_into("field-title", "Gaza ceasefire deal").await;
    app.click("save").await;
    app.wait_for_text("proposal-title", "Gaza ceasefire deal").await;
    app.wait_for_text(
        "history",
        "Title changed from \u{201c}Gaza cesefire deal\u{201d} to \u{201c}Gaza ceasefire deal\u{201d}",
    )
    .await;
    let history = app.text("history").await;
    assert!(history.contains("Edited by "), "the edit does not say who made it: {history}");
    app.wait_for_text("proposal-list", "Gaza ceasefire deal").await;
    app.close().await;
    assert_eq!(home.store().proposal(proposal).expect("the proposal").title, "Gaza ceasefire deal");
}

#[tokio::test]
async fn a_party_entered_twice_is_merged_and_keeps_every_stance() {
    let home = Home::new();
    let (ukraine, twice, proposal) = {
        let mut store = home.store();
        let ukraine = add_party(&mut store, "Ukraine");
        let twice = add_party(&mut store, "Government of Ukraine");
        let united_states = add_party(&mut store, "United States");
        let proposal = add_proposal(&mut store, "30-day interim ceasefire", united_states);
        let stance = NewEvent {
            proposal,
            change: Change::Stance {
                party: twice,
                stance: Stance::SupportsWithConditions,
                role: Role::Party,
            },
            occurred_on: "2025-03-11".parse().expect("a date"),
            note: String::new(),
            sources: Vec::new(),
            extension: None,
            violation: None,
        };
        store.record(&stance).expect("the stance");
        (ukraine, twice, proposal)
    };
    let app = App::open(&home).await;
    app.click("nav-parties").await;
    app.click_in("party-row", twice, "edit-party").await;
    app.click("merge-party").await;
    app.select("field-into", "Ukraine").await;
    app.wait_for_text("merge-outcome", "also known as Government of Ukraine").await;
    app.click("confirm-merge").await;
    app.wait_for_text("party-aliases", "Government of Ukraine").await;
    assert_eq!(app.all("party-row").await.len(), 2, "the two parties are still listed apart");

    app.click("nav-proposals").await;
    app.click_id("proposal-row", proposal).await;
    app.wait_for_text("stance-table", "Ukraine").await;
    let stances = app.text("stance-table").await;
    assert!(!stances.contains("Government of Ukraine"), "the merged name still shows: {stances}");
    assert!(stances.contains("Supports with conditions"), "the stance was lost: {stances}");
    app.close().await;

    let state = home.store().proposal_state(proposal, Viewpoint::today()).expect("the page");
    let ukraine_stance = state.stances.iter().find(|s| s.party_id == ukraine).expect("Ukraine's stance");
    assert_eq!(ukraine_stance.stance, Stance::SupportsWithConditions);
    assert!(state.stances.iter().all(|s| s.party_id != twice), "the merged party still stands apart");
}

#[tokio::test]
async fn a_deal_proposed_by_three_mediators_names_each_and_counts_each_once() {
    let home = Home::new();
    {
        let mut store = home.store();
        for name in ["Qatar", "Egypt", "United States", "Israel"] {
            add_party(&mut store, name);
        }
    }
    let app = App::open(&home).await;
    app.click("new-proposal").await;
    app.type_into("field-title", "Gaza ceasefire and hostage release deal").await;
    app.select("field-proposed-by", "Qatar").await;
    app.click("add-proposer").await;
    app.select("field-co-proposer-1", "Egypt").await;
    app.click("add-proposer").await;
    app.select("field-co-proposer-2", "United States").await;
    app.select("field-role", "Mediator").await;
    app.type_into("field-date", "2025-01-15").await;
    app.click("save").await;
    app.wait_for_text("proposed-by", "Qatar, Egypt, United States").await;
    app.wait_for_text("proposal-list", "3 for").await;
    app.close().await;

    let proposals = home.store().proposals().expect("the proposals");
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].proposed_by_name, "Qatar, Egypt, United States");
    assert_eq!(proposals[0].co_proposers.len(), 2);
}

#[tokio::test]
async fn every_mistake_shows_at_once_the_first_takes_the_focus_and_each_goes_when_put_right() {
    let home = Home::new();
    add_party(&mut home.store(), "Norway");
    let app = App::open(&home).await;
    app.click("new-proposal").await;
    app.type_into("field-date", "2027-06-01").await;
    app.type_into("field-duration-days", "thirty").await;
    app.click("save").await;
    for field in ["title", "proposed-by", "date", "duration-days"] {
        let error = app.text(&format!("error-{field}")).await;
        assert!(!error.trim().is_empty(), "the {field} error says nothing");
    }
    assert!(app.text("error-date").await.contains("1 June 2027 is in the future"));
    assert_eq!(app.focused().await.as_deref(), Some("field-title"), "the first mistake has not the focus");

    // The stale date error goes as soon as the date is put right, the others stay.
    app.type_into("field-date", "2025-06-01").await;
    app.wait_until_gone("error-date").await;
    assert_eq!(app.all("error-title").await.len(), 1, "the title's error went with the date's");
    app.type_into("field-title", "Pause in the north").await;
    app.wait_until_gone("error-title").await;
    // Save and Cancel stay in view at the foot of the form.
    assert!(app.wait_for("save").await.is_displayed().await.expect("its visibility"));
    app.close().await;
    assert!(home.store().proposals().expect("the proposals").is_empty(), "something was saved");
}

#[tokio::test]
async fn a_half_filled_form_asks_before_it_is_thrown_away() {
    let home = Home::new();
    add_party(&mut home.store(), "Norway");
    let app = App::open(&home).await;

    // An untouched form closes at once.
    app.click("new-proposal").await;
    app.press("field-title", ESCAPE).await;
    app.wait_until_gone("sheet").await;

    app.click("new-proposal").await;
    app.type_into("field-title", "Humanitarian pause in the north").await;
    app.press("field-title", ESCAPE).await;
    app.wait_for("discard-prompt").await;
    app.click("keep-editing").await;
    let title = app.wait_for("field-title").await.prop("value").await.expect("the value");
    assert_eq!(title.as_deref(), Some("Humanitarian pause in the north"), "keeping on lost the text");

    app.click("cancel").await;
    app.wait_for("discard-prompt").await;
    app.click("keep-editing").await;
    app.click("close-sheet").await;
    app.wait_for("discard-prompt").await;
    app.click("discard").await;
    app.wait_until_gone("sheet").await;
    app.close().await;
}

#[tokio::test]
async fn a_source_is_corrected_and_its_page_lists_what_it_backs() {
    let home = Home::new();
    let source = {
        let mut store = home.store();
        let new = NewSource {
            title: "https://example.org/jeddah".to_string(),
            outlet: String::new(),
            url: Some("https://example.org/jeddah".to_string()),
            published_on: None,
        };
        let source = store.add_source(&new).expect("the source");
        let norway = add_party(&mut store, "Norway");
        let proposal = add_proposal(&mut store, "Humanitarian pause", norway);
        let status = NewEvent {
            proposal,
            change: Change::Status { status: ceasefire_tracker::model::ProposalStatus::UnderNegotiation },
            occurred_on: "2025-03-11".parse().expect("a date"),
            note: String::new(),
            sources: vec![ceasefire_tracker::model::SourceChoice::Known { id: source }],
            extension: None,
            violation: None,
        };
        store.record(&status).expect("the status");
        source
    };
    let app = App::open(&home).await;
    app.click("nav-sources").await;
    app.click_in("source-row", source, "open-source").await;
    app.wait_for_text("citing-entries", "Status: Under negotiation").await;
    app.click("edit-source").await;
    app.type_into("field-title", "Joint statement after the Jeddah meeting").await;
    app.type_into("field-outlet", "US Department of State").await;
    app.type_into("field-date", "2025-03-11").await;
    app.click("save").await;
    app.wait_for_text("source-title", "Joint statement after the Jeddah meeting").await;
    app.wait_for_text("source-outlet", "US Department of State").await;
    app.close().await;
    let saved = home.store().source(source).expect("the source");
    assert_eq!(saved.title, "Joint statement after the Jeddah meeting");
    assert_eq!(saved.published_on.map(|d| d.iso()), Some("2025-03-11".to_string()));
}

#[tokio::test]
async fn a_future_as_of_date_is_refused_next_to_the_field() {
    let home = Home::new();
    add_party(&mut home.store(), "Norway");
    let app = App::open(&home).await;
    app.type_into("as-of", "2099-01-01").await;
    let error = app.wait_for_text("error-as-of", "is in the future").await;
    assert!(error.contains("1 January 2099"), "{error}");
    assert!(app.all("as-of-banner").await.is_empty(), "the window went to the future anyway");

    // A past date with nothing made by then says so.
    app.type_into("as-of", "1990-01-01").await;
    app.wait_until_gone("error-as-of").await;
    app.wait_for_text("empty-list", "No proposals had been made by 1 January 1990").await;
    app.close().await;
}

#[tokio::test]
async fn arabic_text_reads_right_to_left_where_it_is_shown_and_typed() {
    let title = "وقف إطلاق النار في غزة";
    let home = Home::new();
    let proposal = {
        let mut store = home.store();
        let qatar = add_party(&mut store, "قطر");
        add_proposal(&mut store, title, qatar)
    };
    let app = App::open(&home).await;
    app.click_id("proposal-row", proposal).await;
    assert_eq!(app.text("proposal-title").await, title);
    assert_eq!(app.computed_style("proposal-title", "direction").await, "rtl");
    app.click("edit-proposal").await;
    assert_eq!(
        app.computed_style("field-title", "direction").await,
        "rtl",
        "the title field is not right to left"
    );
    app.close().await;
}
