//! Reading the stored forms of dates and times back into model values.

use chrono::{DateTime, Utc};
use rusqlite::types::Type;
use rusqlite::Row;

use crate::model::EventDate;

use super::stamp;

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

/// A recorded or retracted time.
pub(crate) fn time(row: &Row, column: &str) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(column)?;
    stamp::parse(&text).ok_or_else(|| conversion_error(column, format!("\"{text}\" is not a stored time")))
}

pub(crate) fn uuid(row: &Row, column: &str) -> rusqlite::Result<uuid::Uuid> {
    let text: String = row.get(column)?;
    uuid::Uuid::parse_str(&text).map_err(|e| conversion_error(column, e.to_string()))
}
