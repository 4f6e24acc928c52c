//! Correcting what was typed: a proposal retitled, a source edited or taken back, the
//! edits shown in the history with who made them and when; titles of a sensible length.

use ceasefire_tracker::model::*;
use ceasefire_tracker::Store;

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn source(title: &str, url: Option<&str>) -> NewSource {
    NewSource { title: title.into(), outlet: String::new(), url: url.map(str::to_string), published_on: None }
}

fn gaza() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap().recording_as("Olena Kovalenko");
    let qatar = store
        .add_party(&NewParty {
            name: "Qatar".into(),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        })
        .unwrap();
    let deal = NewProposal {
        title: "Gaza cesefire deal".into(),
        summary: String::new(),
        full_text: None,
        proposed_by: qatar,
        proposer_role: Role::Mediator,
        proposed_on: date("2025-01-15"),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: Some(42),
        process: "Gaza".into(),
        supersedes: None,
        sources: vec![SourceChoice::New {
            source: source("https://example.org/doha", Some("https://example.org/doha")),
        }],
        co_proposers: vec![],
        phase_of: None,
        phase: None,
    };
    let id = store.add_proposal(&deal).unwrap().id;
    (store, id)
}

#[test]
fn a_typo_in_a_title_is_corrected_and_the_history_says_so() {
    let (mut store, id) = gaza();
    let proposal = store.proposal(id).unwrap();
    let corrected = NewProposal {
        title: "Gaza ceasefire deal".into(),
        summary: proposal.summary,
        full_text: proposal.full_text,
        proposed_by: proposal.proposed_by,
        proposer_role: Role::Mediator,
        proposed_on: proposal.proposed_on,
        kind: proposal.kind,
        scope: proposal.scope,
        duration_days: proposal.duration_days,
        process: proposal.process,
        supersedes: proposal.supersedes,
        sources: vec![],
        co_proposers: proposal.co_proposers,
        phase_of: proposal.phase_of,
        phase: proposal.phase,
    };
    store.edit_proposal(id, &corrected).unwrap();
    let state = store.proposal_state(id, Viewpoint::today()).unwrap();
    assert_eq!(state.proposal.title, "Gaza ceasefire deal");
    assert_eq!(state.edits.len(), 1);
    assert_eq!(state.edits[0].recorded_by, "Olena Kovalenko");
    assert_eq!(
        state.edits[0].changes,
        ["Title changed from \u{201c}Gaza cesefire deal\u{201d} to \u{201c}Gaza ceasefire deal\u{201d}"]
    );
    // Saving it again unchanged records nothing.
    store.edit_proposal(id, &corrected).unwrap();
    assert_eq!(store.proposal_state(id, Viewpoint::today()).unwrap().edits.len(), 1);
}

#[test]
fn a_source_is_edited_lists_what_it_backs_and_is_taken_back() {
    let (mut store, id) = gaza();
    let typed = store.find_source("https://example.org/doha").unwrap().unwrap();
    assert_eq!(typed.title, "https://example.org/doha", "typed as a link, titled by it");
    let edited = NewSource {
        title: "Joint statement of the mediators, Doha".into(),
        outlet: "Qatar Ministry of Foreign Affairs".into(),
        url: Some("https://example.org/doha".into()),
        published_on: Some(date("2025-01-15")),
    };
    store.edit_source(typed.id, &edited).unwrap();
    let source = store.source(typed.id).unwrap();
    assert_eq!(
        (source.title.as_str(), source.outlet.as_str()),
        ("Joint statement of the mediators, Doha", "Qatar Ministry of Foreign Affairs")
    );
    let backs = store.entries_citing(typed.id).unwrap();
    assert_eq!(backs.len(), 2, "the proposal's first status and its proposer's stance");
    assert!(backs.iter().all(|entry| entry.proposal_id == id));

    store.retract_source(typed.id, "A blog post, not the statement").unwrap();
    let listed = store.sources().unwrap();
    let retracted = listed.iter().find(|s| s.id == typed.id).unwrap();
    assert_eq!(
        retracted.retraction.as_ref().map(|r| r.reason.as_str()),
        Some("A blog post, not the statement")
    );
    assert!(store.search_sources("Doha", 10).unwrap().is_empty(), "no longer offered");
    assert_eq!(store.find_source("https://example.org/doha").unwrap(), None);
    assert_eq!(store.retract_source(typed.id, "again").unwrap_err().code().as_str(), "conflict");
}

#[test]
fn a_title_of_two_thousand_characters_is_refused_at_the_limit() {
    let (mut store, id) = gaza();
    let mut proposal = store.proposal(id).unwrap();
    proposal.title = "A".repeat(2000);
    let long = NewProposal {
        title: proposal.title,
        summary: String::new(),
        full_text: None,
        proposed_by: proposal.proposed_by,
        proposer_role: Role::Mediator,
        proposed_on: proposal.proposed_on,
        kind: proposal.kind,
        scope: String::new(),
        duration_days: None,
        process: String::new(),
        supersedes: None,
        sources: vec![],
        co_proposers: vec![],
        phase_of: None,
        phase: None,
    };
    let err = store.edit_proposal(id, &long).unwrap_err();
    assert_eq!(err.field(), Some("title"));
    assert!(err.to_string().contains("2000 characters long; a title or a name holds at most 300"), "{err}");
    let err = store
        .add_party(&NewParty {
            name: "B".repeat(301),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("name"));
}
