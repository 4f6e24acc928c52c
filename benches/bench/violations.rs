//! A proposal of the archive watched closely: 200 violation reports over its last months,
//! recorded once through the store as an analyst would, and kept in the archive for later
//! runs. The generated archive has none of its own.

use std::path::Path;

use chrono::{Days, Utc};

use ceasefire_tracker::model::{Change, NewEvent, ViolationDetails};
use ceasefire_tracker::Store;

/// How many reports the watched proposal has.
const REPORTS: usize = 200;

/// The proposal with the violation reports, recording them first if the archive has none.
pub fn watched_proposal(archive: &Path) -> i64 {
    let mut store = Store::open(archive).expect("the archive").recording_as("Benchmark");
    let conn = rusqlite::Connection::open(archive).expect("the archive");
    let watched: Option<i64> = conn
        .query_row(
            "SELECT proposal FROM event WHERE kind = 'violation' GROUP BY proposal LIMIT 1",
            [],
            |row| row.get(0),
        )
        .ok();
    if let Some(proposal) = watched {
        return proposal;
    }
    // The proposal in effect made longest ago, and two of its parties.
    let (proposal, first, second): (i64, i64, i64) = conn
        .query_row(
            "SELECT l.proposal, min(e.party), max(e.party)
             FROM latest_standing l JOIN proposal p ON p.id = l.proposal
             JOIN event e ON e.proposal = l.proposal AND e.kind = 'stance'
             WHERE l.status = 'in_effect'
             GROUP BY l.proposal HAVING min(e.party) <> max(e.party)
             ORDER BY p.proposed_on, p.id LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .expect("a proposal in effect with two parties");
    let today = Utc::now().date_naive();
    let events: Vec<NewEvent> = (0..REPORTS)
        .map(|i| {
            let (reported_by, against) = if i % 2 == 0 { (first, second) } else { (second, first) };
            let on = today - Days::new(1 + i as u64);
            NewEvent {
                proposal,
                change: Change::Violation {
                    reported_by: Some(reported_by),
                    against: Some(against),
                    disputed: i % 5 == 0,
                },
                occurred_on: on.to_string().parse().expect("a day"),
                note: format!("Shelling reported along the line, report {}", i + 1),
                sources: vec![],
                extension: None,
                violation: Some(ViolationDetails {
                    until: None,
                    count: Some(1 + (i as i64 % 40)),
                    unit: "shells".into(),
                    place: String::new(),
                }),
            }
        })
        .collect();
    store.record_all(&events).expect("the violation reports");
    proposal
}
