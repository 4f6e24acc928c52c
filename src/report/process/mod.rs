//! The process timeline: every proposal of one conflict or peace process on one time axis,
//! a lane each, the phases of a deal nested under it, and an arrow from each proposal to the
//! one that replaced it (`supersedes`).
//!
//! [`gather`] reads the lanes from the store and puts them in the order they are drawn in;
//! [`svg`] draws them as one vector drawing, for the window. The printed report draws the
//! same lanes in pieces that a page break may fall between (`report/html/process.rs`).

mod draw;
mod scale;
mod words;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, InputError, Result};
use crate::model::{EventDate, ProcessLine, ProposalKind, ProposalStatus, StatusSpan, Viewpoint};
use crate::store::Store;

pub use draw::svg;
pub use draw::{axis_svg, family_pieces, lanes_svg};
pub use scale::Scale;

/// Every proposal of one process made by a date, in the order they are drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcessTimeline {
    /// The process's name, as recorded on its proposals.
    pub process: String,
    /// The date the lanes are drawn as of (the report's `viewpoint` says it in JSON).
    #[serde(skip)]
    pub as_of: NaiveDate,
    pub lanes: Vec<Lane>,
}

/// One proposal's lane.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lane {
    pub id: i64,
    pub title: String,
    pub proposed_by: String,
    pub proposed_on: EventDate,
    pub kind: ProposalKind,
    /// The deal it is a phase of, and its number there.
    pub phase_of: Option<i64>,
    pub phase_of_title: Option<String>,
    pub phase: Option<i64>,
    /// The earlier proposal it replaces.
    pub supersedes: Option<i64>,
    pub supersedes_title: Option<String>,
    /// 0 for a proposal, 1 for a phase of a deal drawn above it, 2 for a phase of a phase.
    pub depth: usize,
    /// Lanes joined by phases or lineage share a family, numbered from 0 in the order drawn:
    /// a family is drawn in one piece where it fits on a page.
    pub family: usize,
    pub status: Option<ProposalStatus>,
    pub status_since: Option<EventDate>,
    /// Its statuses on the date, oldest first; the last one holds on the date.
    pub spans: Vec<StatusSpan>,
    /// Its clock, while in effect: the last day covered, the days left, past its end.
    pub ends_on: Option<EventDate>,
    pub days_left: Option<i64>,
    pub overdue: bool,
}

/// The name a process is recorded under: as typed, or the one recorded name that differs
/// from it only in case or surrounding spaces.
pub fn process_name(store: &Store, typed: &str) -> Result<String> {
    let wanted = typed.trim();
    if wanted.is_empty() {
        return Err(Error::invalid("process", InputError::Empty));
    }
    let names = store.processes()?;
    if let Some(name) = names.iter().find(|name| name.as_str() == wanted) {
        return Ok(name.clone());
    }
    let alike: Vec<&String> = names.iter().filter(|name| name.trim().eq_ignore_ascii_case(wanted)).collect();
    if let [name] = alike.as_slice() {
        return Ok((*name).clone());
    }
    // Name a few, so that a typo can be put right without looking elsewhere.
    const NAMED: usize = 8;
    let known = match names.len() {
        0 => "; no proposal has a process yet".to_string(),
        n if n <= NAMED => format!("; the processes are: {}", names.join(", ")),
        n => format!("; the processes include: {} and {} more", names[..NAMED].join(", "), n - NAMED),
    };
    Err(Error::invalid("process", InputError::UnknownProcess { name: wanted.to_string(), known }))
}

/// The lanes of the process `name` as seen from `viewpoint`: the proposals made by its date.
pub fn gather(store: &Store, name: &str, viewpoint: Viewpoint) -> Result<ProcessTimeline> {
    let process = process_name(store, name)?;
    let mut lanes = Vec::new();
    for ProcessLine { line, proposal: p, spans } in store.process_lines(&process, viewpoint)? {
        lanes.push(Lane {
            id: line.id,
            title: line.title,
            proposed_by: line.proposed_by,
            proposed_on: line.proposed_on,
            kind: line.kind,
            phase_of: p.phase_of,
            phase_of_title: p.phase_of_title,
            phase: p.phase,
            supersedes: p.supersedes,
            supersedes_title: p.supersedes_title,
            depth: 0,
            family: 0,
            status: line.status,
            status_since: line.status_since,
            spans,
            ends_on: line.ends_on,
            days_left: line.days_left,
            overdue: line.overdue,
        });
    }
    Ok(ProcessTimeline { process, as_of: viewpoint.as_of, lanes: arrange(lanes) })
}

