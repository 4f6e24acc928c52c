//! The reports gathered from a real database: the March 2025 talks recorded as a user
//! would, then printed as of several dates, the way the window and `cftrack` ask for them.

use ceasefire_tracker::model::*;
use ceasefire_tracker::report::{gather, render, Format, Paper, ReportBody, ReportKind, ReportRequest};
use ceasefire_tracker::Store;
use chrono::NaiveDate;

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    date(text).first_day()
}

fn article() -> SourceChoice {
    SourceChoice::New {
        source: NewSource {
            title: "US-Russia Negotiations Heat Up as Ceasefire Talks Continue".into(),
            outlet: "Wire report".into(),
            url: None,
            published_on: Some(date("2025-03-16")),
        },
    }
}

struct Talks {
    store: Store,
    interim: i64,
    energy: i64,
}

/// The 30-day interim ceasefire from 11 March and the energy truce of 18 March.
fn march_2025() -> Talks {
    let mut store = Store::open_in_memory().unwrap();
    let mut party = |name: &str| {
        store.add_party(&NewParty {
            name: name.into(),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        })
    };
    let (usa, ukraine, russia) =
        (party("United States").unwrap(), party("Ukraine").unwrap(), party("Russia").unwrap());
    let proposal = |title: &str, on: &str, kind: ProposalKind, scope: &str| NewProposal {
        title: title.into(),
        summary: String::new(),
        full_text: None,
        proposed_by: usa,
        proposer_role: Role::Mediator,
        proposed_on: date(on),
        kind,
        scope: scope.into(),
        duration_days: Some(30),
        process: "Russia-Ukraine war".into(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
    };
    let interim = store
        .add_proposal(&proposal(
            "30-day interim <script>ceasefire</script>",
            "2025-03-11",
            ProposalKind::General,
            "all hostilities",
        ))
        .unwrap()
        .id;
    let event = |proposal: i64, change: Change, on: &str, note: &str| NewEvent {
        proposal,
        change,
        occurred_on: date(on),
        note: note.into(),
        sources: vec![article()],
        extension: None,
        violation: Default::default(),
    };
    let stance = |party, stance| Change::Stance { party, stance, role: Role::Party };
    store
        .record(&event(interim, stance(ukraine, Stance::SupportsWithConditions), "2025-03-11", "Jeddah"))
        .unwrap();
    store
        .record(&event(
            interim,
            Change::Status { status: ProposalStatus::UnderNegotiation },
            "2025-03-13",
            "Talks",
        ))
        .unwrap();
    store
        .record(&event(interim, stance(russia, Stance::AgreesInPrinciple), "2025-03-13", "In principle"))
        .unwrap();
    store
        .add_condition(&NewCondition {
            proposal: interim,
            raised_by: russia,
            directed_at: Some(ukraine),
            text: "Verification of the ceasefire".into(),
            kind: ConditionKind::Precondition,
            category: ConditionCategory::Monitoring,
            raised_on: date("2025-03-13"),
            note: String::new(),
            sources: vec![],
        })
        .unwrap();
    let energy = store
        .add_proposal(&proposal(
            "Halt on strikes on energy infrastructure",
            "2025-03-18",
            ProposalKind::Partial,
            "energy",
        ))
        .unwrap()
        .id;
    store.record(&event(energy, stance(russia, Stance::Supports), "2025-03-18", "On the call")).unwrap();
    Talks { store, interim, energy }
}

fn request(kind: ReportKind, as_of: &str) -> ReportRequest {
    ReportRequest { kind, viewpoint: Viewpoint::as_of(day(as_of)), paper: Paper::A4 }
}

#[test]
fn the_status_report_of_all_proposals_prints_what_stood_on_the_date() {
    let talks = march_2025();
    let html =
        render(&talks.store, &request(ReportKind::Status { proposals: vec![] }, "2025-03-15"), Format::Html)
            .unwrap();
    assert_eq!(html.matches("<section class=\"proposal\"").count(), 1, "the energy truce came later");
    assert!(html.contains("30-day interim &lt;script&gt;ceasefire&lt;/script&gt;"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("Under negotiation") && html.contains("13 March 2025"));
    assert!(html.contains("Agrees in principle") && html.contains("Supports with conditions"));
    assert!(html.contains("Verification of the ceasefire") && html.contains("Open (1)"));
    assert!(html.contains("US-Russia Negotiations Heat Up"), "the source is a note");
    assert!(html.contains("16 March 2025"), "with its publication date");

    let later = request(ReportKind::Status { proposals: vec![talks.energy, talks.interim] }, "2025-03-18");
    let html = render(&talks.store, &later, Format::Html).unwrap();
    let energy = html.find("Halt on strikes on energy infrastructure").unwrap();
    let interim = html.find("30-day interim").unwrap();
    assert!(energy < interim, "the proposals come in the order asked");
}

#[test]
fn the_history_of_a_status_report_stops_at_its_date() {
    let talks = march_2025();
    let report =
        gather(&talks.store, &request(ReportKind::Status { proposals: vec![talks.interim] }, "2025-03-12"))
            .unwrap();
    let ReportBody::Status { proposals } = &report.body else { panic!("a status report") };
    let notes: Vec<&str> = proposals[0].history.iter().map(|e| e.note.as_str()).collect();
    assert!(notes.contains(&"Jeddah") && !notes.contains(&"Talks"), "{notes:?}");
}

#[test]
fn the_overview_in_html_and_csv_gives_the_same_facts() {
    let talks = march_2025();
    let overview = request(ReportKind::Overview { status: None }, "2025-03-18");
    let html = render(&talks.store, &overview, Format::Html).unwrap();
    assert!(html.contains("2 proposals made by 18 March 2025"));
    let csv = render(&talks.store, &overview, Format::Csv).unwrap();
    let rows: Vec<Vec<String>> =
        csv.lines().skip(1).map(|l| l.split(',').map(String::from).collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][1], "Halt on strikes on energy infrastructure", "the latest change first");
    assert_eq!(rows[1][5], "under_negotiation");
    assert_eq!(rows[1][6], "2025-03-13");
    assert!(html.contains("Under negotiation"));

    let only = request(ReportKind::Overview { status: Some(ProposalStatus::UnderNegotiation) }, "2025-03-18");
    let csv = render(&talks.store, &only, Format::Csv).unwrap();
    assert_eq!(csv.lines().count(), 2, "the header and the one proposal under negotiation");
}

#[test]
fn the_changes_briefing_holds_only_the_period() {
    let talks = march_2025();
    let changes =
        request(ReportKind::Changes { from: day("2025-03-12"), to: day("2025-03-13") }, "2025-03-18");
    let json: serde_json::Value =
        serde_json::from_str(&render(&talks.store, &changes, Format::Json).unwrap()).unwrap();
    let proposals = json["proposals"].as_array().unwrap();
    assert_eq!(proposals.len(), 1, "nothing happened to the energy truce then");
    let dates: Vec<&str> = proposals[0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["occurred_on"].as_str().unwrap())
        .collect();
    assert!(!dates.is_empty() && dates.iter().all(|d| *d == "2025-03-13"), "{dates:?}");
    assert_eq!(json["viewpoint"]["as_of"], "2025-03-13", "the briefing is as of its last day");

    let html = render(&talks.store, &changes, Format::Html).unwrap();
    assert!(html.contains("Changes from 12 March 2025 to 13 March 2025"));
    assert!(html.contains("Agrees in principle") && !html.contains("Jeddah"));
}

#[test]
fn bad_requests_are_refused_with_the_field_or_the_missing_proposal() {
    let talks = march_2025();
    let backwards =
        request(ReportKind::Changes { from: day("2025-03-20"), to: day("2025-03-10") }, "2025-03-20");
    let err = render(&talks.store, &backwards, Format::Csv).unwrap_err();
    assert_eq!((err.code().as_str(), err.field()), ("invalid", Some("from")));
    let unknown = request(ReportKind::Status { proposals: vec![999] }, "2025-03-20");
    assert_eq!(render(&talks.store, &unknown, Format::Html).unwrap_err().code(), "not_found");
}

/// Phase one of the Gaza deal of January 2025, 42 days in effect from 19 January, typed in.
fn gaza_phase_one() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let qatar = store
        .add_party(&NewParty {
            name: "Qatar".into(),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        })
        .unwrap();
    let proposal = |title: &str, duration_days, phase_of, phase| NewProposal {
        title: String::from(title),
        summary: String::new(),
        full_text: None,
        proposed_by: qatar,
        proposer_role: Role::Mediator,
        proposed_on: date("2025-01-15"),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days,
        process: "Israel-Hamas war".into(),
        supersedes: None,
        sources: vec![],
        co_proposers: Vec::new(),
        phase,
        phase_of,
    };
    let deal = store
        .add_proposal(&proposal("Gaza ceasefire and hostage release deal", None, None, None))
        .unwrap()
        .id;
    let one = store
        .add_proposal(&proposal("Phase one: hostages and prisoners", Some(42), Some(deal), Some(1)))
        .unwrap()
        .id;
    store
        .record(&NewEvent {
            proposal: one,
            change: Change::Status { status: ProposalStatus::InEffect },
            occurred_on: date("2025-01-19"),
            note: String::new(),
            sources: vec![],
            extension: None,
            violation: None,
        })
        .unwrap();
    (store, one)
}

