//! Running the built `cftrack` on a database file of its own, and telling whether a
//! command changed that file.

#![allow(dead_code)] // each test file uses its own part of this

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use tempfile::TempDir;

/// A database file in a directory of its own, removed after the test.
pub struct Tracker {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// What a run of `cftrack` did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Everything a database holds, as `cftrack export` writes it and row by row, and the
/// bytes of its file, to compare before and after.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    export: String,
    rows: Vec<String>,
    bytes: Vec<u8>,
}

impl Tracker {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("tracker.db");
        Self { dir, db }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cftrack"));
        command.env_remove("CFTRACK_DB").arg("--db").arg(&self.db).args(args);
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        finish(self.command(args))
    }

    /// Runs without `--db`, with `CFTRACK_DB` naming `db`.
    pub fn run_with_env(&self, args: &[&str], db: &Path) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cftrack"));
        command.env("CFTRACK_DB", db).args(args);
        finish(command)
    }

    /// Runs a command that must succeed without warnings; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "cftrack {args:?} failed: {}", run.stderr);
        assert_eq!(run.stderr, "", "cftrack {args:?} warned");
        run.stdout
    }

    /// Runs a command that creates something; the id it prints alone on its line.
    pub fn id(&self, args: &[&str]) -> i64 {
        let stdout = self.ok(args);
        assert!(stdout.ends_with('\n') && stdout.lines().count() == 1, "not an id alone: {stdout:?}");
        stdout.trim().parse().unwrap_or_else(|_| panic!("cftrack {args:?} printed {stdout:?}, not an id"))
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("cftrack {args:?} printed no JSON ({e}): {stdout}"))
    }

    /// Runs a command that must be refused: exit code 1, exactly `cftrack: <message>` on
    /// standard error, nothing on standard output, and the database as it was.
    pub fn refuses(&self, args: &[&str], message: &str) {
        let before = self.snapshot();
        let run = self.run(args);
        assert_eq!(run.code, Some(1), "cftrack {args:?} was not refused: {run:?}");
        assert_eq!(run.stderr, format!("cftrack: {message}\n"), "cftrack {args:?}");
        assert_eq!(run.stdout, "", "cftrack {args:?}");
        assert!(self.snapshot() == before, "cftrack {args:?} changed the database");
    }

    /// The export, every row of every table, and the file's bytes.
    pub fn snapshot(&self) -> Snapshot {
        let export = self.ok(&["export"]);
        // Read before opening: a closed database has its write-ahead log folded in.
        let mut bytes = std::fs::read(&self.db).unwrap_or_default();
        bytes.extend(std::fs::read(self.db.with_extension("db-wal")).unwrap_or_default());
        // Not read-only: a read-only reader could not remove the log it leaves on closing.
        let conn =
            Connection::open_with_flags(&self.db, OpenFlags::SQLITE_OPEN_READ_WRITE).expect("the database");
        let tables: Vec<String> = {
            let mut statement =
                conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
            statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
        };
        let mut rows = Vec::new();
        for table in tables {
            let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = statement.column_count();
            let mut found = statement.query([]).unwrap();
            while let Some(row) = found.next().unwrap() {
                let values: Vec<String> =
                    (0..columns).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
                rows.push(format!("{table}: {}", values.join(" | ")));
            }
        }
        rows.sort();
        Snapshot { export, rows, bytes }
    }
}

fn finish(mut command: Command) -> Run {
    let output = command.output().expect("cftrack runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 on stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 on stderr"),
    }
}
