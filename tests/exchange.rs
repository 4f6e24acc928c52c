//! Export and import: random valid databases survive export, import into an empty
//! database and export again unchanged; random broken documents are refused whole.

use ceasefire_tracker::exchange::{self, export_json, import_json};
use ceasefire_tracker::model::*;
use ceasefire_tracker::{Error, Store};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use serde_json::{json, Value};

fn pick<T: Copy>(all: &[T], n: usize) -> T {
    all[n % all.len()]
}

fn date(offset: u64, precision: u8) -> EventDate {
    let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(offset);
    let precision =
        [Precision::Day, Precision::Day, Precision::Month, Precision::Year][precision as usize % 4];
    EventDate::new(day, precision)
}

/// One thing a user does; indexes pick among the records made so far.
#[derive(Debug, Clone)]
enum Action {
    Status { proposal: usize, word: usize, day: u64 },
    Stance { proposal: usize, party: usize, word: usize, role: usize, day: u64, source: Option<usize> },
    Condition { proposal: usize, party: usize, text: String, category: usize, day: u64 },
    ConditionMove { condition: usize, word: usize, day: u64 },
    Retract { event: usize, reason: String },
    EditParty { party: usize, note: String, member_of: Option<usize> },
    EditProposal { proposal: usize, title: String },
}

/// A proposal to make: proposer, day, precision, duration and the one it replaces are
/// indexes and offsets.
#[derive(Debug, Clone)]
struct ProposalPlan {
    title: String,
    by: usize,
    day: u64,
    precision: u8,
    duration: Option<i64>,
    supersedes: Option<usize>,
}

#[derive(Debug, Clone)]
struct Script {
    parties: Vec<(String, usize, Option<usize>)>,
    proposals: Vec<ProposalPlan>,
    sources: Vec<(String, Option<String>)>,
    actions: Vec<Action>,
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-zА-Яа-я0-9][A-Za-zА-Яа-я0-9 ,.'«»-]{0,20}"
}

fn action() -> impl Strategy<Value = Action> {
    let n = 0usize..50;
    prop_oneof![
        (n.clone(), n.clone(), 0u64..200).prop_map(|(proposal, word, day)| Action::Status {
            proposal,
            word,
            day
        }),
        (n.clone(), n.clone(), n.clone(), n.clone(), 0u64..200, proptest::option::of(n.clone())).prop_map(
            |(proposal, party, word, role, day, source)| Action::Stance {
                proposal,
                party,
                word,
                role,
                day,
                source
            }
        ),
        (n.clone(), n.clone(), text(), n.clone(), 0u64..200).prop_map(
            |(proposal, party, text, category, day)| {
                Action::Condition { proposal, party, text, category, day }
            }
        ),
        (n.clone(), n.clone(), 0u64..200).prop_map(|(condition, word, day)| Action::ConditionMove {
            condition,
            word,
            day
        }),
        (n.clone(), text()).prop_map(|(event, reason)| Action::Retract { event, reason }),
        (n.clone(), text(), proptest::option::of(n.clone()))
            .prop_map(|(party, note, member_of)| Action::EditParty { party, note, member_of }),
        (n, text()).prop_map(|(proposal, title)| Action::EditProposal { proposal, title }),
    ]
}

fn script() -> impl Strategy<Value = Script> {
    (
        prop::collection::vec((text(), 0usize..6, proptest::option::of(0usize..8)), 1..6),
        prop::collection::vec(
            (
                text(),
                0usize..8,
                0u64..400,
                0u8..4,
                proptest::option::of(1i64..400),
                proptest::option::of(0usize..8),
            )
                .prop_map(|(title, by, day, precision, duration, supersedes)| ProposalPlan {
                    title,
                    by,
                    day,
                    precision,
                    duration,
                    supersedes,
                }),
            1..5,
        ),
        prop::collection::vec(
            (text(), proptest::option::of("https://[a-z]{1,10}\\.org/[a-z0-9]{0,8}")),
            0..4,
        ),
        prop::collection::vec(action(), 0..40),
    )
        .prop_map(|(parties, proposals, sources, actions)| Script {
            parties,
            proposals,
            sources,
            actions,
        })
}

