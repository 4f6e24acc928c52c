//! The status timeline as an inline SVG, so that it prints as vectors: one row per stretch
//! of time in a status, its word and dates written out, its bar placed on a shared scale
//! from the first status to the date the report is as of.

use chrono::{Days, NaiveDate};
use maud::{html, Markup};

use crate::model::{ClockState, Precision, StatusSpan, Vocabulary};
use crate::report::text;

const WIDTH: f64 = 680.0;
const ROW: f64 = 19.0;
const BAR: f64 = 11.0;
const WORD_X: f64 = 0.0;
const DATES_X: f64 = 118.0;
const BARS_FROM: f64 = 348.0;
const BARS_TO: f64 = 676.0;
const AXIS: f64 = 22.0;
/// The marks of a clock past its end: Okabe-Ito's vermillion.
const WARNING: &str = "#D55E00";

pub fn timeline(spans: &[StatusSpan], as_of: NaiveDate, clock: Option<&ClockState>) -> Markup {
    let Some(first) = spans.first() else {
        return html! { p.empty { "No status had been recorded by this date." } };
    };
    let start = first.from.first_day();
    // The day after the clock's last day: a coming end stretches the scale to it.
    let clock_end = clock.and_then(|c| c.ends_on).map(|end| end.last_day() + Days::new(1));
    let end = spans
        .iter()
        .filter_map(|s| s.until)
        .map(|d| d.first_day())
        .chain(clock_end)
        .fold(as_of, NaiveDate::max);
    let total = (end - start).num_days().max(1) as f64;
    let x = |day: NaiveDate| BARS_FROM + (day - start).num_days() as f64 / total * (BARS_TO - BARS_FROM);
    let rows = spans.len() + usize::from(clock.is_some());
    // A line more under the scale for the date asked, when the clock runs on past it.
    let height = rows as f64 * ROW + AXIS + if end > as_of { 11.0 } else { 0.0 };
    let axis_y = rows as f64 * ROW + 4.0;
    let now = x(as_of);
    html! {
        figure.timeline.keep {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) }
                role="img" aria-label="Status timeline"
                font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="10" {
                @for (i, span) in spans.iter().enumerate() {
                    @let top = i as f64 * ROW;
                    @let from = x(span.from.first_day());
                    // The status that still holds runs to the date the report is as of.
                    @let to = span.until.map(|d| x(d.first_day())).unwrap_or(now);
                    text x=(WORD_X) y=(top + 12.5) font-weight="bold" { (span.status.label()) }
                    text x=(DATES_X) y=(top + 12.5) fill="#222" {
                        (span_dates(span))
                    }
                    rect x=(fmt(from)) y=(fmt(top + (ROW - BAR) / 2.0)) width=(fmt((to - from).max(2.0)))
                        height=(BAR) fill=(span.status.colour()) stroke="#000" stroke-width="0.6" {}
                }
                @if let Some(clock) = clock {
                    (clock_row(clock, spans.len() as f64 * ROW, &x, now))
                }
                line x1=(BARS_FROM) y1=(axis_y) x2=(BARS_TO) y2=(axis_y) stroke="#000" stroke-width="0.6" {}
                line x1=(BARS_FROM) y1=(axis_y) x2=(BARS_FROM) y2=(axis_y + 3.0) stroke="#000" stroke-width="0.6" {}
                line x1=(BARS_TO) y1=(axis_y) x2=(BARS_TO) y2=(axis_y + 3.0) stroke="#000" stroke-width="0.6" {}
                text x=(BARS_FROM) y=(axis_y + 13.0) font-size="8.5" { (text::day(start)) }
                @if end > start {
                    text x=(BARS_TO) y=(axis_y + 13.0) font-size="8.5" text-anchor="end" {
                        // The scale ends on the date asked, or after the clock's last day.
                        (text::day(if end > as_of { end - Days::new(1) } else { end }))
                    }
                }
                @if end > as_of {
                    // Where the report stands, when the clock runs on past it.
                    line x1=(fmt(now)) y1="0" x2=(fmt(now)) y2=(fmt(axis_y)) stroke="#000" stroke-width="0.6"
                        stroke-dasharray="2 2" {}
                    @let anchor = if now - BARS_FROM < 60.0 { "start" } else if BARS_TO - now < 60.0 { "end" } else { "middle" };
                    text x=(fmt(now)) y=(axis_y + 24.0) font-size="8.5" text-anchor=(anchor) {
                        "as of " (text::day(as_of))
                    }
                }
            }
        }
    }
}

