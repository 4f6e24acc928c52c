//! Does it hold? Violation reports on the energy-infrastructure halt of March 2025 and the
//! implementation of its conditions, read as of dates and as known on a past time.

use ceasefire_tracker::model::*;
use ceasefire_tracker::Store;

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn as_of(text: &str) -> Viewpoint {
    Viewpoint::as_of(date(text).last_day())
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

fn event(proposal: i64, change: Change, on: &str, note: &str) -> NewEvent {
    NewEvent {
        proposal,
        change,
        occurred_on: date(on),
        note: note.into(),
        sources: vec![],
        extension: None,
        violation: None,
    }
}

struct Halt {
    store: Store,
    halt: i64,
    ukraine: i64,
    russia: i64,
}

fn energy_halt() -> Halt {
    let mut store = Store::open_in_memory().unwrap();
    let us = party(&mut store, "United States");
    let ukraine = party(&mut store, "Ukraine");
    let russia = party(&mut store, "Russia");
    let halt = store
        .add_proposal(&NewProposal {
            title: "30-day halt on strikes against energy infrastructure".into(),
            summary: String::new(),
            full_text: None,
            proposed_by: us,
            proposer_role: Role::Mediator,
            proposed_on: date("2025-03-18"),
            kind: ProposalKind::Partial,
            scope: "Energy infrastructure".into(),
            duration_days: Some(30),
            process: "Russia-Ukraine".into(),
            supersedes: None,
            sources: vec![],
            co_proposers: vec![],
            phase_of: None,
            phase: None,
        })
        .unwrap()
        .id;
    store
        .record(&event(halt, Change::Status { status: ProposalStatus::InEffect }, "2025-03-18", ""))
        .unwrap();
    Halt { store, halt, ukraine, russia }
}

fn report(h: &Halt, by: i64, against: i64, on: &str, disputed: bool, what: &str) -> NewEvent {
    NewEvent {
        violation: Some(ViolationDetails {
            until: None,
            count: None,
            unit: String::new(),
            place: String::new(),
        }),
        ..event(
            h.halt,
            Change::Violation { reported_by: Some(by), against: Some(against), disputed },
            on,
            what,
        )
    }
}

#[test]
fn violation_reports_read_as_of_dates_with_disputed_ones_shown_as_such() {
    let mut h = energy_halt();
    let sloviansk =
        report(&h, h.ukraine, h.russia, "2025-03-19", false, "Drones hit energy facilities in Sloviansk");
    h.store.record(&sloviansk).unwrap();
    let kropotkin = report(&h, h.russia, h.ukraine, "2025-03-19", true, "Oil depot in Kropotkin struck");
    h.store.record(&kropotkin).unwrap();
    let later = report(&h, h.ukraine, h.russia, "2025-03-27", false, "Strike on a power line in Kherson");
    let later = h.store.record(&later).unwrap().id;

    let day_after = h.store.proposal_state(h.halt, as_of("2025-03-20")).unwrap();
    assert_eq!(day_after.violations.len(), 2);
    let disputed: Vec<bool> = day_after
        .violations
        .iter()
        .map(|v| matches!(v.change, Change::Violation { disputed: true, .. }))
        .collect();
    assert_eq!(disputed.iter().filter(|d| **d).count(), 1);
    assert_eq!(
        day_after.violations_per_week,
        [WeekOfReports { week_of: date("2025-03-17").first_day(), reports: 2, disputed: 1 }]
    );
    let month = h.store.proposal_state(h.halt, as_of("2025-03-31")).unwrap();
    assert_eq!(month.violations[0].id, later, "newest first");
    assert_eq!(month.violations_per_week.len(), 3);
    assert_eq!(h.store.summary(h.halt, as_of("2025-03-31")).unwrap().unwrap().violations_30_days, 3);

    // Retracted: gone from the reports and the count, kept in the history.
    let believed = chrono::Utc::now();
    std::thread::sleep(std::time::Duration::from_millis(5));
    h.store.retract(later, "Reported by a channel that later withdrew it").unwrap();
    let now = h.store.proposal_state(h.halt, as_of("2025-03-31")).unwrap();
    assert_eq!(now.violations.len(), 2);
    assert!(now.history.iter().any(|e| e.id == later && e.retraction.is_some()));
    assert_eq!(h.store.summary(h.halt, as_of("2025-03-31")).unwrap().unwrap().violations_30_days, 2);
    // As known before the retraction, it was still counted.
    let then = Viewpoint { known_on: Some(believed), ..as_of("2025-03-31") };
    assert_eq!(h.store.proposal_state(h.halt, then).unwrap().violations.len(), 3);
    assert_eq!(h.store.summary(h.halt, then).unwrap().unwrap().violations_30_days, 3);
}

#[test]
fn implementation_levels_over_time_give_a_score_of_the_conditions_they_cover() {
    let mut h = energy_halt();
    let condition = |text: &str| NewCondition {
        proposal: h.halt,
        raised_by: h.russia,
        directed_at: Some(h.ukraine),
        text: text.into(),
        kind: ConditionKind::Demand,
        category: ConditionCategory::Prisoners,
        raised_on: date("2025-03-18"),
        note: String::new(),
        sources: vec![],
    };
    let exchange =
        h.store.add_condition(&condition("Exchange of 175 prisoners of war on each side")).unwrap().id;
    let monitoring = h.store.add_condition(&condition("Monitoring of the halt")).unwrap().id;
    let unrecorded = h.store.add_condition(&condition("Wounded soldiers handed over")).unwrap().id;
    let implement = |condition: i64, level: ImplementationLevel, on: &str| {
        event(h.halt, Change::Implementation { condition, level }, on, "")
    };
    h.store.record(&implement(exchange, ImplementationLevel::Minimal, "2025-03-19")).unwrap();
    h.store.record(&implement(monitoring, ImplementationLevel::Full, "2025-03-25")).unwrap();

    let early = h.store.proposal_state(h.halt, as_of("2025-03-20")).unwrap();
    assert_eq!(early.implementation, Some(ImplementationScore { percent: 33, conditions: 1 }));
    let later = h.store.proposal_state(h.halt, as_of("2025-03-26")).unwrap();
    assert_eq!(
        later.implementation,
        Some(ImplementationScore { percent: 67, conditions: 2 }),
        "minimal and full"
    );
    let levels: Vec<Option<ImplementationLevel>> =
        later.conditions.iter().map(|c| c.implementation).collect();
    assert!(levels.contains(&Some(ImplementationLevel::Minimal)) && levels.contains(&None));
    assert!(later.conditions.iter().any(|c| c.id == unrecorded && c.implementation.is_none()));
    // The negotiation status of a condition stays what the talks said.
    assert!(later.conditions.iter().all(|c| c.status == ConditionStatus::Raised));
    assert_eq!(
        h.store.summary(h.halt, as_of("2025-03-26")).unwrap().unwrap().implementation,
        later.implementation
    );
    h.store.record(&implement(exchange, ImplementationLevel::Full, "2025-03-27")).unwrap();
    let done = h.store.proposal_state(h.halt, as_of("2025-03-28")).unwrap();
    assert_eq!(done.implementation, Some(ImplementationScore { percent: 100, conditions: 2 }));
}

#[test]
fn bad_violation_reports_are_refused_and_name_their_field() {
    let mut h = energy_halt();
    let mut bad = report(&h, h.ukraine, h.russia, "2025-03-19", false, "");
    bad.violation =
        Some(ViolationDetails { until: None, count: Some(5), unit: String::new(), place: String::new() });
    assert_eq!(h.store.record(&bad).unwrap_err().field(), Some("unit"));
    bad.violation =
        Some(ViolationDetails { until: None, count: Some(-5), unit: "drones".into(), place: String::new() });
    assert_eq!(h.store.record(&bad).unwrap_err().field(), Some("count"));
    bad.violation = Some(ViolationDetails {
        until: Some(date("2025-03-18")),
        count: None,
        unit: String::new(),
        place: String::new(),
    });
    let err = h.store.record(&NewEvent { occurred_on: date("2025-03-20"), ..bad.clone() }).unwrap_err();
    assert_eq!(err.field(), Some("until"), "{err}");
    let none = NewEvent {
        change: Change::Violation { reported_by: None, against: Some(h.russia), disputed: false },
        violation: None,
        ..bad
    };
    assert_eq!(h.store.record(&none).unwrap_err().field(), Some("reported_by"));
    assert_eq!(
        h.store.proposal_state(h.halt, Viewpoint::today()).unwrap().violations.len(),
        0,
        "nothing recorded"
    );
}
