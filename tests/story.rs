//! The 30-day interim ceasefire of March 2025 walked through its life on a real database
//! file, checked as an analyst would see it on several dates.

use std::thread::sleep;
use std::time::Duration;

use ceasefire_tracker::model::*;
use ceasefire_tracker::{Error, Store};
use chrono::{NaiveDate, Utc};

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    date(text).first_day()
}

fn party(store: &mut Store, name: &str, kind: PartyKind, member_of: Option<i64>) -> i64 {
    store.add_party(&NewParty { name: name.into(), kind, member_of, note: String::new() }).unwrap()
}

fn proposal(title: &str, by: i64, on: &str) -> NewProposal {
    NewProposal {
        title: title.into(),
        summary: String::new(),
        full_text: None,
        proposed_by: by,
        proposer_role: Role::Mediator,
        proposed_on: date(on),
        kind: ProposalKind::General,
        scope: "all hostilities".into(),
        duration_days: Some(30),
        process: "Russia-Ukraine war".into(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
    }
}

fn event(proposal: i64, change: Change, on: &str) -> NewEvent {
    NewEvent {
        proposal,
        change,
        occurred_on: date(on),
        note: String::new(),
        sources: vec![],
        extension: None,
        violation: Default::default(),
    }
}

fn status(proposal: i64, status: ProposalStatus, on: &str) -> NewEvent {
    event(proposal, Change::Status { status }, on)
}

fn stance(proposal: i64, party: i64, stance: Stance, on: &str) -> NewEvent {
    event(proposal, Change::Stance { party, stance, role: Role::Party }, on)
}

fn condition(proposal: i64, by: i64, text: &str, category: ConditionCategory) -> NewCondition {
    NewCondition {
        proposal,
        raised_by: by,
        directed_at: None,
        text: text.into(),
        kind: ConditionKind::Precondition,
        category,
        raised_on: date("2025-03-13"),
        note: String::new(),
        sources: vec![],
    }
}

fn as_of(text: &str) -> Viewpoint {
    Viewpoint::as_of(day(text))
}

/// Lets the clock move on so that "known on" times fall strictly between two writes.
fn tick() {
    sleep(Duration::from_millis(3));
}

struct March2025 {
    store: Store,
    _folder: tempfile::TempDir,
    usa: i64,
    ukraine: i64,
    russia: i64,
    truce: i64,
    verification: i64,
    arms: i64,
}

/// The US proposal of 11 March and the answers to it up to 13 March.
fn march_2025() -> March2025 {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("nested").join("tracker.db")).unwrap();
    let usa = party(&mut store, "United States", PartyKind::State, None);
    let ukraine = party(&mut store, "Ukraine", PartyKind::State, None);
    let russia = party(&mut store, "Russia", PartyKind::State, None);
    party(&mut store, "Vladimir Putin", PartyKind::Person, Some(russia));

    let mut truce = proposal("30-day interim ceasefire", usa, "2025-03-11");
    truce.sources = vec![SourceChoice::New {
        source: NewSource {
            title: "Joint statement following meetings in Saudi Arabia".into(),
            outlet: "US Department of State".into(),
            url: Some("https://example.org/jeddah".into()),
            published_on: Some(date("2025-03-11")),
        },
    }];
    let truce = store.add_proposal(&truce).unwrap().id;
    store.record(&stance(truce, ukraine, Stance::SupportsWithConditions, "2025-03-11")).unwrap();
    store.record(&status(truce, ProposalStatus::UnderNegotiation, "2025-03-12")).unwrap();
    store.record(&stance(truce, russia, Stance::AgreesInPrinciple, "2025-03-13")).unwrap();
    let verification = store
        .add_condition(&condition(
            truce,
            russia,
            "Verification of the ceasefire",
            ConditionCategory::Monitoring,
        ))
        .unwrap()
        .id;
    store
        .add_condition(&condition(
            truce,
            russia,
            "No Ukrainian mobilisation",
            ConditionCategory::MilitaryLimits,
        ))
        .unwrap();
    let arms = store
        .add_condition(&condition(truce, russia, "No Western arms supplies", ConditionCategory::ArmsSupplies))
        .unwrap()
        .id;
    March2025 { store, _folder: folder, usa, ukraine, russia, truce, verification, arms }
}

