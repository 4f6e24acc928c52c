//! The CSV reading the three datasets share: the bytes of a file as rows of text cells,
//! with the traps of files that went through a spreadsheet handled once here: a byte-order
//! mark, line breaks inside quoted cells, semicolons or tabs between columns, headers with
//! stray spaces, placeholders for "no value" and ids written as decimals.

use std::collections::HashMap;

use csv::{ByteRecord, ErrorKind, ReaderBuilder};

use super::error::DatasetError;
use super::DatasetKind;

/// A file's rows, read whole: the date columns are judged on all their values before any
/// row is mapped.
pub(crate) struct Table {
    pub file: String,
    columns: HashMap<String, usize>,
    rows: Vec<ByteRecord>,
}

/// One row of a table, numbered as a spreadsheet shows it (the header is row 1).
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    record: &'a ByteRecord,
    pub number: usize,
}

impl Table {
    pub fn read(bytes: &[u8], file: &str) -> Result<Self, DatasetError> {
        let file = file.to_string();
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(DatasetError::Utf16 { file });
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(DatasetError::Empty { file });
        }
        let mut reader =
            ReaderBuilder::new().delimiter(delimiter(bytes)).has_headers(true).from_reader(bytes);
        let header = reader.byte_headers().map_err(|e| problem(&file, e))?.clone();
        let mut columns = HashMap::new();
        for (index, name) in header.iter().enumerate() {
            let name = std::str::from_utf8(name)
                .map_err(|_| DatasetError::NotUtf8 { file: file.clone(), row: 1 })?;
            // The first of two columns with one name is the one read.
            columns.entry(column_key(name)).or_insert(index);
        }
        let mut rows = Vec::new();
        for record in reader.byte_records() {
            let record = record.map_err(|e| problem(&file, e))?;
            if std::str::from_utf8(record.as_slice()).is_err() {
                return Err(DatasetError::NotUtf8 { file, row: spreadsheet_row(&record) });
            }
            rows.push(record);
        }
        if rows.is_empty() {
            return Err(DatasetError::NoRows { file });
        }
        Ok(Self { file, columns, rows })
    }

    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(&column_key(name))
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.get(&column_key(name)).copied()
    }

    /// A column every file of the kind has.
    pub fn require(&self, kind: DatasetKind, name: &'static str) -> Result<usize, DatasetError> {
        self.column(name).ok_or_else(|| DatasetError::MissingColumn {
            file: self.file.clone(),
            kind,
            column: name,
        })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|record| Row { record, number: spreadsheet_row(record) })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }
}

impl<'a> Row<'a> {
    /// The cell trimmed, of zero-width spaces too; empty when the row is short of the column.
    pub fn text(&self, column: usize) -> &'a str {
        // Every record was checked to be UTF-8 when it was read.
        let cell = self.record.get(column).and_then(|cell| std::str::from_utf8(cell).ok()).unwrap_or("");
        cell.trim_matches(|c: char| c.is_whitespace() || ZERO_WIDTH.contains(&c))
    }

    /// A cell of prose, its line breaks written `\n` whatever the file's.
    pub fn prose(&self, column: Option<usize>) -> String {
        self.text_of(column).replace("\r\n", "\n").replace('\r', "\n")
    }

    /// The cell, unless it is empty or a placeholder for "no value".
    pub fn value(&self, column: usize) -> Option<&'a str> {
        present(self.text(column))
    }

    /// The cell of a column the file may lack.
    pub fn value_of(&self, column: Option<usize>) -> Option<&'a str> {
        column.and_then(|c| self.value(c))
    }

    pub fn text_of(&self, column: Option<usize>) -> &'a str {
        column.map(|c| self.text(c)).unwrap_or("")
    }
}

/// Characters a copy and paste leaves in names, which show as nothing.
pub(crate) const ZERO_WIDTH: [char; 4] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}'];

/// The text unless it says "no value": empty, `NA`, `N/A`, `.`, `-1`, `-99`, `NULL`.
pub(crate) fn present(text: &str) -> Option<&str> {
    let text = text.trim();
    let placeholder = text.is_empty()
        || ["na", "n/a", "null", "none", ".", "-1", "-99", "-1.0"]
            .iter()
            .any(|p| text.eq_ignore_ascii_case(p));
    (!placeholder).then_some(text)
}

/// An id as the datasets write it, the same whichever way: `1537` and `1537.0` are one id.
pub(crate) fn id(text: &str) -> Option<String> {
    let text = present(text)?;
    let whole = match text.split_once('.') {
        Some((whole, zeros)) if !whole.is_empty() && zeros.bytes().all(|b| b == b'0') => whole,
        _ => text,
    };
    Some(whole.to_string())
}

/// A whole number written as a spreadsheet may have saved it (`3`, `3.0`).
pub(crate) fn whole_number(text: &str) -> Option<i64> {
    let text = text.trim();
    let whole = match text.split_once('.') {
        Some((whole, zeros)) if zeros.bytes().all(|b| b == b'0') => whole,
        Some(_) => return None,
        None => text,
    };
    whole.parse().ok()
}

