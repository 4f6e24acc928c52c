//! Violation reports in print: the chart of reports per week and the list of reports.
//!
//! The chart is an inline SVG, so that it prints as vectors. A disputed report is drawn as
//! an outline on top of the solid bar of the others, and a line of words says so: the
//! difference survives a black-and-white printer and never needs colour to be read.

use chrono::Datelike;
use maud::{html, Markup};

use super::notes::{marks, Notes};
use super::{colgroup, columns};
use crate::model::{Change, HistoryEntry, WeekOfReports};
use crate::report::text;

/// Date or period, reported by and against, what happened, count, place.
const COLUMNS: [u8; 5] = [17, 20, 35, 13, 15];

const WIDTH: f64 = 680.0;
/// The room at the left for the count axis's numbers.
const PLOT_FROM: f64 = 30.0;
/// Room at the right for half the last week's label.
const PLOT_TO: f64 = 660.0;
/// The top of the tallest bar, under room for its count.
const PLOT_TOP: f64 = 14.0;
const PLOT_BOTTOM: f64 = 84.0;
/// Undisputed reports: a dark fill that stays dark on any printer.
const SOLID: &str = "#333";
/// Room for the week labels, a line of dates and one of years.
const HEIGHT: f64 = PLOT_BOTTOM + 28.0;
/// At most this many week labels, so that they never run into each other.
const LABELS: usize = 9;

/// The reports per week as bars, from the week of the first report to that of the date
/// the report is as of.
pub fn chart(weeks: &[WeekOfReports]) -> Markup {
    let Some((first, last)) = weeks.first().zip(weeks.last()) else { return html! {} };
    let top = weeks.iter().map(|w| w.reports).max().unwrap_or(0).max(1);
    let slot = (PLOT_TO - PLOT_FROM) / weeks.len() as f64;
    let bar = (slot * 0.72).min(40.0);
    let y = |count: i64| PLOT_BOTTOM - count as f64 / top as f64 * (PLOT_BOTTOM - PLOT_TOP);
    // Every nth week is labelled; the first and the week of the date asked always are.
    let every = weeks.len().div_ceil(LABELS).max(1);
    // A label too near the last one's is left out, so that the two never overlap.
    let labelled =
        |i: usize| i.is_multiple_of(every) && (i + every.div_ceil(2) < weeks.len() - 1 || every == 1);
    let total: i64 = weeks.iter().map(|w| w.reports).sum();
    let disputed: i64 = weeks.iter().map(|w| w.disputed).sum();
    let label = format!(
        "{} from the week of {} to the week of {}, {}",
        text::reports(total),
        text::day(first.week_of),
        text::day(last.week_of),
        match disputed {
            0 => "none disputed".to_string(),
            n => format!("{n} disputed"),
        }
    );
    html! {
        figure.violations.keep {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) }
                role="img" aria-label=(label)
                font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="10" {
                // The count axis: zero and the most reports of any week.
                line x1=(PLOT_FROM) y1=(PLOT_BOTTOM) x2=(PLOT_TO) y2=(PLOT_BOTTOM) stroke="#000" stroke-width="0.8" {}
                line x1=(PLOT_FROM) y1=(fmt(y(top))) x2=(PLOT_TO) y2=(fmt(y(top)))
                    stroke="#bbb" stroke-width="0.5" stroke-dasharray="2 2" {}
                text x=(PLOT_FROM - 4.0) y=(fmt(PLOT_BOTTOM + 3.0)) text-anchor="end" { "0" }
                text x=(PLOT_FROM - 4.0) y=(fmt(y(top) + 3.0)) text-anchor="end" { (text::number(top)) }
                @for (i, week) in weeks.iter().enumerate() {
                    @let x = PLOT_FROM + i as f64 * slot + (slot - bar) / 2.0;
                    @let solid = week.reports - week.disputed;
                    @if solid > 0 {
                        rect x=(fmt(x)) y=(fmt(y(solid))) width=(fmt(bar)) height=(fmt(PLOT_BOTTOM - y(solid)))
                            fill=(SOLID) {}
                    }
                    @if week.disputed > 0 {
                        // Stacked on the solid part: the outline alone, dashed.
                        rect x=(fmt(x + 0.4)) y=(fmt(y(week.reports))) width=(fmt(bar - 0.8))
                            height=(fmt(y(solid) - y(week.reports) - 0.4))
                            fill="#fff" stroke="#000" stroke-width="0.8" stroke-dasharray="2.5 1.5" {}
                    }
                    @if week.reports > 0 && slot >= 12.0 {
                        text x=(fmt(x + bar / 2.0)) y=(fmt(y(week.reports) - 3.0)) text-anchor="middle" {
                            (text::number(week.reports))
                        }
                    }
                    @if labelled(i) || i + 1 == weeks.len() {
                        @let middle = fmt(x + bar / 2.0);
                        line x1=(middle) y1=(PLOT_BOTTOM) x2=(middle) y2=(fmt(PLOT_BOTTOM + 3.0))
                            stroke="#000" stroke-width="0.6" {}
                        text x=(middle) y=(fmt(PLOT_BOTTOM + 13.0)) text-anchor="middle" {
                            (week.week_of.format("%-d %b"))
                        }
                        // The year under the first label and wherever a new year starts.
                        @if i == 0 || new_year(weeks, i, every) {
                            text x=(middle) y=(fmt(PLOT_BOTTOM + 24.0)) text-anchor="middle" fill="#444" {
                                (week.week_of.year())
                            }
                        }
                    }
                }
            }
            figcaption.legend {
                "Violation reports per week, each bar a week from Monday, the date under it. "
                "Solid: reports not disputed. White with a dashed outline: reports the accused denies. "
                (label) "."
            }
        }
    }
}

