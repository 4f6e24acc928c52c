//! Commands on the database as a whole: create it, load the demo, check, back up,
//! restore, export and import.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{is_standard_output, Output};
use ceasefire_tracker::demo::load_demo;
use ceasefire_tracker::error::{Error, Result};
use ceasefire_tracker::exchange;
use ceasefire_tracker::store::{self, Store};

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
        /// The new file (`-` for standard output); an existing file is never overwritten.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Replace the database with a backup; the current file is kept next to it first.
    Restore {
        /// A file written by `cftrack backup` or the desktop app's backup.
        #[arg(value_name = "FILE")]
        backup: PathBuf,
    },
    /// Write the whole database as a JSON document (to standard output without -o).
    Export {
        /// The file to write (`-` for standard output).
        #[arg(short = 'o', long = "output", value_name = "FILE.json")]
        output: Option<PathBuf>,
    },
    /// Add the records of an exported JSON document; a document with any bad record is
    /// refused whole.
    Import {
        /// A document written by `cftrack export`.
        #[arg(value_name = "FILE.json")]
        document: PathBuf,
    },
}

impl DatabaseCommand {
    pub fn only_reads(&self) -> bool {
        matches!(self, Self::Check | Self::Backup { .. } | Self::Export { .. })
    }
}

/// A consistent copy written beside the system's temporary files, then sent to standard
/// output whole: SQLite's backup writes to a file, not to a stream.
fn backup_to_standard_output(path: &Path) -> Result<Output> {
    let copy = std::env::temp_dir().join(format!(
        "cftrack-backup-{}-{}.db",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    let written = Store::open(path)?.backup_to(&copy);
    let bytes = written
        .and_then(|()| std::fs::read(&copy).map_err(|source| Error::File { path: copy.clone(), source }));
    let _ = std::fs::remove_file(&copy);
    Ok(Output::bytes(bytes?))
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
            let problems = Store::open(path)?.integrity_problems()?;
            if !problems.is_empty() {
                let count = problems.len();
                let problems = problems.join("; ");
                return Err(Error::Damaged { path: path.display().to_string(), count, problems });
            }
            Ok(Output::text(format!("{}: no problems found\n", path.display())))
        }
        DatabaseCommand::Backup { output } if is_standard_output(&output) => backup_to_standard_output(path),
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
        DatabaseCommand::Export { output } => {
            let document = exchange::export_json(&Store::open(path)?)?;
            Output::to(output, document, false)
        }
        DatabaseCommand::Import { document } => {
            let text = std::fs::read_to_string(&document)
                .map_err(|source| Error::File { path: document.clone(), source })?;
            let imported = exchange::import_json(&mut Store::open(path)?, &text)?;
            Ok(Output::text(format!(
                "Imported {} records from {}; {} were already there\n",
                imported.added,
                document.display(),
                imported.already_present
            )))
        }
    }
}
