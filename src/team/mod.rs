//! Working as a team: a stock PostgreSQL server holds the team's records, every desktop
//! keeps its own file and works offline, and a sync sends the records the server lacks and
//! receives the rest, merged by the import's rules (set union by uuid).
//!
//! The server's SQL lives here (`migrations/`, and the statements of `rows.rs`,
//! `sync.rs`, `members.rs`); this file's own side of the exchange is in
//! `store/team.rs`. Roles are PostgreSQL's: viewers read, editors send records signed with
//! their own name (row-level security), admins send anyone's and add members.
//!
//! What the window calls: [`status`] (no network), [`join`], and [`log_in`] then
//! [`sync_logged_in`], so that the file is not held while the server is slow to answer.

mod error;
mod members;
mod password;
mod rows;
mod schema;
mod server;
mod sync;

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

pub use error::TeamError;
pub use members::{add_member, setup, NewMember, SetUp};
pub use password::{
    from_environment as password_from_environment, generate as generate_password, PASSWORD_VARIABLE,
};
pub use schema::VERSION as SERVER_SCHEMA_VERSION;
pub use server::Role;

use crate::error::Result;
use crate::settings::Settings;
use crate::store::{Membership, Store, TeamServer};
use server::{Address, Session};

/// How to reach a server as an admin: its URL, the password, and the certificate
/// authority of its certificate when it is not on this machine.
#[derive(Debug, Clone, Copy)]
pub struct ServerAccess<'a> {
    pub url: &'a str,
    pub password: &'a str,
    pub ca_file: Option<&'a Path>,
}

/// The team as the window's Team sheet shows it; read from the file alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TeamStatus {
    /// False until this database joins a team; the other fields are then empty.
    pub joined: bool,
    /// The server's URL, without a password.
    pub url: Option<String>,
    /// Who the analyst is on the team: their records are signed with this name.
    pub user: Option<String>,
    /// `viewer`, `editor` or `admin`, as the server said at the last sync.
    pub role: Option<String>,
    /// When the last sync completed (UTC), and what it sent and received.
    pub synced_at: Option<String>,
    #[ts(type = "number")]
    pub last_pushed: i64,
    #[ts(type = "number")]
    pub last_pulled: i64,
    /// Records made here that the server does not hold yet.
    #[ts(type = "number")]
    pub waiting: i64,
    /// This database's device id on the server.
    pub device: Option<String>,
    /// The certificate authority file given at join, if one was: joining again (with a new
    /// password) uses it again.
    pub ca_file: Option<String>,
}

/// What a sync did: records sent that the server did not hold, and records received that
/// were new here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct Synced {
    #[ts(type = "number")]
    pub pushed: u64,
    #[ts(type = "number")]
    pub pulled: u64,
}

/// The team this database belongs to, and what waits to be sent. Reads only the file.
pub fn status(store: &Store) -> Result<TeamStatus> {
    let waiting = store.team_waiting()?;
    Ok(match store.team()? {
        None => TeamStatus {
            joined: false,
            url: None,
            user: None,
            role: None,
            synced_at: None,
            last_pushed: 0,
            last_pulled: 0,
            waiting,
            device: None,
            ca_file: None,
        },
        Some(team) => TeamStatus {
            joined: true,
            url: Some(team.url),
            user: Some(team.user),
            role: Some(team.role).filter(|role| !role.is_empty()),
            synced_at: team.synced_at,
            last_pushed: team.last_pushed,
            last_pulled: team.last_pulled,
            waiting,
            device: Some(team.device.to_string()),
            ca_file: team.ca_file.map(|path| path.display().to_string()),
        },
    })
}

/// Joining a team, as the analyst gives it.
#[derive(Debug, Clone)]
pub struct Joining<'a> {
    pub url: &'a str,
    /// The member's name, when the URL does not give it.
    pub user: Option<&'a str>,
    pub ca_file: Option<&'a Path>,
    pub password: &'a str,
    /// Keep the password in the system keyring (not when it came from the environment).
    pub keep_password: bool,
}

/// What joining did.
#[derive(Debug)]
pub struct Joined {
    pub user: String,
    pub role: Role,
    /// Records made here before joining, now signed with the member's name.
    pub renamed: usize,
    /// Why the password could not be kept in the keyring, if it could not.
    pub keyring_problem: Option<TeamError>,
}

