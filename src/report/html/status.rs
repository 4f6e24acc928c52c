//! The proposal status report: one section per proposal, each starting a page, with its
//! facts, status timeline, stances, conditions, dated history and sources.

use maud::{html, Markup};

use super::notes::{marks, Notes};
use super::{
    clock_words, colgroup, colophon, columns, implementation, masthead, running_head, status_chip,
    timeline::timeline, violations,
};
use crate::model::{
    clock, ConditionState, HistoryEntry, PhaseState, ProposalState, ProposalStatus, ViolationDetails,
    Vocabulary,
};
use crate::report::text;
use crate::report::Report;

/// Party, role, stance, since, its conditions.
const STANCE_COLUMNS: [u8; 5] = [22, 15, 20, 17, 26];

/// Condition, raised by, category, status, since.
const CONDITION_COLUMNS: [u8; 5] = [33, 17, 17, 17, 16];

/// Date, what happened, note.
const HISTORY_COLUMNS: [u8; 3] = [18, 38, 44];

/// Phase, proposal, status, clock.
const PHASE_COLUMNS: [u8; 4] = [8, 40, 20, 32];

pub fn body(report: &Report, proposals: &[ProposalState]) -> Markup {
    html! {
        @if proposals.is_empty() {
            (masthead(report))
            p.empty { "No proposal had been made by this date." }
            (colophon(report, None))
        }
        @for (i, state) in proposals.iter().enumerate() {
            @let place = format!("Proposal {} of {}.", i + 1, proposals.len());
            section.proposal data-running-head=(running_head(&state.proposal.title, report)) {
                (masthead(report))
                (section(report, state))
                (colophon(report, Some(&place)))
            }
        }
    }
}

fn section(report: &Report, state: &ProposalState) -> Markup {
    let p = &state.proposal;
    let mut notes = Notes::default();
    let cited: Vec<Vec<usize>> = state.history.iter().map(|e| notes.cite(&e.sources)).collect();
    // What is watched once a proposal is agreed: an empty section says so only then.
    let watched = state.status.is_some_and(|s| s == ProposalStatus::Agreed || clock::runs_in(s));
    html! {
        h1 dir="auto" { (p.title) }
        @if !p.summary.is_empty() { p.lede dir="auto" { (p.summary) } }
        dl.facts {
            dt { "Status" }
            dd {
                @match state.status {
                    Some(status) => {
                        (status_chip(status))
                        @if let Some(since) = state.status_since { " since " span.date { (since.human()) } }
                    }
                    None => { "Not yet proposed on this date" }
                }
            }
            dt { "In this status" }
            dd { (state.days_in_status.map(text::days).unwrap_or_else(|| "\u{2014}".to_string())) }
            @if let Some(clock) = &state.clock {
                dt { "Clock" }
                dd.clock {
                    "In effect since " span.date { (clock.started_on.human()) } "; "
                    (clock_words(clock.ends_on, clock.days_left, clock.overdue))
                }
            }
            @if let Some(score) = state.implementation {
                dt { "Implementation" }
                dd { (text::implementation(score, state.conditions.len())) }
            }
            @if !state.violations.is_empty() {
                dt { "Violations" }
                dd { (violations::count_line(&state.violations)) }
            }
            dt { "Proposed by" }
            dd dir="auto" { (p.proposed_by_name) }
            dt { "Proposed on" }
            dd { (p.proposed_on.human()) }
            dt { "Kind" }
            dd { (p.kind.label()) }
            dt { "Duration" }
            dd { (p.duration_days.map(text::days).unwrap_or_else(|| "Not stated".to_string())) }
            dt { "Scope" }
            dd { @if p.scope.is_empty() { "Not stated" } @else { bdi { (p.scope) } } }
            dt { "Process" }
            dd { @if p.process.is_empty() { "Not stated" } @else { bdi { (p.process) } } }
            @if let Some(deal) = &state.phase_of {
                dt { "Phase of" }
                dd {
                    @if let Some(number) = state.phase { "Phase " (number) " of " }
                    bdi { (deal.title) }
                }
            }
            @if let Some(earlier) = &p.supersedes_title {
                dt { "Supersedes" }
                dd dir="auto" { (earlier) }
            }
            @if !state.superseded_by.is_empty() {
                dt { "Superseded by" }
                dd {
                    @for (i, later) in state.superseded_by.iter().enumerate() {
                        @if i > 0 { "; " }
                        bdi { (later.title) }
                    }
                }
            }
        }
        h3 { "Status timeline" }
        (timeline(&state.timeline, report.viewpoint.as_of, state.clock.as_ref()))
        @if !state.phases.is_empty() {
            h3 { "Phases" }
            (phases(&state.phases))
        }
        h3 { "Stances" }
        (stances(state))
        h3 { "Conditions" }
        (conditions(&state.conditions))
        @if state.implementation.is_some() {
            h3 { "Implementation" }
            (implementation::table(state.implementation, &state.conditions, &state.history, &mut notes))
        } @else if watched && !state.conditions.is_empty() {
            h3 { "Implementation" }
            p.empty { "No condition's implementation had been recorded by this date." }
        }
        @if !state.violations.is_empty() {
            // The heading stays on the page of the chart it introduces.
            div.keep {
                h3 { "Violations" }
                p { (violations::lede(&state.violations)) }
                (violations::chart(&state.violations_per_week))
            }
            (violations::list(&state.violations, &mut notes))
        } @else if watched {
            h3 { "Violations" }
            p.empty { "No violation had been reported by this date." }
        }
        h3 { "History" }
        (history(&state.history, &cited))
        @if !notes.is_empty() {
            div.keep {
                h3 { "Sources" }
                (notes.list(&report.published))
            }
        }
    }
}

