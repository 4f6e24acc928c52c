//! The lists the window pages through: which proposals, parties or sources, in what order,
//! and which part of them. The store answers with the rows of that part and how many there
//! are in all, so the window holds only what it shows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Party, Proposal, ProposalStatus, ProposalSummary, Source, StatusSpan, SummaryRow, Viewpoint};

/// The order of the proposals list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ListOrder {
    /// Newest change first (by its first day), then by title; a proposal with no change yet
    /// last.
    #[default]
    LastChange,
    /// By title, ignoring case.
    Title,
}

/// Which part of the proposals list to give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListRequest {
    pub viewpoint: Viewpoint,
    /// Only proposals in one of these statuses; `None` for every proposal, those without a
    /// status yet included.
    pub statuses: Option<Vec<ProposalStatus>>,
    /// Every word must appear (ignoring case) in the title, the proposers, the process or
    /// the status's name.
    pub text: String,
    pub order: ListOrder,
    /// The first row wanted, counting from 0, and how many.
    pub offset: u32,
    pub limit: u32,
}

impl ListRequest {
    /// The whole list as of `viewpoint`, newest change first.
    pub fn all(viewpoint: Viewpoint) -> Self {
        Self {
            viewpoint,
            statuses: None,
            text: String::new(),
            order: ListOrder::LastChange,
            offset: 0,
            limit: u32::MAX,
        }
    }
}

/// A part of the proposals list: its rows, where they start, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<SummaryRow>,
}

/// Which part of the parties or sources: those whose name (a source's title or link)
/// holds every word of `text`, ignoring case, in alphabetical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NameRequest {
    pub text: String,
    pub offset: u32,
    pub limit: u32,
}

/// A part of the parties list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartyPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<Party>,
}

/// A part of the sources list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourcePage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<Source>,
}

/// One proposal of a process as its timeline draws it: its line in the list, the proposal
/// as known on the date asked, and its statuses over time, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessLine {
    pub line: ProposalSummary,
    pub proposal: Proposal,
    pub spans: Vec<StatusSpan>,
}
