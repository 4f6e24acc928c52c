//! The reports as a reader sees them, rendered from a negotiation written out by hand: the
//! US proposal of a 30-day interim ceasefire of March 2025 and the narrower energy truce.

use std::collections::BTreeMap;

use ceasefire_tracker::model::*;
use ceasefire_tracker::report::{render_report, Format, Paper, ProposalChanges, Report, ReportBody};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn article() -> SourceRef {
    SourceRef {
        id: 1,
        title: "US-Russia Negotiations Heat Up as Ceasefire Talks Continue".into(),
        outlet: "Wire report".into(),
        url: Some("https://news.example/ceasefire-talks".into()),
    }
}

fn call_readout() -> SourceRef {
    SourceRef {
        id: 2,
        title: "Readout of the 18 March call".into(),
        outlet: "Press office".into(),
        url: None,
    }
}

fn proposal(id: i64, title: &str, on: &str, kind: ProposalKind, scope: &str) -> Proposal {
    Proposal {
        id,
        uuid: Uuid::new_v4(),
        title: title.into(),
        summary: "A halt to fighting while talks go on.".into(),
        full_text: None,
        proposed_by: 1,
        proposed_by_name: "United States".into(),
        proposed_on: date(on),
        kind,
        scope: scope.into(),
        duration_days: Some(30),
        process: "Russia\u{2013}Ukraine war".into(),
        supersedes: None,
        supersedes_title: None,
        co_proposers: Vec::new(),
        phase: None,
        phase_of: None,
        phase_of_title: None,
    }
}

struct Entry {
    id: i64,
    on: &'static str,
    change: Change,
    party: Option<&'static str>,
    condition: Option<&'static str>,
    note: &'static str,
    sources: Vec<SourceRef>,
}

fn entry(proposal: &Proposal, e: Entry) -> HistoryEntry {
    let words = EntryWords::of(&e.change, e.party, e.condition, None).line();
    HistoryEntry {
        id: e.id,
        proposal_id: proposal.id,
        proposal: proposal.title.clone(),
        change: e.change,
        party: e.party.map(String::from),
        condition: e.condition.map(String::from),
        occurred_on: date(e.on),
        recorded_at: time("2025-03-19T08:00:00Z"),
        recorded_by: String::new(),
        note: e.note.into(),
        sources: e.sources,
        retraction: None,
        extension: None,
        words,
        against: None,
        violation: None,
    }
}

fn status(
    id: i64,
    on: &'static str,
    status: ProposalStatus,
    note: &'static str,
    sources: Vec<SourceRef>,
) -> Entry {
    Entry { id, on, change: Change::Status { status }, party: None, condition: None, note, sources }
}

fn stance_change(id: i64, on: &'static str, party: (i64, &'static str), stance: Stance, role: Role) -> Entry {
    Entry {
        id,
        on,
        change: Change::Stance { party: party.0, stance, role },
        party: Some(party.1),
        condition: None,
        note: "",
        sources: vec![article()],
    }
}

fn stance(
    party_id: i64,
    party: &str,
    role: Role,
    stance: Stance,
    since: &str,
    conditions: Vec<i64>,
) -> StanceState {
    StanceState {
        party_id,
        party: party.into(),
        role,
        stance,
        since: date(since),
        note: String::new(),
        condition_ids: conditions,
    }
}

fn condition(
    id: i64,
    text: &str,
    by: &str,
    category: ConditionCategory,
    status: ConditionStatus,
    since: &str,
) -> ConditionState {
    ConditionState {
        id,
        text: text.into(),
        raised_by_id: 3,
        raised_by: by.into(),
        directed_at: None,
        kind: ConditionKind::Precondition,
        category,
        status,
        since: date(since),
        implementation: None,
        implemented_since: None,
    }
}

const AS_OF: &str = "2025-03-18";

/// The 30-day interim ceasefire as of 18 March 2025.
fn interim_ceasefire() -> ProposalState {
    let mut p = proposal(
        1,
        "30-day interim ceasefire",
        "2025-03-11",
        ProposalKind::General,
        "All fronts, air and sea",
    );
    p.title = "30-day interim ceasefire <script>alert('x')</script>".into();
    let history = vec![
        entry(
            &p,
            status(10, "2025-03-11", ProposalStatus::Floated, "Put forward at Jeddah.", vec![article()]),
        ),
        entry(
            &p,
            stance_change(11, "2025-03-11", (2, "Ukraine"), Stance::SupportsWithConditions, Role::Party),
        ),
        entry(
            &p,
            Entry {
                id: 12,
                on: "2025-03-13",
                change: Change::Condition { condition: 100, status: ConditionStatus::Raised },
                party: Some("Russia"),
                condition: Some("Verification of the ceasefire"),
                note: "Raised in Putin's answer.",
                sources: vec![article()],
            },
        ),
        entry(&p, stance_change(13, "2025-03-13", (3, "Russia"), Stance::AgreesInPrinciple, Role::Party)),
        entry(
            &p,
            status(
                14,
                "2025-03-13",
                ProposalStatus::UnderNegotiation,
                "Talks on the conditions.",
                vec![article(), call_readout()],
            ),
        ),
    ];
    ProposalState {
        viewpoint: Viewpoint::as_of(day(AS_OF)),
        status: Some(ProposalStatus::UnderNegotiation),
        status_since: Some(date("2025-03-13")),
        days_in_status: Some(5),
        stances: vec![
            stance(1, "United States", Role::Mediator, Stance::Proposer, "2025-03-11", vec![]),
            stance(2, "Ukraine", Role::Party, Stance::SupportsWithConditions, "2025-03-11", vec![102]),
            stance(3, "Russia", Role::Party, Stance::AgreesInPrinciple, "2025-03-13", vec![100, 101]),
        ],
        conditions: vec![
            condition(
                100,
                "Verification of the ceasefire",
                "Russia",
                ConditionCategory::Monitoring,
                ConditionStatus::Raised,
                "2025-03-13",
            ),
            condition(
                101,
                "Halt to Ukrainian mobilisation",
                "Russia",
                ConditionCategory::MilitaryLimits,
                ConditionStatus::Rejected,
                "2025-03-14",
            ),
            condition(
                102,
                "Russia accepts the same terms",
                "Ukraine",
                ConditionCategory::Other,
                ConditionStatus::Met,
                "2025-03-13",
            ),
        ],
        all_conditions: vec![],
        timeline: vec![
            StatusSpan {
                status: ProposalStatus::Floated,
                from: date("2025-03-11"),
                until: Some(date("2025-03-13")),
            },
            StatusSpan { status: ProposalStatus::UnderNegotiation, from: date("2025-03-13"), until: None },
        ],
        history,
        superseded_by: vec![ProposalRef {
            id: 2,
            title: "30-day halt on strikes on energy infrastructure".into(),
        }],
        edited_on_two_machines: false,
        proposal: p,
        clock: None,
        phase: None,
        phase_of: None,
        phases: Vec::new(),
        edits: Vec::new(),
        implementation: None,
        violations: Vec::new(),
        violations_per_week: Vec::new(),
        origins: Vec::new(),
    }
}

/// The energy truce agreed on the 18 March call, with a Cyrillic party name.
fn energy_truce() -> ProposalState {
    let p = proposal(
        2,
        "30-day halt on strikes on energy infrastructure",
        "2025-03-18",
        ProposalKind::Partial,
        "Energy infrastructure",
    );
    let history = vec![
        entry(&p, status(20, "2025-03-18", ProposalStatus::Floated, "", vec![call_readout()])),
        entry(
            &p,
            status(21, "2025-03-18", ProposalStatus::Agreed, "Agreed on the call.", vec![call_readout()]),
        ),
    ];
    ProposalState {
        viewpoint: Viewpoint::as_of(day(AS_OF)),
        status: Some(ProposalStatus::Agreed),
        status_since: Some(date("2025-03-18")),
        days_in_status: Some(0),
        stances: vec![stance(
            4,
            "Российская Федерация (Министерство иностранных дел)",
            Role::Party,
            Stance::Supports,
            "2025-03-18",
            vec![],
        )],
        conditions: vec![],
        all_conditions: vec![],
        timeline: vec![
            StatusSpan {
                status: ProposalStatus::Floated,
                from: date("2025-03-18"),
                until: Some(date("2025-03-18")),
            },
            StatusSpan { status: ProposalStatus::Agreed, from: date("2025-03-18"), until: None },
        ],
        history,
        superseded_by: vec![],
        edited_on_two_machines: false,
        proposal: p,
        clock: None,
        phase: None,
        phase_of: None,
        phases: Vec::new(),
        edits: Vec::new(),
        implementation: None,
        violations: Vec::new(),
        violations_per_week: Vec::new(),
        origins: Vec::new(),
    }
}