fn passed_deadlines(store: &Store, from: &str, to: &str) -> Vec<String> {
    let changes = request(ReportKind::Changes { from: day(from), to: day(to) }, to);
    let json: serde_json::Value =
        serde_json::from_str(&render(store, &changes, Format::Json).unwrap()).unwrap();
    json["deadlines"].as_array().unwrap().iter().map(|d| format!("{} {}", d["title"], d["ends_on"])).collect()
}

#[test]
fn the_changes_briefing_lists_the_deadlines_that_passed_in_its_period_only() {
    let (mut store, one) = gaza_phase_one();
    let passed = ["\"Phase one: hostages and prisoners\" \"2025-03-01\"".to_string()];
    assert_eq!(passed_deadlines(&store, "2025-02-24", "2025-03-07"), passed);
    assert_eq!(passed_deadlines(&store, "2025-03-02", "2025-03-02"), passed, "its first day past the end");
    assert!(passed_deadlines(&store, "2025-02-24", "2025-03-01").is_empty(), "1 March is still covered");
    assert!(passed_deadlines(&store, "2025-03-03", "2025-03-07").is_empty(), "it passed before the period");
    let html = render(
        &store,
        &request(ReportKind::Changes { from: day("2025-03-01"), to: day("2025-03-07") }, "2025-03-07"),
        Format::Html,
    )
    .unwrap();
    assert!(html.contains("Phase one: hostages and prisoners</strong>: <span class=\"overdue\">past its end on 1 March 2025"), "{html}");

    // Followed up by a closing status, it is past nothing: the entry tells what happened.
    store
        .record(&NewEvent {
            proposal: one,
            change: Change::Status { status: ProposalStatus::Collapsed },
            occurred_on: date("2025-03-05"),
            note: String::new(),
            sources: vec![],
            extension: None,
            violation: None,
        })
        .unwrap();
    assert!(passed_deadlines(&store, "2025-02-24", "2025-03-07").is_empty());
}

