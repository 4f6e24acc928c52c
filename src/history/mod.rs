//! The state of play as of a date, as known on a past time, and what changed between
//! two dates.
//!
//! For a proposal's status, each party's stance and each condition's status, the state
//! as of D is the latest event that happened by D and is not retracted, ties broken by
//! the time it was recorded. As known on K, only events recorded by K count, and
//! retractions made after K are ignored.

mod latest;
mod timeline;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, Connection};

use crate::error::Result;
use crate::model::{
    ConditionState, EventDate, HistoryEntry, Leaning, ProposalState, ProposalSummary, Stance, StanceState,
    Viewpoint,
};
use crate::store::events::{self, EntryFilter};
use crate::store::{columns, conditions, proposals, stamp};

use latest::Scope;

fn days_between(since: EventDate, as_of: NaiveDate) -> i64 {
    (as_of - since.first_day()).num_days()
}

/// Every proposal made by the viewpoint's date, with its counts; newest change first.
pub(crate) fn summaries(conn: &Connection, viewpoint: Viewpoint) -> Result<Vec<ProposalSummary>> {
    let scope = Scope::new(viewpoint, None);
    let mut statement = conn.prepare(
        "SELECT p.id, p.title, b.name AS proposed_by, p.proposed_on, p.proposed_on_precision, p.kind, p.process
         FROM proposal p JOIN party b ON b.id = p.proposed_by
         WHERE p.recorded_at <= :known AND p.proposed_on <= :as_of",
    )?;
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
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = summaries.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let line = |proposal: i64| index.get(&proposal).copied();

    for latest in latest::statuses(conn, &scope)? {
        if let Some(i) = line(latest.proposal) {
            let summary = &mut summaries[i];
            summary.status = Some(latest.status);
            summary.status_since = Some(latest.since);
            summary.days_in_status = Some(days_between(latest.since, viewpoint.as_of));
        }
    }
    for stance in latest::stances(conn, &scope)? {
        if let Some(i) = line(stance.proposal) {
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
            if condition.status.is_open() {
                summaries[i].open_conditions += 1;
            }
        }
    }
    for (proposal, date) in latest::last_changes(conn, &scope)? {
        if let Some(i) = line(proposal) {
            summaries[i].last_change = Some(date);
        }
    }
    // Newest change first; a proposal with no change yet goes last.
    summaries.sort_by(|a, b| b.last_change.cmp(&a.last_change).then(b.id.cmp(&a.id)));
    Ok(summaries)
}

/// Everything the proposal page shows, as seen from `viewpoint`.
pub(crate) fn proposal_state(conn: &Connection, id: i64, viewpoint: Viewpoint) -> Result<ProposalState> {
    let scope = Scope::new(viewpoint, Some(id));
    let proposal = proposals::get_known(conn, id, &scope.known)?;
    let status = latest::statuses(conn, &scope)?.into_iter().next();
    let all_conditions = conditions::of_proposal(conn, id, &scope.known)?;

    let mut condition_status: HashMap<i64, latest::LatestConditionStatus> =
        latest::condition_statuses(conn, &scope)?.into_iter().map(|c| (c.condition, c)).collect();
    let conditions: Vec<ConditionState> = all_conditions
        .iter()
        .filter_map(|condition| {
            let latest = condition_status.remove(&condition.id)?;
            Some(ConditionState {
                id: condition.id,
                text: condition.text.clone(),
                raised_by_id: condition.raised_by,
                raised_by: condition.raised_by_name.clone(),
                directed_at: condition.directed_at_name.clone(),
                kind: condition.kind,
                category: condition.category,
                status: latest.status,
                since: latest.since,
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
            since: stance.since,
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
    Ok(ProposalState {
        timeline: timeline::spans(conn, id, &scope)?,
        superseded_by: proposals::superseded_by(conn, id, &scope.known)?,
        status: status.as_ref().map(|s| s.status),
        status_since: status.as_ref().map(|s| s.since),
        days_in_status: status.as_ref().map(|s| days_between(s.since, viewpoint.as_of)),
        proposal,
        viewpoint,
        stances,
        conditions,
        all_conditions,
        history,
    })
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
