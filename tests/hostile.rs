//! The hostile corpus (`tests/corpus/`) through `cftrack` and through the core calls the
//! window's commands make. Each input is either stored exactly as typed and shown escaped
//! in every report, or refused with a clear message, changing nothing.

mod cli_support;

use std::path::{Path, PathBuf};

use ceasefire_tracker::model::*;
use ceasefire_tracker::{exchange, Error, InputError, Store};
use cli_support::Tracker;
use serde_json::Value;

fn corpus(folder: &str) -> Vec<(String, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(folder);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    entries
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// Lines of a `.tsv` table of the corpus: input, tab, what the refusal says ("" when the
/// input is accepted).
fn table(name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let (input, says) = line.split_once('\t').expect("input, tab, message");
            (input.to_string(), says.to_string())
        })
        .collect()
}

/// Every string anywhere in a JSON value.
fn strings(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::String(text) => found.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, found)),
        Value::Object(fields) => fields.values().for_each(|item| strings(item, found)),
        _ => {}
    }
}

/// Markup that reports never have of their own (they run no script and load nothing).
const FOREIGN_MARKUP: &[&str] = &["<script", "<iframe", "<img", "<svg/", "<object", "<embed"];

fn assert_escaped(html: &str, text: &str, report: &str) {
    let lower = html.to_lowercase();
    for markup in FOREIGN_MARKUP {
        assert!(!lower.contains(markup), "{report}: {markup} unescaped for {text:?}");
    }
    // Text with markup characters is on the page only in its escaped form.
    if text.contains(['<', '>', '&', '"']) {
        assert!(!html.contains(text), "{report}: {text:?} is in the HTML unescaped");
        let escaped =
            text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        assert!(html.contains(&escaped), "{report}: {text:?} is not on the page escaped");
    }
}

#[test]
fn hostile_text_is_stored_as_typed_and_shown_escaped_in_every_report() {
    let t = Tracker::new();
    let mut tried = 0;
    for (number, (name, text)) in corpus("kept").into_iter().enumerate() {
        let party = t.id(&["party", "add", &text, "--note", &text]).to_string();
        let proposal = t
            .id(&[
                "proposal",
                "add",
                &text,
                "--by",
                &party,
                "--on",
                "2025-03-11",
                "--summary",
                &text,
                "--scope",
                &text,
                "--process",
                &text,
                "--text",
                &text,
            ])
            .to_string();
        t.id(&["source", "add", &format!("{text} {number}"), "--outlet", &text]);
        t.id(&["status", "set", &proposal, "under_negotiation", "--on", "2025-03-12", "--note", &text]);
        t.id(&["condition", "add", &proposal, &text, "--by", &party, "--on", "2025-03-13", "--note", &text]);
        t.id(&[
            "violation",
            "add",
            &proposal,
            "--on",
            "2025-03-14..2025-03-15",
            "--by",
            &party,
            "--what",
            &text,
            "--count",
            "3",
            "--unit",
            &text,
            "--place",
            &text,
        ]);
        let wrong = t.id(&["stance", "set", &proposal, &party, "supports", "--on", "2025-03-14"]).to_string();
        t.ok(&["retract", &wrong, "--reason", &text]);
        tried += 1;

        // Stored as typed: the export holds the text in each of the fields it was typed in.
        let export: Value = t.json(&["export"]);
        let mut found = Vec::new();
        strings(&export, &mut found);
        let copies = found.iter().filter(|s| **s == text).count();
        assert_eq!(copies, 15, "{name}: {text:?} is not stored as typed in every field");

        // Shown escaped, or exactly, in every report on it.
        let as_of = ["--as-of", "2025-03-20"];
        for args in [
            vec!["report", &proposal],
            vec!["report", "--all"],
            vec!["report", "--all", "--full"],
            vec!["report", "--changes", "2025-03-01..2025-03-31"],
            vec!["report", "--process", &text],
        ] {
            let args: Vec<&str> = args.into_iter().chain(as_of).collect();
            assert_escaped(&t.ok(&args), &text, &format!("{name}: {args:?}"));
            let json: Value = t.json(&[&args[..], &["--format", "json"]].concat());
            let mut found = Vec::new();
            strings(&json, &mut found);
            assert!(found.contains(&text), "{name}: {args:?} --format json lost {text:?}");
        }
        let csv = t.ok(&["report", "--all", "--as-of", "2025-03-20", "--format", "csv"]);
        let cells: Vec<String> = ::csv::Reader::from_reader(csv.as_bytes())
            .records()
            .flat_map(|record| record.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .collect();
        // A spreadsheet reads a cell that starts with a formula sign as a formula: such text
        // comes with an apostrophe in front, which spreadsheets take as "text".
        let as_cell = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.clone() };
        assert!(cells.contains(&as_cell), "{name}: the CSV overview lost {text:?}");
        assert!(
            !cells.iter().any(|cell| cell.starts_with(['=', '+', '@'])),
            "{name}: a CSV cell starts with a formula sign"
        );
    }
    println!("hostile: {tried} texts stored and reported, each in 15 fields and 11 reports");
}

