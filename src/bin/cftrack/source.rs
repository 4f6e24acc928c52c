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
    /// Change a source's title, outlet, link or date; earlier values are kept.
    Edit(EditSource),
    /// Take back a source entered by mistake: it stays, marked retracted, and is no longer
    /// offered for new entries.
    Retract {
        /// The source, by id, link or title.
        source: String,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
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

#[derive(Debug, Args)]
pub struct EditSource {
    /// The source, by id, link or title.
    source: String,
    #[arg(long, value_name = "TITLE")]
    title: Option<String>,
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Its link; `none` for none.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// When it was published; `none` for not known.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
}

/// A source named by id, link or title.
fn named(store: &Store, name: &str) -> Result<Source> {
    if let Ok(id) = name.trim().parse::<i64>() {
        return store.source(id);
    }
    store
        .find_source(name)?
        .ok_or_else(|| ceasefire_tracker::Error::NotFound { what: "source", name: name.to_string() })
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
    recorded_by: &'a str,
    retracted: bool,
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
        SourceCommand::Retract { source, reason } => {
            let source = named(store, &source)?;
            store.retract_source(source.id, &reason)?;
            Ok(Output::default())
        }
        SourceCommand::Edit(args) => {
            let source = named(store, &args.source)?;
            let edited = NewSource {
                title: args.title.unwrap_or(source.title),
                outlet: args.outlet.unwrap_or(source.outlet),
                url: match args.url.as_deref() {
                    None => source.url,
                    Some("none") => None,
                    Some(url) => Some(url.to_string()),
                },
                published_on: match args.published.as_deref() {
                    None => source.published_on,
                    Some("none") => None,
                    Some(text) => Some(date("published", text)?),
                },
            };
            store.edit_source(source.id, &edited)?;
            Ok(Output::default())
        }
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
        recorded_by: &source.recorded_by,
        retracted: source.retraction.is_some(),
    }
}
