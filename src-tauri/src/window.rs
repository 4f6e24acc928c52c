//! The main window. Links out of the app open in the system browser; the webview itself
//! only ever shows the app's own pages.

use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use tauri_plugin_opener::OpenerExt;

pub const MAIN: &str = "main";

pub fn open<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<WebviewWindow<R>> {
    let for_navigation = app.clone();
    let for_new_window = app.clone();
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::default())
        .title("Ceasefire Tracker")
        .inner_size(1280.0, 800.0)
        .min_inner_size(900.0, 600.0)
        .on_navigation(move |url| {
            if is_app_page(url) {
                return true;
            }
            open_outside(&for_navigation, url);
            false
        })
        .on_new_window(move |url, _features| {
            open_outside(&for_new_window, &url);
            NewWindowResponse::Deny
        })
        .build()
}

/// The bundled frontend (`tauri://localhost`, `http://tauri.localhost`) or the dev server.
fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => true,
        "http" | "https" => matches!(url.host_str(), Some("tauri.localhost" | "localhost")),
        _ => url.as_str() == "about:blank",
    }
}

fn open_outside<R: Runtime>(app: &AppHandle<R>, url: &Url) {
    // Only web links: anything else (file:, javascript:) is never handed to the system.
    if matches!(url.scheme(), "http" | "https" | "mailto") {
        if let Err(error) = app.opener().open_url(url.as_str(), None::<&str>) {
            eprintln!("ceasefire-tracker: could not open {url}: {error}");
        }
    }
}
