//! The latest event per proposal, per party's stance or per condition, as seen from a
//! viewpoint: one set-based query each, whatever the number of proposals.

use std::collections::HashMap;

use rusqlite::{named_params, Connection, Row};

use crate::error::Result;
use crate::model::{ConditionStatus, EventDate, ProposalStatus, Role, Stance, Viewpoint};
use crate::store::{columns, stamp};

/// Which events a viewpoint sees: those of the proposals in `first..=last` that happened by
/// `as_of`, were recorded by `known` and were not retracted by then.
pub(crate) struct Scope {
    pub as_of: String,
    pub known: String,
    first: i64,
    last: i64,
}

impl Scope {
    /// Every proposal, or only `proposal`.
    pub(crate) fn new(viewpoint: Viewpoint, proposal: Option<i64>) -> Self {
        let (first, last) = proposal.map_or((i64::MIN, i64::MAX), |id| (id, id));
        Self {
            as_of: viewpoint.as_of.to_string(),
            known: stamp::known_bound(viewpoint.known_on),
            first,
            last,
        }
    }
}

const VISIBLE: &str = "e.proposal BETWEEN :first AND :last AND e.occurred_on <= :as_of
                       AND e.recorded_at <= :known AND (e.retracted_at IS NULL OR e.retracted_at > :known)";

/// Runs `select` over the latest visible event of `kind` per `partition`; `select` reads
/// from the ranked events as `l`, and may join more tables after `{latest}`.
fn latest<T>(
    conn: &Connection,
    scope: &Scope,
    kind: Option<&str>,
    partition: &str,
    select: &str,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let kind = kind.map(|kind| format!("e.kind = '{kind}' AND")).unwrap_or_default();
    let ranked = format!(
        "(SELECT e.*, row_number() OVER (
              PARTITION BY {partition} ORDER BY e.occurred_on DESC, e.recorded_at DESC, e.id DESC) AS rank
          FROM event e WHERE {kind} {VISIBLE}) AS l"
    );
    let sql = select.replace("{latest}", &ranked);
    let mut statement = conn.prepare(&format!("{sql} AND l.rank = 1"))?;
    let params = named_params! {
        ":first": scope.first, ":last": scope.last, ":as_of": scope.as_of, ":known": scope.known,
    };
    let rows = statement.query_map(params, map)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) struct LatestStatus {
    pub proposal: i64,
    pub status: ProposalStatus,
    pub since: EventDate,
}

pub(crate) fn statuses(conn: &Connection, scope: &Scope) -> Result<Vec<LatestStatus>> {
    latest(conn, scope, Some("status"), "e.proposal", "SELECT l.* FROM {latest} WHERE 1", |row| {
        Ok(LatestStatus {
            proposal: row.get("proposal")?,
            status: row.get("status")?,
            since: columns::event_date(row, "occurred_on")?,
        })
    })
}

pub(crate) struct LatestStance {
    pub proposal: i64,
    pub party_id: i64,
    pub party: String,
    pub stance: Stance,
    pub role: Role,
    pub since: EventDate,
    pub note: String,
}

pub(crate) fn stances(conn: &Connection, scope: &Scope) -> Result<Vec<LatestStance>> {
    let select = "SELECT l.*, p.name AS party_name FROM {latest} JOIN party p ON p.id = l.party WHERE 1";
    latest(conn, scope, Some("stance"), "e.proposal, e.party", select, |row| {
        Ok(LatestStance {
            proposal: row.get("proposal")?,
            party_id: row.get("party")?,
            party: row.get("party_name")?,
            stance: row.get("stance")?,
            role: row.get("role")?,
            since: columns::event_date(row, "occurred_on")?,
            note: row.get("note")?,
        })
    })
}

pub(crate) struct LatestConditionStatus {
    pub proposal: i64,
    pub condition: i64,
    pub status: ConditionStatus,
    pub since: EventDate,
}

pub(crate) fn condition_statuses(conn: &Connection, scope: &Scope) -> Result<Vec<LatestConditionStatus>> {
    latest(conn, scope, Some("condition"), "e.condition", "SELECT l.* FROM {latest} WHERE 1", |row| {
        Ok(LatestConditionStatus {
            proposal: row.get("proposal")?,
            condition: row.get("condition")?,
            status: row.get("condition_status")?,
            since: columns::event_date(row, "occurred_on")?,
        })
    })
}

/// The date of each proposal's latest event of any kind.
pub(crate) fn last_changes(conn: &Connection, scope: &Scope) -> Result<HashMap<i64, EventDate>> {
    let rows = latest(conn, scope, None, "e.proposal", "SELECT l.* FROM {latest} WHERE 1", |row| {
        Ok((row.get("proposal")?, columns::event_date(row, "occurred_on")?))
    })?;
    Ok(rows.into_iter().collect())
}
