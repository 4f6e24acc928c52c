//! The research datasets' import: the full PA-X release into a new file, and a file of
//! 10,000 agreements against writing the same records with a plain insert loop.
//!
//! The publishers' files are not part of the project, so the benchmark writes a full PA-X
//! release of the size wanted from the first row of the test corpus (all 279 columns, every
//! provision the mapping reads), varying the id, title, date and country. With
//! `CFTRACK_PAX_FULL` naming a downloaded release, the first figure uses that file instead.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::Connection;

use ceasefire_tracker::dataset::{self, Aliases, Dataset, DatasetKind};
use ceasefire_tracker::Store;

use crate::figure::{Figure, Target, Unit};
use crate::floor;

/// The full PA-X release's number of agreements (version 9).
const PAX_AGREEMENTS: usize = 2_144;

/// The countries the written rows take turns at, so that parties meet across agreements.
const CONTEXTS: [&str; 6] = [
    "Ukraine/Russia/(Donbas)",
    "Colombia",
    "Sudan/(South Sudan)",
    "Philippines/(Mindanao)",
    "Yemen",
    "Armenia/Azerbaijan/(Nagorno-Karabakh)",
];

pub fn figures(folder: &Path, show: &mut dyn FnMut(Figure)) {
    let (file, what) = match std::env::var_os("CFTRACK_PAX_FULL") {
        Some(path) => (PathBuf::from(path), "the release named by CFTRACK_PAX_FULL"),
        None => {
            let path = folder.join("pax-full-written.csv");
            std::fs::write(&path, pax_full(PAX_AGREEMENTS)).expect("the written release");
            (path, "a written release of 2,144 agreements")
        }
    };
    println!("# dataset_pax_full: {what}");
    let (millis, _) = import(folder, &file, 3);
    show(Figure {
        name: "dataset_pax_full",
        unit: Unit::Millis,
        value: millis,
        floor: None,
        target: Target { bound: Some(2_000.0), ratio: None },
    });

    let file = folder.join("pax-10000-written.csv");
    std::fs::write(&file, pax_full(10_000)).expect("the written file");
    let (millis, floor_millis) = import(folder, &file, 3);
    let per_second = |millis: f64| 10_000.0 / (millis / 1000.0);
    show(Figure {
        name: "dataset_10000_rows",
        unit: Unit::AgreementsPerSecond,
        value: per_second(millis),
        floor: Some(per_second(floor_millis)),
        target: Target { bound: None, ratio: Some(2.0) },
    });
}

/// The median of `runs` imports of `file` into a new database (reading the file, working
/// out the records, writing them), and of a plain insert loop of the same records.
fn import(folder: &Path, file: &Path, runs: usize) -> (f64, f64) {
    let mut times = Vec::new();
    let mut floors = Vec::new();
    for _ in 0..runs {
        let path = fresh(folder, "dataset.db");
        let mut store = Store::open(&path).expect("open");
        let started = Instant::now();
        let read: Dataset = dataset::read(DatasetKind::Pax, file, &Aliases::shipped()).expect("the file");
        dataset::record(&mut store, &read).expect("the import");
        times.push(started.elapsed().as_secs_f64() * 1000.0);

        let document =
            dataset::plan(&Store::open_in_memory().expect("a store"), &read).expect("plan").document;
        let path = fresh(folder, "dataset-floor.db");
        let mut conn = Connection::open(&path).expect("open");
        let started = Instant::now();
        floor::insert(&mut conn, &document);
        floors.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    floors.sort_by(f64::total_cmp);
    (times[runs / 2], floors[runs / 2])
}

/// A new database file with the current schema, replacing an earlier run's.
fn fresh(folder: &Path, name: &str) -> PathBuf {
    let path = folder.join(name);
    for leftover in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{leftover}", path.display()));
    }
    Store::open(&path).expect("a new database");
    path
}

/// A full PA-X release of `agreements` rows, each the corpus's first row with its own id,
/// title, date and country.
fn pax_full(agreements: usize) -> Vec<u8> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/datasets/pax-full.csv");
    let mut reader = csv::Reader::from_path(&corpus).expect("the corpus");
    let header = reader.headers().expect("a header").clone();
    let template = reader.records().next().expect("a row").expect("a row");
    let column = |name: &str| header.iter().position(|h| h == name).expect("a PA-X column");
    let (id, title, date, country, ucdp) =
        (column("AgtId"), column("Agt"), column("Dat"), column("Con"), column("UcdpAgr"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).expect("the header");
    for i in 0..agreements {
        let mut row: Vec<String> = template.iter().map(str::to_string).collect();
        row[id] = (100_000 + i).to_string();
        row[title] = format!("Agreement on the cessation of hostilities, round {}", i + 1);
        row[date] = format!("{}-{:02}-{:02}", 1990 + i % 33, 1 + i % 12, 1 + i % 28);
        row[country] = CONTEXTS[i % CONTEXTS.len()].to_string();
        row[ucdp] = String::new();
        writer.write_record(&row).expect("a row");
    }
    writer.into_inner().expect("the file")
}
