//! Dates as the datasets write them. A column of `dd/mm/yyyy` and one of `mm/dd/yyyy` look
//! alike row by row, so the form is decided from every date of a file at once; a file that
//! mixes forms, or whose form no date gives away, is refused with the rows named. A date
//! that does not exist (31 February) costs only its row, named.

use chrono::{Datelike, NaiveDate};

use crate::model::rules;
use crate::model::{EventDate, Precision};

use super::error::{CellProblem, DatasetError, FormRows, Rows};
use super::table::whole_number;

/// How a file writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Iso,
    DayFirst,
    MonthFirst,
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Self::Iso => "yyyy-mm-dd",
            Self::DayFirst => "dd/mm/yyyy",
            Self::MonthFirst => "mm/dd/yyyy",
        }
    }
}

/// A date cell: where it is and what it says.
pub(crate) struct Cell<'a> {
    pub column: &'a str,
    pub row: usize,
    pub text: &'a str,
}

enum Shape {
    /// `yyyy`, `yyyy-mm` or `yyyy-mm-dd`, perhaps with a midnight time after it.
    Iso,
    /// Two numbers and a year, in an order to be decided.
    Slashed {
        first: u32,
        second: u32,
    },
    Unreadable,
}

fn shape(text: &str) -> Shape {
    let date = text.strip_suffix(" 00:00:00").or_else(|| text.strip_suffix("T00:00:00")).unwrap_or(text);
    if iso_parts(date).is_some() {
        return Shape::Iso;
    }
    match slashed_parts(text) {
        Some((first, second, _)) => Shape::Slashed { first, second },
        None => Shape::Unreadable,
    }
}

fn digits(part: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok())?
}

fn iso_parts(text: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let mut parts = text.split('-');
    let year = digits(parts.next()?, 4..=4)?;
    let mut next = || match parts.next() {
        Some(part) => digits(part, 1..=2).map(Some),
        None => Some(None),
    };
    let (month, day) = (next()?, next()?);
    if parts.next().is_some() {
        return None;
    }
    Some((year, month, day))
}

fn slashed_parts(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.split('/');
    let first = digits(parts.next()?, 1..=2)?;
    let second = digits(parts.next()?, 1..=2)?;
    let year = digits(parts.next()?, 4..=4)?;
    parts.next().is_none().then_some((first, second, year))
}

