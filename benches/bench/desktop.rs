//! The desktop figures: the release app's start-up and memory on the archive, each against
//! a minimal Tauri window (`benches/window`, the same tauri with the same features), and a
//! status change recorded in the window until its list shows it, driven through
//! WebKitWebDriver. `make bench` builds both windows before it runs the benchmark.
//!
//! Start-up is timed the same way for both: from the launch until the window prints `shown`
//! (with `CFTRACK_SAY_WHEN_SHOWN` set), which it does once the frame that draws its first
//! page (the app: the proposals list) is painted. No WebDriver is attached then.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use ceasefire_tracker::model::{Change, EventDate, NewEvent, ProposalStatus, Viewpoint, Vocabulary};
use ceasefire_tracker::Store;

use crate::figure::{Figure, Target, Unit};

/// Measured launches of each window (after one to warm up): start-up moves by a fifth from
/// one launch to the next on a shared machine.
const LAUNCHES: usize = 9;
/// Recorded status changes measured (after one to warm up).
const RUNS: usize = 5;
/// How long a window may take to show itself, or the driver to answer.
const PATIENCE: Duration = Duration::from_secs(60);
/// How long after `shown` the memory is read, the same for both windows.
const SETTLE: Duration = Duration::from_millis(500);
/// The height of a row of the proposals list, in CSS pixels (`ProposalList.svelte`).
const ROW_HEIGHT: f64 = 76.0;
/// The statuses recorded in turn on the proposal at the top of the list.
const STATUSES: [&str; 4] = ["under_negotiation", "agreed", "in_effect", "violated"];

/// The release app and the minimal window, where `make bench` builds them.
struct Windows {
    app: PathBuf,
    floor: PathBuf,
}

/// Measures the desktop figures on a copy of `archive` in a folder under `folder`, or says
/// on one line why they cannot be measured here.
pub fn figures(archive: &Path, folder: &Path, show: &mut dyn FnMut(Figure)) {
    let windows = match ready(folder) {
        Ok(windows) => windows,
        Err(why) => {
            println!("# app_start, app_memory, status_change_shown and list_rows_in_dom not measured: {why}");
            return;
        }
    };
    let home =
        tempfile::Builder::new().prefix("desktop-").tempdir_in(folder).expect("a folder for the windows");
    let database = home.path().join("archive.db");
    std::fs::copy(archive, &database).expect("a copy of the archive, which the window writes to");

    let floor_change = core_status_change(&database);

    match start_and_memory(&windows, home.path(), &database) {
        Ok((start, memory)) => {
            show(start);
            show(memory);
        }
        Err(why) => println!("# app_start and app_memory not measured: {why}"),
    }

    match which("WebKitWebDriver") {
        None => println!(
            "# status_change_shown and list_rows_in_dom not measured: WebKitWebDriver is not installed \
             (Debian: webkit2gtk-driver)"
        ),
        Some(driver) => {
            let runtime =
                tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
            match runtime.block_on(in_the_window(&driver, &windows.app, home.path(), &database)) {
                Ok((change, rows, fit)) => {
                    show(Figure {
                        name: "status_change_shown",
                        unit: Unit::Millis,
                        value: change,
                        floor: Some(floor_change),
                        target: Target { bound: Some(50.0), ratio: Some(2.0) },
                    });
                    show(Figure {
                        name: "list_rows_in_dom",
                        unit: Unit::Rows,
                        value: rows,
                        floor: Some(fit),
                        target: Target { bound: Some(100.0), ratio: None },
                    });
                }
                Err(why) => println!("# status_change_shown and list_rows_in_dom not measured: {why}"),
            }
        }
    }
}

