//! `cftrack`, the command line over the core: for scripting, imports and tests.
//!
//! Each command reads its arguments into the core's types, calls the [`Store`] once per
//! user action, and returns what to print: new ids and tables on standard output,
//! warnings about unusual moves for standard error.

mod config;
mod database;
mod dataset;
mod deadlines;
mod event;
mod gen;
mod generate;
mod history;
mod input;
mod party;
mod proposal;
mod report;
mod source;
mod table;
mod team;
mod violation;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use ceasefire_tracker::error::{Error, Result};
use ceasefire_tracker::store::{self, Store};

pub use database::DatabaseCommand;
pub use event::{ConditionCommand, RetractArgs, StanceCommand, StatusCommand};
pub use gen::GenArgs;
pub use history::HistoryArgs;
pub use party::PartyCommand;
pub use proposal::ProposalCommand;
pub use report::ReportArgs;
pub use source::SourceCommand;

/// Track ceasefire proposals, the parties' stances and conditions, and their history.
#[derive(Debug, Parser)]
#[command(name = "cftrack", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file (default: $CFTRACK_DB, else the desktop app's file).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The database the command works on.
    pub fn database(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(store::default_path)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(flatten)]
    Database(DatabaseCommand),
    /// Parties: states, people, organizations, armed groups, coalitions.
    #[command(subcommand)]
    Party(PartyCommand),
    /// Sources: where facts were reported.
    #[command(subcommand)]
    Source(SourceCommand),
    /// Proposals and where they stand.
    #[command(subcommand)]
    Proposal(ProposalCommand),
    /// A proposal's status.
    #[command(subcommand)]
    Status(StatusCommand),
    /// A party's stance on a proposal.
    #[command(subcommand)]
    Stance(StanceCommand),
    /// Conditions parties set on proposals.
    #[command(subcommand)]
    Condition(ConditionCommand),
    /// The ceasefires in effect whose clock ends soon, or has run out with nothing recorded.
    Deadlines(deadlines::DeadlinesArgs),
    /// The public research datasets: PA-X, UCDP Peace Agreements, ETH/PRIO ceasefires.
    #[command(subcommand)]
    Dataset(dataset::DatasetCommand),
    /// Violation reports: a ceasefire broken, by whom, against whom.
    #[command(subcommand)]
    Violation(violation::ViolationCommand),
    /// Mark an event as entered in error; it stays in the history, marked retracted.
    Retract(RetractArgs),
    /// Every entry of a proposal's history, retracted ones included, oldest first.
    History(HistoryArgs),
    /// A status report, the overview of all proposals, the changes between two dates, or the
    /// timeline of a whole process.
    Report(ReportArgs),
    /// Your own settings: the name your records are signed with.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Fill a new database with a synthetic archive (same seed, same data), for
    /// benchmarks and tests.
    Gen(GenArgs),
    /// A team's shared server: set it up, add members, join it, see where this database stands.
    #[command(subcommand)]
    Team(team::TeamCommand),
    /// Send the records the team's server lacks and receive the others' (after team join).
    Sync(team::SyncArgs),
}

/// What a command has to say: bytes for standard output (text, or a backup written to
/// `-o -`), warnings for standard error.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: Vec<u8>,
    pub warnings: Vec<String>,
}

impl Output {
    pub fn text(stdout: impl Into<String>) -> Self {
        Self::bytes(stdout.into().into_bytes())
    }

    pub fn bytes(stdout: Vec<u8>) -> Self {
        Self { stdout, warnings: Vec::new() }
    }

    /// `text` for standard output when `output` is missing or `-`, else written to that file,
    /// whose path is then printed (when `say_path`).
    pub fn to(output: Option<PathBuf>, text: String, say_path: bool) -> Result<Self> {
        match output {
            Some(path) if !is_standard_output(&path) => {
                std::fs::write(&path, text).map_err(|source| Error::File { path: path.clone(), source })?;
                Ok(if say_path { Self::text(format!("{}\n", path.display())) } else { Self::default() })
            }
            _ => Ok(Self::text(text)),
        }
    }

    /// A new record's id, alone on its line, so that scripts can capture it.
    pub fn id(id: i64) -> Self {
        Self::text(format!("{id}\n"))
    }

    pub fn json<T: Serialize + ?Sized>(value: &T) -> Self {
        let mut text = serde_json::to_string_pretty(value).expect("plain data serializes to JSON");
        text.push('\n');
        Self::text(text)
    }

    fn with_warnings(mut self, warnings: Vec<String>) -> Self {
        self.warnings = warnings;
        self
    }
}

