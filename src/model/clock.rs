//! The ceasefire's clock: when a proposal in effect for a set time ends, how many days it
//! has left, and whether it has run out with nothing recorded since.
//!
//! The clock starts on the `in_effect` status that opened the current period in effect
//! (later `violated` and `extended` statuses do not restart it) and ends on the last day
//! covered: start + duration - 1 (a 42-day phase in effect from 19 January 2025 ends on
//! 1 March 2025). An `extended` status moves the end to its `until` date or by its
//! `by_days`; without either the ceasefire runs on with no end date. A closed status, or any
//! status that is not in effect, stops the clock. A start known only to the month or year
//! gives an end of that precision at best.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EventDate, Precision, ProposalStatus};

/// How an `extended` status extends: to a new end date, or by some days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Extension {
    /// The new last day covered.
    Until(EventDate),
    /// Days added to the end.
    #[ts(type = "number")]
    ByDays(i64),
}

/// One status change, as the clock reads it, in the order of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusStep {
    pub status: ProposalStatus,
    pub on: EventDate,
    pub extension: Option<Extension>,
}

/// True for the statuses during which a ceasefire is in effect and its clock runs.
pub fn runs_in(status: ProposalStatus) -> bool {
    matches!(status, ProposalStatus::InEffect | ProposalStatus::Violated | ProposalStatus::Extended)
}

/// A period in effect: the day it began, and its last day covered (none: no end date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub started_on: EventDate,
    pub ends_on: Option<EventDate>,
}

/// The current period in effect after `steps` (in the order of the history), for a
/// ceasefire of `duration` days; `None` when none is running.
pub fn period_after(steps: &[StatusStep], duration: Option<i64>) -> Option<Period> {
    let mut period: Option<Period> = None;
    for step in steps {
        if !runs_in(step.status) {
            period = None;
            continue;
        }
        // A new period in effect: its own start, its duration.
        let mut current = period.unwrap_or(Period {
            started_on: step.on,
            ends_on: duration.map(|days| add_days(step.on, days - 1)),
        });
        if step.status == ProposalStatus::Extended {
            current.ends_on = match step.extension {
                Some(Extension::Until(until)) => Some(until),
                Some(Extension::ByDays(days)) => current.ends_on.map(|end| add_days(end, days)),
                None => None,
            };
        }
        period = Some(current);
    }
    period
}

/// The end of the current period in effect after `steps`: `None` when none is running,
/// else its end, `None` inside when it runs on with no end date.
pub fn end_after(steps: &[StatusStep], duration: Option<i64>) -> Option<Option<EventDate>> {
    period_after(steps, duration).map(|period| period.ends_on)
}

/// `date` plus `days`, keeping its precision (a month stays a month).
fn add_days(date: EventDate, days: i64) -> EventDate {
    let day = if days >= 0 {
        date.first_day().checked_add_days(Days::new(days as u64))
    } else {
        date.first_day().checked_sub_days(Days::new(days.unsigned_abs()))
    };
    EventDate::new(day.unwrap_or(date.first_day()), date.precision())
}

/// Days from `as_of` to the last day covered: 0 on the last day, negative after it. Known
/// only when the end is known to the day.
pub fn days_left(ends_on: EventDate, as_of: NaiveDate) -> Option<i64> {
    (ends_on.precision() == Precision::Day).then(|| (ends_on.first_day() - as_of).num_days())
}

/// True when the end has passed (the whole month or year of an end known to no better)
/// while the ceasefire is still in effect: nothing recorded says it was extended or ended.
pub fn overdue(ends_on: EventDate, as_of: NaiveDate) -> bool {
    ends_on.last_day() < as_of
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> EventDate {
        text.parse().unwrap()
    }

    fn step(status: ProposalStatus, on: &str) -> StatusStep {
        StatusStep { status, on: date(on), extension: None }
    }

    use ProposalStatus::*;

    #[test]
    fn the_last_day_covered_is_the_start_plus_the_duration_less_one() {
        let phase_one = [step(Agreed, "2025-01-15"), step(InEffect, "2025-01-19")];
        assert_eq!(end_after(&phase_one, Some(42)), Some(Some(date("2025-03-01"))));
        let energy = [step(InEffect, "2025-03-18")];
        assert_eq!(end_after(&energy, Some(30)), Some(Some(date("2025-04-16"))));
        assert_eq!(days_left(date("2025-03-01"), date("2025-02-20").first_day()), Some(9));
        assert_eq!(days_left(date("2025-03-01"), date("2025-03-01").first_day()), Some(0));
        assert_eq!(days_left(date("2025-03-01"), date("2025-03-10").first_day()), Some(-9));
        assert!(overdue(date("2025-03-01"), date("2025-03-02").first_day()));
        assert!(!overdue(date("2025-03-01"), date("2025-03-01").first_day()));
    }

    #[test]
    fn violations_and_extensions_do_not_restart_it() {
        let steps = [
            step(InEffect, "2025-01-19"),
            step(Violated, "2025-02-02"),
            StatusStep { status: Extended, on: date("2025-02-25"), extension: Some(Extension::ByDays(10)) },
        ];
        assert_eq!(end_after(&steps, Some(42)), Some(Some(date("2025-03-11"))));
        let until = [
            step(InEffect, "2025-01-19"),
            StatusStep {
                status: Extended,
                on: date("2025-02-25"),
                extension: Some(Extension::Until(date("2025-04-12"))),
            },
        ];
        assert_eq!(
            end_after(&until, Some(42)),
            Some(Some(date("2025-04-12"))),
            "until wins over the duration"
        );
        let open_ended = [step(InEffect, "2025-01-19"), step(Extended, "2025-02-25")];
        assert_eq!(end_after(&open_ended, Some(42)), Some(None), "runs on with no end date");
    }

    #[test]
    fn a_closed_status_stops_it_and_a_new_period_starts_again() {
        let stopped = [step(InEffect, "2025-01-19"), step(Collapsed, "2025-03-18")];
        assert_eq!(end_after(&stopped, Some(42)), None);
        let again =
            [step(InEffect, "2025-01-19"), step(Collapsed, "2025-03-18"), step(InEffect, "2025-04-01")];
        assert_eq!(end_after(&again, Some(10)), Some(Some(date("2025-04-10"))));
        assert_eq!(end_after(&[step(Agreed, "2025-01-15")], Some(42)), None, "not yet in effect");
        assert_eq!(end_after(&[step(InEffect, "2025-01-19")], None), Some(None), "no set duration");
    }

    #[test]
    fn a_start_known_to_the_month_gives_an_end_known_to_the_month() {
        let steps = [step(InEffect, "2025-03")];
        let end = end_after(&steps, Some(30)).unwrap().unwrap();
        assert_eq!(end, date("2025-03"));
        assert_eq!(days_left(end, date("2025-03-15").first_day()), None);
        assert!(!overdue(end, date("2025-03-31").first_day()));
        assert!(overdue(end, date("2025-04-01").first_day()));
    }
}
