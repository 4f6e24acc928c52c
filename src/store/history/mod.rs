//! The state of play as of a date, as known on a past time, and what changed between
//! two dates.
//!
//! For a proposal's status, each party's stance and each condition's status, the state
//! as of D is the latest event that happened by D and is not retracted, ties broken by
//! the time it was recorded. As known on K, only events recorded by K count, and
//! retractions made after K are ignored.

pub(super) mod latest;
pub(super) mod listing;
mod timeline;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, Connection};

use super::events::{self, EntryFilter};
use super::{columns, conditions, proposals, revisions, standing};
use crate::error::Result;
use crate::model::clock;
use crate::model::stamp;
use crate::model::{
    Change, ClockState, ConditionState, EventDate, HistoryEntry, ImplementationLevel, ImplementationScore,
    Leaning, OriginRef, PhaseState, ProcessLine, ProposalRef, ProposalState, ProposalStatus, ProposalSummary,
    Stance, StanceState, Viewpoint, WeekOfReports,
};

use latest::{Rank, Scope};

fn days_between(since: EventDate, as_of: NaiveDate) -> i64 {
    (as_of - since.first_day()).num_days()
}

/// Every proposal made by the viewpoint's date, with its counts; newest change first.
pub(crate) fn summaries(conn: &Connection, viewpoint: Viewpoint) -> Result<Vec<ProposalSummary>> {
    let mut summaries = match viewpoint.known_on {
        None => standing_summaries(conn, viewpoint, Lines::All)?,
        Some(_) => event_summaries(conn, viewpoint)?,
    };
    watch(conn, &mut summaries, viewpoint, None)?;
    // Newest change first; a proposal with no change yet goes last.
    summaries.sort_by(|a, b| b.last_change.cmp(&a.last_change).then(b.id.cmp(&a.id)));
    Ok(summaries)
}

/// The lines of the proposals whose clock has an end as of the viewpoint's date (their
/// counts of violation reports and implementation left out).
pub(crate) fn lines_with_an_end(conn: &Connection, viewpoint: Viewpoint) -> Result<Vec<ProposalSummary>> {
    match viewpoint.known_on {
        None => standing_summaries(conn, viewpoint, Lines::WithAnEnd),
        Some(_) => {
            Ok(event_summaries(conn, viewpoint)?.into_iter().filter(|line| line.ends_on.is_some()).collect())
        }
    }
}

/// The lines of the proposals of one process made by the viewpoint's date, each with its
/// proposal as known then and its status timeline: what a process timeline draws, read for its proposals only.
pub(crate) fn process_lines(
    conn: &Connection,
    process: &str,
    viewpoint: Viewpoint,
) -> Result<Vec<ProcessLine>> {
    let ids = proposals::of_process(conn, process)?;
    let mut lines = match viewpoint.known_on {
        None => standing_summaries(conn, viewpoint, Lines::Some(&ids))?,
        Some(_) => {
            let wanted: std::collections::HashSet<i64> = ids.iter().copied().collect();
            event_summaries(conn, viewpoint)?.into_iter().filter(|line| wanted.contains(&line.id)).collect()
        }
    };
    lines.sort_by(|a, b| b.last_change.cmp(&a.last_change).then(b.id.cmp(&a.id)));
    lines
        .into_iter()
        .map(|line| {
            let scope = Scope::new(viewpoint, Some(line.id));
            let proposal = proposals::get_known(conn, line.id, &scope.known)?;
            let spans = timeline::spans(conn, line.id, &scope)?;
            Ok(ProcessLine { line, proposal, spans })
        })
        .collect()
}

/// One proposal's line in the list, to show a change to it without reading the whole list
/// again; `None` when it had not been made by the date asked.
pub(crate) fn summary(conn: &Connection, id: i64, viewpoint: Viewpoint) -> Result<Option<ProposalSummary>> {
    let summaries = match viewpoint.known_on {
        None => standing_summaries(conn, viewpoint, Lines::One(id))?,
        Some(_) => event_summaries(conn, viewpoint)?,
    };
    let mut line: Vec<ProposalSummary> = summaries.into_iter().filter(|summary| summary.id == id).collect();
    watch(conn, &mut line, viewpoint, Some(id))?;
    Ok(line.pop())
}

