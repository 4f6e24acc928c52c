//! `make bench` (or `cargo bench --bench bench`): the figures of an archive of 10,000
//! proposals, 200 parties and a million events, each beside its floor and its target, and
//! of the research datasets' import (`datasets.rs`).
//!
//! The archive is generated once and kept under `target/bench/`; the figures and the
//! table in `target/bench/results.txt` come from a fresh run each time. Benchmarks print
//! figures and never fail on time: a missed target says MISSED. The desktop window's
//! figures (`desktop`) need the windows that `make bench` builds; `CFTRACK_BENCH_ONLY=core`,
//! `=team` (the team server's) or `=desktop` measures only those.

mod datasets;
mod violations;
// The window's figures drive WebKitGTK through its WebDriver and read /proc: Unix code,
// run on Linux.
#[cfg(unix)]
mod desktop;
mod figure;
mod floor;
// The team server's figures start a PostgreSQL of their own, as the tests do: Unix code.
#[cfg(unix)]
mod team;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use rusqlite::Connection;

use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::model::{ListRequest, Viewpoint};
use ceasefire_tracker::report::{self, Format, Paper, ReportKind, ReportRequest};
use ceasefire_tracker::{exchange, Store};

use figure::{median_millis, Figure, Target, Unit};

/// The past date of the "as of" figures: the middle of the generated history.
const PAST: (i32, u32, u32) = (2010, 6, 30);
/// The page and report figures use the proposal whose history is nearest this long.
const PAGE_EVENTS: i64 = 500;
/// The rows of the list the window asks for at a time: those it has room for and a margin.
const PAGE_ROWS: u32 = 60;

/// The archives measured: proposals and events per proposal. At 100,000 proposals each has
/// 20 events on average, to keep the generation short.
const SIZES: [(usize, usize); 3] = [(1_000, 100), (10_000, 100), (100_000, 20)];

fn main() {
    let folder = bench_folder();
    std::fs::create_dir_all(&folder).expect("a folder for the benchmark files");
    let sizes: Vec<(usize, usize)> = match std::env::var("CFTRACK_BENCH_PROPOSALS") {
        // One size, for a quick look: `CFTRACK_BENCH_PROPOSALS=2000`.
        Ok(n) => vec![(n.parse().expect("CFTRACK_BENCH_PROPOSALS is a number"), 100)],
        Err(_) => SIZES.to_vec(),
    };
    let only = std::env::var("CFTRACK_BENCH_ONLY").unwrap_or_default();
    let mut measured: Vec<(usize, Figure)> = Vec::new();
    let mut table = String::new();
    for &(proposals, events_per_proposal) in &sizes {
        let shape = Shape { proposals, parties: 200, events_per_proposal, seed: 1 };
        let archive = folder.join(format!(
            "archive-{}-proposals-{}-parties-{}-events-seed-{}.db",
            shape.proposals, shape.parties, shape.events_per_proposal, shape.seed
        ));
        let mut figures: Vec<Figure> = Vec::new();
        let mut show = |figure: Figure| {
            println!("{figure}");
            figures.push(figure);
        };
        let generated = prepare(&archive, shape);
        let events: i64 = Connection::open(&archive)
            .and_then(|c| c.query_row("SELECT count(*) FROM event", [], |row| row.get(0)))
            .expect("the archive");
        let heading =
            format!("# {proposals} proposals, {} parties, {events} events, release build", shape.parties);
        println!("{heading}");
        if let Some(figure) = generated {
            show(figure);
        }
        if only != "desktop" && only != "team" {
            core_figures(&archive, &mut show);
        }
        // The team server's figures at one size: a push of the 10,000-proposal archive.
        #[cfg(unix)]
        if only != "desktop" && only != "core" && (proposals == 10_000 || sizes.len() == 1) {
            team::figures(&archive, &folder, &mut show);
        }
        // The window at the sizes a team's archive has.
        #[cfg(unix)]
        if only != "core" && only != "team" && proposals >= 10_000 {
            desktop::figures(&archive, &folder, &mut show);
        }
        let _ = writeln!(table, "{heading}");
        for figure in figures {
            let _ = writeln!(table, "{figure}");
            measured.push((proposals, figure));
        }
    }
    #[cfg(not(unix))]
    println!("# the window's figures are measured on Linux only");

    if only != "desktop" {
        println!("# the import, once");
        let _ = writeln!(table, "# the import, once");
        let mut once = |figure: Figure| {
            println!("{figure}");
            let _ = writeln!(table, "{figure}");
        };
        once(import(&folder));
        datasets::figures(&folder, &mut once);
    }

    let growth = growth(&measured);
    print!("{growth}");
    table.push_str(&growth);
    let results = folder.join("results.txt");
    std::fs::write(&results, table).expect("the results file");
    println!("# written to {}", results.display());
}