/// A link to a web page, as a cell may give one.
pub(crate) fn web_link(text: Option<&str>) -> Option<String> {
    text.filter(|t| t.starts_with("https://") || t.starts_with("http://")).map(str::to_string)
}

/// Names a header as the mappings look it up: case, surrounding spaces and the choice
/// between a space and an underscore do not matter (`ref `, `terr prov`, `pa_type`).
fn column_key(name: &str) -> String {
    name.trim().to_lowercase().replace(' ', "_")
}

/// The column separator, told from the header line: a spreadsheet set to a European
/// language saves semicolons.
fn delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    [b';', b'\t'].into_iter().find(|&d| count(d) > count(b',')).unwrap_or(b',')
}

fn spreadsheet_row(record: &ByteRecord) -> usize {
    record.position().map(|p| p.record() as usize + 1).unwrap_or(0)
}

fn problem(file: &str, error: csv::Error) -> DatasetError {
    let file = file.to_string();
    let row = |pos: Option<&csv::Position>| pos.map(|p| p.record() as usize + 1).unwrap_or(1);
    match error.kind() {
        ErrorKind::Io(e) => DatasetError::Read { file, source: std::io::Error::new(e.kind(), e.to_string()) },
        ErrorKind::Utf8 { pos, .. } => DatasetError::NotUtf8 { file, row: row(pos.as_ref()) },
        ErrorKind::UnequalLengths { pos, expected_len, len } => DatasetError::Malformed {
            file,
            row: row(pos.as_ref()),
            problem: format!("it has {len} cells where the header has {expected_len} (a quote left open?)"),
        },
        _ => DatasetError::Malformed { file, row: 0, problem: error.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_written_as_decimals_are_the_same_id() {
        assert_eq!(id("1537.0").as_deref(), Some("1537"));
        assert_eq!(id(" 1537 ").as_deref(), Some("1537"));
        assert_eq!(id("1537.5").as_deref(), Some("1537.5"));
        for none in ["", "NA", "N/A", "Na", ".", "-1", "-99"] {
            assert_eq!(id(none), None, "{none}");
        }
    }

    #[test]
    fn whole_numbers_may_carry_a_decimal_zero() {
        assert_eq!(whole_number("3.0"), Some(3));
        assert_eq!(whole_number("-1"), Some(-1));
        assert_eq!(whole_number("2.5"), None);
        assert_eq!(whole_number("x"), None);
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let table = Table::read(b"\xEF\xBB\xBFa,b\n1,\"two\nlines\"\n3,4\n", "t.csv").unwrap();
        let rows: Vec<_> = table.rows().map(|r| (r.number, r.text(1).to_string())).collect();
        assert_eq!(rows, [(2, "two\nlines".to_string()), (3, "4".to_string())]);
        assert!(table.has("A"), "the byte-order mark is not part of the first header");
    }

    #[test]
    fn headers_match_whatever_their_case_spaces_or_underscores() {
        let table = Table::read(b"paid,ref ,terr prov\n1,0,1\n", "t.csv").unwrap();
        assert_eq!(table.column("ref"), Some(1));
        assert_eq!(table.column("terr_prov"), Some(2));
        assert_eq!(table.column("PAID"), Some(0));
    }

    #[test]
    fn semicolons_between_columns_are_understood() {
        let table = Table::read(b"a;b\n1,5;2\n", "t.csv").unwrap();
        let row = table.rows().next().unwrap();
        assert_eq!((row.text(0), row.text(1)), ("1,5", "2"));
    }

    #[test]
    fn a_row_with_cells_missing_is_named() {
        let error = Table::read(b"a,b\n1,2\n3\n", "t.csv").err().unwrap();
        assert!(matches!(error, DatasetError::Malformed { row: 3, .. }), "{error}");
    }

    #[test]
    fn text_that_is_not_utf8_is_named_by_its_row() {
        let error = Table::read(b"a,b\n1,2\n3,C\xf4te\n", "t.csv").err().unwrap();
        assert!(matches!(error, DatasetError::NotUtf8 { row: 3, .. }), "{error}");
        let error = Table::read(b"\xFF\xFEa\0", "t.csv").err().unwrap();
        assert!(matches!(error, DatasetError::Utf16 { .. }), "{error}");
    }

    #[test]
    fn an_empty_file_and_a_header_alone_are_refused() {
        assert!(matches!(Table::read(b"", "t.csv"), Err(DatasetError::Empty { .. })));
        assert!(matches!(Table::read(b"\xEF\xBB\xBF \n", "t.csv"), Err(DatasetError::Empty { .. })));
        assert!(matches!(Table::read(b"a,b\n", "t.csv"), Err(DatasetError::NoRows { .. })));
    }
}
