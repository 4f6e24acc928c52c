//! The printed reports: the proposal status report, the overview of all proposals and the
//! changes briefing between two dates.
//!
//! Two steps: [`gather`] reads what a report shows from the store into a [`Report`], and
//! [`render_report`] turns that into HTML (a print-ready briefing), CSV or JSON without
//! touching the store, so the look of a report can be checked on data made by hand.

mod csv;
mod gather;
mod html;
mod json;
pub mod process;
pub mod text;

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, InputError, Result};
use crate::model::{
    Deadline, EventDate, HistoryEntry, ProposalState, ProposalStatus, ProposalSummary, Viewpoint,
};
use crate::store::Store;

pub use gather::gather;
use process::ProcessTimeline;

/// What the window or `cftrack` asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// The date the report is as of, and optionally the time it is as known on. The
    /// changes briefing is as of its `to` date and only takes `known_on` from here.
    pub viewpoint: Viewpoint,
    pub paper: Paper,
}

/// Which report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    /// One section per proposal; no proposal ids means every proposal made by the date.
    Status {
        #[ts(type = "Array<number>")]
        proposals: Vec<i64>,
    },
    /// One line per proposal, optionally only those in one status.
    Overview { status: Option<ProposalStatus> },
    /// What happened from `from` to `to`, both days included, by proposal.
    Changes {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
    /// Every proposal of one conflict or peace process on one time axis.
    Process { name: String },
}

/// The paper the report is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page` size.
    fn css_size(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::Letter => "letter",
        }
    }
}

/// The form a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Format {
    /// A printable document with its print CSS inside.
    Html,
    /// For spreadsheets: the overview and the changes briefing.
    Csv,
    /// For scripts: every report, with vocabulary codes and ISO dates.
    Json,
}

impl FromStr for Paper {
    type Err = InputError;

    /// `a4` or `letter`, as typed at the command line.
    fn from_str(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Self::A4),
            "letter" => Ok(Self::Letter),
            _ => Err(unknown("paper size", text, "a4, letter")),
        }
    }
}

impl FromStr for Format {
    type Err = InputError;

    /// `html`, `csv` or `json`, as typed at the command line.
    fn from_str(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(Self::Html),
            "csv" => Ok(Self::Csv),
            "json" => Ok(Self::Json),
            _ => Err(unknown("report format", text, "html, csv, json")),
        }
    }
}

fn unknown(vocabulary: &'static str, word: &str, known: &str) -> InputError {
    InputError::UnknownWord { vocabulary, word: word.to_string(), known: known.to_string() }
}

/// A report's content, gathered and ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub viewpoint: Viewpoint,
    #[serde(skip)]
    pub paper: Paper,
    pub generated_at: DateTime<Utc>,
    /// When each source cited in the report was published, by source id; the notes print it.
    #[serde(skip)]
    pub published: BTreeMap<i64, EventDate>,
    #[serde(flatten)]
    pub body: ReportBody,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum ReportBody {
    /// Each proposal's state as of the date, its history cut to what was known then.
    Status {
        proposals: Vec<ProposalState>,
    },
    Overview {
        status: Option<ProposalStatus>,
        proposals: Vec<ProposalSummary>,
    },
    Changes {
        from: NaiveDate,
        to: NaiveDate,
        proposals: Vec<ProposalChanges>,
        /// The ceasefires whose clock ran out in the period and that were still in effect at
        /// its end, with no extension or follow-up recorded; the earliest end first.
        deadlines: Vec<Deadline>,
    },
    Process(ProcessTimeline),
}

/// One proposal's part of the changes briefing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalChanges {
    pub id: i64,
    pub title: String,
    /// Where the proposal stood at the end of the period.
    pub status: Option<ProposalStatus>,
    pub status_since: Option<EventDate>,
    /// Its clock at the end of the period, while in effect: the last day covered, the days
    /// left then, and whether it was past its end.
    pub ends_on: Option<EventDate>,
    pub days_left: Option<i64>,
    pub overdue: bool,
    /// The entries that happened in the period, oldest first.
    pub entries: Vec<HistoryEntry>,
}

/// Gathers and renders a report in one go: what the window and `cftrack` call.
pub fn render(store: &Store, request: &ReportRequest, format: Format) -> Result<String> {
    refuse_bad_request(request, format)?;
    let report = gather(store, request)?;
    render_report(&report, format)
}

/// Writes a gathered report in `format`.
pub fn render_report(report: &Report, format: Format) -> Result<String> {
    match format {
        Format::Html => Ok(html::document(report)),
        Format::Csv => csv::document(report),
        Format::Json => Ok(json::document(report)),
    }
}

/// Refuses a request before anything is read: a period that ends before it starts, or a
/// form the report does not come in.
fn refuse_bad_request(request: &ReportRequest, format: Format) -> Result<()> {
    if let ReportKind::Changes { from, to } = request.kind {
        if from > to {
            return Err(Error::invalid(
                "from",
                InputError::PeriodBackwards { from: from.to_string(), to: to.to_string() },
            ));
        }
    }
    if format == Format::Csv && matches!(request.kind, ReportKind::Status { .. }) {
        return Err(csv::no_status_form());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(kind: ReportKind) -> ReportRequest {
        let as_of = NaiveDate::from_ymd_opt(2025, 3, 18).unwrap();
        ReportRequest { kind, viewpoint: Viewpoint::as_of(as_of), paper: Paper::A4 }
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused_on_from() {
        let from = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
        let to = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
        let err = refuse_bad_request(&request(ReportKind::Changes { from, to }), Format::Html).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert_eq!(err.field(), Some("from"));
        assert!(err.to_string().contains("2025-03-20"), "{err}");
    }

    #[test]
    fn a_one_day_period_is_accepted() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 13).unwrap();
        assert!(refuse_bad_request(&request(ReportKind::Changes { from: day, to: day }), Format::Csv).is_ok());
    }

    #[test]
    fn the_status_report_has_no_csv_form_but_has_json() {
        let status = request(ReportKind::Status { proposals: vec![] });
        assert_eq!(refuse_bad_request(&status, Format::Csv).unwrap_err().field(), Some("format"));
        assert!(refuse_bad_request(&status, Format::Json).is_ok());
    }

    #[test]
    fn formats_and_paper_sizes_read_as_typed() {
        assert_eq!("CSV".parse::<Format>().unwrap(), Format::Csv);
        assert_eq!("letter".parse::<Paper>().unwrap(), Paper::Letter);
        let err = "pdf".parse::<Format>().unwrap_err().to_string();
        assert!(err.contains("pdf") && err.contains("html, csv, json"), "{err}");
    }

    #[test]
    fn requests_read_as_the_window_sends_them() {
        let text = r#"{"kind":{"type":"changes","from":"2025-03-11","to":"2025-03-18"},
                      "viewpoint":{"as_of":"2025-03-18","known_on":null},"paper":"letter"}"#;
        let request: ReportRequest = serde_json::from_str(text).unwrap();
        assert_eq!(request.paper, Paper::Letter);
        assert!(matches!(request.kind, ReportKind::Changes { .. }));
        let overview = r#"{"kind":{"type":"overview","status":"in_effect"},
                          "viewpoint":{"as_of":"2025-03-18","known_on":null},"paper":"a4"}"#;
        let request: ReportRequest = serde_json::from_str(overview).unwrap();
        assert_eq!(request.kind, ReportKind::Overview { status: Some(ProposalStatus::InEffect) });
    }
}
