//! `cftrack report`: the printed reports as HTML, and their data as CSV or JSON.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::input;
use super::Output;
use ceasefire_tracker::error::{Error, InputError, Result};
use ceasefire_tracker::report::{self, Format, Paper, ReportKind, ReportRequest};
use ceasefire_tracker::store::Store;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["proposal", "all", "changes", "process"])))]
pub struct ReportArgs {
    /// The proposal status report of one proposal, by id or title.
    proposal: Option<String>,
    /// The overview: one line per proposal (with --format html, the status report of every
    /// proposal is --all --full).
    #[arg(long)]
    all: bool,
    /// With --all and --format html: every proposal's full status report instead of the
    /// overview.
    #[arg(long, requires = "all")]
    full: bool,
    /// Only proposals in this status (overview).
    #[arg(long, value_name = "STATUS", requires = "all")]
    status: Option<String>,
    /// The changes briefing: what happened from FROM to TO (YYYY-MM-DD..YYYY-MM-DD).
    #[arg(long, value_name = "FROM..TO")]
    changes: Option<String>,
    /// The process timeline: every proposal of this conflict or peace process on one time
    /// axis, phases under their deal, an arrow to the proposal that replaced one.
    #[arg(long, value_name = "NAME")]
    process: Option<String>,
    /// The date the report is as of (default: today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Only what had been recorded by this time (YYYY-MM-DD or an RFC 3339 timestamp).
    #[arg(long, value_name = "TIME")]
    known_on: Option<String>,
    /// html, csv or json (the status report comes as html or json).
    #[arg(long, default_value = "html")]
    format: String,
    /// a4 or letter.
    #[arg(long, default_value = "a4")]
    paper: String,
    /// Write to this file instead of standard output (`-` is standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(store: &Store, args: ReportArgs) -> Result<Output> {
    let format: Format = args.format.parse().map_err(|problem| Error::invalid("format", problem))?;
    let paper: Paper = args.paper.parse().map_err(|problem| Error::invalid("paper", problem))?;
    let viewpoint = input::viewpoint(args.as_of.as_deref(), args.known_on.as_deref())?;
    let kind = if let Some(name) = args.process {
        ReportKind::Process { name }
    } else if let Some(range) = &args.changes {
        let (from, to) = date_range(range)?;
        ReportKind::Changes { from, to }
    } else if args.all && args.full {
        ReportKind::Status { proposals: Vec::new() }
    } else if args.all {
        let status = args.status.as_deref().map(|text| input::word("status", text)).transpose()?;
        ReportKind::Overview { status }
    } else {
        let name = args.proposal.as_deref().unwrap_or_default();
        ReportKind::Status { proposals: vec![store.find_proposal(name)?.id] }
    };
    let text = report::render(store, &ReportRequest { kind, viewpoint, paper }, format)?;
    Output::to(args.output, text, true)
}

/// `FROM..TO`, two days; the core refuses a FROM after TO.
fn date_range(text: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || Error::invalid("changes", InputError::NotADateRange(text.to_string()));
    let (from, to) = text.split_once("..").ok_or_else(bad)?;
    let day = |part: &str| NaiveDate::parse_from_str(part.trim(), "%Y-%m-%d").map_err(|_| bad());
    Ok((day(from)?, day(to)?))
}