#[test]
fn control_characters_are_refused_by_cftrack_naming_the_field() {
    let t = Tracker::new();
    let party = t.id(&["party", "add", "Ukraine"]).to_string();
    let proposal =
        t.id(&["proposal", "add", "Energy truce", "--by", "Ukraine", "--on", "2025-03-11"]).to_string();
    for (name, text) in corpus("refused") {
        // An argument cannot hold a NUL byte; the core refuses it (next test).
        if text.contains('\0') {
            continue;
        }
        for (args, field) in [
            (vec!["party", "add", &text], "name"),
            (vec!["party", "add", "Russia", "--note", &text], "note"),
            (vec!["proposal", "add", &text, "--by", &party, "--on", "2025-03-11"], "title"),
            (vec!["status", "set", &proposal, "agreed", "--on", "2025-03-12", "--note", &text], "note"),
            (vec!["condition", "add", &proposal, &text, "--by", &party, "--on", "2025-03-12"], "text"),
        ] {
            let before = t.snapshot();
            let run = t.run(&args);
            assert_eq!(run.code, Some(1), "{name}: {args:?} was not refused");
            let control = text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')).unwrap();
            let says = format!(
                "cftrack: {field}: it holds the control character U+{:04X}, which cannot be shown; remove it\n",
                u32::from(control)
            );
            assert_eq!(run.stderr, says, "{name}: {args:?}");
            assert!(t.snapshot() == before, "{name}: {args:?} changed the database");
        }
    }
}

fn new_party(name: &str) -> NewParty {
    NewParty { name: name.into(), kind: PartyKind::State, member_of: None, note: String::new() }
}

fn new_proposal(title: &str, by: i64) -> NewProposal {
    NewProposal {
        title: title.into(),
        summary: String::new(),
        full_text: None,
        proposed_by: by,
        proposer_role: Role::Party,
        proposed_on: "2025-03-11".parse().unwrap(),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: None,
        process: String::new(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
    }
}

/// The core calls the window's commands make, with the same corpus.
#[test]
fn the_core_keeps_what_can_be_shown_and_refuses_the_rest_changing_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("tracker.db")).unwrap();
    let ukraine = store.add_party(&new_party("Ukraine")).unwrap();
    let truce = store.add_proposal(&new_proposal("Energy truce", ukraine)).unwrap().id;

    for (name, text) in corpus("kept") {
        let id = store.add_party(&NewParty { note: text.clone(), ..new_party(&text) }).unwrap();
        let party = store.party(id).unwrap();
        assert_eq!((party.name.as_str(), party.note.as_str()), (text.as_str(), text.as_str()), "{name}");
        let event = NewEvent {
            proposal: truce,
            change: Change::Status { status: ProposalStatus::UnderNegotiation },
            occurred_on: "2025-03-12".parse().unwrap(),
            note: text.clone(),
            sources: vec![],
            extension: None,
            violation: Default::default(),
        };
        let recorded = store.record(&event).unwrap().id;
        let history = store.history(truce).unwrap();
        assert!(history.iter().any(|entry| entry.id == recorded && entry.note == text), "{name}");
    }

    for (name, text) in corpus("refused") {
        let before = exchange::export_json(&store).unwrap();
        let refusals = [
            ("name", store.add_party(&new_party(&text)).map(drop)),
            ("title", store.add_proposal(&new_proposal(&text, ukraine)).map(drop)),
            (
                "sources",
                store
                    .add_proposal(&NewProposal {
                        sources: vec![SourceChoice::New {
                            source: NewSource {
                                title: text.clone(),
                                outlet: String::new(),
                                url: None,
                                published_on: None,
                            },
                        }],
                        ..new_proposal("Prisoner exchange", ukraine)
                    })
                    .map(drop),
            ),
            ("reason", store.retract(1, &text)),
        ];
        for (field, refusal) in refusals {
            match refusal {
                Err(Error::Invalid { field: said, problem: InputError::ControlCharacter(_) }) => {
                    assert_eq!(said, field, "{name}")
                }
                other => panic!("{name}: {field} gave {other:?}"),
            }
        }
        assert_eq!(exchange::export_json(&store).unwrap(), before, "{name} changed the database");
    }
}

#[test]
fn a_megabyte_of_text_is_kept_and_more_than_the_limit_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let ukraine = store.add_party(&new_party("Ukraine")).unwrap();
    // A megabyte of mixed scripts, markup and emoji, the kind of paste a full text is.
    let megabyte: String = "Article 1. وقف إطلاق النار <b>&amp;</b> 🕊️ "
        .chars()
        .cycle()
        .take(1 << 20)
        .collect::<String>()
        .trim()
        .to_string();
    let full = NewProposal { full_text: Some(megabyte.clone()), ..new_proposal("Draft agreement", ukraine) };
    let id = store.add_proposal(&full).unwrap().id;
    assert_eq!(store.proposal(id).unwrap().full_text.as_deref(), Some(megabyte.as_str()));

    let too_long = "x".repeat(ceasefire_tracker::store::MAX_TEXT_BYTES + 1);
    let refused = store.add_proposal(&NewProposal { summary: too_long, ..new_proposal("Too long", ukraine) });
    assert!(
        matches!(refused, Err(Error::Invalid { field: "summary", problem: InputError::TooLong { .. } })),
        "{refused:?}"
    );
    assert_eq!(store.proposals().unwrap().len(), 1);
}

