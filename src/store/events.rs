//! The `event` table: status changes, stances and conditions' new statuses, with the
//! sources that reported them, and their retraction.

use std::collections::HashMap;

use rusqlite::types::ToSql;
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::error::{Error, InField, InputError, Result};
use crate::model::clock::{self, StatusStep};
use crate::model::rules;
use crate::model::{
    Change, EntryWords, EventDate, Extension, HistoryEntry, NewEvent, ProposalStatus, Recorded, Retraction,
    SourceRef, ViolationDetails, Vocabulary,
};

use super::{columns, conditions, parties, proposals, retractions, sources, standing};
use crate::model::stamp;

/// An event about to be written.
pub(super) struct Entry<'a> {
    pub proposal: i64,
    pub change: Change,
    pub occurred_on: EventDate,
    pub note: &'a str,
    pub extension: Option<Extension>,
    pub violation: Option<&'a ViolationDetails>,
}

/// The one statement that writes an event, for an event typed in and for an import alike.
/// A stance's `canonical_party` is the party its party is one with.
pub(super) const INSERT: &str =
    "INSERT INTO event (uuid, proposal, kind, status, party, stance, role, condition, condition_status,
                        occurred_on, occurred_on_precision, note, recorded_at, recorded_by, until,
                        until_precision, by_days, against, count, unit, place, disputed, level, canonical_party)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
             ?22, ?23, (SELECT coalesce(canonical, id) FROM party WHERE id = ?5))";

/// The columns of a change beyond the event's own: kind, status, party, stance, role,
/// condition, condition_status, against, disputed, level.
pub(super) struct ChangeColumns {
    pub kind: &'static str,
    pub status: Option<&'static str>,
    pub party: Option<i64>,
    pub stance: Option<&'static str>,
    pub role: Option<&'static str>,
    pub condition: Option<i64>,
    pub condition_status: Option<&'static str>,
    pub against: Option<i64>,
    pub disputed: bool,
    pub level: Option<&'static str>,
}

impl ChangeColumns {
    /// The columns of `change`, whose parties and conditions are local ids.
    pub(super) fn of(change: Change) -> Self {
        let none = Self {
            kind: "status",
            status: None,
            party: None,
            stance: None,
            role: None,
            condition: None,
            condition_status: None,
            against: None,
            disputed: false,
            level: None,
        };
        match change {
            Change::Status { status } => Self { status: Some(status.code()), ..none },
            Change::Stance { party, stance, role } => Self {
                kind: "stance",
                party: Some(party),
                stance: Some(stance.code()),
                role: Some(role.code()),
                ..none
            },
            Change::Condition { condition, status } => Self {
                kind: "condition",
                condition: Some(condition),
                condition_status: Some(status.code()),
                ..none
            },
            Change::Violation { reported_by, against, disputed } => {
                Self { kind: "violation", party: reported_by, against, disputed, ..none }
            }
            Change::Implementation { condition, level } => {
                Self { kind: "implementation", condition: Some(condition), level: Some(level.code()), ..none }
            }
        }
    }
}

/// A violation report's details as their columns: until, its precision, count, unit, place.
type ViolationColumns<'d> =
    (Option<String>, Option<&'static str>, Option<i64>, Option<&'d str>, Option<&'d str>);

pub(super) fn violation_columns(details: Option<&ViolationDetails>) -> ViolationColumns<'_> {
    match details {
        Some(d) => (
            d.until.map(|until| until.first_day().to_string()),
            d.until.map(|until| until.precision().code()),
            d.count,
            d.count.map(|_| d.unit.trim()),
            Some(d.place.trim()).filter(|place| !place.is_empty()),
        ),
        None => (None, None, None, None, None),
    }
}

/// An extension as its three columns: until, its precision, by_days.
pub(super) fn extension_columns(
    extension: Option<Extension>,
) -> (Option<String>, Option<&'static str>, Option<i64>) {
    match extension {
        Some(Extension::Until(until)) => {
            (Some(until.first_day().to_string()), Some(until.precision().code()), None)
        }
        Some(Extension::ByDays(days)) => (None, None, Some(days)),
        None => (None, None, None),
    }
}

/// An extension from its columns `until`, `until_precision`, `by_days` at `at`.
pub(super) fn extension_at(row: &Row, at: usize) -> rusqlite::Result<Option<Extension>> {
    if let Some(until) = columns::optional_event_date_at(row, at)? {
        return Ok(Some(Extension::Until(until)));
    }
    Ok(row.get::<_, Option<i64>>(at + 2)?.map(Extension::ByDays))
}

