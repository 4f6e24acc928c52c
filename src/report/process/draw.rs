//! The process timeline as SVG: a time axis, and under it a lane per proposal with its
//! title and status in words on the left and its statuses as bars on the right.
//!
//! The drawing is 600 units wide and is scaled to the width it is shown at, the page's
//! in print. The printed report draws the axis once and the lanes in pieces, each a family
//! of lanes where it fits on a page, all on the same scale so that they line up.

use std::ops::Range;

use chrono::{Datelike, Days};
use maud::{html, Markup};

use super::scale::{Scale, BARS_FROM, BARS_TO};
use super::words::{text_width, wrap};
use super::{Lane, ProcessTimeline};
use crate::model::{clock, EventDate, Precision, Vocabulary};
use crate::report::text;

pub const WIDTH: f64 = 600.0;
/// The titles and statuses on the left; the bars from `BARS_FROM` to `BARS_TO` (`scale.rs`).
const LABEL_WIDTH: f64 = 186.0;
const INDENT: f64 = 10.0;
const TITLE_SIZE: f64 = 9.0;
const SMALL: f64 = 7.5;
const BAR_WORD_SIZE: f64 = 6.5;
const LINE: f64 = 10.5;
const STATUS_LINE: f64 = 9.5;
const PAD_TOP: f64 = 3.0;
const PAD_BOTTOM: f64 = 4.5;
const BAR: f64 = 8.0;
/// Titles longer than this many lines end with an ellipsis; the table under the drawing
/// gives them whole.
const TITLE_LINES: usize = 2;
pub const AXIS_HEIGHT: f64 = 31.0;
/// The tallest piece of lanes: with the axis above it, it fits in the printable height of
/// A4 or Letter with room to spare.
const PIECE_HEIGHT: f64 = 560.0;
/// Past its end: Okabe-Ito's vermillion for marks, darker for words.
const WARNING: &str = "#D55E00";
const WARNING_TEXT: &str = "#A33F00";
const FONT: &str = "Noto Sans, DejaVu Sans, Arial, sans-serif";

/// A lane placed in its piece: its top and height, and its title cut into lines.
struct Placed<'a> {
    lane: &'a Lane,
    index: usize,
    top: f64,
    title: Vec<String>,
}

impl Placed<'_> {
    fn height(&self) -> f64 {
        lane_height(self.title.len())
    }

    fn title_x(&self) -> f64 {
        self.lane.depth.min(3) as f64 * INDENT
    }

    fn first_baseline(&self) -> f64 {
        self.top + PAD_TOP + 8.0
    }

    fn status_baseline(&self) -> f64 {
        self.top + PAD_TOP + self.title.len() as f64 * LINE + 7.5
    }

    fn bar_top(&self) -> f64 {
        self.status_baseline() - 7.0
    }

    fn bar_middle(&self) -> f64 {
        self.bar_top() + BAR / 2.0
    }
}

fn lane_height(title_lines: usize) -> f64 {
    PAD_TOP + title_lines as f64 * LINE + STATUS_LINE + PAD_BOTTOM
}

/// The title as drawn: a phase with its number in front.
fn title_of(lane: &Lane) -> String {
    match (lane.depth, lane.phase) {
        (1.., Some(number)) => format!("{number} \u{b7} {}", lane.title),
        _ => lane.title.clone(),
    }
}

fn title_lines(lane: &Lane) -> Vec<String> {
    let x = lane.depth.min(3) as f64 * INDENT;
    wrap(&title_of(lane), LABEL_WIDTH - x, TITLE_SIZE, lane.depth == 0, TITLE_LINES)
}

/// The ranges of lanes drawn as one piece: a family each, cut where it would not fit on a
/// page.
pub fn family_pieces(timeline: &ProcessTimeline) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut height = 0.0;
    for (i, lane) in timeline.lanes.iter().enumerate() {
        let h = lane_height(title_lines(lane).len());
        let new_family = i > start && lane.family != timeline.lanes[i - 1].family;
        if i > start && (new_family || height + h > PIECE_HEIGHT) {
            pieces.push(start..i);
            start = i;
            height = 0.0;
        }
        height += h;
    }
    if start < timeline.lanes.len() {
        pieces.push(start..timeline.lanes.len());
    }
    pieces
}

/// The whole timeline as one drawing, the axis on top: what the window shows. It has a
/// `viewBox` and no size of its own: give it the width it is to fill. Each lane is a `g`
/// with the class `lane` and the proposal's id in `data-proposal`, for a window that opens
/// the proposal a lane is clicked on.
pub fn svg(timeline: &ProcessTimeline) -> String {
    let scale = Scale::of(timeline);
    let (lanes, height) = lanes_parts(timeline, &scale, 0..timeline.lanes.len());
    let total = AXIS_HEIGHT + height;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (fmt(total)) }
            role="img" aria-label={ "Process timeline: " (timeline.process) } font-family=(FONT) {
            (axis_parts(&scale))
            g transform={ "translate(0 " (AXIS_HEIGHT) ")" } { (lanes) }
        }
    }
    .into_string()
}

