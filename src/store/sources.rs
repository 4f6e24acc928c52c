//! The `source` table: where a fact was reported, and which entries cite it.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::error::{Error, InField, InputError, Result};
use crate::model::rules;
use crate::model::{EventDate, NewSource, Retraction, Source, SourceChoice};

use super::columns;
use crate::model::stamp;

const SELECT: &str =
    "SELECT s.id, s.uuid, s.title, s.outlet, s.url, s.published_on, s.published_on_precision,
                             s.recorded_by, s.retracted_at, s.retraction_reason,
                             (SELECT recorded_by FROM retraction WHERE entry = s.uuid
                              ORDER BY recorded_at, uuid LIMIT 1) AS retracted_by
                      FROM source s";

fn from_row(row: &Row) -> rusqlite::Result<Source> {
    let retraction = match row.get::<_, Option<String>>("retracted_at")? {
        Some(_) => Some(Retraction {
            at: columns::time_at(row, 8)?,
            reason: row.get("retraction_reason")?,
            recorded_by: row.get::<_, Option<String>>("retracted_by")?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Source {
        id: row.get("id")?,
        uuid: columns::uuid(row, "uuid")?,
        title: row.get("title")?,
        outlet: row.get("outlet")?,
        url: row.get("url")?,
        published_on: columns::optional_event_date(row, "published_on")?,
        recorded_by: row.get("recorded_by")?,
        retraction,
    })
}

/// Changes a source's title, outlet, link or date, its earlier values kept in a revision.
pub(super) fn edit(conn: &Connection, id: i64, source: &NewSource, recorded_by: &str) -> Result<()> {
    let id = canonical(conn, id)?;
    let title = rules::required(&source.title).in_field("title")?;
    rules::title(title).in_field("title")?;
    if let Some(date) = source.published_on {
        rules::has_happened(date, rules::today()).in_field("date")?;
    }
    let url = source.url.as_deref().map(str::trim).filter(|url| !url.is_empty());
    let after = serde_json::json!({
        "title": title,
        "outlet": source.outlet.trim(),
        "url": url,
        "published_on": source.published_on.map(|date| date.iso()),
    });
    super::revisions::edit(conn, "source", id, super::parties::object(after), recorded_by)?;
    Ok(())
}

/// Takes back a source entered by mistake: it stays, struck through, and is offered no more.
pub(super) fn retract(conn: &Connection, id: i64, reason: &str, recorded_by: &str) -> Result<()> {
    let reason = rules::required(reason).in_field("reason")?;
    let id = canonical(conn, id)?;
    let (uuid, at): (String, Option<String>) =
        conn.query_row("SELECT uuid, retracted_at FROM source WHERE id = ?1", [id], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    if let Some(at) = at {
        return Err(Error::AlreadyRetracted { event: id, at });
    }
    super::retractions::record(conn, "source", &uuid, reason, recorded_by)
}

/// The source `id` is one with (itself, unless another has the same link).
fn canonical(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row("SELECT coalesce(canonical, id) FROM source WHERE id = ?1", [id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "source", name: id.to_string() })
}

/// The source `id`, or the one it is one with.
pub(super) fn get(conn: &Connection, id: i64) -> Result<Source> {
    let id = canonical(conn, id)?;
    Ok(conn.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)?)
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
    rules::title(title).in_field(form.field("title"))?;
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
    let mut statement =
        conn.prepare(&format!("{SELECT} WHERE s.canonical IS NULL ORDER BY s.title, s.id"))?;
    let sources = statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(sources)
}

/// The sources whose title or link holds every word of the request (ignoring case), by
/// title, and how many there are in all.
pub(super) fn page(conn: &Connection, request: &crate::model::NameRequest) -> Result<(u32, Vec<Source>)> {
    let words = super::words_json(&request.text);
    let wanted = "s.canonical IS NULL
           AND NOT EXISTS (SELECT 1 FROM json_each(?1) w
                           WHERE instr(folded(s.title || ' ' || coalesce(s.url, '')), w.value) = 0)";
    let total = conn
        .prepare_cached(&format!("SELECT count(*) FROM source s WHERE {wanted}"))?
        .query_row([&words], |row| row.get(0))?;
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE {wanted} ORDER BY folded(s.title), s.id LIMIT ?2 OFFSET ?3"
    ))?;
    let sources = statement
        .query_map(params![words, request.limit, request.offset], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total, sources))
}

/// At most `limit` sources whose title or URL holds `text` (ignoring case), by title; the
/// source `find` gives for `text` comes first. Walks the titles in order and stops at `limit`.
pub(super) fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Source>> {
    let wanted = text.trim();
    let exact = find(conn, wanted)?;
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE (instr(folded(s.title), folded(?1)) > 0 OR instr(folded(s.url), folded(?1)) > 0)
           AND s.canonical IS NULL AND s.retracted_at IS NULL
         ORDER BY s.title, s.id LIMIT ?2"
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
            &format!(
                "{SELECT} WHERE (s.url = ?1 OR s.title = ?1) AND s.canonical IS NULL AND s.retracted_at IS NULL
                 ORDER BY s.url = ?1 DESC, s.id LIMIT 1"
            ),
            [wanted],
            from_row,
        )
        .optional()?;
    Ok(found)
}
