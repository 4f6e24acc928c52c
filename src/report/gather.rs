//! Reading what a report shows from the store.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::{ProposalChanges, Report, ReportBody, ReportKind, ReportRequest};
use crate::error::Result;
use crate::model::{HistoryEntry, ProposalState, ProposalSummary, Viewpoint};
use crate::store::Store;

/// Gathers the content of the report `request` asks for.
pub fn gather(store: &Store, request: &ReportRequest) -> Result<Report> {
    let viewpoint = request.viewpoint;
    let (viewpoint, body) = match &request.kind {
        ReportKind::Status { proposals } => (viewpoint, status(store, viewpoint, proposals)?),
        ReportKind::Overview { status } => {
            let mut proposals: Vec<ProposalSummary> = store
                .summaries(viewpoint)?
                .into_iter()
                .filter(|p| p.status.is_some() && (status.is_none() || p.status == *status))
                .collect();
            // What moved last comes first: that is what a reader asks about.
            proposals.sort_by(|a, b| b.last_change.cmp(&a.last_change).then_with(|| a.title.cmp(&b.title)));
            (viewpoint, ReportBody::Overview { status: *status, proposals })
        }
        ReportKind::Changes { from, to } => {
            let at_end = Viewpoint { as_of: *to, known_on: viewpoint.known_on };
            let entries = store.changes_between(*from, *to, viewpoint.known_on)?;
            let summaries = store.summaries(at_end)?;
            (
                at_end,
                ReportBody::Changes {
                    from: *from,
                    to: *to,
                    proposals: by_proposal(entries, &summaries, *from, *to, viewpoint.known_on),
                },
            )
        }
    };
    // Only the sources the report cites: an archive may hold hundreds of thousands.
    let published = store.published(&cited(&body))?;
    Ok(Report { viewpoint, paper: request.paper, generated_at: Utc::now(), published, body })
}

/// Every source the report's entries cite.
fn cited(body: &ReportBody) -> BTreeSet<i64> {
    let entries: Box<dyn Iterator<Item = &HistoryEntry>> = match body {
        ReportBody::Status { proposals } => Box::new(proposals.iter().flat_map(|p| &p.history)),
        ReportBody::Overview { .. } => Box::new(std::iter::empty()),
        ReportBody::Changes { proposals, .. } => Box::new(proposals.iter().flat_map(|p| &p.entries)),
    };
    entries.flat_map(|e| &e.sources).map(|s| s.id).collect()
}

