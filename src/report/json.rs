//! The JSON form, for scripts: the gathered report as it is, with vocabulary codes and ISO
//! dates, and a `report` field naming which report it is.

use super::Report;

pub fn document(report: &Report) -> String {
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_string_pretty(report).expect("a report serialises to JSON")
}