/// The form of every date of a file. `None` when the file holds no date at all. A cell in
/// no date form at all ("1990s") does not count; its row is refused when it is read.
pub(crate) fn decide(file: &str, cells: &[Cell<'_>]) -> Result<Option<Form>, DatasetError> {
    let (mut iso, mut slashed, mut day_first, mut month_first) = (vec![], vec![], vec![], vec![]);
    for cell in cells {
        match shape(cell.text) {
            Shape::Iso => iso.push(cell),
            Shape::Slashed { first, second } => {
                if first > 12 {
                    day_first.push(cell);
                }
                if second > 12 {
                    month_first.push(cell);
                }
                slashed.push(cell);
            }
            Shape::Unreadable => {}
        }
    }
    let rows = |cells: &[&Cell<'_>]| {
        let mut rows: Vec<usize> = cells.iter().map(|c| c.row).collect();
        rows.sort_unstable();
        rows.dedup();
        Rows { rows }
    };
    let columns = |cells: &[&Cell<'_>]| {
        let mut names: Vec<&str> = vec![];
        for cell in cells {
            if !names.contains(&cell.column) {
                names.push(cell.column);
            }
        }
        names.join(", ")
    };
    if !iso.is_empty() && !slashed.is_empty() {
        let all: Vec<&Cell<'_>> = iso.iter().chain(&slashed).copied().collect();
        let slashed_form =
            if month_first.is_empty() { Form::DayFirst.name() } else { "dd/mm/yyyy or mm/dd/yyyy" };
        return Err(DatasetError::MixedDateForms {
            file: file.to_string(),
            column: columns(&all),
            forms: Box::new([
                FormRows { form: Form::Iso.name(), rows: rows(&iso) },
                FormRows { form: slashed_form, rows: rows(&slashed) },
            ]),
        });
    }
    if !iso.is_empty() {
        return Ok(Some(Form::Iso));
    }
    if slashed.is_empty() {
        return Ok(None);
    }
    match (day_first.is_empty(), month_first.is_empty()) {
        (false, false) => {
            let all: Vec<&Cell<'_>> = day_first.iter().chain(&month_first).copied().collect();
            Err(DatasetError::MixedDateForms {
                file: file.to_string(),
                column: columns(&all),
                forms: Box::new([
                    FormRows { form: Form::DayFirst.name(), rows: rows(&day_first) },
                    FormRows { form: Form::MonthFirst.name(), rows: rows(&month_first) },
                ]),
            })
        }
        (false, true) => Ok(Some(Form::DayFirst)),
        (true, false) => Ok(Some(Form::MonthFirst)),
        (true, true) => Err(DatasetError::UndecidedDateForm {
            file: file.to_string(),
            column: columns(&slashed),
            rows: rows(&slashed),
        }),
    }
}

/// Reads one date in the form decided for its file, if the file has one.
pub(crate) fn read_in(form: Option<Form>, cell: &Cell<'_>) -> Result<EventDate, CellProblem> {
    match form {
        Some(form) => read(form, cell),
        None => Err(bad_date(cell, "write dates as yyyy-mm-dd or dd/mm/yyyy".into())),
    }
}

/// Reads one date in the form decided for its file; a date that does not exist, or has
/// not happened yet, is refused.
pub(crate) fn read(form: Form, cell: &Cell<'_>) -> Result<EventDate, CellProblem> {
    let text = cell.text.strip_suffix(" 00:00:00").or_else(|| cell.text.strip_suffix("T00:00:00"));
    let text = text.unwrap_or(cell.text);
    let parts = match form {
        Form::Iso => iso_parts(text),
        Form::DayFirst => slashed_parts(text).map(|(d, m, y)| (y, Some(m), Some(d))),
        Form::MonthFirst => slashed_parts(text).map(|(m, d, y)| (y, Some(m), Some(d))),
    };
    let Some((year, month, day)) = parts else {
        return Err(bad_date(cell, format!("the file's dates are written {}", form.name())));
    };
    let (month_known, day_known) = (month.unwrap_or(1), day.unwrap_or(1));
    let precision = match (month, day) {
        (None, _) => Precision::Year,
        (Some(_), None) => Precision::Month,
        _ => Precision::Day,
    };
    let date = NaiveDate::from_ymd_opt(year as i32, month_known, day_known).ok_or_else(|| {
        bad_date(cell, format!("there is no such day; the file's dates are {}", form.name()))
    })?;
    checked(cell, EventDate::new(date, precision))
}

/// A date given as year, month and day columns, where `-1` is unknown and `0` not
/// applicable: `2014, -1, -1` is the year 2014. `None` when the year is not known.
pub(crate) fn from_parts(cells: [&Cell<'_>; 3]) -> Result<Option<EventDate>, CellProblem> {
    let number = |cell: &Cell<'_>| {
        if cell.text.is_empty() {
            return Ok(-1);
        }
        whole_number(cell.text).ok_or_else(|| bad_date(cell, "not a number".into()))
    };
    let [year_cell, month_cell, day_cell] = cells;
    let (year, month, day) = (number(year_cell)?, number(month_cell)?, number(day_cell)?);
    if year <= 0 {
        return Ok(None);
    }
    if !(1000..=9999).contains(&year) {
        return Err(bad_date(year_cell, "not a year".into()));
    }
    if month <= 0 {
        let date = NaiveDate::from_ymd_opt(year as i32, 1, 1).expect("1 January exists");
        return checked(year_cell, EventDate::new(date, Precision::Year)).map(Some);
    }
    let first = NaiveDate::from_ymd_opt(year as i32, month as u32, 1)
        .ok_or_else(|| bad_date(month_cell, "there is no such month".into()))?;
    if day <= 0 {
        return checked(month_cell, EventDate::new(first, Precision::Month)).map(Some);
    }
    let date = u32::try_from(day).ok().and_then(|d| first.with_day(d)).ok_or_else(|| {
        bad_date(day_cell, format!("{} has no day {day}", EventDate::new(first, Precision::Month)))
    })?;
    checked(day_cell, EventDate::day(date)).map(Some)
}

fn checked(cell: &Cell<'_>, date: EventDate) -> Result<EventDate, CellProblem> {
    rules::has_happened(date, rules::today()).map_err(|_| bad_date(cell, "it is in the future".into()))?;
    Ok(date)
}

fn bad_date(cell: &Cell<'_>, why: String) -> CellProblem {
    CellProblem {
        column: cell.column.to_string(),
        value: cell.text.to_string(),
        expected: format!("a date ({why})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(texts: &'a [&'a str]) -> Vec<Cell<'a>> {
        texts.iter().enumerate().map(|(i, text)| Cell { column: "Dat", row: i + 2, text }).collect()
    }

    fn date(text: &str) -> EventDate {
        text.parse().unwrap()
    }

    #[test]
    fn iso_dates_are_iso_whatever_else() {
        assert_eq!(decide("f", &cells(&["2015-02-12", "1990-01-01", "2001-05"])).unwrap(), Some(Form::Iso));
        let cell = Cell { column: "Dat", row: 2, text: "2015-02-12 00:00:00" };
        assert_eq!(read(Form::Iso, &cell).unwrap(), date("2015-02-12"));
    }

    #[test]
    fn one_day_after_the_twelfth_tells_the_order_of_the_whole_column() {
        let day_first = cells(&["02/03/2015", "12/02/2015", "13/01/2015"]);
        assert_eq!(decide("f", &day_first).unwrap(), Some(Form::DayFirst));
        assert_eq!(read(Form::DayFirst, &day_first[1]).unwrap(), date("2015-02-12"));
        let month_first = cells(&["2/12/2015", "1/31/1999"]);
        assert_eq!(decide("f", &month_first).unwrap(), Some(Form::MonthFirst));
        assert_eq!(read(Form::MonthFirst, &month_first[0]).unwrap(), date("2015-02-12"));
    }

    #[test]
    fn a_column_that_cannot_be_told_is_refused_with_its_rows() {
        let error = decide("f.csv", &cells(&["02/03/2015", "12/02/2015"])).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, DatasetError::UndecidedDateForm { .. }), "{message}");
        assert!(message.contains("rows 2, 3"), "{message}");
    }

    #[test]
    fn mixed_forms_are_refused_with_the_rows_of_each() {
        let error = decide("f.csv", &cells(&["2015-02-12", "13/02/2015", "2015-02-13"])).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("yyyy-mm-dd (rows 2, 4)"), "{message}");
        assert!(message.contains("dd/mm/yyyy (row 3)"), "{message}");
        let error = decide("f.csv", &cells(&["13/02/2015", "02/13/2015"])).unwrap_err().to_string();
        assert!(error.contains("dd/mm/yyyy (row 2)") && error.contains("mm/dd/yyyy (row 3)"), "{error}");
    }

    #[test]
    fn impossible_and_unreadable_dates_name_their_column() {
        let cell = Cell { column: "Dat", row: 7, text: "31/02/2015" };
        let error = read(Form::DayFirst, &cell).unwrap_err().to_string();
        assert!(
            error.starts_with("column Dat: \"31/02/2015\" is not a date (there is no such day"),
            "{error}"
        );
        let unreadable = cells(&["2015-02-12", "12 Feb 2015"]);
        assert_eq!(decide("f.csv", &unreadable).unwrap(), Some(Form::Iso));
        assert!(read(Form::Iso, &unreadable[1]).unwrap_err().to_string().contains("yyyy-mm-dd"));
        let cell = Cell { column: "Dat", row: 2, text: "2999-01-01" };
        assert!(read(Form::Iso, &cell).unwrap_err().to_string().contains("future"));
    }

    #[test]
    fn parts_with_unknowns_give_a_month_or_a_year() {
        let parts = |y, m, d| {
            let (y, m, d) = (
                Cell { column: "y", row: 2, text: y },
                Cell { column: "m", row: 2, text: m },
                Cell { column: "d", row: 2, text: d },
            );
            from_parts([&y, &m, &d])
        };
        assert_eq!(parts("2014", "9", "5").unwrap(), Some(date("2014-09-05")));
        assert_eq!(parts("2014", "9", "-1").unwrap(), Some(date("2014-09")));
        assert_eq!(parts("2014", "-1", "-1").unwrap(), Some(date("2014")));
        assert_eq!(parts("2014", "-1", "17").unwrap(), Some(date("2014")));
        assert_eq!(parts("-1", "-1", "-1").unwrap(), None);
        assert_eq!(parts("0", "0", "0").unwrap(), None);
        assert_eq!(parts("2014.0", "9.0", "5").unwrap(), Some(date("2014-09-05")));
        let error = parts("2015", "2", "30").unwrap_err().to_string();
        assert!(error.contains("column d") && error.contains("February 2015 has no day 30"), "{error}");
        assert!(parts("2015", "13", "1").unwrap_err().to_string().contains("column m"));
    }
}
