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
    #[error("\"{0}\" is not a web link: a source's link starts with https:// or http://")]
    NotAWebLink(String),
    #[error("it holds the control character U+{:04X}, which cannot be shown; remove it", u32::from(*.0))]
    ControlCharacter(char),
    #[error("it is {bytes} bytes long, more than the {limit} a field holds; keep a text this long in a file and cite it as a source")]
    TooLong { bytes: usize, limit: usize },
    #[error("a ceasefire lasts at least one day, not {0}")]
    NotADuration(i64),
    #[error("\"{0}\" is not a number of days")]
    NotANumber(String),
    #[error("\"{0}\" is not a date range: write YYYY-MM-DD..YYYY-MM-DD")]
    NotADateRange(String),
    #[error("\"{0}\" is not a time: write YYYY-MM-DD or a timestamp like 2025-03-17T09:30:00Z")]
    NotATime(String),
    #[error("the period starts on {from}, after it ends on {to}")]
    PeriodBackwards { from: String, to: String },
    #[error("no {what} is numbered {id}")]
    NoSuchNumber { what: &'static str, id: i64 },
    #[error("a party cannot be a member of itself")]
    MemberOfItself,
    #[error("this would make a circle of memberships")]
    MembershipCircle,
    #[error("a proposal cannot replace itself or a proposal that replaces it")]
    LineageCircle,
    #[error("events on this proposal date from {earliest}, before that")]
    EventsBefore { earliest: String },
    #[error("condition {condition} was raised on another proposal (number {proposal})")]
    ConditionOfAnotherProposal { condition: i64, proposal: i64 },
    #[error("{0} is not one of this database's backups")]
    NotABackup(String),
    #[error("the proposal status report comes as HTML or JSON, not CSV")]
    StatusReportNotInCsv,
    #[error("it is {count} characters long; a title or a name holds at most {limit}: put the rest in the summary or a note")]
    TitleTooLong { count: usize, limit: usize },
    #[error("say who reported it, or cite the source that did")]
    NoReporter,
    #[error("a party does not report violations against itself")]
    ReportedAgainstItself,
    #[error("a count cannot be below zero, not {0}")]
    NegativeCount(i64),
    #[error("say what was counted: drones, shells, attacks...")]
    CountWithoutUnit,
    #[error("give the count that goes with the unit")]
    UnitWithoutCount,
    #[error("only a violation report has a period, a count and a place")]
    DetailsWithoutViolation,
    #[error("a party is named twice among those who proposed it")]
    ProposerTwice,
    #[error("say which phase of the deal it is")]
    PhaseNumberMissing,
    #[error("say which deal it is a phase of")]
    PhaseOfMissing,
    #[error("phases are numbered from 1, not {0}")]
    NotAPhaseNumber(i64),
    #[error("a proposal cannot be a phase of itself or of one of its own phases")]
    PhaseCircle,
    #[error("phase {number} of this deal is already \"{title}\"")]
    PhaseTaken { number: i64, title: String },
    #[error("only an extension carries a new end or days added")]
    ExtensionWithoutExtended,
    #[error("an extension runs to a new end date or by some days, not both")]
    ExtensionTwice,
    #[error("an extension adds at least one day, not {0}")]
    NotAnExtension(i64),
    #[error("{until} is not after the ceasefire took effect ({start})")]
    UntilBeforeStart { until: String, start: String },
    #[error("no proposal belongs to a process called \"{name}\"{known}")]
    UnknownProcess { name: String, known: String },
    #[error("both name {into}: they are already one party")]
    AlreadyOneParty { into: String },
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
    #[error("event {event} was already retracted at {at}")]
    AlreadyRetracted { event: i64, at: String },
    #[error("{0} already exists; choose a new file for the backup")]
    FileExists(PathBuf),
    #[error("{path} has {count} problem(s): {problems}")]
    Damaged { path: String, count: usize, problems: String },
    #[error(
        "{path}: migrating to schema {version} would break references between records; it was left as it was"
    )]
    MigrationBreaksReferences { path: String, version: i64 },
    #[error(
        "the \"same as\" links {links} go round in a circle or part one record two ways; nothing was changed"
    )]
    LinkCircle { links: String },
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
    /// The dataset file's problem names the file.
    #[error("{problem}; nothing was imported")]
    Dataset { problem: String },
    #[error("the settings in {} cannot be read ({problem}); fix or remove the file", path.display())]
    Settings { path: PathBuf, problem: String },
    #[error("the folder {} does not exist; nothing was created (name another database with --db)", path.display())]
    NoFolder { path: PathBuf },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The team server, or the way to it.
    #[error(transparent)]
    Team(#[from] crate::team::TeamError),
    /// The database file itself failed: damaged, read-only, locked, or its disk is full.
    #[error("{path} {}", FileProblem::of(source).map(FileProblem::explain).unwrap_or("could not be used"))]
    DatabaseFile { path: String, source: rusqlite::Error },
}

