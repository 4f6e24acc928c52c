//! `cftrack report` in every form, on the demo and on a negotiation typed in by hand.

mod cli_support;

use cli_support::Tracker;

fn demo() -> Tracker {
    let t = Tracker::new();
    t.ok(&["demo"]);
    t
}

#[test]
fn the_status_report_of_one_proposal_is_a_printable_briefing() {
    let t = demo();
    let html = t.ok(&["report", "30-day interim ceasefire", "--as-of", "2025-03-20"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80.min(html.len())]);
    assert!(html.contains("30-day interim ceasefire"));
    assert!(html.contains("Under negotiation"));
    assert!(html.contains("Agrees in principle"));
    assert!(html.contains("20 March 2025"), "the as-of date is in the header");
    assert!(!html.contains("<script"), "a report runs no script");
    assert!(
        !html.contains("30-day halt on strikes against energy infrastructure</h"),
        "only the one asked for"
    );
}

#[test]
fn the_overview_says_the_same_in_html_csv_and_json() {
    let t = demo();
    let html = t.ok(&["report", "--all", "--as-of", "2025-03-20"]);
    let csv = t.ok(&["report", "--all", "--as-of", "2025-03-20", "--format", "csv"]);
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["report", "--all", "--as-of", "2025-03-20", "--format", "json"]))
            .unwrap();

    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert!(header.contains(&"status") && header.contains(&"status_since"), "{header:?}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{csv}");
    for title in ["30-day interim ceasefire", "30-day halt on strikes against energy infrastructure"] {
        assert!(html.contains(title), "{title} in the HTML");
        assert!(rows.iter().any(|row| row.contains(title)), "{title} in the CSV");
        assert!(json.to_string().contains(title), "{title} in the JSON");
    }
    assert!(rows.iter().any(|row| row.contains("under_negotiation") && row.contains("2025-03-13")));
    assert!(html.contains("Under negotiation") && html.contains("13 March 2025"));
}

#[test]
fn the_overview_can_be_limited_to_one_status() {
    let t = demo();
    let csv = t.ok(&["report", "--all", "--status", "in_effect", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("30-day halt on strikes"));
}

#[test]
fn the_changes_briefing_holds_only_what_happened_between_the_dates() {
    let t = demo();
    let csv = t.ok(&["report", "--changes", "2025-03-13..2025-03-13", "--format", "csv"]);
    let dates: Vec<&str> = csv.lines().skip(1).map(|row| row.split(',').nth(3).unwrap()).collect();
    assert!(!dates.is_empty());
    assert!(dates.iter().all(|date| *date == "2025-03-13"), "{dates:?}");
    let html = t.ok(&["report", "--changes", "2025-03-13..2025-03-13"]);
    assert!(html.contains("Agrees in principle"));
    assert!(!html.contains("30-day halt on strikes against energy infrastructure"), "proposed on 18 March");
}

#[test]
fn a_report_is_written_to_the_file_named() {
    let t = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("briefing.html");
    let printed = t.ok(&["report", "--all", "--full", "-o", path.to_str().unwrap()]);
    assert_eq!(printed.trim(), path.to_str().unwrap());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("30-day interim ceasefire") && html.contains("30-day halt on strikes"));
}

#[test]
fn user_text_is_escaped_in_every_report() {
    let t = Tracker::new();
    t.id(&["party", "add", "<b>Side A</b>"]);
    t.id(&["proposal", "add", "<script>alert(1)</script>", "--by", "<b>Side A</b>", "--on", "2025-01-05"]);
    for args in [
        vec!["report", "<script>alert(1)</script>"],
        vec!["report", "--all"],
        vec!["report", "--changes", "2025-01-01..2025-01-31"],
    ] {
        let html = t.ok(&args);
        assert!(!html.contains("<script>alert"), "{args:?}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{args:?}");
        assert!(!html.contains("<b>Side A</b>"), "{args:?}");
    }
}

#[test]
fn bad_report_arguments_are_refused_with_one_line() {
    let t = demo();
    t.refuses(
        &["report", "--changes", "2025-03-15..2025-03-12"],
        "from: the period starts on 2025-03-15, after it ends on 2025-03-12",
    );
    t.refuses(&["report", "No such proposal"], "no proposal is called or numbered \"No such proposal\"");
    t.refuses(
        &["report", "--changes", "2025-03-15"],
        "changes: \"2025-03-15\" is not a date range: write YYYY-MM-DD..YYYY-MM-DD",
    );
    t.refuses(
        &["report", "--all", "--format", "pdf"],
        "format: \"pdf\" is not a report format; use one of: html, csv, json",
    );
    t.refuses(&["report", "1", "--format", "csv"], &refusal(&t, &["report", "1", "--format", "csv"]));
    t.refuses(
        &["report", "--all", "--as-of", "2025-02-30"],
        &refusal(&t, &["report", "--all", "--as-of", "2025-02-30"]),
    );
}

