//! Working as a team, against a real PostgreSQL started for the tests: analysts on their
//! own databases, offline for days, syncing through the server in any order, with the
//! roles PostgreSQL enforces.

#![cfg(unix)]

mod team_support;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;

use serde_json::Value;
use tempfile::TempDir;

use team_support::Cluster;

/// Setting up a team creates the group roles of the cluster; two at once would race.
static SETUP: Mutex<()> = Mutex::new(());

/// An analyst on their own machine: a database, their settings, their team password.
struct Analyst {
    dir: TempDir,
    db: PathBuf,
    password: String,
}

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
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
            .arg("--db")
            .arg(&self.db)
            .args(args);
        command
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().unwrap();
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "cftrack {args:?} failed: {}", run.stderr);
        run.stdout
    }

    /// A command that must fail with one line on standard error; that line.
    fn fails(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, Some(1), "cftrack {args:?} did not fail: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "not one line: {}", run.stderr);
        run.stderr.trim_end().to_string()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn sync(&self) -> (u64, u64) {
        let synced = self.json(&["sync", "--json"]);
        (synced["pushed"].as_u64().unwrap(), synced["pulled"].as_u64().unwrap())
    }

    fn export(&self) -> String {
        self.ok(&["export", "-o", "-"])
    }

    /// The id in this database of the entry of `proposal` whose value is `value`.
    fn entry(&self, proposal: &str, value: &str) -> String {
        let history = self.json(&["history", proposal, "--json"]);
        let entry = history.as_array().unwrap().iter().find(|entry| entry["value"] == value);
        entry.unwrap_or_else(|| panic!("no entry {value} in {history}"))["id"].to_string()
    }
}

/// How many records an export holds.
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

/// How many rows the server's record tables hold, and how many distinct uuids among them.
fn server_rows(cluster: &Cluster, database: &str, owner: &str, password: &str) -> (i64, i64) {
    let mut client = cluster.connect(owner, password, database).unwrap();
    let union =
        ["party", "source", "proposal", "condition", "event", "retraction", "revision", "link", "origin"]
            .map(|table| format!("SELECT uuid FROM tracker.{table}"))
            .join(" UNION ALL ");
    let row = client
        .query_one(&format!("SELECT count(*), count(DISTINCT uuid) FROM ({union}) AS records"), &[])
        .unwrap();
    (row.get(0), row.get(1))
}

/// What the server said.
fn message(error: postgres::Error) -> String {
    error.as_db_error().map(|db| db.message().to_string()).unwrap_or_else(|| error.to_string())
}

/// The password `team add` printed, shown once.
fn printed_password(stdout: &str) -> String {
    stdout.trim_end().rsplit(' ').next().unwrap().to_string()
}

/// A team in the database `database` of a shared cluster: its owner set it up and joined,
/// recording as `owner`.
fn team_of(cluster: &Cluster, database: &str, owner: &str) -> (Analyst, String) {
    let password = format!("{owner}-secret");
    cluster.database_for(database, owner, &password);
    let admin = Analyst::new(&password);
    let url = cluster.url(owner, database);
    {
        let _one_at_a_time = SETUP.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let said = admin.ok(&["team", "setup", &url]);
        assert!(said.contains("The team is set up"), "{said}");
    }
    (admin, url)
}

/// Adds a member with a password of their own (from a file) and has them join.
fn member(admin: &Analyst, url: &str, url_for_members: &str, name: &str, role: &str) -> Analyst {
    let analyst = Analyst::new(&format!("{name}-secret"));
    let file = analyst.dir.path().join("password");
    std::fs::write(&file, &analyst.password).unwrap();
    admin.ok(&["team", "add", url, name, "--role", role, "--password-file", file.to_str().unwrap()]);
    let joined = analyst.ok(&["team", "join", url_for_members, "--user", name]);
    assert!(joined.contains(&format!("as {name} ({role})")), "{joined}");
    analyst
}

