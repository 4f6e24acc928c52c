//! The `proposal` table: ceasefire proposals as they were put forward.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;
use uuid::Uuid;

use crate::error::{Error, InField, InputError, Result};
use crate::model::rules;
use crate::model::{Change, NewProposal, Proposal, ProposalStatus, Stance};

use super::{columns, events, parties, revisions, sources};
use crate::model::stamp;

/// The names of all who proposed the proposal aliased `p`, whose first proposer's party is
/// aliased `b`: "Qatar, Egypt, United States".
pub(super) fn proposers_sql(p: &str, b: &str) -> String {
    format!(
        "{b}.name || coalesce((SELECT ', ' || string_agg(c.name, ', ' ORDER BY cp.position)
                               FROM co_proposer cp JOIN party c0 ON c0.id = cp.party
                               JOIN party c ON c.id = coalesce(c0.canonical, c0.id)
                               WHERE cp.proposal = {p}.id), '')"
    )
}

/// A proposal as the window shows it: its proposers named by the parties they are one with.
static SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT p.id, p.uuid, p.title, p.summary, p.full_text, b.id AS proposed_by,
                {proposers} AS proposed_by_name, p.proposed_on, p.proposed_on_precision, p.kind,
                p.scope, p.duration_days, p.process, p.supersedes, s.title AS supersedes_title,
                (SELECT json_group_array(coalesce(c0.canonical, c0.id) ORDER BY cp.position)
                 FROM co_proposer cp JOIN party c0 ON c0.id = cp.party WHERE cp.proposal = p.id) AS co_proposers,
                p.phase_of, d.title AS phase_of_title, p.phase
         FROM proposal p
         JOIN party b0 ON b0.id = p.proposed_by
         JOIN party b ON b.id = coalesce(b0.canonical, b0.id)
         LEFT JOIN proposal s ON s.id = p.supersedes
         LEFT JOIN proposal d ON d.id = p.phase_of",
        proposers = proposers_sql("p", "b")
    )
});

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
        co_proposers: serde_json::from_str(&row.get::<_, String>("co_proposers")?).unwrap_or_default(),
        phase_of: row.get("phase_of")?,
        phase_of_title: row.get("phase_of_title")?,
        phase: row.get("phase")?,
    })
}

/// The one statement that writes a co-proposer, for a proposal typed in and for an import alike.
pub(super) const CO_PROPOSER: &str =
    "INSERT INTO co_proposer (proposal, party, position) VALUES (?1, ?2, ?3)";

/// The one statement that writes a proposal, for a proposal typed in and for an import alike.
pub(super) const INSERT: &str =
    "INSERT INTO proposal (uuid, title, summary, full_text, proposed_by, proposed_on, proposed_on_precision,
                           kind, scope, duration_days, process, supersedes, recorded_at, recorded_by,
                           phase_of, phase)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

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
        proposal.phase_of,
        proposal.phase,
    ])?;
    let id = conn.last_insert_rowid();
    let first = |change| events::Entry {
        proposal: id,
        change,
        occurred_on: proposal.proposed_on,
        note: "",
        extension: None,
        violation: None,
    };
    events::insert(conn, &first(Change::Status { status: ProposalStatus::Floated }), &sources, recorded_by)?;
    let stance = Change::Stance {
        party: proposal.proposed_by,
        stance: Stance::Proposer,
        role: proposal.proposer_role,
    };
    events::insert(conn, &first(stance), &sources, recorded_by)?;
    let mut co_proposer = conn.prepare_cached(CO_PROPOSER)?;
    for (position, &party) in proposal.co_proposers.iter().enumerate() {
        co_proposer.execute(params![id, party, position as i64 + 1])?;
        let stance = Change::Stance { party, stance: Stance::Proposer, role: proposal.proposer_role };
        events::insert(conn, &first(stance), &sources, recorded_by)?;
    }
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
        "co_proposers": proposal
            .co_proposers
            .iter()
            .map(|&party| revisions::uuid_of(conn, "party", Some(party)))
            .collect::<Result<Vec<_>>>()?,
        "phase_of": revisions::uuid_of(conn, "proposal", proposal.phase_of)?,
        "phase": proposal.phase,
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
    rules::title(&title).in_field("title")?;
    rules::has_happened(proposal.proposed_on, rules::today()).in_field("date")?;
    parties::exists(conn, proposal.proposed_by)?;
    if let Some(days) = proposal.duration_days {
        rules::duration(days).in_field("duration_days")?;
    }
    for (i, &party) in proposal.co_proposers.iter().enumerate() {
        parties::exists(conn, party)?;
        if party == proposal.proposed_by || proposal.co_proposers[..i].contains(&party) {
            return Err(Error::invalid("proposed_by", InputError::ProposerTwice));
        }
    }
    validate_phase(conn, id, proposal)?;
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

