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
            entries,
        }],
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
    }));
    assert!(html.contains("Nothing was recorded as happening in this period."));
    let html = render_report(&report(ReportBody::Status { proposals: vec![] }), Format::Html).unwrap();
    assert!(html.contains("No proposal had been made by this date."));
}

#[test]
fn every_table_names_a_width_for_each_of_its_columns() {
    // Where rows are laid out as grids (WebKit's print), a missing width misplaces a column.
    for report in [status_report(), overview()] {
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