fn report(body: ReportBody) -> Report {
    Report {
        viewpoint: Viewpoint::as_of(day(AS_OF)),
        paper: Paper::A4,
        generated_at: time("2025-03-19T09:30:00Z"),
        published: BTreeMap::from([(1, date("2025-03-16"))]),
        body,
    }
}

fn summary(state: &ProposalState, counts: [i64; 4], last_change: &str) -> ProposalSummary {
    ProposalSummary {
        id: state.proposal.id,
        title: state.proposal.title.clone(),
        proposed_by: state.proposal.proposed_by_name.clone(),
        proposed_on: state.proposal.proposed_on,
        kind: state.proposal.kind,
        process: state.proposal.process.clone(),
        status: state.status,
        status_since: state.status_since,
        days_in_status: state.days_in_status,
        supporters: counts[0],
        conditional: counts[1],
        opposed: counts[2],
        open_conditions: counts[3],
        last_change: Some(date(last_change)),
        days_left: None,
        ends_on: None,
        overdue: false,
        implementation: None,
        violations_30_days: 0,
    }
}

fn overview() -> Report {
    report(ReportBody::Overview {
        status: None,
        proposals: vec![
            summary(&energy_truce(), [1, 0, 0, 0], "2025-03-18"),
            summary(&interim_ceasefire(), [1, 2, 0, 2], "2025-03-13"),
        ],
    })
}

/// The changes from 12 to 13 March: only what happened on those days.
fn changes() -> Report {
    let state = interim_ceasefire();
    let entries = state
        .history
        .into_iter()
        .filter(|e| e.occurred_on >= date("2025-03-12") && e.occurred_on <= date("2025-03-13"))
        .collect();
    let mut report = report(ReportBody::Changes {
        from: day("2025-03-12"),
        to: day("2025-03-13"),
        proposals: vec![ProposalChanges {
            id: 1,
            title: state.proposal.title,
            status: Some(ProposalStatus::UnderNegotiation),
            status_since: Some(date("2025-03-13")),
            ends_on: None,
            days_left: None,
            overdue: false,
            entries,
        }],
        deadlines: vec![],
    });
    report.viewpoint = Viewpoint::as_of(day("2025-03-13"));
    report
}

fn html(report: &Report) -> String {
    let html = render_report(report, Format::Html).unwrap();
    if let Some(dir) = std::env::var_os("CFTRACK_REPORT_SAMPLES") {
        let name = match report.body {
            ReportBody::Status { .. } => "status",
            ReportBody::Overview { .. } => "overview",
            ReportBody::Changes { .. } => "changes",
            ReportBody::Process(_) => "process",
        };
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.html")), &html).unwrap();
    }
    html
}

/// The part of a document from the first `start` on, up to `end`.
fn part<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?} in {text}"));
    let rest = &text[from..];
    &rest[..rest[start.len()..].find(end).map(|i| i + start.len()).unwrap_or(rest.len())]
}

/// What a reader sees of a piece of HTML: its text without the tags.
fn plain(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The table row that names `who`.
fn row<'a>(text: &'a str, who: &str) -> &'a str {
    text.split("<tr").find(|row| row.contains(who)).unwrap_or_else(|| panic!("no row for {who}"))
}

fn status_report() -> Report {
    report(ReportBody::Status { proposals: vec![interim_ceasefire(), energy_truce()] })
}

#[test]
fn the_status_report_gives_each_proposal_its_status_and_since_date() {
    let html = html(&status_report());
    let sections: Vec<&str> = html.split("<section class=\"proposal\"").skip(1).collect();
    assert_eq!(sections.len(), 2, "one section per proposal");
    let facts = plain(part(sections[0], "<dl class=\"facts\">", "</dl>"));
    assert!(facts.contains("Under negotiation") && facts.contains("since 13 March 2025"), "{facts}");
    assert!(facts.contains("5 days"), "{facts}");
    assert!(
        facts.contains("United States") && facts.contains("General ceasefire") && facts.contains("30 days")
    );
    assert!(facts.contains("All fronts, air and sea"), "{facts}");
    let facts = plain(part(sections[1], "<dl class=\"facts\">", "</dl>"));
    assert!(facts.contains("Agreed") && facts.contains("since 18 March 2025"), "{facts}");
    assert!(!html.contains("under_negotiation"), "status words are labels, never codes");
}

#[test]
fn the_status_report_gives_each_partys_stance_and_its_conditions() {
    let html = html(&status_report());
    let stances = part(&html, "<th>Party</th>", "</table>");
    assert!(row(stances, "<strong>Russia</strong>").contains("Agrees in principle"));
    assert!(row(stances, "<strong>Russia</strong>").contains("Verification of the ceasefire"));
    assert!(row(stances, "<strong>Ukraine</strong>").contains("Supports with conditions"));
    assert!(row(stances, "<strong>United States</strong>").contains("Proposer"));
    assert!(row(stances, "<strong>United States</strong>").contains("Mediator"));
    assert!(html.contains("Российская Федерация"));
}

#[test]
fn open_conditions_are_set_apart_from_settled_ones() {
    let html = html(&status_report());
    let conditions = part(&html, "<th>Condition</th>", "</table>");
    let open = part(conditions, "Open (2)", "Settled");
    assert!(
        open.contains("Verification of the ceasefire") && open.contains("Halt to Ukrainian mobilisation")
    );
    assert!(row(open, "Verification").contains("Raised") && row(open, "Verification").contains("Monitoring"));
    let settled = part(conditions, "Settled (1)", "</tbody>");
    assert!(row(settled, "Russia accepts the same terms").contains("Met"));
}

#[test]
fn the_history_cites_sources_as_numbered_notes() {
    let html = html(&status_report());
    let first = part(&html, "<section class=\"proposal\"", "</section>");
    let history = part(first, "<th>What happened</th>", "</table>");
    assert!(row(history, "Put forward at Jeddah.").contains("<sup class=\"cite\">1</sup>"));
    assert!(row(history, "Talks on the conditions.").contains("<sup class=\"cite\">1,2</sup>"));
    let notes = part(first, "<ol class=\"notes\">", "</ol>");
    let (a, b) =
        (notes.find("US-Russia Negotiations").unwrap(), notes.find("Readout of the 18 March call").unwrap());
    assert!(a < b, "notes are numbered in the order first cited");
    assert!(notes.contains("16 March 2025"), "the publication date is printed: {notes}");
    // The second proposal numbers its own notes from 1.
    let second = html.split("<section class=\"proposal\"").nth(2).unwrap();
    assert!(row(second, "Agreed on the call.").contains("<sup class=\"cite\">1</sup>"));
}

#[test]
fn the_timeline_is_a_vector_drawing_with_the_status_words() {
    let html = html(&status_report());
    let svg = part(&html, "<svg", "</svg>");
    assert!(svg.contains("Floated") && svg.contains("Under negotiation"));
    assert!(svg.contains("since 13 March 2025"));
}

#[test]
fn user_text_is_escaped_and_nothing_runs_or_loads() {
    for report in [status_report(), overview(), changes()] {
        let html = html(&report);
        assert!(!html.contains("<script"), "a script tag got through");
        assert!(
            html.contains("&lt;script&gt;alert('x')&lt;/script&gt;")
                || html.contains("&lt;script&gt;alert(&#39;x&#39;)"),
            "{html}"
        );
        assert!(!html.contains("src=") && !html.contains("<link") && !html.contains("@import"));
        assert!(!html.contains("url("), "no resource is fetched");
        assert!(html.contains("default-src 'none'"), "the policy forbids loading anything");
    }
}

#[test]
fn every_report_says_what_it_is_as_of_when_and_when_it_was_made() {
    for (report, name) in [
        (status_report(), "Proposal status report"),
        (overview(), "Overview of proposals"),
        (changes(), "Changes briefing"),
    ] {
        let html = html(&report);
        let head = part(&html, "<header class=\"masthead\">", "</header>");
        assert!(head.contains(name), "{head}");
        let as_of = if name == "Changes briefing" { "13 March 2025" } else { "18 March 2025" };
        assert!(head.contains(&format!("As of <strong>{as_of}</strong>")), "{head}");
        assert!(part(&html, "<footer", "</footer>").contains("Generated 19 March 2025, 09:30 UTC"));
        assert!(html.contains("size: A4"));
    }
}