/// The axis alone: the dates marked, and where the date asked falls.
pub fn axis_svg(scale: &Scale) -> Markup {
    html! {
        svg.axis xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (AXIS_HEIGHT) }
            role="img" aria-label="Time axis" font-family=(FONT) {
            (axis_parts(scale))
        }
    }
}

/// The lanes `range` of the timeline as a drawing of their own, on `scale`.
pub fn lanes_svg(timeline: &ProcessTimeline, scale: &Scale, range: Range<usize>) -> Markup {
    let (lanes, height) = lanes_parts(timeline, scale, range);
    html! {
        svg.lanes xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (fmt(height)) }
            role="img" aria-label="Proposals of the process" font-family=(FONT) {
            (lanes)
        }
    }
}

fn axis_parts(scale: &Scale) -> Markup {
    let now = scale.now();
    let as_of = format!("as of {}", short(EventDate::day(scale.as_of)));
    let as_of_width = text_width(&as_of, SMALL, true);
    html! {
        text x="0" y="21" font-size=(SMALL) font-weight="bold" { "Proposal, and its status" }
        line x1=(BARS_FROM) y1="25" x2=(BARS_TO) y2="25" stroke="#000" stroke-width="0.6" {}
        @for (day, label) in scale.ticks() {
            @let x = scale.x(day);
            @let width = text_width(&label, SMALL, false);
            line x1=(fmt(x)) y1="25" x2=(fmt(x)) y2="29" stroke="#000" stroke-width="0.6" {}
            text x=(fmt(x)) y="21" font-size=(SMALL) text-anchor=(anchor(x, width)) { (label) }
        }
        text x=(fmt(now)) y="9" font-size=(SMALL) font-weight="bold" text-anchor=(anchor(now, as_of_width)) {
            (as_of)
        }
        line x1=(fmt(now)) y1="11" x2=(fmt(now)) y2=(AXIS_HEIGHT) stroke="#000" stroke-width="0.7"
            stroke-dasharray="2 2" {}
    }
}

/// How to anchor a label of `width` at `x` so that it stays inside the drawing.
fn anchor(x: f64, width: f64) -> &'static str {
    if x - width / 2.0 < BARS_FROM - 8.0 {
        "start"
    } else if x + width / 2.0 > WIDTH {
        "end"
    } else {
        "middle"
    }
}

/// The lanes of `range`, and the height they take.
fn lanes_parts(timeline: &ProcessTimeline, scale: &Scale, range: Range<usize>) -> (Markup, f64) {
    let mut placed = Vec::with_capacity(range.len());
    let mut top = 0.0;
    for index in range.clone() {
        let lane = &timeline.lanes[index];
        let lane = Placed { lane, index, top, title: title_lines(lane) };
        top += lane.height();
        placed.push(lane);
    }
    let height = top;
    let now = scale.now();
    let markup = html! {
        // The dates marked on the axis, carried down faintly.
        @for (day, _) in scale.ticks() {
            @let x = fmt(scale.x(day));
            line x1=(x) y1="0" x2=(x) y2=(fmt(height)) stroke="#e2e2e2" stroke-width="0.5" {}
        }
        @for lane in &placed {
            @if lane.index > range.start {
                line x1="0" y1=(fmt(lane.top)) x2=(WIDTH) y2=(fmt(lane.top)) stroke="#e2e2e2" stroke-width="0.5" {}
            }
        }
        (nesting(&placed))
        @for lane in &placed {
            (draw_lane(lane, scale))
        }
        line x1=(fmt(now)) y1="0" x2=(fmt(now)) y2=(fmt(height)) stroke="#000" stroke-width="0.7"
            stroke-dasharray="2 2" {}
        (arrows(timeline, scale, &placed, range.clone(), height))
    };
    (markup, height)
}

