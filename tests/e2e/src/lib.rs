//! Drives the real desktop window through WebKitGTK's WebDriver. Each test gets its own
//! home (a temporary directory holding the database, settings and caches), its own driver
//! on a free port, and the debug build of the app; everything is stopped when the test ends,
//! passes or fails.
//!
//! Needs a display (run under `xvfb-run -a`), `WebKitWebDriver` (Debian: webkit2gtk-driver)
//! and the app built with its frontend embedded (`tauri build --debug --no-bundle`).
//! `make test` runs them one at a time (`--test-threads=1`): each is a whole WebKit browser.

pub mod gaza;

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ceasefire_tracker::Store;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long to wait for the driver, the window, or an element to appear.
const PATIENCE: Duration = Duration::from_secs(30);

/// Where the app keeps its state during one test; outlives restarts of the app.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new().prefix("cftrack-e2e-").tempdir().expect("a temporary directory");
        let home = Self { dir };
        home.stand_in_for_the_browser();
        home
    }

    /// Links the app hands to the system browser end up in a file instead, one a line.
    fn stand_in_for_the_browser(&self) {
        let bin = self.path().join("bin");
        std::fs::create_dir_all(&bin).expect("a directory for the stand-in");
        let script = bin.join("xdg-open");
        let log = self.path().join("opened-links");
        std::fs::write(&script, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()))
            .expect("the stand-in browser is written");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("it can run");
    }

    /// The links handed to the system browser so far.
    pub fn opened_links(&self) -> Vec<String> {
        std::fs::read_to_string(self.path().join("opened-links"))
            .map(|text| text.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    pub fn database(&self) -> PathBuf {
        self.dir.path().join("tracker.db")
    }

    /// The database itself, to set the scene before the app opens or to check what it saved.
    pub fn store(&self) -> Store {
        let mut store = Store::open(&self.database()).expect("the test database opens");
        // Signed as the app on this home signs: by the name in its own settings, not in
        // the settings of whoever runs the tests.
        store.set_analyst(&self.analyst());
        store
    }

    /// The name the app on this home signs with: its settings' name, else the OS user's.
    fn analyst(&self) -> String {
        let settings = self.path().join("config").join("ceasefire-tracker").join("settings.json");
        std::fs::read_to_string(settings)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|settings| settings["name"].as_str().map(str::to_string))
            .unwrap_or_else(ceasefire_tracker::settings::os_user)
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Default for Home {
    fn default() -> Self {
        Self::new()
    }
}

/// The app, open in a WebDriver session.
pub struct App {
    client: Option<Client>,
    driver: Child,
}

impl App {
    /// Starts a driver and opens the app on `home`'s database.
    pub async fn open(home: &Home) -> Self {
        let binary = app_binary();
        assert!(
            binary.is_file(),
            "{} is missing: build the app first (`make test` does, or `tauri build --debug --no-bundle`)",
            binary.display()
        );
        let port = free_port();
        let driver = Command::new("WebKitWebDriver")
            .arg(format!("--port={port}"))
            // The app inherits this environment from the driver.
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .env("CFTRACK_DB", home.database())
            // Its settings are this home's, whatever the machine's say.
            .env_remove("CFTRACK_SETTINGS")
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            // No session bus: a window the user has open elsewhere must not be taken for
            // this one by the single-instance check.
            .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", home.path().join("no-bus").display()))
            .env("NO_AT_BRIDGE", "1")
            // The stand-in browser comes first.
            .env("PATH", search_path(&home.path().join("bin")))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // Its own process group, so that the app it starts can be stopped with it.
            .process_group(0)
            .spawn()
            .expect("WebKitWebDriver could not start: install webkit2gtk-driver");
        let mut app = Self { client: None, driver };
        let url = format!("http://127.0.0.1:{port}");
        wait_until_ready(port).await;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "webkitgtk:browserOptions".into(),
            json!({ "binary": binary.to_string_lossy(), "args": [] }),
        );
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities);
        // The driver waits for ever on an app that never shows its window.
        let client = tokio::time::timeout(PATIENCE, builder.connect(&url))
            .await
            .unwrap_or_else(|_| panic!("the app did not open its window within {PATIENCE:?}"))
            .expect("a WebDriver session with the app");
        app.client = Some(client);
        app
    }

    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("an open session")
    }

    /// Waits until the element with this `data-testid` is there.
    pub async fn wait_for(&self, test_id: &str) -> Element {
        self.client()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&by_test_id(test_id)))
            .await
            .unwrap_or_else(|error| panic!("[data-testid={test_id}] did not appear: {error}"))
    }

    /// Every element with this `data-testid` right now.
    pub async fn all(&self, test_id: &str) -> Vec<Element> {
        self.client().find_all(Locator::Css(&by_test_id(test_id))).await.expect("a query of the page")
    }

    pub async fn click(&self, test_id: &str) {
        let element = self.wait_for(test_id).await;
        element.click().await.unwrap_or_else(|error| panic!("clicking [data-testid={test_id}]: {error}"));
    }

    /// Picks the option of a `<select>` that reads `label`.
    pub async fn select(&self, test_id: &str, label: &str) {
        let field = self.wait_for(test_id).await;
        let options = field.find_all(Locator::Css("option")).await.expect("the field's options");
        let mut seen = Vec::new();
        for option in options {
            let text = option.prop("text").await.expect("an option's text").unwrap_or_default();
            if text.trim() == label {
                option.click().await.unwrap_or_else(|error| panic!("choosing {label:?}: {error}"));
                return;
            }
            seen.push(text);
        }
        panic!("[data-testid={test_id}] has no option {label:?}, only {seen:?}");
    }

    /// Replaces the text of a field, as typed on the keyboard.
    pub async fn type_into(&self, test_id: &str, text: &str) {
        let field = self.wait_for(test_id).await;
        field.clear().await.unwrap_or_else(|error| panic!("clearing [data-testid={test_id}]: {error}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|error| panic!("typing into [data-testid={test_id}]: {error}"));
    }

    /// The text of an element as rendered (its `innerText`). WebKit's "Get Element Text"
    /// leaves parts of the proposals list out (only a status word came back), so the page
    /// is asked instead.
    pub async fn text(&self, test_id: &str) -> String {
        let element = self.wait_for(test_id).await;
        element
            .prop("innerText")
            .await
            .unwrap_or_else(|error| panic!("reading [data-testid={test_id}]: {error}"))
            .unwrap_or_default()
    }

    /// Waits until an element's text contains `expected`, and returns the whole text.
    pub async fn wait_for_text(&self, test_id: &str, expected: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text(test_id).await;
            if text.contains(expected) {
                return text;
            }
            if Instant::now() >= deadline {
                let shot = self.screenshot_of_failure(test_id).await;
                panic!(
                    "[data-testid={test_id}] never said {expected:?}; it says {text:?} (see {})",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until no element has this `data-testid`.
    pub async fn wait_until_gone(&self, test_id: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.all(test_id).await.is_empty() {
            if Instant::now() >= deadline {
                let shot = self.screenshot_of_failure(test_id).await;
                panic!("[data-testid={test_id}] is still there (see {})", shot.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The `data-testid` of the element that has the keyboard's focus.
    pub async fn focused(&self) -> Option<String> {
        let script = "const e = document.activeElement; return e ? e.getAttribute('data-testid') : null;";
        match self.client().execute(script, vec![]).await.expect("the script runs") {
            serde_json::Value::String(test_id) => Some(test_id),
            _ => None,
        }
    }

    /// A property of an element's computed style, as the page lays it out ("rtl").
    pub async fn computed_style(&self, test_id: &str, property: &str) -> String {
        let element = self.wait_for(test_id).await;
        let script = "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);";
        let element = serde_json::to_value(element).expect("an element as a script argument");
        match self.client().execute(script, vec![element, json!(property)]).await.expect("the script runs") {
            serde_json::Value::String(value) => value,
            other => panic!("{property} of [data-testid={test_id}] is {other:?}"),
        }
    }

    /// Presses a key (Escape: "\u{e00c}") in the element with this `data-testid`.
    pub async fn press(&self, test_id: &str, key: &str) {
        let element = self.wait_for(test_id).await;
        element
            .send_keys(key)
            .await
            .unwrap_or_else(|error| panic!("a key in [data-testid={test_id}]: {error}"));
    }

    /// Clicks the element with `test_id` inside the one with `within` whose `data-id` is `id`.
    pub async fn click_in(&self, within: &str, id: i64, test_id: &str) {
        let css = format!("[data-testid=\"{within}\"][data-id=\"{id}\"] [data-testid=\"{test_id}\"]");
        let element = self
            .client()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|error| panic!("{css} did not appear: {error}"));
        element.click().await.unwrap_or_else(|error| panic!("clicking {css}: {error}"));
    }

    /// Clicks the element with this `data-testid` and `data-id`.
    pub async fn click_id(&self, test_id: &str, id: i64) {
        let css = format!("[data-testid=\"{test_id}\"][data-id=\"{id}\"]");
        let element = self
            .client()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|error| panic!("{css} did not appear: {error}"));
        element.click().await.unwrap_or_else(|error| panic!("clicking {css}: {error}"));
    }

    /// A PNG of the window, for looking at a failure.
    pub async fn screenshot(&self, path: &Path) {
        let png = self.client().screenshot().await.expect("a screenshot");
        std::fs::write(path, png).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    }

    /// Saves what the window shows under `target/e2e-failures/`, and says where.
    async fn screenshot_of_failure(&self, what: &str) -> PathBuf {
        let dir = target_dir().join("e2e-failures");
        std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
        let path = dir.join(format!("{}-{what}.png", std::process::id()));
        self.screenshot(&path).await;
        path
    }

    /// Ends the session, which closes the app, and stops the driver.
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            // The app may already be gone; the driver is stopped on drop either way.
            let _ = client.close().await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the driver's own process group (its pid, see `process_group(0)`)
        // touches nothing else; a group already gone only yields an error.
        unsafe {
            libc::kill(-(self.driver.id() as libc::pid_t), libc::SIGKILL);
        }
        let _ = self.driver.wait();
    }
}

/// `PATH` with `first` in front.
fn search_path(first: &Path) -> std::ffi::OsString {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(first.to_path_buf()).chain(std::env::split_paths(&rest)))
        .expect("a valid PATH")
}

fn by_test_id(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// The debug build of the app: `CEASEFIRE_TRACKER_APP` if set, else in the target directory.
fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("CEASEFIRE_TRACKER_APP") {
        return PathBuf::from(path);
    }
    let binary = target_dir().join("debug/ceasefire-tracker");
    binary.canonicalize().unwrap_or(binary)
}

fn target_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace.join("target"))
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
    listener.local_addr().expect("the port's address").port()
}

/// Polls the driver's `/status` until it says it is ready for a session.
async fn wait_until_ready(port: u16) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if status_is_ready(port).await {
            return;
        }
        assert!(Instant::now() < deadline, "WebKitWebDriver on port {port} never became ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn status_is_ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)).await else { return false };
    let request = format!("GET /status HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return false;
    }
    let mut response = String::new();
    if stream.read_to_string(&mut response).await.is_err() {
        return false;
    }
    let Some((_, body)) = response.split_once("\r\n\r\n") else { return false };
    serde_json::from_str::<serde_json::Value>(body)
        .is_ok_and(|status| status["value"]["ready"] == json!(true))
}
