//! Where days fall across the process timeline, and which dates its axis marks.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::ProcessTimeline;
use crate::model::EventDate;

/// The bars run from here to `BARS_TO` across the 600 units of the drawing.
pub(super) const BARS_FROM: f64 = 196.0;
pub(super) const BARS_TO: f64 = 590.0;

/// Where days fall across the drawing: from a little before the first proposal to a little
/// after the later of the date asked and the last end of a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    start: NaiveDate,
    end: NaiveDate,
    pub(super) as_of: NaiveDate,
}

impl Scale {
    pub fn of(timeline: &ProcessTimeline) -> Self {
        let as_of = timeline.as_of;
        let after = as_of + Days::new(1);
        let first = timeline
            .lanes
            .iter()
            .flat_map(|lane| std::iter::once(lane.proposed_on).chain(lane.spans.first().map(|s| s.from)))
            .map(EventDate::first_day)
            .min()
            .unwrap_or(as_of - Days::new(30))
            .min(as_of);
        let last = timeline
            .lanes
            .iter()
            .filter_map(|lane| lane.ends_on)
            .map(|end| end.last_day() + Days::new(1))
            .fold(after, NaiveDate::max);
        // A margin of a fiftieth on each side keeps the first bar and the last mark off the edges.
        let margin = Days::new(((last - first).num_days() / 50).max(1) as u64);
        Self { start: first - margin, end: last + margin, as_of }
    }

    /// The position of the start of `day`.
    pub(super) fn x(&self, day: NaiveDate) -> f64 {
        let total = (self.end - self.start).num_days().max(1) as f64;
        let x = BARS_FROM + (day - self.start).num_days() as f64 / total * (BARS_TO - BARS_FROM);
        x.clamp(BARS_FROM, BARS_TO)
    }

    /// The end of the day asked: where what still holds is drawn up to.
    pub(super) fn now(&self) -> f64 {
        self.x(self.as_of + Days::new(1))
    }

    /// The dates the axis marks, each with its label, as many as fit.
    pub(super) fn ticks(&self) -> Vec<(NaiveDate, String)> {
        let room = BARS_TO - BARS_FROM;
        let step = STEPS
            .iter()
            .copied()
            .find(|step| {
                let count = step.count(self.start, self.end);
                count as f64 * step.label_room() <= room
            })
            .unwrap_or(Step::Years(100));
        let mut ticks = Vec::new();
        let mut day = step.first(self.start);
        while day <= self.end {
            ticks.push((day, step.label(day)));
            day = step.next(day);
        }
        ticks
    }
}

/// The intervals between the axis's marks, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Days(u64),
    Months(u32),
    Years(i32),
}

const STEPS: [Step; 15] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
];

impl Step {
    /// The width a mark's label needs, with a gap to the next.
    fn label_room(self) -> f64 {
        match self {
            Self::Days(_) => 46.0,
            Self::Months(_) => 44.0,
            Self::Years(_) => 28.0,
        }
    }

    fn first(self, start: NaiveDate) -> NaiveDate {
        match self {
            // Weeks start on Mondays.
            Self::Days(7) => start + Days::new(u64::from((7 - start.weekday().num_days_from_monday()) % 7)),
            Self::Days(_) => start,
            Self::Months(n) => {
                let mut day = start.with_day(1).expect("day 1 exists");
                while day < start || !day.month0().is_multiple_of(n) {
                    day = day + Months::new(1);
                }
                day
            }
            Self::Years(n) => {
                let mut year = start.year();
                while year % n != 0 || NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| d < start) {
                    year += 1;
                }
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(start)
            }
        }
    }

    fn next(self, day: NaiveDate) -> NaiveDate {
        match self {
            Self::Days(n) => day + Days::new(n),
            Self::Months(n) => day + Months::new(n),
            Self::Years(n) => day + Months::new(12 * n as u32),
        }
    }

    fn count(self, start: NaiveDate, end: NaiveDate) -> usize {
        let mut count = 0;
        let mut day = self.first(start);
        while day <= end && count < 1000 {
            count += 1;
            day = self.next(day);
        }
        count
    }

    fn label(self, day: NaiveDate) -> String {
        match self {
            Self::Days(_) => day.format("%-d %b").to_string(),
            Self::Months(_) => day.format("%b %Y").to_string(),
            Self::Years(_) => day.year().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn scale(start: &str, end: &str) -> Scale {
        Scale { start: day(start), end: day(end), as_of: day(end) }
    }

    #[test]
    fn the_axis_marks_weeks_months_or_years_as_the_span_asks() {
        let month = scale("2025-03-10", "2025-04-17").ticks();
        assert!(month.iter().all(|(d, _)| d.weekday() == chrono::Weekday::Mon), "{month:?}");
        assert_eq!(month[0].1, "10 Mar");
        let year = scale("2025-01-10", "2025-12-20").ticks();
        assert!(year.iter().all(|(d, _)| d.day() == 1), "{year:?}");
        assert!(year.len() >= 4 && year.len() <= 9, "{year:?}");
        let decades = scale("1990-01-01", "2025-06-30").ticks();
        assert_eq!(decades[0].1, "1990");
        assert!(decades.len() <= 14, "{decades:?}");
        for ticks in [month, year, decades] {
            let xs: Vec<f64> = ticks.iter().map(|(d, _)| scale("2025-01-01", "2025-01-02").x(*d)).collect();
            assert!(xs.iter().all(|x| (BARS_FROM..=BARS_TO).contains(x)));
        }
    }
}
