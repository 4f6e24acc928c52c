//! The status timeline as an inline SVG, so that it prints as vectors: one row per stretch
//! of time in a status, its word and dates written out, its bar placed on a shared scale
//! from the first status to the date the report is as of.

use chrono::NaiveDate;
use maud::{html, Markup};

use crate::model::{StatusSpan, Vocabulary};
use crate::report::text;

const WIDTH: f64 = 680.0;
const ROW: f64 = 19.0;
const BAR: f64 = 11.0;
const WORD_X: f64 = 0.0;
const DATES_X: f64 = 118.0;
const BARS_FROM: f64 = 348.0;
const BARS_TO: f64 = 676.0;
const AXIS: f64 = 22.0;

pub fn timeline(spans: &[StatusSpan], as_of: NaiveDate) -> Markup {
    let Some(first) = spans.first() else {
        return html! { p.empty { "No status had been recorded by this date." } };
    };
    let start = first.from.first_day();
    let end = spans.iter().filter_map(|s| s.until).map(|d| d.first_day()).fold(as_of, NaiveDate::max);
    let total = (end - start).num_days().max(1) as f64;
    let x = |day: NaiveDate| BARS_FROM + (day - start).num_days() as f64 / total * (BARS_TO - BARS_FROM);
    let height = spans.len() as f64 * ROW + AXIS;
    let axis_y = spans.len() as f64 * ROW + 4.0;
    html! {
        figure.timeline.keep {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) }
                role="img" aria-label="Status timeline"
                font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="10" {
                @for (i, span) in spans.iter().enumerate() {
                    @let top = i as f64 * ROW;
                    @let from = x(span.from.first_day());
                    // The status that still holds runs to the end of the scale.
                    @let to = span.until.map(|d| x(d.first_day())).unwrap_or(BARS_TO);
                    text x=(WORD_X) y=(top + 12.5) font-weight="bold" { (span.status.label()) }
                    text x=(DATES_X) y=(top + 12.5) fill="#222" {
                        (span_dates(span))
                    }
                    rect x=(fmt(from)) y=(fmt(top + (ROW - BAR) / 2.0)) width=(fmt((to - from).max(2.0)))
                        height=(BAR) fill=(span.status.colour()) stroke="#000" stroke-width="0.6" {}
                }
                line x1=(BARS_FROM) y1=(axis_y) x2=(BARS_TO) y2=(axis_y) stroke="#000" stroke-width="0.6" {}
                line x1=(BARS_FROM) y1=(axis_y) x2=(BARS_FROM) y2=(axis_y + 3.0) stroke="#000" stroke-width="0.6" {}
                line x1=(BARS_TO) y1=(axis_y) x2=(BARS_TO) y2=(axis_y + 3.0) stroke="#000" stroke-width="0.6" {}
                text x=(BARS_FROM) y=(axis_y + 13.0) font-size="8.5" { (text::day(start)) }
                @if end > start {
                    text x=(BARS_TO) y=(axis_y + 13.0) font-size="8.5" text-anchor="end" { (text::day(end)) }
                }
            }
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
        let svg = timeline(&spans, NaiveDate::from_ymd_opt(2025, 3, 18).unwrap()).into_string();
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
        let svg = timeline(&spans, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()).into_string();
        let xs: Vec<f64> = svg
            .split("<rect x=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.len(), 2);
        assert!(xs[0] >= BARS_FROM && xs[0] < xs[1] && xs[1] < BARS_TO, "{xs:?}");
    }
}