/// Writes an event and the sources it cites; the caller has validated it.
pub(super) fn insert(conn: &Connection, entry: &Entry, cited: &[i64], recorded_by: &str) -> Result<i64> {
    let c = ChangeColumns::of(entry.change);
    let (mut until, mut until_precision, by_days) = extension_columns(entry.extension);
    let (period_end, period_precision, count, unit, place) = violation_columns(entry.violation);
    if period_end.is_some() {
        (until, until_precision) = (period_end, period_precision);
    }
    conn.prepare_cached(INSERT)?.execute(params![
        Uuid::new_v4().to_string(),
        entry.proposal,
        c.kind,
        c.status,
        c.party,
        c.stance,
        c.role,
        c.condition,
        c.condition_status,
        entry.occurred_on.first_day().to_string(),
        entry.occurred_on.precision().code(),
        entry.note,
        stamp::now(),
        recorded_by,
        until,
        until_precision,
        by_days,
        c.against,
        count,
        unit,
        place,
        c.disputed,
        c.level,
    ])?;
    let id = conn.last_insert_rowid();
    sources::cite(conn, id, cited)?;
    standing::refresh(conn, entry.proposal)?;
    Ok(id)
}

/// Validates and writes a new event, with a warning for an unusual move.
pub(super) fn record(conn: &Connection, event: &NewEvent, recorded_by: &str) -> Result<Recorded> {
    let proposal = proposals::get(conn, event.proposal)?;
    rules::has_happened(event.occurred_on, rules::today()).in_field("date")?;
    rules::not_before_proposal(event.occurred_on, proposal.proposed_on).in_field("date")?;
    let mut warnings = Vec::new();
    validate_extension(conn, event, proposal.id)?;
    validate_violation(conn, event)?;
    match event.change {
        Change::Status { status } => {
            if let Some((current, since)) = status_on(conn, proposal.id, event.occurred_on)? {
                if current.is_closed() && current != status {
                    warnings.push(format!(
                        "the proposal was {} since {}: moving it to {} is unusual; check the date and the status",
                        current.label(),
                        since.human(),
                        status.label()
                    ));
                }
            }
        }
        Change::Stance { party, .. } => parties::exists(conn, party)?,
        Change::Violation { .. } => {}
        Change::Condition { condition, .. } | Change::Implementation { condition, .. } => {
            let condition = conditions::get(conn, condition)?;
            if condition.proposal != proposal.id {
                return Err(Error::invalid(
                    "condition",
                    InputError::ConditionOfAnotherProposal {
                        condition: condition.id,
                        proposal: condition.proposal,
                    },
                ));
            }
        }
    }
    let cited = sources::resolve(conn, &event.sources, recorded_by)?;
    let entry = Entry {
        proposal: proposal.id,
        change: event.change,
        occurred_on: event.occurred_on,
        note: event.note.trim(),
        extension: event.extension,
        violation: event.violation.as_ref(),
    };
    let id = insert(conn, &entry, &cited, recorded_by)?;
    Ok(Recorded { id, warnings })
}

/// A violation report names who reported it (or cites the source that did), is not
/// reported by the accused, covers a period that ends after it starts and has happened, and
/// gives a count with its unit, never below zero.
fn validate_violation(conn: &Connection, event: &NewEvent) -> Result<()> {
    let Change::Violation { reported_by, against, .. } = event.change else {
        if event.violation.is_some() {
            return Err(Error::invalid("violation", InputError::DetailsWithoutViolation));
        }
        return Ok(());
    };
    if let Some(party) = reported_by {
        parties::exists(conn, party)?;
    }
    if let Some(party) = against {
        parties::exists(conn, party)?;
    }
    if reported_by.is_none() && event.sources.is_empty() {
        return Err(Error::invalid("reported_by", InputError::NoReporter));
    }
    if reported_by.is_some() && reported_by == against {
        return Err(Error::invalid("against", InputError::ReportedAgainstItself));
    }
    let Some(details) = &event.violation else { return Ok(()) };
    if let Some(until) = details.until {
        rules::has_happened(until, rules::today()).in_field("until")?;
        if until.last_day() < event.occurred_on.first_day() {
            return Err(Error::invalid(
                "until",
                InputError::PeriodBackwards { from: event.occurred_on.human(), to: until.human() },
            ));
        }
    }
    match (details.count, details.unit.trim()) {
        (Some(count), _) if count < 0 => Err(Error::invalid("count", InputError::NegativeCount(count))),
        (Some(_), "") => Err(Error::invalid("unit", InputError::CountWithoutUnit)),
        (None, unit) if !unit.is_empty() => Err(Error::invalid("count", InputError::UnitWithoutCount)),
        _ => Ok(()),
    }
}

