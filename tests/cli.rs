//! `cftrack` as people and scripts run it: the built binary on fresh database files.

mod cli_support;

use std::thread::sleep;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use cli_support::Tracker;
use serde_json::Value;

/// A negotiation that is not in the demo, typed in the way a new user would: the
/// Israel-Lebanon cessation of hostilities of November 2024.
#[test]
fn a_negotiation_typed_in_by_hand_reads_back_as_of_each_date() {
    let t = Tracker::new();
    t.id(&["party", "add", "Israel"]);
    t.id(&["party", "add", "Hezbollah", "--kind", "armed_group"]);
    t.id(&["party", "add", "Lebanon", "--kind", "state"]);
    t.id(&["party", "add", "United States"]);
    t.id(&["party", "add", "Amos Hochstein", "--member-of", "United States", "--note", "US envoy"]);
    let announcement = t.id(&[
        "source",
        "add",
        "Israel and Hezbollah agree to a ceasefire",
        "--outlet",
        "Wire service",
        "--url",
        "https://news.example.org/ceasefire",
        "--published",
        "2024-11-26",
    ]);

    // The US draft was put to Lebanon in mid-November; the day is not known.
    let truce = "Israel-Lebanon cessation of hostilities";
    let proposal = t.id(&[
        "proposal",
        "add",
        truce,
        "--by",
        "United States",
        "--role",
        "mediator",
        "--on",
        "2024-11",
        "--duration-days",
        "60",
        "--scope",
        "Southern Lebanon and northern Israel",
        "--process",
        "Israel-Hezbollah conflict",
    ]);
    let p = proposal.to_string();
    t.id(&[
        "stance",
        "set",
        &p,
        "Lebanon",
        "supports_with_conditions",
        "--on",
        "2024-11-19",
        "--note",
        "Answered the draft with remarks",
        "--source",
        "https://news.example.org/remarks",
    ]);
    let withdrawal = t.id(&[
        "condition",
        "add",
        truce,
        "--by",
        "Lebanon",
        "Israeli forces leave southern Lebanon within 60 days",
        "--directed-at",
        "Israel",
        "--category",
        "territory",
        "--kind",
        "precondition",
        "--on",
        "2024-11-19",
    ]);
    t.id(&[
        "condition",
        "add",
        &p,
        "--by",
        "Israel",
        "Freedom to act against violations",
        "--category",
        "security guarantees",
        "--kind",
        "red-line",
        "--on",
        "2024-11-21",
    ]);
    t.id(&["status", "set", &p, "under_negotiation", "--on", "2024-11-19"]);
    t.id(&[
        "status",
        "set",
        truce,
        "agreed",
        "--on",
        "2024-11-26",
        "--source",
        "Israel and Hezbollah agree to a ceasefire",
    ]);
    t.id(&["stance", "set", truce, "Israel", "supports", "--on", "2024-11-26"]);
    t.id(&["condition", "set", &withdrawal.to_string(), "accepted", "--on", "2024-11-26"]);
    t.id(&["status", "set", truce, "in_effect", "--on", "2024-11-27"]);

    // A misreading, taken back, then what did happen.
    let mistake = t.id(&["status", "set", truce, "collapsed", "--on", "2024-12-02"]);
    sleep(Duration::from_millis(20));
    let before_retraction = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    sleep(Duration::from_millis(20));
    let retracted = t.ok(&["retract", &mistake.to_string(), "--reason", "Misread a report of strikes"]);
    assert_eq!(retracted, "", "retract creates nothing, so it prints nothing");
    t.id(&[
        "status",
        "set",
        truce,
        "violated",
        "--on",
        "2024-12-02",
        "--note",
        "Strikes reported on both sides",
    ]);
    t.id(&["status", "set", truce, "extended", "--on", "2025-01-27", "--note", "Extended to 18 February"]);

    let state_on = |date: &str| t.json(&["proposal", "show", truce, "--as-of", date, "--json"]);

    let before = state_on("2024-10-31");
    assert_eq!(before["status"], Value::Null, "not proposed yet");
    assert_eq!(t.json(&["proposal", "list", "--as-of", "2024-10-31", "--json"]), Value::Array(vec![]));

    let floated = state_on("2024-11-10");
    assert_eq!(floated["status"], "floated");
    assert_eq!(floated["status_since"], "2024-11");
    assert_eq!(floated["proposed_on"], "2024-11");
    assert_eq!(floated["conditions"], Value::Array(vec![]));

    let talks = state_on("2024-11-20");
    assert_eq!(talks["status"], "under_negotiation");
    assert_eq!(stance_of(&talks, "Lebanon")["stance"], "supports_with_conditions");
    assert_eq!(stance_of(&talks, "Lebanon")["since"], "2024-11-19");
    assert_eq!(stance_of(&talks, "United States")["role"], "mediator");
    assert_eq!(talks["conditions"].as_array().unwrap().len(), 1, "Israel's condition came later");
    assert_eq!(talks["conditions"][0]["status"], "raised");

    let agreed = state_on("2024-11-26");
    assert_eq!(agreed["status"], "agreed");
    assert_eq!(stance_of(&agreed, "Israel")["stance"], "supports");
    assert_eq!(stance_of(&agreed, "Israel")["role"], "party");
    let conditions = agreed["conditions"].as_array().unwrap();
    let by_id = |id: i64| conditions.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(by_id(withdrawal)["status"], "accepted");
    assert_eq!(by_id(withdrawal)["category"], "territory");
    assert_eq!(by_id(withdrawal)["raised_by"], "Lebanon");
    let freedom = conditions.iter().find(|c| c["raised_by"] == "Israel").unwrap();
    assert_eq!(freedom["category"], "security_guarantees");
    assert_eq!(freedom["status"], "raised");

    let in_effect = state_on("2024-11-30");
    assert_eq!(in_effect["status"], "in_effect");
    assert_eq!(in_effect["days_in_status"], 3);

    let violated = state_on("2024-12-05");
    assert_eq!(violated["status"], "violated", "the retracted collapse does not count");

    let as_recorded_then = t.json(&[
        "proposal",
        "show",
        truce,
        "--as-of",
        "2024-12-05",
        "--known-on",
        &before_retraction,
        "--json",
    ]);
    assert_eq!(as_recorded_then["status"], "collapsed", "before its retraction the mistake stood");

    // A month means its last day: by the end of February it had been extended.
    let extended = state_on("2025-02");
    assert_eq!(extended["status"], "extended");
    assert_eq!(extended["status_since"], "2025-01-27");
    let spans: Vec<&Value> = extended["timeline"].as_array().unwrap().iter().map(|s| &s["status"]).collect();
    assert_eq!(spans, ["floated", "under_negotiation", "agreed", "in_effect", "violated", "extended"]);

    let list = t.json(&["proposal", "list", "--as-of", "2024-11-30", "--json"]);
    assert_eq!(list[0]["id"], proposal);
    assert_eq!(list[0]["status"], "in_effect");
    assert_eq!(list[0]["status_since"], "2024-11-27");
    assert_eq!(list[0]["proposed_by"], "United States");
    let in_status = |status: &str| {
        t.json(&["proposal", "list", "--status", status, "--as-of", "2024-11-30", "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((in_status("in effect"), in_status("agreed")), (1, 0));

    // People read labels and dates as they write them.
    let table = t.ok(&["proposal", "list", "--as-of", "2024-11-30"]);
    assert!(table.contains("In effect") && table.contains("27 November 2024"), "{table}");
    let page = t.ok(&["proposal", "show", truce, "--as-of", "2024-11-26"]);
    for words in ["Agreed since 26 November 2024", "November 2024", "Supports with conditions", "Territory"] {
        assert!(page.contains(words), "{words} missing from\n{page}");
    }

    let history = t.json(&["history", truce, "--json"]);
    let entries = history.as_array().unwrap();
    let mistaken = entries.iter().find(|e| e["id"] == mistake).unwrap();
    assert_eq!(mistaken["retracted"], true);
    assert_eq!(mistaken["retraction_reason"], "Misread a report of strikes");
    let agreement = entries.iter().find(|e| e["value"] == "agreed").unwrap();
    assert_eq!(agreement["kind"], "status");
    assert_eq!(agreement["date"], "2024-11-26");
    assert_eq!(agreement["sources"][0]["id"], announcement, "named by title, the known source is reused");
    assert_eq!(agreement["retracted"], false);
    let remarks = entries.iter().find(|e| e["kind"] == "stance" && e["party"] == "Lebanon").unwrap();
    assert_eq!(remarks["sources"][0]["url"], "https://news.example.org/remarks");
    assert_eq!(remarks["note"], "Answered the draft with remarks");

    let sources = t.json(&["source", "list", "--json"]);
    assert_eq!(sources.as_array().unwrap().len(), 2, "the URL given with the stance became a source");
}

fn stance_of<'a>(state: &'a Value, party: &str) -> &'a Value {
    let stances = state["stances"].as_array().expect("stances");
    stances.iter().find(|s| s["party"] == party).unwrap_or_else(|| panic!("no stance of {party}: {state}"))
}

#[test]
fn an_unusual_move_is_recorded_with_a_warning_on_standard_error() {
    let t = Tracker::new();
    t.id(&["party", "add", "Sudan Armed Forces", "--kind", "armed_group"]);
    t.id(&["proposal", "add", "Jeddah truce", "--by", "Sudan Armed Forces", "--on", "2023-05-20"]);
    t.id(&["status", "set", "Jeddah truce", "collapsed", "--on", "2023-06-01"]);

    let run = t.run(&["status", "set", "Jeddah truce", "in_effect", "--on", "2023-06-10"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.trim().parse::<i64>().is_ok(), "only the id on stdout: {:?}", run.stdout);
    assert!(run.stderr.starts_with("cftrack: warning: "), "{}", run.stderr);
    assert!(run.stderr.contains("Collapsed"), "the warning names the closed status: {}", run.stderr);
    assert_eq!(t.json(&["proposal", "show", "Jeddah truce", "--json"])["status"], "in_effect");
}

#[test]
fn parties_and_sources_are_listed_and_edited() {
    let t = Tracker::new();
    let russia = t.id(&["party", "add", "Russia"]);
    t.id(&["party", "add", "Vladimir Putin", "--member-of", "Russia", "--note", "President"]);
    t.id(&["party", "add", "Wagner", "--kind", "armed-group", "--member-of", &russia.to_string()]);
    t.ok(&["party", "edit", "Wagner", "--name", "Africa Corps", "--member-of", "none"]);

    let parties = t.json(&["party", "list", "--json"]);
    let named = |name: &str| parties.as_array().unwrap().iter().find(|p| p["name"] == name).cloned().unwrap();
    assert_eq!(named("Vladimir Putin")["kind"], "person", "a member is a person unless told otherwise");
    assert_eq!(named("Vladimir Putin")["member_of"], "Russia");
    assert_eq!(named("Russia")["kind"], "state");
    assert_eq!(named("Africa Corps")["kind"], "armed_group");
    assert_eq!(named("Africa Corps")["member_of"], Value::Null);
    assert_eq!(named("Russia")["id"], russia);

    let table = t.ok(&["party", "list"]);
    assert!(table.starts_with("Id  Name"), "{table}");
    assert!(table.contains("Armed group") && table.contains("Person"), "{table}");

    let source = t.id(&["source", "add", "Kremlin readout", "--outlet", "Kremlin", "--published", "2025-03"]);
    let sources = t.json(&["source", "list", "--json"]);
    assert_eq!(sources[0]["id"], source);
    assert_eq!(sources[0]["outlet"], "Kremlin");
    assert_eq!(sources[0]["published_on"], "2025-03");
    assert!(t.ok(&["source", "list"]).contains("March 2025"));
}

#[test]
fn a_proposal_is_corrected_by_editing_it_and_lineage_shows_both_ways() {
    let t = Tracker::new();
    t.id(&["party", "add", "Qatar"]);
    t.id(&["party", "add", "Israel"]);
    let first = t.id(&[
        "proposal",
        "add",
        "Hostage deal phase 1",
        "--by",
        "Qatar",
        "--role",
        "mediator",
        "--on",
        "2024-01",
    ]);
    let second = t.id(&[
        "proposal",
        "add",
        "Hostage deal",
        "--by",
        "Qatar",
        "--on",
        "2024-05-06",
        "--duration-days",
        "42",
    ]);
    t.ok(&[
        "proposal",
        "edit",
        "Hostage deal",
        "--title",
        "Three-phase hostage and ceasefire deal",
        "--supersedes",
        &first.to_string(),
        "--kind",
        "humanitarian pause",
        "--duration-days",
        "none",
    ]);
    t.refuses(&["proposal", "show", "Hostage deal"], "no proposal is called or numbered \"Hostage deal\"");
    t.refuses(
        &["proposal", "edit", "Three-phase hostage and ceasefire deal", "--on", "2024-06"],
        "date: events on this proposal date from 2024-05-06, before that",
    );

    let newer = t.json(&["proposal", "show", "Three-phase hostage and ceasefire deal", "--json"]);
    assert_eq!(newer["id"], second);
    assert_eq!(newer["kind"], "humanitarian_pause");
    assert_eq!(newer["duration_days"], Value::Null);
    assert_eq!(newer["supersedes"]["id"], first);
    let older = t.json(&["proposal", "show", &first.to_string(), "--json"]);
    assert_eq!(older["superseded_by"][0]["title"], "Three-phase hostage and ceasefire deal");
    assert_eq!(stance_of(&older, "Qatar")["role"], "mediator");
    let page = t.ok(&["proposal", "show", &first.to_string()]);
    assert!(page.contains("Superseded by  Three-phase hostage and ceasefire deal"), "{page}");
}

#[test]
fn the_database_is_created_checked_backed_up_and_restored() {
    let t = Tracker::new();
    assert!(!t.db.exists());
    assert_eq!(t.ok(&["init"]).trim(), t.db.display().to_string());
    assert!(t.db.exists());
    assert!(t.ok(&["proposal", "list"]).starts_with("No proposals"), "an empty list says what to do next");
    assert!(t.ok(&["check"]).contains("no problems found"));

    t.id(&["party", "add", "Colombia"]);
    let backup = t.dir.path().join("backup.db");
    let backup_arg = backup.to_str().unwrap();
    t.ok(&["backup", "-o", backup_arg]);
    t.id(&["party", "add", "ELN", "--kind", "armed_group"]);

    let restored = t.ok(&["restore", backup_arg]);
    assert!(restored.contains("kept in"), "{restored}");
    let names: Vec<Value> =
        t.json(&["party", "list", "--json"]).as_array().unwrap().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names, ["Colombia"]);

    // A backup never overwrites a file.
    t.refuses(
        &["backup", "-o", backup_arg],
        &format!("{backup_arg} already exists; choose a new file for the backup"),
    );
}

#[test]
fn the_database_comes_from_cftrack_db_unless_db_names_one() {
    let t = Tracker::new();
    let elsewhere = t.dir.path().join("elsewhere.db");
    let run = t.run_with_env(&["party", "add", "Mali"], &elsewhere);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(elsewhere.exists());
    let run = t.run_with_env(&["party", "list", "--json"], &elsewhere);
    assert!(run.stdout.contains("Mali"));
    assert_eq!(t.json(&["party", "list", "--json"]), Value::Array(vec![]), "--db wins over CFTRACK_DB");
}

#[test]
fn the_demo_loads_once_and_lists_both_proposals_with_their_statuses() {
    let t = Tracker::new();
    t.ok(&["init"]);
    let empty = t.snapshot();
    assert!(t.ok(&["demo"]).starts_with("Loaded the demo data set"));
    let loaded = t.snapshot();
    assert_ne!(loaded, empty, "a snapshot tells a changed database from the one before");
    assert!(t.ok(&["demo"]).contains("nothing changed"));
    assert_eq!(t.snapshot(), loaded, "a second demo changes nothing");

    let list = t.json(&["proposal", "list", "--json"]);
    let by_title = |title: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"] == title)
            .cloned()
            .unwrap_or_else(|| panic!("{title}"))
    };
    let general = by_title("30-day interim ceasefire");
    assert_eq!(general["status"], "under_negotiation");
    assert_eq!(general["status_since"], "2025-03-13");
    assert_eq!(general["proposed_by"], "United States");
    let energy = by_title("30-day halt on strikes against energy infrastructure");
    assert_eq!(energy["status"], "in_effect");
    assert_eq!(energy["status_since"], "2025-03-18");
    assert_eq!(energy["proposed_by"], "Donald Trump");
    assert_eq!(energy["kind"], "partial");

    // Right after Jeddah, only the first proposal existed and Ukraine had agreed.
    let jeddah = t.json(&["proposal", "list", "--as-of", "2025-03-12", "--json"]);
    assert_eq!(jeddah.as_array().unwrap().len(), 1);
    assert_eq!(jeddah[0]["status"], "partially_accepted");
}