#[test]
fn the_reports_gathered_from_the_store_carry_the_clock() {
    let (store, one) = gaza_phase_one();
    let overview = request(ReportKind::Overview { status: None }, "2025-02-20");
    let csv = render(&store, &overview, Format::Csv).unwrap();
    let phase = csv.lines().find(|l| l.contains("Phase one")).unwrap();
    // The clock's columns, then the violation reports of 30 days and no implementation score.
    assert!(phase.ends_with(",2025-03-01,9,false,0,,"), "{phase}");
    let status = request(ReportKind::Status { proposals: vec![one] }, "2025-03-10");
    let html = render(&store, &status, Format::Html).unwrap();
    assert!(html.contains("past its end on 1 March 2025; no extension or follow-up recorded"));
    assert!(html.contains("Phase 1 of <bdi>Gaza ceasefire and hostage release deal</bdi>"));
    let json: serde_json::Value =
        serde_json::from_str(&render(&store, &status, Format::Json).unwrap()).unwrap();
    let clock = &json["proposals"][0]["clock"];
    assert_eq!(
        (&clock["ends_on"], &clock["days_left"], &clock["overdue"]),
        (&"2025-03-01".into(), &(-9).into(), &true.into())
    );
}

/// The energy truce watched once in effect: three conditions, two carried out (the
/// exchange in full, the halt itself minimally), and the violation reports of its first
/// weeks, one of them retracted.
struct Watched {
    talks: Talks,
    retracted: &'static str,
    /// A moment after the implementation steps were recorded and before the reports were.
    before_reports: chrono::DateTime<chrono::Utc>,
}

