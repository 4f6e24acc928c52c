//! The stretches of time a proposal spent in each status.

use rusqlite::{named_params, Connection};

use crate::error::Result;
use crate::model::{EventDate, ProposalStatus, StatusSpan};
use crate::store::columns;

use super::latest::Scope;

/// The status spans of `proposal` up to the scope's date, oldest first.
pub(crate) fn spans(conn: &Connection, proposal: i64, scope: &Scope) -> Result<Vec<StatusSpan>> {
    let mut statement = conn.prepare_cached(
        "SELECT status, occurred_on, occurred_on_precision FROM event e
         WHERE e.proposal = :proposal AND e.kind = 'status' AND e.occurred_on <= :as_of
           AND e.recorded_at <= :known AND (e.retracted_at IS NULL OR e.retracted_at > :known)
         ORDER BY e.occurred_on, e.recorded_at, e.id",
    )?;
    let params = named_params! { ":proposal": proposal, ":as_of": scope.as_of, ":known": scope.known };
    let changes = statement
        .query_map(params, |row| Ok((row.get("status")?, columns::event_date(row, "occurred_on")?)))?
        .collect::<rusqlite::Result<Vec<(ProposalStatus, EventDate)>>>()?;
    Ok(from_changes(changes))
}

/// Builds spans from status changes in order. A change on the same day as the next one
/// held for no time and is left out; a change to the status already held continues it.
fn from_changes(changes: Vec<(ProposalStatus, EventDate)>) -> Vec<StatusSpan> {
    let mut spans: Vec<StatusSpan> = Vec::new();
    for (status, from) in changes {
        if let Some(last) = spans.last_mut() {
            if last.from.first_day() == from.first_day() {
                spans.pop();
            } else if last.status == status {
                continue;
            } else {
                last.until = Some(from);
            }
        }
        match spans.last() {
            Some(last) if last.status == status => spans.last_mut().expect("just seen").until = None,
            _ => spans.push(StatusSpan { status, from, until: None }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> EventDate {
        text.parse().unwrap()
    }

    #[test]
    fn spans_follow_changes_and_skip_same_day_corrections() {
        use ProposalStatus::*;
        let spans = from_changes(vec![
            (Floated, date("2025-03-11")),
            (UnderNegotiation, date("2025-03-13")),
            (Rejected, date("2025-03-13")),
            (UnderNegotiation, date("2025-03-16")),
            (UnderNegotiation, date("2025-03-17")),
            (Agreed, date("2025-03-18")),
        ]);
        let summary: Vec<_> =
            spans.iter().map(|s| (s.status, s.from.iso(), s.until.map(|d| d.iso()))).collect();
        assert_eq!(
            summary,
            vec![
                (Floated, "2025-03-11".to_string(), Some("2025-03-13".to_string())),
                (Rejected, "2025-03-13".to_string(), Some("2025-03-16".to_string())),
                (UnderNegotiation, "2025-03-16".to_string(), Some("2025-03-18".to_string())),
                (Agreed, "2025-03-18".to_string(), None),
            ]
        );
    }
}