/// Plays the script on a fresh database. Moves the store refuses (a date before its
/// proposal, a second retraction) are simply not recorded, as for a user.
fn play(script: &Script) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut parties = Vec::new();
    for (i, (name, kind, member_of)) in script.parties.iter().enumerate() {
        let member_of = member_of.filter(|m| *m < parties.len()).map(|m| parties[m]);
        let party = NewParty {
            name: format!("{name} #{i}"),
            kind: pick(PartyKind::ALL, *kind),
            member_of,
            note: String::new(),
        };
        parties.push(store.add_party(&party).unwrap());
    }
    let mut sources = Vec::new();
    for (title, url) in &script.sources {
        let source =
            NewSource { title: title.clone(), outlet: "Outlet".into(), url: url.clone(), published_on: None };
        sources.push(store.add_source(&source).unwrap());
    }
    let mut proposals: Vec<(i64, u64)> = Vec::new();
    for ProposalPlan { title, by, day, precision, duration, supersedes } in &script.proposals {
        let proposal = NewProposal {
            title: title.clone(),
            summary: "A summary".into(),
            full_text: None,
            proposed_by: pick(&parties, *by),
            proposer_role: Role::Mediator,
            proposed_on: date(*day, *precision),
            kind: pick(ProposalKind::ALL, *by),
            scope: String::new(),
            duration_days: *duration,
            process: "Process".into(),
            supersedes: supersedes.filter(|s| *s < proposals.len()).map(|s| proposals[s].0),
            sources: sources.iter().take(1).map(|&id| SourceChoice::Known { id }).collect(),
            co_proposers: Vec::new(),
            phase: None,
            phase_of: None,
        };
        proposals.push((store.add_proposal(&proposal).unwrap().id, *day));
    }
    let mut conditions: Vec<(i64, i64, u64)> = Vec::new();
    for action in &script.actions {
        let event = |proposal: usize, change, day: u64| {
            let (id, from) = pick(&proposals, proposal);
            NewEvent {
                proposal: id,
                change,
                occurred_on: date(from + day, 0),
                note: "noted".into(),
                sources: vec![],
                extension: None,
                violation: None,
            }
        };
        match action {
            Action::Status { proposal, word, day } => {
                // On one of the proposal's own days, by hand: any status may follow any other.
                store
                    .record(&event(
                        *proposal,
                        Change::Status { status: pick(ProposalStatus::ALL, *word) },
                        *day,
                    ))
                    .expect("a status on a day after its proposal was made is recorded");
            }
            Action::Stance { proposal, party, word, role, day, source } => {
                let change = Change::Stance {
                    party: pick(&parties, *party),
                    stance: pick(Stance::ALL, *word),
                    role: pick(Role::ALL, *role),
                };
                let mut new = event(*proposal, change, *day);
                if let Some(source) = source.filter(|_| !sources.is_empty()) {
                    new.sources = vec![SourceChoice::Known { id: pick(&sources, source) }];
                }
                store.record(&new).expect("a stance of a known party is recorded");
            }
            Action::Condition { proposal, party, text, category, day } => {
                let (id, from) = pick(&proposals, *proposal);
                let condition = NewCondition {
                    proposal: id,
                    raised_by: pick(&parties, *party),
                    directed_at: None,
                    text: text.clone(),
                    kind: pick(ConditionKind::ALL, *category),
                    category: pick(ConditionCategory::ALL, *category),
                    raised_on: date(from + day, 0),
                    note: String::new(),
                    sources: vec![],
                };
                let made = store.add_condition(&condition).unwrap().id;
                conditions.push((made, id, from));
            }
            Action::ConditionMove { condition, word, day } if !conditions.is_empty() => {
                let (condition, proposal, from) = pick(&conditions, *condition);
                let change = Change::Condition { condition, status: pick(ConditionStatus::ALL, *word) };
                let new = NewEvent {
                    proposal,
                    change,
                    occurred_on: date(from + day, 0),
                    note: String::new(),
                    sources: vec![],
                    extension: None,
                    violation: None,
                };
                store.record(&new).expect("a condition's status on its own proposal is recorded");
            }
            Action::ConditionMove { .. } => {}
            Action::Retract { event, reason } => {
                let entries =
                    store.changes_between(date(0, 0).first_day(), date(1000, 0).first_day(), None).unwrap();
                if !entries.is_empty() {
                    // The briefing lists only entries not yet retracted, so each may be retracted.
                    store
                        .retract(entries[event % entries.len()].id, reason)
                        .expect("a live entry is retracted");
                }
            }
            Action::EditParty { party, note, member_of } => {
                let id = pick(&parties, *party);
                let before = store.party(id).unwrap();
                let member_of = member_of.map(|m| pick(&parties, m));
                let edit = NewParty { name: before.name, kind: before.kind, member_of, note: note.clone() };
                // A membership that would make a circle is refused; then only the note changes.
                if store.edit_party(id, &edit).is_err() {
                    store.edit_party(id, &NewParty { member_of: before.member_of, ..edit }).unwrap();
                }
            }
            Action::EditProposal { proposal, title } => {
                let (id, _) = pick(&proposals, *proposal);
                let before = store.proposal(id).unwrap();
                let edit = NewProposal {
                    title: title.clone(),
                    summary: before.summary,
                    full_text: before.full_text,
                    proposed_by: before.proposed_by,
                    proposer_role: Role::Mediator,
                    proposed_on: before.proposed_on,
                    kind: before.kind,
                    scope: before.scope,
                    duration_days: before.duration_days,
                    process: before.process,
                    supersedes: before.supersedes,
                    sources: vec![],
                    co_proposers: Vec::new(),
                    phase: None,
                    phase_of: None,
                };
                store.edit_proposal(id, &edit).unwrap();
            }
        }
    }
    store
}

