//! The native menu. Items that are window actions are passed on to the window as a `menu`
//! event naming the action; whole-file actions run here, with the system's file pickers.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

use crate::files;
use crate::window::MAIN;

/// Menu items whose work is done by the window; their ids are the `menu` event's payload.
const WINDOW_ACTIONS: [&str; 7] =
    ["new_proposal", "print", "export_pdf", "as_of", "reload", "about", "restore"];

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let new_proposal =
        MenuItemBuilder::with_id("new_proposal", "New proposal").accelerator("CmdOrCtrl+N").build(app)?;
    // Both print the report chosen on the Reports page; the window knows the choice.
    let print = MenuItemBuilder::with_id("print", "Print…").accelerator("CmdOrCtrl+P").build(app)?;
    let quit = MenuItemBuilder::with_id("quit", "Quit").accelerator("CmdOrCtrl+Q").build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&new_proposal)
        .separator()
        .text("import", "Import…")
        .text("export", "Export…")
        .text("backup", "Backup…")
        .text("restore", "Restore…")
        .separator()
        .item(&print)
        .text("export_pdf", "Export PDF…")
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
    let reload = MenuItemBuilder::with_id("reload", "Reload").accelerator("F5").build(app)?;
    let view = SubmenuBuilder::new(app, "View").text("as_of", "As of…").item(&reload).build()?;
    let help = SubmenuBuilder::new(app, "Help").text("about", "About Ceasefire Tracker").build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &view, &help]).build()
}

pub fn handle<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    match id {
        "import" => files::import(app),
        "export" => files::export(app),
        "backup" => files::backup(app),
        "quit" => app.exit(0),
        _ if WINDOW_ACTIONS.contains(&id) => {
            // The window may be gone while the app shuts down; nothing is lost then.
            let _ = app.emit_to(MAIN, "menu", id);
        }
        _ => {}
    }
}
