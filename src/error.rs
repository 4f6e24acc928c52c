//! The core's errors. Each has a stable code that the window and scripts can branch on,
//! and a message meant for the person who typed the input.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// Something typed in is not acceptable as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("\"{0}\" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")]
    BadDate(String),
    #[error("\"{word}\" is not a {vocabulary}; use one of: {known}")]
    UnknownWord { vocabulary: &'static str, word: String, known: String },
    #[error("this must not be empty")]
    Empty,
    #[error("{0} is in the future; record only what has happened")]
    FutureDate(String),
    #[error("{date} is before the proposal was made ({proposed_on})")]
    BeforeProposal { date: String, proposed_on: String },
    #[error("{0}")]
    Other(String),
}

/// Everything the core can refuse or fail at.
#[derive(Debug, Error)]
pub enum Error {
    /// Input refused; `field` names where it was typed ("date", "title", "party").
    #[error("{field}: {problem}")]
    Invalid { field: &'static str, problem: InputError },
    #[error("no {what} is called or numbered \"{name}\"")]
    NotFound { what: &'static str, name: String },
    #[error("\"{name}\" names {count} {what}s; use the id instead")]
    Ambiguous { what: &'static str, name: String, count: usize },
    #[error("a {what} called \"{name}\" already exists")]
    Duplicate { what: &'static str, name: String },
    #[error("{0}")]
    Conflict(String),
    #[error(
        "{path} was written by a newer version of Ceasefire Tracker (schema {found}, this version knows up to {known}); \
         it was left untouched: open it with a newer version"
    )]
    NewerSchema { path: String, found: i64, known: i64 },
    #[error("{path} is not a Ceasefire Tracker database ({reason}); it was left untouched")]
    NotADatabase { path: String, reason: String },
    #[error("import refused at {record}: {problem}; nothing was imported")]
    Import { record: String, problem: String },
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl Error {
    pub fn invalid(field: &'static str, problem: InputError) -> Self {
        Self::Invalid { field, problem }
    }

    /// A stable code for the boundary (the window branches on it; scripts may too).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid { .. } => "invalid",
            Self::NotFound { .. } => "not_found",
            Self::Ambiguous { .. } => "ambiguous",
            Self::Duplicate { .. } => "duplicate",
            Self::Conflict(_) => "conflict",
            Self::NewerSchema { .. } => "newer_schema",
            Self::NotADatabase { .. } => "not_a_database",
            Self::Import { .. } => "import_refused",
            Self::File { .. } => "file",
            Self::Sqlite(_) => "database",
        }
    }

    /// The field the input was typed into, for a message next to it.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// An error as the window receives it: a stable `code` to branch on, the `message` to show,
/// and the `field` to show it next to (the message then leaves the field's name out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorReply {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<&Error> for ErrorReply {
    fn from(error: &Error) -> Self {
        let message = match error {
            Error::Invalid { problem, .. } => problem.to_string(),
            other => other.to_string(),
        };
        Self { code: error.code().to_string(), message, field: error.field().map(str::to_string) }
    }
}

impl From<Error> for ErrorReply {
    fn from(error: Error) -> Self {
        Self::from(&error)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_puts_the_field_beside_the_message_not_in_it() {
        let reply = ErrorReply::from(Error::invalid("date", InputError::BadDate("13/03/2025".into())));
        assert_eq!(reply.code, "invalid");
        assert_eq!(reply.field.as_deref(), Some("date"));
        assert!(reply.message.starts_with("\"13/03/2025\" is not a date"), "{}", reply.message);
    }

    #[test]
    fn a_reply_without_a_field_keeps_the_whole_message() {
        let error = Error::NotFound { what: "party", name: "Atlantis".into() };
        let reply = ErrorReply::from(&error);
        assert_eq!(reply.code, "not_found");
        assert_eq!(reply.field, None);
        assert_eq!(reply.message, error.to_string());
    }
}
