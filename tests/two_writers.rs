//! The window and `cftrack` writing to one file at the same moment: each write waits for
//! the other's to end (the busy timeout) and none is refused with "database is locked".

use std::path::Path;
use std::process::Command;
use std::thread;

use ceasefire_tracker::model::*;
use ceasefire_tracker::Store;

fn cftrack(db: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .env_remove("CFTRACK_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("cftrack runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cftrack {args:?} failed while another program wrote: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

fn new_party(name: String) -> NewParty {
    NewParty { name, kind: PartyKind::Organization, member_of: None, note: "Observer mission".into() }
}

#[test]
fn the_window_and_two_cftrack_runs_write_at_once() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("tracker.db");
    cftrack(&db, &["init"]);
    let rounds = 40;

    thread::scope(|scope| {
        // The window: one connection kept open, reading and writing between the others.
        scope.spawn(|| {
            let mut window = Store::open(&db).unwrap();
            for n in 0..rounds {
                window.add_party(&new_party(format!("Window party {n}"))).unwrap();
                window.summaries(Viewpoint::today()).unwrap();
            }
        });
        // A script adding parties, and another recording proposals and their status.
        scope.spawn(|| {
            for n in 0..rounds {
                cftrack(&db, &["party", "add", &format!("Script party {n}"), "--kind", "organization"]);
            }
        });
        scope.spawn(|| {
            let mediator = cftrack(&db, &["party", "add", "Mediator", "--kind", "organization"]);
            for n in 0..rounds / 2 {
                let title = format!("Proposal {n}");
                cftrack(&db, &["proposal", "add", &title, "--by", mediator.trim(), "--on", "2025-03-11"]);
                cftrack(&db, &["status", "set", &title, "agreed", "--on", "2025-03-12"]);
            }
        });
    });

    let store = Store::open(&db).unwrap();
    assert_eq!(store.parties().unwrap().len(), 2 * rounds + 1);
    assert_eq!(store.proposals().unwrap().len(), rounds / 2);
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn a_write_waits_for_a_large_import_in_another_process() {
    let folder = tempfile::tempdir().unwrap();
    let origin = folder.path().join("origin.db");
    let mut store = Store::open(&origin).unwrap();
    store
        .all_or_nothing(|store| {
            for n in 0..300 {
                store.add_party(&new_party(format!("Imported party {n}")))?;
            }
            Ok(())
        })
        .unwrap();
    let document = folder.path().join("parties.json");
    std::fs::write(&document, ceasefire_tracker::exchange::export_json(&store).unwrap()).unwrap();

    let db = folder.path().join("tracker.db");
    let mut window = Store::open(&db).unwrap();
    let import = Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .env_remove("CFTRACK_DB")
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&document)
        .spawn()
        .unwrap();
    for n in 0..30 {
        window.add_party(&new_party(format!("Typed while importing {n}"))).unwrap();
    }
    assert!(import.wait_with_output().unwrap().status.success());
    assert_eq!(window.parties().unwrap().len(), 330);
}

#[test]
fn the_data_version_changes_with_a_write_here_or_by_another_program_and_only_then() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("tracker.db");
    cftrack(&db, &["init"]);
    let mut window = Store::open(&db).unwrap();
    let first = window.data_version().unwrap();
    window.summaries(Viewpoint::today()).unwrap();
    assert_eq!(window.data_version().unwrap(), first, "a read changed the version");

    window.add_party(&new_party("Window party".into())).unwrap();
    let after_own_write = window.data_version().unwrap();
    assert_ne!(after_own_write, first, "the window's own write left the version as it was");

    cftrack(&db, &["party", "add", "Script party", "--kind", "organization"]);
    assert_ne!(window.data_version().unwrap(), after_own_write, "another program's write went unseen");
}