#[test]
fn three_analysts_and_a_viewer_follow_the_gaza_deal_offline_and_end_with_one_record() {
    let cluster = team_support::shared();
    let (chief, url) = team_of(&cluster, "gaza_story", "chief");
    let members_url = url.replace("chief@", "");

    // The admin had started before the team existed, under their own name.
    chief.ok(&["config", "set", "name", "Chief of desk"]);
    chief.ok(&["party", "add", "Israel", "--kind", "state"]);
    chief.ok(&["party", "add", "Hamas", "--kind", "armed_group"]);
    chief.ok(&["party", "add", "Qatar", "--kind", "state"]);
    chief.ok(&[
        "proposal",
        "add",
        "Gaza ceasefire and hostage release deal",
        "--by",
        "Qatar",
        "--on",
        "2025-01-15",
        "--duration-days",
        "42",
    ]);
    let joined = chief.ok(&["team", "join", &url]);
    assert!(joined.contains("as chief (admin)") && joined.contains("The 6 records made here"), "{joined}");
    assert!(
        !chief.export().contains("Chief of desk"),
        "the records made before joining take the member's name"
    );
    assert_eq!(chief.ok(&["config", "get", "name"]).trim(), "chief");
    assert_eq!(chief.sync(), (6, 0));

    // One member is given the password `team add` makes; the others choose theirs.
    let olena = Analyst::new("");
    let added = chief.ok(&["team", "add", &url, "olena", "--role", "editor"]);
    assert!(added.starts_with("Added olena as editor. Their password, shown only this once: "), "{added}");
    let olena = Analyst { password: printed_password(&added), ..olena };
    olena.ok(&["team", "join", &members_url, "--user", "olena"]);
    let karim = member(&chief, &url, &members_url, "karim", "editor");
    let lina = member(&chief, &url, &members_url, "lina", "viewer");
    for analyst in [&olena, &karim, &lina] {
        assert_eq!(analyst.sync(), (0, 6));
    }

    // Olena records that the deal was agreed, and everyone has it.
    let deal = "Gaza ceasefire and hostage release deal";
    olena.ok(&["status", "set", deal, "agreed", "--on", "2025-01-15", "--note", "Announced in Doha"]);
    assert_eq!(olena.sync(), (1, 0));
    assert_eq!(karim.sync(), (0, 1));

    // Then both work offline for days. Karim takes back Olena's entry (the cabinet voted
    // on the 17th) and records it again; both add Egypt, a mediator, each their own.
    let agreed = karim.entry(deal, "agreed");
    karim.ok(&["retract", &agreed, "--reason", "Agreed on 17 January, when the cabinet voted"]);
    karim.ok(&["status", "set", deal, "agreed", "--on", "2025-01-17"]);
    karim.ok(&["party", "add", "Egypt", "--kind", "state"]);
    karim.ok(&["stance", "set", deal, "Egypt", "supports", "--role", "mediator", "--on", "2025-01-15"]);
    karim.ok(&[
        "condition",
        "add",
        deal,
        "--by",
        "Hamas",
        "Israeli withdrawal from the Netzarim corridor",
        "--on",
        "2025-01-16",
    ]);
    olena.ok(&["party", "add", "Egypt", "--kind", "state"]);
    olena.ok(&["stance", "set", deal, "Egypt", "supports", "--role", "mediator", "--on", "2025-01-16"]);
    olena.ok(&["status", "set", deal, "in_effect", "--on", "2025-01-19"]);
    olena.ok(&["stance", "set", deal, "Israel", "supports", "--on", "2025-01-18"]);
    // The viewer may record for themselves; the server will not take it.
    lina.ok(&["party", "add", "United States", "--kind", "state"]);

    // Syncs in an order nobody planned, then once more each so that all have all.
    assert_eq!(olena.sync(), (4, 0));
    assert_eq!(karim.sync(), (6, 4));
    assert_eq!(chief.sync().1, 11);
    let refused = lina.fails(&["sync"]);
    assert!(refused.contains("lina is a viewer on this team and may not send records"), "{refused}");
    for analyst in [&olena, &chief, &karim] {
        analyst.sync();
    }
    lina.run(&["sync"]);

    let exports: Vec<String> = [&chief, &olena, &karim].iter().map(|a| a.export()).collect();
    assert_eq!(exports[0], exports[1], "the admin and Olena differ");
    assert_eq!(exports[0], exports[2], "the admin and Karim differ");
    // The viewer holds the same, and their own party besides.
    let viewer: Value = serde_json::from_str(&lina.export()).unwrap();
    let team: Value = serde_json::from_str(&exports[0]).unwrap();
    assert_eq!(viewer["events"], team["events"]);
    assert_eq!(viewer["parties"].as_array().unwrap().len(), team["parties"].as_array().unwrap().len() + 1);

    // The server holds each record once, and every one of them.
    let (rows, distinct) = server_rows(&cluster, "gaza_story", "chief", "chief-secret");
    assert_eq!((rows, distinct), (records(&exports[0]), records(&exports[0])));

    // What every analyst sees: one Egypt, the retracted entry struck through, in effect.
    let show = karim.json(&["proposal", "show", deal, "--json"]);
    assert_eq!(show["status"], "in_effect", "{show}");
    let parties = karim.json(&["party", "list", "--json"]);
    let egypts = parties.as_array().unwrap().iter().filter(|p| p["name"] == "Egypt").count();
    assert_eq!(egypts, 1, "{parties}");
    let history = olena.json(&["history", deal, "--json"]);
    let retracted: Vec<&Value> =
        history.as_array().unwrap().iter().filter(|e| e["retracted"] == true).collect();
    assert_eq!(retracted.len(), 1);
    assert_eq!(retracted[0]["recorded_by"], "olena");
    assert_eq!(retracted[0]["retracted_by"], "karim");

    let status = karim.json(&["team", "status", "--json"]);
    assert_eq!((status["joined"].as_bool(), status["role"].as_str()), (Some(true), Some("editor")));
    assert_eq!(status["waiting"], 0);
}

