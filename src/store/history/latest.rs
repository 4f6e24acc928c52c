//! The latest event per proposal, per party's stance or per condition, as seen from a
//! viewpoint: one set-based query each, whatever the number of proposals.
//!
//! Each query lists the keys (proposals, proposal-party pairs, conditions) and picks each
//! key's latest event with a correlated subquery that walks an index of `event` backwards
//! from the date asked, which stays fast with a million events.

use rusqlite::{named_params, Connection, Row};

use crate::error::Result;
use crate::model::stamp;
use crate::model::{
    ConditionStatus, EventDate, ImplementationLevel, ProposalStatus, Role, Stance, Viewpoint,
};
use crate::store::columns;

/// Which events a viewpoint sees: those of the proposals in `first..=last` that happened by
/// `as_of`, were recorded by `known` and were not retracted by then.
pub(crate) struct Scope {
    pub as_of: String,
    pub known: String,
    pub first: i64,
    pub last: i64,
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

/// The columns of the latest event, read by position: these queries read tens of
/// thousands of rows, and a lookup by name searches the columns on every read.
const COLUMNS: &str =
    "l.id, l.proposal, l.status, l.canonical_party, l.stance, l.role, l.condition, l.condition_status,
                       l.occurred_on, l.occurred_on_precision, l.note, l.recorded_at";
const ID: usize = 0;
const PROPOSAL: usize = 1;
const STATUS: usize = 2;
const PARTY: usize = 3;
const STANCE: usize = 4;
const ROLE: usize = 5;
const CONDITION: usize = 6;
const CONDITION_STATUS: usize = 7;
const OCCURRED_ON: usize = 8;
const NOTE: usize = 10;
const RECORDED_AT: usize = 11;
/// The first of the `extra` columns.
const EXTRA: usize = 12;

/// Where an event stands in the order "latest wins": its date, then when it was recorded,
/// then its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rank {
    pub occurred_on: EventDate,
    recorded_at: String,
    id: i64,
}

impl Rank {
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(Self {
            occurred_on: columns::event_date_at(row, OCCURRED_ON)?,
            recorded_at: row.get(RECORDED_AT)?,
            id: row.get(ID)?,
        })
    }

    /// Compares by the first day, not the precision, as the history does.
    pub(crate) fn key(&self) -> (chrono::NaiveDate, &str, i64) {
        (self.occurred_on.first_day(), &self.recorded_at, self.id)
    }
}

/// Runs a query over `keys` (a subquery aliased `k`), each joined as `l` to its latest
/// visible event among those `matching` it; `joins` may add tables and `extra` columns.
fn latest<T>(
    conn: &Connection,
    scope: &Scope,
    keys: &str,
    matching: &str,
    joins: &str,
    extra: &str,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let sql = format!(
        "SELECT {COLUMNS}{extra} FROM {keys} AS k
         JOIN event l ON l.id = (
             SELECT e.id FROM event e
             WHERE {matching} AND e.occurred_on <= :as_of
               AND e.recorded_at <= :known AND (e.retracted_at IS NULL OR e.retracted_at > :known)
             ORDER BY e.occurred_on DESC, e.recorded_at DESC, e.id DESC LIMIT 1)
         {joins}"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let params = named_params! {
        ":first": scope.first, ":last": scope.last, ":as_of": scope.as_of, ":known": scope.known,
    };
    let rows = statement.query_map(params, map)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) struct LatestStatus {
    pub proposal: i64,
    pub status: ProposalStatus,
    pub rank: Rank,
}

pub(crate) fn statuses(conn: &Connection, scope: &Scope) -> Result<Vec<LatestStatus>> {
    let keys = "(SELECT id AS proposal FROM proposal WHERE id BETWEEN :first AND :last)";
    let matching = "e.proposal = k.proposal AND e.kind = 'status'";
    latest(conn, scope, keys, matching, "", "", |row| {
        Ok(LatestStatus {
            proposal: row.get(PROPOSAL)?,
            status: row.get(STATUS)?,
            rank: Rank::from_row(row)?,
        })
    })
}

pub(crate) struct LatestStance {
    pub proposal: i64,
    pub party_id: i64,
    pub party: String,
    pub stance: Stance,
    pub role: Role,
    pub note: String,
    pub rank: Rank,
}

pub(crate) fn stances(conn: &Connection, scope: &Scope) -> Result<Vec<LatestStance>> {
    // A party and those it is one with take one stance: the latest of any of them.
    let keys = "(SELECT DISTINCT proposal, canonical_party FROM event
                 WHERE kind = 'stance' AND proposal BETWEEN :first AND :last)";
    let matching = "e.proposal = k.proposal AND e.canonical_party = k.canonical_party AND e.kind = 'stance'";
    let joins = "JOIN party p ON p.id = l.canonical_party";
    latest(conn, scope, keys, matching, joins, ", p.name AS party_name", |row| {
        Ok(LatestStance {
            proposal: row.get(PROPOSAL)?,
            party_id: row.get(PARTY)?,
            party: row.get(EXTRA)?,
            stance: row.get(STANCE)?,
            role: row.get(ROLE)?,
            note: row.get(NOTE)?,
            rank: Rank::from_row(row)?,
        })
    })
}

pub(crate) struct LatestImplementation {
    pub proposal: i64,
    pub condition: i64,
    pub level: ImplementationLevel,
    pub rank: Rank,
}

/// Each condition's latest implementation entry, where it has one.
pub(crate) fn implementations(conn: &Connection, scope: &Scope) -> Result<Vec<LatestImplementation>> {
    let keys = "(SELECT DISTINCT condition FROM event
                 WHERE kind = 'implementation' AND proposal BETWEEN :first AND :last)";
    let matching = "e.condition = k.condition AND e.kind = 'implementation'";
    latest(conn, scope, keys, matching, "", ", l.level", |row| {
        Ok(LatestImplementation {
            proposal: row.get(PROPOSAL)?,
            condition: row.get(CONDITION)?,
            level: row.get(EXTRA)?,
            rank: Rank::from_row(row)?,
        })
    })
}

pub(crate) struct LatestConditionStatus {
    pub proposal: i64,
    pub condition: i64,
    pub status: ConditionStatus,
    pub rank: Rank,
}

pub(crate) fn condition_statuses(conn: &Connection, scope: &Scope) -> Result<Vec<LatestConditionStatus>> {
    let keys = "(SELECT id AS condition FROM condition WHERE proposal BETWEEN :first AND :last)";
    let matching = "e.condition = k.condition AND e.kind = 'condition'";
    latest(conn, scope, keys, matching, "", "", |row| {
        Ok(LatestConditionStatus {
            proposal: row.get(PROPOSAL)?,
            condition: row.get(CONDITION)?,
            status: row.get(CONDITION_STATUS)?,
            rank: Rank::from_row(row)?,
        })
    })
}