/// An extension goes with the status "extended" alone, adds at least a day, and runs to a
/// date after the ceasefire took effect.
fn validate_extension(conn: &Connection, event: &NewEvent, proposal: i64) -> Result<()> {
    let Some(extension) = event.extension else { return Ok(()) };
    if event.change != (Change::Status { status: ProposalStatus::Extended }) {
        return Err(Error::invalid("extension", InputError::ExtensionWithoutExtended));
    }
    match extension {
        Extension::ByDays(days) if days < 1 => {
            Err(Error::invalid("by_days", InputError::NotAnExtension(days)))
        }
        Extension::ByDays(_) => Ok(()),
        Extension::Until(until) => {
            let steps = status_steps(conn, proposal, Some(event.occurred_on))?;
            let started =
                clock::period_after(&steps, None).map_or(event.occurred_on, |period| period.started_on);
            if until.last_day() <= started.first_day() {
                return Err(Error::invalid(
                    "until",
                    InputError::UntilBeforeStart { until: until.human(), start: started.human() },
                ));
            }
            Ok(())
        }
    }
}

/// A proposal's status changes that are not retracted, in the order of its history, up to
/// `until` (the first day of that date) when given.
pub(super) fn status_steps(
    conn: &Connection,
    proposal: i64,
    until: Option<EventDate>,
) -> Result<Vec<StatusStep>> {
    let last = until.map_or_else(|| "9999-12-31".to_string(), |d| d.first_day().to_string());
    status_steps_seen(conn, proposal, &last, stamp::END_OF_TIME)
}

