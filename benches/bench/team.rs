//! The team server's figures, against a throwaway PostgreSQL on this machine (the one the
//! tests start): the archive pushed to an empty server against a plain binary COPY of the
//! same rows, the archive pulled into an empty file against the JSON import of the same
//! archive, and a sync with nothing new.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

use ceasefire_tracker::exchange;
use ceasefire_tracker::team::{self, Joining, ServerAccess};
use ceasefire_tracker::Store;

use super::figure::{median_millis, Figure, Target, Unit};

#[path = "../../tests/team_support/mod.rs"]
mod team_support;

const OWNER: &str = "bench_owner";
const PASSWORD: &str = "bench-owner-secret";

pub fn figures(archive: &Path, folder: &Path, show: &mut dyn FnMut(Figure)) {
    if !team_support::installed() {
        println!("# PostgreSQL is not installed (make test installs it): the team's figures are left out");
        return;
    }
    // Joining writes the analyst's settings: the benchmark's own, not the user's.
    std::env::set_var("CFTRACK_SETTINGS", folder.join("team-settings.json"));
    let cluster = team_support::Cluster::start();
    cluster.database_for("pushed", OWNER, PASSWORD);
    cluster.database_for_owner("floor", OWNER);
    let url = cluster.url(OWNER, "pushed");
    for database in ["pushed", "floor"] {
        let access = ServerAccess { url: &cluster.url(OWNER, database), password: PASSWORD, ca_file: None };
        team::setup(&access).expect("the team's schema");
    }

    let sender = fresh(folder, "team-push.db");
    Store::open(archive).expect("the archive").backup_to(&sender).expect("a copy of the archive");
    let mut store = Store::open(&sender).expect("the copy");
    let document = exchange::export(&store).expect("the archive as records");
    let events = document.events.len() as f64;
    join(&mut store, &url);
    let started = Instant::now();
    let synced = team::sync_with(&mut store, PASSWORD).expect("the push");
    let push = started.elapsed().as_secs_f64();
    let floor = copy_same_rows(&cluster);
    println!("# team: pushed {} records ({events} events) in {push:.1} s", synced.pushed);
    show(Figure {
        name: "team_push",
        unit: Unit::EventsPerSecond,
        value: events / push,
        floor: Some(events / floor),
        target: Target { bound: None, ratio: Some(2.0) },
    });
    drop(store);

    let receiver = fresh(folder, "team-pull.db");
    let mut store = Store::open(&receiver).expect("an empty file");
    join(&mut store, &url);
    let started = Instant::now();
    let synced = team::sync_with(&mut store, PASSWORD).expect("the pull");
    let pull = started.elapsed().as_secs_f64();
    let text = serde_json::to_string(&document).expect("JSON");
    drop(document);
    let imported = fresh(folder, "team-import.db");
    let mut json_store = Store::open(&imported).expect("an empty file");
    let started = Instant::now();
    exchange::import_json(&mut json_store, &text).expect("the import");
    let import = started.elapsed().as_secs_f64();
    println!("# team: pulled {} records in {pull:.1} s; the JSON import took {import:.1} s", synced.pulled);
    show(Figure {
        name: "team_pull",
        unit: Unit::EventsPerSecond,
        value: events / pull,
        floor: Some(events / import),
        target: Target { bound: None, ratio: Some(2.0) },
    });

    let nothing_new = median_millis(15, || team::sync_with(&mut store, PASSWORD).expect("a sync"));
    show(Figure {
        name: "team_sync_nothing_new",
        unit: Unit::Millis,
        value: nothing_new,
        floor: None,
        target: Target { bound: Some(50.0), ratio: None },
    });
}

/// A new, empty database file at `name` in `folder`.
fn fresh(folder: &Path, name: &str) -> std::path::PathBuf {
    let path = folder.join(name);
    for leftover in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{leftover}", path.display()));
    }
    path
}

fn join(store: &mut Store, url: &str) {
    let joining = Joining { url, user: None, ca_file: None, password: PASSWORD, keep_password: false };
    team::join(store, &joining).expect("joining the team");
}

/// The floor: the very rows the push wrote, written again by one binary COPY per table
/// straight into the tables of an empty server, as their owner, in one transaction. The
/// rows are read out of the pushed server beforehand, and that is not timed. Returns the
/// seconds the COPY took.
fn copy_same_rows(cluster: &team_support::Cluster) -> f64 {
    let mut pushed = cluster.connect(OWNER, PASSWORD, "pushed").expect("the pushed database");
    let mut rows = Vec::new();
    for table in TABLES {
        let mut bytes = Vec::new();
        let mut reader =
            pushed.copy_out(&format!("COPY tracker.{table} TO STDOUT (FORMAT binary)")).expect("COPY out");
        reader.read_to_end(&mut bytes).expect("the rows");
        rows.push((table, bytes));
    }
    let mut client = cluster.connect(OWNER, PASSWORD, "floor").expect("the floor's database");
    let started = Instant::now();
    let mut tx = client.transaction().expect("a transaction");
    for (table, bytes) in &rows {
        let mut writer =
            tx.copy_in(&format!("COPY tracker.{table} FROM STDIN (FORMAT binary)")).expect("COPY in");
        writer.write_all(bytes).expect("the rows");
        writer.finish().expect("the COPY");
    }
    tx.commit().expect("the commit");
    started.elapsed().as_secs_f64()
}

/// The server's tables of records.
const TABLES: [&str; 9] =
    ["party", "source", "proposal", "condition", "event", "retraction", "revision", "link", "origin"];
