//! The proposals list a part at a time: filtered, ordered and cut in SQL, so that the
//! window holds only the rows it shows and a page costs about the same at 1,000 proposals
//! as at 100,000.
//!
//! A page is read in two steps: the ids of its proposals, in order, from the filter and
//! the order alone; then the lines of those ids only (their proposers, counts and clock).
//! As of a date, the lines come from `standing`. As known on a past time they are worked
//! out from the events (as [`super::summaries`] does) into a temporary table, and the same
//! filter and order run over that: the list has one definition of which proposal matches
//! and which comes first.

use std::collections::HashMap;

use rusqlite::types::ToSql;
use rusqlite::Connection;

use super::{event_summaries, standing_join, standing_summaries, watch, Lines};
use crate::error::Result;
use crate::model::{ListOrder, ListRequest, ProposalStatus, ProposalSummary, Vocabulary};

/// The part of the list `request` asks for, and how many proposals match in all.
pub(crate) fn page(conn: &Connection, request: &ListRequest) -> Result<(u32, Vec<ProposalSummary>)> {
    let source = Source::of(conn, request)?;
    let filter = Filter::new(request, &source);
    let as_of = request.viewpoint.as_of.to_string();
    let mut params = filter.params();
    params.push((":as_of", &as_of));
    params.push((":limit", &request.limit));
    params.push((":offset", &request.offset));
    // Only the words look at the proposers' names: without any, the ids come without the
    // joins that give them, which at 100,000 proposals is a third of the time.
    let from = if filter.words.is_empty() { &source.lean } else { &source.from };
    let ids = conn
        .prepare_cached(&format!(
            "SELECT p.id {from} {where_} ORDER BY {order} LIMIT :limit OFFSET :offset",
            where_ = filter.sql,
            order = order_sql(request.order)
        ))?
        .query_map(params.as_slice(), |row| row.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // A page that is not full ends the list, and says how long it is; otherwise the
    // matches are counted apart, with no order to keep (counting beside the rows of the
    // page would order every match).
    let ends_the_list =
        (ids.len() as u64) < u64::from(request.limit) && (request.offset == 0 || !ids.is_empty());
    let total = if ends_the_list {
        request.offset + ids.len() as u32
    } else {
        conn.prepare_cached(&format!("SELECT count(*) {from} {where_}", where_ = filter.sql))?
            .query_row(&params[..params.len() - 2], |row| row.get(0))?
    };
    let lines = match source.known {
        Some(lines) => lines,
        None => standing_summaries(conn, request.viewpoint, Lines::Some(&ids))?,
    };
    let mut by_id: HashMap<i64, ProposalSummary> = lines.into_iter().map(|line| (line.id, line)).collect();
    let mut lines: Vec<ProposalSummary> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    watch(conn, &mut lines, request.viewpoint, None)?;
    Ok((total, lines))
}

/// Where proposal `id` is in the list `request` describes (counting from 0), whatever its
/// offset and limit; `None` when it is not in it.
pub(crate) fn position(conn: &Connection, request: &ListRequest, id: i64) -> Result<Option<u32>> {
    let source = Source::of(conn, request)?;
    let filter = Filter::new(request, &source);
    let as_of = request.viewpoint.as_of.to_string();
    let mut params = filter.params();
    params.push((":id", &id));
    params.push((":as_of", &as_of));
    let sql = format!(
        "SELECT n FROM (SELECT p.id, row_number() OVER (ORDER BY {order}) - 1 AS n {from} {where_})
         WHERE id = :id",
        order = order_sql(request.order),
        from = source.from,
        where_ = filter.sql
    );
    match conn.prepare_cached(&sql)?.query_row(params.as_slice(), |row| row.get::<_, u32>(0)) {
        Ok(n) => Ok(Some(n)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Where the lines are read from: `p` the proposal, `b` its proposer, `s` its standing.
struct Source {
    from: String,
    /// The same without the proposers' names, for a request with no words to look for.
    lean: String,
    /// The text a word is looked for in: title, proposers and process.
    haystack: &'static str,
    /// Whether the joint proposers are looked in apart (they are not in `haystack`).
    co_proposers: bool,
    /// As known on a past time: every line, worked out already.
    known: Option<Vec<ProposalSummary>>,
}

impl Source {
    fn of(conn: &Connection, request: &ListRequest) -> Result<Self> {
        Ok(match request.viewpoint.known_on {
            None => Self {
                from: format!(
                    "FROM proposal p
                     JOIN party b0 ON b0.id = p.proposed_by JOIN party b ON b.id = coalesce(b0.canonical, b0.id)
                     {lines}",
                    lines = standing_join(conn, &request.viewpoint.as_of.to_string())?
                ),
                lean: format!(
                    "FROM proposal p {lines}",
                    lines = standing_join(conn, &request.viewpoint.as_of.to_string())?
                ),
                haystack: "p.title || ' ' || b.name || ' ' || p.process",
                co_proposers: conn.query_row("SELECT EXISTS (SELECT 1 FROM co_proposer)", [], |row| row.get(0))?,
                known: None,
            },
            Some(_) => Self {
                from: "FROM temp.known_line p JOIN temp.known_line s ON s.id = p.id".to_string(),
                lean: "FROM temp.known_line p JOIN temp.known_line s ON s.id = p.id".to_string(),
                haystack: "p.title || ' ' || p.proposers || ' ' || p.process",
                co_proposers: false,
                known: Some(known_table(conn, request)?),
            },
        })
    }
}

/// The WHERE clause of a request's status and words, with its parameters.
struct Filter {
    sql: String,
    statuses: Option<String>,
    /// Each word in lower case, and the statuses whose name holds it (a JSON array of codes).
    words: Vec<(String, String)>,
}

impl Filter {
    fn new(request: &ListRequest, source: &Source) -> Self {
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
        for ((word, named), (_, codes)) in WORDS.iter().zip(&words) {
            let named_any = codes != "[]";
            let co_proposers = if source.co_proposers {
                format!(
                    " OR EXISTS (SELECT 1 FROM co_proposer cp JOIN party c0 ON c0.id = cp.party
                                 JOIN party c ON c.id = coalesce(c0.canonical, c0.id)
                                 WHERE cp.proposal = p.id AND instr(folded(c.name), {word}) > 0)"
                )
            } else {
                String::new()
            };
            let status = if named_any {
                format!(" OR s.status IN (SELECT value FROM json_each({named}))")
            } else {
                String::new()
            };
            sql.push_str(&format!(
                " AND (instr(folded({haystack}), {word}) > 0{co_proposers}{status})",
                haystack = source.haystack
            ));
        }
        Self { sql, statuses, words }
    }

    fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
        if let Some(statuses) = &self.statuses {
            params.push((":statuses", statuses));
        }
        for ((word, named), (word_name, named_name)) in self.words.iter().zip(WORDS) {
            params.push((word_name, word));
            if named != "[]" {
                params.push((named_name, named));
            }
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

/// Newest change first, then by title: among the proposals of one day, the order of their
/// titles as stored, which is cheap; by title, ignoring case in every script.
fn order_sql(order: ListOrder) -> &'static str {
    match order {
        ListOrder::LastChange => "s.last_change IS NULL, s.last_change DESC, p.title, p.id",
        ListOrder::Title => "folded(p.title), p.id",
    }
}

/// Works out the lines as known on the request's time into `temp.known_line`, and gives them.
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