/// The message a refused command gives, checked only to start with the field it names.
fn refusal(t: &Tracker, args: &[&str]) -> String {
    let run = t.run(args);
    let message = run.stderr.trim_end().trim_start_matches("cftrack: ").to_string();
    let field = message.split(':').next().unwrap();
    assert!(["format", "as-of"].contains(&field), "{message}");
    message
}

#[test]
fn the_process_timeline_puts_every_proposal_of_a_process_on_one_axis() {
    let t = demo();
    let html = t.ok(&["report", "--process", "Russia-Ukraine war", "--as-of", "2025-03-20"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>Process timeline: Russia-Ukraine war</h1>"), "{html}");
    assert_eq!(html.matches("<g class=\"lane\"").count(), 2, "a lane for each of the two proposals");
    assert!(html.contains("ends 16 Apr 2025 \u{b7} 27 days left"), "the energy halt's clock in the drawing");
    assert!(html.contains("ends 16 April 2025 \u{b7} 27 days left"), "and in the table under it");
    assert!(html.contains("as of 20 Mar 2025"));

    // Named as typed, in any case; as JSON and CSV; into a file.
    let json =
        t.json(&["report", "--process", "russia-ukraine WAR", "--as-of", "2025-03-20", "--format", "json"]);
    assert_eq!(json["report"], "process");
    assert_eq!(json["process"], "Russia-Ukraine war");
    let energy = json["lanes"].as_array().unwrap().iter().find(|l| l["kind"] == "partial").unwrap();
    assert_eq!(
        (&energy["ends_on"], &energy["days_left"], &energy["overdue"]),
        (&"2025-04-16".into(), &27.into(), &false.into())
    );
    let csv =
        t.ok(&["report", "--process", "Russia-Ukraine war", "--as-of", "2025-04-20", "--format", "csv"]);
    assert!(
        csv.lines().any(|row| row.contains("energy infrastructure") && row.ends_with(",2025-04-16,-4,true")),
        "{csv}"
    );
    let path = t.dir.path().join("process.html");
    t.ok(&["report", "--process", "Russia-Ukraine war", "-o", path.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&path).unwrap().contains("Process timeline"));

    // Before its first proposal, a process has nothing to draw.
    let early = t.ok(&["report", "--process", "Russia-Ukraine war", "--as-of", "2025-03-01"]);
    assert!(early.contains("No proposal of this process had been made by this date."));
}

#[test]
fn a_process_nobody_recorded_is_refused_with_the_ones_there_are() {
    let t = demo();
    t.refuses(
        &["report", "--process", "Gaza"],
        "process: no proposal belongs to a process called \"Gaza\"; the processes are: Russia-Ukraine war",
    );
    t.refuses(&["report", "--process", "  "], "process: this must not be empty");
    let empty = Tracker::new();
    empty.refuses(
        &["report", "--process", "Gaza"],
        "process: no proposal belongs to a process called \"Gaza\"; no proposal has a process yet",
    );
}

/// The `cftrack` commands of a code block of the README that follows `heading`, one a
/// command, split into words as a shell would (double quotes, `\` at a line's end, `#`
/// comments).
fn readme_commands(heading: &str) -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find(heading).unwrap_or_else(|| panic!("no {heading:?} in the README"))..];
    let block = section.split("```sh\n").nth(1).unwrap().split("```").next().unwrap();
    let mut commands = Vec::new();
    for line in block.replace("\\\n", " ").lines() {
        let mut words = Vec::new();
        let (mut word, mut quoted, mut any) = (String::new(), false, false);
        for c in line.chars() {
            match c {
                '"' => (quoted, any) = (!quoted, true),
                '#' if !quoted && word.is_empty() => break,
                c if c.is_whitespace() && !quoted => {
                    if any {
                        words.push(std::mem::take(&mut word));
                    }
                    any = false;
                }
                c => (word, any) = (word + &c.to_string(), true),
            }
        }
        if any {
            words.push(word);
        }
        if !words.is_empty() {
            commands.push(words);
        }
    }
    commands
}

/// Runs `commands` on `t` as written, files written in its folder; each one's arguments
/// and what it printed.
fn run_as_written(t: &Tracker, commands: &[Vec<String>], db: &str) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    for words in commands {
        assert_eq!(&words[..3], ["cftrack", "--db", db], "{words:?}");
        let args: Vec<String> = words[3..]
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i > 0 && words[3 + i - 1] == "-o" {
                    t.dir.path().join(w).display().to_string()
                } else {
                    w.clone()
                }
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        outputs.push((args.join(" "), t.ok(&args)));
    }
    outputs
}

