//! Recorded and retracted times: UTC text of fixed width, so that SQLite compares and
//! sorts them as text.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

/// Later than any time the program writes: "as known now".
pub(crate) const END_OF_TIME: &str = "9999-12-31T23:59:59.999999Z";

pub(crate) fn stamp(time: DateTime<Utc>) -> String {
    time.format(FORMAT).to_string()
}

pub(crate) fn now() -> String {
    stamp(Utc::now())
}

/// Reads a stored time; only the exact fixed-width form is accepted. Read digit by digit
/// rather than through a format string: history pages read thousands of them.
pub(crate) fn parse(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    if bytes.len() != END_OF_TIME.len() {
        return None;
    }
    for (at, separator) in [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.'), (26, b'Z')]
    {
        if bytes[at] != separator {
            return None;
        }
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        bytes[from..to]
            .iter()
            .try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 7)?, number(8, 10)?)?;
    let time =
        NaiveTime::from_hms_micro_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?, number(20, 26)?)?;
    Some(NaiveDateTime::new(date, time).and_utc())
}

/// The bound for "recorded by": the stamp of `known_on`, or the end of time.
pub(crate) fn known_bound(known_on: Option<DateTime<Utc>>) -> String {
    known_on.map(stamp).unwrap_or_else(|| END_OF_TIME.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_have_a_fixed_width_and_read_back() {
        let time = DateTime::parse_from_rfc3339("2025-03-13T09:05:00.5Z").unwrap().with_timezone(&Utc);
        let text = stamp(time);
        assert_eq!(text, "2025-03-13T09:05:00.500000Z");
        assert_eq!(parse(&text), Some(time));
        assert_eq!(parse("2025-03-13T09:05:00Z"), None);
        assert_eq!(parse("2025-02-30T09:05:00.500000Z"), None, "no such day");
        assert_eq!(parse("2025-03-13T25:05:00.500000Z"), None, "no such hour");
        assert_eq!(parse("2025-03-13 09:05:00.500000Z"), None);
        assert_eq!(parse("2025-03-13T09:05:00.5000+0Z"), None);
        assert_eq!(parse(END_OF_TIME).map(stamp).as_deref(), Some(END_OF_TIME));
        assert_eq!(now().len(), END_OF_TIME.len());
    }
}