/// A phase belongs to a deal that exists, has a number no other phase of the deal has, and
/// is not a phase of itself or of one of its own phases.
fn validate_phase(conn: &Connection, id: Option<i64>, proposal: &NewProposal) -> Result<()> {
    let (deal, number) = match (proposal.phase_of, proposal.phase) {
        (None, None) => return Ok(()),
        (Some(deal), Some(number)) => (deal, number),
        (Some(_), None) => return Err(Error::invalid("phase", InputError::PhaseNumberMissing)),
        (None, Some(_)) => return Err(Error::invalid("phase_of", InputError::PhaseOfMissing)),
    };
    if number < 1 {
        return Err(Error::invalid("phase", InputError::NotAPhaseNumber(number)));
    }
    let mut next = Some(deal);
    while let Some(current) = next {
        if Some(current) == id {
            return Err(Error::invalid("phase_of", InputError::PhaseCircle));
        }
        next = conn
            .query_row("SELECT phase_of FROM proposal WHERE id = ?1", [current], |row| row.get(0))
            .optional()?
            .ok_or_else(|| {
                Error::invalid("phase_of", InputError::NoSuchNumber { what: "proposal", id: current })
            })?;
    }
    let taken: Option<String> = conn
        .query_row(
            "SELECT title FROM proposal WHERE phase_of = ?1 AND phase = ?2 AND id IS NOT ?3",
            params![deal, number, id],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(title) = taken {
        return Err(Error::invalid("phase", InputError::PhaseTaken { number, title }));
    }
    Ok(())
}

pub(super) fn get(conn: &Connection, id: i64) -> Result<Proposal> {
    conn.query_row(&format!("{} WHERE p.id = ?1", *SELECT), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "proposal", name: id.to_string() })
}

pub(super) fn list(conn: &Connection) -> Result<Vec<Proposal>> {
    let mut statement = conn.prepare(&format!("{} ORDER BY p.id", *SELECT))?;
    let proposals = statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(proposals)
}

pub(super) fn find(conn: &Connection, id_or_title: &str) -> Result<Proposal> {
    let wanted = id_or_title.trim();
    if let Ok(id) = wanted.parse::<i64>() {
        return get(conn, id);
    }
    let mut statement = conn.prepare(&format!("{} WHERE p.title = ?1", *SELECT))?;
    let mut found = statement.query_map([wanted], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::NotFound { what: "proposal", name: wanted.to_string() }),
        count => Err(Error::Ambiguous { what: "proposal", name: wanted.to_string(), count }),
    }
}

/// The names of the conflicts and peace processes proposals belong to, in order.
pub(super) fn processes(conn: &Connection) -> Result<Vec<String>> {
    let mut statement =
        conn.prepare("SELECT DISTINCT process FROM proposal WHERE process <> '' ORDER BY process")?;
    let names = statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// The ids of the proposals recorded under the process `name`.
pub(crate) fn of_process(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut statement = conn.prepare_cached("SELECT id FROM proposal WHERE process = ?1")?;
    let ids = statement.query_map([name], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// How many days the proposal's ceasefire is to last, if set.
pub(crate) fn duration(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT duration_days FROM proposal WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?)
}

/// The phases of the deal `id`: each one's id and number, in order.
pub(crate) fn phases(conn: &Connection, id: i64) -> Result<Vec<(i64, i64)>> {
    let mut statement =
        conn.prepare_cached("SELECT id, phase FROM proposal WHERE phase_of = ?1 ORDER BY phase, id")?;
    let phases =
        statement.query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(phases)
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
