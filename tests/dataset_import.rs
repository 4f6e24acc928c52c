//! The research datasets recorded into a file: imported twice, in either order, from a
//! newer release, or from the wrong file, the file ends up holding what the analyst expects
//! and nothing they typed is lost.

use std::collections::BTreeSet;
use std::path::PathBuf;

use ceasefire_tracker::dataset::{self, Aliases, Dataset, DatasetKind};
use ceasefire_tracker::model::*;
use ceasefire_tracker::Store;

const MINSK_II: &str = "Package of Measures for the Implementation of the Minsk Agreements (Minsk II)";

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/datasets").join(name)
}

fn read(kind: DatasetKind, name: &str) -> Dataset {
    dataset::read(kind, &corpus(name), &Aliases::shipped()).unwrap_or_else(|e| panic!("{e}"))
}

fn read_text(kind: DatasetKind, text: &str) -> Dataset {
    dataset::read_bytes(kind, text.as_bytes(), "newer.csv", &Aliases::shipped())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn now() -> Viewpoint {
    Viewpoint::today()
}

/// Each proposal as its title and origins ("PA-X 1364"), the way a reader compares two files.
fn proposals_and_origins(store: &Store) -> BTreeSet<(String, Vec<String>)> {
    store
        .proposals()
        .unwrap()
        .into_iter()
        .map(|proposal| {
            let state = store.proposal_state(proposal.id, now()).unwrap();
            let mut origins: Vec<String> =
                state.origins.iter().map(|o| format!("{} {}", o.dataset, o.id)).collect();
            origins.sort();
            (proposal.title, origins)
        })
        .collect()
}

fn minsk(store: &Store) -> ProposalState {
    let proposal = store.find_proposal(MINSK_II).unwrap();
    store.proposal_state(proposal.id, now()).unwrap()
}

#[test]
fn importing_the_same_release_again_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let pax = read(DatasetKind::Pax, "pax-full.csv");
    let (first, imported) = dataset::record(&mut store, &pax).unwrap();
    assert!(first.added.proposals > 0 && imported.added > 0);
    assert!(!first.skipped.is_empty(), "the corpus has rows without a usable date");
    let before = store.document().unwrap();

    let (second, again) = dataset::record(&mut store, &pax).unwrap();
    assert_eq!(second.added, dataset::Counts::default(), "{second:?}");
    assert_eq!(second.updated.proposals, 0);
    assert_eq!(second.unchanged.proposals, first.added.proposals);
    assert_eq!(again.added, 0);
    assert_eq!(store.document().unwrap(), before);
}

#[test]
fn an_agreement_two_archives_list_is_one_proposal_whichever_comes_first() {
    let mut pax_first = Store::open_in_memory().unwrap();
    dataset::record(&mut pax_first, &read(DatasetKind::Pax, "pax-full.csv")).unwrap();
    dataset::record(&mut pax_first, &read(DatasetKind::Ucdp, "ucdp.csv")).unwrap();

    let mut ucdp_first = Store::open_in_memory().unwrap();
    dataset::record(&mut ucdp_first, &read(DatasetKind::Ucdp, "ucdp.csv")).unwrap();
    dataset::record(&mut ucdp_first, &read(DatasetKind::Pax, "pax-full.csv")).unwrap();

    let minsk_origins = |store: &Store| {
        let mut origins: Vec<String> =
            minsk_by_origin(store).origins.iter().map(|o| format!("{} {}", o.dataset, o.id)).collect();
        origins.sort();
        origins
    };
    assert_eq!(minsk_origins(&pax_first), ["PA-X 1364", "UCDP 1537"]);
    assert_eq!(minsk_origins(&ucdp_first), ["PA-X 1364", "UCDP 1537"]);
    let counted = |store: &Store| store.proposals().unwrap().len();
    assert_eq!(counted(&pax_first), counted(&ucdp_first));
    // The same origins on the same number of proposals; the title is the first archive's.
    let origins_only = |store: &Store| {
        proposals_and_origins(store).into_iter().map(|(_, origins)| origins).collect::<BTreeSet<_>>()
    };
    assert_eq!(origins_only(&pax_first), origins_only(&ucdp_first));

    let state = minsk_by_origin(&pax_first);
    let parties: BTreeSet<&str> = state.stances.iter().map(|s| s.party.as_str()).collect();
    assert!(parties.contains("Ukraine") && parties.contains("Russia"), "{parties:?}");
}