/// Whether the week labelled at `i` is in another year than the one labelled before it.
fn new_year(weeks: &[WeekOfReports], i: usize, every: usize) -> bool {
    let before = i.checked_sub(every).and_then(|j| weeks.get(j)).map(|w| w.week_of.year());
    before.is_some_and(|year| year != weeks[i].week_of.year())
}

/// The reports, newest first, each with its sources' note numbers.
pub fn list<'a>(entries: &'a [HistoryEntry], notes: &mut Notes<'a>) -> Markup {
    html! {
        table.violations style=(columns(&COLUMNS)) {
            (colgroup(&COLUMNS))
            thead {
                tr { th { "Date" } th { "Reported by" } th { "What happened" } th.num { "Count" } th { "Place" } }
            }
            tbody {
                @for entry in entries {
                    @let numbers = notes.cite(&entry.sources);
                    @let details = entry.violation.clone().unwrap_or_default();
                    tr {
                        td.date { (text::period(entry.occurred_on, details.until)) }
                        td {
                            @match &entry.party {
                                Some(by) => { div dir="auto" { strong { (by) } } }
                                None => { div { "A source" } }
                            }
                            @if let Some(against) = &entry.against { span.sub { "against " bdi { (against) } } }
                            @if disputed(entry) { span.sub.disputed { "Disputed: the accused denies it" } }
                        }
                        td {
                            @if entry.note.is_empty() { "Not described" } @else { span dir="auto" { (entry.note) } }
                            (marks(&numbers))
                        }
                        td.num dir="auto" { (text::reported_count(&details)) }
                        td dir="auto" { (details.place) }
                    }
                }
            }
        }
    }
}

/// A violation report the accused denies.
pub fn disputed(entry: &HistoryEntry) -> bool {
    matches!(entry.change, Change::Violation { disputed: true, .. })
}

/// What a list of reports opens with: "3 violation reports, 1 of them disputed, the newest
/// first."; "1 violation report.".
pub fn lede(entries: &[HistoryEntry]) -> String {
    match entries.len() {
        1 => format!("{}.", count_line(entries)),
        _ => format!("{}, the newest first.", count_line(entries)),
    }
}

/// "3 violation reports, 1 of them disputed".
pub fn count_line(entries: &[HistoryEntry]) -> String {
    let disputed = entries.iter().filter(|e| disputed(e)).count();
    match disputed {
        0 => text::reports(entries.len() as i64),
        n => format!("{}, {n} of them disputed", text::reports(entries.len() as i64)),
    }
}

fn fmt(value: f64) -> String {
    format!("{value:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn weeks(from: &str, count: u64) -> Vec<WeekOfReports> {
        let first: NaiveDate = from.parse().unwrap();
        (0..count)
            .map(|i| WeekOfReports {
                week_of: first + chrono::Days::new(7 * i),
                reports: (i % 3) as i64,
                disputed: 0,
            })
            .collect()
    }

    #[test]
    fn a_long_run_of_weeks_is_labelled_sparsely_with_each_new_year_named() {
        // 60 weeks from 2 December 2024: into 2025 and out of it into 2026.
        let svg = chart(&weeks("2024-12-02", 60)).into_string();
        let labels = svg.matches("text-anchor=\"middle\">").count();
        let counts = svg.matches("<rect").count();
        assert!(counts > 30, "every week with reports has its bar: {counts}");
        // Labels of weeks and years only: the counts over bars are left out where bars are thin.
        assert!(labels <= LABELS + 1 + 2, "{labels} labels: {svg}");
        assert!(svg.contains(">2 Dec</text>") && svg.contains(">2024</text>"), "{svg}");
        assert!(svg.contains(">2025</text>"), "the new year is named: {svg}");
        assert!(svg.contains(">19 Jan</text>"), "the week of the date asked is labelled: {svg}");
        assert!(!svg.contains(">29 Dec</text>"), "week 56 is too near the last to be labelled: {svg}");
        assert!(!svg.contains("stroke-dasharray=\"2.5 1.5\""), "nothing disputed, no outline");
    }

    #[test]
    fn no_weeks_no_chart() {
        assert_eq!(chart(&[]).into_string(), "");
    }
}