/// What can be wrong with the database file rather than with what was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileProblem {
    Damaged,
    DiskFull,
    ReadOnly,
    Locked,
    CannotOpen,
}

impl FileProblem {
    fn of(error: &rusqlite::Error) -> Option<Self> {
        use rusqlite::ErrorCode;
        // Writable, but in a folder where its log files cannot be made: the folder is at fault.
        if let rusqlite::Error::SqliteFailure(failure, _) = error {
            if failure.extended_code == rusqlite::ffi::SQLITE_READONLY_DIRECTORY {
                return Some(Self::CannotOpen);
            }
        }
        Some(match error.sqlite_error_code()? {
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => Self::Damaged,
            ErrorCode::DiskFull => Self::DiskFull,
            ErrorCode::ReadOnly => Self::ReadOnly,
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Self::Locked,
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::SystemIoFailure => {
                Self::CannotOpen
            }
            _ => return None,
        })
    }

    fn code(self) -> ErrorCode {
        match self {
            Self::Damaged => ErrorCode::Damaged,
            Self::DiskFull => ErrorCode::DiskFull,
            Self::ReadOnly => ErrorCode::ReadOnly,
            Self::Locked => ErrorCode::Locked,
            Self::CannotOpen => ErrorCode::CannotOpen,
        }
    }

    // One sentence each, saying what to do; nothing is ever repaired behind the user's back.
    fn explain(self) -> &'static str {
        match self {
            Self::Damaged => {
                "is damaged and was left as it is; restore the latest backup (from the backups folder beside it) \
                 or open a copy with the sqlite3 tool's .recover"
            }
            Self::DiskFull => "could not be written because the disk is full; nothing was saved: free some space and try again",
            Self::ReadOnly => {
                "is read-only, so nothing was saved: make the file writable, or work on a copy of it"
            }
            Self::Locked => {
                "is kept locked by another program; nothing was saved: close that program, or try again in a moment"
            }
            Self::CannotOpen => {
                "cannot be opened: check that its folder exists and that you may write in it \
                 (the database keeps two work files beside itself)"
            }
        }
    }
}

impl Error {
    pub fn invalid(field: &'static str, problem: InputError) -> Self {
        Self::Invalid { field, problem }
    }

    /// Names the database file in an error about the file itself (damaged, full disk,
    /// read-only, locked), so that the message says which file and what to do; other
    /// errors are returned as they are.
    pub fn in_file(self, path: &std::path::Path) -> Self {
        match self {
            Self::Sqlite(source) if FileProblem::of(&source).is_some() => {
                Self::DatabaseFile { path: path.display().to_string(), source }
            }
            other => other,
        }
    }