/// Minsk II as found by its PA-X origin, whatever its title.
fn minsk_by_origin(store: &Store) -> ProposalState {
    store
        .proposals()
        .unwrap()
        .into_iter()
        .map(|p| store.proposal_state(p.id, now()).unwrap())
        .find(|state| state.origins.iter().any(|o| o.dataset == "PA-X" && o.id == "1364"))
        .expect("Minsk II imported")
}

#[test]
fn a_newer_release_updates_what_changed_and_keeps_what_the_analyst_added() {
    let mut store = Store::open_in_memory().unwrap();
    dataset::record(&mut store, &read(DatasetKind::Pax, "pax-full.csv")).unwrap();
    let minsk_id = minsk(&store).proposal.id;
    let ukraine = store.find_party("Ukraine").unwrap().id;
    let note = "Kyiv says the package is dead";
    store
        .record(&NewEvent {
            proposal: minsk_id,
            change: Change::Stance { party: ukraine, stance: Stance::WithdrewSupport, role: Role::Party },
            occurred_on: "2022-02-22".parse().unwrap(),
            note: note.into(),
            sources: vec![],
            extension: None,
            violation: None,
        })
        .unwrap();

    // The analyst corrects the scope, which the newer release leaves as it was.
    let proposal = store.proposal(minsk_id).unwrap();
    let corrected = NewProposal {
        title: proposal.title.clone(),
        summary: proposal.summary.clone(),
        full_text: proposal.full_text.clone(),
        proposed_by: proposal.proposed_by,
        proposer_role: Role::Party,
        proposed_on: proposal.proposed_on,
        kind: proposal.kind,
        scope: "Donetsk and Luhansk regions".into(),
        duration_days: proposal.duration_days,
        process: proposal.process.clone(),
        supersedes: None,
        co_proposers: vec![],
        phase_of: None,
        phase: None,
        sources: vec![],
    };
    store.edit_proposal(minsk_id, &corrected).unwrap();

    let original = std::fs::read_to_string(corpus("pax-full.csv")).unwrap();
    let retitled = MINSK_II.replace("Package of Measures", "Set of Measures");
    let newer = original.replacen(MINSK_II, &retitled, 1);
    assert_ne!(newer, original);
    let (summary, _) = dataset::record(&mut store, &read_text(DatasetKind::Pax, &newer)).unwrap();
    assert_eq!(summary.updated.proposals, 1, "{summary:?}");
    assert_eq!(summary.added.proposals, 0);

    let state = minsk_by_origin(&store);
    assert_eq!(state.proposal.id, minsk_id, "the same proposal, updated in place");
    assert_eq!(state.proposal.title, retitled);
    assert_eq!(state.proposal.scope, "Donetsk and Luhansk regions", "the analyst's correction stays");
    assert!(
        state.edits.iter().any(|edit| edit.changes.iter().any(|line| line.contains("Set of Measures"))),
        "the new title is an edit the history shows: {:?}",
        state.edits
    );
    let history = store.history(minsk_id).unwrap();
    assert!(history.iter().any(|entry| entry.note == note), "the analyst's entry is still there");
}

#[test]
fn a_file_of_the_wrong_dataset_is_refused_and_writes_nothing() {
    let store = Store::open_in_memory().unwrap();
    let refused = dataset::read(DatasetKind::Pax, &corpus("ucdp.csv"), &Aliases::shipped());
    let message = refused.expect_err("a UCDP file is not PA-X").to_string();
    assert!(message.contains("UCDP"), "the message names what the file is: {message}");
    assert!(store.proposals().unwrap().is_empty());
    // And the preview of a good file writes nothing either.
    let planned = dataset::plan(&store, &read(DatasetKind::EthPrio, "ethprio.csv")).unwrap();
    assert!(planned.summary.added.proposals > 0);
    assert!(store.proposals().unwrap().is_empty());
    assert!(store.parties().unwrap().is_empty());
}

#[test]
fn the_preview_counts_what_the_import_then_does() {
    let mut store = Store::open_in_memory().unwrap();
    let ucdp = read(DatasetKind::Ucdp, "ucdp.csv");
    let previewed = dataset::plan(&store, &ucdp).unwrap().summary;
    let (done, _) = dataset::record(&mut store, &ucdp).unwrap();
    assert_eq!(previewed.added, done.added);
    assert_eq!(previewed.skipped, done.skipped);
    assert_eq!(store.proposals().unwrap().len(), done.added.proposals);
}
