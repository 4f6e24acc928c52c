//! The Team sheet's commands: who this database is on its team, joining one, and syncing,
//! each off the window's thread (a sync waits on the network).

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use ceasefire_tracker::team::{self, Joining, Synced, TeamError, TeamStatus};
use ceasefire_tracker::ErrorReply;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::database::Database;

type Reply<T> = Result<T, ErrorReply>;

/// The password given at join, held in memory until the window closes when the system
/// keyring could not keep it (never written anywhere).
#[derive(Default)]
pub struct HeldPassword(Mutex<Option<String>>);

impl HeldPassword {
    fn get(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn set(&self, password: Option<String>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = password;
    }
}

/// What joining did, as the Team sheet tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "shell/")]
pub struct JoinedTeam {
    pub status: TeamStatus,
    /// Records made here before joining, now signed with the member's name.
    #[ts(type = "number")]
    pub renamed: usize,
    /// False when the system keyring could not keep the password: the window then holds it
    /// until it closes, and asks again after.
    pub password_kept: bool,
}

/// The team this database belongs to and what waits to be sent; reads only the file.
#[tauri::command(async)]
pub fn team_status(database: State<'_, Database>) -> Reply<TeamStatus> {
    database.with(|store| team::status(store))
}

/// Asks for the server's certificate authority in the system's dialog.
#[tauri::command(async)]
pub fn choose_ca_file<R: Runtime>(app: AppHandle<R>) -> Option<String> {
    app.dialog()
        .file()
        .set_title("The team server's certificate authority")
        .add_filter("Certificate", &["pem", "crt", "cer"])
        .blocking_pick_file()
        .and_then(|chosen| chosen.into_path().ok())
        .map(|path| path.display().to_string())
}

/// Joins the team at `url` as `user`; `ca_file` is empty for a server on this machine.
#[tauri::command(async)]
pub fn join_team(
    database: State<'_, Database>,
    held: State<'_, HeldPassword>,
    url: String,
    user: String,
    password: String,
    ca_file: String,
) -> Reply<JoinedTeam> {
    let ca_file = Some(PathBuf::from(ca_file.trim())).filter(|path| !path.as_os_str().is_empty());
    let user = Some(user.trim()).filter(|user| !user.is_empty());
    let joining = Joining {
        url: url.trim(),
        user,
        ca_file: ca_file.as_deref(),
        password: &password,
        keep_password: true,
    };
    away_from_the_runtime(|| {
        database.with(|store| {
            let joined = team::join(store, &joining)?;
            let password_kept = joined.keyring_problem.is_none();
            held.set((!password_kept).then(|| password.clone()));
            Ok(JoinedTeam { status: team::status(store)?, renamed: joined.renamed, password_kept })
        })
    })
}

/// Syncs now: receives what the others sent, then sends what the server lacks. The login,
/// which may wait on the network, is made without holding the database, which the window
/// goes on reading and writing meanwhile.
#[tauri::command(async)]
pub fn sync_now(database: State<'_, Database>, held: State<'_, HeldPassword>) -> Reply<Synced> {
    let password = held.get();
    let team = database.with(|store| Ok(store.team()?.ok_or(TeamError::NotJoined)?))?;
    let login =
        away_from_the_runtime(|| team::log_in(&team, password.as_deref())).map_err(ErrorReply::from)?;
    away_from_the_runtime(|| database.with(|store| team::sync_logged_in(store, login)))
}

/// Runs `work` on a thread of its own. Tauri runs commands on its async runtime's threads,
/// and the PostgreSQL client, which drives a runtime of its own to wait on the network,
/// may not start one there.
fn away_from_the_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| match scope.spawn(work).join() {
        Ok(done) => done,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}
