//! Dates on which something happened, with how precisely they are known.
//!
//! "March 2025" is kept as 2025-03-01 with precision `month`: it sorts at its first day
//! and reads back as people wrote it. In text (JSON, the command line, the window) the
//! precision is the form: `2025`, `2025-03`, `2025-03-13`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::error::InputError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn code(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "year" => Some(Self::Year),
            "month" => Some(Self::Month),
            "day" => Some(Self::Day),
            _ => None,
        }
    }
}

/// A calendar date with a precision. Ordered by its first day, then by precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(export, type = "string")]
pub struct EventDate {
    first_day: NaiveDate,
    precision: Precision,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl EventDate {
    /// The date `first_day` known to `precision`; the day is moved to the first of the
    /// month or year the precision names.
    pub fn new(first_day: NaiveDate, precision: Precision) -> Self {
        let first_day = match precision {
            Precision::Day => first_day,
            Precision::Month => first_day.with_day(1).expect("day 1 exists"),
            Precision::Year => NaiveDate::from_ymd_opt(first_day.year(), 1, 1).expect("1 January exists"),
        };
        Self { first_day, precision }
    }

    pub fn day(date: NaiveDate) -> Self {
        Self::new(date, Precision::Day)
    }

    pub fn first_day(self) -> NaiveDate {
        self.first_day
    }

    pub fn precision(self) -> Precision {
        self.precision
    }

    /// The last day the date may stand for: the day itself, or the end of its month or year.
    pub fn last_day(self) -> NaiveDate {
        let first = self.first_day;
        let next = match self.precision {
            Precision::Day => return first,
            Precision::Month => first.checked_add_months(chrono::Months::new(1)),
            Precision::Year => NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(first)
    }

    /// The ISO form, which also says the precision: `2025`, `2025-03`, `2025-03-13`.
    pub fn iso(self) -> String {
        let d = self.first_day;
        match self.precision {
            Precision::Year => format!("{:04}", d.year()),
            Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Precision::Day => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// As people write it: "13 March 2025", "March 2025", "2025".
    pub fn human(self) -> String {
        let d = self.first_day;
        let month = MONTHS[d.month0() as usize];
        match self.precision {
            Precision::Year => d.year().to_string(),
            Precision::Month => format!("{month} {}", d.year()),
            Precision::Day => format!("{} {month} {}", d.day(), d.year()),
        }
    }

    /// Rebuilds a stored date: its first day in ISO form and its precision code.
    pub fn from_stored(first_day: &str, precision: &str) -> Result<Self, InputError> {
        let date = parse_stored_day(first_day).ok_or_else(|| InputError::BadDate(first_day.to_string()))?;
        let precision =
            Precision::from_code(precision).ok_or_else(|| InputError::BadDate(precision.to_string()))?;
        Ok(Self::new(date, precision))
    }
}

/// Reads a stored `YYYY-MM-DD` digit by digit: lists read tens of thousands of dates, and
/// a format string costs several times more.
fn parse_stored_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        bytes[from..to]
            .iter()
            .try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 7)?, number(8, 10)?)
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

impl FromStr for EventDate {
    type Err = InputError;

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; anything else, or a date that does not
    /// exist (2025-02-30), is refused.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || InputError::BadDate(text.to_string());
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |part: &str, len: usize| -> Result<u32, InputError> {
            if part.len() == len && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (year, month, day, precision) = match parts.as_slice() {
            [y] => (number(y, 4)?, 1, 1, Precision::Year),
            [y, m] => (number(y, 4)?, number(m, 2)?, 1, Precision::Month),
            [y, m, d] => (number(y, 4)?, number(m, 2)?, number(d, 2)?, Precision::Day),
            _ => return Err(bad()),
        };
        let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(bad)?;
        if year < 1000 {
            return Err(bad());
        }
        Ok(Self::new(date, precision))
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> EventDate {
        text.parse().unwrap()
    }

    #[test]
    fn each_precision_reads_and_writes_back() {
        for text in ["2025", "2025-03", "2025-03-13"] {
            assert_eq!(date(text).iso(), text);
        }
        assert_eq!(date("2025-03").human(), "March 2025");
        assert_eq!(date("2025-03-13").human(), "13 March 2025");
        assert_eq!(date("2025").human(), "2025");
    }

    #[test]
    fn stored_dates_read_back_and_bad_ones_are_refused() {
        assert_eq!(EventDate::from_stored("2025-03-01", "month").unwrap(), date("2025-03"));
        assert_eq!(EventDate::from_stored("2024-02-29", "day").unwrap(), date("2024-02-29"));
        for bad in ["2025-02-30", "2025-3-01", "2025/03/01", "2025-03-0x", "", "12025-03-01"] {
            assert!(EventDate::from_stored(bad, "day").is_err(), "{bad}");
        }
        assert!(EventDate::from_stored("2025-03-01", "week").is_err());
    }

    #[test]
    fn a_month_sorts_at_its_first_day() {
        assert_eq!(date("2025-03").first_day(), date("2025-03-01").first_day());
        assert!(date("2025-03") < date("2025-03-02"));
    }

    #[test]
    fn a_month_or_a_year_ends_on_its_last_day() {
        assert_eq!(date("2024-02").last_day(), date("2024-02-29").first_day());
        assert_eq!(date("2025").last_day(), date("2025-12-31").first_day());
        assert_eq!(date("2025-03-13").last_day(), date("2025-03-13").first_day());
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        for text in ["2025-02-30", "2025-13", "25-03-01", "2025/03/01", "", "2025-3-1", "March 2025", "0999"]
        {
            assert!(text.parse::<EventDate>().is_err(), "{text} was accepted");
        }
    }
}
