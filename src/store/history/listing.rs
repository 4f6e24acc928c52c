//! The proposals list a part at a time: filtered, ordered and cut in SQL, so that the
//! window holds only the rows it shows and a page costs about the same at 1,000 proposals
//! as at 100,000.
//!
//! As of a date, the lines come from `standing`. As known on a past time they are worked
//! out from the events (as [`super::summaries`] does) into a temporary table, and the same
//! filter and order run over that: the list has one definition of which proposal matches
//! and which comes first.

use rusqlite::types::ToSql;
use rusqlite::Connection;

use super::{event_summaries, proposals, standing_join, standing_line, watch, STANDING_COLUMNS};
use crate::error::Result;
use crate::model::{ListOrder, ListRequest, ProposalStatus, ProposalSummary, Vocabulary};

/// The part of the list `request` asks for, and how many proposals match in all.
pub(crate) fn page(conn: &Connection, request: &ListRequest) -> Result<(u32, Vec<ProposalSummary>)> {
    let filter = Filter::new(request);
    let (mut lines, total) = match request.viewpoint.known_on {
        None => standing_page(conn, request, &filter)?,
        Some(_) => known_page(conn, request, &filter)?,
    };
    watch(conn, &mut lines, request.viewpoint, None)?;
    Ok((total, lines))
}

/// Where proposal `id` is in the list `request` describes (counting from 0), whatever its
/// offset and limit; `None` when it is not in it.
pub(crate) fn position(conn: &Connection, request: &ListRequest, id: i64) -> Result<Option<u32>> {
    let filter = Filter::new(request);
    let order = order_sql(request.order);
    let sql = |from: &str| {
        format!(
            "SELECT n FROM (SELECT p.id, row_number() OVER (ORDER BY {order}) - 1 AS n {from} {where_}) WHERE id = :id",
            where_ = filter.sql
        )
    };
    let as_of = request.viewpoint.as_of.to_string();
    let mut params = filter.params();
    params.push((":id", &id as &dyn ToSql));
    params.push((":as_of", &as_of as &dyn ToSql));
    let found = match request.viewpoint.known_on {
        None => {
            let from = standing_from(conn, &as_of)?;
            conn.prepare(&sql(&from))?.query_row(params.as_slice(), |row| row.get::<_, u32>(0))
        }
        Some(_) => {
            known_table(conn, request)?;
            conn.prepare(&sql(KNOWN_FROM))?.query_row(params.as_slice(), |row| row.get::<_, u32>(0))
        }
    };
    match found {
        Ok(n) => Ok(Some(n)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// The WHERE clause of a request's status and words, with its parameters.
struct Filter {
    sql: String,
    statuses: Option<String>,
    /// Each word folded, and the statuses whose name holds it (a JSON array of codes).
    words: Vec<(String, String)>,
}

impl Filter {
    fn new(request: &ListRequest) -> Self {
        let mut sql = String::from("WHERE p.proposed_on <= :as_of");
        let statuses = request.statuses.as_ref().map(|statuses| codes(statuses.iter().copied()));
        if statuses.is_some() {
            sql.push_str(" AND s.status IN (SELECT value FROM json_each(:statuses))");
        }
        let words: Vec<(String, String)> = request
            .text
            .to_lowercase()
            .split_whitespace()
            .take(WORDS.len())
            .map(|word| {
                let named =
                    ProposalStatus::ALL.iter().copied().filter(|s| s.label().to_lowercase().contains(word));
                (word.to_string(), codes(named))
            })
            .collect();
        for i in 0..words.len() {
            sql.push_str(&format!(
                " AND (instr(folded(p.title || ' ' || p.proposers || ' ' || p.process), :word{i}) > 0
                       OR s.status IN (SELECT value FROM json_each(:named{i})))"
            ));
        }
        Self { sql, statuses, words }
    }

    fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
        if let Some(statuses) = &self.statuses {
            params.push((":statuses", statuses));
        }
        for (i, (word, named)) in self.words.iter().enumerate() {
            params.push((WORDS[i].0, word));
            params.push((WORDS[i].1, named));
        }
        params
    }
}

/// Parameter names for the words typed; words after the eighth are not looked for.
const WORDS: [(&str, &str); 8] = [
    (":word0", ":named0"),
    (":word1", ":named1"),
    (":word2", ":named2"),
    (":word3", ":named3"),
    (":word4", ":named4"),
    (":word5", ":named5"),
    (":word6", ":named6"),
    (":word7", ":named7"),
];

fn codes(statuses: impl Iterator<Item = ProposalStatus>) -> String {
    serde_json::to_string(&statuses.map(|s| s.code()).collect::<Vec<_>>()).expect("a list of words")
}

fn order_sql(order: ListOrder) -> &'static str {
    match order {
        ListOrder::LastChange => "s.last_change IS NULL, s.last_change DESC, folded(p.title), p.id",
        ListOrder::Title => "folded(p.title), p.id",
    }
}

