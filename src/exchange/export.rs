//! The database as a document, and as JSON text.

use super::Document;
use crate::error::Result;
use crate::store::Store;

/// The whole database as a document.
pub fn export(store: &Store) -> Result<Document> {
    store.document()
}

/// The whole database as JSON text, indented, ending with a new line.
pub fn export_json(store: &Store) -> Result<String> {
    let document = export(store)?;
    let mut text = serde_json::to_string_pretty(&document).expect("a document always serializes");
    text.push('\n');
    Ok(text)
}
