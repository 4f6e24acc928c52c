//! The changes briefing: what happened between two dates, proposal by proposal.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::notes::{marks, Notes};
use super::{
    clock_words, colgroup, colophon, columns, implementation::meter, masthead, status::history, status_chip,
    violations,
};
use crate::model::{clock, Change, Deadline, HistoryEntry, Vocabulary};
use crate::report::text;
use crate::report::{ProposalChanges, Report};

pub fn body(
    report: &Report,
    from: NaiveDate,
    to: NaiveDate,
    proposals: &[ProposalChanges],
    deadlines: &[Deadline],
) -> Markup {
    let entries: usize = proposals.iter().map(|p| p.entries.len()).sum();
    let lede = match (entries, proposals.len()) {
        (1, _) => "1 change, to 1 proposal.".to_string(),
        (n, 1) => format!("{n} changes, to 1 proposal."),
        (n, m) => format!("{n} changes, to {m} proposals; the proposal that moved last comes first."),
    };
    let all: Vec<&HistoryEntry> = proposals.iter().flat_map(|p| &p.entries).collect();
    let reports: Vec<HistoryEntry> =
        all.iter().filter(|e| matches!(e.change, Change::Violation { .. })).map(|e| (*e).clone()).collect();
    let steps = all.iter().filter(|e| matches!(e.change, Change::Implementation { .. })).count();
    let watched = match (reports.is_empty(), steps) {
        (true, 0) => None,
        (false, 0) => Some(format!("Among them {}.", violations::count_line(&reports))),
        (true, n) => Some(format!("Among them {}.", implementation_steps(n))),
        (false, n) => {
            Some(format!("Among them {} and {}.", violations::count_line(&reports), implementation_steps(n)))
        }
    };
    html! {
        (masthead(report))
        h1 { "Changes from " (text::day(from)) " to " (text::day(to)) }
        @if proposals.is_empty() && deadlines.is_empty() {
            p.empty { "Nothing was recorded as happening in this period." }
        } @else {
            @if proposals.is_empty() {
                p.lede { "No change was recorded in this period." }
            } @else {
                p.lede { (lede) @if let Some(watched) = watched { " " (watched) } }
            }
            @if !deadlines.is_empty() {
                // A clock that runs out is news though nobody recorded anything: it comes first.
                section.deadlines.keep {
                    h3 { "Deadlines passed" }
                    ul {
                        @for deadline in deadlines {
                            li {
                                strong { (deadline.title) } ": "
                                (clock_words(Some(deadline.ends_on), deadline.days_left, deadline.overdue))
                            }
                        }
                    }
                }
            }
            @for proposal in proposals {
                (group(report, from, to, proposal))
            }
        }
        (colophon(report, None))
    }
}

fn group(report: &Report, from: NaiveDate, to: NaiveDate, proposal: &ProposalChanges) -> Markup {
    // The negotiation's changes in the history's table; violation reports and implementation
    // steps each in a table of their own, as the status report sets them out.
    let (watched, changed): (Vec<&HistoryEntry>, Vec<&HistoryEntry>) = proposal
        .entries
        .iter()
        .partition(|e| matches!(e.change, Change::Violation { .. } | Change::Implementation { .. }));
    let changed: Vec<HistoryEntry> = changed.into_iter().cloned().collect();
    let by_date = |a: &&HistoryEntry, b: &&HistoryEntry| {
        a.occurred_on.cmp(&b.occurred_on).then(a.recorded_at.cmp(&b.recorded_at))
    };
    // The newest report first, as in the status report; the steps in the order they came.
    let mut reports: Vec<&HistoryEntry> =
        watched.iter().copied().filter(|e| matches!(e.change, Change::Violation { .. })).collect();
    reports.sort_by(|a, b| by_date(b, a));
    let reports: Vec<HistoryEntry> = reports.into_iter().cloned().collect();
    let mut steps: Vec<&HistoryEntry> =
        watched.into_iter().filter(|e| matches!(e.change, Change::Implementation { .. })).collect();
    steps.sort_by(by_date);
    let mut notes = Notes::default();
    let cited: Vec<Vec<usize>> = changed.iter().map(|e| notes.cite(&e.sources)).collect();
    // What a page that goes on with this proposal's changes is part of.
    let running_head =
        format!("{} \u{00b7} Changes from {} to {}", proposal.title, text::day(from), text::day(to));
    html! {
        section.group data-running-head=(running_head) {
            h2 dir="auto" { (proposal.title) }
            p {
                "On " (text::day(to)) ": "
                @match proposal.status {
                    Some(status) => {
                        (status_chip(status))
                        @if let Some(since) = proposal.status_since { " since " (since.human()) }
                        @if clock::runs_in(status) {
                            "; " (clock_words(proposal.ends_on, proposal.days_left, proposal.overdue))
                        }
                    }
                    None => { "no status recorded" }
                }
            }
            @if !changed.is_empty() { (history(&changed, &cited)) }
            @if !reports.is_empty() {
                h3 { "Violation reports" }
                p { (violations::lede(&reports)) }
                (violations::list(&reports, &mut notes))
            }
            @if !steps.is_empty() {
                h3 { "Implementation steps" }
                (implementation_table(&steps, &mut notes))
            }
            @if !notes.is_empty() { (notes.list(&report.published)) }
        }
    }
}

/// Date, condition, level reached, note.
const STEP_COLUMNS: [u8; 4] = [18, 38, 18, 26];

/// The implementation steps of the period, oldest first.
fn implementation_table<'a>(steps: &[&'a HistoryEntry], notes: &mut Notes<'a>) -> Markup {
    html! {
        table.implementation style=(columns(&STEP_COLUMNS)) {
            (colgroup(&STEP_COLUMNS))
            thead { tr { th { "Date" } th { "Condition" } th { "Level reached" } th { "Note" } } }
            tbody {
                @for step in steps {
                    @if let Change::Implementation { level, .. } = step.change {
                        @let numbers = notes.cite(&step.sources);
                        tr {
                            td.date { (step.occurred_on.human()) }
                            td dir="auto" { (step.condition.as_deref().unwrap_or_default()) }
                            td { (meter(level)) " " strong { (level.label()) } (marks(&numbers)) }
                            td dir="auto" { (step.note) }
                        }
                    }
                }
            }
        }
    }
}

/// "1 implementation step", "3 implementation steps".
fn implementation_steps(count: usize) -> String {
    match count {
        1 => "1 implementation step".to_string(),
        n => format!("{n} implementation steps"),
    }
}
