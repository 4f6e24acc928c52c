//! Killing `cftrack` with SIGKILL at random moments, as a crash or a pulled plug would,
//! during a long stream of writes and during a large import. After every kill the file
//! must pass `PRAGMA integrity_check`, every write `cftrack` acknowledged (it printed the
//! new id) must be there, and an interrupted import must have left nothing of itself.
//!
//! `cargo test` runs a short round. `make soak` runs the long one by setting
//! `CFTRACK_CRASH_WRITE_KILLS` and `CFTRACK_CRASH_IMPORT_KILLS`; `CFTRACK_CRASH_SEED`
//! replays a run whose seed a failure printed.

// A kill is told apart from an exit by its signal, which only Unix has.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ceasefire_tracker::model::*;
use ceasefire_tracker::{demo, exchange, Store};
use rusqlite::Connection;

/// A small xorshift generator: the kill moments only need to be spread, and a seed that
/// can be printed makes a failing run repeatable.
struct Dice(u64);

impl Dice {
    fn from_env() -> Self {
        let seed =
            std::env::var("CFTRACK_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
            });
        eprintln!("crash: seed {seed} (CFTRACK_CRASH_SEED={seed} replays this run)");
        Self(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A moment from zero to a little past `typical`, so that kills land in every phase
    /// of a run: start-up, opening, writing, committing, and just after.
    fn moment(&mut self, typical: Duration) -> Duration {
        let span = typical.as_micros() as u64 * 6 / 5;
        Duration::from_micros(self.below(span))
    }
}

/// A running average of how long runs take, so that one slow run on a busy machine does
/// not spread the next kills far past the end of the runs.
fn settle(typical: Duration, took: Duration) -> Duration {
    (typical * 3 + took) / 4
}

fn kills_from_env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// What one run of `cftrack` did before it ended or was killed.
struct Outcome {
    killed: bool,
    succeeded: bool,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs `cftrack` on `db`, killing it after `kill_after` if it is still running then.
fn run(db: &Path, args: &[String], kill_after: Option<Duration>) -> Outcome {
    use std::os::unix::process::ExitStatusExt;

    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .env_remove("CFTRACK_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cftrack starts");
    if let Some(delay) = kill_after {
        std::thread::sleep(delay);
        // Child::kill sends SIGKILL; a child that has already exited is only reaped.
        let _ = child.kill();
    }
    let output = child.wait_with_output().expect("cftrack ends");
    Outcome {
        killed: output.status.signal() == Some(SIGKILL),
        succeeded: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        took: started.elapsed(),
    }
}

const SIGKILL: i32 = 9;

fn integrity(db: &Path) -> String {
    let conn = Connection::open(db).expect("the database opens after a kill");
    let lines: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    lines.join("; ")
}

/// Whether the first run got as far as creating the tables.
fn has_schema(db: &Path) -> bool {
    db.exists()
        && Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get::<_, i64>(0))
            .unwrap()
            > 0
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0)).unwrap()
}

/// A write `cftrack` reported as done: the row it named must hold what was typed.
enum Acknowledged {
    Party { id: i64, name: String },
    Proposal { id: i64, title: String },
    Status { id: i64, proposal: i64 },
    Demo,
}

impl Acknowledged {
    fn is_present(&self, conn: &Connection) -> bool {
        let found = |sql: &str, id: i64| -> Option<String> {
            conn.query_row(sql, [id], |row| row.get::<_, String>(0)).ok()
        };
        match self {
            Self::Party { id, name } => {
                found("SELECT name FROM party WHERE id = ?1", *id).as_ref() == Some(name)
            }
            Self::Proposal { id, title } => {
                found("SELECT title FROM proposal WHERE id = ?1", *id).as_ref() == Some(title)
            }
            Self::Status { id, proposal } => {
                found("SELECT CAST(proposal AS TEXT) FROM event WHERE id = ?1", *id)
                    == Some(proposal.to_string())
            }
            Self::Demo => demo_proposals(conn) == 2,
        }
    }
}

fn demo_proposals(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM proposal WHERE title IN (?1, ?2)",
        [demo::GENERAL_CEASEFIRE, demo::ENERGY_HALT],
        |row| row.get(0),
    )
    .unwrap()
}

/// The figures of one round, printed for the README's "Reliability" section.
#[derive(Default)]
struct Figures {
    runs: usize,
    kills: usize,
    acknowledged: usize,
}

