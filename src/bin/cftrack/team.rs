//! `cftrack team` and `cftrack sync`: a team's shared server (a stock PostgreSQL), set up by
//! an admin, joined by each analyst, synced from each desktop.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};

use super::Output;
use ceasefire_tracker::error::{Error, Result};
use ceasefire_tracker::store::Store;
use ceasefire_tracker::team::{self, Joining, Role, ServerAccess, SetUp, PASSWORD_VARIABLE};

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make the team's tables and roles in a PostgreSQL database you own (as its admin).
    Setup {
        /// The database, as postgres://USER@HOST:PORT/DATABASE (no password in it).
        url: String,
        /// The certificate authority of the server's certificate (for a server elsewhere).
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
    },
    /// Add a member to the team (as its admin): prints the password made for them, once.
    Add {
        /// The team's database, as postgres://ADMIN@HOST:PORT/DATABASE.
        url: String,
        /// The member's name: their login, and the name their records are signed with.
        name: String,
        /// What the member may do: read (viewer), also send their own records (editor), also
        /// send others' records and add members (admin).
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Read the member's password from this file instead of making one.
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
    },
    /// Join a team: this database syncs with its server from now on, and your records are
    /// signed with your member name.
    Join {
        /// The team's database, as postgres://HOST:PORT/DATABASE?sslmode=verify-full.
        url: String,
        /// Your member name, as the admin added you.
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// The certificate authority of the server's certificate (required for a server elsewhere,
        /// unless the system trusts its certificate).
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// Read the password from this file (else $CFTRACK_TEAM_PASSWORD, else it is asked for).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
    /// The team this database belongs to, the last sync, and what waits to be sent.
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Viewer,
    Editor,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Viewer => Role::Viewer,
            RoleArg::Editor => Role::Editor,
            RoleArg::Admin => Role::Admin,
        }
    }
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Print what was sent and received as JSON: {"pushed": N, "pulled": N}.
    #[arg(long)]
    pub json: bool,
}

impl TeamCommand {
    /// True for the commands that work on the server alone, not on the database file.
    pub fn on_server_only(&self) -> bool {
        matches!(self, Self::Setup { .. } | Self::Add { .. })
    }

    pub fn only_reads(&self) -> bool {
        matches!(self, Self::Status { .. })
    }
}

/// `team setup` and `team add`, which need no database file.
pub fn run_on_server(command: TeamCommand) -> Result<Output> {
    match command {
        TeamCommand::Setup { url, ca } => {
            let password = admin_password(&url)?;
            let access = ServerAccess { url: &url, password: &password, ca_file: ca.as_deref() };
            Ok(Output::text(match team::setup(&access)? {
                SetUp::Made { from: 0 } => format!(
                    "The team is set up at {url} (server schema {}): add members with cftrack team add.\n",
                    team::SERVER_SCHEMA_VERSION
                ),
                SetUp::Made { from } => format!(
                    "The team's schema at {url} was brought from version {from} to {}.\n",
                    team::SERVER_SCHEMA_VERSION
                ),
                SetUp::AlreadyThere => format!("The team at {url} is set up already; nothing was changed.\n"),
            }))
        }
        TeamCommand::Add { url, name, role, password_file, ca } => {
            let password = admin_password(&url)?;
            let access = ServerAccess { url: &url, password: &password, ca_file: ca.as_deref() };
            let given = password_file.as_deref().map(read_password_file).transpose()?;
            let member = team::add_member(&access, &name, role.into(), given)?;
            Ok(Output::text(match member.made_password {
                Some(made) => format!(
                    "Added {} as {}. Their password, shown only this once: {made}\n",
                    member.name,
                    member.role.code()
                ),
                None => format!(
                    "Added {} as {}, with the password from the file.\n",
                    member.name,
                    member.role.code()
                ),
            }))
        }
        other => unreachable!("{other:?} works on a database file"),
    }
}

pub fn run(store: &mut Store, command: TeamCommand) -> Result<Output> {
    match command {
        TeamCommand::Join { url, user, ca, password_file } => {
            let (password, from_environment) = match (team::password_from_environment(), password_file) {
                (Some(password), _) => (password, true),
                (None, Some(file)) => (read_password_file(&file)?, false),
                (None, None) => (
                    ask_password(&format!("Password of {} at {url}: ", user.as_deref().unwrap_or("you")))?,
                    false,
                ),
            };
            let joining = Joining {
                url: &url,
                user: user.as_deref(),
                ca_file: ca.as_deref(),
                password: &password,
                keep_password: !from_environment,
            };
            let joined = team::join(store, &joining)?;
            let mut text = format!(
                "Joined the team at {url} as {} ({}): your records are signed \"{}\" from now on.\n",
                joined.user,
                joined.role.code(),
                joined.user
            );
            if joined.renamed > 0 {
                text.push_str(&format!(
                    "The {} records made here before joining are signed \"{}\" too; cftrack sync sends them.\n",
                    joined.renamed, joined.user
                ));
            }
            let warnings = match joined.keyring_problem {
                Some(problem) => vec![problem.to_string()],
                None => Vec::new(),
            };
            Ok(Output::text(text).with_warnings(warnings))
        }
        TeamCommand::Status { json } => {
            let status = team::status(store)?;
            if json {
                return Ok(Output::json(&status));
            }
            if !status.joined {
                return Ok(Output::text(
                    "This database has not joined a team: cftrack team join URL --user NAME joins one.\n",
                ));
            }
            let mut text = format!(
                "Team: {}\nYou: {} ({})\n",
                status.url.unwrap_or_default(),
                status.user.unwrap_or_default(),
                status.role.unwrap_or_else(|| "role not known yet".into())
            );
            match status.synced_at {
                Some(at) => text.push_str(&format!(
                    "Last sync: {at}, sent {}, received {}\n",
                    status.last_pushed, status.last_pulled
                )),
                None => text.push_str("Last sync: never\n"),
            }
            text.push_str(&format!("Waiting to be sent: {}\n", status.waiting));
            Ok(Output::text(text))
        }
        other => run_on_server(other),
    }
}

pub fn sync(store: &mut Store, args: SyncArgs) -> Result<Output> {
    let synced = team::sync(store)?;
    if args.json {
        return Ok(Output::json(&synced));
    }
    Ok(Output::text(format!("Sent {} records, received {}.\n", synced.pushed, synced.pulled)))
}

/// The admin's own password: the environment's or the keyring's, else asked for.
fn admin_password(url: &str) -> Result<String> {
    match team::admin_password(url)? {
        Some(password) => Ok(password),
        None => ask_password(&format!("Password for {url}: ")),
    }
}

/// A password typed at the terminal without echo, or a line of standard input from a script.
fn ask_password(prompt: &str) -> Result<String> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        rpassword::prompt_password(prompt)
            .map_err(|source| Error::File { path: "the terminal".into(), source })?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|source| Error::File { path: "standard input".into(), source })?;
        line
    };
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(Error::Conflict(format!(
            "no password was given: type it when asked, or set {PASSWORD_VARIABLE}"
        )));
    }
    Ok(password)
}

fn read_password_file(path: &Path) -> Result<String> {
    let text =
        std::fs::read_to_string(path).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
    let password = text.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(Error::Conflict(format!("{} holds no password", path.display())));
    }
    Ok(password)
}
