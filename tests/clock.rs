//! The ceasefire's clock, told with the Gaza deal of January 2025: a deal in three phases,
//! the first of 42 days from 19 January, watched day by day.

use ceasefire_tracker::model::*;
use ceasefire_tracker::Store;

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn as_of(text: &str) -> Viewpoint {
    Viewpoint::as_of(date(text).first_day())
}

fn party(store: &mut Store, name: &str) -> i64 {
    store
        .add_party(&NewParty {
            name: name.into(),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        })
        .unwrap()
}

fn proposal(by: i64, title: &str, on: &str) -> NewProposal {
    NewProposal {
        title: title.into(),
        summary: String::new(),
        full_text: None,
        proposed_by: by,
        proposer_role: Role::Mediator,
        proposed_on: date(on),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: None,
        process: "Gaza".into(),
        supersedes: None,
        sources: vec![],
        co_proposers: vec![],
        phase_of: None,
        phase: None,
    }
}

fn status(proposal: i64, status: ProposalStatus, on: &str, extension: Option<Extension>) -> NewEvent {
    NewEvent {
        proposal,
        change: Change::Status { status },
        occurred_on: date(on),
        note: String::new(),
        sources: vec![],
        extension,
        violation: Default::default(),
    }
}

struct Deal {
    store: Store,
    deal: i64,
    one: i64,
    two: i64,
}

/// The deal proposed by three mediators, with its three phases; phase one in effect from
/// 19 January 2025.
fn gaza() -> Deal {
    let mut store = Store::open_in_memory().unwrap();
    let qatar = party(&mut store, "Qatar");
    let egypt = party(&mut store, "Egypt");
    let us = party(&mut store, "United States");
    let deal = NewProposal {
        co_proposers: vec![egypt, us],
        ..proposal(qatar, "Gaza ceasefire and hostage release deal", "2025-01-15")
    };
    let deal = store.add_proposal(&deal).unwrap().id;
    let phase = |number: i64, title: &str| NewProposal {
        duration_days: Some(42),
        phase_of: Some(deal),
        phase: Some(number),
        co_proposers: vec![egypt, us],
        ..proposal(qatar, title, "2025-01-15")
    };
    let one = store.add_proposal(&phase(1, "Phase one: hostages and prisoners")).unwrap().id;
    let two = store.add_proposal(&phase(2, "Phase two: permanent end of hostilities")).unwrap().id;
    store.add_proposal(&phase(3, "Phase three: reconstruction")).unwrap();
    store.record(&status(deal, ProposalStatus::Agreed, "2025-01-15", None)).unwrap();
    store.record(&status(one, ProposalStatus::Agreed, "2025-01-15", None)).unwrap();
    store.record(&status(one, ProposalStatus::InEffect, "2025-01-19", None)).unwrap();
    Deal { store, deal, one, two }
}

fn clock(store: &Store, id: i64, on: &str) -> Option<ClockState> {
    store.proposal_state(id, as_of(on)).unwrap().clock
}

#[test]
fn phase_one_runs_42_days_from_19_january_and_then_is_overdue() {
    let g = gaza();
    let during = clock(&g.store, g.one, "2025-02-20").unwrap();
    assert_eq!(during.started_on, date("2025-01-19"));
    assert_eq!(during.ends_on, Some(date("2025-03-01")), "the last day covered is start + 42 - 1");
    assert_eq!(during.days_left, Some(9));
    assert!(!during.overdue);
    let last = clock(&g.store, g.one, "2025-03-01").unwrap();
    assert_eq!((last.days_left, last.overdue), (Some(0), false));
    let after = clock(&g.store, g.one, "2025-03-10").unwrap();
    assert_eq!((after.days_left, after.overdue), (Some(-9), true));
    // The list says the same, from its standing table.
    let line = g.store.summary(g.one, as_of("2025-03-10")).unwrap().unwrap();
    assert_eq!((line.ends_on, line.days_left, line.overdue), (Some(date("2025-03-01")), Some(-9), true));
    // Before it took effect there is no clock.
    assert_eq!(clock(&g.store, g.one, "2025-01-18"), None);
}

#[test]
fn the_deal_lists_its_phases_and_each_phase_links_back() {
    let g = gaza();
    let deal = g.store.proposal_state(g.deal, as_of("2025-02-20")).unwrap();
    let phases: Vec<(i64, &str)> = deal.phases.iter().map(|p| (p.phase, p.title.as_str())).collect();
    assert_eq!(
        phases,
        [
            (1, "Phase one: hostages and prisoners"),
            (2, "Phase two: permanent end of hostilities"),
            (3, "Phase three: reconstruction")
        ]
    );
    assert_eq!(deal.phases[0].status, Some(ProposalStatus::InEffect));
    assert_eq!(deal.phases[0].days_left, Some(9));
    assert_eq!(deal.phases[1].status, Some(ProposalStatus::Floated));
    assert_eq!(deal.proposal.proposed_by_name, "Qatar, Egypt, United States");
    let one = g.store.proposal_state(g.one, as_of("2025-02-20")).unwrap();
    assert_eq!(one.phase_of.map(|deal| deal.id), Some(g.deal));
    assert_eq!(one.phase, Some(1));
    // Each mediator is counted once among those for it.
    assert_eq!(g.store.summary(g.deal, as_of("2025-02-20")).unwrap().unwrap().supporters, 3);
}