fn stances(state: &ProposalState) -> Markup {
    if state.stances.is_empty() {
        return html! { p.empty { "No party had taken a stance by this date." } };
    }
    html! {
        table style=(columns(&STANCE_COLUMNS)) {
            (colgroup(&STANCE_COLUMNS))
            thead { tr { th { "Party" } th { "Role" } th { "Stance" } th { "Since" } th { "Its conditions" } } }
            tbody {
                @for stance in &state.stances {
                    tr {
                        td dir="auto" { strong { (stance.party) } }
                        td { (stance.role.label()) }
                        td {
                            (stance.stance.label())
                            @if !stance.note.is_empty() { span.sub dir="auto" { (stance.note) } }
                        }
                        td.date { (stance.since.human()) }
                        td {
                            @let raised: Vec<&ConditionState> = stance
                                .condition_ids
                                .iter()
                                .filter_map(|id| state.conditions.iter().find(|c| c.id == *id))
                                .collect();
                            @if raised.is_empty() { "\u{2014}" } @else {
                                ul {
                                    @for c in raised {
                                        li { bdi { (c.text) } span.sub { (c.status.label()) } }
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

fn conditions(conditions: &[ConditionState]) -> Markup {
    if conditions.is_empty() {
        return html! { p.empty { "No condition had been raised by this date." } };
    }
    let (open, settled): (Vec<&ConditionState>, Vec<&ConditionState>) =
        conditions.iter().partition(|c| c.status.is_open());
    let group = |title: String, rows: &[&ConditionState]| {
        html! {
            @if !rows.is_empty() {
                tbody {
                    tr.group { th colspan="5" { (title) } }
                    @for c in rows {
                        tr {
                            td {
                                div dir="auto" { (c.text) }
                                span.sub { (c.kind.label()) }
                            }
                            td {
                                div dir="auto" { (c.raised_by) }
                                @if let Some(at) = &c.directed_at { span.sub { "to " bdi { (at) } } }
                            }
                            td { (c.category.label()) }
                            td { strong { (c.status.label()) } }
                            td.date { (c.since.human()) }
                        }
                    }
                }
            }
        }
    };
    html! {
        table style=(columns(&CONDITION_COLUMNS)) {
            (colgroup(&CONDITION_COLUMNS))
            thead { tr { th { "Condition" } th { "Raised by" } th { "Category" } th { "Status" } th { "Since" } } }
            (group(format!("Open ({}): still between the parties and a deal", open.len()), &open))
            (group(format!("Settled ({})", settled.len()), &settled))
        }
    }
}

/// A deal's phases in order, each with its status and clock.
fn phases(phases: &[PhaseState]) -> Markup {
    html! {
        table style=(columns(&PHASE_COLUMNS)) {
            (colgroup(&PHASE_COLUMNS))
            thead { tr { th.num { "Phase" } th { "Proposal" } th { "Status" } th { "Clock" } } }
            tbody {
                @for phase in phases {
                    tr {
                        td.num { (phase.phase) }
                        td { strong { (phase.title) } }
                        td {
                            @match phase.status {
                                Some(status) => { (status_chip(status)) }
                                None => { "Not yet proposed" }
                            }
                        }
                        td {
                            @if phase.status.is_some_and(clock::runs_in) {
                                (clock_words(phase.ends_on, phase.days_left, phase.overdue))
                            } @else {
                                "Not in effect"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The dated entries, each with the note numbers of its sources.
pub fn history(entries: &[HistoryEntry], cited: &[Vec<usize>]) -> Markup {
    if entries.is_empty() {
        return html! { p.empty { "Nothing had been recorded by this date." } };
    }
    html! {
        table style=(columns(&HISTORY_COLUMNS)) {
            (colgroup(&HISTORY_COLUMNS))
            thead { tr { th { "Date" } th { "What happened" } th { "Note" } } }
            tbody {
                @for (entry, numbers) in entries.iter().zip(cited) {
                    @let words = entry.words_in_parts();
                    tr {
                        td.date { (entry.occurred_on.human()) }
                        td {
                            strong { (words.subject) } ": " (words.value) (marks(numbers))
                            @if let Some(detail) = words.detail { span.sub { (detail) } }
                            @if let Some(details) = &entry.violation { (violation_detail(entry, details)) }
                        }
                        td dir="auto" { (entry.note) }
                    }
                }
            }
        }
    }
}

/// What a violation report's row of the history adds: its period, count and place.
fn violation_detail(entry: &HistoryEntry, details: &ViolationDetails) -> Markup {
    let period = details.until.map(|_| text::period(entry.occurred_on, details.until));
    let count = text::reported_count(details);
    let typed: Vec<&str> =
        [count.as_str(), details.place.as_str()].into_iter().filter(|t| !t.is_empty()).collect();
    html! {
        @if period.is_some() || !typed.is_empty() {
            span.sub {
                @if let Some(period) = &period { (period) }
                @for (i, part) in typed.iter().enumerate() {
                    @if i > 0 || period.is_some() { " \u{b7} " }
                    bdi { (part) }
                }
            }
        }
    }
}