fn watched() -> Watched {
    let mut talks = march_2025();
    let energy = talks.energy;
    let store = &mut talks.store;
    let party = |store: &Store, name: &str| {
        store.parties().unwrap().into_iter().find(|p| p.name == name).map(|p| p.id).unwrap()
    };
    let (ukraine, russia) = (party(store, "Ukraine"), party(store, "Russia"));
    let event = |change: Change, on: &str, note: &str| NewEvent {
        proposal: energy,
        change,
        occurred_on: date(on),
        note: note.into(),
        sources: vec![article()],
        extension: None,
        violation: None,
    };
    store.record(&event(Change::Status { status: ProposalStatus::InEffect }, "2025-03-18", "")).unwrap();
    let mut condition = |text: &str, category| {
        store
            .add_condition(&NewCondition {
                proposal: energy,
                raised_by: russia,
                directed_at: Some(ukraine),
                text: text.into(),
                kind: ConditionKind::Demand,
                category,
                raised_on: date("2025-03-18"),
                note: String::new(),
                sources: vec![],
            })
            .unwrap()
            .id
    };
    let exchange = condition("Exchange of 175 prisoners of war on each side", ConditionCategory::Prisoners);
    let no_strikes = condition("No strikes on energy infrastructure", ConditionCategory::MilitaryLimits);
    condition("Monitors at the Zaporizhzhia plant", ConditionCategory::Monitoring);
    let level = |condition, level| Change::Implementation { condition, level };
    store.record(&event(level(exchange, ImplementationLevel::Full), "2025-03-19", "Exchanged")).unwrap();
    store
        .record(&event(level(no_strikes, ImplementationLevel::Minimal), "2025-03-24", "Fewer strikes"))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let before_reports = chrono::Utc::now();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut report = |on: &str, by: i64, against: i64, disputed: bool, what: &str, count: Option<i64>| {
        let change = Change::Violation { reported_by: Some(by), against: Some(against), disputed };
        let details = ViolationDetails {
            until: None,
            count,
            unit: if count.is_some() { "drones".into() } else { String::new() },
            place: String::new(),
        };
        store.record(&NewEvent { violation: Some(details), ..event(change, on, what) }).unwrap().id
    };
    report("2025-03-19", ukraine, russia, false, "Drones hit energy facilities in Sloviansk", Some(6));
    report("2025-03-19", russia, ukraine, true, "Oil depot in Kropotkin struck", None);
    report("2025-03-25", ukraine, russia, false, "Strike on a power line in Kherson", Some(2));
    let mistaken = report("2025-03-26", russia, ukraine, false, "A strike in Bryansk", None);
    report("2025-04-02", ukraine, russia, false, "Substation in Kharkiv hit", Some(40));
    store.retract(mistaken, "The channel that reported it withdrew it").unwrap();
    Watched { talks, retracted: "A strike in Bryansk", before_reports }
}