#[test]
fn the_server_enforces_the_roles_and_says_plainly_what_went_wrong() {
    let cluster = team_support::shared();
    let (boss, url) = team_of(&cluster, "roles", "boss");
    let members_url = url.replace("boss@", "");
    boss.ok(&["team", "join", &url]);
    boss.ok(&["party", "add", "Ukraine", "--kind", "state"]);
    boss.sync();
    let rami = member(&boss, &url, &members_url, "rami", "editor");
    let vera = member(&boss, &url, &members_url, "vera", "viewer");
    rami.sync();
    vera.sync();
    let before = server_rows(&cluster, "roles", "boss", "boss-secret");

    // A viewer's push is refused in one sentence; the server is unchanged, the entry kept.
    vera.ok(&["party", "add", "Russia", "--kind", "state"]);
    let refused = vera.fails(&["sync"]);
    assert_eq!(
        refused,
        "cftrack: vera is a viewer on this team and may not send records: the 1 made here stay on this machine \
         (ask your admin to make you an editor)"
    );
    assert_eq!(server_rows(&cluster, "roles", "boss", "boss-secret"), before);
    assert_eq!(vera.json(&["team", "status", "--json"])["waiting"], 1);

    // The server itself refuses, whatever program asks: plain SQL as the editor.
    let mut editor = cluster.connect("rami", "rami-secret", "roles").unwrap();
    let forged = editor.execute(
        "INSERT INTO tracker.party (uuid, name, kind, note, recorded_at, recorded_by, device, seq)
         VALUES (gen_random_uuid(), 'Forged', 'state', '', now(), 'boss', gen_random_uuid(), 1)",
        &[],
    );
    let error = message(forged.unwrap_err());
    assert!(error.contains("row-level security"), "{error}");
    let own = editor.execute(
        "INSERT INTO tracker.party (uuid, name, kind, note, recorded_at, recorded_by, device, seq)
         VALUES (gen_random_uuid(), 'Signed', 'state', '', now(), 'rami', gen_random_uuid(), 1)",
        &[],
    );
    assert_eq!(own.unwrap(), 1, "an editor inserts what they sign");
    for statement in
        ["UPDATE tracker.party SET name = 'Renamed'", "DELETE FROM tracker.party", "TRUNCATE tracker.event"]
    {
        let error = message(editor.batch_execute(statement).unwrap_err());
        assert!(error.contains("permission denied"), "{statement}: {error}");
    }
    let mut viewer = cluster.connect("vera", "vera-secret", "roles").unwrap();
    let error = message(
        viewer
            .batch_execute("INSERT INTO tracker.push (device, through) VALUES (gen_random_uuid(), 1)")
            .unwrap_err(),
    );
    assert!(error.contains("permission denied"), "{error}");
    let count: i64 = viewer.query_one("SELECT count(*) FROM tracker.party", &[]).unwrap().get(0);
    assert!(count >= 2, "a viewer reads");

    // A wrong password, and a server that is down: one line each, and work goes on.
    let wrong = Analyst { password: "not-it".into(), ..Analyst::new("") };
    let wrong = Analyst { dir: rami.dir, db: rami.db, password: wrong.password };
    let line = wrong.fails(&["sync"]);
    assert!(
        line.starts_with("cftrack: the team server at 127.0.0.1:")
            && line.contains("refused the password of rami"),
        "{line}"
    );
    let rami = Analyst { password: "rami-secret".into(), ..wrong };
    rami.ok(&["party", "add", "Belarus", "--kind", "state"]);

    let elsewhere = team_support::Cluster::start();
    elsewhere.database_for("down", "lone", "lone-secret");
    let lone = Analyst::new("lone-secret");
    lone.ok(&["team", "setup", &elsewhere.url("lone", "down")]);
    lone.ok(&["team", "join", &elsewhere.url("lone", "down")]);
    elsewhere.stop();
    lone.ok(&["party", "add", "Moldova", "--kind", "state"]);
    let line = lone.fails(&["sync"]);
    assert!(
        line.starts_with("cftrack: the team server at 127.0.0.1:")
            && line.contains("cannot be reached")
            && line.ends_with("your work stays here and is sent at the next sync"),
        "{line}"
    );
    assert_eq!(lone.json(&["team", "status", "--json"])["waiting"], 1);
    assert!(lone.ok(&["party", "list"]).contains("Moldova"));
}