/// Both windows built, and a display to show them on; or why not.
fn ready(folder: &Path) -> Result<Windows, String> {
    let release = folder.parent().unwrap_or(folder).join("release");
    let windows = Windows { app: release.join("ceasefire-tracker"), floor: release.join("bench-window") };
    for binary in [&windows.app, &windows.floor] {
        if !binary.is_file() {
            return Err(format!("{} is not built (make bench builds it)", binary.display()));
        }
    }
    if std::env::var_os("DISPLAY").is_none_or(|display| display.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|display| display.is_empty())
    {
        return Err("no display (run under xvfb-run -a, as make bench does)".into());
    }
    Ok(windows)
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

/// The core's part of a status change as the window makes it: the event recorded, then the
/// whole list read again as of today. The floor of `status_change_shown`.
fn core_status_change(database: &Path) -> f64 {
    let mut store = Store::open(database).expect("the copy of the archive");
    let today = Viewpoint::today();
    let proposal = store.summaries(today).expect("the list")[0].id;
    let mut statuses = STATUSES.iter().cycle();
    crate::figure::median_millis(RUNS, || {
        let status = ProposalStatus::parse(statuses.next().expect("a status")).expect("a status code");
        let event = NewEvent {
            proposal,
            change: Change::Status { status },
            occurred_on: EventDate::day(today.as_of),
            note: String::new(),
            sources: Vec::new(),
            extension: None,
            violation: Default::default(),
        };
        store.record(&event).expect("the change");
        store.summaries(today).expect("the list").len()
    })
}

/// What a launch costs: time to `shown`, and the memory of the window's processes then.
struct Launch {
    millis: f64,
    kib: u64,
    processes: Vec<(String, u64)>,
}

fn start_and_memory(windows: &Windows, home: &Path, database: &Path) -> Result<(Figure, Figure), String> {
    let mut app = Vec::new();
    let mut floor = Vec::new();
    // Turn about, so that load from elsewhere on the machine falls on both alike; the first
    // launch of each warms the caches (and makes the app's daily backup) and is not counted.
    for run in 0..=LAUNCHES {
        let window = launch(&windows.floor, &home.join("floor"), database, None)?;
        // The app's first start of the day backs the database up once it is shown; the
        // warm-up waits for that, so that no measured run copies half a gigabyte.
        let backups = database.with_file_name("backups");
        let measured =
            launch(&windows.app, &home.join("app"), database, (run == 0).then_some(backups.as_path()))?;
        if run > 0 {
            floor.push(window);
            app.push(measured);
        }
    }
    for (name, launches) in [("minimal window", &floor), ("app", &app)] {
        let last = launches.last().expect("a launch");
        let processes: Vec<String> = last
            .processes
            .iter()
            .map(|(name, kib)| format!("{name} {:.0} MiB", *kib as f64 / 1024.0))
            .collect();
        println!("# {name}: {} processes: {}", processes.len(), processes.join(", "));
    }
    let median = |launches: &[Launch], value: &dyn Fn(&Launch) -> f64| {
        let mut values: Vec<f64> = launches.iter().map(value).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let start = Figure {
        name: "app_start",
        unit: Unit::Millis,
        value: median(&app, &|launch| launch.millis),
        floor: Some(median(&floor, &|launch| launch.millis)),
        target: Target { bound: None, ratio: Some(1.3) },
    };
    let mebibytes = |launch: &Launch| launch.kib as f64 / 1024.0;
    let memory = Figure {
        name: "app_memory",
        unit: Unit::Mebibytes,
        value: median(&app, &mebibytes),
        floor: Some(median(&floor, &mebibytes)),
        target: Target { bound: None, ratio: Some(1.2) },
    };
    Ok((start, memory))
}

/// The environment of a window under test: its own settings and caches under `home`, the
/// archive's copy as its database, and no session bus (so that no window open elsewhere is
/// taken for this one).
fn isolate(command: &mut Command, home: &Path, database: &Path) {
    command
        .env("CFTRACK_DB", database)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", home.join("no-bus").display()))
        .env("NO_AT_BRIDGE", "1")
        // Its own process group, so that it can be stopped with what it started.
        .process_group(0);
}

/// Launches `binary`, waits for `shown` (and for a backup to be written in `backups`, when
/// given), reads the memory of its processes, and stops it.
fn launch(binary: &Path, home: &Path, database: &Path, backups: Option<&Path>) -> Result<Launch, String> {
    let mut command = Command::new(binary);
    isolate(&mut command, home, database);
    command.env("CFTRACK_SAY_WHEN_SHOWN", "1").stdout(Stdio::piped()).stderr(Stdio::null());
    let started = Instant::now();
    let mut child = command.spawn().map_err(|error| format!("{}: {error}", binary.display()))?;
    let stdout = child.stdout.take().expect("its standard output");
    let (said, heard) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if line.trim() == "shown" {
                let _ = said.send(Instant::now());
            }
        }
    });
    let shown = heard.recv_timeout(PATIENCE);
    let result = match shown {
        Ok(at) => {
            if let Some(backups) = backups {
                wait_for_backup(backups);
            }
            std::thread::sleep(SETTLE);
            let processes: Vec<(String, u64)> = tree(child.id())
                .into_iter()
                .filter_map(|pid| Some((process_name(pid), proportional_set_kib(pid)?)))
                .collect();
            Ok(Launch {
                millis: (at - started).as_secs_f64() * 1000.0,
                kib: processes.iter().map(|(_, kib)| kib).sum(),
                processes,
            })
        }
        Err(_) => Err(format!("{} did not say it was shown within {PATIENCE:?}", binary.display())),
    };
    stop(&mut child);
    result
}

/// Waits until `folder` holds a finished backup and none under way.
fn wait_for_backup(folder: &Path) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        let names: Vec<String> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        if names.iter().any(|name| name.ends_with(".db"))
            && !names.iter().any(|name| name.ends_with(".partial"))
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Stops a window and everything it started, and waits until they are gone.
fn stop(child: &mut Child) {
    let processes = tree(child.id());
    for pid in processes.iter().rev() {
        // SAFETY: kill(2) on processes this launch started (the window and its descendants,
        // found just now); one already gone only yields an error.
        unsafe {
            libc::kill(*pid as libc::pid_t, libc::SIGKILL);
        }
    }
    // SAFETY: as above, the window's own process group (see `isolate`).
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    let _ = child.wait();
    let deadline = Instant::now() + Duration::from_secs(5);
    while processes.iter().any(|pid| Path::new(&format!("/proc/{pid}")).exists()) && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `root` and every process descended from it (WebKit's web and network processes).
fn tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|name| name.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        // The parent is the second field after the command name, which may hold spaces.
        let parent = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1));
        if let Some(parent) = parent.and_then(|parent| parent.parse().ok()) {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        found.extend(children.get(&found[next]).into_iter().flatten());
        next += 1;
    }
    found
}

