//! How a report words things: dates as people write them, counts of days, and what an
//! entry of the history says happened.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{Change, HistoryEntry, Vocabulary};

/// "13 March 2025".
pub fn day(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "13 March 2025, 09:05 UTC".
pub fn moment(time: DateTime<Utc>) -> String {
    time.format("%-d %B %Y, %H:%M UTC").to_string()
}

/// "1 day", "12 days".
pub fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_string()
    } else {
        format!("{count} days")
    }
}

/// What an entry says happened, in three parts: who or what it is about, the new value
/// in words, and a detail (the role a stance was taken in, the condition's text).
pub struct EntryWords {
    pub subject: String,
    pub value: &'static str,
    pub detail: Option<String>,
}

pub fn entry_words(entry: &HistoryEntry) -> EntryWords {
    let value = entry.value_label();
    match entry.change {
        Change::Status { .. } => EntryWords { subject: "Status".to_string(), value, detail: None },
        Change::Stance { role, .. } => EntryWords {
            subject: entry.party.clone().unwrap_or_else(|| "A party".to_string()),
            value,
            detail: Some(role.label().to_string()),
        },
        Change::Condition { .. } => {
            let text = entry.condition.as_deref().unwrap_or_default();
            let detail = match &entry.party {
                Some(party) => format!("\u{201c}{text}\u{201d}, raised by {party}"),
                None => format!("\u{201c}{text}\u{201d}"),
            };
            EntryWords { subject: "Condition".to_string(), value, detail: Some(detail) }
        }
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
