//! The floor of `make bench`'s start-up and memory figures: the least a Tauri window of the
//! desktop shell's size does, a page shown. With `CFTRACK_SAY_WHEN_SHOWN` set it prints
//! `shown` on standard output once the page has been painted, as the app does when its
//! proposals list has.

use std::io::Write as _;

/// The page calls this once it has been painted.
#[tauri::command]
fn window_shown() {
    if std::env::var_os("CFTRACK_SAY_WHEN_SHOWN").is_some() {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "shown");
        let _ = out.flush();
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![window_shown])
        .run(tauri::generate_context!())
        .expect("the minimal window could not start");
}
