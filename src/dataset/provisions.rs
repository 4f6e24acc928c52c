//! Provision columns: what an agreement provides for, coded per column as a 0/1 flag or,
//! in PA-X, a level from 1 (mentioned) to 3 (detailed). Each provision present becomes a
//! condition of the proposal, in the category its column maps to.

use crate::model::ConditionCategory;

use super::error::CellProblem;
use super::table::{whole_number, Row, Table};
use super::Provision;

/// A provision column the mapping reads.
pub(crate) struct ProvisionColumn {
    pub column: &'static str,
    pub category: ConditionCategory,
    /// What it provides for, in words.
    pub label: &'static str,
    /// Coded 0-3 rather than 0/1.
    pub graded: bool,
}

pub(crate) const fn provision(
    column: &'static str,
    category: ConditionCategory,
    label: &'static str,
    graded: bool,
) -> ProvisionColumn {
    ProvisionColumn { column, category, label, graded }
}

/// The provision columns a file has, with where they are.
pub(crate) fn columns(
    table: &Table,
    all: &'static [ProvisionColumn],
) -> Vec<(usize, &'static ProvisionColumn)> {
    all.iter().filter_map(|p| Some((table.column(p.column)?, p))).collect()
}

/// The provisions of a row. A cell that is no level is left out and told to `problem`.
pub(crate) fn read(
    columns: &[(usize, &'static ProvisionColumn)],
    row: Row<'_>,
    mut problem: impl FnMut(CellProblem),
) -> Vec<Provision> {
    let mut provisions = vec![];
    for &(index, provision) in columns {
        let Some(value) = row.value(index) else { continue };
        let highest = if provision.graded { 3 } else { 1 };
        let Some(level) = whole_number(value).filter(|l| (0..=highest).contains(l)) else {
            let expected = if provision.graded { "a provision's level, 0 to 3" } else { "a flag, 0 or 1" };
            let (column, value) = (provision.column.to_string(), value.to_string());
            problem(CellProblem { column, value, expected: expected.to_string() });
            continue;
        };
        if level == 0 {
            continue;
        }
        let ProvisionColumn { column, category, label, graded } = *provision;
        let text =
            if graded { format!("{label} ({column} {level} of 3)") } else { format!("{label} ({column})") };
        provisions.push(Provision { category, text, column, level: level as u8 });
    }
    provisions
}
