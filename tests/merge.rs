//! Two analysts, one record of the talks: files made apart merge exactly.
//!
//! Every change is a record named by uuid, so merging is a union: whatever each side did
//! offline, after each imports the other's export both hold the same records, nothing
//! either recorded is missing, importing again changes nothing, and the order in which
//! several files are merged does not matter.

use std::collections::BTreeSet;

use ceasefire_tracker::exchange::{export, export_json, import_json};
use ceasefire_tracker::model::*;
use ceasefire_tracker::{Error, Store};
use proptest::prelude::*;

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn analyst(name: &str) -> Store {
    Store::open_in_memory().unwrap().recording_as(name)
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

fn proposal(by: i64, title: &str, on: &str) -> NewProposal {
    NewProposal {
        title: title.into(),
        summary: String::new(),
        full_text: None,
        proposed_by: by,
        proposer_role: Role::Mediator,
        proposed_on: date(on),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: Some(42),
        process: "Gaza".into(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
    }
}

fn status(proposal: i64, status: ProposalStatus, on: &str) -> NewEvent {
    NewEvent {
        proposal,
        change: Change::Status { status },
        occurred_on: date(on),
        note: String::new(),
        sources: vec![],
        extension: None,
        violation: Default::default(),
    }
}

fn stance(proposal: i64, party: i64, stance: Stance, on: &str, note: &str) -> NewEvent {
    NewEvent {
        proposal,
        change: Change::Stance { party, stance, role: Role::Party },
        occurred_on: date(on),
        note: note.into(),
        sources: vec![],
        extension: None,
        violation: Default::default(),
    }
}

/// A copy of `base` for another analyst: their own database, filled from the export.
fn copy_for(base: &Store, name: &str) -> Store {
    let mut store = analyst(name);
    import_json(&mut store, &export_json(base).unwrap()).unwrap();
    store
}

/// Each imports the other's export, as two analysts do when they meet.
fn exchange(a: &mut Store, b: &mut Store) {
    let (from_a, from_b) = (export_json(a).unwrap(), export_json(b).unwrap());
    import_json(a, &from_b).unwrap();
    import_json(b, &from_a).unwrap();
}

/// Every uuid a document holds, of every kind of record.
fn uuids(store: &Store) -> BTreeSet<String> {
    let document = export(store).unwrap();
    let mut all = BTreeSet::new();
    all.extend(document.parties.iter().map(|r| r.uuid.to_string()));
    all.extend(document.sources.iter().map(|r| r.uuid.to_string()));
    all.extend(document.proposals.iter().map(|r| r.uuid.to_string()));
    all.extend(document.conditions.iter().map(|r| r.uuid.to_string()));
    all.extend(document.events.iter().map(|r| r.uuid.to_string()));
    all.extend(document.retractions.iter().map(|r| r.uuid.to_string()));
    all.extend(document.revisions.iter().map(|r| r.uuid.to_string()));
    all.extend(document.links.iter().map(|r| r.uuid.to_string()));
    all
}

fn id_of(store: &Store, title: &str) -> i64 {
    store.find_proposal(title).unwrap().id
}

/// The January 2025 Gaza deal, followed by two analysts offline for a week: each records
/// what they read, one retracts an entry the other made, and both add Israel, which the
/// shared file did not have yet.
#[test]
fn two_analysts_follow_the_gaza_deal_offline_for_a_week_and_their_files_meet() {
    let mut olena = analyst("Olena Kovalenko");
    let qatar = party(&mut olena, "Qatar");
    let hamas = party(&mut olena, "Hamas");
    party(&mut olena, "Egypt");
    let deal = olena
        .add_proposal(&proposal(qatar, "Gaza ceasefire and hostage release deal", "2025-01-15"))
        .unwrap()
        .id;
    olena.record(&status(deal, ProposalStatus::Agreed, "2025-01-15")).unwrap();
    let hamas_accepts =
        olena.record(&stance(deal, hamas, Stance::Supports, "2025-01-15", "Accepted in Doha")).unwrap().id;
    let mut maksym = copy_for(&olena, "Maksym Bondar");

    // Olena's week.
    let israel = party(&mut olena, "Israel");
    olena
        .record(&stance(deal, israel, Stance::SupportsWithConditions, "2025-01-17", "Security cabinet"))
        .unwrap();
    olena.record(&status(deal, ProposalStatus::InEffect, "2025-01-19")).unwrap();
    let mut titled = proposal(qatar, "Gaza ceasefire and hostage release deal (three phases)", "2025-01-15");
    titled.duration_days = Some(42);
    olena.edit_proposal(deal, &titled).unwrap();

    // Maksym's week, on his own copy.
    let deal_there = id_of(&maksym, "Gaza ceasefire and hostage release deal");
    let israel_there = party(&mut maksym, "Israel");
    maksym
        .record(&stance(deal_there, israel_there, Stance::Supports, "2025-01-18", "Government approval"))
        .unwrap();
    let hamas_there =
        maksym.history(deal_there).unwrap().into_iter().find(|e| e.note == "Accepted in Doha").unwrap();
    maksym.retract(hamas_there.id, "The acceptance was reported a day early").unwrap();
    // A moment later than Olena's edit, so his title is the latest.
    std::thread::sleep(std::time::Duration::from_millis(5));
    let retitled = proposal(qatar, "Gaza deal of January 2025", "2025-01-15");
    let retitled = NewProposal { proposed_by: maksym.find_party("Qatar").unwrap().id, ..retitled };
    maksym.edit_proposal(deal_there, &retitled).unwrap();

    let before = (uuids(&olena), uuids(&maksym));
    exchange(&mut olena, &mut maksym);

    let document = export_json(&olena).unwrap();
    assert_eq!(document, export_json(&maksym).unwrap(), "the two files differ after the exchange");
    let after = uuids(&olena);
    assert!(before.0.is_subset(&after) && before.1.is_subset(&after), "a record was lost in the exchange");

    for store in [&olena, &maksym] {
        let israels: Vec<Party> =
            store.parties().unwrap().into_iter().filter(|p| p.name == "Israel").collect();
        assert_eq!(israels.len(), 1, "one Israel, not two");
        let deal = id_of(store, "Gaza deal of January 2025");
        let state = store.proposal_state(deal, Viewpoint::as_of(date("2025-01-20").first_day())).unwrap();
        assert_eq!(state.proposal.title, "Gaza deal of January 2025", "the later edit wins");
        assert!(state.edited_on_two_machines);
        assert_eq!(state.status, Some(ProposalStatus::InEffect));
        let israel: Vec<&StanceState> = state.stances.iter().filter(|s| s.party == "Israel").collect();
        assert_eq!(israel.len(), 1, "Israel's stances are one party's: {:?}", state.stances);
        assert_eq!(israel[0].stance, Stance::Supports, "the latest of both sides' stances");
        assert!(state.stances.iter().all(|s| s.party != "Hamas"), "the retracted stance is gone");
        let retracted = state.history.iter().find(|e| e.note == "Accepted in Doha").unwrap();
        assert!(retracted.retraction.is_some());
        let summary = store.summary(deal, Viewpoint::as_of(date("2025-01-20").first_day())).unwrap().unwrap();
        assert_eq!(summary.supporters, 2, "Qatar, the proposer, and Israel once");
    }
    assert_eq!(olena.find_party("Israel").unwrap().id, israel);

    // Importing the same documents again changes nothing.
    for text in [&document, &export_json(&maksym).unwrap()] {
        let again = import_json(&mut olena, text).unwrap();
        assert_eq!(again.added, 0);
    }
    assert_eq!(export_json(&olena).unwrap(), document);
    let _ = hamas_accepts;
}

#[test]
fn an_import_says_what_it_brought_and_from_whom() {
    let mut olena = analyst("Olena Kovalenko");
    let ukraine = party(&mut olena, "Ukraine");
    let mut maksym = copy_for(&olena, "Maksym Bondar");
    let truce = maksym
        .add_proposal(&proposal(maksym.find_party("Ukraine").unwrap().id, "Energy truce", "2025-03-18"))
        .unwrap();
    party(&mut maksym, "Russia");
    party(&mut olena, "Russia");
    let imported = import_json(&mut olena, &export_json(&maksym).unwrap()).unwrap();
    // The proposal, its two first events, Russia; Ukraine was already here.
    assert_eq!(imported.added, 4, "{imported:?}");
    assert_eq!(imported.already_present, 1);
    assert_eq!(imported.recorded_by, ["Maksym Bondar"]);
    assert_eq!(imported.parties_merged, ["Russia"]);
    assert_eq!(
        imported.sentence("maksym.json"),
        "Imported 4 new entries from Maksym Bondar's export maksym.json, 1 already here; parties merged: Russia."
    );
    let _ = (ukraine, truce);
}

#[test]
fn a_person_merges_a_party_entered_under_two_names_and_every_stance_is_kept() {
    let mut store = analyst("Olena Kovalenko");
    let us = party(&mut store, "United States");
    let ukraine = party(&mut store, "Ukraine");
    let government = party(&mut store, "Government of Ukraine");
    let truce = store.add_proposal(&proposal(us, "30-day interim ceasefire", "2025-03-11")).unwrap().id;
    store.record(&stance(truce, government, Stance::SupportsWithConditions, "2025-03-11", "Jeddah")).unwrap();
    let energy = store.add_proposal(&proposal(us, "Energy truce", "2025-03-18")).unwrap().id;
    store.record(&stance(energy, ukraine, Stance::Supports, "2025-03-19", "After the call")).unwrap();

    store.merge_party(government, ukraine).unwrap();
    let parties = store.parties().unwrap();
    let merged = parties.iter().find(|p| p.id == ukraine).unwrap();
    assert_eq!(merged.aliases, ["Government of Ukraine"]);
    assert!(parties.iter().all(|p| p.name != "Government of Ukraine"), "listed once, by the name kept");
    assert_eq!(store.find_party("Government of Ukraine").unwrap().id, ukraine, "the old name still finds it");
    let today = Viewpoint::today();
    let stances = store.proposal_state(truce, today).unwrap().stances;
    assert!(stances.iter().any(|s| s.party == "Ukraine" && s.stance == Stance::SupportsWithConditions));
    assert_eq!(store.summary(truce, today).unwrap().unwrap().conditional, 1);
    // The United States, which proposed it, and Ukraine.
    assert_eq!(store.summary(energy, today).unwrap().unwrap().supporters, 2);

    // Said again, or the other way round, it is refused: they are one already.
    assert_eq!(store.merge_party(ukraine, government).unwrap_err().field(), Some("into"));

    // The merge is a record another analyst's file takes in.
    let mut other = analyst("Maksym Bondar");
    import_json(&mut other, &export_json(&store).unwrap()).unwrap();
    assert_eq!(export_json(&other).unwrap(), export_json(&store).unwrap());
    assert!(other.parties().unwrap().iter().all(|p| p.name != "Government of Ukraine"));
}

#[test]
fn links_that_go_round_in_a_circle_are_refused_naming_them() {
    let mut olena = analyst("Olena Kovalenko");
    let a = party(&mut olena, "Ukraine");
    let b = party(&mut olena, "Government of Ukraine");
    let mut maksym = copy_for(&olena, "Maksym Bondar");
    olena.merge_party(b, a).unwrap();
    let (a2, b2) =
        (maksym.find_party("Ukraine").unwrap().id, maksym.find_party("Government of Ukraine").unwrap().id);
    maksym.merge_party(a2, b2).unwrap();
    let before = export_json(&olena).unwrap();
    let err = import_json(&mut olena, &export_json(&maksym).unwrap()).unwrap_err();
    assert!(matches!(err, Error::Import { .. }), "{err:?}");
    for link in export(&olena).unwrap().links.iter().chain(&export(&maksym).unwrap().links) {
        assert!(err.to_string().contains(&link.uuid.to_string()), "{err}");
    }
    assert!(err.to_string().contains("go round in a circle"), "{err}");
    assert_eq!(export_json(&olena).unwrap(), before, "nothing of the refused document was written");
}

#[test]
fn a_retraction_of_an_entry_nobody_has_is_refused() {
    let mut store = analyst("Olena Kovalenko");
    party(&mut store, "Ukraine");
    let mut document: serde_json::Value = serde_json::from_str(&export_json(&store).unwrap()).unwrap();
    document["retractions"] = serde_json::json!([{
        "uuid": "5f0e8a52-1c4b-4f55-9d8e-0a7c1f2b3c4d",
        "entry": "0b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e",
        "reason": "Entered in error",
        "recorded_at": "2025-03-20T09:00:00.000000Z",
        "recorded_by": "Maksym Bondar"
    }]);
    let before = export_json(&store).unwrap();
    let err = import_json(&mut store, &document.to_string()).unwrap_err();
    assert!(err.to_string().contains("retractions[0]"), "{err}");
    assert!(err.to_string().contains("no event or source"), "{err}");
    assert_eq!(export_json(&store).unwrap(), before);
}

/// What an analyst does offline, in the words of the tests below.
#[derive(Debug, Clone)]
enum Work {
    /// A new proposal by one of the parties, with a few days' history.
    Propose { title: u8, by: u8 },
    /// A status on a proposal, some days after it was made.
    Status { proposal: u8, word: u8, day: u8 },
    /// A party new to this file; the names are few, so both sides often add the same one.
    AddParty { name: u8 },
    /// A stance of a party on a proposal.
    Stance { proposal: u8, party: u8, word: u8, day: u8 },
    /// An entry taken back: often one both sides hold.
    Retract { entry: u16 },
    /// A proposal's title changed.
    Retitle { proposal: u8, title: u8 },
    /// A party's note changed.
    Note { party: u8, note: u8 },
}

const NAMES: [&str; 5] = ["Israel", "Hamas", "Egypt", "Türkiye", "Jordan"];
const TITLES: [&str; 4] = ["Phase two", "Humanitarian pause", "Prisoner exchange", "Border crossings"];

fn work() -> impl Strategy<Value = Work> {
    prop_oneof![
        (any::<u8>(), any::<u8>()).prop_map(|(title, by)| Work::Propose { title, by }),
        (any::<u8>(), any::<u8>(), 0u8..40).prop_map(|(proposal, word, day)| Work::Status {
            proposal,
            word,
            day
        }),
        any::<u8>().prop_map(|name| Work::AddParty { name }),
        (any::<u8>(), any::<u8>(), any::<u8>(), 0u8..40)
            .prop_map(|(proposal, party, word, day)| Work::Stance { proposal, party, word, day }),
        any::<u16>().prop_map(|entry| Work::Retract { entry }),
        (any::<u8>(), any::<u8>()).prop_map(|(proposal, title)| Work::Retitle { proposal, title }),
        (any::<u8>(), any::<u8>()).prop_map(|(party, note)| Work::Note { party, note }),
    ]
}

fn pick<T: Clone>(items: &[T], n: usize) -> T {
    items[n % items.len()].clone()
}

/// The shared file every analyst starts from.
fn base() -> Store {
    let mut store = analyst("Desk");
    let qatar = party(&mut store, "Qatar");
    let us = party(&mut store, "United States");
    let deal = store.add_proposal(&proposal(qatar, "Gaza deal", "2025-01-15")).unwrap().id;
    store.record(&status(deal, ProposalStatus::Agreed, "2025-01-15")).unwrap();
    store.record(&stance(deal, us, Stance::Supports, "2025-01-16", "")).unwrap();
    store
}

/// Does `work` on `store` as its analyst would; what the core refuses (a name taken on this
/// side) the analyst does not do.
fn play(store: &mut Store, work: &[Work]) {
    for (step, action) in work.iter().enumerate() {
        let proposals = store.proposals().unwrap();
        let parties = store.parties().unwrap();
        match action {
            Work::Propose { title, by } => {
                let title = format!("{} ({}, {step})", pick(&TITLES, *title as usize), store.analyst());
                let by = pick(&parties, *by as usize).id;
                store.add_proposal(&proposal(by, &title, "2025-01-20")).unwrap();
            }
            Work::Status { proposal: p, word, day } => {
                let p = pick(&proposals, *p as usize);
                let on = p.proposed_on.first_day() + chrono::Days::new(*day as u64);
                let word = pick(ProposalStatus::ALL, *word as usize);
                store.record(&status(p.id, word, &on.to_string())).unwrap();
            }
            Work::AddParty { name } => {
                let name = pick(&NAMES, *name as usize);
                if store.find_party(name).is_err() {
                    party(store, name);
                }
            }
            Work::Stance { proposal: p, party: who, word, day } => {
                let p = pick(&proposals, *p as usize);
                let on = p.proposed_on.first_day() + chrono::Days::new(*day as u64);
                let who = pick(&parties, *who as usize).id;
                let word = pick(Stance::ALL, *word as usize);
                store.record(&stance(p.id, who, word, &on.to_string(), "")).unwrap();
            }
            Work::Retract { entry } => {
                let live: Vec<HistoryEntry> = proposals
                    .iter()
                    .flat_map(|p| store.history(p.id).unwrap())
                    .filter(|e| e.retraction.is_none())
                    .collect();
                if !live.is_empty() {
                    let entry = pick(&live, *entry as usize);
                    store.retract(entry.id, &format!("Entered in error ({})", store.analyst())).unwrap();
                }
            }
            Work::Retitle { proposal: p, title } => {
                let p = pick(&proposals, *p as usize);
                let title = format!("{} [{}]", pick(&TITLES, *title as usize), p.uuid.simple());
                let edit = NewProposal {
                    title,
                    summary: p.summary,
                    full_text: p.full_text,
                    proposed_by: p.proposed_by,
                    proposer_role: Role::Mediator,
                    proposed_on: p.proposed_on,
                    kind: p.kind,
                    scope: p.scope,
                    duration_days: p.duration_days,
                    process: p.process,
                    supersedes: p.supersedes,
                    sources: vec![],
                    co_proposers: Vec::new(),
                    phase: None,
                    phase_of: None,
                };
                store.edit_proposal(p.id, &edit).unwrap();
            }
            Work::Note { party: who, note } => {
                let who = pick(&parties, *who as usize);
                let edit = NewParty {
                    name: who.name.clone(),
                    kind: who.kind,
                    member_of: who.member_of,
                    note: format!("Note {note} by {}", store.analyst()),
                };
                store.edit_party(who.id, &edit).unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Two analysts grow one file apart, then take in each other's export.
    #[test]
    fn two_files_grown_apart_meet_exactly(
        a in prop::collection::vec(work(), 0..14),
        b in prop::collection::vec(work(), 0..14),
    ) {
        let shared = base();
        let mut olena = copy_for(&shared, "Olena");
        let mut maksym = copy_for(&shared, "Maksym");
        play(&mut olena, &a);
        play(&mut maksym, &b);
        let before = (uuids(&olena), uuids(&maksym));

        exchange(&mut olena, &mut maksym);
        let merged = export_json(&olena).unwrap();
        prop_assert_eq!(&merged, &export_json(&maksym).unwrap());
        let after = uuids(&olena);
        prop_assert!(before.0.is_subset(&after) && before.1.is_subset(&after), "a record was lost");
        // One party per name, whatever both sides added.
        let names: Vec<String> = olena.parties().unwrap().into_iter().map(|p| p.name).collect();
        let distinct: BTreeSet<&String> = names.iter().collect();
        prop_assert_eq!(distinct.len(), names.len(), "{:?}", names);
        prop_assert!(olena.integrity_problems().unwrap().is_empty());

        let again = import_json(&mut olena, &export_json(&maksym).unwrap()).unwrap();
        prop_assert_eq!(again.added, 0);
        prop_assert_eq!(export_json(&olena).unwrap(), merged);
    }

    /// Three files merged into one in every order give the same file.
    #[test]
    fn three_files_merge_the_same_in_any_order(
        a in prop::collection::vec(work(), 0..8),
        b in prop::collection::vec(work(), 0..8),
        c in prop::collection::vec(work(), 0..8),
    ) {
        let shared = base();
        let mut files = Vec::new();
        for (name, work) in [("Olena", &a), ("Maksym", &b), ("Samir", &c)] {
            let mut store = copy_for(&shared, name);
            play(&mut store, work);
            files.push(export_json(&store).unwrap());
        }
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        let mut results = BTreeSet::new();
        for order in orders {
            let mut store = analyst("Reader");
            for i in order {
                import_json(&mut store, &files[i]).unwrap();
            }
            results.insert(export_json(&store).unwrap());
        }
        prop_assert_eq!(results.len(), 1, "the order of the merges changed the result");
        // A into B, then B into C, then C into A, as files travel between desks.
        let mut desks: Vec<Store> = files
            .iter()
            .map(|file| {
                let mut store = analyst("Desk");
                import_json(&mut store, file).unwrap();
                store
            })
            .collect();
        for (from, to) in [(0, 1), (1, 2), (2, 0), (0, 1)] {
            let text = export_json(&desks[from]).unwrap();
            import_json(&mut desks[to], &text).unwrap();
        }
        let merged = results.into_iter().next().unwrap();
        for desk in &desks {
            prop_assert_eq!(&export_json(desk).unwrap(), &merged);
        }
    }
}
