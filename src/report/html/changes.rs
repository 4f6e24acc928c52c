//! The changes briefing: what happened between two dates, proposal by proposal.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::notes::Notes;
use super::{clock_words, colophon, masthead, status::history, status_chip};
use crate::model::{clock, Deadline};
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
    html! {
        (masthead(report))
        h1 { "Changes from " (text::day(from)) " to " (text::day(to)) }
        @if proposals.is_empty() && deadlines.is_empty() {
            p.empty { "Nothing was recorded as happening in this period." }
        } @else {
            @if proposals.is_empty() {
                p.lede { "No change was recorded in this period." }
            } @else {
                p.lede { (lede) }
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
    let mut notes = Notes::default();
    let cited: Vec<Vec<usize>> = proposal.entries.iter().map(|e| notes.cite(&e.sources)).collect();
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
            (history(&proposal.entries, &cited))
            @if !notes.is_empty() { (notes.list(&report.published)) }
        }
    }
}