/// Fills in what is watched once a proposal is agreed: the violation reports of the last 30
/// days of those in effect, and the implementation score of those agreed or in effect.
fn watch(
    conn: &Connection,
    summaries: &mut [ProposalSummary],
    viewpoint: Viewpoint,
    only: Option<i64>,
) -> Result<()> {
    let scope = Scope::new(viewpoint, only);
    let (violations, implemented) = events::kinds_recorded(conn)?;
    let index: HashMap<i64, usize> = summaries.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    if violations {
        let from = (viewpoint.as_of - chrono::Days::new(30)).to_string();
        for (proposal, count) in events::violations_between(conn, &from, &scope)? {
            if let Some(&i) = index.get(&proposal) {
                if summaries[i].status.is_some_and(clock::runs_in) {
                    summaries[i].violations_30_days = count;
                }
            }
        }
    }
    if implemented {
        let mut levels: HashMap<i64, Vec<ImplementationLevel>> = HashMap::new();
        for latest in latest::implementations(conn, &scope)? {
            levels.entry(latest.proposal).or_default().push(latest.level);
        }
        for (proposal, levels) in levels {
            if let Some(&i) = index.get(&proposal) {
                let agreed =
                    summaries[i].status.is_some_and(|s| s == ProposalStatus::Agreed || clock::runs_in(s));
                if agreed {
                    summaries[i].implementation = ImplementationScore::of(levels);
                }
            }
        }
    }
    Ok(())
}

/// Which proposals' lines [`standing_summaries`] reads.
#[derive(Debug, Clone, Copy)]
pub(super) enum Lines<'a> {
    All,
    One(i64),
    /// These, in any order.
    Some(&'a [i64]),
    /// Those whose clock has an end as of the date.
    WithAnEnd,
}

/// The summaries as known now, from each proposal's standing at the end of the latest day
/// by the date asked: one lookup per proposal.
pub(super) fn standing_summaries(
    conn: &Connection,
    viewpoint: Viewpoint,
    which: Lines,
) -> Result<Vec<ProposalSummary>> {
    let as_of = viewpoint.as_of.to_string();
    let lines = standing_join(conn, &as_of)?;
    let (which_sql, ids): (&str, Option<Box<dyn rusqlite::ToSql>>) = match which {
        Lines::All => ("", None),
        Lines::One(id) => ("AND p.id = :ids", Some(Box::new(id))),
        Lines::Some(ids) => (
            "AND p.id IN (SELECT value FROM json_each(:ids))",
            Some(Box::new(serde_json::to_string(ids).expect("a list of ids"))),
        ),
        // As of today, from the few lines with an end rather than from every proposal.
        Lines::WithAnEnd if lines == LATEST_JOIN => (
            "AND s.ends_on IS NOT NULL
             AND p.id IN (SELECT proposal FROM latest_standing WHERE ends_on IS NOT NULL)",
            None,
        ),
        Lines::WithAnEnd => ("AND s.ends_on IS NOT NULL", None),
    };
    let mut statement = conn.prepare_cached(
        &format!(
            "SELECT {STANDING_COLUMNS}
             FROM proposal p
             JOIN party b0 ON b0.id = p.proposed_by JOIN party b ON b.id = coalesce(b0.canonical, b0.id)
             {lines}
             WHERE p.proposed_on <= :as_of {which_sql}"
        )
        .replace("{proposers}", &proposals::proposers_sql("p", "b")),
    )?;
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":as_of", &as_of)];
    if let Some(ids) = &ids {
        params.push((":ids", ids.as_ref()));
    }
    // Read by position: ten thousand rows, and a lookup by name searches the columns.
    let summaries = statement
        .query_map(params.as_slice(), |row| standing_line(row, viewpoint))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(summaries)
}

/// The columns of the standing SELECT: a proposal and its line as of `viewpoint`.
pub(super) const STANDING_COLUMNS: &str =
    "p.id, p.title, {proposers} AS proposed_by, p.proposed_on, p.proposed_on_precision, p.kind, p.process,
     s.status, s.status_since, s.status_since_precision, s.supporters, s.conditional, s.opposed,
     s.open_conditions, s.last_change, s.last_change_precision, s.ends_on, s.ends_on_precision";

