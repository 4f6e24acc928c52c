//! The mappings on the publishers' own files, which hold traps no written row will. The
//! files are not part of the project (their licences forbid it): download them and name
//! them in the environment, then run
//! `cargo test --release --test datasets_real -- --ignored --nocapture`:
//!
//! - `CFTRACK_PAX_FULL`: the full PA-X release (`pax_all_agreements_data.csv`)
//! - `CFTRACK_PAX_LIGHT`: the light PA-X release (38 columns)
//! - `CFTRACK_UCDP`: UCDP Peace Agreements (`ucdp-peace-agreements-*.csv`)
//! - `CFTRACK_ETHPRIO`: ETH/PRIO Civil Conflict Ceasefires
//!
//! A file not named is passed over.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use ceasefire_tracker::dataset::{self, Aliases, Dataset, DatasetKind};

fn file(variable: &str) -> Option<PathBuf> {
    std::env::var_os(variable).map(PathBuf::from)
}

fn read(kind: DatasetKind, variable: &str) -> Option<Dataset> {
    let path = file(variable)?;
    let aliases = Aliases::shipped();
    let started = Instant::now();
    let dataset = dataset::read(kind, &path, &aliases).unwrap_or_else(|e| panic!("{e}"));
    let took = started.elapsed();
    let parties: usize = dataset.agreements.iter().map(|a| a.parties.len()).sum();
    let provisions: usize = dataset.agreements.iter().map(|a| a.provisions.len()).sum();
    let links: usize = dataset.agreements.iter().map(|a| a.links.len()).sum();
    println!(
        "{variable}: {} agreements, {parties} parties, {provisions} provisions, {links} links, \
         {} skipped, {} notes, read in {:.1} ms",
        dataset.agreements.len(),
        dataset.skipped.len(),
        dataset.notes.len(),
        took.as_secs_f64() * 1000.0
    );
    for skipped in &dataset.skipped {
        println!("  skipped row {}: {}", skipped.row, skipped.reason);
    }
    for note in &dataset.notes {
        println!("  note row {} ({}): {}", note.row, note.origin, note.message);
    }
    Some(dataset)
}

fn minsk_ii(dataset: &Dataset) -> Option<&dataset::Agreement> {
    dataset.agreements.iter().find(|a| a.title.contains("Minsk") && a.date.iso() == "2015-02-12")
}

fn party_names(dataset: &Dataset) -> BTreeSet<&str> {
    dataset.agreements.iter().flat_map(|a| a.parties.iter().map(|p| p.name.as_str())).collect()
}

#[test]
#[ignore = "needs the publishers' files, named in the environment"]
fn the_publishers_files_read_and_minsk_ii_is_found_in_each() {
    let mut read_files = vec![];
    for (kind, variable) in [
        (DatasetKind::Pax, "CFTRACK_PAX_FULL"),
        (DatasetKind::Pax, "CFTRACK_PAX_LIGHT"),
        (DatasetKind::Ucdp, "CFTRACK_UCDP"),
    ] {
        let Some(dataset) = read(kind, variable) else { continue };
        read_files.push((variable, dataset));
        let dataset = &read_files.last().unwrap().1;
        let minsk =
            minsk_ii(dataset).unwrap_or_else(|| panic!("{variable}: no Minsk II dated 12 February 2015"));
        println!("  {}: {} on {}, links {:?}", minsk.origin, minsk.title, minsk.date, minsk.links);
        for party in &minsk.parties {
            println!(
                "    {} ({:?}, {:?}, {:?}) as \"{}\"",
                party.name, party.kind, party.role, party.stance, party.name_in_file
            );
        }
        for provision in &minsk.provisions {
            println!("    {:?}: {}", provision.category, provision.text);
        }
        for status in &minsk.statuses {
            println!("    {:?} on {}", status.status, status.on);
        }
    }
    if let Some(dataset) = read(DatasetKind::EthPrio, "CFTRACK_ETHPRIO") {
        let to_pax = dataset.agreements.iter().filter(|a| !a.links.is_empty()).count();
        println!("  {to_pax} ceasefires link to a PA-X agreement");
        read_files.push(("CFTRACK_ETHPRIO", dataset));
    }
    // How far the aliases make the datasets' parties meet.
    for (i, (one, first)) in read_files.iter().enumerate() {
        for (other, second) in &read_files[i + 1..] {
            let (a, b) = (party_names(first), party_names(second));
            println!(
                "{one}: {} parties, {other}: {}, in both: {}",
                a.len(),
                b.len(),
                a.intersection(&b).count()
            );
        }
    }
}

#[test]
#[ignore = "needs the full PA-X release, named in the environment"]
fn the_full_pax_release_reads_well_under_two_seconds() {
    let Some(path) = file("CFTRACK_PAX_FULL") else { return };
    let aliases = Aliases::shipped();
    let bytes = std::fs::read(&path).unwrap();
    let mut fastest = f64::MAX;
    for _ in 0..5 {
        let started = Instant::now();
        let dataset = dataset::read_bytes(DatasetKind::Pax, &bytes, "pax.csv", &aliases).unwrap();
        fastest = fastest.min(started.elapsed().as_secs_f64());
        assert!(dataset.agreements.len() > 1000);
    }
    println!("the full PA-X release: {:.1} ms at best of 5", fastest * 1000.0);
    assert!(fastest < 2.0, "{fastest} s");
}
