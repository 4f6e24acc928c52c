//! The stored forms of dates and times: read back into model values, and days written.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::types::{ToSqlOutput, Type, ValueRef};
use rusqlite::{Row, ToSql};

use crate::model::EventDate;

use crate::model::stamp;

fn conversion_error(column: &str, problem: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, Type::Text, format!("column {column}: {problem}").into())
}

/// A happened-date from its first-day column and the `<column>_precision` beside it.
pub(crate) fn event_date(row: &Row, column: &str) -> rusqlite::Result<EventDate> {
    let day: String = row.get(column)?;
    let precision: String = row.get(format!("{column}_precision").as_str())?;
    EventDate::from_stored(&day, &precision).map_err(|e| conversion_error(column, e.to_string()))
}

/// A happened-date from the column at `index` and its precision in the next one: for the
/// queries read by position, which run over thousands of rows.
pub(crate) fn event_date_at(row: &Row, index: usize) -> rusqlite::Result<EventDate> {
    let day = row.get_ref(index)?.as_str()?;
    let precision = row.get_ref(index + 1)?.as_str()?;
    EventDate::from_stored(day, precision).map_err(|e| conversion_error(&index.to_string(), e.to_string()))
}

/// A happened-date that may be missing, read by position like [`event_date_at`].
pub(crate) fn optional_event_date_at(row: &Row, index: usize) -> rusqlite::Result<Option<EventDate>> {
    match row.get_ref(index)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => event_date_at(row, index).map(Some),
    }
}

/// A recorded or retracted time, read by position.
pub(crate) fn time_at(row: &Row, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text = row.get_ref(index)?.as_str()?;
    stamp::parse(text)
        .ok_or_else(|| conversion_error(&index.to_string(), format!("\"{text}\" is not a stored time")))
}

/// A happened-date that may be missing.
pub(crate) fn optional_event_date(row: &Row, column: &str) -> rusqlite::Result<Option<EventDate>> {
    let day: Option<String> = row.get(column)?;
    match day {
        None => Ok(None),
        Some(_) => event_date(row, column).map(Some),
    }
}

pub(crate) fn uuid(row: &Row, column: &str) -> rusqlite::Result<uuid::Uuid> {
    let text: String = row.get(column)?;
    uuid::Uuid::parse_str(&text).map_err(|e| conversion_error(column, e.to_string()))
}

/// A day in its stored form, `2025-03-13`, made without allocating when its year has four
/// digits (as every parsed date's has): an import writes one for each of its events and of
/// the lines of the standing table.
pub(crate) enum StoredDay {
    FourDigitYear([u8; 10]),
    Other(String),
}

impl StoredDay {
    pub(crate) fn new(day: NaiveDate) -> Self {
        let Some(year) = u32::try_from(day.year()).ok().filter(|&year| year <= 9999) else {
            return Self::Other(day.to_string());
        };
        let mut text = *b"0000-00-00";
        let digits = |target: &mut [u8], mut n: u32| {
            for byte in target.iter_mut().rev() {
                *byte = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        digits(&mut text[0..4], year);
        digits(&mut text[5..7], day.month());
        digits(&mut text[8..10], day.day());
        Self::FourDigitYear(text)
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Self::FourDigitYear(text) => text,
            Self::Other(text) => text.as_bytes(),
        }
    }
}

impl ToSql for StoredDay {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.bytes())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_day_reads_as_chrono_writes_it() {
        for (y, m, d) in
            [(2025, 3, 13), (1000, 1, 1), (9999, 12, 31), (1990, 10, 9), (10000, 1, 1), (-5, 1, 1)]
        {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(StoredDay::new(day).bytes(), day.to_string().as_bytes());
        }
    }
}