#[test]
fn the_state_follows_the_proposal_through_its_life() {
    let m = march_2025();
    let store = &m.store;

    // Before it was made, the proposal is not in the list and has no status.
    assert!(store.summaries(as_of("2025-03-10")).unwrap().is_empty());
    assert_eq!(store.proposal_state(m.truce, as_of("2025-03-10")).unwrap().status, None);

    let first_day = store.proposal_state(m.truce, as_of("2025-03-11")).unwrap();
    assert_eq!(first_day.status, Some(ProposalStatus::Floated));
    assert_eq!(first_day.days_in_status, Some(0));
    let parties: Vec<_> = first_day.stances.iter().map(|s| (s.party.as_str(), s.stance, s.role)).collect();
    assert_eq!(
        parties,
        vec![
            ("United States", Stance::Proposer, Role::Mediator),
            ("Ukraine", Stance::SupportsWithConditions, Role::Party)
        ]
    );
    assert!(first_day.conditions.is_empty());
    assert_eq!(first_day.history[0].sources[0].outlet, "US Department of State");

    let summaries = store.summaries(as_of("2025-03-15")).unwrap();
    assert_eq!(summaries.len(), 1);
    let line = &summaries[0];
    assert_eq!(line.status, Some(ProposalStatus::UnderNegotiation));
    assert_eq!(line.status_since, Some(date("2025-03-12")));
    assert_eq!(line.days_in_status, Some(3));
    assert_eq!((line.supporters, line.conditional, line.opposed), (1, 2, 0));
    assert_eq!(line.open_conditions, 3);
    assert_eq!(line.last_change, Some(date("2025-03-13")));
    assert_eq!(line.proposed_by, "United States");

    let page = store.proposal_state(m.truce, as_of("2025-03-15")).unwrap();
    let russia = page.stances.iter().find(|s| s.party_id == m.russia).unwrap();
    assert_eq!(russia.stance, Stance::AgreesInPrinciple);
    assert_eq!(russia.condition_ids.len(), 3);
    assert!(page.stances.iter().find(|s| s.party_id == m.usa).unwrap().condition_ids.is_empty());
    let spans: Vec<_> = page.timeline.iter().map(|s| (s.status, s.from, s.until)).collect();
    assert_eq!(
        spans,
        vec![
            (ProposalStatus::Floated, date("2025-03-11"), Some(date("2025-03-12"))),
            (ProposalStatus::UnderNegotiation, date("2025-03-12"), None),
        ]
    );
}

#[test]
fn conditions_move_and_the_open_count_follows() {
    let mut m = march_2025();
    let met = |condition| {
        event(m.truce, Change::Condition { condition, status: ConditionStatus::Met }, "2025-03-20")
    };
    m.store.record(&met(m.verification)).unwrap();
    let dropped = Change::Condition { condition: m.arms, status: ConditionStatus::Dropped };
    m.store.record(&event(m.truce, dropped, "2025-03-25")).unwrap();

    let open = |on| m.store.summaries(as_of(on)).unwrap()[0].open_conditions;
    assert_eq!(open("2025-03-19"), 3);
    assert_eq!(open("2025-03-20"), 2);
    assert_eq!(open("2025-03-25"), 1);
    let page = m.store.proposal_state(m.truce, as_of("2025-03-21")).unwrap();
    let verification = page.conditions.iter().find(|c| c.id == m.verification).unwrap();
    assert_eq!((verification.status, verification.since), (ConditionStatus::Met, date("2025-03-20")));
    assert_eq!(verification.raised_by, "Russia");
}

