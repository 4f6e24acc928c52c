//! `cftrack source`: where facts were reported.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::input::{date, is_url};
use super::table::Table;
use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::model::{EventDate, NewSource, Source};
use ceasefire_tracker::store::Store;

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Record a source; prints its id. Events name it with --source URL_OR_TITLE.
    Add(AddSource),
    /// Every source.
    List {
        /// Print JSON (vocabulary codes, ISO dates) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddSource {
    /// Its title, as published.
    title: String,
    /// Who published it (a newspaper, an agency, a ministry).
    #[arg(long, value_name = "NAME", default_value = "", hide_default_value = true)]
    outlet: String,
    /// Where it can be read.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// When it was published: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
}

/// A source in `source list --json`.
#[derive(Debug, Serialize)]
struct SourceJson<'a> {
    id: i64,
    uuid: String,
    title: &'a str,
    outlet: &'a str,
    url: Option<&'a str>,
    published_on: Option<EventDate>,
}

impl SourceCommand {
    pub fn only_reads(&self) -> bool {
        matches!(self, Self::List { .. })
    }
}

pub fn run(store: &mut Store, command: SourceCommand) -> Result<Output> {
    match command {
        SourceCommand::Add(args) => add(store, args),
        SourceCommand::List { json } => list(store, json),
    }
}

fn add(store: &mut Store, args: AddSource) -> Result<Output> {
    let published_on = args.published.as_deref().map(|text| date("published", text)).transpose()?;
    let url = args.url.filter(|url| !url.trim().is_empty());
    let source = NewSource { title: args.title, outlet: args.outlet, url, published_on };
    Ok(Output::id(store.add_source(&source)?))
}

fn list(store: &Store, json: bool) -> Result<Output> {
    let sources = store.sources()?;
    if json {
        return Ok(Output::json(&sources.iter().map(source_json).collect::<Vec<_>>()));
    }
    if sources.is_empty() {
        return Ok(Output::text(
            "No sources yet. Add one with: cftrack source add TITLE --outlet NAME --url URL\n",
        ));
    }
    let mut table = Table::new(&["Id", "Title", "Outlet", "Published", "URL"]);
    for source in &sources {
        // A source recorded from its URL alone has the URL as its title; show it once.
        let url = source.url.clone().filter(|url| !(is_url(&source.title) && *url == source.title));
        table.row(vec![
            source.id.to_string(),
            source.title.clone(),
            source.outlet.clone(),
            source.published_on.map(EventDate::human).unwrap_or_default(),
            url.unwrap_or_default(),
        ]);
    }
    Ok(Output::text(table.render()))
}

fn source_json(source: &Source) -> SourceJson<'_> {
    SourceJson {
        id: source.id,
        uuid: source.uuid.to_string(),
        title: &source.title,
        outlet: &source.outlet,
        url: source.url.as_deref(),
        published_on: source.published_on,
    }
}
