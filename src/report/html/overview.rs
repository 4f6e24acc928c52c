//! The overview: every proposal (or those in one status) on one line.

use maud::{html, Markup};

use super::{colgroup, colophon, columns, masthead, status_chip};
use crate::model::{EventDate, ProposalStatus, ProposalSummary, Vocabulary};
use crate::report::text;
use crate::report::Report;

/// Proposal, status, since, for, conditional, against, open conditions, last change.
const COLUMNS: [u8; 8] = [24, 13, 17, 5, 6, 8, 10, 17];

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
            table style=(columns(&COLUMNS)) {
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
                    }
                }
                tbody {
                    @for p in proposals {
                        tr {
                            td {
                                div dir="auto" { strong { (p.title) } }
                                span.sub { bdi { (p.proposed_by) } ", " (p.proposed_on.human()) }
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
                        }
                    }
                }
            }
            p.legend {
                "For: proposed or supports it. Cond.: supports with conditions or agrees in principle. \
                 Against: opposes, rejects or withdrew support. Open cond.: conditions raised, \
                 under negotiation or rejected."
            }
        }
        (colophon(report, None))
    }
}

fn date(date: Option<EventDate>) -> String {
    date.map(EventDate::human).unwrap_or_else(|| "\u{2014}".to_string())
}
