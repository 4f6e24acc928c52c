//! The team server's figures, against a throwaway PostgreSQL on this machine (the one the
//! tests start): the archive pushed to an empty server against a plain binary COPY of its
//! event rows, the archive pulled into an empty file against the JSON import of the same
//! archive, and a sync with nothing new.

use std::path::Path;
use std::time::Instant;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;

use ceasefire_tracker::exchange::{self, ChangeRecord, Document};
use ceasefire_tracker::model::Vocabulary;
use ceasefire_tracker::team::{self, Joining, ServerAccess};
use ceasefire_tracker::Store;

use super::figure::{median_millis, Figure, Target, Unit};

#[path = "../../tests/team_support/mod.rs"]
mod team_support;

const OWNER: &str = "bench_owner";
const PASSWORD: &str = "bench-owner-secret";

pub fn figures(archive: &Path, folder: &Path, show: &mut dyn FnMut(Figure)) {
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
    let started = Instant::now();
    copy_events(&cluster, &document);
    let floor = started.elapsed().as_secs_f64();
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

/// The floor: the archive's event rows written by one binary COPY straight into the event
/// table of an empty server, as its owner.
fn copy_events(cluster: &team_support::Cluster, document: &Document) {
    let mut client = cluster.connect(OWNER, PASSWORD, "floor").expect("the floor's database");
    let mut tx = client.transaction().expect("a transaction");
    let sink = tx
        .copy_in(
            "COPY tracker.event (uuid, proposal, kind, status, party, stance, role, condition, condition_status,
                                 against, disputed, unit, place, occurred_on, occurred_on_precision, note,
                                 sources, recorded_at, recorded_by, device, seq)
             FROM STDIN (FORMAT binary)",
        )
        .expect("COPY");
    let types = [
        Type::UUID,
        Type::UUID,
        Type::TEXT,
        Type::TEXT,
        Type::UUID,
        Type::TEXT,
        Type::TEXT,
        Type::UUID,
        Type::TEXT,
        Type::UUID,
        Type::BOOL,
        Type::TEXT,
        Type::TEXT,
        Type::DATE,
        Type::TEXT,
        Type::TEXT,
        Type::UUID_ARRAY,
        Type::TIMESTAMPTZ,
        Type::TEXT,
        Type::UUID,
        Type::INT8,
    ];
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let device = uuid::Uuid::new_v4();
    for (seq, event) in document.events.iter().enumerate() {
        let (kind, status, party, stance, role, condition, condition_status) = match &event.change {
            ChangeRecord::Status { status } => ("status", Some(status.code()), None, None, None, None, None),
            ChangeRecord::Stance { party, stance, role } => {
                ("stance", None, Some(*party), Some(stance.code()), Some(role.code()), None, None)
            }
            ChangeRecord::Condition { condition, status } => {
                ("condition", None, None, None, None, Some(*condition), Some(status.code()))
            }
            ChangeRecord::Violation { reported_by, .. } => {
                ("violation", None, *reported_by, None, None, None, None)
            }
            ChangeRecord::Implementation { condition, .. } => {
                ("implementation", None, None, None, None, Some(*condition), None)
            }
        };
        let recorded_at = chrono::DateTime::parse_from_rfc3339(&event.recorded_at)
            .expect("a recorded time")
            .with_timezone(&chrono::Utc);
        let (occurred_on, precision) = (event.occurred_on.first_day(), event.occurred_on.precision().code());
        let seq = seq as i64 + 1;
        writer
            .write(&[
                &event.uuid,
                &event.proposal,
                &kind,
                &status,
                &party,
                &stance,
                &role,
                &condition,
                &condition_status,
                &None::<uuid::Uuid>,
                &false,
                &"",
                &"",
                &occurred_on,
                &precision,
                &event.note,
                &event.sources,
                &recorded_at,
                &event.recorded_by,
                &device,
                &seq,
            ])
            .expect("a row");
    }
    writer.finish().expect("the COPY");
    tx.commit().expect("the commit");
}
