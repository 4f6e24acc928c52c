//! Commands on the database as a whole: create it, load the demo, check, back up,
//! restore, export and import.

use std::path::Path;

use clap::Subcommand;

use super::Output;
use crate::demo::load_demo;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum DatabaseCommand {
    /// Create the database if it does not exist yet; prints its path.
    Init,
    /// Load the demo data set: the March 2025 US-Russia-Ukraine ceasefire talks.
    Demo,
}

pub fn run(path: &Path, command: DatabaseCommand) -> Result<Output> {
    match command {
        DatabaseCommand::Init => {
            Store::open(path)?;
            Ok(Output::text(format!("{}\n", path.display())))
        }
        DatabaseCommand::Demo => {
            let mut store = Store::open(path)?;
            let text = if load_demo(&mut store)? {
                "Loaded the demo data set. See it with: cftrack proposal list\n"
            } else {
                "The demo data set is already there; nothing changed.\n"
            };
            Ok(Output::text(text))
        }
    }
}