/// One lane: its title and status in words, its statuses as bars, and its clock.
fn draw_lane(placed: &Placed, scale: &Scale) -> Markup {
    let lane = placed.lane;
    let x = placed.title_x();
    let now = scale.now();
    let status = match (lane.status, lane.status_since) {
        (Some(status), Some(since)) => {
            let long = format!("{} since {}", status.label(), short(since));
            if text_width(&long, SMALL, false) <= LABEL_WIDTH - x {
                long
            } else {
                status.label().to_string()
            }
        }
        (Some(status), None) => status.label().to_string(),
        (None, _) => "No status recorded".to_string(),
    };
    let bar_top = placed.bar_top();
    html! {
        g.lane data-proposal=(lane.id) {
            title { (lane.title) }
            @for (i, line) in placed.title.iter().enumerate() {
                text x=(fmt(x)) y=(fmt(placed.first_baseline() + i as f64 * LINE)) font-size=(TITLE_SIZE)
                    font-weight=[(lane.depth == 0).then_some("bold")] { (line) }
            }
            text x=(fmt(x)) y=(fmt(placed.status_baseline())) font-size=(SMALL) fill="#333" { (status) }
            @for (i, span) in lane.spans.iter().enumerate() {
                @let from = scale.x(span.from.first_day());
                @let holds = i + 1 == lane.spans.len() && span.until.is_none();
                // A closed status ends the lane: a short block where it began.
                @let to = match span.until {
                    Some(until) => scale.x(until.first_day()),
                    None if holds && span.status.is_closed() => from + 3.0,
                    None => now,
                };
                @let width = (to - from).max(1.5);
                rect x=(fmt(from)) y=(fmt(bar_top)) width=(fmt(width)) height=(BAR) fill=(span.status.colour())
                    stroke="#000" stroke-width="0.35" {}
                @if text_width(span.status.label(), BAR_WORD_SIZE, false) + 4.0 <= width {
                    text x=(fmt(from + 2.0)) y=(fmt(bar_top + BAR - 2.0)) font-size=(BAR_WORD_SIZE)
                        fill=(span.status.colour_text()) { (span.status.label()) }
                }
            }
            (clock_marks(placed, scale))
        }
    }
}

/// The end of a running clock: a mark on its last day, the days left drawn as a dashed
/// outline, and in words above the bar; past the end, the words and marks in the warning
/// colour.
fn clock_marks(placed: &Placed, scale: &Scale) -> Markup {
    let lane = placed.lane;
    let Some(end) = lane.ends_on else { return html! {} };
    if !lane.status.is_some_and(clock::runs_in) {
        return html! {};
    }
    let now = scale.now();
    let end_x = scale.x(end.last_day() + Days::new(1));
    let bar_top = placed.bar_top();
    let words = match lane.days_left {
        _ if lane.overdue => format!("past its end on {}", short(end)),
        Some(0) => format!("last day: {}", short(end)),
        Some(left) => format!("ends {} \u{b7} {} left", short(end), text::days(left)),
        None => format!("ends in {}", end.human()),
    };
    let width = text_width(&words, SMALL, lane.overdue);
    let (x, text_anchor) = if end_x - 2.0 - width >= BARS_FROM {
        (end_x - 2.0, "end")
    } else if end_x + 3.0 + width <= WIDTH {
        (end_x + 3.0, "start")
    } else {
        (BARS_FROM, "start")
    };
    let ink = if lane.overdue { WARNING } else { "#000" };
    html! {
        @if lane.overdue {
            rect.overdue x=(fmt(end_x)) y=(fmt(bar_top - 1.0)) width=(fmt((now - end_x).max(1.0))) height=(BAR + 2.0)
                fill="none" stroke=(WARNING) stroke-width="1.1" {}
        } @else if end_x > now {
            rect.days-left x=(fmt(now)) y=(fmt(bar_top)) width=(fmt(end_x - now)) height=(BAR) fill="#fff"
                stroke="#000" stroke-width="0.6" stroke-dasharray="2 1.5" {}
        }
        line.end x1=(fmt(end_x)) y1=(fmt(bar_top - 2.5)) x2=(fmt(end_x)) y2=(fmt(bar_top + BAR + 2.5))
            stroke=(ink) stroke-width="1.6" {}
        text x=(fmt(x)) y=(fmt(placed.first_baseline())) font-size=(SMALL) text-anchor=(text_anchor)
            fill=(if lane.overdue { WARNING_TEXT } else { "#000" })
            font-weight=[lane.overdue.then_some("bold")] { (words) }
    }
}

/// The lines on the left that join a deal to its phases.
fn nesting(placed: &[Placed]) -> Markup {
    // Whether a later lane at `depth` follows lane `i` before the nesting ends.
    let continues = |i: usize, depth: usize| {
        placed[i + 1..]
            .iter()
            .take_while(|later| later.lane.depth >= depth)
            .any(|later| later.lane.depth == depth)
    };
    html! {
        @for (i, lane) in placed.iter().enumerate() {
            @for level in 1..=lane.lane.depth.min(3) {
                @let x = fmt((level - 1) as f64 * INDENT + 3.5);
                @let tick = lane.first_baseline() - 3.0;
                @let bottom = if continues(i, level) { lane.top + lane.height() } else { tick };
                @if level == lane.lane.depth.min(3) {
                    line x1=(x) y1=(fmt(lane.top)) x2=(x) y2=(fmt(bottom)) stroke="#777" stroke-width="0.6" {}
                    line x1=(x) y1=(fmt(tick)) x2=(fmt(level as f64 * INDENT - 2.0)) y2=(fmt(tick)) stroke="#777"
                        stroke-width="0.6" {}
                } @else if continues(i, level) {
                    line x1=(x) y1=(fmt(lane.top)) x2=(x) y2=(fmt(bottom)) stroke="#777" stroke-width="0.6" {}
                }
            }
        }
    }
}

