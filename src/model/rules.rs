//! The rules every input meets, wherever it comes from: a form in the window, `cftrack`, or
//! an imported document. Each rule is a pure function that says what is wrong; the caller
//! adds where it was typed (a field of a form) or which record it is (in an import).

use chrono::{Local, NaiveDate};

use crate::error::InputError;

use super::EventDate;

/// Today on the user's calendar: the last day a thing can have happened on.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The text trimmed, refused when nothing is left.
pub fn required(text: &str) -> Result<&str, InputError> {
    match text.trim() {
        "" => Err(InputError::Empty),
        text => Ok(text),
    }
}

/// The most characters a title or a name may have: enough for any agreement's title
/// ("Agreement on a Comprehensive Ceasefire and Permanent Cessation of Hostilities ..."),
/// short enough that a heading and a list line stay readable.
pub const MAX_TITLE_CHARS: usize = 300;

/// Refuses a title or a name longer than [`MAX_TITLE_CHARS`].
pub fn title(text: &str) -> Result<(), InputError> {
    let count = text.trim().chars().count();
    if count > MAX_TITLE_CHARS {
        return Err(InputError::TitleTooLong { count, limit: MAX_TITLE_CHARS });
    }
    Ok(())
}

/// Refuses a date whose first day is after `today`: only what has happened is recorded.
pub fn has_happened(date: EventDate, today: NaiveDate) -> Result<(), InputError> {
    if date.first_day() > today {
        return Err(InputError::FutureDate(date.human()));
    }
    Ok(())
}

/// Refuses an event dated before the proposal it is about was made. A month or a year
/// that contains the proposal's day is not before it ("March 2025" for an 11 March proposal).
pub fn not_before_proposal(date: EventDate, proposed_on: EventDate) -> Result<(), InputError> {
    if date.last_day() < proposed_on.first_day() {
        return Err(InputError::BeforeProposal { date: date.human(), proposed_on: proposed_on.human() });
    }
    Ok(())
}

/// Refuses a duration of no days or fewer: a ceasefire lasts at least one day.
pub fn duration(days: i64) -> Result<(), InputError> {
    if days <= 0 {
        return Err(InputError::NotADuration(days));
    }
    Ok(())
}

/// What is wrong with a set of "same as" links, each (record, the record it is the same as,
/// the link's name): each names the record that stays, so links that go round leave none to
/// stay, and a record said to be the same as two that are not one leaves two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem<N> {
    /// The links of a circle, in order.
    Circle(Vec<N>),
    /// Two links of one record to records that are not one.
    TwoTargets(N, N),
}

/// The first problem of `links`, if any.
pub fn links_problem<K, N>(links: &[(K, K, N)]) -> Option<LinkProblem<N>>
where
    K: Ord + Copy,
    N: Clone,
{
    use std::collections::{BTreeMap, BTreeSet};
    let mut next: BTreeMap<K, Vec<(K, &N)>> = BTreeMap::new();
    for (record, same_as, name) in links {
        next.entry(*record).or_default().push((*same_as, name));
    }
    // Where a record ends up following its first link each time; None when it goes round.
    let end = |start: K| -> Option<K> {
        let (mut at, mut seen) = (start, BTreeSet::from([start]));
        while let Some(&(to, _)) = next.get(&at).and_then(|targets| targets.first()) {
            if !seen.insert(to) {
                return None;
            }
            at = to;
        }
        Some(at)
    };
    // Depth-first, with the links walked; meeting a record on the path is a circle.
    fn walk<'l, K: Ord + Copy, N>(
        at: K,
        next: &BTreeMap<K, Vec<(K, &'l N)>>,
        path: &mut Vec<(K, &'l N)>,
        done: &mut BTreeSet<K>,
    ) -> Option<Vec<&'l N>> {
        if done.contains(&at) {
            return None;
        }
        for &(to, name) in next.get(&at).map(Vec::as_slice).unwrap_or_default() {
            if let Some(start) = path.iter().position(|(record, _)| *record == to) {
                let mut circle: Vec<&N> = path[start + 1..].iter().map(|(_, name)| *name).collect();
                circle.push(name);
                return Some(circle);
            }
            path.push((to, name));
            if let Some(circle) = walk(to, next, path, done) {
                return Some(circle);
            }
            path.pop();
        }
        done.insert(at);
        None
    }
    let mut done = BTreeSet::new();
    for (start, _, first) in links {
        if let Some(circle) = walk(*start, &next, &mut vec![(*start, first)], &mut done) {
            return Some(LinkProblem::Circle(circle.into_iter().cloned().collect()));
        }
    }
    for targets in next.values() {
        for pair in targets.windows(2) {
            if end(pair[0].0) != end(pair[1].0) {
                return Some(LinkProblem::TwoTargets(pair[0].1.clone(), pair[1].1.clone()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> EventDate {
        text.parse().unwrap()
    }

    #[test]
    fn text_is_trimmed_and_must_be_there() {
        assert_eq!(required("  Jeddah  "), Ok("Jeddah"));
        assert_eq!(required(" \n\t"), Err(InputError::Empty));
    }

    #[test]
    fn only_what_has_happened() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 13).unwrap();
        assert_eq!(has_happened(date("2025-03-13"), today), Ok(()));
        assert_eq!(has_happened(date("2025-03"), today), Ok(()));
        assert!(matches!(has_happened(date("2025-03-14"), today), Err(InputError::FutureDate(_))));
        assert!(matches!(has_happened(date("2026"), today), Err(InputError::FutureDate(_))));
    }

    #[test]
    fn a_month_that_holds_the_proposal_day_is_not_before_it() {
        let proposed = date("2025-03-11");
        assert_eq!(not_before_proposal(date("2025-03"), proposed), Ok(()));
        assert_eq!(not_before_proposal(date("2025"), proposed), Ok(()));
        assert!(not_before_proposal(date("2025-03-10"), proposed).is_err());
        assert!(not_before_proposal(date("2025-02"), proposed).is_err());
    }

    #[test]
    fn same_as_links_may_not_go_round_or_split() {
        assert_eq!(links_problem(&[(1, 2, "a"), (3, 2, "b"), (2, 4, "c")]), None);
        assert_eq!(links_problem(&[(1, 2, "a"), (1, 2, "b")]), None, "said twice, the same way");
        assert_eq!(links_problem(&[(1, 2, "a"), (2, 1, "b")]), Some(LinkProblem::Circle(vec!["a", "b"])));
        assert_eq!(
            links_problem(&[(1, 2, "a"), (2, 3, "b"), (3, 1, "c")]),
            Some(LinkProblem::Circle(vec!["a", "b", "c"]))
        );
        assert_eq!(links_problem(&[(1, 2, "a"), (1, 3, "b")]), Some(LinkProblem::TwoTargets("a", "b")));
        assert_eq!(links_problem(&[(1, 2, "a"), (1, 3, "b"), (3, 2, "c")]), None, "2 and 3 are one");
    }

    #[test]
    fn a_ceasefire_lasts_at_least_a_day() {
        assert_eq!(duration(1), Ok(()));
        assert_eq!(duration(0), Err(InputError::NotADuration(0)));
        assert_eq!(duration(-30), Err(InputError::NotADuration(-30)));
    }
}