/// Puts lanes in the order they are drawn: families (lanes joined by phases or lineage) by
/// their earliest proposal; within one, each proposal by date, its phases under it by
/// number. Sets each lane's depth and family.
pub fn arrange(lanes: Vec<Lane>) -> Vec<Lane> {
    let index: std::collections::HashMap<i64, usize> =
        lanes.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let present = |id: Option<i64>| id.and_then(|id| index.get(&id).copied());
    let by_date = |a: &usize, b: &usize| {
        let (a, b) = (&lanes[*a], &lanes[*b]);
        (a.proposed_on.first_day(), a.phase, a.id).cmp(&(b.proposed_on.first_day(), b.phase, b.id))
    };

    // The deal a lane is drawn under, when that deal is a lane too and no circle leads back.
    let parent: Vec<Option<usize>> = (0..lanes.len())
        .map(|i| {
            let deal = present(lanes[i].phase_of)?;
            let mut seen = vec![i];
            let mut up = Some(deal);
            while let Some(at) = up {
                if seen.contains(&at) {
                    return None;
                }
                seen.push(at);
                up = present(lanes[at].phase_of);
            }
            Some(deal)
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); lanes.len()];
    for (i, deal) in parent.iter().enumerate() {
        if let Some(deal) = deal {
            children[*deal].push(i);
        }
    }
    for phases in &mut children {
        phases.sort_by(|a, b| {
            let (a, b) = (&lanes[*a], &lanes[*b]);
            (a.phase, a.proposed_on.first_day(), a.id).cmp(&(b.phase, b.proposed_on.first_day(), b.id))
        });
    }

    // Families: lanes joined by a deal and its phases, or by one replacing another.
    let mut family: Vec<usize> = (0..lanes.len()).collect();
    fn root(family: &mut [usize], mut i: usize) -> usize {
        while family[i] != i {
            family[i] = family[family[i]];
            i = family[i];
        }
        i
    }
    for i in 0..lanes.len() {
        for other in [parent[i], present(lanes[i].supersedes)].into_iter().flatten() {
            let (a, b) = (root(&mut family, i), root(&mut family, other));
            family[a] = b;
        }
    }

    // The top lanes of each family by date, each followed by its phases.
    let mut tops: Vec<usize> = (0..lanes.len()).filter(|&i| parent[i].is_none()).collect();
    tops.sort_by(by_date);
    let mut families: Vec<(usize, Vec<usize>)> = Vec::new();
    for top in tops {
        let name = root(&mut family, top);
        match families.iter_mut().find(|(n, _)| *n == name) {
            Some((_, members)) => members.push(top),
            None => families.push((name, vec![top])),
        }
    }
    let mut order: Vec<(usize, usize, usize)> = Vec::with_capacity(lanes.len());
    for (number, (_, members)) in families.iter().enumerate() {
        for &top in members {
            let mut stack = vec![(top, 0)];
            while let Some((lane, depth)) = stack.pop() {
                order.push((lane, depth, number));
                stack.extend(children[lane].iter().rev().map(|&phase| (phase, depth + 1)));
            }
        }
    }

    let mut slots: Vec<Option<Lane>> = lanes.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth, family)| {
            let mut lane = slots[i].take()?;
            lane.depth = depth;
            lane.family = family;
            Some(lane)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn lane(id: i64, on: &str) -> Lane {
        Lane {
            id,
            title: format!("Proposal {id}"),
            proposed_by: "Qatar".into(),
            proposed_on: on.parse().unwrap(),
            kind: ProposalKind::General,
            phase_of: None,
            phase_of_title: None,
            phase: None,
            supersedes: None,
            supersedes_title: None,
            depth: 0,
            family: 0,
            status: Some(ProposalStatus::Floated),
            status_since: Some(on.parse().unwrap()),
            spans: vec![StatusSpan {
                status: ProposalStatus::Floated,
                from: on.parse().unwrap(),
                until: None,
            }],
            ends_on: None,
            days_left: None,
            overdue: false,
        }
    }

    fn phase(id: i64, of: i64, number: i64, on: &str) -> Lane {
        Lane { phase_of: Some(of), phase: Some(number), ..lane(id, on) }
    }

    fn order(lanes: &[Lane]) -> Vec<(i64, usize, usize)> {
        lanes.iter().map(|l| (l.id, l.depth, l.family)).collect()
    }

    #[test]
    fn phases_come_under_their_deal_in_order_of_their_number() {
        let lanes = vec![
            phase(3, 1, 2, "2025-01-15"),
            lane(1, "2025-01-15"),
            phase(2, 1, 1, "2025-01-15"),
            lane(4, "2024-12-01"),
            phase(5, 3, 1, "2025-02-01"),
        ];
        assert_eq!(order(&arrange(lanes)), [(4, 0, 0), (1, 0, 1), (2, 1, 1), (3, 1, 1), (5, 2, 1)]);
    }

    #[test]
    fn a_proposal_and_the_one_that_replaced_it_are_one_family() {
        let lanes = vec![
            lane(1, "2025-01-01"),
            lane(2, "2025-02-01"),
            Lane { supersedes: Some(1), ..lane(3, "2025-03-01") },
            Lane { supersedes: Some(99), ..lane(4, "2025-01-15") },
        ];
        assert_eq!(order(&arrange(lanes)), [(1, 0, 0), (3, 0, 0), (4, 0, 1), (2, 0, 2)]);
    }

    #[test]
    fn a_phase_whose_deal_is_elsewhere_or_in_a_circle_is_a_lane_of_its_own() {
        let lanes =
            vec![phase(1, 2, 1, "2025-01-01"), phase(2, 1, 1, "2025-01-02"), phase(3, 77, 1, "2025-01-03")];
        let arranged = arrange(lanes);
        assert_eq!(arranged.len(), 3, "no lane is lost");
        assert!(arranged.iter().all(|l| l.depth == 0), "{:?}", order(&arranged));
    }
}