/// A row of [`STANDING_COLUMNS`] as the list's line, read by position.
pub(super) fn standing_line(row: &rusqlite::Row, viewpoint: Viewpoint) -> rusqlite::Result<ProposalSummary> {
    let status_since = columns::optional_event_date_at(row, 8)?;
    let count = |index| row.get::<_, Option<i64>>(index).map(Option::unwrap_or_default);
    let ends_on = columns::optional_event_date_at(row, 16)?;
    Ok(ProposalSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        proposed_by: row.get(2)?,
        proposed_on: columns::event_date_at(row, 3)?,
        kind: row.get(5)?,
        process: row.get(6)?,
        status: row.get(7)?,
        status_since,
        days_in_status: status_since.map(|since| days_between(since, viewpoint.as_of)),
        supporters: count(10)?,
        conditional: count(11)?,
        opposed: count(12)?,
        open_conditions: count(13)?,
        last_change: columns::optional_event_date_at(row, 14)?,
        ends_on,
        days_left: ends_on.and_then(|end| clock::days_left(end, viewpoint.as_of)),
        overdue: ends_on.is_some_and(|end| clock::overdue(end, viewpoint.as_of)),
        violations_30_days: 0,
        implementation: None,
    })
}

/// The join of [`standing_join`] when every line is the latest.
const LATEST_JOIN: &str = "LEFT JOIN latest_standing s ON s.proposal = p.id";

/// How the standing of each proposal as of `as_of` joins it: the latest line when no line
/// is dated after the day, else the line of each proposal's last day by then.
pub(super) fn standing_join(conn: &Connection, as_of: &str) -> Result<&'static str> {
    Ok(if standing::all_by(conn, as_of)? {
        LATEST_JOIN
    } else {
        "LEFT JOIN standing s ON s.proposal = p.id
              AND s.day = (SELECT max(day) FROM standing WHERE proposal = p.id AND day <= :as_of)"
    })
}