#[test]
fn a_retraction_undoes_an_entry_but_as_known_on_shows_what_was_believed() {
    let mut m = march_2025();
    tick();
    let before_mistake = Utc::now();
    tick();
    let mistake = m.store.record(&status(m.truce, ProposalStatus::Agreed, "2025-03-14")).unwrap().id;
    tick();
    let believed = Utc::now();
    tick();
    m.store.retract(mistake, "Misread the Kremlin statement").unwrap();

    let now = m.store.proposal_state(m.truce, as_of("2025-03-15")).unwrap();
    assert_eq!(now.status, Some(ProposalStatus::UnderNegotiation));
    let entry = now.history.iter().find(|e| e.id == mistake).unwrap();
    assert_eq!(entry.retraction.as_ref().unwrap().reason, "Misread the Kremlin statement");

    let then = Viewpoint { as_of: day("2025-03-15"), known_on: Some(believed) };
    let page = m.store.proposal_state(m.truce, then).unwrap();
    assert_eq!(page.status, Some(ProposalStatus::Agreed));
    assert_eq!(page.days_in_status, Some(1));
    assert!(page.history.iter().find(|e| e.id == mistake).unwrap().retraction.is_none());
    assert_eq!(m.store.summaries(then).unwrap()[0].status, Some(ProposalStatus::Agreed));

    let earlier = Viewpoint { as_of: day("2025-03-15"), known_on: Some(before_mistake) };
    assert_eq!(
        m.store.proposal_state(m.truce, earlier).unwrap().status,
        Some(ProposalStatus::UnderNegotiation)
    );
    assert!(m.store.proposal_state(m.truce, earlier).unwrap().history.iter().all(|e| e.id != mistake));

    // The full history keeps the retracted entry, struck through.
    let history = m.store.history(m.truce).unwrap();
    assert!(history.iter().any(|e| e.id == mistake && e.retraction.is_some()));
    // A briefing of the week leaves it out.
    let changes = m.store.changes_between(day("2025-03-13"), day("2025-03-14"), None).unwrap();
    assert!(changes.iter().all(|e| e.id != mistake));
    assert_eq!(changes.len(), 4, "{changes:#?}");
    let changes_then = m.store.changes_between(day("2025-03-13"), day("2025-03-14"), Some(believed)).unwrap();
    assert!(changes_then.iter().any(|e| e.id == mistake));

    match m.store.retract(mistake, "again") {
        Err(error @ Error::AlreadyRetracted { .. }) => {
            assert!(error.to_string().contains("already retracted"), "{error}")
        }
        other => panic!("retracted twice: {other:?}"),
    }
    assert_eq!(m.store.retract(mistake + 1000, "no such").unwrap_err().code(), "not_found");
    assert_eq!(m.store.retract(mistake, "  ").unwrap_err().field(), Some("reason"));
}

#[test]
fn records_made_after_the_time_asked_about_did_not_exist_then() {
    let mut m = march_2025();
    tick();
    let before = Utc::now();
    tick();
    let halt = m
        .store
        .add_proposal(&proposal("Energy infrastructure strikes halt", m.usa, "2025-03-18"))
        .unwrap()
        .id;
    let later = Viewpoint::as_of(day("2025-03-20"));
    assert_eq!(m.store.summaries(later).unwrap().len(), 2);
    let then = Viewpoint { as_of: day("2025-03-20"), known_on: Some(before) };
    assert_eq!(m.store.summaries(then).unwrap().len(), 1);
    assert_eq!(m.store.proposal_state(halt, then).unwrap_err().code(), "not_found");
}