/// A proposal's status changes that happened by `as_of` as a reader who knew what was
/// recorded by `known` saw them.
pub(crate) fn status_steps_seen(
    conn: &Connection,
    proposal: i64,
    as_of: &str,
    known: &str,
) -> Result<Vec<StatusStep>> {
    let mut statement = conn.prepare_cached(
        "SELECT status, occurred_on, occurred_on_precision, until, until_precision, by_days FROM event
         WHERE proposal = ?1 AND kind = 'status' AND occurred_on <= ?2
           AND recorded_at <= ?3 AND (retracted_at IS NULL OR retracted_at > ?3)
         ORDER BY occurred_on, recorded_at, id",
    )?;
    let steps = statement
        .query_map(params![proposal, as_of, known], |row| {
            Ok(StatusStep {
                status: row.get(0)?,
                on: columns::event_date_at(row, 1)?,
                extension: extension_at(row, 3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(steps)
}

/// The proposal's status on `date`, as recorded now, and since when.
fn status_on(
    conn: &Connection,
    proposal: i64,
    date: EventDate,
) -> Result<Option<(ProposalStatus, EventDate)>> {
    let found = conn
        .query_row(
            "SELECT status, occurred_on, occurred_on_precision FROM event
             WHERE proposal = ?1 AND kind = 'status' AND occurred_on <= ?2 AND retracted_at IS NULL
             ORDER BY occurred_on DESC, recorded_at DESC, id DESC LIMIT 1",
            params![proposal, date.first_day().to_string()],
            |row| Ok((row.get("status")?, columns::event_date(row, "occurred_on")?)),
        )
        .optional()?;
    Ok(found)
}

/// Retracts an event: a retraction record, and the proposal's standing without it.
pub(super) fn retract(conn: &Connection, event: i64, reason: &str, recorded_by: &str) -> Result<()> {
    let reason = rules::required(reason).in_field("reason")?;
    let retracted: Option<(i64, String, Option<String>)> = conn
        .query_row("SELECT proposal, uuid, retracted_at FROM event WHERE id = ?1", [event], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    match retracted {
        None => Err(Error::NotFound { what: "event", name: event.to_string() }),
        Some((_, _, Some(at))) => Err(Error::AlreadyRetracted { event, at }),
        Some((proposal, uuid, None)) => {
            retractions::record(conn, "event", &uuid, reason, recorded_by)?;
            standing::refresh(conn, proposal)?;
            Ok(())
        }
    }
}

/// Which history entries to read.
pub(crate) enum EntryFilter {
    /// Every entry of a proposal, retracted ones included, oldest first.
    Proposal { proposal: i64, as_of: Option<String>, known: String },
    /// Entries of every proposal that happened between two days and were not retracted,
    /// by proposal then date.
    Between { from: String, to: String, known: String },
    /// Every entry that cites the source (or a source one with it), retracted ones included,
    /// by date.
    Citing { source: i64 },
}

impl EntryFilter {
    pub(crate) fn proposal(proposal: i64) -> Self {
        Self::Proposal { proposal, as_of: None, known: stamp::END_OF_TIME.to_string() }
    }

    fn known(&self) -> &str {
        match self {
            Self::Proposal { known, .. } | Self::Between { known, .. } => known,
            Self::Citing { .. } => stamp::END_OF_TIME,
        }
    }

    fn sql(&self) -> (&'static str, &'static str, Vec<(&str, &dyn ToSql)>) {
        match self {
            Self::Proposal { proposal, as_of, known } => (
                "e.proposal = :proposal AND (:as_of IS NULL OR e.occurred_on <= :as_of)
                 AND e.recorded_at <= :known",
                "e.occurred_on, e.recorded_at, e.id",
                named_params! { ":proposal": *proposal, ":as_of": *as_of, ":known": *known }.to_vec(),
            ),
            Self::Between { from, to, known } => (
                "e.occurred_on BETWEEN :from AND :to AND e.recorded_at <= :known
                 AND (e.retracted_at IS NULL OR e.retracted_at > :known)",
                "e.proposal, e.occurred_on, e.recorded_at, e.id",
                named_params! { ":from": *from, ":to": *to, ":known": *known }.to_vec(),
            ),
            Self::Citing { source } => (
                "e.id IN (SELECT es.event FROM event_source es JOIN source s ON s.id = es.source
                          WHERE coalesce(s.canonical, s.id) = :source)",
                "e.occurred_on, e.recorded_at, e.id",
                named_params! { ":source": *source }.to_vec(),
            ),
        }
    }
}

/// Whether any violation report, and any implementation entry, is recorded at all: the
/// views skip their queries when none is.
pub(crate) fn kinds_recorded(conn: &Connection) -> Result<(bool, bool)> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM event WHERE kind = 'violation'),
                EXISTS (SELECT 1 FROM event WHERE kind = 'implementation')",
        )?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))?)
}