/// The summaries as known on a past time, from the events themselves.
fn event_summaries(conn: &Connection, viewpoint: Viewpoint) -> Result<Vec<ProposalSummary>> {
    let scope = Scope::new(viewpoint, None);
    let mut statement = conn.prepare_cached(&format!(
        "SELECT p.id, p.title, {proposers} AS proposed_by, p.proposed_on, p.proposed_on_precision, p.kind,
                    p.process
             FROM proposal p JOIN party b0 ON b0.id = p.proposed_by
             JOIN party b ON b.id = coalesce(b0.canonical, b0.id)
             WHERE p.recorded_at <= :known AND p.proposed_on <= :as_of",
        proposers = proposals::proposers_sql("p", "b")
    ))?;
    let mut summaries: Vec<ProposalSummary> = statement
        .query_map(named_params! { ":known": scope.known, ":as_of": scope.as_of }, |row| {
            Ok(ProposalSummary {
                id: row.get("id")?,
                title: row.get("title")?,
                proposed_by: row.get("proposed_by")?,
                proposed_on: columns::event_date(row, "proposed_on")?,
                kind: row.get("kind")?,
                process: row.get("process")?,
                status: None,
                status_since: None,
                days_in_status: None,
                supporters: 0,
                conditional: 0,
                opposed: 0,
                open_conditions: 0,
                last_change: None,
                ends_on: None,
                days_left: None,
                overdue: false,
                violations_30_days: 0,
                implementation: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = summaries.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let line = |proposal: i64| index.get(&proposal).copied();
    // The latest event of any kind is the latest of its own status, stance or condition.
    let mut last: Vec<Option<Rank>> = vec![None; summaries.len()];
    let mut saw = |i: usize, rank: &Rank| {
        if last[i].as_ref().is_none_or(|known| known.key() < rank.key()) {
            last[i] = Some(rank.clone());
        }
    };

    for latest in latest::statuses(conn, &scope)? {
        if let Some(i) = line(latest.proposal) {
            saw(i, &latest.rank);
            let summary = &mut summaries[i];
            let since = latest.rank.occurred_on;
            summary.status = Some(latest.status);
            summary.status_since = Some(since);
            summary.days_in_status = Some(days_between(since, viewpoint.as_of));
        }
    }
    for stance in latest::stances(conn, &scope)? {
        if let Some(i) = line(stance.proposal) {
            saw(i, &stance.rank);
            let summary = &mut summaries[i];
            match stance.stance.leaning() {
                Leaning::For => summary.supporters += 1,
                Leaning::Conditional => summary.conditional += 1,
                Leaning::Against => summary.opposed += 1,
                Leaning::Neither => {}
            }
        }
    }
    for condition in latest::condition_statuses(conn, &scope)? {
        if let Some(i) = line(condition.proposal) {
            saw(i, &condition.rank);
            if condition.status.is_open() {
                summaries[i].open_conditions += 1;
            }
        }
    }
    for (summary, last) in summaries.iter_mut().zip(last) {
        summary.last_change = last.map(|rank| rank.occurred_on);
        // The clock of those in effect, from their status history as then known.
        if summary.status.is_some_and(clock::runs_in) {
            if let Some(state) = clock_of(conn, summary.id, &scope, viewpoint.as_of)? {
                summary.ends_on = state.ends_on;
                summary.days_left = state.days_left;
                summary.overdue = state.overdue;
            }
        }
    }
    Ok(summaries)
}

/// A proposal's clock as seen from `scope`: while it is in effect, when it started and ends.
fn clock_of(conn: &Connection, id: i64, scope: &Scope, as_of: NaiveDate) -> Result<Option<ClockState>> {
    let steps = events::status_steps_seen(conn, id, &scope.as_of, &scope.known)?;
    let duration = proposals::duration(conn, id)?;
    Ok(clock::period_after(&steps, duration).map(|period| ClockState {
        started_on: period.started_on,
        ends_on: period.ends_on,
        days_left: period.ends_on.and_then(|end| clock::days_left(end, as_of)),
        overdue: period.ends_on.is_some_and(|end| clock::overdue(end, as_of)),
    }))
}

/// Everything the proposal page shows, as seen from `viewpoint`.
pub(crate) fn proposal_state(conn: &Connection, id: i64, viewpoint: Viewpoint) -> Result<ProposalState> {
    let scope = Scope::new(viewpoint, Some(id));
    let proposal = proposals::get_known(conn, id, &scope.known)?;
    let status = latest::statuses(conn, &scope)?.into_iter().next();
    let all_conditions = conditions::of_proposal(conn, id, &scope.known)?;

    let mut condition_status: HashMap<i64, latest::LatestConditionStatus> =
        latest::condition_statuses(conn, &scope)?.into_iter().map(|c| (c.condition, c)).collect();
    let implemented: HashMap<i64, (ImplementationLevel, EventDate)> = latest::implementations(conn, &scope)?
        .into_iter()
        .map(|latest| (latest.condition, (latest.level, latest.rank.occurred_on)))
        .collect();
    let conditions: Vec<ConditionState> = all_conditions
        .iter()
        .filter_map(|condition| {
            let latest = condition_status.remove(&condition.id)?;
            let implementation = implemented.get(&condition.id);
            Some(ConditionState {
                id: condition.id,
                text: condition.text.clone(),
                raised_by_id: condition.raised_by,
                raised_by: condition.raised_by_name.clone(),
                directed_at: condition.directed_at_name.clone(),
                kind: condition.kind,
                category: condition.category,
                status: latest.status,
                since: latest.rank.occurred_on,
                implementation: implementation.map(|(level, _)| *level),
                implemented_since: implementation.map(|(_, since)| *since),
            })
        })
        .collect();

    let mut stances: Vec<StanceState> = latest::stances(conn, &scope)?
        .into_iter()
        .map(|stance| StanceState {
            condition_ids: conditions
                .iter()
                .filter(|c| c.raised_by_id == stance.party_id)
                .map(|c| c.id)
                .collect(),
            party_id: stance.party_id,
            party: stance.party,
            role: stance.role,
            stance: stance.stance,
            since: stance.rank.occurred_on,
            note: stance.note,
        })
        .collect();
    // The proposer first, then in the order the parties took their stance.
    stances.sort_by(|a, b| {
        (a.stance != Stance::Proposer, a.since, &a.party).cmp(&(
            b.stance != Stance::Proposer,
            b.since,
            &b.party,
        ))
    });

    let history = events::entries(
        conn,
        EntryFilter::Proposal { proposal: id, as_of: Some(scope.as_of.clone()), known: scope.known.clone() },
    )?;
    // The live violation reports as of the date, newest first.
    let mut violations: Vec<HistoryEntry> = history
        .iter()
        .filter(|entry| matches!(entry.change, Change::Violation { .. }) && entry.retraction.is_none())
        .cloned()
        .collect();
    violations.reverse();
    Ok(ProposalState {
        timeline: timeline::spans(conn, id, &scope)?,
        superseded_by: proposals::superseded_by(conn, id, &scope.known)?,
        edited_on_two_machines: revisions::edited_on_two_machines(conn, "proposal", id)?,
        clock: clock_of(conn, id, &scope, viewpoint.as_of)?,
        phase_of: proposal
            .phase_of
            .zip(proposal.phase_of_title.clone())
            .map(|(id, title)| ProposalRef { id, title }),
        phase: proposal.phase,
        phases: phases(conn, id, viewpoint)?,
        edits: revisions::edits_of_proposal(conn, id)?,
        origins: origins_of(conn, id)?,
        implementation: ImplementationScore::of(implemented.values().map(|(level, _)| *level)),
        violations_per_week: per_week(&violations, viewpoint.as_of),
        violations,
        status: status.as_ref().map(|s| s.status),
        status_since: status.as_ref().map(|s| s.rank.occurred_on),
        days_in_status: status.as_ref().map(|s| days_between(s.rank.occurred_on, viewpoint.as_of)),
        proposal,
        viewpoint,
        stances,
        conditions,
        all_conditions,
        history,
    })
}

/// The reports of each week (from Monday) from the first report's to the week of `as_of`.
fn per_week(reports: &[HistoryEntry], as_of: chrono::NaiveDate) -> Vec<WeekOfReports> {
    use chrono::Datelike;
    let monday =
        |day: chrono::NaiveDate| day - chrono::Days::new(day.weekday().num_days_from_monday() as u64);
    let Some(first) = reports.iter().map(|r| r.occurred_on.first_day()).min() else { return Vec::new() };
    let mut weeks = Vec::new();
    let mut week = monday(first);
    while week <= monday(as_of) {
        let next = week + chrono::Days::new(7);
        let of_week = reports.iter().filter(|r| (week..next).contains(&r.occurred_on.first_day()));
        let (mut count, mut disputed) = (0, 0);
        for report in of_week {
            count += 1;
            if matches!(report.change, Change::Violation { disputed: true, .. }) {
                disputed += 1;
            }
        }
        weeks.push(WeekOfReports { week_of: week, reports: count, disputed });
        week = next;
    }
    weeks
}

/// The datasets' records a proposal was imported from, first imported first.
fn origins_of(conn: &Connection, id: i64) -> Result<Vec<OriginRef>> {
    let mut statement = conn.prepare_cached(
        "SELECT dataset, origin_id, max(page_url) FROM origin WHERE proposal = ?1
         GROUP BY dataset, origin_id ORDER BY min(recorded_at)",
    )?;
    let origins = statement
        .query_map([id], |row| {
            let code: String = row.get(0)?;
            let dataset = match code.as_str() {
                "pax" => "PA-X",
                "ucdp" => "UCDP",
                "ethprio" => "ETH/PRIO",
                other => other,
            };
            let id: String = row.get(1)?;
            let stored: Option<String> = row.get(2)?;
            // PA-X's full release carries no link, but every agreement has its page there,
            // at the address the light release gives.
            let url = stored.or_else(|| {
                (code == "pax" && id.bytes().all(|b| b.is_ascii_digit()) && !id.is_empty())
                    .then(|| format!("https://www.peaceagreements.org/agreements/{id}/"))
            });
            Ok(OriginRef { dataset: dataset.to_string(), id, url })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(origins)
}

/// The phases of the deal `id`, in order, each with its status and clock as of the viewpoint.
fn phases(conn: &Connection, id: i64, viewpoint: Viewpoint) -> Result<Vec<PhaseState>> {
    let mut phases = Vec::new();
    for (phase, number) in proposals::phases(conn, id)? {
        let Some(line) = summary(conn, phase, viewpoint)? else { continue };
        phases.push(PhaseState {
            id: phase,
            title: line.title,
            phase: number,
            status: line.status,
            ends_on: line.ends_on,
            days_left: line.days_left,
            overdue: line.overdue,
        });
    }
    Ok(phases)
}

/// Every event not retracted that happened from `from` to `to`, by proposal then date.
pub(crate) fn changes_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    known_on: Option<DateTime<Utc>>,
) -> Result<Vec<HistoryEntry>> {
    events::entries(
        conn,
        EntryFilter::Between {
            from: from.to_string(),
            to: to.to_string(),
            known: stamp::known_bound(known_on),
        },
    )
}