/// Joins the team: checks the login and the member's role, makes this database a device
/// of the team, signs the analyst's name as the member's (settings and the records made
/// here before, which nobody else has seen), and keeps the password in the keyring.
pub fn join(store: &mut Store, joining: &Joining<'_>) -> Result<Joined> {
    let address = Address::parse(joining.url, joining.user)?;
    // Kept as an absolute path: later syncs may run from another folder.
    let ca_file = match joining.ca_file {
        Some(path) => Some(
            std::fs::canonicalize(path)
                .map_err(|source| crate::Error::File { path: path.to_path_buf(), source })?,
        ),
        None => None,
    };
    let session = Session::open(&address, joining.password, ca_file.as_deref())?;
    let role = session.role()?;
    let mut settings = Settings::load()?;
    settings.set_name(&address.user)?;
    let earlier_name = store.analyst().to_string();
    let server = TeamServer { url: address.url.clone(), user: address.user.clone(), ca_file };
    let renamed = store.join_team(&server, role.code(), &earlier_name)?;
    settings.save()?;
    store.set_analyst(&address.user);
    let keyring_problem = match joining.keep_password {
        true => password::keep(&address.account(), joining.password).err().and_then(|error| match error {
            crate::Error::Team(problem) => Some(problem),
            _ => None,
        }),
        false => None,
    };
    Ok(Joined { user: address.user, role, renamed, keyring_problem })
}

/// Syncs with the team's server, logging in with the password from the environment or
/// the keyring.
pub fn sync(store: &mut Store) -> Result<Synced> {
    let team = store.team()?.ok_or(TeamError::NotJoined)?;
    sync_logged_in(store, log_in(&team, None)?)
}

/// Syncs with the team's server: receives what the other devices pushed, then sends what
/// the server lacks. Work recorded here is never lost when it fails: it waits for the next.
pub fn sync_with(store: &mut Store, password: &str) -> Result<Synced> {
    let team = store.team()?.ok_or(TeamError::NotJoined)?;
    sync_logged_in(store, log_in(&team, Some(password))?)
}

/// A login to the team's server, made without the database: the window logs in (which
/// may wait on the network) while the file stays free for the analyst's work.
pub struct Login {
    session: Session,
    /// The team and device it was made for.
    url: String,
    device: uuid::Uuid,
}

/// Logs in to the server of `team` (read from the file with `Store::team`) with
/// `password`, else the environment's or the keyring's.
pub fn log_in(team: &Membership, password: Option<&str>) -> Result<Login> {
    let address = Address::parse(&team.url, Some(&team.user))?;
    let password = match password {
        Some(password) => password.to_string(),
        None => password::for_account(&address.account(), &address.url, &address.user)?,
    };
    let session = Session::open(&address, &password, team.ca_file.as_deref())?;
    Ok(Login { session, url: team.url.clone(), device: team.device })
}

/// Syncs through `login`. When the file joined another team, or became another device,
/// since the login was made, nothing is done: that sync's changes wait for the next.
pub fn sync_logged_in(store: &mut Store, login: Login) -> Result<Synced> {
    let team = store.team()?.ok_or(TeamError::NotJoined)?;
    let Login { mut session, url, device } = login;
    if team.url != url || team.device != device {
        return Ok(Synced::default());
    }
    let role = session.role()?;
    let pulled = sync::pull(store, &mut session, team.device)?;
    let pushed = sync::push(store, &mut session, role)?;
    store.team_synced(pushed as i64, pulled as i64, role.code())?;
    Ok(Synced { pushed, pulled })
}

/// The certificate authority file kept at join, if any.
pub fn ca_file(store: &Store) -> Result<Option<PathBuf>> {
    Ok(store.team()?.and_then(|team| team.ca_file))
}

/// The password an admin logs in with for `setup` and `add`: the environment's, else the
/// one the keyring keeps for that user at that server, if any.
pub fn admin_password(url: &str) -> Result<Option<String>> {
    if let Some(password) = password::from_environment() {
        return Ok(Some(password));
    }
    let address = Address::parse(url, None)?;
    Ok(password::kept(&address.account()).ok().flatten())
}