/// An arrow from each proposal to the one that replaced it. One whose other end is in
/// another piece runs to the piece's edge, towards it.
fn arrows(
    timeline: &ProcessTimeline,
    scale: &Scale,
    placed: &[Placed],
    range: Range<usize>,
    height: f64,
) -> Markup {
    let position = |id: i64| timeline.lanes.iter().position(|lane| lane.id == id);
    let here = |index: usize| placed.iter().find(|p| p.index == index);
    let mut drawn = Vec::new();
    for (later, lane) in timeline.lanes.iter().enumerate() {
        let Some(earlier) = lane.supersedes.and_then(position) else { continue };
        if !range.contains(&later) && !range.contains(&earlier) {
            continue;
        }
        let x = scale.x(lane.proposed_on.first_day()).clamp(BARS_FROM + 2.0, BARS_TO - 2.0);
        let from = match here(earlier) {
            Some(p) => p.bar_middle(),
            None if earlier < range.start => 0.0,
            None => height,
        };
        let (to, down) = match here(later) {
            Some(p) if p.bar_top() >= from => (p.bar_top(), true),
            Some(p) => (p.bar_top() + BAR, false),
            None => (if later < range.start { 0.0 } else { height }, later >= range.end),
        };
        drawn.push((x, from, to, down, here(earlier).is_some()));
    }
    html! {
        @for (x, from, to, down, starts_here) in drawn {
            g.supersedes {
                line x1=(fmt(x)) y1=(fmt(from)) x2=(fmt(x)) y2=(fmt(if down { to - 4.5 } else { to + 4.5 }))
                    stroke="#000" stroke-width="0.9" {}
                @if starts_here {
                    circle cx=(fmt(x)) cy=(fmt(from)) r="1.6" fill="#000" {}
                }
                @let back = if down { to - 5.0 } else { to + 5.0 };
                polygon points={ (fmt(x - 3.0)) "," (fmt(back)) " " (fmt(x + 3.0)) "," (fmt(back)) " " (fmt(x)) "," (fmt(to)) }
                    fill="#000" {}
            }
        }
    }
}

/// "1 Mar 2025", "Mar 2025", "2025": dates short enough for a lane.
fn short(date: EventDate) -> String {
    let day = date.first_day();
    match date.precision() {
        Precision::Day => day.format("%-d %b %Y").to_string(),
        Precision::Month => day.format("%b %Y").to_string(),
        Precision::Year => day.year().to_string(),
    }
}

/// Coordinates to a tenth of a unit keep the document small and stable.
fn fmt(value: f64) -> String {
    format!("{value:.1}")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{ProposalKind, ProposalStatus, StatusSpan};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_family_too_tall_for_a_page_is_cut_into_pieces() {
        let lane = |id: i64, family: usize| Lane {
            id,
            title: format!("Proposal {id}"),
            proposed_by: "Qatar".into(),
            proposed_on: "2025-01-01".parse().unwrap(),
            kind: ProposalKind::General,
            phase_of: None,
            phase_of_title: None,
            phase: None,
            supersedes: None,
            supersedes_title: None,
            depth: 0,
            family,
            status: Some(ProposalStatus::Floated),
            status_since: None,
            spans: vec![StatusSpan {
                status: ProposalStatus::Floated,
                from: "2025-01-01".parse().unwrap(),
                until: None,
            }],
            ends_on: None,
            days_left: None,
            overdue: false,
        };
        let mut lanes = vec![lane(1, 0), lane(2, 1)];
        lanes.extend((3..60).map(|id| lane(id, 2)));
        let timeline = ProcessTimeline { process: "P".into(), as_of: day("2025-03-01"), lanes };
        let pieces = family_pieces(&timeline);
        assert_eq!(pieces[0], 0..1);
        assert_eq!(pieces[1], 1..2);
        assert!(pieces.len() >= 4, "{pieces:?}");
        assert_eq!(pieces.last().unwrap().end, 59);
        for piece in &pieces[2..] {
            assert!(piece.len() as f64 * lane_height(1) <= PIECE_HEIGHT, "{piece:?}");
        }
    }
}
