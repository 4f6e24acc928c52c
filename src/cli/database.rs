//! Commands on the database as a whole: create it, load the demo, check, back up,
//! restore, export and import.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::Output;
use crate::demo::load_demo;
use crate::error::{Error, Result};
use crate::store::{self, Store};

#[derive(Debug, Subcommand)]
pub enum DatabaseCommand {
    /// Create the database if it does not exist yet; prints its path.
    Init,
    /// Load the demo data set: the March 2025 US-Russia-Ukraine ceasefire talks.
    Demo,
    /// Check the file for damage; exits non-zero naming the problems if it finds any.
    Check,
    /// Write a consistent copy of the database to a new file.
    Backup {
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Replace the database with a backup; the current file is kept next to it first.
    Restore {
        #[arg(value_name = "FILE")]
        backup: PathBuf,
    },
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
        DatabaseCommand::Check => {
            let problems = Store::open(path)?.check()?;
            if !problems.is_empty() {
                let count = problems.len();
                let problems = problems.join("; ");
                return Err(Error::Conflict(format!(
                    "{} has {count} problem(s): {problems}",
                    path.display()
                )));
            }
            Ok(Output::text(format!("{}: no problems found\n", path.display())))
        }
        DatabaseCommand::Backup { output } => {
            Store::open(path)?.backup_to(&output)?;
            Ok(Output::text(format!("{}\n", output.display())))
        }
        DatabaseCommand::Restore { backup } => {
            let text = match store::restore(path, &backup)? {
                Some(kept) => format!(
                    "Restored {} from {}; the database as it was is kept in {}\n",
                    path.display(),
                    backup.display(),
                    kept.display()
                ),
                None => format!("Restored {} from {}\n", path.display(), backup.display()),
            };
            Ok(Output::text(text))
        }
    }
}