/// How each figure measured at more than one size grows: its value at each, and what it
/// would be at a million proposals if it kept growing as it did from the last size but one
/// to the last.
fn growth(measured: &[(usize, Figure)]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for (_, figure) in measured {
        if !names.contains(&figure.name) {
            names.push(figure.name);
        }
    }
    let mut text = String::from("# growth: the value at each size; at a million, extrapolated\n");
    for name in names {
        let values: Vec<(usize, &Figure)> =
            measured.iter().filter(|(_, f)| f.name == name).map(|(size, f)| (*size, f)).collect();
        if values.len() < 2 {
            continue;
        }
        let cells: Vec<String> = values
            .iter()
            .map(|(size, figure)| format!("{}: {}", thousands(*size), figure.value_with_unit()))
            .collect();
        let [.., (size_a, a), (size_b, b)] = values.as_slice() else { continue };
        let per_step = b.value / a.value;
        let steps = (1_000_000f64 / *size_b as f64).log(*size_b as f64 / *size_a as f64);
        let million = b.value * per_step.powf(steps);
        let _ = writeln!(
            text,
            "{name}: {} ; x{per_step:.2} from {} to {}; at 1,000,000 about {}",
            cells.join(", "),
            thousands(*size_a),
            thousands(*size_b),
            b.with_value(million).value_with_unit()
        );
    }
    text
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The core's figures on the archive: the list whole and a page at a time, the deadlines,
/// the proposal page (with and without violation reports), the reports.
fn core_figures(archive: &Path, show: &mut dyn FnMut(Figure)) {
    let today = Viewpoint::today();
    let past = Viewpoint::as_of(NaiveDate::from_ymd_opt(PAST.0, PAST.1, PAST.2).expect("a date"));
    for (name, viewpoint, target) in [
        ("list_today", today, Target { bound: Some(50.0), ratio: Some(2.0) }),
        ("list_past_date", past, Target { bound: Some(100.0), ratio: None }),
    ] {
        let value = median_millis(15, || {
            let store = Store::open(archive).expect("open");
            store.summaries(viewpoint).expect("summaries").len()
        });
        let floor = median_millis(15, || floor::list(archive, &viewpoint.as_of.to_string()).len());
        show(Figure { name, unit: Unit::Millis, value, floor: Some(floor), target });
    }

    let store = Store::open(archive).expect("open");
    let conn = Connection::open(archive).expect("open");
    floor::add_functions(&conn);
    let as_of = today.as_of.to_string();
    // What the window asks for: the rows it has room for and a margin, and the count.
    for (name, text, viewpoint) in [
        ("list_page_today", "", today),
        ("list_page_past_date", "", past),
        ("list_page_search", "humanitarian pause", today),
    ] {
        let request =
            ListRequest { text: text.into(), offset: 0, limit: PAGE_ROWS, ..ListRequest::all(viewpoint) };
        let value = median_millis(31, || store.list_page(&request).expect("a page").rows.len());
        let day = viewpoint.as_of.to_string();
        let floor = median_millis(31, || floor::list_page(&conn, &day, text, PAGE_ROWS));
        let target = Target { bound: Some(50.0), ratio: Some(2.0) };
        show(Figure { name, unit: Unit::Millis, value, floor: Some(floor), target });
    }

    let value = median_millis(15, || store.deadlines(today, None).expect("deadlines").len());
    let floor = median_millis(15, || floor::deadlines(&conn));
    show(Figure {
        name: "deadlines",
        unit: Unit::Millis,
        value,
        floor: Some(floor),
        target: Target { bound: Some(100.0), ratio: Some(2.0) },
    });

    let proposal: i64 = conn
        .query_row(
            "SELECT proposal FROM event GROUP BY proposal ORDER BY abs(count(*) - ?1), proposal LIMIT 1",
            [PAGE_EVENTS],
            |row| row.get(0),
        )
        .expect("a proposal");
    let page_floor = median_millis(101, || floor::page(&conn, proposal, &as_of));
    let page = median_millis(101, || store.proposal_state(proposal, today).expect("page").history.len());
    show(Figure {
        name: "proposal_page",
        unit: Unit::Millis,
        value: page,
        floor: Some(page_floor),
        target: Target { bound: None, ratio: Some(1.2) },
    });

    let watched = violations::watched_proposal(archive);
    let watched_floor = median_millis(101, || floor::page(&conn, watched, &as_of));
    let value = median_millis(101, || store.proposal_state(watched, today).expect("page").violations.len());
    show(Figure {
        name: "proposal_page_violations",
        unit: Unit::Millis,
        value,
        floor: Some(watched_floor),
        target: Target { bound: None, ratio: Some(1.5) },
    });

    let status = ReportRequest {
        kind: ReportKind::Status { proposals: vec![proposal] },
        viewpoint: today,
        paper: Paper::A4,
    };
    let value = median_millis(51, || report::render(&store, &status, Format::Html).expect("report").len());
    let target = Target { bound: Some(5.0), ratio: None };
    show(Figure { name: "status_report_html", unit: Unit::Millis, value, floor: Some(page_floor), target });

    // The process whose proposals come nearest 500 (the archives of 1,000 and 10,000 have
    // none that large: their largest is drawn).
    let (process, lanes): (String, i64) = conn
        .query_row(
            "SELECT process, count(*) FROM proposal WHERE process <> '' GROUP BY process
             ORDER BY abs(count(*) - ?1), process LIMIT 1",
            [PROCESS_PROPOSALS],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("a process");
    println!("# process_timeline: {process}, {lanes} proposals");
    let timeline = ReportRequest {
        kind: ReportKind::Process { name: process.clone() },
        viewpoint: today,
        paper: Paper::A4,
    };
    let value = median_millis(11, || report::render(&store, &timeline, Format::Html).expect("report").len());
    let floor = median_millis(11, || floor::process(&conn, &process, &as_of));
    let target = Target { bound: Some(500.0), ratio: None };
    show(Figure { name: "process_timeline_html", unit: Unit::Millis, value, floor: Some(floor), target });

    let overview =
        ReportRequest { kind: ReportKind::Overview { status: None }, viewpoint: today, paper: Paper::A4 };
    let value = median_millis(5, || report::render(&store, &overview, Format::Html).expect("report").len());
    let floor = median_millis(5, || floor::list(archive, &as_of).len());
    let target = Target { bound: Some(500.0), ratio: None };
    show(Figure { name: "overview_report_html", unit: Unit::Millis, value, floor: Some(floor), target });
}

/// How many proposals the process of the process timeline figure has, or nearest it.
const PROCESS_PROPOSALS: i64 = 500;

/// Where the archive and the results go: `target/bench/`.
fn bench_folder() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench")
}

/// Generates the archive unless a previous run left it; the time it took, when it did.
fn prepare(archive: &Path, shape: Shape) -> Option<Figure> {
    if archive.exists() {
        // Brings an archive made by an older schema up to date.
        Store::open(archive).expect("the archive");
        return None;
    }
    let partial = archive.with_extension("partial");
    for leftover in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{leftover}", partial.display()));
    }
    eprintln!("# generating {} (once; kept for later runs)", archive.display());
    let started = Instant::now();
    let mut store = Store::open(&partial).expect("a new archive");
    gen::fill(&mut store, shape).expect("the archive");
    drop(store);
    let value = started.elapsed().as_secs_f64() * 1000.0;
    std::fs::rename(&partial, archive).expect("the archive in place");
    Some(Figure {
        name: "generate_archive",
        unit: Unit::Millis,
        value,
        floor: None,
        target: Target { bound: Some(120_000.0), ratio: None },
    })
}