#[test]
fn pages_that_go_on_from_the_one_before_say_what_they_are_part_of() {
    let doc = html(&status_report());
    let body = part(&doc, "<body", ">");
    assert!(body.contains(r#"data-running-head="Proposal status report · As of 18 March 2025""#), "{body}");
    assert!(body.contains(r#"data-running-foot="Generated 19 March 2025, 09:30 UTC by Ceasefire Tracker""#));
    // A status report's pages name the proposal they go on with.
    let section = part(&doc, "<section class=\"proposal\"", ">");
    assert!(
        section.contains(r#"data-running-head="30-day interim ceasefire &lt;script&gt;alert('x')&lt;/script&gt; · As of 18 March 2025""#),
        "{section}"
    );

    let mut known = overview();
    known.viewpoint.known_on = Some(time("2025-03-17T09:00:00Z"));
    let later = html(&known);
    assert!(part(&later, "<body", ">").contains("As of 18 March 2025, as known on 17 March 2025, 09:00 UTC"));
}

#[test]
fn a_report_as_known_on_a_past_time_says_so() {
    let mut report = overview();
    report.viewpoint.known_on = Some(time("2025-03-17T09:00:00Z"));
    let html = html(&report);
    assert!(part(&html, "<header class=\"masthead\">", "</header>")
        .contains("as known on 17 March 2025, 09:00 UTC"));
}

#[test]
fn letter_paper_is_laid_out_as_letter() {
    let mut report = status_report();
    report.paper = Paper::Letter;
    let html = render_report(&report, Format::Html).unwrap();
    assert!(html.contains("size: letter") && !html.contains("size: A4"));
}

#[test]
fn proposals_after_the_first_start_a_new_page() {
    let html = html(&status_report());
    assert!(html.contains("section.proposal + section.proposal { break-before: page"));
    assert!(html.contains("thead { display: table-header-group; }"));
}

#[test]
fn the_overview_has_one_line_per_proposal_with_its_counts() {
    let html = html(&overview());
    let body = part(&html, "<tbody>", "</tbody>");
    assert_eq!(body.matches("<tr>").count(), 2);
    let interim = row(body, "30-day interim ceasefire");
    assert!(plain(interim).contains("Under negotiation") && plain(interim).contains("13 March 20255 days"));
    let numbers: Vec<String> = interim
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| plain(c.split("</td>").next().unwrap()))
        .collect();
    assert_eq!(numbers, ["1", "2", "0", "2"], "for, conditional, against, open conditions");
    // Under talks there is nothing to watch yet: no line saying whether it holds.
    assert!(!interim.contains("holding"), "{interim}");
    let truce = row(body, "energy infrastructure");
    assert!(truce.contains("Agreed") && truce.contains("18 March 2025"));
}

#[test]
fn the_overview_as_csv_has_a_header_and_a_row_per_proposal() {
    let csv = render_report(&overview(), Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..6], ["id", "title", "proposed_by", "proposed_on", "kind", "status"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let interim = rows.iter().find(|r| &r[0] == "1").unwrap();
    assert_eq!(
        &interim[1], "30-day interim ceasefire <script>alert('x')</script>",
        "CSV keeps the text as typed"
    );
    assert_eq!(&interim[5], "under_negotiation");
    assert_eq!(&interim[6], "2025-03-13");
    let counts: Vec<&str> = (8..12).map(|i| &interim[i]).collect();
    assert_eq!(counts, ["1", "2", "0", "2"]);
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_kept_as_text() {
    let mut report = changes();
    let ReportBody::Changes { proposals, .. } = &mut report.body else { panic!("a changes briefing") };
    let title = "=HYPERLINK(\"https://example.org\",\"Open\")".to_string();
    proposals[0].title = title.clone();
    for entry in &mut proposals[0].entries {
        entry.proposal = title.clone();
        entry.note = "@SUM(A1:A9)".to_string();
        entry.party = Some("+Russia".to_string());
    }
    let csv = render_report(&report, Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[1], "'=HYPERLINK(\"https://example.org\",\"Open\")");
    assert_eq!(&first[5], "'+Russia");
    assert_eq!(&first[9], "'@SUM(A1:A9)");
    // Dates and numbers are the program's own and stay as they are.
    assert_eq!(&first[3], "2025-03-13");
}

#[test]
fn the_changes_briefing_shows_only_what_happened_in_the_period() {
    let html = html(&changes());
    assert!(html.contains("Changes from 12 March 2025 to 13 March 2025"));
    let group = part(&html, "<section class=\"group\"", "</section>");
    assert!(group.contains("data-running-head=\"30-day interim ceasefire"), "{group}");
    assert!(group.contains("Verification of the ceasefire") && group.contains("Raised"));
    assert!(row(group, "<strong>Russia</strong>").contains("Agrees in principle"));
    assert!(row(group, "Talks on the conditions.").contains("Under negotiation"));
    assert!(!group.contains("Put forward at Jeddah."), "11 March is before the period");
    assert!(!group.contains("Ukraine"), "Ukraine's stance of 11 March is before the period");
}

#[test]
fn the_changes_briefing_as_csv_and_json() {
    let csv = render_report(&changes(), Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[3], "date");
    let dates: Vec<String> = reader.records().map(|r| r.unwrap()[3].to_string()).collect();
    assert_eq!(dates, ["2025-03-13", "2025-03-13", "2025-03-13"]);

    let json: serde_json::Value =
        serde_json::from_str(&render_report(&changes(), Format::Json).unwrap()).unwrap();
    assert_eq!(json["report"], "changes");
    assert_eq!(json["from"], "2025-03-12");
    let entries = json["proposals"][0]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[2]["change"]["status"], "under_negotiation");
}

#[test]
fn the_status_report_and_the_overview_as_json() {
    let json: serde_json::Value =
        serde_json::from_str(&render_report(&status_report(), Format::Json).unwrap()).unwrap();
    assert_eq!(json["report"], "status");
    assert_eq!(json["viewpoint"]["as_of"], "2025-03-18");
    assert_eq!(json["proposals"][0]["status"], "under_negotiation");
    assert_eq!(json["proposals"][1]["stances"][0]["stance"], "supports");
    let json: serde_json::Value =
        serde_json::from_str(&render_report(&overview(), Format::Json).unwrap()).unwrap();
    assert_eq!(json["proposals"].as_array().unwrap().len(), 2);
    assert!(render_report(&status_report(), Format::Csv).is_err(), "the status report is not a table");
}

#[test]
fn empty_reports_say_so() {
    let html = html(&report(ReportBody::Changes {
        from: day("2025-01-01"),
        to: day("2025-01-31"),
        proposals: vec![],
        deadlines: vec![],
    }));
    assert!(html.contains("Nothing was recorded as happening in this period."));
    let html = render_report(&report(ReportBody::Status { proposals: vec![] }), Format::Html).unwrap();
    assert!(html.contains("No proposal had been made by this date."));
}

#[test]
fn every_table_names_a_width_for_each_of_its_columns() {
    // Where rows are laid out as grids (WebKit's print), a missing width misplaces a column.
    for report in [
        status_report(),
        overview(),
        report(ReportBody::Status { proposals: vec![gaza_deal()] }),
        process_report("2025-03-10"),
        report(ReportBody::Status { proposals: vec![watched_truce()] }),
        watched_changes(),
    ] {
        let html = html(&report);
        let tables: Vec<&str> = html.split("<table").skip(1).collect();
        assert!(!tables.is_empty());
        for table in tables {
            let tracks =
                part(table, "--columns: ", "\"").trim_start_matches("--columns: ").split(' ').count();
            let head = part(table, "<thead>", "</thead>");
            assert_eq!(tracks, head.matches("</th>").count(), "{head}");
            assert_eq!(tracks, table.matches("<col ").count());
        }
    }
}

// The ceasefire's clock, told with the Gaza deal of January 2025: phase one, 42 days in
// effect from 19 January, ends on 1 March.

const DEAL: &str = "Gaza ceasefire and hostage release deal";
const PHASE_ONE: &str = "Phase one: hostages and prisoners";

/// Phase one as of `on`: in effect since 19 January, its clock `days_left` from its end.
fn phase_one(on: &str, days_left: i64) -> ProposalState {
    let mut p = proposal(11, PHASE_ONE, "2025-01-15", ProposalKind::General, "Gaza");
    p.duration_days = Some(42);
    p.phase_of = Some(10);
    p.phase_of_title = Some(DEAL.into());
    p.phase = Some(1);
    let history = vec![
        entry(&p, status(30, "2025-01-15", ProposalStatus::Agreed, "Announced in Doha.", vec![article()])),
        entry(&p, status(31, "2025-01-19", ProposalStatus::InEffect, "", vec![article()])),
    ];
    ProposalState {
        viewpoint: Viewpoint::as_of(day(on)),
        status: Some(ProposalStatus::InEffect),
        status_since: Some(date("2025-01-19")),
        days_in_status: Some((day(on) - day("2025-01-19")).num_days()),
        stances: vec![],
        conditions: vec![],
        all_conditions: vec![],
        timeline: vec![
            StatusSpan {
                status: ProposalStatus::Agreed,
                from: date("2025-01-15"),
                until: Some(date("2025-01-19")),
            },
            StatusSpan { status: ProposalStatus::InEffect, from: date("2025-01-19"), until: None },
        ],
        history,
        superseded_by: vec![],
        edited_on_two_machines: false,
        clock: Some(ClockState {
            started_on: date("2025-01-19"),
            ends_on: Some(date("2025-03-01")),
            days_left: Some(days_left),
            overdue: days_left < 0,
        }),
        phase: Some(1),
        phase_of: Some(ProposalRef { id: 10, title: DEAL.into() }),
        phases: Vec::new(),
        edits: Vec::new(),
        implementation: None,
        violations: Vec::new(),
        violations_per_week: Vec::new(),
        origins: Vec::new(),
        proposal: p,
    }
}

/// The deal as of 20 February 2025, with its three phases.
fn gaza_deal() -> ProposalState {
    let p = proposal(10, DEAL, "2025-01-15", ProposalKind::General, "Gaza");
    let phase = |id: i64, number: i64, title: &str, status: ProposalStatus| PhaseState {
        id,
        title: title.into(),
        phase: number,
        status: Some(status),
        ends_on: None,
        days_left: None,
        overdue: false,
    };
    ProposalState {
        viewpoint: Viewpoint::as_of(day("2025-02-20")),
        status: Some(ProposalStatus::Agreed),
        status_since: Some(date("2025-01-15")),
        days_in_status: Some(36),
        stances: vec![],
        conditions: vec![],
        all_conditions: vec![],
        timeline: vec![StatusSpan { status: ProposalStatus::Agreed, from: date("2025-01-15"), until: None }],
        history: vec![entry(&p, status(20, "2025-01-15", ProposalStatus::Agreed, "", vec![]))],
        superseded_by: vec![],
        edited_on_two_machines: false,
        clock: None,
        phase: None,
        phase_of: None,
        phases: vec![
            PhaseState {
                ends_on: Some(date("2025-03-01")),
                days_left: Some(9),
                ..phase(11, 1, PHASE_ONE, ProposalStatus::InEffect)
            },
            phase(12, 2, "Phase two: permanent end of hostilities", ProposalStatus::UnderNegotiation),
            phase(13, 3, "Phase three: reconstruction", ProposalStatus::Floated),
        ],
        edits: Vec::new(),
        implementation: None,
        violations: Vec::new(),
        violations_per_week: Vec::new(),
        origins: Vec::new(),
        proposal: p,
    }
}

fn as_of(mut report: Report, on: &str) -> Report {
    report.viewpoint = Viewpoint::as_of(day(on));
    report
}

#[test]
fn the_status_report_counts_down_a_ceasefire_in_effect() {
    let html = html(&as_of(
        report(ReportBody::Status { proposals: vec![phase_one("2025-02-20", 9)] }),
        "2025-02-20",
    ));
    let facts = plain(part(&html, "<dl class=\"facts\">", "</dl>"));
    assert!(
        facts.contains("ClockIn effect since 19 January 2025; ends 1 March 2025 · 9 days left"),
        "{facts}"
    );
    assert!(facts.contains("Phase ofPhase 1 of Gaza ceasefire and hostage release deal"), "{facts}");
    assert!(!html.contains("class=\"overdue\""), "nothing is past its end yet");
    // The timeline draws the clock's period and its end.
    let svg = part(&html, "<svg", "</svg>");
    assert!(plain(svg).contains("Clockends 1 March 2025"), "{svg}");
    assert!(svg.contains("stroke-dasharray=\"3 2\"") && svg.contains("stroke-width=\"2\""), "{svg}");
    assert!(svg.contains("as of 20 February 2025"), "the scale runs on to the end: {svg}");
}

#[test]
fn past_its_end_the_status_report_says_so_in_words_and_colour() {
    let html = html(&as_of(
        report(ReportBody::Status { proposals: vec![phase_one("2025-03-10", -9)] }),
        "2025-03-10",
    ));
    let facts = part(&html, "<dl class=\"facts\">", "</dl>");
    let clock = part(facts, "<dd class=\"clock\">", "</dd>");
    assert!(
        clock.contains(
            "<span class=\"overdue\">past its end on 1 March 2025; no extension or follow-up recorded</span>"
        ),
        "{clock}"
    );
    assert!(html.contains(".overdue { color:"), "the warning colour is a second cue");
    let svg = part(&html, "<svg", "</svg>");
    assert!(plain(svg).contains("past its end on 1 March 2025"), "{svg}");
    assert!(svg.contains("#D55E00"), "the end is marked in the warning colour: {svg}");
}

#[test]
fn a_deal_lists_its_phases_with_their_status_and_clock() {
    let html = html(&as_of(report(ReportBody::Status { proposals: vec![gaza_deal()] }), "2025-02-20"));
    let phases = part(&html, "<h3>Phases</h3>", "</table>");
    let rows: Vec<String> = phases.split("<tr>").skip(2).map(plain).collect();
    assert_eq!(rows.len(), 3, "{phases}");
    assert_eq!(rows[0], format!("1{PHASE_ONE}In effectends 1 March 2025 · 9 days left"));
    assert_eq!(rows[1], "2Phase two: permanent end of hostilitiesUnder negotiationNot in effect");
    assert!(rows[2].starts_with("3Phase three") && rows[2].contains("Floated"), "{}", rows[2]);
    assert!(!html.contains("<dt>Clock</dt>"), "the deal itself has no clock");
}

/// The overview as of `on`: phase one with its clock, and the interim ceasefire without one.
fn clock_overview(on: &str, days_left: i64) -> Report {
    let one = phase_one(on, days_left);
    let clock = one.clock.clone().unwrap();
    let line = ProposalSummary {
        ends_on: clock.ends_on,
        days_left: clock.days_left,
        overdue: clock.overdue,
        ..summary(&one, [3, 0, 0, 0], "2025-01-19")
    };
    as_of(
        report(ReportBody::Overview {
            status: None,
            proposals: vec![line, summary(&interim_ceasefire(), [1, 2, 0, 2], "2025-03-13")],
        }),
        on,
    )
}

#[test]
fn the_overview_gives_each_ceasefire_its_end_and_days_left() {
    let before = html(&clock_overview("2025-02-20", 9));
    assert!(part(&before, "<thead>", "</thead>").contains("<th>Ends</th>"));
    let body = part(&before, "<tbody>", "</tbody>");
    let phase = plain(row(body, PHASE_ONE));
    assert!(phase.ends_with("1 March 20259 days left"), "{phase}");
    assert!(plain(row(body, "30-day interim ceasefire")).ends_with('\u{2014}'), "no clock, no end");

    let later = html(&clock_overview("2025-03-10", -9));
    let phase = row(part(&later, "<tbody>", "</tbody>"), PHASE_ONE);
    assert!(
        phase.contains("<span class=\"sub overdue\">past its end; no extension or follow-up recorded</span>"),
        "{phase}"
    );
}

#[test]
fn the_overview_csv_and_json_carry_the_end_the_days_left_and_overdue() {
    let csv = render_report(&clock_overview("2025-03-10", -9), Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[13..16], ["ends_on", "days_left", "overdue"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        (&rows[0][1], &rows[0][13], &rows[0][14], &rows[0][15]),
        (PHASE_ONE, "2025-03-01", "-9", "true")
    );
    assert_eq!((&rows[1][13], &rows[1][14], &rows[1][15]), ("", "", "false"));

    let json: serde_json::Value =
        serde_json::from_str(&render_report(&clock_overview("2025-02-20", 9), Format::Json).unwrap())
            .unwrap();
    let line = &json["proposals"][0];
    assert_eq!(
        (&line["ends_on"], &line["days_left"], &line["overdue"]),
        (&"2025-03-01".into(), &9.into(), &false.into())
    );
}

/// The changes from 1 to 7 March 2025: phase one ran out on 1 March with nothing recorded.
fn clock_changes() -> Report {
    let one = phase_one("2025-03-07", -6);
    as_of(
        report(ReportBody::Changes {
            from: day("2025-03-01"),
            to: day("2025-03-07"),
            proposals: vec![],
            deadlines: vec![Deadline {
                id: one.proposal.id,
                title: PHASE_ONE.into(),
                status: ProposalStatus::InEffect,
                ends_on: date("2025-03-01"),
                days_left: Some(-6),
                overdue: true,
            }],
        }),
        "2025-03-07",
    )
}

#[test]
fn the_changes_briefing_lists_a_deadline_that_passed_in_its_period() {
    let html = html(&clock_changes());
    let deadlines = part(&html, "<section class=\"deadlines keep\">", "</section>");
    assert!(
        plain(deadlines).contains(
            "Deadlines passedPhase one: hostages and prisoners: past its end on 1 March 2025; no extension or follow-up recorded"
        ),
        "{deadlines}"
    );
    assert!(deadlines.contains("class=\"overdue\""));
    assert!(html.contains("No change was recorded in this period."), "though a deadline passed");

    let csv = render_report(&clock_changes(), Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (&rows[0][1], &rows[0][3], &rows[0][4], &rows[0][7]),
        (PHASE_ONE, "2025-03-01", "deadline_passed", "in_effect")
    );

    let json: serde_json::Value =
        serde_json::from_str(&render_report(&clock_changes(), Format::Json).unwrap()).unwrap();
    assert_eq!(json["deadlines"][0]["ends_on"], "2025-03-01");
    assert_eq!(json["deadlines"][0]["overdue"], true);
}

#[test]
fn the_changes_briefing_gives_the_clock_of_a_proposal_that_moved() {
    let mut report = changes();
    let ReportBody::Changes { proposals, .. } = &mut report.body else { panic!("a changes briefing") };
    proposals[0].status = Some(ProposalStatus::InEffect);
    proposals[0].ends_on = Some(date("2025-04-11"));
    proposals[0].days_left = Some(29);
    let html = html(&report);
    let group = plain(part(&html, "<section class=\"group\"", "</table>"));
    assert!(group.contains("In effect since 13 March 2025; ends 11 April 2025 · 29 days left"), "{group}");
}

// The process timeline, told with the Gaza talks: the roadmap of May 2024, the deal of
// January 2025 that replaced it with its three phases, and the US proposal of March 2025
// to extend phase one.

use ceasefire_tracker::report::process::{self, Lane, ProcessTimeline};

fn lane(id: i64, title: &str, on: &str, spans: &[(ProposalStatus, &str)]) -> Lane {
    let spans: Vec<StatusSpan> = spans
        .iter()
        .enumerate()
        .map(|(i, (status, from))| StatusSpan {
            status: *status,
            from: date(from),
            until: spans.get(i + 1).map(|(_, next)| date(next)),
        })
        .collect();
    let last = spans.last().cloned();
    Lane {
        id,
        title: title.into(),
        proposed_by: "Qatar, Egypt, United States".into(),
        proposed_on: date(on),
        kind: ProposalKind::General,
        phase_of: None,
        phase_of_title: None,
        phase: None,
        supersedes: None,
        supersedes_title: None,
        depth: 0,
        family: 0,
        status: last.as_ref().map(|s| s.status),
        status_since: last.map(|s| s.from),
        spans,
        ends_on: None,
        days_left: None,
        overdue: false,
    }
}

fn gaza_process(on: &str) -> ProcessTimeline {
    use ProposalStatus::*;
    let phase = |id: i64, number: i64, title: &str, spans: &[(ProposalStatus, &str)]| Lane {
        phase_of: Some(10),
        phase_of_title: Some(DEAL.into()),
        phase: Some(number),
        ..lane(id, title, "2025-01-15", spans)
    };
    let days_left = (day("2025-03-01") - day(on)).num_days();
    let lanes = vec![
        // Listed out of order: the timeline puts them in the order they are drawn.
        Lane {
            supersedes: Some(11),
            supersedes_title: Some(PHASE_ONE.into()),
            ..lane(
                14,
                "US proposal to extend phase one through Ramadan and Passover",
                "2025-03-02",
                &[(Floated, "2025-03-02")],
            )
        },
        phase(13, 3, "Phase three: reconstruction", &[(Floated, "2025-01-15")]),
        Lane {
            ends_on: Some(date("2025-03-01")),
            days_left: Some(days_left),
            overdue: days_left < 0,
            ..phase(11, 1, PHASE_ONE, &[(Agreed, "2025-01-15"), (InEffect, "2025-01-19")])
        },
        phase(12, 2, "Phase two: permanent end of hostilities", &[(UnderNegotiation, "2025-02-03")]),
        Lane {
            supersedes: Some(9),
            supersedes_title: Some("Three-phase roadmap of 31 May 2024".into()),
            ..lane(10, DEAL, "2025-01-15", &[(Agreed, "2025-01-15")])
        },
        lane(
            9,
            "Three-phase roadmap of 31 May 2024",
            "2024-05-31",
            &[(Floated, "2024-05-31"), (UnderNegotiation, "2024-06-10"), (Superseded, "2025-01-15")],
        ),
    ];
    let lanes = if days_left < 0 { lanes } else { lanes.into_iter().filter(|l| l.id != 14).collect() };
    ProcessTimeline {
        process: "Israel\u{2013}Hamas war".into(),
        as_of: day(on),
        lanes: process::arrange(lanes),
    }
}

fn process_report(on: &str) -> Report {
    as_of(report(ReportBody::Process(gaza_process(on))), on)
}

/// The ids of the lanes of a drawing, in the order drawn.
fn lanes_drawn(html: &str) -> Vec<i64> {
    html.split("<g class=\"lane\" data-proposal=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect()
}

/// The numbers of an attribute on each element that has it.
fn numbers(html: &str, attribute: &str) -> Vec<f64> {
    html.split(&format!(" {attribute}=\""))
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn the_process_timeline_draws_a_lane_per_proposal_with_phases_under_their_deal() {
    let html = html(&process_report("2025-03-10"));
    assert!(html.contains("<h1>Process timeline: Israel\u{2013}Hamas war</h1>"), "{html}");
    assert_eq!(
        lanes_drawn(&html),
        [9, 10, 11, 12, 13, 14],
        "the roadmap, the deal, its phases, the extension"
    );
    // The phases are set in under the deal, numbered, with a line joining them to it.
    let lane = |id: i64| part(&html, &format!("data-proposal=\"{id}\""), "</g>");
    assert!(lane(10).contains("<text x=\"0.0\""), "{}", lane(10));
    for (id, number) in [(11, 1), (12, 2), (13, 3)] {
        assert!(lane(id).contains("<text x=\"10.0\""), "{}", lane(id));
        assert!(plain(lane(id)).contains(&format!("{number} \u{b7} Phase")), "{}", lane(id));
    }
    assert!(plain(lane(12)).contains("Under negotiation since 3 Feb 2025"));
    assert!(html.matches("stroke=\"#777\"").count() >= 3, "the lines that join the phases to the deal");
    // Closed statuses and the ones that still hold each have their word where there is room.
    assert!(plain(lane(9)).contains("Superseded since 15 Jan 2025"));
}

#[test]
fn arrows_run_from_a_proposal_to_the_one_that_replaced_it() {
    let html = html(&process_report("2025-03-10"));
    let arrows: Vec<&str> = html.split("<g class=\"supersedes\">").skip(1).collect();
    assert_eq!(arrows.len(), 2, "the deal replaced the roadmap, the extension phase one");
    for arrow in &arrows {
        let arrow = &arrow[..arrow.find("</g>").unwrap()];
        let ys = numbers(arrow, "y1");
        let tip: f64 = arrow
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .nth(2)
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert!(tip > ys[0], "it points down, from the earlier proposal to the later: {arrow}");
        assert!(arrow.contains("<circle"), "it starts on the earlier proposal's lane: {arrow}");
    }
}

#[test]
fn the_end_of_a_clock_is_marked_with_its_days_left_and_past_it_in_the_warning_colour() {
    let before = html(&process_report("2025-02-20"));
    let one = part(&before, "data-proposal=\"11\"", "</g>");
    assert!(plain(one).contains("ends 1 Mar 2025 \u{b7} 9 days left"), "{one}");
    assert!(one.contains("class=\"days-left\"") && one.contains("class=\"end\""), "{one}");
    assert!(!one.contains("#D55E00"));
    assert!(before.contains("as of 20 Feb 2025"));

    let after = html(&process_report("2025-03-10"));
    let one = part(&after, "data-proposal=\"11\"", "</g>");
    assert!(plain(one).contains("past its end on 1 Mar 2025"), "{one}");
    assert!(one.contains("<rect class=\"overdue\""), "{one}");
    let end = part(one, "<line class=\"end\"", ">");
    assert!(end.contains("stroke=\"#D55E00\""), "{end}");
    // The days left and the end stay to the right of the day asked, the end after it.
    let now = numbers(part(&after, "<svg class=\"axis\"", "</svg>"), "x1").last().copied().unwrap();
    assert!(numbers(end, "x1")[0] < now, "1 March is before 10 March");
    // In words too, in the table under the drawing.
    let table = part(&after, "<th>Proposal</th>", "</table>");
    assert!(
        plain(row(table, PHASE_ONE))
            .contains("past its end on 1 March 2025; no extension or follow-up recorded"),
        "{table}"
    );
}

#[test]
fn the_drawing_is_a_table_whose_header_is_the_axis_and_whose_rows_line_up() {
    let html = html(&process_report("2025-03-10"));
    let drawing = part(&html, "<table class=\"drawing\"", "</table>");
    assert!(drawing.contains("--columns: 100%"));
    let head = part(drawing, "<thead>", "</thead>");
    assert!(head.contains("<svg class=\"axis\"") && plain(head).contains("as of 10 Mar 2025"), "{head}");
    assert!(plain(head).contains("Jan 2025"), "the axis names its dates: {head}");
    let rows: Vec<&str> = part(drawing, "<tbody>", "</tbody>").split("<tr>").skip(1).collect();
    assert_eq!(rows.len(), 1, "one family: the roadmap, the deal that replaced it and its phases");
    for svg in drawing.split("<svg").skip(1) {
        assert!(svg.contains("viewBox=\"0 0 600 "), "every piece is drawn at the same width: {svg}");
    }
    let key = plain(part(&html, "<div class=\"key keep\">", "</div>"));
    for words in
        ["Floated", "In effect", "Superseded", "past its end", "replaced by the proposal it points to"]
    {
        assert!(key.contains(words), "the key says {words}: {key}");
    }
}

#[test]
fn the_table_under_the_drawing_gives_each_proposal_in_words() {
    let html = html(&process_report("2025-02-20"));
    let table = part(&html, "<th>Proposal</th>", "</table>");
    let titles: Vec<String> =
        table.split("<strong>").skip(1).map(|t| t.split("</strong>").next().unwrap().into()).collect();
    assert_eq!(titles.len(), 5, "{titles:?}");
    assert!(plain(row(table, PHASE_ONE)).contains(&format!("Phase 1 of {DEAL}")));
    assert!(plain(row(table, PHASE_ONE)).contains("ends 1 March 2025 · 9 days left"));
    assert!(plain(row(table, DEAL)).contains("Replaces Three-phase roadmap of 31 May 2024"));
}

#[test]
fn a_process_is_cut_between_families_and_a_family_too_long_for_a_page_into_pieces() {
    use ProposalStatus::*;
    let mut lanes = vec![lane(1, "A proposal of its own", "2024-01-10", &[(Floated, "2024-01-10")])];
    // A long line of proposals each replacing the one before.
    for id in 2..50 {
        let on = format!("2024-{:02}-{:02}", 1 + id / 5, 1 + id % 5 * 5);
        let on: &'static str = Box::leak(on.into_boxed_str());
        lanes.push(Lane {
            supersedes: (id > 2).then_some(id - 1),
            ..lane(id, "Proposal in a long line", on, &[(Floated, on)])
        });
    }
    let timeline = ProcessTimeline {
        process: "A long process".into(),
        as_of: day("2024-12-31"),
        lanes: process::arrange(lanes),
    };
    let html = html(&as_of(report(ReportBody::Process(timeline)), "2024-12-31"));
    assert_eq!(lanes_drawn(&html).len(), 49);
    let rows: Vec<&str> = part(&html, "<table class=\"drawing\"", "</table>").split("<td>").skip(1).collect();
    assert!(rows.len() >= 3, "the one of its own, then the long line in pieces: {}", rows.len());
    for piece in &rows {
        let height: f64 =
            piece.split("viewBox=\"0 0 600 ").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(height <= 560.0, "a piece fits on a page: {height}");
    }
    // An arrow to a proposal in the next piece runs to the edge, and on from the edge there.
    assert_eq!(html.matches("<g class=\"supersedes\">").count(), 47 + rows.len() - 2);
}

#[test]
fn long_and_right_to_left_titles_are_cut_to_the_lane_never_lost() {
    let long =
        "Инициатива по прекращению огня и обмену пленными в Донецкой и Луганской областях, этап первый";
    let arabic = "مبادرة وقف إطلاق النار في غزة وتبادل الأسرى والمحتجزين على ثلاث مراحل";
    let lanes = vec![
        lane(1, long, "2025-01-01", &[(ProposalStatus::Floated, "2025-01-01")]),
        lane(2, arabic, "2025-01-02", &[(ProposalStatus::Floated, "2025-01-02")]),
        lane(3, "<script>alert('x')</script>", "2025-01-03", &[(ProposalStatus::Floated, "2025-01-03")]),
    ];
    let timeline = ProcessTimeline {
        process: "<b>P</b>".into(),
        as_of: day("2025-02-01"),
        lanes: process::arrange(lanes),
    };
    let html = html(&as_of(report(ReportBody::Process(timeline)), "2025-02-01"));
    let first = part(&html, "data-proposal=\"1\"", "</g>");
    assert!(first.contains(&format!("<title>{long}</title>")), "the whole title is kept: {first}");
    let shown: Vec<&str> = first
        .split("font-size=\"9\"")
        .skip(1)
        .map(|t| t.split('>').nth(1).unwrap().split('<').next().unwrap())
        .collect();
    assert_eq!(shown.len(), 2, "two lines at most: {shown:?}");
    assert!(shown[1].ends_with('\u{2026}'), "{shown:?}");
    assert!(part(&html, "data-proposal=\"2\"", "</g>").contains(arabic) || html.contains("مبادرة"));
    assert!(!html.contains("<script>") && !html.contains("<b>P</b>"));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn a_process_with_no_proposal_yet_says_so() {
    let timeline = ProcessTimeline { process: "Sudan".into(), as_of: day("2025-01-01"), lanes: vec![] };
    let html = html(&report(ReportBody::Process(timeline)));
    assert!(html.contains("No proposal of this process had been made by this date."));
}

#[test]
fn the_process_timeline_as_csv_and_json() {
    let csv = render_report(&process_report("2025-03-10"), Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[5..8], ["phase_of", "phase", "supersedes"]);
    assert_eq!(&header[10..], ["ends_on", "days_left", "overdue"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let one = rows.iter().find(|r| &r[0] == "11").unwrap();
    assert_eq!(
        (&one[5], &one[6], &one[8], &one[10], &one[11], &one[12]),
        ("10", "1", "in_effect", "2025-03-01", "-9", "true")
    );

    let json: serde_json::Value =
        serde_json::from_str(&render_report(&process_report("2025-03-10"), Format::Json).unwrap()).unwrap();
    assert_eq!(json["report"], "process");
    assert_eq!(json["process"], "Israel\u{2013}Hamas war");
    let lanes = json["lanes"].as_array().unwrap();
    assert_eq!(lanes.len(), 6);
    let one = lanes.iter().find(|l| l["id"] == 11).unwrap();
    assert_eq!(
        (&one["ends_on"], &one["days_left"], &one["overdue"]),
        (&"2025-03-01".into(), &(-9).into(), &true.into())
    );
    assert_eq!((&one["depth"], &one["phase_of"]), (&1.into(), &10.into()));
}

#[test]
fn the_window_gets_the_whole_timeline_as_one_drawing() {
    let svg = process::svg(&gaza_process("2025-03-10"));
    assert!(svg.starts_with("<svg") && svg.matches("<svg").count() == 1, "{svg}");
    assert_eq!(lanes_drawn(&svg), [9, 10, 11, 12, 13, 14]);
    assert!(svg.contains("as of 10 Mar 2025") && svg.contains("aria-label=\"Process timeline: Israel"));
}

// After the deal: violation reports and implementation, told with the energy truce in
// effect from 18 March 2025 and reports made against it in its first two weeks.

const HOSTILE_NOTE: &str = "<img src=x onerror=alert(1)> Strikes on the Zaporizhzhia substation";

fn party_of(name: &str) -> Option<String> {
    Some(name.to_string())
}

/// A violation report: reported by `by` against `against` on `on`, up to `until`.
fn violation(
    truce: &Proposal,
    id: i64,
    on: &str,
    until: Option<&str>,
    (by, against, disputed): (&str, &str, bool),
    note: &str,
    (count, unit, place): (Option<i64>, &str, &str),
) -> HistoryEntry {
    let change = Change::Violation { reported_by: Some(9), against: Some(8), disputed };
    HistoryEntry {
        id,
        proposal_id: truce.id,
        proposal: truce.title.clone(),
        change,
        party: party_of(by),
        condition: None,
        occurred_on: date(on),
        recorded_at: time("2025-03-30T08:00:00Z"),
        recorded_by: String::new(),
        note: note.into(),
        sources: vec![article()],
        retraction: None,
        extension: None,
        violation: Some(ViolationDetails {
            until: until.map(date),
            count,
            unit: unit.into(),
            place: place.into(),
        }),
        against: party_of(against),
        words: EntryWords::of(&change, Some(by), None, Some(against)).line(),
    }
}

/// A condition carried out to `level` on `on`.
fn step(
    truce: &Proposal,
    id: i64,
    condition: (i64, &str),
    level: ImplementationLevel,
    on: &str,
) -> HistoryEntry {
    let change = Change::Implementation { condition: condition.0, level };
    HistoryEntry {
        id,
        proposal_id: truce.id,
        proposal: truce.title.clone(),
        change,
        party: None,
        condition: Some(condition.1.into()),
        occurred_on: date(on),
        recorded_at: time("2025-03-30T08:00:00Z"),
        recorded_by: String::new(),
        note: format!("{} on the ground", level.label()),
        sources: vec![call_readout()],
        retraction: None,
        extension: None,
        violation: None,
        against: None,
        words: EntryWords::of(&change, None, Some(condition.1), None).line(),
    }
}

const EXCHANGE: (i64, &str) = (200, "Exchange of 175 prisoners of war on each side");
const NO_STRIKES: (i64, &str) = (201, "No strikes on energy infrastructure");
const MONITORS: (i64, &str) = (202, "Monitors at the Zaporizhzhia plant");

/// The energy truce as of 30 March 2025: in effect, three conditions (one fully carried
/// out, one minimally, one not recorded), four violation reports over two weeks.
fn watched_truce() -> ProposalState {
    let mut state = energy_truce();
    let truce = state.proposal.clone();
    state.viewpoint = Viewpoint::as_of(day("2025-03-30"));
    state.status = Some(ProposalStatus::InEffect);
    let mut conditions = vec![
        condition(
            EXCHANGE.0,
            EXCHANGE.1,
            "Russia",
            ConditionCategory::Prisoners,
            ConditionStatus::Accepted,
            "2025-03-18",
        ),
        condition(
            NO_STRIKES.0,
            NO_STRIKES.1,
            "Ukraine",
            ConditionCategory::MilitaryLimits,
            ConditionStatus::Accepted,
            "2025-03-18",
        ),
        condition(
            MONITORS.0,
            MONITORS.1,
            "Ukraine",
            ConditionCategory::Monitoring,
            ConditionStatus::UnderNegotiation,
            "2025-03-19",
        ),
    ];
    conditions[0].implementation = Some(ImplementationLevel::Full);
    conditions[0].implemented_since = Some(date("2025-03-19"));
    conditions[1].implementation = Some(ImplementationLevel::Minimal);
    conditions[1].implemented_since = Some(date("2025-03-25"));
    state.conditions = conditions;
    state.implementation = ImplementationScore::of([ImplementationLevel::Full, ImplementationLevel::Minimal]);
    let reports = vec![
        violation(
            &truce,
            35,
            "2025-03-26",
            None,
            ("Russia", "Ukraine", true),
            "Drone strike on the Sudzha gas metering station",
            (None, "", "Kursk region"),
        ),
        violation(
            &truce,
            34,
            "2025-03-25",
            None,
            ("Украина", "Россия", false),
            HOSTILE_NOTE,
            (Some(3), "drones", "زابوريجيا"),
        ),
        violation(
            &truce,
            33,
            "2025-03-19",
            Some("2025-03-21"),
            ("Ukraine", "Russia", false),
            "Strikes on power lines in the Dnipropetrovsk region",
            (Some(1250), "drones", "Dnipropetrovsk"),
        ),
        violation(
            &truce,
            32,
            "2025-03-18",
            None,
            ("Ukraine", "Russia", true),
            "A power plant hit on the first night",
            (Some(1), "strike", "Sloviansk"),
        ),
    ];
    state.history.extend([
        step(&truce, 30, EXCHANGE, ImplementationLevel::Minimal, "2025-03-19"),
        step(&truce, 31, EXCHANGE, ImplementationLevel::Full, "2025-03-20"),
        step(&truce, 36, NO_STRIKES, ImplementationLevel::Minimal, "2025-03-25"),
    ]);
    state.history.extend(reports.iter().rev().cloned());
    state.violations = reports;
    state.violations_per_week = vec![
        WeekOfReports { week_of: day("2025-03-17"), reports: 2, disputed: 1 },
        WeekOfReports { week_of: day("2025-03-24"), reports: 2, disputed: 1 },
    ];
    state
}

fn watched_report() -> Report {
    as_of(report(ReportBody::Status { proposals: vec![watched_truce()] }), "2025-03-30")
}

/// The week's bars as drawn: (y, height) of each solid rect and each dashed one.
fn bars(svg: &str, dashed: bool) -> Vec<f64> {
    svg.split("<rect")
        .skip(1)
        .filter(|rect| rect.contains("stroke-dasharray") == dashed)
        .map(|rect| part(rect, "height=\"", "\" ").trim_start_matches("height=\"").parse().unwrap())
        .collect()
}

#[test]
fn the_status_report_charts_the_violation_reports_per_week_disputed_ones_apart() {
    let html = html(&watched_report());
    let section = part(&html, "<h3>Violations</h3>", "<h3>History</h3>");
    assert!(plain(section).contains("4 violation reports, 2 of them disputed"), "{section}");
    let chart = part(section, "<figure class=\"violations keep\"", "</figure>");
    let svg = part(chart, "<svg", "</svg>");
    // Two weeks of one undisputed and one disputed report each: two solid bars and two
    // dashed outlines of the same height, the weeks' totals written over them.
    let (solid, dashed) = (bars(svg, false), bars(svg, true));
    assert_eq!(solid.len(), 2, "{svg}");
    assert_eq!(dashed.len(), 2, "{svg}");
    assert!((solid[0] - solid[1]).abs() < 0.01 && solid[0] > 0.0, "{solid:?}");
    assert!(svg.contains(">2</text>"), "each week's total is written: {svg}");
    // The axis names each week by its Monday, with the year once.
    assert!(svg.contains(">17 Mar</text>") && svg.contains(">24 Mar</text>"), "{svg}");
    assert_eq!(svg.matches(">2025</text>").count(), 1, "{svg}");
    // The legend says in words what the two kinds of bar mean.
    let caption = plain(part(chart, "<figcaption", "</figcaption>"));
    assert!(caption.contains("Solid: reports not disputed"), "{caption}");
    assert!(caption.contains("dashed outline: reports the accused denies"), "{caption}");
    assert!(caption.contains("from the week of 17 March 2025 to the week of 24 March 2025"), "{caption}");
}

#[test]
fn the_violation_reports_are_listed_newest_first_with_who_what_how_many_and_where() {
    let html = html(&watched_report());
    let list = part(&html, "<table class=\"violations\"", "</table>");
    let body = part(list, "<tbody>", "</tbody>");
    let order: Vec<usize> = ["Sudzha", "Zaporizhzhia", "power lines", "first night"]
        .iter()
        .map(|t| body.find(t).unwrap_or_else(|| panic!("{t} in {body}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first: {order:?}");
    let lines = plain(row(body, "power lines"));
    assert!(lines.contains("19\u{2013}21 March 2025"), "the period: {lines}");
    assert!(lines.contains("Ukraine") && lines.contains("against Russia"), "{lines}");
    assert!(lines.contains("1,250 drones") && lines.contains("Dnipropetrovsk"), "{lines}");
    assert!(!lines.contains("Disputed"), "{lines}");
    let disputed = plain(row(body, "first night"));
    assert!(disputed.contains("Disputed: the accused denies it"), "in words, not only a look: {disputed}");
    assert!(row(body, "Sudzha").contains("Disputed"));
    // The article is the second source the proposal's entries cite, after the call's readout.
    assert!(row(body, "power lines").contains("<sup class=\"cite\">2</sup>"), "sources as notes");
    let notes = part(&html, "<ol class=\"notes\">", "</ol>");
    assert!(part(notes, "<li>", "</li>").contains("Readout of the 18 March call"), "{notes}");
    // The facts at the top count them too.
    let facts = plain(part(&html, "<dl class=\"facts\">", "</dl>"));
    assert!(facts.contains("Violations4 violation reports, 2 of them disputed"), "{facts}");
}

#[test]
fn hostile_and_right_to_left_text_in_a_violation_report_is_escaped_and_isolated() {
    let html = html(&watched_report());
    assert!(!html.contains("<img"), "the note's markup is shown as text");
    let body = part(part(&html, "<table class=\"violations\"", "</table>"), "<tbody>", "</tbody>");
    let hostile = row(body, "Zaporizhzhia substation");
    assert!(hostile.contains("<span dir=\"auto\">&lt;img src=x onerror=alert(1)&gt;"), "{hostile}");
    assert!(hostile.contains("<td dir=\"auto\">زابوريجيا</td>"), "{hostile}");
    assert!(
        hostile.contains("<strong>Украина</strong>") && hostile.contains("<bdi>Россия</bdi>"),
        "{hostile}"
    );
    assert!(part(hostile, "<div", ">").contains("dir=\"auto\""), "{hostile}");
}

#[test]
fn the_status_report_gives_the_implementation_score_and_each_conditions_levels_over_time() {
    let html = html(&watched_report());
    let facts = plain(part(&html, "<dl class=\"facts\">", "</dl>"));
    assert!(facts.contains("Implementation67% \u{b7} 2 of 3 conditions"), "{facts}");
    let section = part(&html, "<h3>Implementation</h3>", "<h3>Violations</h3>");
    assert!(plain(section).contains("Implementation 67% \u{b7} 2 of 3 conditions"), "{section}");
    let table = part(section, "<table class=\"implementation\"", "</table>");
    // The exchange went from minimal to full: both steps, dated, in order, beside the
    // negotiation's status.
    let exchange = plain(row(table, "Exchange of 175"));
    assert!(exchange.contains("Accepted") && exchange.contains("since 18 March 2025"), "{exchange}");
    let (minimal, full) = (
        exchange.find("Minimal from 19 March 2025").expect(&exchange),
        exchange.find("Full from 20 March 2025").expect(&exchange),
    );
    assert!(minimal < full, "{exchange}");
    assert!(plain(row(table, "No strikes on energy")).contains("Minimal from 25 March 2025"));
    let monitors = plain(row(table, "Monitors at the Zaporizhzhia plant"));
    assert!(
        monitors.contains("Under negotiation") && monitors.contains("No implementation recorded"),
        "{monitors}"
    );
    // A level is drawn as boxes filled up to it: three for full, one for minimal.
    let first_step = part(row(table, "Exchange of 175"), "<li>", "</li>").to_string();
    assert_eq!(first_step.matches("fill=\"#333\"").count(), 1, "the first step is minimal: {first_step}");
    let second_step = row(table, "Exchange of 175").split("<li>").nth(2).unwrap().to_string();
    assert_eq!(second_step.matches("fill=\"#333\"").count(), 3, "then full: {second_step}");
}

#[test]
fn a_proposal_in_effect_with_nothing_watched_says_so_in_one_quiet_line_each() {
    let mut state = watched_truce();
    state.violations.clear();
    state.violations_per_week.clear();
    state.implementation = None;
    state.history.retain(|e| !matches!(e.change, Change::Violation { .. } | Change::Implementation { .. }));
    for condition in &mut state.conditions {
        condition.implementation = None;
    }
    let quiet = html(&as_of(report(ReportBody::Status { proposals: vec![state] }), "2025-03-30"));
    assert!(quiet.contains("<p class=\"empty\">No violation had been reported by this date.</p>"));
    assert!(quiet
        .contains("<p class=\"empty\">No condition's implementation had been recorded by this date.</p>"));
    assert!(!quiet.contains("<figure class=\"violations"));
    // A proposal only under negotiation, with nothing to watch, has neither section.
    let html = html(&status_report());
    let first = part(&html, "<section class=\"proposal\"", "</section>");
    assert!(!first.contains("<h3>Violations</h3>") && !first.contains("<h3>Implementation</h3>"));
}

/// The changes from 19 to 25 March: two reports and two implementation steps in the period,
/// one report and one step before it.
fn watched_changes() -> Report {
    let state = watched_truce();
    let entries = state
        .history
        .into_iter()
        .filter(|e| e.occurred_on >= date("2025-03-19") && e.occurred_on <= date("2025-03-25"))
        .collect();
    as_of(
        report(ReportBody::Changes {
            from: day("2025-03-19"),
            to: day("2025-03-25"),
            proposals: vec![ProposalChanges {
                id: 2,
                title: state.proposal.title,
                status: Some(ProposalStatus::InEffect),
                status_since: Some(date("2025-03-18")),
                ends_on: None,
                days_left: None,
                overdue: false,
                entries,
            }],
            deadlines: vec![],
        }),
        "2025-03-25",
    )
}

#[test]
fn the_changes_briefing_lists_the_violation_reports_and_implementation_steps_of_its_period() {
    let html = html(&watched_changes());
    let lede = plain(part(&html, "<p class=\"lede\">", "</p>"));
    assert!(lede.contains("Among them 2 violation reports and 3 implementation steps."), "{lede}");
    let reports = part(&html, "<h3>Violation reports</h3>", "</table>");
    assert!(reports.contains("power lines") && reports.contains("Zaporizhzhia substation"));
    assert!(!reports.contains("first night"), "18 March is before the period");
    assert!(!reports.contains("Sudzha"), "26 March is after it");
    assert!(reports.find("Zaporizhzhia").unwrap() < reports.find("power lines").unwrap(), "newest first");
    let steps = part(&html, "<h3>Implementation steps</h3>", "</table>");
    let rows: Vec<String> = part(steps, "<tbody>", "</tbody>").split("<tr").skip(1).map(plain).collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].starts_with("19 March 2025Exchange of 175") && rows[0].contains("Minimal"), "{rows:?}");
    assert!(rows[1].contains("Full") && rows[2].contains("No strikes on energy"), "{rows:?}");
    assert!(!html.contains("<img"), "escaped here too");
}

#[test]
fn the_changes_briefing_csv_gives_a_violation_reports_details_in_columns() {
    let csv = render_report(&watched_changes(), Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[11..], ["against", "until", "count", "unit", "place"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let lines = rows.iter().find(|r| r[9].contains("power lines")).unwrap();
    assert_eq!(
        (&lines[4], &lines[5], &lines[7], &lines[11], &lines[12], &lines[13], &lines[14], &lines[15]),
        ("violation", "Ukraine", "reported", "Russia", "2025-03-21", "1250", "drones", "Dnipropetrovsk")
    );
    let step = rows.iter().find(|r| &r[4] == "implementation" && &r[3] == "2025-03-20").unwrap();
    assert_eq!((&step[6], &step[7]), (EXCHANGE.1, "full"));
    assert!(!rows.iter().any(|r| r[9].contains("first night")), "before the period");
    let json: serde_json::Value =
        serde_json::from_str(&render_report(&watched_changes(), Format::Json).unwrap()).unwrap();
    let entries = json["proposals"][0]["entries"].as_array().unwrap();
    let report = entries.iter().find(|e| e["note"].as_str().unwrap().contains("power lines")).unwrap();
    assert_eq!(report["violation"]["count"], 1250);
    assert_eq!(report["against"], "Russia");
}

#[test]
fn the_overview_gives_the_violation_reports_of_30_days_and_the_implementation_score() {
    let truce = watched_truce();
    let line = ProposalSummary {
        violations_30_days: 4,
        implementation: truce.implementation,
        ..summary(&truce, [1, 0, 0, 1], "2025-03-26")
    };
    let overview = as_of(
        report(ReportBody::Overview {
            status: None,
            proposals: vec![line, summary(&interim_ceasefire(), [1, 2, 0, 2], "2025-03-13")],
        }),
        "2025-03-30",
    );
    let html = html(&overview);
    let legend = plain(part(&html, "<p class=\"legend\">", "</p>"));
    assert!(legend.contains("whether it holds: the violation reports of the 30 days"), "{legend}");
    let body = part(&html, "<tbody>", "</tbody>");
    let truce_row = row(body, "30-day halt on strikes");
    assert!(
        truce_row.contains(
            "<span class=\"sub holding\">4 violation reports in 30 days \u{b7} implementation 67% \u{b7} 2 conditions</span>"
        ),
        "{truce_row}"
    );
    let interim = row(body, "30-day interim ceasefire");
    assert!(
        !interim.contains("reports") && !interim.contains('%'),
        "under talks: nothing to watch: {interim}"
    );

    let csv = render_report(&overview, Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[16..], ["violations_30_days", "implementation_percent", "implementation_conditions"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!((&rows[0][16], &rows[0][17], &rows[0][18]), ("4", "67", "2"));
    assert_eq!((&rows[1][17], &rows[1][18]), ("", ""));
}

#[test]
fn the_status_report_as_json_carries_the_reports_the_weeks_and_the_score() {
    let json: serde_json::Value =
        serde_json::from_str(&render_report(&watched_report(), Format::Json).unwrap()).unwrap();
    let truce = &json["proposals"][0];
    assert_eq!(truce["implementation"]["percent"], 67);
    assert_eq!(truce["implementation"]["conditions"], 2);
    assert_eq!(truce["violations"].as_array().unwrap().len(), 4);
    assert_eq!(truce["violations_per_week"][0]["week_of"], "2025-03-17");
    assert_eq!(truce["violations_per_week"][0]["disputed"], 1);
    assert_eq!(truce["conditions"][1]["implementation"], "minimal");
}