/// Runs a stream of writes (parties, proposals, statuses, now and then the demo data set)
/// and kills one run in two at a random moment, until `kills` runs have been killed.
fn stream_of_writes(folder: &Path, kills: usize, dice: &mut Dice) -> Figures {
    let db = folder.join("writes.db");
    let mut figures = Figures::default();
    let mut acknowledged: Vec<Acknowledged> = Vec::new();
    let mut parties: Vec<i64> = Vec::new();
    let mut proposals: Vec<i64> = Vec::new();
    // How long a run of each kind of write takes when left alone: kills are spread over it.
    let mut typical = [Duration::from_millis(20); 4];
    let mut step = 0u64;
    while figures.kills < kills {
        step += 1;
        let kind = match dice.below(10) {
            _ if parties.is_empty() => 0,
            0..=2 => 0,
            3..=5 => 1,
            6..=8 if !proposals.is_empty() => 2,
            9 if dice.below(8) == 0 => 3,
            _ => 0,
        };
        let args: Vec<String> = match kind {
            0 => {
                vec!["party".into(), "add".into(), format!("Party {step}"), "--note".into(), "x".repeat(2000)]
            }
            1 => vec![
                "proposal".into(),
                "add".into(),
                format!("Proposal {step}"),
                "--by".into(),
                parties[dice.below(parties.len() as u64) as usize].to_string(),
                "--on".into(),
                "2025-01-15".into(),
                "--summary".into(),
                "A truce along the whole front. ".repeat(50),
                "--source".into(),
                format!("https://example.org/report/{step}"),
            ],
            2 => vec![
                "status".into(),
                "set".into(),
                proposals[dice.below(proposals.len() as u64) as usize].to_string(),
                "under_negotiation".into(),
                "--on".into(),
                "2025-02-01".into(),
                "--note".into(),
                format!("Talks resumed, step {step}"),
            ],
            _ => vec!["demo".into()],
        };
        let kill = dice.below(2) == 0;
        let outcome = run(&db, &args, kill.then(|| dice.moment(typical[kind])));
        figures.runs += 1;
        if outcome.killed {
            figures.kills += 1;
        } else {
            assert!(outcome.succeeded, "cftrack {args:?} failed after earlier kills: {}", outcome.stderr);
            typical[kind] = settle(typical[kind], outcome.took);
            let id = || outcome.stdout.trim().parse::<i64>().expect("an id");
            acknowledged.push(match kind {
                0 => {
                    parties.push(id());
                    Acknowledged::Party { id: id(), name: args[2].clone() }
                }
                1 => {
                    proposals.push(id());
                    Acknowledged::Proposal { id: id(), title: args[2].clone() }
                }
                2 => Acknowledged::Status { id: id(), proposal: args[2].parse().unwrap() },
                _ => Acknowledged::Demo,
            });
        }
        if !has_schema(&db) {
            // Killed before the first run created the tables: nothing can have been written.
            assert!(acknowledged.is_empty(), "the database lost its tables");
            continue;
        }
        // Every kill is checked at once, so that a failure names the run that caused it.
        if outcome.killed || step.is_multiple_of(25) {
            assert_eq!(integrity(&db), "ok", "after cftrack {args:?}");
            let conn = Connection::open(&db).unwrap();
            let demo = demo_proposals(&conn);
            assert!(demo == 0 || demo == 2, "a killed demo load left {demo} of its 2 proposals");
            for write in &acknowledged {
                assert!(write.is_present(&conn), "an acknowledged write is missing after cftrack {args:?}");
            }
        }
    }
    figures.acknowledged = acknowledged.len();
    figures
}

/// A database of `proposals` proposals, each with a party, a source, a condition and
/// a few events, exported as a document to import.
fn large_document(folder: &Path, proposals: usize) -> (PathBuf, [i64; 5]) {
    let mut store = Store::open(&folder.join("origin.db")).unwrap();
    let date = |text: &str| text.parse::<EventDate>().unwrap();
    store
        .all_or_nothing(|store| {
            for n in 0..proposals {
                let party = store.add_party(&NewParty {
                    name: format!("Party {n}"),
                    kind: PartyKind::Organization,
                    member_of: None,
                    note: "An armed group of the north".into(),
                })?;
                let source = SourceChoice::New {
                    source: NewSource {
                        title: format!("Report {n}"),
                        outlet: "Agency".into(),
                        url: Some(format!("https://example.org/{n}")),
                        published_on: Some(date("2025-01-10")),
                    },
                };
                let proposal = store
                    .add_proposal(&NewProposal {
                        title: format!("Local truce {n}"),
                        summary: "A local truce around the river crossing. ".repeat(10),
                        full_text: None,
                        proposed_by: party,
                        proposer_role: Role::Party,
                        proposed_on: date("2025-01-10"),
                        kind: ProposalKind::Partial,
                        scope: "the river crossing".into(),
                        duration_days: Some(7),
                        process: "Northern front".into(),
                        supersedes: None,
                        sources: vec![source],
                        co_proposers: Vec::new(),
                        phase: None,
                        phase_of: None,
                    })?
                    .id;
                store.add_condition(&NewCondition {
                    proposal,
                    raised_by: party,
                    directed_at: None,
                    text: "Withdrawal of heavy weapons".into(),
                    kind: ConditionKind::Precondition,
                    category: ConditionCategory::MilitaryLimits,
                    raised_on: date("2025-01-11"),
                    note: String::new(),
                    sources: vec![],
                })?;
                for (status, on) in
                    [(ProposalStatus::UnderNegotiation, "2025-01-12"), (ProposalStatus::Agreed, "2025-01-20")]
                {
                    store.record(&NewEvent {
                        proposal,
                        change: Change::Status { status },
                        occurred_on: date(on),
                        note: String::new(),
                        sources: vec![],
                        extension: None,
                        violation: None,
                    })?;
                }
            }
            Ok(())
        })
        .unwrap();
    let document = folder.join("large.json");
    std::fs::write(&document, exchange::export_json(&store).unwrap()).unwrap();
    let conn = Connection::open(folder.join("origin.db")).unwrap();
    (document, rows(&conn))
}

