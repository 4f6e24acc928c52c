//! The commands the window calls: each resolves the database and makes one call into the
//! core. Names, arguments and replies are the IPC contract of `ui/src/lib/api.ts`.

use std::io::Write as _;
use std::path::Path;

use ceasefire_tracker::model::{
    Backups, DatabaseInfo, Deadline, HistoryEntry, ListPage, ListRequest, NameRequest, NewCondition,
    NewEvent, NewParty, NewProposal, NewSource, Party, PartyPage, ProposalState, Recorded, Restored, Source,
    SourcePage, Viewpoint, Vocabularies,
};
use ceasefire_tracker::settings::Settings;
use ceasefire_tracker::ErrorReply;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::database::Database;

type Reply<T> = Result<T, ErrorReply>;

/// The window has drawn its first page (the proposals list, or the first-run choice): the
/// day's backup starts now. With `CFTRACK_SAY_WHEN_SHOWN` set, the shell says `shown` on
/// standard output: `make bench` times the start-up by it, as it times a minimal Tauri window.
#[tauri::command]
pub fn window_shown(database: State<'_, Database>) {
    if std::env::var_os("CFTRACK_SAY_WHEN_SHOWN").is_some() {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "shown");
        let _ = out.flush();
    }
    database.daily_backup_in_background();
}

#[tauri::command]
pub fn vocabularies() -> Vocabularies {
    Vocabularies::all()
}

#[tauri::command(async)]
pub fn database_info(database: State<'_, Database>) -> Reply<DatabaseInfo> {
    database.with(|store| {
        let path = store.path().map(|path| path.display().to_string()).unwrap_or_default();
        Ok(DatabaseInfo { path, empty: store.is_empty()? })
    })
}

/// Loads the demo data set (March 2025 talks); false when it was already there.
#[tauri::command(async)]
pub fn load_demo(database: State<'_, Database>) -> Reply<bool> {
    database.with(ceasefire_tracker::demo::load_demo)
}

/// The part of the proposals list the window shows: its rows and how many match in all.
#[tauri::command(async)]
pub fn list_page(database: State<'_, Database>, request: ListRequest) -> Reply<ListPage> {
    database.with(|store| store.list_page(&request))
}

/// Where a proposal is in the list `request` describes (whatever its offset and limit);
/// `None` when it is not in it.
#[tauri::command(async)]
pub fn list_position(database: State<'_, Database>, request: ListRequest, id: i64) -> Reply<Option<u32>> {
    database.with(|store| store.list_position(&request, id))
}

/// The names of the conflicts and peace processes proposals belong to, in order.
#[tauri::command(async)]
pub fn list_processes(database: State<'_, Database>) -> Reply<Vec<String>> {
    database.with(|store| store.processes())
}

#[tauri::command(async)]
pub fn get_proposal(database: State<'_, Database>, id: i64, viewpoint: Viewpoint) -> Reply<ProposalState> {
    database.with(|store| store.proposal_state(id, viewpoint))
}

#[tauri::command(async)]
pub fn add_proposal(database: State<'_, Database>, proposal: NewProposal) -> Reply<Recorded> {
    database.with(|store| store.add_proposal(&proposal))
}

/// Changes a proposal's description; `proposal` is the whole of it, as a new one would be.
#[tauri::command(async)]
pub fn edit_proposal(database: State<'_, Database>, id: i64, proposal: NewProposal) -> Reply<()> {
    database.with(|store| store.edit_proposal(id, &proposal))
}

#[tauri::command(async)]
pub fn record_event(database: State<'_, Database>, event: NewEvent) -> Reply<Recorded> {
    database.with(|store| store.record(&event))
}

#[tauri::command(async)]
pub fn add_condition(database: State<'_, Database>, condition: NewCondition) -> Reply<Recorded> {
    database.with(|store| store.add_condition(&condition))
}

/// Changes a condition's wording, parties, kind or category.
#[tauri::command(async)]
pub fn edit_condition(database: State<'_, Database>, id: i64, condition: NewCondition) -> Reply<()> {
    database.with(|store| store.edit_condition(id, &condition))
}

#[tauri::command(async)]
pub fn retract_event(database: State<'_, Database>, id: i64, reason: String) -> Reply<()> {
    database.with(|store| store.retract(id, &reason))
}

#[tauri::command(async)]
pub fn list_parties(database: State<'_, Database>) -> Reply<Vec<Party>> {
    database.with(|store| store.parties())
}

#[tauri::command(async)]
pub fn add_party(database: State<'_, Database>, party: NewParty) -> Reply<i64> {
    database.with(|store| store.add_party(&party))
}

#[tauri::command(async)]
pub fn edit_party(database: State<'_, Database>, id: i64, party: NewParty) -> Reply<()> {
    database.with(|store| store.edit_party(id, &party))
}

/// Makes `party` one with `into`, which keeps its name; the other name becomes an alias.
#[tauri::command(async)]
pub fn merge_party(database: State<'_, Database>, party: i64, into: i64) -> Reply<()> {
    database.with(|store| store.merge_party(party, into))
}

