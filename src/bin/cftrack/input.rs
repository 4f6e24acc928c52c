//! Reading what was typed on the command line into the core's types, with errors that
//! name the option it was typed into.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use ceasefire_tracker::error::{Error, InputError, Result};
use ceasefire_tracker::model::{EventDate, NewSource, SourceChoice, Viewpoint, Vocabulary};
use ceasefire_tracker::store::Store;

/// A vocabulary word typed as its code or its label ("in_effect", "in effect").
pub fn word<V: Vocabulary>(field: &'static str, text: &str) -> Result<V> {
    V::parse(text).map_err(|problem| Error::invalid(field, problem))
}

/// A date something happened: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn date(field: &'static str, text: &str) -> Result<EventDate> {
    text.parse().map_err(|problem| Error::invalid(field, problem))
}

/// The viewpoint of `--as-of` and `--known-on`. "As of March 2025" means by the end of
/// March, so a month or a year is read as its last day.
pub fn viewpoint(as_of: Option<&str>, known_on: Option<&str>) -> Result<Viewpoint> {
    let mut viewpoint = match as_of {
        Some(text) => Viewpoint::as_of(date("as-of", text)?.last_day()),
        None => Viewpoint::today(),
    };
    viewpoint.known_on = known_on.map(moment).transpose()?;
    Ok(viewpoint)
}

/// A time things were recorded by: an RFC 3339 timestamp, or a date (`YYYY-MM-DD`), read
/// as the end of that day in UTC, so that everything recorded that day counts.
fn moment(text: &str) -> Result<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(time.with_timezone(&Utc));
    }
    let bad = || Error::invalid("known-on", InputError::NotATime(text.to_string()));
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    let end = NaiveTime::from_hms_milli_opt(23, 59, 59, 999).expect("a valid time of day");
    Ok(day.and_time(end).and_utc())
}

/// The sources named by `--source`: each a known source's URL or exact title, or else a
/// new source recorded along with the event.
pub fn sources(store: &Store, texts: &[String]) -> Result<Vec<SourceChoice>> {
    texts.iter().map(|text| source(store, text)).collect()
}

fn source(store: &Store, text: &str) -> Result<SourceChoice> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid("source", InputError::Empty));
    }
    if let Some(known) = store.find_source(text)? {
        return Ok(SourceChoice::Known { id: known.id });
    }
    // A new source named by its URL keeps the URL as its title until someone edits it,
    // so that naming it again either way finds it.
    let url = is_url(text).then(|| text.to_string());
    let source = NewSource { title: text.to_string(), outlet: String::new(), url, published_on: None };
    Ok(SourceChoice::New { source })
}

pub fn is_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn as_of_a_month_or_year_means_its_last_day() {
        assert_eq!(viewpoint(Some("2025-02"), None).unwrap().as_of, day("2025-02-28"));
        assert_eq!(viewpoint(Some("2024"), None).unwrap().as_of, day("2024-12-31"));
        assert_eq!(viewpoint(Some("2025-03-13"), None).unwrap().as_of, day("2025-03-13"));
    }

    #[test]
    fn known_on_a_day_counts_the_whole_day() {
        let known = viewpoint(None, Some("2025-03-17")).unwrap().known_on.unwrap();
        assert_eq!(known.date_naive(), day("2025-03-17"));
        assert_eq!(known.format("%H:%M").to_string(), "23:59");
        assert!(viewpoint(None, Some("last monday")).is_err());
    }

    #[test]
    fn a_bad_date_names_the_option() {
        let err = viewpoint(Some("13 March"), None).unwrap_err();
        assert_eq!(err.field(), Some("as-of"));
    }
}
