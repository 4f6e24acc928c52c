//! The standing table the proposals list reads must say what the events say: on every
//! date, after every kind of write, and in a database made before the table existed.

use chrono::{Duration, NaiveDate, Utc};
use rusqlite::Connection;

use ceasefire_tracker::demo::load_demo;
use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::model::{
    Change, ConditionStatus, EventDate, NewEvent, ProposalStatus, Role, Stance, Viewpoint,
};
use ceasefire_tracker::{exchange, Store};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Dates from the start of `first_year` to today, every `months` months, and today.
fn dates(first_year: i32, months: u32) -> Vec<NaiveDate> {
    let today = Utc::now().date_naive();
    let mut dates = Vec::new();
    let mut date = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap();
    while date < today {
        dates.push(date);
        date = date.checked_add_months(chrono::Months::new(months)).unwrap();
    }
    dates.push(today);
    dates
}

/// The list as of `as_of` from the standing table (as known now) equals the list read
/// from the events (as known on a time after every write).
fn assert_list_agrees(store: &Store, as_of: NaiveDate) {
    let from_standing = store.summaries(Viewpoint::as_of(as_of)).unwrap();
    let later = Utc::now() + Duration::days(1);
    let from_events = store.summaries(Viewpoint { as_of, known_on: Some(later) }).unwrap();
    assert_eq!(from_standing, from_events, "the lists as of {as_of} differ");
    // One proposal's line, read alone after a change to it, is its line in the list.
    let proposals: Vec<i64> =
        store.summaries(Viewpoint::today()).unwrap().iter().map(|line| line.id).collect();
    for id in proposals {
        let alone = store.summary(id, Viewpoint::as_of(as_of)).unwrap();
        assert_eq!(
            alone.as_ref(),
            from_standing.iter().find(|line| line.id == id),
            "proposal {id} as of {as_of}"
        );
    }
}

fn shape(seed: u64) -> Shape {
    Shape { proposals: 40, parties: 12, events_per_proposal: 30, seed }
}

#[test]
fn a_generated_archive_lists_the_same_from_its_standing_and_its_events_on_every_date() {
    let mut store = Store::open_in_memory().unwrap();
    gen::fill(&mut store, shape(7)).unwrap();
    for as_of in dates(1990, 7) {
        assert_list_agrees(&store, as_of);
    }
}

#[test]
fn recording_and_retracting_keep_the_standing_true() {
    let mut store = Store::open_in_memory().unwrap();
    load_demo(&mut store).unwrap();
    let check = |store: &Store| {
        for as_of in ["2025-03-10", "2025-03-11", "2025-03-13", "2025-03-16", "2025-03-18", "2025-04-01"] {
            assert_list_agrees(store, day(as_of));
        }
        assert_list_agrees(store, Utc::now().date_naive());
    };
    check(&store);

    let proposal = store.proposals().unwrap()[0].clone();
    let party = store.parties().unwrap().last().unwrap().id;
    let event = |change, on: &str| NewEvent {
        proposal: proposal.id,
        change,
        occurred_on: on.parse::<EventDate>().unwrap(),
        note: String::new(),
        sources: vec![],
        extension: None,
        violation: None,
    };
    // A status recorded late but dated back, between earlier entries.
    let late =
        store.record(&event(Change::Status { status: ProposalStatus::Rejected }, "2025-03-12")).unwrap();
    check(&store);
    let stance = Change::Stance { party, stance: Stance::Opposes, role: Role::Observer };
    let opposed = store.record(&event(stance, "2025-03-14")).unwrap();
    check(&store);
    let conditions = store.proposal_state(proposal.id, Viewpoint::today()).unwrap().all_conditions;
    if let Some(condition) = conditions.first() {
        let met = Change::Condition { condition: condition.id, status: ConditionStatus::Met };
        store.record(&event(met, "2025-03-17")).unwrap();
        check(&store);
    }
    store.retract(late.id, "Entered in error").unwrap();
    check(&store);
    store.retract(opposed.id, "Wrong party").unwrap();
    check(&store);
    let several = [
        event(Change::Status { status: ProposalStatus::InEffect }, "2025-03-19"),
        event(Change::Status { status: ProposalStatus::Violated }, "2025-03-19"),
    ];
    store.record_all(&several).unwrap();
    check(&store);
    let today = store.summaries(Viewpoint::today()).unwrap();
    let line = today.iter().find(|s| s.id == proposal.id).unwrap();
    assert_eq!(line.status, Some(ProposalStatus::Violated), "the later of two entries on one day wins");
}

