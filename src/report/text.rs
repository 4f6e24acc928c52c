//! How a report words things: dates as people write them and counts of days; `cftrack`
//! words its text output with the same functions. What an entry of the history says
//! happened is worded in the model (`EntryWords`), for the window too.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{EventDate, Viewpoint};

/// "13 March 2025".
pub fn day(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "13 March 2025, 09:05 UTC".
pub fn moment(time: DateTime<Utc>) -> String {
    time.format("%-d %B %Y, %H:%M UTC").to_string()
}

/// "18 March 2025", or "18 March 2025, as known on 17 March 2025, 09:00 UTC".
pub fn viewpoint(viewpoint: Viewpoint) -> String {
    match viewpoint.known_on {
        None => day(viewpoint.as_of),
        Some(known_on) => format!("{}, as known on {}", day(viewpoint.as_of), moment(known_on)),
    }
}

/// "1 day", "12 days".
pub fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_string()
    } else {
        format!("{count} days")
    }
}

/// A ceasefire's clock in words: "ends 1 March 2025 · 9 days left", "last day: 1 March
/// 2025", "past its end on 1 March 2025; no extension or follow-up recorded", "ends in March
/// 2025 (the day is not known)", or "no end date".
pub fn clock(ends_on: Option<EventDate>, days_left: Option<i64>, overdue: bool) -> String {
    let Some(end) = ends_on else { return "in effect with no end date".to_string() };
    match days_left {
        _ if overdue => format!("past its end on {}; no extension or follow-up recorded", end.human()),
        Some(0) => format!("last day: {}", end.human()),
        Some(left) => format!("ends {} \u{b7} {} left", end.human(), days(left)),
        None => format!("ends in {} (the day is not known)", end.human()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(day(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()), "1 March 2025");
        let time = DateTime::parse_from_rfc3339("2025-03-17T09:05:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(moment(time), "17 March 2025, 09:05 UTC");
    }

    #[test]
    fn one_day_is_singular() {
        assert_eq!(days(1), "1 day");
        assert_eq!(days(0), "0 days");
        assert_eq!(days(12), "12 days");
    }
}
