//! What can be wrong with a dataset file. Every message names the file, and the column and
//! the row where one is at fault, so that the user can open the file and look.

use std::fmt;

use thiserror::Error;

use super::DatasetKind;

/// Rows of a file as a spreadsheet numbers them (the header is row 1), listed in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub rows: Vec<usize>,
}

impl Rows {
    /// How many rows a message names before it says how many more there are.
    const SHOWN: usize = 8;
}

impl fmt::Display for Rows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self.rows.iter().take(Self::SHOWN).map(usize::to_string).collect();
        let word = if self.rows.len() == 1 { "row" } else { "rows" };
        write!(f, "{word} {}", shown.join(", "))?;
        if self.rows.len() > Self::SHOWN {
            write!(f, " and {} more", self.rows.len() - Self::SHOWN)?;
        }
        Ok(())
    }
}

/// A form of dates and the rows that write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRows {
    pub form: &'static str,
    pub rows: Rows,
}

impl fmt::Display for FormRows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.form, self.rows)
    }
}

/// A cell that cannot be read as what its column holds. It costs only what depends on it:
/// the row when it is the row's date, else that value alone; the dataset names it either way.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("column {column}: \"{value}\" is not {expected}")]
pub struct CellProblem {
    pub column: String,
    pub value: String,
    /// What the column holds, and why the value is not one ("a date (February 1994 has no day 31)").
    pub expected: String,
}

/// A dataset file refused. Nothing of a refused file is used.
#[derive(Debug, Error)]
pub enum DatasetError {
    #[error("{file} could not be read: {source}")]
    Read { file: String, source: std::io::Error },
    #[error("{file} is empty")]
    Empty { file: String },
    #[error("{file} has a header but no rows")]
    NoRows { file: String },
    #[error("{file} is saved as UTF-16; save it as CSV in UTF-8 and import that")]
    Utf16 { file: String },
    #[error("{file}, row {row}: the text is not UTF-8; save the file as CSV in UTF-8 and import that")]
    NotUtf8 { file: String, row: usize },
    #[error("{file}, row {row}: {problem}")]
    Malformed { file: String, row: usize, problem: String },
    #[error("{file} is a {found} file, not {expected}: import it as {}", found.code())]
    WrongKind { file: String, expected: DatasetKind, found: DatasetKind },
    #[error("{file} is not a {expected} file: its header has none of {}", expected.signature().join(", "))]
    NotADataset { file: String, expected: DatasetKind },
    #[error("{file} has no column {column}, which every {kind} file has")]
    MissingColumn { file: String, kind: DatasetKind, column: &'static str },
    #[error(
        "{file}, column {column}: dates are written in two forms, {} and {}; write them all in one \
         form and import the file again", forms[0], forms[1]
    )]
    MixedDateForms { file: String, column: String, forms: Box<[FormRows; 2]> },
    #[error(
        "{file}, column {column}: no date tells whether the dates are dd/mm/yyyy or mm/dd/yyyy \
         (in {rows} both numbers are 12 or less); write them as yyyy-mm-dd and import the file again"
    )]
    UndecidedDateForm { file: String, column: String, rows: Rows },
    #[error("the alias list, line {line}: {problem}")]
    AliasLine { line: usize, problem: String },
}

impl DatasetError {
    /// A stable code for the boundary, as the core's own errors have.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Read { .. } => "file",
            Self::Empty { .. } | Self::NoRows { .. } => "empty_dataset",
            Self::Utf16 { .. } | Self::NotUtf8 { .. } | Self::Malformed { .. } => "malformed_dataset",
            Self::WrongKind { .. } | Self::NotADataset { .. } => "wrong_dataset",
            Self::MissingColumn { .. } => "missing_column",
            Self::MixedDateForms { .. } | Self::UndecidedDateForm { .. } => "date_form",
            Self::AliasLine { .. } => "bad_alias",
        }
    }
}