/// JSON import of an archive of 1,000 proposals into a new file, against writing the same
/// records with a plain insert loop: at least the loop's rate.
fn import(folder: &Path) -> Figure {
    let shape = Shape { proposals: 1_000, parties: 200, events_per_proposal: 100, seed: 2 };
    let document = gen::generate(shape).expect("a document");
    let text = serde_json::to_string(&document).expect("JSON");
    let events = document.events.len() as f64;
    let fresh = |name: &str| {
        let path = folder.join(name);
        for leftover in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{leftover}", path.display()));
        }
        Store::open(&path).expect("a new database");
        path
    };
    let mut times = Vec::new();
    let mut floors = Vec::new();
    for _ in 0..3 {
        let path = fresh("import.db");
        let mut store = Store::open(&path).expect("open");
        let started = Instant::now();
        exchange::import_json(&mut store, &text).expect("import");
        times.push(started.elapsed().as_secs_f64());

        let path = fresh("import-floor.db");
        let mut conn = Connection::open(&path).expect("open");
        let started = Instant::now();
        floor::insert(&mut conn, &document);
        floors.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    floors.sort_by(f64::total_cmp);
    Figure {
        name: "import_json",
        unit: Unit::EventsPerSecond,
        value: events / times[1],
        floor: Some(events / floors[1]),
        target: Target { bound: None, ratio: Some(1.0) },
    }
}