/// The clock's own row: the period it covers drawn as a dashed outline, its end as a mark,
/// in the warning colour once it is past.
fn clock_row(clock: &ClockState, top: f64, x: &dyn Fn(NaiveDate) -> f64, now: f64) -> Markup {
    let from = x(clock.started_on.first_day());
    let end = clock.ends_on.map(|end| x(end.last_day() + Days::new(1)));
    let to = end.unwrap_or(now).max(from + 2.0);
    let ink = if clock.overdue { WARNING } else { "#000" };
    let words = match clock.ends_on {
        None => "no end date".to_string(),
        Some(end) if clock.overdue => format!("past its end on {}", end.human()),
        Some(end) if end.precision() != Precision::Day => format!("ends in {}", end.human()),
        Some(end) => format!("ends {}", end.human()),
    };
    let bar_top = top + (ROW - BAR) / 2.0;
    html! {
        text x=(WORD_X) y=(top + 12.5) font-weight="bold" { "Clock" }
        text x=(DATES_X) y=(top + 12.5) fill=(if clock.overdue { WARNING } else { "#222" })
            font-weight=[clock.overdue.then_some("bold")] { (words) }
        rect x=(fmt(from)) y=(fmt(bar_top)) width=(fmt(to - from)) height=(BAR) fill="none" stroke=(ink)
            stroke-width="0.8" stroke-dasharray="3 2" {}
        @if let Some(end) = end {
            line x1=(fmt(end)) y1=(fmt(bar_top - 3.0)) x2=(fmt(end)) y2=(fmt(bar_top + BAR + 3.0)) stroke=(ink)
                stroke-width="2" {}
        }
    }
}

/// "11 March 2025 – 13 March 2025", or "since 13 March 2025" for the status that still holds.
fn span_dates(span: &StatusSpan) -> String {
    match span.until {
        Some(until) => format!("{} \u{2013} {}", span.from.human(), until.human()),
        None => format!("since {}", span.from.human()),
    }
}

/// Coordinates to a tenth of a unit keep the document small and stable.
fn fmt(value: f64) -> String {
    format!("{value:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventDate, ProposalStatus};

    fn span(status: ProposalStatus, from: &str, until: Option<&str>) -> StatusSpan {
        StatusSpan {
            status,
            from: from.parse().unwrap(),
            until: until.map(|d| d.parse::<EventDate>().unwrap()),
        }
    }

    #[test]
    fn each_status_gets_a_band_with_its_word_and_dates() {
        let spans = [
            span(ProposalStatus::Floated, "2025-03-11", Some("2025-03-13")),
            span(ProposalStatus::UnderNegotiation, "2025-03-13", None),
        ];
        let svg = timeline(&spans, NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(), None).into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("Floated") && svg.contains("Under negotiation"), "{svg}");
        assert!(svg.contains("11 March 2025 \u{2013} 13 March 2025"), "{svg}");
        assert!(svg.contains("since 13 March 2025"), "{svg}");
        assert!(svg.contains("18 March 2025"), "the axis ends on the as-of date: {svg}");
    }

    #[test]
    fn bars_stay_inside_the_drawing_and_follow_time() {
        let spans = [
            span(ProposalStatus::Floated, "2025-03", Some("2025-03-13")),
            span(ProposalStatus::Agreed, "2025-03-13", None),
        ];
        let svg = timeline(&spans, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(), None).into_string();
        let xs: Vec<f64> = svg
            .split("<rect x=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.len(), 2);
        assert!(xs[0] >= BARS_FROM && xs[0] < xs[1] && xs[1] < BARS_TO, "{xs:?}");
    }
}