/// True for the file name `-`, which means standard output, as for other Unix tools.
pub fn is_standard_output(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Runs the command on the database it names.
pub fn run(cli: Cli) -> Result<Output> {
    let path = cli.database();
    run_on(path.clone(), cli.command).map_err(|error| error.in_file(&path))
}

fn run_on(path: PathBuf, command: Command) -> Result<Output> {
    // The settings are no part of the database.
    if let Command::Config(command) = command {
        return config::run(command);
    }
    // Setting up the server and adding members touch no database file.
    if let Command::Team(command) = command {
        if command.on_server_only() {
            return team::run_on_server(command);
        }
        if command.only_reads() {
            refuse_missing_folder(&path)?;
        }
        return team::run(&mut Store::open(&path)?, command);
    }
    if command.only_reads() {
        refuse_missing_folder(&path)?;
    }
    match command {
        // These create, inspect or replace the file itself, so they open it their own way.
        Command::Database(command) => database::run(&path, command),
        Command::Party(command) => party::run(&mut Store::open(&path)?, command),
        Command::Source(command) => source::run(&mut Store::open(&path)?, command),
        Command::Proposal(command) => proposal::run(&mut Store::open(&path)?, command),
        Command::Status(command) => event::status(&mut Store::open(&path)?, command),
        Command::Stance(command) => event::stance(&mut Store::open(&path)?, command),
        Command::Condition(command) => event::condition(&mut Store::open(&path)?, command),
        Command::Retract(args) => event::retract(&mut Store::open(&path)?, args),
        Command::Violation(command) => violation::run(&mut Store::open(&path)?, command),
        Command::Dataset(command) => dataset::run(&mut Store::open(&path)?, command),
        Command::History(args) => history::run(&Store::open(&path)?, args),
        Command::Deadlines(args) => deadlines::run(&Store::open(&path)?, args),
        Command::Report(args) => report::run(&Store::open(&path)?, args),
        Command::Gen(args) => gen::run(&path, args),
        Command::Sync(args) => team::sync(&mut Store::open(&path)?, args),
        Command::Config(_) | Command::Team(_) => unreachable!("handled before the database is opened"),
    }
}

impl Command {
    /// True for the commands that only read the database: they create no folder for it.
    fn only_reads(&self) -> bool {
        match self {
            Command::Database(command) => command.only_reads(),
            Command::Violation(command) => command.only_reads(),
            Command::Dataset(command) => command.only_reads(),
            Command::Party(command) => command.only_reads(),
            Command::Source(command) => command.only_reads(),
            Command::Proposal(command) => command.only_reads(),
            Command::History(_) | Command::Report(_) | Command::Config(_) | Command::Deadlines(_) => true,
            Command::Status(_)
            | Command::Stance(_)
            | Command::Condition(_)
            | Command::Retract(_)
            | Command::Gen(_)
            | Command::Sync(_) => false,
            Command::Team(command) => command.only_reads(),
        }
    }
}

/// A command that only reads says that the database's folder is missing rather than
/// making it (and an empty database in it) to read nothing from.
fn refuse_missing_folder(path: &Path) -> Result<()> {
    match path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        Some(folder) if !path.exists() && !folder.is_dir() => {
            Err(Error::NoFolder { path: folder.to_path_buf() })
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` to standard output. A reader that stops early (`| head`) is no error: the
/// rest is not wanted, and the program ends quietly.
fn print(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn main() -> ExitCode {
    // Packages run `cftrack generate` for their manual pages and completions; it is no
    // user command, so it is kept out of `Cli` and all that is made from it.
    if std::env::args_os().nth(1).is_some_and(|first| first == generate::COMMAND) {
        return finish(generate::Packaging::parse().run());
    }
    finish(run(Cli::parse()))
}

/// Prints what the command had to say, or its error on one line.
fn finish(outcome: Result<Output>) -> ExitCode {
    match outcome {
        Ok(output) => {
            if let Err(error) = print(&output.stdout) {
                eprintln!("cftrack: standard output: {error}");
                return ExitCode::FAILURE;
            }
            for warning in output.warnings {
                eprintln!("cftrack: warning: {warning}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cftrack: {}", one_line(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// The message on one line, whatever it quotes, so that scripts can show it as it is; a
/// control character quoted from a file is written out as `\u{1b}`, never sent to the
/// terminal, where it could clear the screen or retitle the window.
fn one_line(message: &str) -> String {
    message
        .chars()
        .map(|c| match c {
            '\n' => " ".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}
