//! The native menu. Items that are window actions are passed on to the window as a `menu`
//! event naming the action; whole-file actions run here, with the system's file pickers.

use serde::Serialize;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};
use ts_rs::TS;

use crate::files;
use crate::window::MAIN;

/// A menu item whose work is done by the window: the payload of the `menu` event, and the
/// item's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "shell/")]
pub enum MenuAction {
    NewProposal,
    Print,
    ExportPdf,
    AsOf,
    Reload,
    About,
    Restore,
    Settings,
    Deadlines,
    Shortcuts,
    Guide,
    ImportDataset,
    Team,
    SyncNow,
}

impl MenuAction {
    const ALL: [Self; 14] = [
        Self::NewProposal,
        Self::Print,
        Self::ExportPdf,
        Self::AsOf,
        Self::Reload,
        Self::About,
        Self::Restore,
        Self::Settings,
        Self::Deadlines,
        Self::Shortcuts,
        Self::Guide,
        Self::ImportDataset,
        Self::Team,
        Self::SyncNow,
    ];

    /// The menu item's id, which is also how the action is written in the event.
    fn id(self) -> &'static str {
        match self {
            Self::NewProposal => "new_proposal",
            Self::Print => "print",
            Self::ExportPdf => "export_pdf",
            Self::AsOf => "as_of",
            Self::Reload => "reload",
            Self::About => "about",
            Self::Restore => "restore",
            Self::Settings => "settings",
            Self::Deadlines => "deadlines",
            Self::Shortcuts => "shortcuts",
            Self::Guide => "guide",
            Self::ImportDataset => "import_dataset",
            Self::Team => "team",
            Self::SyncNow => "sync_now",
        }
    }

    fn of(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.id() == id)
    }
}

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    use MenuAction::*;
    let new_proposal =
        MenuItemBuilder::with_id(NewProposal.id(), "New proposal").accelerator("CmdOrCtrl+N").build(app)?;
    // Both print the report chosen on the Reports page; the window knows the choice.
    let print = MenuItemBuilder::with_id(Print.id(), "Print…").accelerator("CmdOrCtrl+P").build(app)?;
    let settings =
        MenuItemBuilder::with_id(Settings.id(), "Settings…").accelerator("CmdOrCtrl+Comma").build(app)?;
    let sync_now =
        MenuItemBuilder::with_id(SyncNow.id(), "Sync now").accelerator("CmdOrCtrl+Shift+S").build(app)?;
    let quit = MenuItemBuilder::with_id("quit", "Quit").accelerator("CmdOrCtrl+Q").build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&new_proposal)
        .separator()
        .text("import", "Import…")
        .text(ImportDataset.id(), "Import research dataset…")
        .text("export", "Export…")
        .text("backup", "Backup…")
        .text(Restore.id(), "Restore…")
        .separator()
        .item(&print)
        .text(ExportPdf.id(), "Export PDF…")
        .separator()
        .text(Team.id(), "Team…")
        .item(&sync_now)
        .separator()
        .item(&settings)
        .separator()
        .item(&quit)
        .build()?;
    let mut edit = SubmenuBuilder::new(app, "Edit");
    // GTK has no native undo or redo items (they would only show greyed out); text fields
    // there undo on their own.
    if cfg!(not(target_os = "linux")) {
        edit = edit.undo().redo().separator();
    }
    let edit = edit.cut().copy().paste().select_all().build()?;
    // Ctrl+R records a change in the window, so Reload takes F5.
    let reload = MenuItemBuilder::with_id(Reload.id(), "Reload").accelerator("F5").build(app)?;
    let view = SubmenuBuilder::new(app, "View")
        .text(AsOf.id(), "As of…")
        .text(Deadlines.id(), "Deadlines")
        .item(&reload)
        .build()?;
    let guide = MenuItemBuilder::with_id(Guide.id(), "User guide").accelerator("F1").build(app)?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&guide)
        .text(Shortcuts.id(), "Keyboard shortcuts")
        .separator()
        .text(About.id(), "About Ceasefire Tracker")
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &view, &help]).build()
}

pub fn handle<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    match id {
        "import" => files::import(app),
        "export" => files::export(app),
        "backup" => files::backup(app),
        "quit" => app.exit(0),
        _ => {
            if let Some(action) = MenuAction::of(id) {
                // The window may be gone while the app shuts down; nothing is lost then.
                let _ = app.emit_to(MAIN, "menu", action);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_is_sent_as_its_items_id() {
        for action in MenuAction::ALL {
            assert_eq!(serde_json::to_value(action).unwrap(), action.id());
            assert_eq!(MenuAction::of(action.id()), Some(action));
        }
    }
}
