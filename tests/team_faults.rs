//! Syncs that do not end well: `cftrack sync` killed at random moments, and the server
//! restarted under a sync. Afterwards a sync completes, and nothing is lost or doubled on
//! either side. A failure prints the seed that replays it (`CFTRACK_SYNC_KILL_SEED`).

#![cfg(unix)]

mod team_support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use team_support::Cluster;

/// How many times the sync is killed.
const KILLS: usize = 50;

struct Analyst {
    dir: TempDir,
    db: PathBuf,
    password: String,
}

impl Analyst {
    fn new(password: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tracker.db");
        Self { dir, db, password: password.to_string() }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cftrack"));
        command
            .env_remove("CFTRACK_DB")
            .env("CFTRACK_SETTINGS", self.dir.path().join("settings.json"))
            .env("CFTRACK_TEAM_PASSWORD", &self.password)
            // Pushes of a few hundred records each, so that a sync is cut off between them too.
            .env("CFTRACK_TEAM_BATCH", "500")
            .arg("--db")
            .arg(&self.db)
            .args(args);
        command
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.command(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "cftrack {args:?} failed: {stderr}");
        String::from_utf8(output.stdout).unwrap()
    }

    fn spawn(&self, args: &[&str]) -> Child {
        self.command(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap()
    }

    fn export(&self) -> String {
        self.ok(&["export", "-o", "-"])
    }
}

/// A team whose owner `owner` set it up in `database` and joined it; then an admin member
/// `heavy` (who will bring a generated archive signed by others) and an editor `light`.
fn team(
    cluster: &Cluster,
    database: &str,
    owner: &str,
    heavy: &str,
    light: &str,
) -> (Analyst, Analyst, Analyst) {
    let password = format!("{owner}-secret");
    cluster.database_for(database, owner, &password);
    let admin = Analyst::new(&password);
    let url = cluster.url(owner, database);
    admin.ok(&["team", "setup", &url]);
    admin.ok(&["team", "join", &url]);
    let mut members = Vec::new();
    for (name, role) in [(heavy, "admin"), (light, "editor")] {
        let member = Analyst::new(&format!("{name}-secret"));
        let file = member.dir.path().join("password");
        std::fs::write(&file, &member.password).unwrap();
        admin.ok(&["team", "add", &url, name, "--role", role, "--password-file", file.to_str().unwrap()]);
        members.push(member);
    }
    let light_member = members.pop().unwrap();
    let heavy_member = members.pop().unwrap();
    let members_url = url.replace(&format!("{owner}@"), "");
    light_member.ok(&["team", "join", &members_url, "--user", light]);
    // The admin member starts from a generated archive, then joins.
    heavy_member.ok(&["gen", "--proposals", "20", "--seed", "7"]);
    heavy_member.ok(&["team", "join", &members_url, "--user", heavy]);
    (admin, heavy_member, light_member)
}

/// Every record on the server once: (rows, distinct uuids).
fn server_rows(cluster: &Cluster, database: &str, owner: &str) -> (i64, i64) {
    let mut client = cluster.connect(owner, &format!("{owner}-secret"), database).unwrap();
    let union =
        ["party", "source", "proposal", "condition", "event", "retraction", "revision", "link", "origin"]
            .map(|table| format!("SELECT uuid FROM tracker.{table}"))
            .join(" UNION ALL ");
    let row =
        client.query_one(&format!("SELECT count(*), count(DISTINCT uuid) FROM ({union}) AS r"), &[]).unwrap();
    (row.get(0), row.get(1))
}

fn records(export: &str) -> i64 {
    let document: Value = serde_json::from_str(export).unwrap();
    [
        "parties",
        "sources",
        "proposals",
        "conditions",
        "events",
        "retractions",
        "revisions",
        "links",
        "origins",
    ]
    .iter()
    .map(|list| document[list].as_array().map_or(0, Vec::len) as i64)
    .sum()
}

/// A small random number generator (xorshift), seeded so that a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

/// Both analysts, and the server, hold the same records, each once, and every one that
/// either of them made.
fn agree(cluster: &Cluster, database: &str, owner: &str, analysts: &[&Analyst], seed: u64) {
    let exports: Vec<String> = analysts.iter().map(|analyst| analyst.export()).collect();
    for export in &exports[1..] {
        assert!(*export == exports[0], "the databases differ after the last sync (seed {seed})");
    }
    let (rows, distinct) = server_rows(cluster, database, owner);
    assert_eq!((rows, distinct), (records(&exports[0]), records(&exports[0])), "seed {seed}");
}

#[test]
fn a_sync_killed_at_random_moments_loses_and_doubles_nothing() {
    let seed = std::env::var("CFTRACK_SYNC_KILL_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
        });
    let mut random = Random(seed);
    let cluster = team_support::shared();
    let (admin, anna, boris) = team(&cluster, "faults", "keeper", "anna", "boris");

    let mut killed_early = 0;
    let start = Instant::now();
    for round in 0..KILLS {
        anna.ok(&["party", "add", &format!("Anna's party {round}")]);
        boris.ok(&["party", "add", &format!("Boris's party {round}")]);
        let timed = Instant::now();
        boris.ok(&["sync"]);
        // Anywhere from before it connects to after it is done: the first rounds within the
        // push of Anna's archive, the others within a sync as long as Boris's.
        let longest = match round {
            0..5 => 1500,
            _ => (timed.elapsed().as_millis() as u64 * 3 / 2).max(10),
        };
        let mut sync = anna.spawn(&["sync"]);
        std::thread::sleep(Duration::from_millis(random.below(longest)));
        if sync.try_wait().unwrap().is_none() {
            killed_early += 1;
        }
        sync.kill().unwrap();
        sync.wait().unwrap();
    }
    eprintln!(
        "{KILLS} syncs killed ({killed_early} before they ended) in {:.1} s, seed {seed}",
        start.elapsed().as_secs_f64()
    );

    anna.ok(&["sync"]);
    boris.ok(&["sync"]);
    admin.ok(&["sync"]);
    let parties = boris.ok(&["party", "list"]);
    for round in 0..KILLS {
        assert!(
            parties.contains(&format!("Anna's party {round}")),
            "Anna's party {round} was lost (seed {seed})"
        );
    }
    agree(&cluster, "faults", "keeper", &[&anna, &boris, &admin], seed);
    assert!(killed_early > 0, "no sync was cut off: the delays are too long for this machine (seed {seed})");
}

#[test]
fn a_sync_under_which_the_server_restarts_completes_at_the_next() {
    // A cluster of its own: the restart cuts off every connection to it.
    let cluster = Cluster::start();
    let (admin, dana, emil) = team(&cluster, "restart", "warden", "dana", "emil");
    emil.ok(&["party", "add", "Sudan", "--kind", "state"]);
    emil.ok(&["sync"]);

    let sync = dana.spawn(&["sync"]);
    std::thread::sleep(Duration::from_millis(150));
    cluster.restart();
    let output = sync.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("cannot be reached") || stderr.contains("team server"), "{stderr}");
    }

    dana.ok(&["sync"]);
    emil.ok(&["sync"]);
    admin.ok(&["sync"]);
    agree(&cluster, "restart", "warden", &[&dana, &emil, &admin], 0);
    assert!(dana.ok(&["party", "list"]).contains("Sudan"));
}
