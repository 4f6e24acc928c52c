//! The JSON form, for scripts: the gathered report as it is, with vocabulary codes and ISO
//! dates, and a `report` field naming which report it is.

use super::Report;
use crate::error::{Error, Result};

pub fn document(report: &Report) -> Result<String> {
    serde_json::to_string_pretty(report)
        .map_err(|e| Error::Conflict(format!("could not write the JSON: {e}")))
}