#[test]
fn lineage_links_a_proposal_to_the_one_it_replaces() {
    let mut m = march_2025();
    let mut halt = proposal("Energy infrastructure strikes halt", m.usa, "2025-03-18");
    halt.kind = ProposalKind::Partial;
    halt.supersedes = Some(m.truce);
    let halt = m.store.add_proposal(&halt).unwrap().id;
    m.store.record(&status(m.truce, ProposalStatus::Superseded, "2025-03-18")).unwrap();

    assert_eq!(m.store.proposal(halt).unwrap().supersedes_title.as_deref(), Some("30-day interim ceasefire"));
    let page = m.store.proposal_state(m.truce, as_of("2025-03-20")).unwrap();
    assert_eq!(
        page.superseded_by,
        vec![ProposalRef { id: halt, title: "Energy infrastructure strikes halt".into() }]
    );
    assert_eq!(page.status, Some(ProposalStatus::Superseded));

    // Newest change first.
    let order: Vec<_> = m.store.summaries(as_of("2025-03-20")).unwrap().iter().map(|s| s.id).collect();
    assert_eq!(order, vec![halt, m.truce]);

    let mut own = proposal("Energy infrastructure strikes halt", m.usa, "2025-03-18");
    own.supersedes = Some(halt);
    let err = m.store.edit_proposal(halt, &own).unwrap_err();
    assert_eq!(err.field(), Some("supersedes"));
    own.supersedes = Some(999);
    assert_eq!(m.store.add_proposal(&own).unwrap_err().field(), Some("supersedes"));
    // A cycle through the earlier proposal is refused too.
    let mut truce = proposal("30-day interim ceasefire", m.usa, "2025-03-11");
    truce.supersedes = Some(halt);
    assert_eq!(m.store.edit_proposal(m.truce, &truce).unwrap_err().field(), Some("supersedes"));
}

#[test]
fn a_move_out_of_a_closed_status_is_accepted_with_a_warning() {
    let mut m = march_2025();
    let rejected = m.store.record(&status(m.truce, ProposalStatus::Rejected, "2025-03-14")).unwrap();
    assert!(rejected.warnings.is_empty());
    let revived = m.store.record(&status(m.truce, ProposalStatus::InEffect, "2025-03-16")).unwrap();
    assert_eq!(revived.warnings.len(), 1);
    assert!(revived.warnings[0].contains("Rejected"), "{:?}", revived.warnings);
    assert_eq!(
        m.store.proposal_state(m.truce, as_of("2025-03-16")).unwrap().status,
        Some(ProposalStatus::InEffect)
    );
}

#[test]
fn edits_keep_the_earlier_values() {
    let mut m = march_2025();
    let russia = m.store.party(m.russia).unwrap();
    let renamed = NewParty {
        name: "Russian Federation".into(),
        kind: russia.kind,
        member_of: None,
        note: "Speaks through the Kremlin".into(),
    };
    m.store.edit_party(m.russia, &renamed).unwrap();
    assert_eq!(m.store.party(m.russia).unwrap().name, "Russian Federation");
    assert_eq!(
        m.store.find_party("Vladimir Putin").unwrap().member_of_name.as_deref(),
        Some("Russian Federation")
    );

    let mut truce = proposal("30-day ceasefire (Jeddah)", m.usa, "2025-03-11");
    truce.duration_days = Some(30);
    m.store.edit_proposal(m.truce, &truce).unwrap();
    m.store.edit_proposal(m.truce, &proposal("30-day interim ceasefire", m.usa, "2025-03-11")).unwrap();

    let revisions = m.store.revisions("party", m.russia).unwrap();
    assert_eq!(revisions.len(), 1);
    let earlier: serde_json::Value = serde_json::from_str(&revisions[0].earlier).unwrap();
    assert_eq!(earlier["name"], "Russia");
    assert_eq!(earlier["note"], "");

    let revisions = m.store.revisions("proposal", m.truce).unwrap();
    let titles: Vec<String> = revisions
        .iter()
        .map(|r| {
            serde_json::from_str::<serde_json::Value>(&r.earlier).unwrap()["title"].as_str().unwrap().into()
        })
        .collect();
    assert_eq!(titles, vec!["30-day interim ceasefire", "30-day ceasefire (Jeddah)"]);
    let proposer =
        serde_json::from_str::<serde_json::Value>(&revisions[0].earlier).unwrap()["proposed_by"].clone();
    assert_eq!(proposer, m.store.party(m.usa).unwrap().uuid.to_string());

    let mut verification =
        condition(m.truce, m.russia, "Verification by a monitoring mission", ConditionCategory::Monitoring);
    verification.directed_at = Some(m.ukraine);
    m.store.edit_condition(m.verification, &verification).unwrap();
    assert_eq!(m.store.condition(m.verification).unwrap().directed_at_name.as_deref(), Some("Ukraine"));
    let revisions = m.store.revisions("condition", m.verification).unwrap();
    assert!(revisions[0].earlier.contains("Verification of the ceasefire"));

    // An edit that moves the proposal after its own events is refused, and keeps nothing.
    let late = proposal("30-day interim ceasefire", m.usa, "2025-03-12");
    assert_eq!(m.store.edit_proposal(m.truce, &late).unwrap_err().field(), Some("date"));
    assert_eq!(m.store.revisions("proposal", m.truce).unwrap().len(), 2);
}