#[test]
fn an_import_writes_the_standing_of_the_proposals_it_brings() {
    let mut source = Store::open_in_memory().unwrap();
    gen::fill(&mut source, shape(11)).unwrap();
    let document = exchange::export_json(&source).unwrap();
    let mut target = Store::open_in_memory().unwrap();
    load_demo(&mut target).unwrap();
    exchange::import_json(&mut target, &document).unwrap();
    for as_of in dates(1990, 11) {
        assert_list_agrees(&target, as_of);
    }
    assert_eq!(target.summaries(Viewpoint::today()).unwrap().len(), 40 + source_demo_count());
}

#[test]
fn an_import_of_later_events_rewrites_the_standing_of_the_proposals_stored_before() {
    let mut source = Store::open_in_memory().unwrap();
    gen::fill(&mut source, shape(12)).unwrap();
    let mut target = Store::open_in_memory().unwrap();
    exchange::import_json(&mut target, &exchange::export_json(&source).unwrap()).unwrap();

    // Later news where the archive was made, some of it dated back between earlier entries.
    let proposals = source.proposals().unwrap();
    let event = |proposal: i64, status, on: &str| NewEvent {
        proposal,
        change: Change::Status { status },
        occurred_on: on.parse::<EventDate>().unwrap(),
        note: String::new(),
        sources: vec![],
        extension: None,
        violation: None,
    };
    let later = [
        event(proposals[0].id, ProposalStatus::Collapsed, "2025-06"),
        event(proposals[1].id, ProposalStatus::Unclear, &proposals[1].proposed_on.iso()),
        event(proposals[2].id, ProposalStatus::Agreed, "2025-06-30"),
        event(proposals[2].id, ProposalStatus::InEffect, "2025-06-30"),
    ];
    source.record_all(&later).unwrap();
    let imported = exchange::import_json(&mut target, &exchange::export_json(&source).unwrap()).unwrap();
    assert_eq!(imported.added, later.len());

    for as_of in dates(1990, 11) {
        assert_list_agrees(&target, as_of);
    }
    assert_eq!(target.summaries(Viewpoint::today()).unwrap(), source.summaries(Viewpoint::today()).unwrap());
}

fn source_demo_count() -> usize {
    let mut demo = Store::open_in_memory().unwrap();
    load_demo(&mut demo).unwrap();
    demo.proposals().unwrap().len()
}

#[test]
fn a_database_made_before_the_standing_table_gets_it_when_opened() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tracker.db");
    let current = folder.path().join("current.db");
    let expected = {
        let mut store = Store::open(&current).unwrap();
        gen::fill(&mut store, shape(3)).unwrap();
        store.summaries(Viewpoint::today()).unwrap()
    };
    {
        // As the first version left it: the tables of schema 1, no standing table.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/0001_initial.sql")).unwrap();
        conn.execute("ATTACH ?1 AS current", [current.to_str().unwrap()]).unwrap();
        for table in ["party", "source", "proposal", "condition", "event", "event_source", "revision"] {
            let columns: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap()
                .query_map([], |row| row.get::<_, String>(0))
                .unwrap()
                .map(|name| match name.unwrap().as_str() {
                    "changed_at" => "recorded_at".to_string(),
                    name => name.to_string(),
                })
                .collect();
            let copy = format!("INSERT INTO main.{table} SELECT {} FROM current.{table}", columns.join(", "));
            conn.execute_batch(&copy).unwrap();
        }
        conn.execute_batch("DETACH current; PRAGMA user_version = 1;").unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.summaries(Viewpoint::today()).unwrap(), expected);
    for as_of in dates(1990, 13) {
        assert_list_agrees(&store, as_of);
    }
}
