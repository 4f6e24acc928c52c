//! Checks shared by the forms: text that must be there, dates that must have happened.

use chrono::Local;

use crate::error::{Error, InputError, Result};
use crate::model::EventDate;

/// The text trimmed, refused when nothing is left.
pub(crate) fn required(field: &'static str, text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, InputError::Empty));
    }
    Ok(text.to_string())
}

/// Refuses a date whose first day is after today on the user's calendar.
pub(crate) fn has_happened(field: &'static str, date: EventDate) -> Result<()> {
    if date.first_day() > Local::now().date_naive() {
        return Err(Error::invalid(field, InputError::FutureDate(date.human())));
    }
    Ok(())
}

/// Refuses an event dated before the proposal it is about was made. A month or a year
/// that contains the proposal's day is not before it ("March 2025" for an 11 March proposal).
pub(crate) fn not_before_proposal(
    field: &'static str,
    date: EventDate,
    proposed_on: EventDate,
) -> Result<()> {
    if date.last_day() < proposed_on.first_day() {
        return Err(Error::invalid(
            field,
            InputError::BeforeProposal { date: date.human(), proposed_on: proposed_on.human() },
        ));
    }
    Ok(())
}

/// Where a new source was typed: its own form, or the "sources" field of another form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceForm {
    Own,
    Cited,
}

impl SourceForm {
    pub(crate) fn field(self, own: &'static str) -> &'static str {
        match self {
            Self::Own => own,
            Self::Cited => "sources",
        }
    }
}