#[test]
fn json_output_carries_the_documented_fields_with_codes_and_iso_dates() {
    let t = Tracker::new();
    t.ok(&["demo"]);

    for proposal in t.json(&["proposal", "list", "--json"]).as_array().unwrap() {
        for field in ["id", "title", "status", "status_since", "proposed_by"] {
            assert!(!proposal[field].is_null(), "proposal list --json lacks {field}: {proposal}");
        }
    }

    let shown = t.json(&["proposal", "show", "30-day interim ceasefire", "--as-of", "2025-03-16", "--json"]);
    assert_eq!(shown["status"], "under_negotiation");
    assert_eq!(shown["as_of"], "2025-03-16");
    let russia = stance_of(&shown, "Russia");
    assert_eq!(russia["stance"], "agrees_in_principle");
    assert_eq!(russia["role"], "party");
    assert_eq!(russia["since"], "2025-03-13");
    for stance in shown["stances"].as_array().unwrap() {
        for field in ["party", "stance", "role", "since"] {
            assert!(!stance[field].is_null(), "a stance lacks {field}: {stance}");
        }
    }
    let conditions = shown["conditions"].as_array().unwrap();
    let guarantees = conditions.iter().find(|c| c["category"] == "security_guarantees").unwrap();
    assert_eq!(guarantees["raised_by"], "Ukraine");
    assert_eq!(guarantees["status"], "rejected");
    assert_eq!(guarantees["since"], "2025-03-16");
    for condition in conditions {
        for field in ["id", "text", "raised_by", "category", "status", "since"] {
            assert!(!condition[field].is_null(), "a condition lacks {field}: {condition}");
        }
    }
    let categories: Vec<&str> = conditions.iter().map(|c| c["category"].as_str().unwrap()).collect();
    for category in ["monitoring", "military_limits", "arms_supplies", "peacekeeping", "territory"] {
        assert!(categories.contains(&category), "no {category} condition in the demo");
    }

    let history = t.json(&["history", "30-day interim ceasefire", "--json"]);
    for entry in history.as_array().unwrap() {
        for field in ["id", "kind", "date", "value", "note", "sources", "retracted"] {
            assert!(entry.get(field).is_some(), "a history entry lacks {field}: {entry}");
        }
    }
    let first = &history[0];
    assert_eq!(first["kind"], "status");
    assert_eq!(first["value"], "floated");
    assert_eq!(first["date"], "2025-03-11");
    assert_eq!(first["sources"][0]["title"], "US-Russia Negotiations Heat Up as Ceasefire Talks Continue");
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_document() {
    let t = Tracker::new();
    t.ok(&["demo"]);
    let file = t.dir.path().join("export.json");
    let file_arg = file.to_str().unwrap();
    assert_eq!(t.ok(&["export", "-o", file_arg]), "");
    let exported = std::fs::read_to_string(&file).unwrap();
    assert_eq!(exported, t.ok(&["export"]), "-o writes what standard output shows");
    let document: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(document["format"], "ceasefire-tracker");

    let other = Tracker::new();
    let imported = other.ok(&["import", file_arg]);
    assert!(imported.starts_with("Imported "), "{imported}");
    assert_eq!(other.ok(&["export"]), exported);
    assert_eq!(
        other.json(&["proposal", "list", "--json"]),
        t.json(&["proposal", "list", "--json"]),
        "the imported proposals stand where they stood"
    );

    // A document with a bad record is refused whole.
    let mut broken = document.clone();
    broken["events"][3]["occurred_on"] = Value::from("13 March");
    let broken_file = t.dir.path().join("broken.json");
    std::fs::write(&broken_file, serde_json::to_string(&broken).unwrap()).unwrap();
    let fresh = Tracker::new();
    fresh.ok(&["init"]);
    let run = fresh.run(&["import", broken_file.to_str().unwrap()]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.starts_with("cftrack: import refused at events[3]"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(fresh.json(&["party", "list", "--json"]), Value::Array(vec![]), "nothing was imported");
}

/// Each bad input: exit code 1, one line naming the problem, and nothing changed.
#[test]
fn bad_input_is_refused_with_one_line_and_changes_nothing() {
    let t = Tracker::new();
    t.id(&["party", "add", "Ethiopia"]);
    t.id(&["party", "add", "TPLF", "--kind", "armed_group"]);
    t.id(&["proposal", "add", "Pretoria agreement", "--by", "Ethiopia", "--on", "2022-11-02"]);
    t.id(&["proposal", "add", "Humanitarian truce", "--by", "Ethiopia", "--on", "2022-03-24"]);
    t.id(&["proposal", "add", "Humanitarian truce", "--by", "TPLF", "--on", "2022-03-25"]);
    let p = "Pretoria agreement";

    let cases: &[(&[&str], &str)] = &[
        (
            &["status", "set", p, "agreed", "--on", "2999-01-01"],
            "date: 1 January 2999 is in the future; record only what has happened",
        ),
        (
            &["stance", "set", p, "TPLF", "supports", "--on", "2022-10-01"],
            "date: 1 October 2022 is before the proposal was made (2 November 2022)",
        ),
        (&["stance", "set", p, "Eritrea", "supports", "--on", "2022-11-03"], "no party is called or numbered \"Eritrea\""),
        (&["proposal", "add", "Nairobi talks", "--by", "Eritrea", "--on", "2022-11-12"], "no party is called or numbered \"Eritrea\""),
        (&["status", "set", "Lusaka accord", "agreed", "--on", "2022-11-03"], "no proposal is called or numbered \"Lusaka accord\""),
        (&["proposal", "show", "Humanitarian truce"], "\"Humanitarian truce\" names 2 proposals; use the id instead"),
        (&["proposal", "add", "  ", "--by", "Ethiopia", "--on", "2022-11-12"], "title: this must not be empty"),
        (&["condition", "add", p, "--by", "TPLF", "", "--on", "2022-11-03"], "text: this must not be empty"),
        (&["condition", "set", "999", "met", "--on", "2022-11-03"], "no condition is called or numbered \"999\""),
        (&["retract", "999", "--reason", "typo"], "no event is called or numbered \"999\""),
        (&["retract", "1", "--reason", " "], "reason: this must not be empty"),
        (&["party", "add", "TPLF"], "a party called \"TPLF\" already exists"),
        (&["party", "add", "Amhara militia", "--kind", "militia"], "kind: \"militia\" is not a party kind; use one of: state, person, organization, armed_group, coalition, other"),
        (
            &["status", "set", p, "signed", "--on", "2022-11-03"],
            "status: \"signed\" is not a proposal status; use one of: floated, under_negotiation, partially_accepted, \
             agreed, in_effect, extended, violated, collapsed, expired, superseded, rejected, withdrawn, unclear",
        ),
        (&["stance", "set", p, "TPLF", "maybe", "--on", "2022-11-03"], "stance: \"maybe\" is not a stance; use one of: proposer, supports, supports_with_conditions, agrees_in_principle, no_position, opposes, rejects, withdrew_support"),
        (&["stance", "set", p, "TPLF", "supports", "--role", "referee", "--on", "2022-11-03"], "role: \"referee\" is not a role; use one of: party, mediator, guarantor, observer, third_party"),
        (&["condition", "add", p, "--by", "TPLF", "Disarmament", "--category", "weapons", "--on", "2022-11-03"], "category: \"weapons\" is not a condition category; use one of: security_guarantees, peacekeeping, territory, military_limits, arms_supplies, sanctions, prisoners, monitoring, humanitarian, political_status, other"),
        (&["status", "set", p, "agreed", "--on", "2022-11-31"], "date: \"2022-11-31\" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
        (&["status", "set", p, "agreed", "--on", "2 November 2022"], "date: \"2 November 2022\" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
        (&["proposal", "list", "--as-of", "2022/11"], "as-of: \"2022/11\" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
        (&["source", "add", "Communiqué", "--published", "soon"], "published: \"soon\" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
        (&["status", "set", p, "agreed", "--on", "2022-11-03", "--source", " "], "source: this must not be empty"),
    ];
    for (args, message) in cases {
        t.refuses(args, message);
    }

    // Files that are not what they should be.
    let garbage = t.dir.path().join("garbage.db");
    std::fs::write(&garbage, b"these bytes are no database at all, not even close to one").unwrap();
    let garbage = garbage.to_str().unwrap();
    let run = t.run(&["restore", garbage]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with(&format!("cftrack: {garbage} is not a Ceasefire Tracker database")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);
    let missing = t.dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    t.refuses(&["import", missing], &format!("{missing}: No such file or directory (os error 2)"));

    // Usage errors are clap's: exit code 2, and nothing changed either.
    let before = t.snapshot();
    let run = t.run(&["status", "set", p]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(t.snapshot(), before);
}

#[test]
fn a_reader_that_stops_early_ends_the_program_quietly() {
    let t = Tracker::new();
    t.ok(&["gen", "--proposals", "400", "--events-per-proposal", "2"]);
    // More than a pipe holds, so that cftrack is still writing when `head` has gone.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .env_remove("CFTRACK_DB")
        .args(["--db", t.db.to_str().unwrap(), "proposal", "list", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(first, *b"[");
    assert_eq!(stderr, "", "a closed pipe was reported");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_dash_for_a_file_means_standard_output() {
    let t = Tracker::new();
    t.ok(&["demo"]);
    let exported = t.ok(&["export", "-o", "-"]);
    assert_eq!(exported, t.ok(&["export"]));
    let report = t.ok(&["report", "--all", "--format", "csv", "-o", "-"]);
    assert!(report.starts_with("id,"), "{report}");
    let copy = std::process::Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .args(["--db", t.db.to_str().unwrap(), "backup", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(copy.status.code(), Some(0));
    assert!(copy.stdout.starts_with(b"SQLite format 3\0"), "not a database on standard output");
    let written = t.dir.path().join("from-stdout.db");
    std::fs::write(&written, &copy.stdout).unwrap();
    let restored = Tracker { dir: tempfile::tempdir().unwrap(), db: written };
    assert_eq!(restored.ok(&["export"]), exported);
    assert!(!std::env::current_dir().unwrap().join("-").exists(), "a file named - was written");
}

#[test]
fn a_reading_command_makes_no_folder_for_a_missing_database() {
    let t = Tracker::new();
    let missing = t.dir.path().join("no").join("such").join("tracker.db");
    let db = missing.to_str().unwrap();
    for args in [
        vec!["--db", db, "proposal", "list"],
        vec!["--db", db, "party", "list", "--json"],
        vec!["--db", db, "report", "--all"],
        vec!["--db", db, "export"],
    ] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_cftrack")).args(&args).output().unwrap();
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(stderr.contains("does not exist; nothing was created"), "{args:?}: {stderr}");
        assert!(!t.dir.path().join("no").exists(), "{args:?} made the folder");
    }
    // A command that records something still makes its file where asked.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .args(["--db", db, "party", "add", "Ukraine"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert!(missing.exists());
}

/// Two copies of the demo, changed independently through `cftrack` (a retraction and an
/// edit on each, the same new party on both), exchange exports both ways and then export
/// byte-identical documents.
#[test]
fn two_copies_of_the_demo_changed_apart_exchange_exports_and_agree() {
    let olena = Tracker::new();
    olena.ok(&["demo"]);
    let maksym = Tracker::new();
    std::fs::copy(&olena.db, &maksym.db).unwrap();
    let settings = |who: &Tracker, name: &str| {
        let file = who.dir.path().join("settings.json");
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_cftrack"))
            .env("CFTRACK_SETTINGS", &file)
            .args(["config", "set", "name", name])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0));
        file
    };
    let (olena_settings, maksym_settings) =
        (settings(&olena, "Olena Kovalenko"), settings(&maksym, "Maksym Bondar"));
    let as_analyst = |who: &Tracker, file: &std::path::Path, args: &[&str]| -> String {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_cftrack"))
            .env("CFTRACK_SETTINGS", file)
            .env_remove("CFTRACK_DB")
            .arg("--db")
            .arg(&who.db)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
        String::from_utf8(run.stdout).unwrap()
    };
    as_analyst(&olena, &olena_settings, &["retract", "3", "--reason", "Misread the report"]);
    as_analyst(&olena, &olena_settings, &["proposal", "edit", "1", "--title", "US 30-day interim ceasefire"]);
    as_analyst(&olena, &olena_settings, &["party", "add", "Türkiye"]);
    as_analyst(&maksym, &maksym_settings, &["retract", "5", "--reason", "Wrong date"]);
    as_analyst(&maksym, &maksym_settings, &["party", "edit", "Ukraine", "--note", "Government in Kyiv"]);
    as_analyst(&maksym, &maksym_settings, &["party", "add", "Türkiye"]);

    let from_olena = olena.dir.path().join("olena.json");
    let from_maksym = maksym.dir.path().join("maksym.json");
    olena.ok(&["export", "-o", from_olena.to_str().unwrap()]);
    maksym.ok(&["export", "-o", from_maksym.to_str().unwrap()]);
    let said = olena.ok(&["import", from_maksym.to_str().unwrap()]);
    assert!(said.starts_with("Imported 3 new entries from Maksym Bondar's export"), "{said}");
    assert!(said.ends_with("parties merged: Türkiye.\n"), "{said}");
    maksym.ok(&["import", from_olena.to_str().unwrap()]);
    let document = olena.ok(&["export"]);
    assert_eq!(document, maksym.ok(&["export"]));

    let history = olena.json(&["history", "1", "--json"]);
    let entry = |id: i64| history.as_array().unwrap().iter().find(|e| e["id"] == id).unwrap().clone();
    assert_eq!(entry(3)["retracted_by"], "Olena Kovalenko");
    let parties = olena.json(&["party", "list", "--json"]);
    let turkiye: Vec<&Value> =
        parties.as_array().unwrap().iter().filter(|p| p["name"] == "Türkiye").collect();
    assert_eq!(turkiye.len(), 1);
    let shown = olena.json(&["proposal", "show", "1", "--json"]);
    assert_eq!(shown["title"], "US 30-day interim ceasefire");
    // Again, nothing changes.
    assert!(olena.ok(&["import", from_maksym.to_str().unwrap()]).starts_with("Imported 0 new entries"));
    assert_eq!(olena.ok(&["export"]), document);
}

#[test]
fn a_party_entered_twice_is_merged_and_its_old_name_still_finds_it() {
    let t = Tracker::new();
    t.ok(&["demo"]);
    t.id(&["party", "add", "Government of Ukraine"]);
    t.id(&["stance", "set", "2", "Government of Ukraine", "supports", "--on", "2025-03-19"]);
    assert_eq!(
        t.ok(&["party", "merge", "Government of Ukraine", "--into", "Ukraine"]),
        "Government of Ukraine is now one party with Ukraine\n"
    );
    let parties = t.json(&["party", "list", "--json"]);
    let ukraine = parties.as_array().unwrap().iter().find(|p| p["name"] == "Ukraine").unwrap();
    assert_eq!(ukraine["aliases"], serde_json::json!(["Government of Ukraine"]));
    let shown = t.json(&["proposal", "show", "2", "--json", "--as-of", "2025-03-20"]);
    let ukraine_stances: Vec<&Value> =
        shown["stances"].as_array().unwrap().iter().filter(|s| s["party"] == "Ukraine").collect();
    assert_eq!(ukraine_stances.len(), 1);
    assert_eq!(ukraine_stances[0]["stance"], "supports");
    t.refuses(
        &["party", "merge", "Ukraine", "--into", "Government of Ukraine"],
        "into: both name Ukraine: they are already one party",
    );
}

/// The clock through `cftrack`: a deal of three mediators, a phase with 42 days, extended,
/// and the deadlines as of any date; bad input refused with one line and nothing changed.
#[test]
fn a_phased_deal_its_clock_and_its_deadlines_through_cftrack() {
    let t = Tracker::new();
    for name in ["Qatar", "Egypt", "United States"] {
        t.id(&["party", "add", name]);
    }
    let deal = t.id(&[
        "proposal",
        "add",
        "Gaza deal",
        "--by",
        "Qatar",
        "--by",
        "Egypt",
        "--by",
        "United States",
        "--on",
        "2025-01-15",
        "--role",
        "mediator",
    ]);
    let one = t.id(&[
        "proposal",
        "add",
        "Phase one",
        "--by",
        "Qatar",
        "--on",
        "2025-01-15",
        "--phase-of",
        "Gaza deal",
        "--phase",
        "1",
        "--duration-days",
        "42",
    ]);
    t.id(&["status", "set", "Phase one", "in_effect", "--on", "2025-01-19"]);

    let shown = t.json(&["proposal", "show", "Phase one", "--json", "--as-of", "2025-02-20"]);
    assert_eq!(shown["ends_on"], "2025-03-01");
    assert_eq!(shown["days_left"], 9);
    assert_eq!(shown["overdue"], false);
    assert_eq!(shown["phase"], 1);
    let deal_shown = t.json(&["proposal", "show", "Gaza deal", "--json", "--as-of", "2025-02-20"]);
    assert_eq!(deal_shown["proposed_by"], "Qatar, Egypt, United States");
    let phases = deal_shown["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 1);
    assert_eq!(phases[0]["id"], one);
    assert_eq!(phases[0]["status"], "in_effect");
    assert_eq!(phases[0]["ends_on"], "2025-03-01");
    assert_eq!(deal_shown["id"], deal);

    let overdue = t.json(&["deadlines", "--as-of", "2025-03-10", "--json"]);
    assert_eq!(
        overdue,
        serde_json::json!([{"id": one, "title": "Phase one", "status": "in_effect", "ends_on": "2025-03-01", "days_left": -9, "overdue": true}])
    );
    assert!(t.ok(&["deadlines", "--as-of", "2025-03-10"]).contains("overdue by 9 days"));
    assert_eq!(
        t.json(&["deadlines", "--as-of", "2025-02-01", "--within", "7", "--json"]),
        serde_json::json!([])
    );

    t.id(&["status", "set", "Phase one", "extended", "--on", "2025-02-28", "--by-days", "10"]);
    assert_eq!(
        t.json(&["proposal", "show", "Phase one", "--json", "--as-of", "2025-03-05"])["ends_on"],
        "2025-03-11"
    );
    t.id(&["status", "set", "Phase one", "extended", "--on", "2025-03-10", "--until", "2025-03-18"]);
    assert_eq!(
        t.json(&["proposal", "show", "Phase one", "--json", "--as-of", "2025-03-12"])["ends_on"],
        "2025-03-18"
    );

    t.refuses(
        &["status", "set", "Phase one", "extended", "--on", "2025-03-12", "--by-days", "0"],
        "by_days: an extension adds at least one day, not 0",
    );
    t.refuses(
        &["status", "set", "Phase one", "extended", "--on", "2025-03-12", "--until", "2025-01-10"],
        "until: 10 January 2025 is not after the ceasefire took effect (19 January 2025)",
    );
    t.refuses(
        &["status", "set", "Phase one", "in_effect", "--on", "2025-03-12", "--until", "2025-04-01"],
        "extension: only an extension carries a new end or days added",
    );
    t.refuses(
        &[
            "proposal",
            "add",
            "Phase one again",
            "--by",
            "Qatar",
            "--on",
            "2025-01-15",
            "--phase-of",
            "Gaza deal",
            "--phase",
            "1",
        ],
        "phase: phase 1 of this deal is already \"Phase one\"",
    );
    t.refuses(
        &[
            "proposal",
            "add",
            "Phase zero",
            "--by",
            "Qatar",
            "--on",
            "2025-01-15",
            "--phase-of",
            "Gaza deal",
            "--phase",
            "0",
        ],
        "phase: phases are numbered from 1, not 0",
    );
}

#[test]
fn a_deal_cannot_become_a_phase_of_its_own_phase() {
    let t = Tracker::new();
    t.id(&["party", "add", "Qatar"]);
    t.id(&["proposal", "add", "Gaza deal", "--by", "Qatar", "--on", "2025-01-15"]);
    t.id(&[
        "proposal",
        "add",
        "Phase one",
        "--by",
        "Qatar",
        "--on",
        "2025-01-15",
        "--phase-of",
        "Gaza deal",
        "--phase",
        "1",
    ]);
    t.refuses(
        &["proposal", "edit", "Gaza deal", "--phase-of", "Phase one", "--phase", "1"],
        "phase_of: a proposal cannot be a phase of itself or of one of its own phases",
    );
    t.refuses(
        &["proposal", "edit", "Gaza deal", "--phase-of", "Gaza deal", "--phase", "2"],
        "phase_of: a proposal cannot be a phase of itself or of one of its own phases",
    );
}

/// Violations and implementation through `cftrack`, on the demo: the week of drones the
/// article reports, and the prisoner exchange of 19 March.
#[test]
fn violation_reports_and_implementation_through_cftrack() {
    let t = Tracker::new();
    t.ok(&["demo"]);
    let listed = t.json(&["violation", "list", "30-day interim ceasefire", "--json"]);
    let week = &listed.as_array().unwrap()[0];
    assert_eq!(week["reported_by"], "Ukraine");
    assert_eq!(week["against"], "Russia");
    assert_eq!(week["count"], 1000);
    assert_eq!(week["unit"], "drones");
    assert_eq!(week["occurred_on"], "2025-03-11");
    assert_eq!(week["until"], "2025-03-16");

    let halt = "30-day halt on strikes against energy infrastructure";
    let id = t.id(&[
        "violation",
        "add",
        halt,
        "--on",
        "2025-03-19",
        "--by",
        "Russia",
        "--against",
        "Ukraine",
        "--what",
        "Oil depot struck",
        "--disputed",
    ]);
    let shown = t.json(&["proposal", "show", halt, "--json", "--as-of", "2025-03-20"]);
    let violations = shown["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0]["id"], id);
    assert_eq!(violations[0]["disputed"], true);
    assert_eq!(shown["implementation_score"], 100, "the prisoner exchange was carried out in full");
    let exchange = shown["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "prisoners")
        .unwrap()
        .clone();
    assert_eq!(exchange["implementation"], "full");
    assert_eq!(exchange["status"], "accepted");

    // An entry like any other: retract takes its id.
    t.ok(&["retract", &id.to_string(), "--reason", "Entered on the wrong proposal"]);
    assert_eq!(
        t.json(&["violation", "list", halt, "--json", "--as-of", "2025-03-20"]),
        serde_json::json!([])
    );

    let condition = exchange["id"].as_i64().unwrap().to_string();
    t.id(&[
        "condition",
        "implement",
        &condition,
        "intermediate",
        "--on",
        "2025-03-20",
        "--note",
        "Some returned later",
    ]);
    let again = t.json(&["proposal", "show", halt, "--json", "--as-of", "2025-03-21"]);
    assert_eq!(again["implementation_score"], 67);

    for (args, message) in [
        (vec!["violation", "add", halt, "--on", "2025-03-19", "--by", "Ukraine", "--count", "5"], "unit: say what was counted: drones, shells, attacks..."),
        (vec!["violation", "add", halt, "--on", "2025-03-19", "--by", "Ukraine", "--count", "-5", "--unit", "drones"], "count: a count cannot be below zero, not -5"),
        (vec!["violation", "add", halt, "--on", "2025-03-25..2025-03-20", "--by", "Ukraine"], "until: the period starts on 25 March 2025, after it ends on 20 March 2025"),
        (vec!["violation", "add", halt, "--on", "2999-01-01", "--by", "Ukraine"], "date: 1 January 2999 is in the future; record only what has happened"),
        (vec!["violation", "add", halt, "--on", "2025-03-19", "--by", "Atlantis"], "no party is called or numbered \"Atlantis\""),
        (vec!["condition", "implement", &condition, "halfway", "--on", "2025-03-20"], "level: \"halfway\" is not a level of implementation; use one of: not_started, minimal, intermediate, full"),
    ] {
        t.refuses(&args, message);
    }
}

#[test]
fn a_research_dataset_is_previewed_imported_and_imported_again_without_change() {
    let t = Tracker::new();
    let corpus = |name: &str| format!("{}/tests/corpus/datasets/{name}", env!("CARGO_MANIFEST_DIR"));
    let pax = corpus("pax-full.csv");

    let before = t.snapshot();
    let preview = t.json(&["dataset", "import", "pax", &pax, "--dry-run", "--json"]);
    assert!(t.snapshot() == before, "a dry run writes nothing");
    let would_add = preview["added"]["proposals"].as_u64().unwrap();
    assert!(would_add > 0, "{preview}");
    let skipped = preview["skipped"].as_array().unwrap();
    assert!(skipped
        .iter()
        .all(|s| s["row"].as_u64().unwrap() > 1 && !s["reason"].as_str().unwrap().is_empty()));

    let done = t.json(&["dataset", "import", "pax", &pax, "--json"]);
    assert_eq!(done["added"], preview["added"]);
    let again = t.ok(&["dataset", "import", "pax", &pax]);
    assert!(again.contains("added 0 proposals"), "{again}");
    assert!(again.contains(&format!("{would_add} unchanged")), "{again}");

    let minsk = t.json(&[
        "proposal",
        "show",
        "Package of Measures for the Implementation of the Minsk Agreements (Minsk II)",
        "--json",
    ]);
    assert_eq!(minsk["origins"][0]["dataset"], "PA-X");
    assert_eq!(minsk["origins"][0]["id"], "1364");
    // The full release links to no page; the agreement's page at PeaceRep is still given.
    assert_eq!(minsk["origins"][0]["url"], "https://www.peaceagreements.org/agreements/1364/");

    // A name the archives use for a party the analyst keeps under another.
    t.ok(&["party", "add", "Kosovo Liberation Army", "--kind", "armed_group"]);
    t.ok(&["party", "alias", "UCK", "--of", "Kosovo Liberation Army"]);
    t.ok(&["dataset", "import", "ucdp", &corpus("ucdp.csv")]);
    let parties = t.json(&["party", "list", "--json"]);
    let names: Vec<&str> = parties.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Kosovo Liberation Army") && !names.contains(&"UCK"), "{names:?}");

    t.refuses(
        &["dataset", "import", "pax", &corpus("ucdp.csv")],
        &format!("{} is a UCDP file, not PA-X: import it as ucdp; nothing was imported", corpus("ucdp.csv")),
    );
    t.refuses(
        &["dataset", "import", "war", &pax],
        "kind: \"war\" is not a dataset; use one of: pax, ucdp, ethprio",
    );
}
