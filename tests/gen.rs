//! `cftrack gen` and the generator behind it: the same seed gives the same archive, and
//! the archive holds what a real one would, valid by the core's rules.

mod cli_support;

use std::collections::HashSet;

use chrono::Utc;

use ceasefire_tracker::exchange::{self, ChangeRecord};
use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::model::{ProposalStatus, Viewpoint};
use ceasefire_tracker::Store;
use cli_support::Tracker;

fn shape(seed: u64) -> Shape {
    Shape { proposals: 60, parties: 20, events_per_proposal: 40, seed }
}

fn export_of(shape: Shape) -> String {
    let mut store = Store::open_in_memory().unwrap();
    gen::fill(&mut store, shape).unwrap();
    exchange::export_json(&store).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_archive_and_another_seed_another() {
    let first = export_of(shape(5));
    assert_eq!(first, export_of(shape(5)));
    assert_ne!(first, export_of(shape(6)));
}

#[test]
fn the_archive_reads_like_a_real_one_and_keeps_the_rules() {
    let document = gen::generate(shape(9)).unwrap();
    assert_eq!(document.proposals.len(), 60);
    assert_eq!(document.parties.len(), 20);
    let events = document.events.len();
    assert!((60 * 40 / 2..60 * 40 * 2).contains(&events), "{events} events");

    let today = Utc::now().date_naive();
    let proposed: std::collections::HashMap<_, _> =
        document.proposals.iter().map(|p| (p.uuid, p.proposed_on.first_day())).collect();
    for event in &document.events {
        assert!(event.occurred_on.first_day() <= today, "an event in the future");
        assert!(event.occurred_on.first_day() >= proposed[&event.proposal], "an event before its proposal");
    }
    let statuses: HashSet<ProposalStatus> = document
        .events
        .iter()
        .filter_map(|e| match e.change {
            ChangeRecord::Status { status } => Some(status),
            _ => None,
        })
        .collect();
    assert!(statuses.len() >= 6, "statuses follow several paths: {statuses:?}");
    assert!(!document.retractions.is_empty(), "some entries are retracted");
    assert!(document.events.iter().any(|e| matches!(e.change, ChangeRecord::Condition { .. })));
    assert!(!document.conditions.is_empty() && !document.sources.is_empty());
    assert!(document.proposals.iter().any(|p| p.supersedes.is_some()), "some proposals replace others");

    let mut store = Store::open_in_memory().unwrap();
    exchange::import(&mut store, &document).unwrap();
    assert!(store.integrity_problems().unwrap().is_empty());
    let listed = store.summaries(Viewpoint::today()).unwrap();
    assert_eq!(listed.len(), 60);
    assert!(listed.iter().all(|s| s.status.is_some()));
}

#[test]
fn cftrack_gen_fills_a_new_database_and_refuses_one_with_data() {
    let tracker = Tracker::new();
    let said = tracker.ok(&["gen", "--proposals", "12", "--parties", "6", "--events-per-proposal", "10"]);
    assert!(said.starts_with("Generated 12 proposals, 6 parties"), "{said}");
    let list = tracker.json(&["proposal", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 12);
    tracker
        .refuses(&["gen", "--proposals", "3"], "the database already holds data; generate into a new file");
    let run = Tracker::new().run(&["gen", "--proposals", "3", "--parties", "1"]);
    assert_ne!(run.code, Some(0));
    assert!(run.stderr.contains("--parties"), "{}", run.stderr);
}

#[test]
fn an_import_into_an_empty_database_keeps_every_index_of_the_schema() {
    let indexes = |path: &std::path::Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut statement =
            conn.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").unwrap();
        let rows = statement.query_map([], |row| row.get::<_, Option<String>>(0)).unwrap();
        rows.map(|sql| sql.unwrap().unwrap_or_default()).collect()
    };
    let folder = tempfile::tempdir().unwrap();
    let fresh = folder.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    let filled = folder.path().join("filled.db");
    let mut store = Store::open(&filled).unwrap();
    gen::fill(&mut store, shape(4)).unwrap();
    assert!(store.integrity_problems().unwrap().is_empty());
    drop(store);
    assert_eq!(indexes(&filled), indexes(&fresh));
}
