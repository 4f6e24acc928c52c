//! The `proposal` table: ceasefire proposals as they were put forward.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;
use uuid::Uuid;

use crate::error::{Error, InField, InputError, Result};
use crate::model::rules;
use crate::model::{Change, NewProposal, Proposal, ProposalStatus, Stance};

use super::{columns, events, parties, revisions, sources};
use crate::model::stamp;

const SELECT: &str = "SELECT p.id, p.uuid, p.title, p.summary, p.full_text, b.id AS proposed_by,
                             b.name AS proposed_by_name, p.proposed_on, p.proposed_on_precision, p.kind,
                             p.scope, p.duration_days, p.process, p.supersedes, s.title AS supersedes_title
                      FROM proposal p
                      JOIN party b0 ON b0.id = p.proposed_by
                      JOIN party b ON b.id = coalesce(b0.canonical, b0.id)
                      LEFT JOIN proposal s ON s.id = p.supersedes";

fn from_row(row: &Row) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: row.get("id")?,
        uuid: columns::uuid(row, "uuid")?,
        title: row.get("title")?,
        summary: row.get("summary")?,
        full_text: row.get("full_text")?,
        proposed_by: row.get("proposed_by")?,
        proposed_by_name: row.get("proposed_by_name")?,
        proposed_on: columns::event_date(row, "proposed_on")?,
        kind: row.get("kind")?,
        scope: row.get("scope")?,
        duration_days: row.get("duration_days")?,
        process: row.get("process")?,
        supersedes: row.get("supersedes")?,
        supersedes_title: row.get("supersedes_title")?,
    })
}

/// The one statement that writes a proposal, for a proposal typed in and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO proposal (uuid, title, summary, full_text, proposed_by, proposed_on, proposed_on_precision,
                           kind, scope, duration_days, process, supersedes, recorded_at, recorded_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

pub(super) fn insert(conn: &Connection, proposal: &NewProposal, recorded_by: &str) -> Result<i64> {
    let title = validate(conn, None, proposal)?;
    let sources = sources::resolve(conn, &proposal.sources, recorded_by)?;
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        title,
        proposal.summary.trim(),
        full_text(proposal),
        proposal.proposed_by,
        proposal.proposed_on.first_day().to_string(),
        proposal.proposed_on.precision().code(),
        proposal.kind,
        proposal.scope.trim(),
        proposal.duration_days,
        proposal.process.trim(),
        proposal.supersedes,
        stamp::now(),
        recorded_by,
    ])?;
    let id = conn.last_insert_rowid();
    let first = |change| events::Entry { proposal: id, change, occurred_on: proposal.proposed_on, note: "" };
    events::insert(conn, &first(Change::Status { status: ProposalStatus::Floated }), &sources, recorded_by)?;
    let stance = Change::Stance {
        party: proposal.proposed_by,
        stance: Stance::Proposer,
        role: proposal.proposer_role,
    };
    events::insert(conn, &first(stance), &sources, recorded_by)?;
    Ok(id)
}

pub(super) fn edit(conn: &Connection, id: i64, proposal: &NewProposal, recorded_by: &str) -> Result<()> {
    get(conn, id)?;
    let title = validate(conn, Some(id), proposal)?;
    // Moving the proposal's date past its events would leave them dated before it.
    let earliest: Option<String> = conn.query_row(
        "SELECT min(occurred_on) FROM event WHERE proposal = ?1 AND retracted_at IS NULL",
        [id],
        |row| row.get(0),
    )?;
    if let Some(earliest) = earliest {
        if proposal.proposed_on.first_day().to_string() > earliest {
            return Err(Error::invalid("date", InputError::EventsBefore { earliest }));
        }
    }
    let after = json!({
        "title": title,
        "summary": proposal.summary.trim(),
        "full_text": full_text(proposal),
        "proposed_by": revisions::uuid_of(conn, "party", Some(proposal.proposed_by))?,
        "proposed_on": proposal.proposed_on.iso(),
        "kind": proposal.kind,
        "scope": proposal.scope.trim(),
        "duration_days": proposal.duration_days,
        "process": proposal.process.trim(),
        "supersedes": revisions::uuid_of(conn, "proposal", proposal.supersedes)?,
    });
    revisions::edit(conn, "proposal", id, parties::object(after), recorded_by)?;
    Ok(())
}

fn full_text(proposal: &NewProposal) -> Option<&str> {
    proposal.full_text.as_deref().map(str::trim).filter(|text| !text.is_empty())
}

/// Validates a new or edited proposal (`id` when edited) and gives its trimmed title.
fn validate(conn: &Connection, id: Option<i64>, proposal: &NewProposal) -> Result<String> {
    let title = rules::required(&proposal.title).in_field("title")?.to_string();
    rules::has_happened(proposal.proposed_on, rules::today()).in_field("date")?;
    parties::exists(conn, proposal.proposed_by)?;
    if let Some(days) = proposal.duration_days {
        rules::duration(days).in_field("duration_days")?;
    }
    if let Some(earlier) = proposal.supersedes {
        let mut next = Some(earlier);
        // Follow the lineage back: meeting this proposal would make it replace itself.
        while let Some(current) = next {
            if Some(current) == id {
                return Err(Error::invalid("supersedes", InputError::LineageCircle));
            }
            next = conn
                .query_row("SELECT supersedes FROM proposal WHERE id = ?1", [current], |row| row.get(0))
                .optional()?
                .ok_or_else(|| {
                    Error::invalid("supersedes", InputError::NoSuchNumber { what: "proposal", id: current })
                })?;
        }
    }
    Ok(title)
}

pub(super) fn get(conn: &Connection, id: i64) -> Result<Proposal> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "proposal", name: id.to_string() })
}

pub(super) fn list(conn: &Connection) -> Result<Vec<Proposal>> {
    let mut statement = conn.prepare(&format!("{SELECT} ORDER BY p.id"))?;
    let proposals = statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(proposals)
}

pub(super) fn find(conn: &Connection, id_or_title: &str) -> Result<Proposal> {
    let wanted = id_or_title.trim();
    if let Ok(id) = wanted.parse::<i64>() {
        return get(conn, id);
    }
    let mut statement = conn.prepare(&format!("{SELECT} WHERE p.title = ?1"))?;
    let mut found = statement.query_map([wanted], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::NotFound { what: "proposal", name: wanted.to_string() }),
        count => Err(Error::Ambiguous { what: "proposal", name: wanted.to_string(), count }),
    }
}

/// Proposals that replace `id`, visible to a reader who knew what was recorded by `known`.
pub(crate) fn superseded_by(
    conn: &Connection,
    id: i64,
    known: &str,
) -> Result<Vec<crate::model::ProposalRef>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, title FROM proposal WHERE supersedes = ?1 AND recorded_at <= ?2 ORDER BY proposed_on, id",
    )?;
    let refs = statement
        .query_map(params![id, known], |row| {
            Ok(crate::model::ProposalRef { id: row.get("id")?, title: row.get("title")? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(refs)
}

/// The proposal, if a reader who knew what was recorded by `known` would have seen it.
pub(crate) fn get_known(conn: &Connection, id: i64, known: &str) -> Result<Proposal> {
    let recorded: Option<String> = conn
        .query_row("SELECT recorded_at FROM proposal WHERE id = ?1", [id], |row| row.get(0))
        .optional()?;
    match recorded {
        Some(at) if at.as_str() <= known => get(conn, id),
        _ => Err(Error::NotFound { what: "proposal", name: id.to_string() }),
    }
}
