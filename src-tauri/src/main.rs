//! Ceasefire Tracker's desktop window: a thin Tauri shell over the core. The database is
//! opened once, in the OS data directory unless `CFTRACK_DB` names another file.

// No console window next to the app on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod database;
mod datasets;
mod files;
mod menu;
mod printing;
mod report;
mod team;
mod window;

use tauri::Manager;

use crate::database::Database;

fn main() {
    let database = Database::open(&ceasefire_tracker::store::default_path());
    tauri::Builder::default()
        // First, so that a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window(window::MAIN) {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // The hidden windows that print must stay hidden: restoring a state would show them.
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_filter(|label| !label.starts_with(printing::PRINTING_WINDOW))
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        // Links are handed to the browser by the window's own navigation rules (see `window`),
        // so the page needs no permission to open anything.
        .plugin(tauri_plugin_opener::Builder::new().open_js_links_on_click(false).build())
        .manage(database)
        .manage(report::HeldReports::default())
        .manage(team::HeldPassword::default())
        .register_asynchronous_uri_scheme_protocol(report::SCHEME, report::serve)
        .menu(menu::build)
        .on_menu_event(menu::handle)
        .setup(|app| {
            window::open(app.handle())?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::window_shown,
            commands::vocabularies,
            commands::database_info,
            commands::load_demo,
            commands::list_page,
            commands::list_position,
            commands::list_processes,
            commands::get_proposal,
            commands::add_proposal,
            commands::edit_proposal,
            commands::record_event,
            commands::add_condition,
            commands::edit_condition,
            commands::retract_event,
            commands::list_parties,
            commands::add_party,
            commands::edit_party,
            commands::merge_party,
            commands::parties_page,
            commands::sources_page,
            commands::search_sources,
            commands::add_source,
            commands::get_source,
            commands::entries_citing,
            commands::edit_source,
            commands::retract_source,
            commands::list_deadlines,
            commands::get_settings,
            commands::set_analyst_name,
            commands::dismiss_deadlines_notice,
            commands::list_backups,
            commands::restore_backup,
            commands::restore_chosen_backup,
            datasets::dataset_kinds,
            datasets::choose_dataset_file,
            datasets::preview_dataset,
            datasets::import_dataset,
            team::team_status,
            team::choose_ca_file,
            team::join_team,
            team::sync_now,
            printing::print_report,
            printing::export_pdf,
        ])
        .run(tauri::generate_context!())
        .expect("the Ceasefire Tracker window could not start");
}
