//! Reading a document from JSON text, checking it whole, and having the store write it in
//! one transaction.

use serde::de::DeserializeOwned;

use super::check::{plan, refuse};
use super::scan::only_storable_text;
use super::v1::{self, DocumentV1};
use super::{Document, Imported, FORMAT, VERSION};
use crate::error::Result;
use crate::model::text;
use crate::store::bulk::Written;
use crate::store::Store;

/// Imports a document given as JSON text. The whole document is checked first; the first
/// bad record refuses it all, and then nothing is written.
pub fn import_json(store: &mut Store, text: &str) -> Result<Imported> {
    import(store, &parse(text)?)
}

/// Imports a document already read, checked whole first like one given as text.
pub fn import(store: &mut Store, document: &Document) -> Result<Imported> {
    store.import_document(document, |stored| plan(stored, document))
}

/// [`import`], telling `progress` how many of the new records are written as it goes.
pub fn import_reporting(
    store: &mut Store,
    document: &Document,
    progress: &mut dyn FnMut(Written),
) -> Result<Imported> {
    store.import_document_reporting(document, |stored| plan(stored, document), progress)
}

/// Reads the document; when it does not read whole, again record by record, so that the
/// refusal names the record at fault. A version 1 document is read as written and upgraded.
fn parse(text: &str) -> Result<Document> {
    let (read, storable) = read_and_scan(text);
    let fits = |document: &Document| {
        document.format == FORMAT
            && document.version == VERSION
            && storable
            && document
                .sources
                .iter()
                .filter_map(|s| s.url.as_deref())
                .all(|url| text::link_problem(url).is_none())
    };
    match read {
        Ok(document) if fits(&document) => Ok(document),
        _ => parse_by_record(text),
    }
}

/// The document read from the text, and whether [`only_storable_text`] holds for it. The
/// two are independent: for a large text the scan runs beside the read, on another core
/// when there is one.
fn read_and_scan(text: &str) -> (serde_json::Result<Document>, bool) {
    if text.len() < 1 << 20 {
        return (serde_json::from_str(text), only_storable_text(text));
    }
    std::thread::scope(|scope| {
        let scan = scope.spawn(|| only_storable_text(text));
        let read = serde_json::from_str(text);
        (read, scan.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// The records of the list `key`, each read on its own so that a refusal names it.
fn list<T: DeserializeOwned>(
    top: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<Vec<T>> {
    let Some(value) = top.remove(key) else {
        return Err(refuse("the document", format!("it has no \"{key}\" list")));
    };
    let serde_json::Value::Array(items) = value else {
        return Err(refuse("the document", format!("\"{key}\" is not a list")));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let name = match item.get("uuid").and_then(|u| u.as_str()) {
                Some(uuid) => format!("{key}[{index}] (uuid {uuid})"),
                None => format!("{key}[{index}]"),
            };
            if let Some((place, problem)) = text::problem_in_json(&item) {
                return Err(refuse(name, format!("{}: {problem}", place.trim_start_matches('.'))));
            }
            if let Some(problem) = item.get("url").and_then(|url| url.as_str()).and_then(text::link_problem) {
                return Err(refuse(name, format!("url: {problem}")));
            }
            serde_json::from_value(item).map_err(|e| refuse(name, e.to_string()))
        })
        .collect()
}

fn parse_by_record(text: &str) -> Result<Document> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| refuse("the document", format!("it is not JSON: {e}")))?;
    let serde_json::Value::Object(mut top) = value else {
        return Err(refuse("the document", "it is not a JSON object"));
    };
    let format = top.remove("format");
    if format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(refuse("the document", format!("its \"format\" is not \"{FORMAT}\"")));
    }
    let version = top.remove("version").and_then(|v| v.as_i64());
    let document = match version {
        Some(VERSION) => Document {
            format: FORMAT.to_string(),
            version: VERSION,
            parties: list(&mut top, "parties")?,
            sources: list(&mut top, "sources")?,
            proposals: list(&mut top, "proposals")?,
            conditions: list(&mut top, "conditions")?,
            events: list(&mut top, "events")?,
            retractions: list(&mut top, "retractions")?,
            revisions: list(&mut top, "revisions")?,
            links: list(&mut top, "links")?,
            origins: match top.contains_key("origins") {
                true => list(&mut top, "origins")?,
                false => Vec::new(),
            },
        },
        Some(1) => v1::upgrade(DocumentV1 {
            format: FORMAT.to_string(),
            version: 1,
            parties: list(&mut top, "parties")?,
            sources: list(&mut top, "sources")?,
            proposals: list(&mut top, "proposals")?,
            conditions: list(&mut top, "conditions")?,
            events: list(&mut top, "events")?,
            revisions: list(&mut top, "revisions")?,
        }),
        Some(newer) if newer > VERSION => {
            return Err(refuse(
                "the document",
                format!("it is version {newer}, written by a newer version of Ceasefire Tracker (this one reads {VERSION})"),
            ))
        }
        _ => return Err(refuse("the document", format!("its \"version\" is not 1 or {VERSION}"))),
    };
    if let Some(key) = top.keys().next() {
        return Err(refuse("the document", format!("it has an unknown field \"{key}\"")));
    }
    Ok(document)
}