    /// A stable code for the boundary (the window branches on it; scripts may too).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid { .. } => ErrorCode::Invalid,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Ambiguous { .. } => ErrorCode::Ambiguous,
            Self::Duplicate { .. } => ErrorCode::Duplicate,
            Self::Conflict(_)
            | Self::AlreadyRetracted { .. }
            | Self::FileExists(_)
            | Self::LinkCircle { .. } => ErrorCode::Conflict,
            Self::Damaged { .. } => ErrorCode::Damaged,
            Self::MigrationBreaksReferences { .. } => ErrorCode::MigrationRefused,
            Self::NewerSchema { .. } => ErrorCode::NewerSchema,
            Self::NotADatabase { .. } => ErrorCode::NotADatabase,
            Self::Import { .. } | Self::Dataset { .. } => ErrorCode::ImportRefused,
            Self::File { .. } | Self::NoFolder { .. } | Self::Settings { .. } => ErrorCode::File,
            Self::Sqlite(_) => ErrorCode::Database,
            Self::Team(error) => error.code(),
            Self::DatabaseFile { source, .. } => {
                FileProblem::of(source).map(FileProblem::code).unwrap_or(ErrorCode::Database)
            }
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

/// What went wrong, as a code the window and scripts branch on. Every code either side of
/// the IPC boundary is here, the desktop shell's own among them, so that the window's
/// TypeScript knows them all as one union.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// Input refused; the reply names the field.
    Invalid,
    NotFound,
    /// A name that fits several records.
    Ambiguous,
    Duplicate,
    Conflict,
    /// Migrating the database would break its references; it was left as it was.
    MigrationRefused,
    /// The database was written by a newer version.
    NewerSchema,
    NotADatabase,
    ImportRefused,
    /// A file other than the database could not be read or written.
    File,
    /// SQLite failed in a way that is not about the file.
    Database,
    // The database file itself.
    Damaged,
    DiskFull,
    ReadOnly,
    Locked,
    CannotOpen,
    // The desktop shell's own.
    /// A report could not be printed or saved as PDF.
    PrintFailed,
    /// Not available on this operating system (PDF export outside Linux).
    Unsupported,
    // The team server.
    /// This database has not joined a team.
    NotJoined,
    /// The team server cannot be reached; the work waits here for the next sync.
    ServerUnreachable,
    /// The team server refused the password (or has none kept for the user).
    WrongPassword,
    /// The user's role may not do that (a viewer sends records, an editor others' records).
    NotAllowed,
    /// No system keyring here to keep the team password in.
    NoKeyring,
    /// The team server failed otherwise, or its schema does not fit this version.
    TeamServer,
}

impl ErrorCode {
    /// The code as it is written on the wire ("not_found").
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::NotFound => "not_found",
            Self::Ambiguous => "ambiguous",
            Self::Duplicate => "duplicate",
            Self::Conflict => "conflict",
            Self::MigrationRefused => "migration_refused",
            Self::NewerSchema => "newer_schema",
            Self::NotADatabase => "not_a_database",
            Self::ImportRefused => "import_refused",
            Self::File => "file",
            Self::Database => "database",
            Self::Damaged => "damaged",
            Self::DiskFull => "disk_full",
            Self::ReadOnly => "read_only",
            Self::Locked => "locked",
            Self::CannotOpen => "cannot_open",
            Self::PrintFailed => "print_failed",
            Self::Unsupported => "unsupported",
            Self::NotJoined => "not_joined",
            Self::ServerUnreachable => "server_unreachable",
            Self::WrongPassword => "wrong_password",
            Self::NotAllowed => "not_allowed",
            Self::NoKeyring => "no_keyring",
            Self::TeamServer => "team_server",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code reads as its wire name: `error.code() == "not_found"`.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An error as the window receives it: a stable `code` to branch on, the `message` to show,
/// and the `field` to show it next to (the message then leaves the field's name out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorReply {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

impl From<&Error> for ErrorReply {
    fn from(error: &Error) -> Self {
        let message = match error {
            Error::Invalid { problem, .. } => problem.to_string(),
            other => other.to_string(),
        };
        Self { code: error.code(), message, field: error.field().map(str::to_string) }
    }
}

impl From<Error> for ErrorReply {
    fn from(error: Error) -> Self {
        Self::from(&error)
    }
}

impl ErrorReply {
    /// A refusal that belongs to no field, such as the desktop shell's own.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Puts a rule's refusal next to the field it was typed into:
/// `rules::has_happened(date, today).in_field("date")?`.
pub trait InField<T> {
    fn in_field(self, field: &'static str) -> Result<T>;
}

impl<T> InField<T> for std::result::Result<T, InputError> {
    fn in_field(self, field: &'static str) -> Result<T> {
        self.map_err(|problem| Error::invalid(field, problem))
    }
}

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
    fn each_code_is_written_as_serde_writes_it() {
        use ErrorCode::*;
        let all = [
            Invalid,
            NotFound,
            Ambiguous,
            Duplicate,
            Conflict,
            MigrationRefused,
            NewerSchema,
            NotADatabase,
            ImportRefused,
            File,
            Database,
            Damaged,
            DiskFull,
            ReadOnly,
            Locked,
            CannotOpen,
            PrintFailed,
            Unsupported,
            NotJoined,
            ServerUnreachable,
            WrongPassword,
            NotAllowed,
            NoKeyring,
            TeamServer,
        ];
        for code in all {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str(), "{code:?}");
        }
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
