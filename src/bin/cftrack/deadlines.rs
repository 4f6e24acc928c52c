//! `cftrack deadlines`: the ceasefires whose clock runs out soon, or has run out.

use clap::Args;

use super::input::viewpoint;
use super::table::Table;
use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::model::{Deadline, Vocabulary};
use ceasefire_tracker::report::text;
use ceasefire_tracker::store::Store;

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// The date to count from (default: today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Only what ends within this many days (and what has run out); every clock without it.
    #[arg(long, value_name = "DAYS")]
    within: Option<i64>,
    /// Print JSON (vocabulary codes, ISO dates) instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: DeadlinesArgs) -> Result<Output> {
    let viewpoint = viewpoint(args.as_of.as_deref(), None)?;
    let deadlines = store.deadlines(viewpoint, args.within)?;
    if args.json {
        return Ok(Output::json(&deadlines));
    }
    if deadlines.is_empty() {
        let within = args.within.map(|days| format!(" within {}", text::days(days))).unwrap_or_default();
        return Ok(Output::text(format!(
            "No ceasefire in effect on {} ends{within} or has run out.\n",
            text::day(viewpoint.as_of)
        )));
    }
    let mut table = Table::new(&["Id", "Title", "Status", "Ends", "Left"]);
    for deadline in &deadlines {
        table.row(vec![
            deadline.id.to_string(),
            deadline.title.clone(),
            deadline.status.label().to_string(),
            deadline.ends_on.human(),
            left(deadline),
        ]);
    }
    Ok(Output::text(table.render()))
}

/// "3 days left", "last day", "overdue by 9 days", or the end's month when the day is not known.
pub fn left(deadline: &Deadline) -> String {
    match deadline.days_left {
        _ if deadline.overdue => match deadline.days_left {
            Some(days) => format!("overdue by {}", text::days(-days)),
            None => "overdue".to_string(),
        },
        Some(0) => "last day".to_string(),
        Some(days) => format!("{} left", text::days(days)),
        None => format!("ends in {}", deadline.ends_on.human()),
    }
}
