//! `cftrack generate`: the manual pages and shell completions that packages install, made
//! from the command line's own definitions so that they always match it.
//!
//! Packages run it when they are built; users never need it, so it is no part of [`Cli`]:
//! it is in neither `cftrack --help`, nor the manual pages, nor the completions.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::Shell;
use clap_mangen::Man;

use super::{Cli, Output};
use ceasefire_tracker::error::{Error, Result};

/// The first argument that runs this instead of a user's command.
pub const COMMAND: &str = "generate";

#[derive(Debug, Parser)]
#[command(name = "cftrack", bin_name = "cftrack")]
pub enum Packaging {
    /// Files for packages, made from cftrack's own definitions.
    #[command(subcommand)]
    Generate(Generate),
}

#[derive(Debug, Subcommand)]
pub enum Generate {
    /// The manual page of cftrack and one for each of its commands, into DIR.
    Man {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// The completions for SHELL, into DIR, in the file name that SHELL looks for.
    Completions {
        shell: Shell,
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

impl Packaging {
    /// Writes the files and names each one written, a line each.
    pub fn run(self) -> Result<Output> {
        let Packaging::Generate(what) = self;
        match what {
            Generate::Man { dir } => {
                create_dir(&dir)?;
                // Built, so that each command knows its full name ("cftrack party add").
                let mut command = Cli::command().disable_help_subcommand(true);
                command.build();
                let mut written = Vec::new();
                write_pages(command, &dir, &mut written).map_err(|source| in_dir(&dir, source))?;
                Ok(Output::text(
                    written.iter().map(|path| format!("{}\n", path.display())).collect::<String>(),
                ))
            }
            Generate::Completions { shell, dir } => {
                create_dir(&dir)?;
                let path = clap_complete::generate_to(shell, &mut Cli::command(), "cftrack", &dir)
                    .map_err(|source| in_dir(&dir, source))?;
                Ok(Output::text(format!("{}\n", path.display())))
            }
        }
    }
}

/// The page of `command`, named after its full name (`cftrack-party-add.1`), and the pages
/// of its commands.
fn write_pages(command: clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for subcommand in command.get_subcommands().filter(|subcommand| !subcommand.is_hide_set()) {
        write_pages(subcommand.clone(), dir, written)?;
    }
    let page = Man::new(command)
        .date(page_date())
        .source(format!("cftrack {}", env!("CARGO_PKG_VERSION")))
        .manual("Ceasefire Tracker");
    written.push(page.generate_to(dir)?);
    Ok(())
}

/// The month the pages are made, as pages generated from a program's help are dated;
/// `SOURCE_DATE_EPOCH` sets it, so that a package built twice holds the same pages.
fn page_date() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        .unwrap_or_else(Utc::now)
        .format("%B %Y")
        .to_string()
}

fn create_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|source| in_dir(dir, source))
}

fn in_dir(dir: &Path, source: std::io::Error) -> Error {
    Error::File { path: dir.to_path_buf(), source }
}
