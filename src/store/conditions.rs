//! The `condition` table: conditions parties set on proposals.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;
use uuid::Uuid;

use crate::error::{Error, InField, Result};
use crate::model::rules;
use crate::model::{Change, Condition, ConditionStatus, NewCondition};

use super::{columns, events, parties, proposals, revisions, sources};
use crate::model::stamp;

/// A condition as the window shows it: parties named by the party they are one with.
const SELECT: &str = "SELECT c.id, c.uuid, c.proposal, r.id AS raised_by, r.name AS raised_by_name,
                             d.id AS directed_at, d.name AS directed_at_name, c.text, c.kind, c.category
                      FROM condition c
                      JOIN party r0 ON r0.id = c.raised_by
                      JOIN party r ON r.id = coalesce(r0.canonical, r0.id)
                      LEFT JOIN party d0 ON d0.id = c.directed_at
                      LEFT JOIN party d ON d.id = coalesce(d0.canonical, d0.id)";

fn from_row(row: &Row) -> rusqlite::Result<Condition> {
    Ok(Condition {
        id: row.get("id")?,
        uuid: columns::uuid(row, "uuid")?,
        proposal: row.get("proposal")?,
        raised_by: row.get("raised_by")?,
        raised_by_name: row.get("raised_by_name")?,
        directed_at: row.get("directed_at")?,
        directed_at_name: row.get("directed_at_name")?,
        text: row.get("text")?,
        kind: row.get("kind")?,
        category: row.get("category")?,
    })
}

/// The one statement that writes a condition, for a condition typed in and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO condition (uuid, proposal, raised_by, directed_at, text, kind, category, recorded_at, recorded_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

pub(super) fn insert(conn: &Connection, condition: &NewCondition, recorded_by: &str) -> Result<i64> {
    let proposal = proposals::get(conn, condition.proposal)?;
    let text = validate(conn, condition)?;
    rules::has_happened(condition.raised_on, rules::today()).in_field("date")?;
    rules::not_before_proposal(condition.raised_on, proposal.proposed_on).in_field("date")?;
    let sources = sources::resolve(conn, &condition.sources, recorded_by)?;
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        condition.proposal,
        condition.raised_by,
        condition.directed_at,
        text,
        condition.kind,
        condition.category,
        stamp::now(),
        recorded_by,
    ])?;
    let id = conn.last_insert_rowid();
    let raised = events::Entry {
        proposal: condition.proposal,
        change: Change::Condition { condition: id, status: ConditionStatus::Raised },
        occurred_on: condition.raised_on,
        note: condition.note.trim(),
        extension: None,
        violation: None,
    };
    events::insert(conn, &raised, &sources, recorded_by)?;
    Ok(id)
}

/// Changes a condition's wording, parties, kind or category, its earlier values kept in a
/// revision.
pub(super) fn edit(conn: &Connection, id: i64, condition: &NewCondition, recorded_by: &str) -> Result<()> {
    get(conn, id)?;
    let text = validate(conn, condition)?;
    let after = json!({
        "raised_by": revisions::uuid_of(conn, "party", Some(condition.raised_by))?,
        "directed_at": revisions::uuid_of(conn, "party", condition.directed_at)?,
        "text": text,
        "kind": condition.kind,
        "category": condition.category,
    });
    revisions::edit(conn, "condition", id, parties::object(after), recorded_by)?;
    Ok(())
}

/// Validates the parts of a condition an edit may change, and gives its trimmed text.
fn validate(conn: &Connection, condition: &NewCondition) -> Result<String> {
    let text = rules::required(&condition.text).in_field("text")?.to_string();
    parties::exists(conn, condition.raised_by)?;
    if let Some(party) = condition.directed_at {
        parties::exists(conn, party)?;
    }
    Ok(text)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Condition> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "condition", name: id.to_string() })
}

/// The conditions raised on a proposal that were recorded by `known`, oldest first.
pub(crate) fn of_proposal(conn: &Connection, proposal: i64, known: &str) -> Result<Vec<Condition>> {
    let mut statement = conn
        .prepare_cached(&format!("{SELECT} WHERE c.proposal = ?1 AND c.recorded_at <= ?2 ORDER BY c.id"))?;
    let conditions =
        statement.query_map(params![proposal, known], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(conditions)
}