#[test]
fn bad_input_is_refused_and_names_its_field() {
    let mut m = march_2025();
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    let future = status(m.truce, ProposalStatus::Agreed, &tomorrow.to_string());
    let err = m.store.record(&future).unwrap_err();
    assert_eq!((err.code().as_str(), err.field()), ("invalid", Some("date")));
    assert!(err.to_string().contains("future"), "{err}");

    let err = m.store.record(&status(m.truce, ProposalStatus::Agreed, "2025-03-10")).unwrap_err();
    assert_eq!(err.field(), Some("date"));
    assert!(err.to_string().contains("before the proposal"), "{err}");
    // The month before the proposal's is refused; its own month may hold the event.
    assert_eq!(
        m.store.record(&status(m.truce, ProposalStatus::Agreed, "2025-02")).unwrap_err().field(),
        Some("date")
    );

    assert_eq!(
        m.store.add_proposal(&proposal("   ", m.usa, "2025-03-11")).unwrap_err().field(),
        Some("title")
    );
    let mut zero = proposal("Zero-day truce", m.usa, "2025-03-11");
    zero.duration_days = Some(0);
    assert_eq!(m.store.add_proposal(&zero).unwrap_err().field(), Some("duration_days"));
    assert_eq!(
        m.store.add_proposal(&proposal("Nobody's", 999, "2025-03-11")).unwrap_err().code(),
        "not_found"
    );

    let dup =
        NewParty { name: " Ukraine ".into(), kind: PartyKind::State, member_of: None, note: String::new() };
    assert_eq!(m.store.add_party(&dup).unwrap_err().code(), "duplicate");
    let blank = NewParty { name: "".into(), ..dup.clone() };
    assert_eq!(m.store.add_party(&blank).unwrap_err().field(), Some("name"));
    let own = NewParty {
        name: "Russia".into(),
        kind: PartyKind::State,
        member_of: Some(m.russia),
        note: "".into(),
    };
    assert_eq!(m.store.edit_party(m.russia, &own).unwrap_err().field(), Some("member_of"));
    let putin = m.store.find_party("Vladimir Putin").unwrap().id;
    let circle = NewParty { member_of: Some(putin), ..own };
    assert_eq!(m.store.edit_party(m.russia, &circle).unwrap_err().field(), Some("member_of"));

    assert_eq!(
        m.store.record(&stance(m.truce, 999, Stance::Supports, "2025-03-12")).unwrap_err().code(),
        "not_found"
    );
    let other = m.store.add_proposal(&proposal("Black Sea truce", m.usa, "2025-03-11")).unwrap().id;
    let foreign = Change::Condition { condition: m.verification, status: ConditionStatus::Met };
    assert_eq!(m.store.record(&event(other, foreign, "2025-03-14")).unwrap_err().field(), Some("condition"));
    let blank_condition = condition(m.truce, m.russia, " ", ConditionCategory::Other);
    assert_eq!(m.store.add_condition(&blank_condition).unwrap_err().field(), Some("text"));

    let mut unknown_source = stance(m.truce, m.ukraine, Stance::Supports, "2025-03-14");
    unknown_source.sources = vec![SourceChoice::Known { id: 999 }];
    assert_eq!(m.store.record(&unknown_source).unwrap_err().field(), Some("sources"));

    // A refused action wrote nothing, not even the new source it named.
    let sources_before = m.store.sources().unwrap().len();
    let mut bad = status(m.truce, ProposalStatus::Agreed, "2025-03-01");
    bad.sources = vec![SourceChoice::New {
        source: NewSource {
            title: "Reuters".into(),
            outlet: "Reuters".into(),
            url: None,
            published_on: None,
        },
    }];
    assert!(m.store.record(&bad).is_err());
    assert_eq!(m.store.sources().unwrap().len(), sources_before);
    assert_eq!(m.store.history(m.truce).unwrap().len(), 8);

    assert!(m.store.record(&status(m.truce, ProposalStatus::UnderNegotiation, "2025-03")).is_ok());
}

