//! The overview: every proposal (or those in one status) on one line.

use maud::{html, Markup};

use super::{colgroup, colophon, columns, masthead, status_chip};
use crate::model::{clock, EventDate, Precision, ProposalStatus, ProposalSummary, Vocabulary};
use crate::report::text;
use crate::report::Report;

/// Proposal (with whether it holds: violation reports of the last 30 days, implementation),
/// status, since, for, conditional, against, open conditions, last change, ends.
const COLUMNS: [u8; 9] = [27, 11, 12, 5, 6, 8, 7, 11, 13];

pub fn body(report: &Report, status: Option<ProposalStatus>, proposals: &[ProposalSummary]) -> Markup {
    let on = text::day(report.viewpoint.as_of);
    let count = match proposals.len() {
        1 => "1 proposal".to_string(),
        n => format!("{n} proposals"),
    };
    let lede = match status {
        None => format!("{count} made by {on}, the one that moved last first."),
        Some(status) => format!("{count} with the status \u{201c}{}\u{201d} on {on}.", status.label()),
    };
    html! {
        (masthead(report))
        h1 { "Overview of proposals" }
        p.lede { (lede) }
        @if proposals.is_empty() {
            p.empty { "No proposal to show." }
        } @else {
            // Before the table, so that a long table never leaves it alone on a last page.
            p.legend {
                "For: proposed or supports it. Cond.: supports with conditions or agrees in principle. \
                 Against: opposes, rejects or withdrew support. Open cond.: conditions raised, \
                 under negotiation or rejected. Under a proposal agreed or in effect, whether it holds: \
                 the violation reports of the 30 days up to the date, for a ceasefire in effect, and \
                 the implementation score (the mean level of the conditions with an implementation \
                 entry as a share of full, and how many conditions it covers)."
            }
            table.overview style=(columns(&COLUMNS)) {
                (colgroup(&COLUMNS))
                thead {
                    tr {
                        th { "Proposal" }
                        th { "Status" }
                        th { "Since" }
                        th.num { "For" }
                        th.num { "Cond." }
                        th.num { "Against" }
                        th.num { "Open cond." }
                        th { "Last change" }
                        th { "Ends" }
                    }
                }
                tbody {
                    @for p in proposals {
                        tr {
                            td {
                                div dir="auto" { strong { (p.title) } }
                                span.sub { bdi { (p.proposed_by) } ", " (p.proposed_on.human()) }
                                (holding(p))
                            }
                            td { @if let Some(status) = p.status { (status_chip(status)) } }
                            td {
                                span.date { (date(p.status_since)) }
                                @if let Some(days) = p.days_in_status { span.sub { (text::days(days)) } }
                            }
                            td.num { (p.supporters) }
                            td.num { (p.conditional) }
                            td.num { (p.opposed) }
                            td.num { (p.open_conditions) }
                            td.date { (date(p.last_change)) }
                            td { (ends(p)) }
                        }
                    }
                }
            }
        }
        (colophon(report, None))
    }
}

/// The last day a ceasefire in effect covers, and how many days it has left or that it is
/// past its end (in words, the warning colour only repeating them).
fn ends(p: &ProposalSummary) -> Markup {
    let running = p.status.is_some_and(clock::runs_in);
    html! {
        @match p.ends_on {
            Some(end) => {
                span.date.overdue[p.overdue] { (end.human()) }
                span.sub.overdue[p.overdue] {
                    @match p.days_left {
                        _ if p.overdue => "past its end; no extension or follow-up recorded",
                        Some(0) => "last day",
                        Some(left) => { (text::days(left)) " left" },
                        None if end.precision() != Precision::Day => "the day is not known",
                        None => "",
                    }
                }
            }
            None if running => { "No end date" }
            None => { "\u{2014}" }
        }
    }
}

fn date(date: Option<EventDate>) -> String {
    date.map(EventDate::human).unwrap_or_else(|| "\u{2014}".to_string())
}

/// Whether a proposal agreed holds, on a line under its title: its violation reports of
/// the last 30 days, while in effect ("3 violation reports in 30 days"), and its
/// implementation score with how many conditions it covers ("implementation 67% · 2 of
/// the conditions"); nothing for a proposal with neither.
fn holding(p: &ProposalSummary) -> Markup {
    let in_effect = p.status.is_some_and(clock::runs_in);
    let reports = match p.violations_30_days {
        1 => "1 violation report in 30 days".to_string(),
        n => format!("{} violation reports in 30 days", text::number(n)),
    };
    let score = p.implementation.map(|score| {
        let conditions = match score.conditions {
            1 => "1 condition".to_string(),
            n => format!("{n} conditions"),
        };
        format!("implementation {}% \u{b7} {conditions}", score.percent)
    });
    let said: Vec<String> = [in_effect.then_some(reports), score].into_iter().flatten().collect();
    html! {
        @if !said.is_empty() {
            span.sub.holding { (said.join(" \u{b7} ")) }
        }
    }
}