fn standing_from(conn: &Connection, as_of: &str) -> Result<String> {
    let lines = standing_join(conn, as_of)?;
    Ok(format!(
        "FROM (SELECT p.*, {proposers} AS proposers FROM proposal p
               JOIN party b0 ON b0.id = p.proposed_by JOIN party b ON b.id = coalesce(b0.canonical, b0.id)) p
         {lines}",
        proposers = proposals::proposers_sql("p", "b")
    ))
}

fn standing_page(
    conn: &Connection,
    request: &ListRequest,
    filter: &Filter,
) -> Result<(Vec<ProposalSummary>, u32)> {
    let as_of = request.viewpoint.as_of.to_string();
    let from = standing_from(conn, &as_of)?;
    let columns = STANDING_COLUMNS.replace("{proposers}", "p.proposers");
    let sql = format!(
        "SELECT {columns}, count(*) OVER () AS total {from} {where_} ORDER BY {order} LIMIT :limit OFFSET :offset",
        where_ = filter.sql,
        order = order_sql(request.order)
    );
    let mut params = filter.params();
    params.push((":as_of", &as_of));
    params.push((":limit", &request.limit));
    params.push((":offset", &request.offset));
    let mut total = None;
    let mut statement = conn.prepare_cached(&sql)?;
    let lines = statement
        .query_map(params.as_slice(), |row| {
            total = Some(row.get::<_, u32>("total")?);
            standing_line(row, request.viewpoint)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = match total {
        Some(total) => total,
        // Past the end: the rows are none, but the count is still wanted.
        None => {
            let sql = format!("SELECT count(*) {from} {where_}", where_ = filter.sql);
            let params = &params[..params.len() - 2];
            conn.prepare_cached(&sql)?.query_row(params, |row| row.get(0))?
        }
    };
    Ok((lines, total))
}

/// The temporary table of the lines as known on a past time.
const KNOWN_FROM: &str = "FROM temp.known_line p LEFT JOIN temp.known_line s ON s.id = p.id";

/// Works out the lines as known on the request's time into `temp.known_line`.
fn known_table(conn: &Connection, request: &ListRequest) -> Result<Vec<ProposalSummary>> {
    let lines = event_summaries(conn, request.viewpoint)?;
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS known_line (
             id INTEGER PRIMARY KEY, title TEXT, proposers TEXT, process TEXT, proposed_on TEXT,
             status TEXT, last_change TEXT);
         DELETE FROM temp.known_line;",
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO temp.known_line (id, title, proposers, process, proposed_on, status, last_change)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for line in &lines {
        insert.execute(rusqlite::params![
            line.id,
            line.title,
            line.proposed_by,
            line.process,
            line.proposed_on.first_day().to_string(),
            line.status,
            line.last_change.map(|day| day.first_day().to_string()),
        ])?;
    }
    Ok(lines)
}

fn known_page(
    conn: &Connection,
    request: &ListRequest,
    filter: &Filter,
) -> Result<(Vec<ProposalSummary>, u32)> {
    let mut lines = known_table(conn, request)?;
    let as_of = request.viewpoint.as_of.to_string();
    let sql = format!(
        "SELECT p.id, count(*) OVER () AS total {KNOWN_FROM} {where_} ORDER BY {order} LIMIT :limit OFFSET :offset",
        where_ = filter.sql,
        order = order_sql(request.order)
    );
    let mut params = filter.params();
    params.push((":as_of", &as_of));
    params.push((":limit", &request.limit));
    params.push((":offset", &request.offset));
    let mut total = None;
    let ids = conn
        .prepare(&sql)?
        .query_map(params.as_slice(), |row| {
            total = Some(row.get::<_, u32>(1)?);
            row.get::<_, i64>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = match total {
        Some(total) => total,
        None => {
            let sql = format!("SELECT count(*) {KNOWN_FROM} {where_}", where_ = filter.sql);
            conn.prepare(&sql)?.query_row(&params[..params.len() - 2], |row| row.get(0))?
        }
    };
    let mut by_id: std::collections::HashMap<i64, ProposalSummary> =
        lines.drain(..).map(|l| (l.id, l)).collect();
    Ok((ids.iter().filter_map(|id| by_id.remove(id)).collect(), total))
}
