//! The rules every input meets, wherever it comes from: a form in the window, `cftrack`, or
//! an imported document. Each rule is a pure function that says what is wrong; the caller
//! adds where it was typed (a field of a form) or which record it is (in an import).

use chrono::{Local, NaiveDate};

use crate::error::InputError;

use super::EventDate;

/// Today on the user's calendar: the last day a thing can have happened on.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The text trimmed, refused when nothing is left.
pub fn required(text: &str) -> Result<&str, InputError> {
    match text.trim() {
        "" => Err(InputError::Empty),
        text => Ok(text),
    }
}

/// Refuses a date whose first day is after `today`: only what has happened is recorded.
pub fn has_happened(date: EventDate, today: NaiveDate) -> Result<(), InputError> {
    if date.first_day() > today {
        return Err(InputError::FutureDate(date.human()));
    }
    Ok(())
}

/// Refuses an event dated before the proposal it is about was made. A month or a year
/// that contains the proposal's day is not before it ("March 2025" for an 11 March proposal).
pub fn not_before_proposal(date: EventDate, proposed_on: EventDate) -> Result<(), InputError> {
    if date.last_day() < proposed_on.first_day() {
        return Err(InputError::BeforeProposal { date: date.human(), proposed_on: proposed_on.human() });
    }
    Ok(())
}

/// Refuses a duration of no days or fewer: a ceasefire lasts at least one day.
pub fn duration(days: i64) -> Result<(), InputError> {
    if days <= 0 {
        return Err(InputError::NotADuration(days));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> EventDate {
        text.parse().unwrap()
    }

    #[test]
    fn text_is_trimmed_and_must_be_there() {
        assert_eq!(required("  Jeddah  "), Ok("Jeddah"));
        assert_eq!(required(" \n\t"), Err(InputError::Empty));
    }

    #[test]
    fn only_what_has_happened() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 13).unwrap();
        assert_eq!(has_happened(date("2025-03-13"), today), Ok(()));
        assert_eq!(has_happened(date("2025-03"), today), Ok(()));
        assert!(matches!(has_happened(date("2025-03-14"), today), Err(InputError::FutureDate(_))));
        assert!(matches!(has_happened(date("2026"), today), Err(InputError::FutureDate(_))));
    }

    #[test]
    fn a_month_that_holds_the_proposal_day_is_not_before_it() {
        let proposed = date("2025-03-11");
        assert_eq!(not_before_proposal(date("2025-03"), proposed), Ok(()));
        assert_eq!(not_before_proposal(date("2025"), proposed), Ok(()));
        assert!(not_before_proposal(date("2025-03-10"), proposed).is_err());
        assert!(not_before_proposal(date("2025-02"), proposed).is_err());
    }

    #[test]
    fn a_ceasefire_lasts_at_least_a_day() {
        assert_eq!(duration(1), Ok(()));
        assert_eq!(duration(0), Err(InputError::NotADuration(0)));
        assert_eq!(duration(-30), Err(InputError::NotADuration(-30)));
    }
}
