//! A file the previous release wrote (schema 3: the demo, a party renamed, a proposal
//! retitled, an entry retracted) opens in this version with nothing lost: its retraction
//! becomes a record, its edits revisions with the values before and after, and every list
//! and history reads as the release printed it.

mod cli_support;

use std::path::Path;

use ceasefire_tracker::exchange::export;
use ceasefire_tracker::model::document::retraction_of;
use ceasefire_tracker::store::{backups, SCHEMA_VERSION};
use ceasefire_tracker::Store;
use cli_support::Tracker;
use serde_json::Value;

const FOLDER: &str = "tests/corpus/schema-3";

fn release_file() -> Tracker {
    let tracker = Tracker::new();
    std::fs::copy(Path::new(FOLDER).join("demo.db"), &tracker.db).unwrap();
    tracker
}

fn read(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(Path::new(FOLDER).join(name)).unwrap()).unwrap()
}

/// The list without its days in each status, which depend on the day it is read.
fn without_days(list: &Value) -> Value {
    let mut list = list.clone();
    for row in list.as_array_mut().unwrap() {
        row.as_object_mut().unwrap().remove("days_in_status");
    }
    list
}

/// True when every field of `old` is in `new` with the same value: this version may say more.
fn says_at_least(new: &Value, old: &Value) -> bool {
    match (new, old) {
        (Value::Object(new), Value::Object(old)) => {
            old.iter().all(|(key, value)| new.get(key).is_some_and(|found| says_at_least(found, value)))
        }
        (Value::Array(new), Value::Array(old)) => {
            new.len() == old.len() && new.iter().zip(old).all(|(new, old)| says_at_least(new, old))
        }
        _ => new == old,
    }
}

#[test]
fn a_file_of_the_previous_release_reads_as_it_did_and_keeps_its_history_as_records() {
    let tracker = release_file();
    let list = tracker.json(&["proposal", "list", "--json"]);
    // The release printed its days in each status on the day it ran; today they are as
    // many more as days have passed since, counted from the same status dates.
    let printed = read("list.json");
    assert!(
        says_at_least(&without_days(&list), &without_days(&printed)),
        "the list reads as the release printed it: {list:#}"
    );
    let today = ceasefire_tracker::model::rules::today();
    for row in list.as_array().unwrap() {
        let since: chrono::NaiveDate = row["status_since"].as_str().unwrap().parse().unwrap();
        assert_eq!(row["days_in_status"], (today - since).num_days(), "{row:#}");
    }
    let history = tracker.json(&["history", "1", "--json"]);
    assert!(says_at_least(&history, &read("history1.json")), "{history:#}");

    let store = Store::open(&tracker.db).unwrap();
    assert!(store.integrity_problems().unwrap().is_empty());
    // The release's file was copied before it changed shape.
    let kept = backups(&tracker.db);
    assert!(kept.backups.iter().any(|b| b.path.contains("schema-3")), "{kept:?}");

    let document = export(&store).unwrap();
    // The retraction made inside its event is a record of its own, the same on every machine.
    assert_eq!(document.retractions.len(), 1);
    let retraction = &document.retractions[0];
    assert_eq!(retraction.reason, "Entered twice");
    assert_eq!(retraction.uuid, retraction_of(&retraction.entry));
    // Each edit holds what the record was before and what it became.
    let renamed = document.revisions.iter().find(|r| r.table == "party").unwrap();
    assert_eq!(renamed.earlier["name"], "Russia");
    assert_eq!(renamed.changed_to["name"], "Russian Federation");
    let retitled = document.revisions.iter().find(|r| r.table == "proposal").unwrap();
    assert_eq!(retitled.changed_to["title"], "30-day halt on strikes against energy infrastructure");
    // The export carries the records as they were made; the edits are replayed on import.
    let russia = document.parties.iter().find(|p| p.uuid == renamed.record).unwrap();
    assert_eq!(russia.name, "Russia");
    let mut copy = Store::open_in_memory().unwrap();
    ceasefire_tracker::exchange::import(&mut copy, &document).unwrap();
    assert_eq!(copy.find_party("Russian Federation").unwrap().uuid, russia.uuid);
    assert_eq!(
        ceasefire_tracker::exchange::export_json(&copy).unwrap(),
        ceasefire_tracker::exchange::export_json(&store).unwrap()
    );
    assert_eq!(
        rusqlite::Connection::open(&tracker.db)
            .unwrap()
            .pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0))
            .unwrap(),
        SCHEMA_VERSION
    );
}

/// A version 1 document, as the previous release exported the same file, imports with the
/// same records: each one's uuid and what it says, its retraction and its edits.
#[test]
fn a_version_1_document_imports_with_nothing_changed() {
    let tracker = release_file();
    let release = Store::open(&tracker.db).unwrap();
    let text = std::fs::read_to_string(Path::new(FOLDER).join("export-v1.json")).unwrap();
    let v1: Value = serde_json::from_str(&text).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    ceasefire_tracker::exchange::import_json(&mut store, &text).unwrap();
    assert_eq!(
        ceasefire_tracker::exchange::export_json(&store).unwrap(),
        ceasefire_tracker::exchange::export_json(&release).unwrap(),
        "the document and the file it was exported from say the same"
    );
    // Every record of the version 1 document is there, by uuid.
    let document = export(&store).unwrap();
    for (list, count) in [
        ("parties", document.parties.len()),
        ("sources", document.sources.len()),
        ("proposals", document.proposals.len()),
        ("conditions", document.conditions.len()),
        ("events", document.events.len()),
        ("revisions", document.revisions.len()),
    ] {
        assert_eq!(v1[list].as_array().unwrap().len(), count, "{list}");
    }
}
