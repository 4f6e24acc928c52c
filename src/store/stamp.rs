//! Recorded and retracted times: UTC text of fixed width, so that SQLite compares and
//! sorts them as text.

use chrono::{DateTime, NaiveDateTime, Utc};

const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

/// Later than any time the program writes: "as known now".
pub(crate) const END_OF_TIME: &str = "9999-12-31T23:59:59.999999Z";

pub(crate) fn stamp(time: DateTime<Utc>) -> String {
    time.format(FORMAT).to_string()
}

pub(crate) fn now() -> String {
    stamp(Utc::now())
}

/// Reads a stored time; only the exact fixed-width form is accepted.
pub(crate) fn parse(text: &str) -> Option<DateTime<Utc>> {
    let time = NaiveDateTime::parse_from_str(text, FORMAT).ok()?.and_utc();
    (stamp(time) == text).then_some(time)
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
        assert_eq!(now().len(), END_OF_TIME.len());
    }
}