fn rows(conn: &Connection) -> [i64; 5] {
    ["party", "source", "proposal", "condition", "event"].map(|table| count(conn, table))
}

/// Imports the large document again and again, killing most runs at a random moment;
/// each killed import must have left the database as it was, each finished one all of it.
fn interrupted_imports(folder: &Path, kills: usize, dice: &mut Dice) -> Figures {
    let (document, whole) = large_document(folder, 400);
    let mut figures = Figures::default();
    let mut typical = Duration::from_millis(300);
    let mut target = 0;
    let mut db = folder.join("import-0.db");
    while figures.kills < kills {
        let kill = dice.below(6) != 0;
        let args = vec!["import".to_string(), document.display().to_string()];
        let outcome = run(&db, &args, kill.then(|| dice.moment(typical)));
        figures.runs += 1;
        if outcome.killed {
            figures.kills += 1;
        } else {
            assert!(outcome.succeeded, "import failed after earlier kills: {}", outcome.stderr);
            typical = settle(typical, outcome.took);
        }
        if !has_schema(&db) {
            assert!(!outcome.succeeded, "a finished import left no tables");
            continue;
        }
        assert_eq!(integrity(&db), "ok", "after an import killed at {:?}", outcome.took);
        let found = rows(&Connection::open(&db).unwrap());
        if outcome.succeeded {
            assert_eq!(found, whole, "a finished import is not whole");
            figures.acknowledged += 1;
        }
        if found == whole {
            // Imported whole (perhaps killed after its commit): start again on a new file.
            target += 1;
            db = folder.join(format!("import-{target}.db"));
        } else {
            assert_eq!(found, [0; 5], "an interrupted import left part of itself");
        }
    }
    figures
}

#[test]
fn kills_lose_no_acknowledged_write_and_leave_no_half_import() {
    let folder = tempfile::tempdir().unwrap();
    let mut dice = Dice::from_env();
    let started = Instant::now();
    let writes = stream_of_writes(folder.path(), kills_from_env("CFTRACK_CRASH_WRITE_KILLS", 60), &mut dice);
    let imports =
        interrupted_imports(folder.path(), kills_from_env("CFTRACK_CRASH_IMPORT_KILLS", 20), &mut dice);
    // Printed for the README; `cargo test -- --nocapture` shows it.
    println!(
        "crash: {} kills survived ({} of {} writes, {} of {} imports) in {:.0?}; {} acknowledged writes \
         and {} finished imports checked, 0 lost",
        writes.kills + imports.kills,
        writes.kills,
        writes.runs,
        imports.kills,
        imports.runs,
        started.elapsed(),
        writes.acknowledged,
        imports.acknowledged,
    );
}

#[test]
fn a_failed_batch_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let refused = store.all_or_nothing(|store| {
        store.add_party(&NewParty {
            name: "Hamas".into(),
            kind: PartyKind::ArmedGroup,
            member_of: None,
            note: String::new(),
        })?;
        // A second party of the same name is refused, and with it the whole batch.
        store.add_party(&NewParty {
            name: "Hamas".into(),
            kind: PartyKind::ArmedGroup,
            member_of: None,
            note: String::new(),
        })
    });
    assert!(refused.is_err());
    assert!(store.parties().unwrap().is_empty());

    // A refusal the batch catches and gets over does not undo the rest.
    let kept = store.all_or_nothing(|store| {
        let israel = store.add_party(&NewParty {
            name: "Israel".into(),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        })?;
        let refused = store.add_party(&NewParty {
            name: "  ".into(),
            kind: PartyKind::State,
            member_of: None,
            note: String::new(),
        });
        assert!(refused.is_err());
        Ok(israel)
    });
    let names: Vec<String> = store.parties().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Israel"]);
    assert!(kept.is_ok());
}
