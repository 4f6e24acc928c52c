//! How a report words things: dates as people write them and counts of days; `cftrack`
//! words its text output with the same functions. What an entry of the history says
//! happened is worded in the model (`EntryWords`), for the window too.

use chrono::{DateTime, NaiveDate, Utc};

use chrono::Datelike;

use crate::model::{EventDate, ImplementationScore, Precision, Viewpoint, ViolationDetails};

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

/// The day or period a violation report covers: "11 March 2025", "11–16 March 2025",
/// "28 February – 3 March 2025", "March 2025 – 2 April 2025".
pub fn period(from: EventDate, until: Option<EventDate>) -> String {
    let Some(until) = until.filter(|until| *until != from) else { return from.human() };
    let (a, b) = (from.first_day(), until.first_day());
    let days = from.precision() == Precision::Day && until.precision() == Precision::Day;
    if days && a.year() == b.year() && a.month() == b.month() {
        format!("{}\u{2013}{}", a.day(), until.human())
    } else if days && a.year() == b.year() {
        format!("{} \u{2013} {}", a.format("%-d %B"), until.human())
    } else {
        format!("{} \u{2013} {}", from.human(), until.human())
    }
}

/// A number as people write it: "1,000", "12".
pub fn number(count: i64) -> String {
    let digits = count.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if count < 0 {
        out.insert(0, '-');
    }
    out
}

/// What a violation report counts: "1,000 drones"; empty when it gives no count.
pub fn reported_count(details: &ViolationDetails) -> String {
    match details.count {
        Some(count) if details.unit.is_empty() => number(count),
        Some(count) => format!("{} {}", number(count), details.unit),
        None => String::new(),
    }
}

/// "1 violation report", "14 violation reports".
pub fn reports(count: i64) -> String {
    if count == 1 {
        "1 violation report".to_string()
    } else {
        format!("{} violation reports", number(count))
    }
}

/// A proposal's implementation score with how many of its conditions it covers: "67% · 2 of
/// 3 conditions"; `of` is how many conditions the proposal has.
pub fn implementation(score: ImplementationScore, of: usize) -> String {
    let of = (of as i64).max(score.conditions);
    let noun = if of == 1 { "condition" } else { "conditions" };
    format!("{}% \u{b7} {} of {of} {noun}", score.percent, score.conditions)
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
    fn a_period_reads_as_people_write_it() {
        let date = |text: &str| text.parse::<EventDate>().unwrap();
        assert_eq!(period(date("2025-03-11"), None), "11 March 2025");
        assert_eq!(period(date("2025-03-11"), Some(date("2025-03-11"))), "11 March 2025");
        assert_eq!(period(date("2025-03-11"), Some(date("2025-03-16"))), "11\u{2013}16 March 2025");
        assert_eq!(period(date("2025-02-28"), Some(date("2025-03-03"))), "28 February \u{2013} 3 March 2025");
        assert_eq!(
            period(date("2024-12-30"), Some(date("2025-01-02"))),
            "30 December 2024 \u{2013} 2 January 2025"
        );
        assert_eq!(period(date("2025-03"), Some(date("2025-04-02"))), "March 2025 \u{2013} 2 April 2025");
    }

    #[test]
    fn counts_and_scores_read_as_people_write_them() {
        assert_eq!(number(1000), "1,000");
        assert_eq!(number(1234567), "1,234,567");
        assert_eq!(number(999), "999");
        let details = ViolationDetails { count: Some(1000), unit: "drones".into(), ..Default::default() };
        assert_eq!(reported_count(&details), "1,000 drones");
        assert_eq!(reported_count(&ViolationDetails::default()), "");
        assert_eq!(reports(1), "1 violation report");
        assert_eq!(reports(14), "14 violation reports");
        let score = ImplementationScore { percent: 67, conditions: 2 };
        assert_eq!(implementation(score, 3), "67% \u{b7} 2 of 3 conditions");
        let whole = ImplementationScore { percent: 100, conditions: 1 };
        assert_eq!(implementation(whole, 1), "100% \u{b7} 1 of 1 condition");
    }

    #[test]
    fn one_day_is_singular() {
        assert_eq!(days(1), "1 day");
        assert_eq!(days(0), "0 days");
        assert_eq!(days(12), "12 days");
    }
}