#[test]
fn the_status_report_shows_the_weeks_reports_and_the_score_recorded_in_the_store() {
    let w = watched();
    let status = request(ReportKind::Status { proposals: vec![w.talks.energy] }, "2025-03-31");
    let report = gather(&w.talks.store, &status).unwrap();
    let ReportBody::Status { proposals } = &report.body else { panic!("a status report") };
    let weeks: Vec<(String, i64, i64)> = proposals[0]
        .violations_per_week
        .iter()
        .map(|w| (w.week_of.to_string(), w.reports, w.disputed))
        .collect();
    assert_eq!(
        weeks,
        [("2025-03-17".into(), 2, 1), ("2025-03-24".into(), 1, 0), ("2025-03-31".into(), 0, 0)],
        "the retracted report is not counted, the one of April not yet made"
    );
    let html = render(&w.talks.store, &status, Format::Html).unwrap();
    let facts = part(&html, "<dl class=\"facts\">", "</dl>");
    assert!(facts.contains("67% \u{b7} 2 of 3 conditions"), "{facts}");
    assert!(facts.contains("3 violation reports, 1 of them disputed"), "{facts}");
    let section = part(&html, "<h3>Violations</h3>", "<h3>History</h3>");
    let chart = part(section, "<svg", "</svg>");
    assert!(chart.contains(">17 Mar</text>") && chart.contains(">24 Mar</text>"), "{chart}");
    assert!(chart.contains(">2</text>") && chart.contains(">1</text>"), "the weeks' counts: {chart}");
    let list = part(section, "<tbody>", "</tbody>");
    assert_eq!(list.matches("<tr>").count(), 3, "{list}");
    assert!(list.find("Kherson").unwrap() < list.find("Sloviansk").unwrap(), "newest first");
    assert!(list.contains("6 drones") && list.contains("Disputed: the accused denies it"));
    assert!(!html.contains(w.retracted), "a retracted report is in no part of the report");
    assert!(!html.contains("Kharkiv"), "nor one after the date asked");
    let table = part(&html, "<table class=\"implementation\"", "</table>");
    assert!(table.contains("Full") && table.contains("19 March 2025") && table.contains("Minimal"));
    assert!(table.contains("No implementation recorded"), "the third condition has no entry yet");

    // As known before the reports were recorded: the score, and one quiet line for reports.
    let before = ReportRequest {
        viewpoint: Viewpoint { as_of: day("2025-03-31"), known_on: Some(w.before_reports) },
        ..status
    };
    let html = render(&w.talks.store, &before, Format::Html).unwrap();
    assert!(html.contains("No violation had been reported by this date.") && !html.contains("Sloviansk"));
    assert!(html.contains("67% \u{b7} 2 of 3 conditions"));
}

#[test]
fn the_changes_briefing_lists_the_reports_and_steps_of_its_period_only() {
    let w = watched();
    let changes =
        request(ReportKind::Changes { from: day("2025-03-20"), to: day("2025-03-31") }, "2025-03-31");
    let html = render(&w.talks.store, &changes, Format::Html).unwrap();
    let reports = part(&html, "<h3>Violation reports</h3>", "</table>");
    assert!(reports.contains("Kherson"), "{reports}");
    assert!(!reports.contains("Sloviansk"), "19 March is before the period");
    assert!(!html.contains("Kharkiv"), "2 April is after it");
    assert!(!html.contains(w.retracted), "retracted");
    let steps = part(&html, "<h3>Implementation steps</h3>", "</table>");
    assert!(steps.contains("No strikes on energy infrastructure") && steps.contains("Minimal"));
    assert!(!steps.contains("Exchange of 175"), "the exchange was on 19 March");

    let csv = render(&w.talks.store, &changes, Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let kherson = rows.iter().find(|r| r[9].contains("Kherson")).unwrap();
    assert_eq!(
        (&kherson[4], &kherson[5], &kherson[11], &kherson[13]),
        ("violation", "Ukraine", "Russia", "2")
    );
}

#[test]
fn the_overview_counts_the_reports_of_30_days_and_scores_the_truce_in_effect() {
    let w = watched();
    let overview = request(ReportKind::Overview { status: None }, "2025-04-03");
    let json: serde_json::Value =
        serde_json::from_str(&render(&w.talks.store, &overview, Format::Json).unwrap()).unwrap();
    let truce = json["proposals"].as_array().unwrap().iter().find(|p| p["id"] == w.talks.energy).unwrap();
    assert_eq!(truce["violations_30_days"], 4, "three in March, one in April; the retracted one not");
    assert_eq!(truce["implementation"]["percent"], 67);
    let html = render(&w.talks.store, &overview, Format::Html).unwrap();
    let line = part(&html, "Halt on strikes on energy infrastructure", "</tr>");
    assert!(
        line.contains("4 violation reports in 30 days \u{b7} implementation 67% \u{b7} 2 conditions"),
        "{line}"
    );
}

/// The part of a document from the first `start` on, up to `end`.
fn part<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?} in {text}"));
    let rest = &text[from..];
    &rest[..rest[start.len()..].find(end).map(|i| i + start.len()).unwrap_or(rest.len())]
}