/// A small database that is not the one a document came from.
fn other_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let qatar =
        NewParty { name: "Qatar".into(), kind: PartyKind::State, member_of: None, note: String::new() };
    let qatar = store.add_party(&qatar).unwrap();
    let truce = NewProposal {
        title: "Gaza humanitarian pause".into(),
        summary: String::new(),
        full_text: None,
        proposed_by: qatar,
        proposer_role: Role::Mediator,
        proposed_on: "2023-11".parse().unwrap(),
        kind: ProposalKind::HumanitarianPause,
        scope: String::new(),
        duration_days: Some(4),
        process: "Gaza war".into(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
    };
    store.add_proposal(&truce).unwrap();
    store
}

/// Ways to break a valid document.
#[derive(Debug, Clone)]
enum Breakage {
    BrokenReference(usize),
    BadWord(usize),
    BadDate(usize, &'static str),
    Truncated(usize),
    DuplicateUuid,
    BeforeItsProposal(usize),
    UnknownField,
}

fn breakage() -> impl Strategy<Value = Breakage> {
    prop_oneof![
        any::<usize>().prop_map(Breakage::BrokenReference),
        any::<usize>().prop_map(Breakage::BadWord),
        (
            any::<usize>(),
            prop::sample::select(vec!["2025-02-30", "13 March 2025", "2025-3-1", "", "3000-01-01"])
        )
            .prop_map(|(i, d)| Breakage::BadDate(i, d)),
        any::<usize>().prop_map(Breakage::Truncated),
        Just(Breakage::DuplicateUuid),
        any::<usize>().prop_map(Breakage::BeforeItsProposal),
        Just(Breakage::UnknownField),
    ]
}

/// The broken document's text and the list whose record should be named (None: the
/// document as a whole).
fn break_document(text: &str, breakage: &Breakage) -> (String, Option<&'static str>) {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    let list = |doc: &mut Value, key: &str, i: usize| -> Option<usize> {
        let n = doc[key].as_array().unwrap().len();
        (n > 0).then(|| i % n)
    };
    let expected = match breakage {
        Breakage::BrokenReference(i) => {
            let i = list(&mut doc, "events", *i).unwrap();
            doc["events"][i]["proposal"] = json!(uuid::Uuid::new_v4());
            Some("events")
        }
        Breakage::BadWord(i) => {
            let i = list(&mut doc, "parties", *i).unwrap();
            doc["parties"][i]["kind"] = json!("militia");
            Some("parties")
        }
        Breakage::BadDate(i, bad) => {
            let i = list(&mut doc, "proposals", *i).unwrap();
            doc["proposals"][i]["proposed_on"] = json!(bad);
            Some("proposals")
        }
        Breakage::Truncated(at) => {
            // Anything short of the closing brace is not a whole document.
            let mut at = at % (text.len() - 2);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return (text[..at].to_string(), None);
        }
        Breakage::DuplicateUuid => {
            let first = doc["parties"][0]["uuid"].clone();
            doc["events"][0]["uuid"] = first;
            Some("events")
        }
        Breakage::BeforeItsProposal(i) => {
            let i = list(&mut doc, "events", *i).unwrap();
            doc["events"][i]["occurred_on"] = json!("1999");
            Some("events")
        }
        Breakage::UnknownField => {
            doc["exported_at"] = json!("2025-03-13");
            None
        }
    };
    (serde_json::to_string_pretty(&doc).unwrap(), expected)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_gives_the_same_document(script in script()) {
        let source = play(&script);
        let first = export_json(&source).unwrap();
        let mut copy = Store::open_in_memory().unwrap();
        let imported = import_json(&mut copy, &first).unwrap();
        let second = export_json(&copy).unwrap();
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(imported.already_present, 0);
        // The views agree too, not only the document.
        let asked = Viewpoint::as_of(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
        prop_assert_eq!(source.summaries(asked).unwrap(), copy.summaries(asked).unwrap());
        // Importing the same document again finds everything already there.
        let again = import_json(&mut copy, &first).unwrap();
        prop_assert_eq!(again.added, 0);
        prop_assert_eq!(export_json(&copy).unwrap(), first);
    }

    #[test]
    fn a_broken_document_is_refused_and_nothing_is_written(script in script(), breakage in breakage()) {
        let text = export_json(&play(&script)).unwrap();
        let (broken, named) = break_document(&text, &breakage);
        for mut target in [Store::open_in_memory().unwrap(), other_store()] {
            let before = export_json(&target).unwrap();
            match import_json(&mut target, &broken) {
                Err(Error::Import { record, problem }) => {
                    if let Some(list) = named {
                        prop_assert!(record.starts_with(list), "{} ({})", record, problem);
                    }
                }
                other => prop_assert!(false, "{:?} was not refused: {:?}", breakage, other),
            }
            prop_assert_eq!(export_json(&target).unwrap(), before);
        }
    }
}

/// Records never change (an edit is a revision), so a record whose uuid is known is the same
/// record, whatever the document says of it: it is left as stored, and nothing is refused.
#[test]
fn a_record_already_present_is_kept_as_stored_whatever_the_document_says() {
    let store = other_store();
    let text = export_json(&store).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["parties"][0]["name"] = json!("State of Qatar");
    let mut target = store;
    let imported = import_json(&mut target, &doc.to_string()).unwrap();
    assert_eq!(imported.added, 0);
    let records: usize =
        ["parties", "sources", "proposals", "conditions", "events", "retractions", "revisions", "links"]
            .iter()
            .map(|list| doc[list].as_array().unwrap().len())
            .sum();
    assert_eq!(imported.already_present, records);
    assert_eq!(export_json(&target).unwrap(), text);
}

#[test]
fn a_large_document_with_a_control_character_deep_inside_is_refused_naming_its_record() {
    let shape =
        ceasefire_tracker::gen::Shape { proposals: 30, parties: 12, events_per_proposal: 100, seed: 3 };
    let document = ceasefire_tracker::gen::generate(shape).unwrap();
    let mut doc: Value = serde_json::to_value(&document).unwrap();
    let last = document.events.len() - 1;
    doc["events"][last]["note"] = json!("rang the bell \u{7}");
    let text = doc.to_string();
    assert!(text.len() > 1 << 20, "large enough to be read and scanned side by side");

    let mut target = Store::open_in_memory().unwrap();
    let err = import_json(&mut target, &text).unwrap_err();
    assert!(err.to_string().contains(&format!("events[{last}]")), "{err}");
    assert!(err.to_string().contains("note"), "{err}");
    assert!(target.is_empty().unwrap());

    doc["events"][last]["note"] = json!("rang the bell");
    import_json(&mut target, &doc.to_string()).unwrap();
    assert_eq!(exchange::export(&target).unwrap().events.len(), document.events.len());
}

#[test]
fn a_document_from_a_newer_version_is_refused() {
    let mut doc: Value = serde_json::from_str(&export_json(&other_store()).unwrap()).unwrap();
    doc["version"] = json!(exchange::VERSION + 1);
    let mut target = Store::open_in_memory().unwrap();
    let err = import_json(&mut target, &doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("newer version"), "{err}");
    assert!(target.is_empty().unwrap());
}

#[test]
fn the_document_names_records_by_uuid_and_words_by_code() {
    let store = other_store();
    let doc = exchange::export(&store).unwrap();
    assert_eq!(doc.format, "ceasefire-tracker");
    let text = export_json(&store).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let proposal = &value["proposals"][0];
    assert_eq!(proposal["proposed_by"], value["parties"][0]["uuid"]);
    assert_eq!(proposal["kind"], "humanitarian_pause");
    assert_eq!(proposal["proposed_on"], "2023-11");
    assert_eq!(value["events"][0]["change"], json!({"kind": "status", "status": "floated"}));
    assert_eq!(value["events"][1]["change"]["stance"], "proposer");
}

/// A form accepts "March 2025" for something that happened after an 11 March proposal, since
/// the month holds the day; the import takes the same rule, so every database imports its
/// own export.
#[test]
fn what_a_form_accepts_an_import_accepts() {
    let mut store = Store::open_in_memory().unwrap();
    let us = store
        .add_party(&NewParty {
            name: "United States".into(),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        })
        .unwrap();
    let proposal = NewProposal {
        title: "30-day interim ceasefire".into(),
        summary: String::new(),
        full_text: None,
        proposed_by: us,
        proposer_role: Role::Mediator,
        proposed_on: "2025-03-11".parse().unwrap(),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: Some(30),
        process: String::new(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
    };
    let id = store.add_proposal(&proposal).unwrap().id;
    store
        .record(&NewEvent {
            proposal: id,
            change: Change::Status { status: ProposalStatus::UnderNegotiation },
            occurred_on: "2025-03".parse().unwrap(),
            note: String::new(),
            sources: vec![],
            extension: None,
            violation: None,
        })
        .unwrap();
    let document = export_json(&store).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    import_json(&mut other, &document).expect("a database's own export imports");
    assert_eq!(export_json(&other).unwrap(), document);
}