#[test]
fn several_events_are_recorded_together_or_not_at_all() {
    let mut m = march_2025();
    let good = stance(m.truce, m.ukraine, Stance::Supports, "2025-03-14");
    let bad = status(m.truce, ProposalStatus::Agreed, "2025-03-01");
    assert_eq!(m.store.record_all(&[good.clone(), bad]).unwrap_err().field(), Some("date"));
    assert_eq!(m.store.history(m.truce).unwrap().len(), 8);
    let agreed = status(m.truce, ProposalStatus::Agreed, "2025-03-15");
    let recorded = m.store.record_all(&[good, agreed]).unwrap();
    assert_eq!(recorded.len(), 2);
    assert_eq!(m.store.history(m.truce).unwrap().len(), 10);
}

#[test]
fn parties_and_proposals_are_found_by_id_or_exact_name() {
    let mut m = march_2025();
    assert_eq!(m.store.find_party("Ukraine").unwrap().id, m.ukraine);
    assert_eq!(m.store.find_party(&m.ukraine.to_string()).unwrap().name, "Ukraine");
    assert_eq!(m.store.find_party("ukraine").unwrap_err().code(), "not_found");
    assert_eq!(m.store.find_proposal("30-day interim ceasefire").unwrap().id, m.truce);
    m.store.add_proposal(&proposal("30-day interim ceasefire", m.ukraine, "2025-03-12")).unwrap();
    match m.store.find_proposal("30-day interim ceasefire") {
        Err(Error::Ambiguous { count, .. }) => assert_eq!(count, 2),
        other => panic!("{other:?}"),
    }
    let source = m.store.find_source("https://example.org/jeddah").unwrap().unwrap();
    assert_eq!(
        m.store.find_source("Joint statement following meetings in Saudi Arabia").unwrap(),
        Some(source)
    );
    assert_eq!(m.store.find_source("nowhere").unwrap(), None);
}

#[test]
fn the_source_field_is_offered_a_few_known_sources_that_match_what_is_typed() {
    let mut m = march_2025();
    for title in ["Kremlin readout of the call", "White House readout of the call", "Joint"] {
        let source = NewSource { title: title.into(), outlet: String::new(), url: None, published_on: None };
        m.store.add_source(&source).unwrap();
    }
    let titles = |text: &str, limit: u32| -> Vec<String> {
        m.store.search_sources(text, limit).unwrap().into_iter().map(|source| source.title).collect()
    };
    assert_eq!(titles("READOUT", 10), ["Kremlin readout of the call", "White House readout of the call"]);
    assert_eq!(titles("readout", 1), ["Kremlin readout of the call"]);
    // The source the text names exactly comes first, then the others by title.
    assert_eq!(titles("Joint", 2), ["Joint", "Joint statement following meetings in Saudi Arabia"]);
    assert_eq!(titles("example.org/jeddah", 10), ["Joint statement following meetings in Saudi Arabia"]);
    assert!(titles("nowhere", 10).is_empty());
}

#[test]
fn the_file_keeps_everything_and_checks_sound() {
    let m = march_2025();
    let path = m.store.path().unwrap().to_path_buf();
    assert!(!m.store.is_empty().unwrap());
    drop(m.store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.summaries(as_of("2025-03-15")).unwrap()[0].open_conditions, 3);
    assert_eq!(store.integrity_problems().unwrap(), Vec::<String>::new());
    assert!(Store::open_in_memory().unwrap().is_empty().unwrap());
}
