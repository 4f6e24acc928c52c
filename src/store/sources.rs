//! The `source` table: where a fact was reported, and which entries cite it.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::error::{Error, InField, InputError, Result};
use crate::model::rules;
use crate::model::{EventDate, NewSource, Source, SourceChoice};

use super::columns;
use crate::model::stamp;

const SELECT: &str = "SELECT id, uuid, title, outlet, url, published_on, published_on_precision FROM source";

fn from_row(row: &Row) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get("id")?,
        uuid: columns::uuid(row, "uuid")?,
        title: row.get("title")?,
        outlet: row.get("outlet")?,
        url: row.get("url")?,
        published_on: columns::optional_event_date(row, "published_on")?,
    })
}

/// When each of the sources `ids` was published, for those whose date is known.
pub(super) fn published(conn: &Connection, ids: &BTreeSet<i64>) -> Result<BTreeMap<i64, EventDate>> {
    let mut statement =
        conn.prepare_cached("SELECT published_on, published_on_precision FROM source WHERE id = ?1")?;
    let mut dates = BTreeMap::new();
    for &id in ids {
        let date =
            statement.query_row([id], |row| columns::optional_event_date(row, "published_on")).optional()?;
        if let Some(Some(date)) = date {
            dates.insert(id, date);
        }
    }
    Ok(dates)
}

/// Where a new source was typed: its own form, or the "sources" field of another form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SourceForm {
    Own,
    Cited,
}

impl SourceForm {
    pub(super) fn field(self, own: &'static str) -> &'static str {
        match self {
            Self::Own => own,
            Self::Cited => "sources",
        }
    }
}

/// The one statement that writes a source, for a source typed in and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO source (uuid, title, outlet, url, published_on, published_on_precision, recorded_at, recorded_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// The one statement that writes that an event cites a source.
pub(super) const CITE: &str = "INSERT INTO event_source (event, source) VALUES (?1, ?2)";

pub(super) fn insert(
    conn: &Connection,
    source: &NewSource,
    form: SourceForm,
    recorded_by: &str,
) -> Result<i64> {
    let title = rules::required(&source.title).in_field(form.field("title"))?;
    if let Some(date) = source.published_on {
        rules::has_happened(date, rules::today()).in_field(form.field("date"))?;
    }
    let url = source.url.as_deref().map(str::trim).filter(|url| !url.is_empty());
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        title,
        source.outlet.trim(),
        url,
        source.published_on.map(|d| d.first_day().to_string()),
        source.published_on.map(|d| d.precision().code()),
        stamp::now(),
        recorded_by,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The ids of the sources an entry cites, recording the new ones; each cited once.
pub(super) fn resolve(conn: &Connection, choices: &[SourceChoice], recorded_by: &str) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(choices.len());
    for choice in choices {
        let id = match choice {
            SourceChoice::Known { id } => {
                let found: bool =
                    conn.query_row("SELECT EXISTS (SELECT 1 FROM source WHERE id = ?1)", [id], |r| r.get(0))?;
                if !found {
                    return Err(Error::invalid(
                        "sources",
                        InputError::NoSuchNumber { what: "source", id: *id },
                    ));
                }
                *id
            }
            SourceChoice::New { source } => insert(conn, source, SourceForm::Cited, recorded_by)?,
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Links an event to the sources it cites.
pub(super) fn cite(conn: &Connection, event: i64, sources: &[i64]) -> Result<()> {
    let mut statement = conn.prepare_cached(CITE)?;
    for source in sources {
        statement.execute([event, *source])?;
    }
    Ok(())
}

pub(super) fn list(conn: &Connection) -> Result<Vec<Source>> {
    let mut statement = conn.prepare(&format!("{SELECT} ORDER BY title, id"))?;
    let sources = statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(sources)
}

/// At most `limit` sources whose title or URL holds `text` (ignoring case), by title; the
/// source `find` gives for `text` comes first. Walks the titles in order and stops at `limit`.
pub(super) fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Source>> {
    let wanted = text.trim();
    let exact = find(conn, wanted)?;
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE instr(lower(title), lower(?1)) > 0 OR instr(lower(url), lower(?1)) > 0
         ORDER BY title, id LIMIT ?2"
    ))?;
    let found =
        statement.query_map(params![wanted, limit], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let first = exact.as_ref().map(|source| source.id);
    let sources = exact.into_iter().chain(found.into_iter().filter(|source| Some(source.id) != first));
    Ok(sources.take(limit as usize).collect())
}

/// A URL match wins over a title match; among equal titles the oldest source.
pub(super) fn find(conn: &Connection, url_or_title: &str) -> Result<Option<Source>> {
    let wanted = url_or_title.trim();
    let found = conn
        .query_row(
            &format!("{SELECT} WHERE url = ?1 OR title = ?1 ORDER BY url = ?1 DESC, id LIMIT 1"),
            [wanted],
            from_row,
        )
        .optional()?;
    Ok(found)
}