/// The part of the parties list the Parties page shows.
#[tauri::command(async)]
pub fn parties_page(database: State<'_, Database>, request: NameRequest) -> Reply<PartyPage> {
    database.with(|store| store.parties_page(&request))
}

/// The part of the sources list the Sources page shows.
#[tauri::command(async)]
pub fn sources_page(database: State<'_, Database>, request: NameRequest) -> Reply<SourcePage> {
    database.with(|store| store.sources_page(&request))
}

/// A few known sources matching what is typed in a source field.
#[tauri::command(async)]
pub fn search_sources(database: State<'_, Database>, text: String, limit: u32) -> Reply<Vec<Source>> {
    database.with(|store| store.search_sources(&text, limit))
}

#[tauri::command(async)]
pub fn add_source(database: State<'_, Database>, source: NewSource) -> Reply<i64> {
    database.with(|store| store.add_source(&source))
}

#[tauri::command(async)]
pub fn get_source(database: State<'_, Database>, id: i64) -> Reply<Source> {
    database.with(|store| store.source(id))
}

/// Every entry the source backs, of any proposal, for its page.
#[tauri::command(async)]
pub fn entries_citing(database: State<'_, Database>, source: i64) -> Reply<Vec<HistoryEntry>> {
    database.with(|store| store.entries_citing(source))
}

#[tauri::command(async)]
pub fn edit_source(database: State<'_, Database>, id: i64, source: NewSource) -> Reply<()> {
    database.with(|store| store.edit_source(id, &source))
}

#[tauri::command(async)]
pub fn retract_source(database: State<'_, Database>, id: i64, reason: String) -> Reply<()> {
    database.with(|store| store.retract_source(id, &reason))
}

/// The proposals whose clock ends within `within` days of the date shown, or has run out.
#[tauri::command(async)]
pub fn list_deadlines(
    database: State<'_, Database>,
    viewpoint: Viewpoint,
    within: Option<i64>,
) -> Reply<Vec<Deadline>> {
    database.with(|store| store.deadlines(viewpoint, within))
}

/// The analyst's settings as the Settings sheet shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "shell/")]
pub struct AnalystSettings {
    /// The name set in the settings, if one was.
    pub name: Option<String>,
    /// The name new records are signed with: the one set, else the OS user name.
    pub signs_as: String,
    /// The day the notice of deadlines was last dismissed (`YYYY-MM-DD`).
    pub deadlines_notice_dismissed_on: Option<String>,
}

impl AnalystSettings {
    fn of(settings: &Settings) -> Self {
        Self {
            name: settings.name.clone(),
            signs_as: settings.analyst(),
            deadlines_notice_dismissed_on: settings.deadlines_notice_dismissed_on.clone(),
        }
    }
}

#[tauri::command(async)]
pub fn get_settings() -> Reply<AnalystSettings> {
    Ok(AnalystSettings::of(&Settings::load()?))
}

/// Saves the analyst's name, and signs what the window records from now on with it.
#[tauri::command(async)]
pub fn set_analyst_name(database: State<'_, Database>, name: String) -> Reply<AnalystSettings> {
    let mut settings = Settings::load()?;
    settings.set_name(&name)?;
    settings.save()?;
    let saved = AnalystSettings::of(&settings);
    database.with(|store| {
        store.set_analyst(&saved.signs_as);
        Ok(())
    })?;
    Ok(saved)
}

/// Remembers that the notice of deadlines was dismissed on `day` (the window's today).
#[tauri::command(async)]
pub fn dismiss_deadlines_notice(day: String) -> Reply<()> {
    let mut settings = Settings::load()?;
    settings.deadlines_notice_dismissed_on = Some(day);
    Ok(settings.save()?)
}

/// The backups of the database, newest first; offered even when the file cannot be opened.
#[tauri::command(async)]
pub fn list_backups(database: State<'_, Database>) -> Backups {
    database.backups()
}

/// Replaces the data with one of the backups `list_backups` gave; the data as it was is
/// kept beside the database first. The window that asked reads the data again itself.
#[tauri::command(async)]
pub fn restore_backup(database: State<'_, Database>, path: String) -> Reply<Restored> {
    database.restore(|db| ceasefire_tracker::store::restore_listed(db, Path::new(&path)))
}

/// Replaces the data with a backup the user picks in the system's file dialog; `None` when
/// the dialog is cancelled.
#[tauri::command(async)]
pub fn restore_chosen_backup<R: Runtime>(
    app: AppHandle<R>,
    database: State<'_, Database>,
) -> Reply<Option<Restored>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Restore a backup")
        .add_filter("Ceasefire Tracker database", &["db"])
        .set_directory(database.backups().folder)
        .blocking_pick_file()
        .and_then(|chosen| chosen.into_path().ok());
    let Some(backup) = chosen else { return Ok(None) };
    database.restore(|db| ceasefire_tracker::store::restore(db, &backup)).map(Some)
}