#[test]
fn a_server_that_takes_only_tls_is_reached_with_the_authority_given_at_join() {
    let cluster = Cluster::start_with_tls();
    cluster.database_for("secure", "guard", "guard-secret");
    let guard = Analyst::new("guard-secret");
    let url = cluster.url("guard", "secure");
    let ca = cluster.authority();

    // Without the authority, cftrack talks to a server on this machine in the clear, which
    // this one refuses; with it, over TLS, the certificate and its name checked.
    let line = guard.fails(&["team", "setup", &url]);
    assert!(line.contains("refused guard") && line.contains("no encryption"), "{line}");
    guard.ok(&["team", "setup", &url, "--ca", ca.to_str().unwrap()]);
    let verified = format!("{url}?sslmode=verify-full");
    guard.ok(&["team", "join", &verified, "--ca", ca.to_str().unwrap()]);
    guard.ok(&["party", "add", "Armenia", "--kind", "state"]);
    assert_eq!(guard.sync(), (1, 0));

    // Another authority's certificate is refused, in one line.
    let stranger = tempfile::tempdir().unwrap();
    let output = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"])
        .args(["-keyout", "other.key", "-out", "other.pem", "-days", "2", "-subj", "/CN=Someone else"])
        .current_dir(stranger.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let other = stranger.path().join("other.pem");
    let line = guard.fails(&["team", "setup", &url, "--ca", other.to_str().unwrap()]);
    assert!(line.starts_with("cftrack: the encrypted connection to 127.0.0.1:"), "{line}");

    // A server elsewhere is never reached in the clear: refused before any connection.
    let line =
        guard.fails(&["team", "join", "postgres://db.example.org/gaza?sslmode=disable", "--user", "guard"]);
    assert_eq!(
        line,
        "cftrack: db.example.org:5432/gaza is not this machine, so the connection must be encrypted: leave out \
         sslmode=disable, and give the server's certificate authority with --ca FILE"
    );
}