/// A tracker with a proposal of 11 March 2025 by Ukraine, for the tables of bad input.
fn truce() -> Tracker {
    let t = Tracker::new();
    t.id(&["party", "add", "Ukraine"]);
    t.id(&["party", "add", "Russia"]);
    t.id(&["proposal", "add", "Energy truce", "--by", "Ukraine", "--on", "2025-03-11"]);
    t.id(&["proposal", "add", "Prisoner exchange", "--by", "Russia", "--on", "2025-03-11"]);
    t.id(&["proposal", "add", "Prisoner exchange", "--by", "Ukraine", "--on", "2025-03-12"]);
    t
}

/// Runs each line of a table with its input put in `args` at `{}`: refused with exactly
/// what the table says and nothing changed, or accepted when it says nothing.
fn run_table(t: &Tracker, name: &str, args: &[&str]) -> usize {
    let rows = table(name);
    for (input, says) in &rows {
        let args: Vec<String> = args.iter().map(|arg| arg.replace("{}", input)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if says.is_empty() {
            t.id(&args);
        } else {
            t.refuses(&args, says);
        }
    }
    rows.len()
}

#[test]
fn bad_dates_words_and_names_are_refused_with_what_to_type() {
    let t = truce();
    let mut tried = 0;
    tried += run_table(&t, "dates.tsv", &["status", "set", "Energy truce", "under_negotiation", "--on={}"]);
    tried += run_table(&t, "statuses.tsv", &["status", "set", "Energy truce", "{}", "--on", "2025-03-12"]);
    tried += run_table(
        &t,
        "stances.tsv",
        &["stance", "set", "Energy truce", "Russia", "{}", "--on", "2025-03-12"],
    );
    tried += run_table(&t, "proposals.tsv", &["status", "set", "{}", "agreed", "--on", "2025-03-12"]);
    tried += run_table(
        &t,
        "parties.tsv",
        &["stance", "set", "Energy truce", "{}", "opposes", "--on", "2025-03-12"],
    );
    println!("hostile: {tried} dates, words and names tried");
}

#[test]
fn malformed_and_truncated_imports_are_refused_whole() {
    let t = Tracker::new();
    t.ok(&["demo"]);
    let mut tried = 0;
    for (name, _) in corpus("imports") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/imports").join(&name);
        if name == "valid.json" {
            continue;
        }
        let before = t.snapshot();
        let run = t.run(&["import", path.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "{name} was imported: {run:?}");
        assert!(
            run.stderr.starts_with("cftrack: import refused at ")
                && run.stderr.ends_with("; nothing was imported\n")
                && run.stderr.lines().count() == 1,
            "{name}: {}",
            run.stderr
        );
        assert!(t.snapshot() == before, "{name} changed the database");
        tried += 1;
    }

    // Every cut of a whole document, one in every 41 bytes, is refused too.
    let valid = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/imports/valid.json");
    let whole = std::fs::read_to_string(&valid).unwrap();
    let cut_file = t.dir.path().join("cut.json");
    let before = t.snapshot();
    for end in (0..whole.len()).step_by(41).filter(|end| whole.is_char_boundary(*end)) {
        std::fs::write(&cut_file, &whole[..end]).unwrap();
        let run = t.run(&["import", cut_file.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "a document cut at byte {end} was imported");
        tried += 1;
    }
    assert!(t.snapshot() == before, "a cut document changed the database");
    // The whole one imports, so the refusals above were about the damage alone.
    Tracker::new().ok(&["import", valid.to_str().unwrap()]);
    println!("hostile: {tried} malformed or truncated documents refused");
}

#[test]
fn a_source_links_only_to_web_pages() {
    let t = Tracker::new();
    for link in [
        "javascript:alert(document.cookie)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
    ] {
        t.refuses(
            &["source", "add", "Readout", "--url", link],
            &format!("url: \"{link}\" is not a web link: a source's link starts with https:// or http://"),
        );
    }
    t.id(&["source", "add", "Readout", "--url", "https://example.org/readout?a=<b>"]);
    // Typed as a proposal's source, a text that is not a web link is a title, never a link.
    t.id(&["party", "add", "Ukraine"]);
    t.id(&[
        "proposal",
        "add",
        "Energy truce",
        "--by",
        "Ukraine",
        "--on",
        "2025-03-11",
        "--source",
        "javascript:alert(1)",
    ]);
    let export: Value = t.json(&["export"]);
    let links: Vec<&Value> =
        export["sources"].as_array().unwrap().iter().map(|source| &source["url"]).collect();
    assert_eq!(links, [&Value::from("https://example.org/readout?a=<b>"), &Value::Null]);
}