#[test]
fn the_demo_and_the_changes_typed_by_hand_in_the_readme_run_as_written() {
    let t = Tracker::new();
    let demo: Vec<Vec<String>> = readme_commands("## `cftrack` on the demo data set")
        .into_iter()
        .filter(|w| w[0] == "cftrack")
        .collect();
    assert!(demo.len() >= 4, "{demo:?}");
    run_as_written(&t, &demo, "demo.db");
    run_as_written(&t, &readme_commands("Recording by hand"), "demo.db");
    // The entry the README retracts is the condition it had just typed in.
    let history = t.json(&["history", "1", "--json"]);
    let retracted: Vec<&serde_json::Value> =
        history.as_array().unwrap().iter().filter(|e| e["retracted"] == true).collect();
    assert_eq!(retracted.len(), 1);
    assert_eq!(retracted[0]["condition"], "Prisoner exchange", "{}", retracted[0]);
}

#[test]
fn the_gaza_deal_in_the_readme_types_in_as_written() {
    let t = Tracker::new();
    let commands = readme_commands("### A deal in phases: Gaza");
    assert!(commands.len() > 20, "{commands:?}");
    let outputs = run_as_written(&t, &commands, "gaza.db");
    let printed = |start: &str| {
        outputs.iter().find(|(args, _)| args.starts_with(start)).map(|(_, out)| out.clone()).unwrap()
    };
    assert!(printed("proposal show 2 --as-of 2025-02-20").contains("ends 1 March 2025 \u{b7} 9 days left"));
    assert!(printed("deadlines --as-of 2025-03-10").contains("Phase one: hostages and prisoners"));
    let html = std::fs::read_to_string(t.dir.path().join("gaza.html")).unwrap();
    assert_eq!(html.matches("<g class=\"lane\"").count(), 5);
    assert_eq!(html.matches("<g class=\"supersedes\">").count(), 1, "the extension replaces phase one");
    assert!(html.contains("past its end on 1 Mar 2025"));
    let deal = t.json(&["proposal", "show", "1", "--as-of", "2025-03-20", "--json"]);
    assert_eq!(deal["status"], "collapsed");
    assert_eq!(deal["phases"].as_array().unwrap().len(), 3);
}

#[test]
fn the_demos_violation_reports_and_prisoner_exchange_are_in_every_report() {
    let t = demo();
    // The week of drones Zelenskyy reported, against the interim ceasefire under talks.
    let html = t.ok(&["report", "30-day interim ceasefire", "--as-of", "2025-03-20"]);
    let section = &html[html.find("<h3>Violations</h3>").expect("a violations section")..];
    let section = &section[..section.find("<h3>History</h3>").unwrap()];
    assert!(section.contains("<p>1 violation report.</p>"), "{section}");
    assert!(section.contains(">10 Mar</text>") && section.contains(">1</text>"), "its week: {section}");
    assert!(section.contains("11\u{2013}16 March 2025") && section.contains("1,000 drones"), "{section}");
    assert!(section.contains("<strong>Ukraine</strong>") && section.contains("against <bdi>Russia</bdi>"));

    // The energy halt in effect: its exchange carried out in full, no report against it.
    let html =
        t.ok(&["report", "30-day halt on strikes against energy infrastructure", "--as-of", "2025-03-20"]);
    assert!(html.contains("100% \u{b7} 1 of 1 condition"), "the score");
    let table = &html[html.find("<table class=\"implementation\"").expect("an implementation table")..];
    assert!(table.contains("Full</strong> from <span class=\"date\">19 March 2025"), "{table}");
    assert!(html.contains("No violation had been reported by this date."));

    // The briefing of 19 March has the exchange; that of 11 to 12 March the report.
    let html = t.ok(&["report", "--changes", "2025-03-19..2025-03-19"]);
    assert!(html.contains("<h3>Implementation steps</h3>") && !html.contains("<h3>Violation reports</h3>"));
    let html = t.ok(&["report", "--changes", "2025-03-11..2025-03-12"]);
    assert!(html.contains("<h3>Violation reports</h3>") && html.contains("1,000 drones"));
    let csv = t.ok(&["report", "--changes", "2025-03-11..2025-03-12", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let report = reader.records().map(Result::unwrap).find(|r| &r[4] == "violation").unwrap();
    assert_eq!(
        (&report[11], &report[12], &report[13], &report[14]),
        ("Russia", "2025-03-16", "1000", "drones")
    );

    // The overview: the halt's score beside it, in every form.
    let csv = t.ok(&["report", "--all", "--as-of", "2025-03-20", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let halt = reader.records().map(Result::unwrap).find(|r| r[1].starts_with("30-day halt")).unwrap();
    assert_eq!(&halt[column("implementation_percent")], "100");
    assert_eq!(&halt[column("violations_30_days")], "0");
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["report", "--all", "--as-of", "2025-03-20", "--format", "json"]))
            .unwrap();
    let halt = json["proposals"].as_array().unwrap().iter().find(|p| p["kind"] == "partial").unwrap();
    assert_eq!(halt["implementation"]["conditions"], 1);
}
