//! The process timeline report: every proposal of one process on one time axis, then the
//! same proposals in a table with their status and clock in words.
//!
//! The drawing is a table of one column: its header is the time axis and each row a family
//! of lanes, so that a page break falls only between families and every page that goes on
//! with the drawing repeats the axis, as tables cut by a page repeat their header.

use std::collections::BTreeSet;

use maud::{html, Markup};

use super::{clock_words, colgroup, colophon, columns, masthead, running_head, status_chip};
use crate::model::{clock, ProposalStatus};
use crate::report::process::{axis_svg, family_pieces, lanes_svg, Lane, ProcessTimeline, Scale};
use crate::report::text;
use crate::report::Report;

/// The drawing: one column, the page's width.
const DRAWING_COLUMNS: [u8; 1] = [100];

/// Proposal, status, clock.
const TABLE_COLUMNS: [u8; 3] = [48, 22, 30];

pub fn body(report: &Report, timeline: &ProcessTimeline) -> Markup {
    let on = text::day(report.viewpoint.as_of);
    let part = format!("Process timeline: {}", timeline.process);
    let lede = match timeline.lanes.len() {
        0 => String::new(),
        1 => format!("1 proposal made by {on}."),
        n => format!("{n} proposals made by {on}, a line each on one time axis."),
    };
    html! {
        section.process data-running-head=(running_head(&part, report)) {
            (masthead(report))
            h1 { "Process timeline: " (timeline.process) }
            @if timeline.lanes.is_empty() {
                p.empty { "No proposal of this process had been made by this date." }
            } @else {
                p.lede { (lede) }
                // The key first: the drawing may run over pages.
                (key(timeline))
                (drawing(timeline))
                h3 { "Proposals" }
                (table(timeline))
            }
            (colophon(report, None))
        }
    }
}

fn drawing(timeline: &ProcessTimeline) -> Markup {
    let scale = Scale::of(timeline);
    html! {
        table.drawing style=(columns(&DRAWING_COLUMNS)) {
            (colgroup(&DRAWING_COLUMNS))
            thead { tr { th { (axis_svg(&scale)) } } }
            tbody {
                @for piece in family_pieces(timeline) {
                    tr { td { (lanes_svg(timeline, &scale, piece)) } }
                }
            }
        }
    }
}

/// What the colours and marks of the drawing mean, in words.
fn key(timeline: &ProcessTimeline) -> Markup {
    let statuses: BTreeSet<ProposalStatus> =
        timeline.lanes.iter().flat_map(|lane| lane.spans.iter().map(|span| span.status)).collect();
    let running = |lane: &&Lane| lane.status.is_some_and(clock::runs_in) && lane.ends_on.is_some();
    let clocks: Vec<&Lane> = timeline.lanes.iter().filter(running).collect();
    let lineage = timeline.lanes.iter().any(|lane| {
        lane.supersedes.is_some_and(|earlier| timeline.lanes.iter().any(|other| other.id == earlier))
    });
    let phases = timeline.lanes.iter().any(|lane| lane.depth > 0);
    html! {
        div.key.keep {
            p {
                @for status in &statuses {
                    (status_chip(*status)) " "
                }
            }
            p {
                (mark("M1 7H23", "stroke-dasharray=\"2 2\"")) " the date the report is as of"
                @if clocks.iter().any(|lane| !lane.overdue) {
                    "; " (mark_box("#000", "2 1.5")) " days left on a clock, "
                    (mark("M12 1V13", "stroke-width=\"2.4\"")) " its last day"
                }
                @if clocks.iter().any(|lane| lane.overdue) {
                    "; " (mark_box("#D55E00", "")) " past its end, with no extension or follow-up recorded"
                }
                @if lineage { "; " (arrow()) " replaced by the proposal it points to" }
                @if phases { "; indented under a deal: its phases, by number" }
                "."
            }
        }
    }
}

/// A small drawing for the key, inline with its words.
fn mark(path: &str, extra: &str) -> Markup {
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mark\" viewBox=\"0 0 24 14\" width=\"24\" height=\"14\">\
         <path d=\"{path}\" stroke=\"#000\" stroke-width=\"1\" fill=\"none\" {extra}/></svg>"
    );
    maud::PreEscaped(svg)
}

fn mark_box(colour: &str, dashes: &str) -> Markup {
    let dashes = if dashes.is_empty() { String::new() } else { format!(" stroke-dasharray=\"{dashes}\"") };
    maud::PreEscaped(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mark\" viewBox=\"0 0 24 14\" width=\"24\" height=\"14\">\
         <rect x=\"2\" y=\"3\" width=\"20\" height=\"8\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.2\"{dashes}/></svg>"
    ))
}

fn arrow() -> Markup {
    maud::PreEscaped(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mark\" viewBox=\"0 0 24 14\" width=\"24\" height=\"14\">\
         <path d=\"M3 7H17\" stroke=\"#000\" stroke-width=\"1\"/><path d=\"M16 4L21 7L16 10Z\" fill=\"#000\"/></svg>"
            .to_string(),
    )
}

/// The proposals in the order drawn, in words: what the drawing cannot spell out.
fn table(timeline: &ProcessTimeline) -> Markup {
    html! {
        table style=(columns(&TABLE_COLUMNS)) {
            (colgroup(&TABLE_COLUMNS))
            thead { tr { th { "Proposal" } th { "Status" } th { "Clock" } } }
            tbody {
                @for lane in &timeline.lanes {
                    tr {
                        td {
                            strong { (lane.title) }
                            @if let (Some(deal), Some(number)) = (&lane.phase_of_title, lane.phase) {
                                span.sub { "Phase " (number) " of " (deal) }
                            }
                            @if let Some(earlier) = &lane.supersedes_title {
                                span.sub { "Replaces " (earlier) }
                            }
                            span.sub { (lane.proposed_by) ", " (lane.proposed_on.human()) }
                        }
                        td {
                            @match lane.status {
                                Some(status) => {
                                    (status_chip(status))
                                    @if let Some(since) = lane.status_since { span.sub { "since " (since.human()) } }
                                }
                                None => { "No status recorded" }
                            }
                        }
                        td {
                            @if lane.status.is_some_and(clock::runs_in) {
                                (clock_words(lane.ends_on, lane.days_left, lane.overdue))
                            } @else {
                                "\u{2014}"
                            }
                        }
                    }
                }
            }
        }
    }
}
