use tauri_build::{AppManifest, Attributes};

/// Every command the window may call; each is granted by name in `capabilities/main.json`.
const COMMANDS: &[&str] = &[
    "window_shown",
    "vocabularies",
    "database_info",
    "load_demo",
    "list_page",
    "list_position",
    "list_processes",
    "get_proposal",
    "add_proposal",
    "edit_proposal",
    "record_event",
    "add_condition",
    "edit_condition",
    "retract_event",
    "list_parties",
    "add_party",
    "edit_party",
    "merge_party",
    "parties_page",
    "sources_page",
    "search_sources",
    "add_source",
    "get_source",
    "entries_citing",
    "edit_source",
    "retract_source",
    "list_deadlines",
    "get_settings",
    "set_analyst_name",
    "dismiss_deadlines_notice",
    "list_backups",
    "restore_backup",
    "restore_chosen_backup",
    "dataset_kinds",
    "choose_dataset_file",
    "preview_dataset",
    "import_dataset",
    "team_status",
    "choose_ca_file",
    "join_team",
    "sync_now",
    "print_report",
    "export_pdf",
];

fn main() {
    tauri_build::try_build(Attributes::new().app_manifest(AppManifest::new().commands(COMMANDS)))
        .expect("the app manifest or capabilities are invalid");
}