fn status(store: &Store, viewpoint: Viewpoint, ids: &[i64]) -> Result<ReportBody> {
    let ids: Vec<i64> = if ids.is_empty() {
        let mut made: Vec<ProposalSummary> =
            store.summaries(viewpoint)?.into_iter().filter(|p| p.status.is_some()).collect();
        made.sort_by(|a, b| a.proposed_on.cmp(&b.proposed_on).then_with(|| a.title.cmp(&b.title)));
        made.iter().map(|p| p.id).collect()
    } else {
        ids.to_vec()
    };
    let proposals = ids
        .iter()
        .map(|&id| {
            let mut state: ProposalState = store.proposal_state(id, viewpoint)?;
            state
                .history
                .retain(|e| stood(e, viewpoint.known_on) && e.occurred_on.first_day() <= viewpoint.as_of);
            Ok(state)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ReportBody::Status { proposals })
}

/// Groups the entries of a period by proposal, the proposal that moved last first, each
/// with where it stood at the end of the period.
fn by_proposal(
    entries: Vec<HistoryEntry>,
    at_end: &[ProposalSummary],
    from: NaiveDate,
    to: NaiveDate,
    known_on: Option<DateTime<Utc>>,
) -> Vec<ProposalChanges> {
    let at_end: HashMap<i64, &ProposalSummary> = at_end.iter().map(|p| (p.id, p)).collect();
    let mut groups: BTreeMap<i64, ProposalChanges> = BTreeMap::new();
    for entry in entries {
        // A date known only to the month sorts at its first day, here as everywhere.
        let day = entry.occurred_on.first_day();
        if !stood(&entry, known_on) || day < from || day > to {
            continue;
        }
        let summary = at_end.get(&entry.proposal_id);
        groups
            .entry(entry.proposal_id)
            .or_insert_with(|| ProposalChanges {
                id: entry.proposal_id,
                title: entry.proposal.clone(),
                status: summary.and_then(|s| s.status),
                status_since: summary.and_then(|s| s.status_since),
                entries: Vec::new(),
            })
            .entries
            .push(entry);
    }
    let mut proposals: Vec<ProposalChanges> = groups.into_values().collect();
    for group in &mut proposals {
        group
            .entries
            .sort_by(|a, b| a.occurred_on.cmp(&b.occurred_on).then(a.recorded_at.cmp(&b.recorded_at)));
    }
    let latest = |p: &ProposalChanges| p.entries.last().map(|e| e.occurred_on);
    proposals.sort_by(|a, b| latest(b).cmp(&latest(a)).then_with(|| a.title.cmp(&b.title)));
    proposals
}

/// Whether an entry stood as known on `known_on` (now, when none): recorded by then and not
/// retracted by then. Retracted entries were entered in error and have no place in a briefing.
fn stood(entry: &HistoryEntry, known_on: Option<DateTime<Utc>>) -> bool {
    match known_on {
        None => entry.retraction.is_none(),
        Some(known_on) => {
            entry.recorded_at <= known_on && entry.retraction.as_ref().is_none_or(|r| r.at > known_on)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, EventDate, ProposalStatus, Retraction};

    fn time(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn entry(id: i64, proposal_id: i64, on: &str, recorded: &str) -> HistoryEntry {
        HistoryEntry {
            id,
            proposal_id,
            proposal: format!("Proposal {proposal_id}"),
            change: Change::Status { status: ProposalStatus::UnderNegotiation },
            party: None,
            condition: None,
            occurred_on: on.parse::<EventDate>().unwrap(),
            recorded_at: time(recorded),
            recorded_by: String::new(),
            note: String::new(),
            sources: vec![],
            retraction: None,
            extension: None,
            words: "Status: Under negotiation".to_string(),
            against: Default::default(),
            violation: Default::default(),
        }
    }

    #[test]
    fn an_entry_stands_as_known_before_its_retraction_not_after() {
        let mut e = entry(1, 1, "2025-03-11", "2025-03-12T10:00:00Z");
        e.retraction = Some(Retraction {
            at: time("2025-03-14T10:00:00Z"),
            reason: "wrong date".into(),
            recorded_by: String::new(),
        });
        assert!(!stood(&e, None));
        assert!(stood(&e, Some(time("2025-03-13T00:00:00Z"))));
        assert!(!stood(&e, Some(time("2025-03-15T00:00:00Z"))));
        assert!(!stood(&e, Some(time("2025-03-12T09:00:00Z"))), "not yet recorded then");
    }

    #[test]
    fn changes_are_grouped_by_proposal_within_the_period_only() {
        let from = NaiveDate::from_ymd_opt(2025, 3, 11).unwrap();
        let to = NaiveDate::from_ymd_opt(2025, 3, 13).unwrap();
        let mut retracted = entry(4, 2, "2025-03-12", "2025-03-12T10:00:00Z");
        retracted.retraction = Some(Retraction {
            at: time("2025-03-12T11:00:00Z"),
            reason: "typo".into(),
            recorded_by: String::new(),
        });
        let entries = vec![
            entry(1, 1, "2025-03-13", "2025-03-13T10:00:00Z"),
            entry(2, 1, "2025-03-11", "2025-03-13T11:00:00Z"),
            entry(3, 2, "2025-03-12", "2025-03-12T10:00:00Z"),
            retracted,
            entry(5, 2, "2025-03-14", "2025-03-14T10:00:00Z"),
            entry(6, 1, "2025-03-10", "2025-03-10T10:00:00Z"),
        ];
        let groups = by_proposal(entries, &[], from, to, None);
        let ids: Vec<(i64, Vec<i64>)> =
            groups.iter().map(|g| (g.id, g.entries.iter().map(|e| e.id).collect())).collect();
        assert_eq!(ids, vec![(1, vec![2, 1]), (2, vec![3])]);
    }
}
