//! Any bytes given as a document to import: imported whole into a sound database, or
//! refused with the database unchanged.
#![no_main]

use ceasefire_tracker::{exchange, Error, Store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut store = Store::open_in_memory().unwrap();
    let before = exchange::export_json(&store).unwrap();
    match exchange::import_json(&mut store, text) {
        Ok(_) => assert!(store.integrity_problems().unwrap().is_empty()),
        Err(Error::Import { .. }) => assert_eq!(exchange::export_json(&store).unwrap(), before),
        Err(other) => panic!("not an import refusal: {other}"),
    }
});