#[test]
fn extensions_move_the_end_and_a_closing_status_stops_the_clock() {
    let mut g = gaza();
    g.store
        .record(&status(g.one, ProposalStatus::Extended, "2025-02-28", Some(Extension::ByDays(10))))
        .unwrap();
    assert_eq!(clock(&g.store, g.one, "2025-03-05").unwrap().ends_on, Some(date("2025-03-11")));
    g.store
        .record(&status(
            g.one,
            ProposalStatus::Extended,
            "2025-03-10",
            Some(Extension::Until(date("2025-03-18"))),
        ))
        .unwrap();
    let until = clock(&g.store, g.one, "2025-03-12").unwrap();
    assert_eq!(until.ends_on, Some(date("2025-03-18")), "an until date wins over the duration");
    assert_eq!(until.days_left, Some(6));
    g.store.record(&status(g.one, ProposalStatus::Collapsed, "2025-03-18", None)).unwrap();
    assert_eq!(clock(&g.store, g.one, "2025-03-20"), None, "a closed status stops the clock");
    let line = g.store.summary(g.one, as_of("2025-03-20")).unwrap().unwrap();
    assert_eq!((line.ends_on, line.overdue), (None, false));
}

#[test]
fn retracting_the_status_in_effect_removes_the_clock() {
    let mut g = gaza();
    let in_effect = g
        .store
        .history(g.one)
        .unwrap()
        .into_iter()
        .find(|e| e.change == Change::Status { status: ProposalStatus::InEffect })
        .unwrap();
    g.store.retract(in_effect.id, "The date was the announcement, not the start").unwrap();
    assert_eq!(clock(&g.store, g.one, "2025-02-20"), None);
    assert_eq!(g.store.deadlines(as_of("2025-02-20"), None).unwrap(), vec![]);
}

#[test]
fn a_start_known_to_the_month_gives_an_end_known_to_the_month() {
    let mut store = Store::open_in_memory().unwrap();
    let us = party(&mut store, "United States");
    let truce = store
        .add_proposal(&NewProposal { duration_days: Some(30), ..proposal(us, "Energy truce", "2025-03") })
        .unwrap()
        .id;
    store.record(&status(truce, ProposalStatus::InEffect, "2025-03", None)).unwrap();
    let during = clock(&store, truce, "2025-03-20").unwrap();
    assert_eq!((during.ends_on, during.days_left, during.overdue), (Some(date("2025-03")), None, false));
    assert!(clock(&store, truce, "2025-04-02").unwrap().overdue);
}

#[test]
fn deadlines_list_what_ends_soon_and_what_has_run_out() {
    let mut g = gaza();
    let energy = g
        .store
        .add_proposal(&NewProposal {
            duration_days: Some(30),
            ..proposal(g.store.find_party("United States").unwrap().id, "Energy truce", "2025-02-01")
        })
        .unwrap()
        .id;
    g.store.record(&status(energy, ProposalStatus::InEffect, "2025-02-10", None)).unwrap();
    let soon = g.store.deadlines(as_of("2025-02-25"), Some(7)).unwrap();
    assert_eq!(soon.iter().map(|d| d.id).collect::<Vec<_>>(), [g.one], "phase one ends within 7 days");
    let all = g.store.deadlines(as_of("2025-03-05"), Some(7)).unwrap();
    let overdue: Vec<(i64, bool)> = all.iter().map(|d| (d.id, d.overdue)).collect();
    assert_eq!(overdue, [(g.one, true), (energy, false)]);
    assert_eq!((all[1].ends_on, all[1].days_left), (date("2025-03-11"), Some(6)));
}

#[test]
fn a_phase_of_itself_or_of_its_own_phase_and_a_number_taken_are_refused() {
    let mut g = gaza();
    let deal = g.store.proposal(g.deal).unwrap();
    let edit = |proposal: &Proposal, phase_of: Option<i64>, phase: Option<i64>| NewProposal {
        title: proposal.title.clone(),
        proposed_by: proposal.proposed_by,
        proposed_on: proposal.proposed_on,
        co_proposers: proposal.co_proposers.clone(),
        phase_of,
        phase,
        ..super_proposal()
    };
    let err = g.store.edit_proposal(g.deal, &edit(&deal, Some(g.deal), Some(1))).unwrap_err();
    assert_eq!(err.field(), Some("phase_of"));
    let err = g.store.edit_proposal(g.deal, &edit(&deal, Some(g.one), Some(1))).unwrap_err();
    assert_eq!(err.field(), Some("phase_of"), "{err}");
    let two = g.store.proposal(g.two).unwrap();
    let err = g.store.edit_proposal(g.two, &edit(&two, Some(g.deal), Some(1))).unwrap_err();
    assert!(err.to_string().contains("phase 1 of this deal is already"), "{err}");
}

fn super_proposal() -> NewProposal {
    proposal(1, "", "2025-01-15")
}