fn process_name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|name| name.trim().to_string())
        .unwrap_or_default()
}

/// The process's proportional set size (`Pss` of `smaps_rollup`), in KiB.
fn proportional_set_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = rollup.lines().find(|line| line.starts_with("Pss:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Opens the app on the archive through WebKitWebDriver, counts the list's rows in the
/// document, and records status changes: the median time from Save until the list's row
/// shows the new status, the rows in the document, and the rows the list has room for.
async fn in_the_window(
    driver: &Path,
    app: &Path,
    home: &Path,
    database: &Path,
) -> Result<(f64, f64, f64), String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|error| format!("no free port: {error}"))?
        .port();
    let mut command = Command::new(driver);
    command
        .arg(format!("--port={port}"))
        .env("TAURI_WEBVIEW_AUTOMATION", "true")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    isolate(&mut command, &home.join("driven"), database);
    let mut driver = command.spawn().map_err(|error| format!("WebKitWebDriver: {error}"))?;
    let result = drive(port, app).await;
    stop(&mut driver);
    result
}

async fn drive(port: u16, app: &Path) -> Result<(f64, f64, f64), String> {
    let deadline = Instant::now() + PATIENCE;
    while !driver_is_ready(port) {
        if Instant::now() > deadline {
            return Err(format!("WebKitWebDriver did not answer on port {port}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut capabilities = serde_json::Map::new();
    capabilities
        .insert("webkitgtk:browserOptions".into(), json!({ "binary": app.to_string_lossy(), "args": [] }));
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(capabilities);
    let client = tokio::time::timeout(PATIENCE, builder.connect(&format!("http://127.0.0.1:{port}")))
        .await
        .map_err(|_| format!("the app did not open its window within {PATIENCE:?}"))?
        .map_err(|error| format!("no WebDriver session: {error}"))?;
    let result = record_changes(&client).await.map_err(|error| format!("in the window: {error}"));
    let _ = client.close().await;
    result
}

async fn record_changes(client: &Client) -> Result<(f64, f64, f64), fantoccini::error::CmdError> {
    let first =
        client.wait().at_most(PATIENCE).for_element(Locator::Css("[data-testid=proposal-row]")).await?;
    let rows = client
        .execute(
            "const list = document.querySelector('[data-testid=proposal-list]');
             return [document.querySelectorAll('[data-testid=proposal-row]').length, list.clientHeight];",
            vec![],
        )
        .await?;
    let in_dom = rows[0].as_f64().unwrap_or(f64::NAN);
    let fit = (rows[1].as_f64().unwrap_or(f64::NAN) / ROW_HEIGHT).ceil();

    let id = first.attr("data-id").await?.unwrap_or_default();
    first.click().await?;
    let row_badge = format!("[data-testid=proposal-row][data-id=\"{id}\"] [data-testid=status-badge]");
    let mut current =
        client.find(Locator::Css(&row_badge)).await?.attr("data-status").await?.unwrap_or_default();
    let mut statuses = STATUSES.iter().cycle();
    let mut times = Vec::new();
    for run in 0..=RUNS {
        let status = statuses.find(|status| **status != current).expect("another status");
        client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css("[data-testid=record-change]"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&format!("[data-testid=field-status] option[value={status}]")))
            .await?
            .click()
            .await?;
        // Clicks Save and watches every frame for the row's new status; the time is taken
        // after the frame that shows it is drawn.
        let took = client
            .execute_async(
                "const [id, status, done] = arguments;
                 const shown = `[data-testid=proposal-row][data-id=\"${id}\"] [data-testid=status-badge][data-status=${status}]`;
                 const started = performance.now();
                 document.querySelector('[data-testid=save]').click();
                 const look = () => document.querySelector(shown)
                   ? setTimeout(() => done(performance.now() - started))
                   : requestAnimationFrame(look);
                 requestAnimationFrame(look);",
                vec![json!(id), json!(status)],
            )
            .await?;
        if run > 0 {
            times.push(took.as_f64().unwrap_or(f64::NAN));
        }
        current = status.to_string();
        // The sheet closes after the save; the next change opens it again.
        client.wait().at_most(PATIENCE).for_element(Locator::Css("[data-testid=record-change]")).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], in_dom, fit))
}

/// Whether the driver's `/status` says it is ready for a session.
fn driver_is_ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let request = format!("GET /status HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let mut response = String::new();
    if stream.write_all(request.as_bytes()).is_err() || stream.read_to_string(&mut response).is_err() {
        return false;
    }
    let Some((_, body)) = response.split_once("\r\n\r\n") else { return false };
    serde_json::from_str::<serde_json::Value>(body)
        .is_ok_and(|status| status["value"]["ready"] == json!(true))
}
