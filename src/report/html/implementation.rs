//! Implementation in print, after the Peace Accords Matrix: each condition a row, its
//! negotiation status beside how far it was carried out on the ground, level by level with
//! the dates, and the proposal's score above.

use maud::{html, Markup};

use super::notes::{marks, Notes};
use super::{colgroup, columns};
use crate::model::{
    Change, ConditionState, HistoryEntry, ImplementationLevel, ImplementationScore, Vocabulary,
};
use crate::report::text;

/// Condition, negotiation status, implementation over time.
const COLUMNS: [u8; 3] = [36, 20, 44];

/// The score and the table of the conditions' levels over time. `history` holds the entries
/// that stood on the date the report is as of, oldest first.
pub fn table<'a>(
    score: Option<ImplementationScore>,
    conditions: &[ConditionState],
    history: &'a [HistoryEntry],
    notes: &mut Notes<'a>,
) -> Markup {
    let steps = |id: i64| -> Vec<&'a HistoryEntry> {
        history
            .iter()
            .filter(|e| e.retraction.is_none())
            .filter(|e| matches!(e.change, Change::Implementation { condition, .. } if condition == id))
            .collect()
    };
    html! {
        @if let Some(score) = score {
            p.score {
                strong { "Implementation " (text::implementation(score, conditions.len())) }
                span.legend {
                    " \u{2014} the mean level of the conditions with an implementation entry, as a share of full."
                }
            }
        }
        p.legend {
            "Levels of the Peace Accords Matrix: not started, minimal, intermediate, full; "
            "the boxes beside each level fill one by one up to full."
        }
        table.implementation style=(columns(&COLUMNS)) {
            (colgroup(&COLUMNS))
            thead { tr { th { "Condition" } th { "Negotiation" } th { "Implementation over time" } } }
            tbody {
                @for condition in conditions {
                    tr {
                        td {
                            div dir="auto" { (condition.text) }
                            span.sub { "Raised by " bdi { (condition.raised_by) } " \u{b7} " (condition.category.label()) }
                        }
                        td {
                            strong { (condition.status.label()) }
                            span.sub.date { "since " (condition.since.human()) }
                        }
                        td {
                            @let steps = steps(condition.id);
                            @if steps.is_empty() {
                                span.empty { "No implementation recorded" }
                            } @else {
                                ol.steps {
                                    @for step in steps {
                                        @let numbers = notes.cite(&step.sources);
                                        @if let Change::Implementation { level, .. } = step.change {
                                            li {
                                                (meter(level)) " "
                                                strong { (level.label()) }
                                                " from " span.date { (step.occurred_on.human()) }
                                                (marks(&numbers))
                                                @if !step.note.is_empty() { span.sub dir="auto" { (step.note) } }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A level as three boxes filled up to it: none for not started, all three for full. The
/// word always stands beside it.
pub fn meter(level: ImplementationLevel) -> Markup {
    html! {
        svg.meter xmlns="http://www.w3.org/2000/svg" width="24" height="8" viewBox="0 0 24 8" aria-hidden="true" {
            @for i in 0..3_i64 {
                rect x=(i * 8 + 1) y="1" width="6" height="6" stroke="#000" stroke-width="0.8"
                    fill=(if i < level.scale() { "#333" } else { "#fff" }) {}
            }
        }
    }
}