/// How many violation reports each proposal had after `from` up to the scope's date, as
/// the scope knows them.
pub(crate) fn violations_between(
    conn: &Connection,
    from: &str,
    scope: &super::history::latest::Scope,
) -> Result<Vec<(i64, i64)>> {
    let mut statement = conn.prepare_cached(
        "SELECT proposal, count(*) FROM event
         WHERE kind = 'violation' AND occurred_on > ?1 AND occurred_on <= ?2
           AND recorded_at <= ?3 AND (retracted_at IS NULL OR retracted_at > ?3)
           AND proposal BETWEEN ?4 AND ?5
         GROUP BY proposal",
    )?;
    let counts = statement
        .query_map(params![from, scope.as_of, scope.known, scope.first, scope.last], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(counts)
}

/// The change of an entry from its columns kind, status, party, stance, role, condition
/// and condition_status, read by position from `at` on, and against, disputed and level
/// from `extra` on.
fn change_at(row: &Row, at: usize, extra: usize) -> rusqlite::Result<Change> {
    Ok(match row.get_ref(at)?.as_str()? {
        "status" => Change::Status { status: row.get(at + 1)? },
        "stance" => {
            Change::Stance { party: row.get(at + 2)?, stance: row.get(at + 3)?, role: row.get(at + 4)? }
        }
        "violation" => Change::Violation {
            reported_by: row.get(at + 2)?,
            against: row.get(extra)?,
            disputed: row.get(extra + 1)?,
        },
        "implementation" => {
            Change::Implementation { condition: row.get(at + 5)?, level: row.get(extra + 2)? }
        }
        _ => Change::Condition { condition: row.get(at + 5)?, status: row.get(at + 6)? },
    })
}

/// A violation report's period, count and place, from its columns until, until_precision
/// at `at` and count, unit, place at `extra`.
fn violation_at(row: &Row, at: usize, extra: usize) -> rusqlite::Result<ViolationDetails> {
    Ok(ViolationDetails {
        until: columns::optional_event_date_at(row, at)?,
        count: row.get(extra)?,
        unit: row.get::<_, Option<String>>(extra + 1)?.unwrap_or_default(),
        place: row.get::<_, Option<String>>(extra + 2)?.unwrap_or_default(),
    })
}

/// History entries with their sources: two queries whatever the number of entries.
pub(crate) fn entries(conn: &Connection, filter: EntryFilter) -> Result<Vec<HistoryEntry>> {
    let (clause, order, params) = filter.sql();
    let known = filter.known();
    let mut cited: HashMap<i64, Vec<SourceRef>> = HashMap::new();
    {
        let mut statement = conn.prepare_cached(&format!(
            "SELECT es.event, s.id, s.title, s.outlet, s.url
             FROM event e JOIN event_source es ON es.event = e.id JOIN source s ON s.id = es.source
             WHERE {clause} ORDER BY es.event, s.id"
        ))?;
        let mut rows = statement.query(params.as_slice())?;
        while let Some(row) = rows.next()? {
            let source =
                SourceRef { id: row.get(1)?, title: row.get(2)?, outlet: row.get(3)?, url: row.get(4)? };
            cited.entry(row.get(0)?).or_default().push(source);
        }
    }
    let mut statement = conn.prepare_cached(&format!(
        "SELECT e.id, e.proposal, p.title, e.kind, e.status, e.canonical_party, e.stance, e.role, e.condition,
                e.condition_status, coalesce(sp.name, cp.name) AS party_name, c.text AS condition_text,
                e.occurred_on, e.occurred_on_precision, e.recorded_at, e.note, e.retracted_at,
                e.retraction_reason, e.recorded_by,
                (SELECT recorded_by FROM retraction WHERE entry = e.uuid ORDER BY recorded_at, uuid LIMIT 1),
                e.until, e.until_precision, e.by_days,
                (SELECT coalesce(a.canonical, a.id) FROM party a WHERE a.id = e.against), e.disputed, e.level,
                e.count, e.unit, e.place,
                (SELECT an.name FROM party a JOIN party an ON an.id = coalesce(a.canonical, a.id)
                 WHERE a.id = e.against)
         FROM event e
         JOIN proposal p ON p.id = e.proposal
         LEFT JOIN party sp ON sp.id = e.canonical_party
         LEFT JOIN condition c ON c.id = e.condition
         LEFT JOIN party cp0 ON cp0.id = c.raised_by
         LEFT JOIN party cp ON cp.id = coalesce(cp0.canonical, cp0.id)
         WHERE {clause} ORDER BY {order}"
    ))?;
    // Read by position: a history page reads hundreds of rows, and a lookup by name
    // searches the columns on every read.
    let entries = statement
        .query_map(params.as_slice(), |row| {
            let id: i64 = row.get(0)?;
            // A retraction made after the time asked about was not known then.
            let retraction = match row.get_ref(16)?.as_str_or_null()? {
                Some(at) if at <= known => Some(Retraction {
                    at: columns::time_at(row, 16)?,
                    reason: row.get(17)?,
                    recorded_by: row.get::<_, Option<String>>(19)?.unwrap_or_default(),
                }),
                _ => None,
            };
            let change = change_at(row, 3, 23)?;
            let party: Option<String> = row.get(10)?;
            let condition: Option<String> = row.get(11)?;
            let against: Option<String> = row.get(29)?;
            let words =
                EntryWords::of(&change, party.as_deref(), condition.as_deref(), against.as_deref()).line();
            let is_violation = matches!(change, Change::Violation { .. });
            Ok(HistoryEntry {
                id,
                proposal_id: row.get(1)?,
                proposal: row.get(2)?,
                change,
                party,
                condition,
                occurred_on: columns::event_date_at(row, 12)?,
                recorded_at: columns::time_at(row, 14)?,
                recorded_by: row.get(18)?,
                note: row.get(15)?,
                sources: cited.remove(&id).unwrap_or_default(),
                retraction,
                extension: if is_violation { None } else { extension_at(row, 20)? },
                violation: if is_violation { Some(violation_at(row, 20, 26)?) } else { None },
                against,
                words,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}
