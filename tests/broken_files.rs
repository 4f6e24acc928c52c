//! Broken and foreign files: `cftrack` says in one sentence what is wrong and what to do,
//! and leaves the file exactly as it found it, never repairing or overwriting it.

mod cli_support;

use std::path::Path;

use cli_support::Tracker;
use rusqlite::Connection;

/// A tracker holding the demo data set, its file fully written back (no log beside it).
fn demo() -> Tracker {
    let tracker = Tracker::new();
    tracker.ok(&["demo"]);
    tracker
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Runs `args` on the file, which must be refused with a message containing `says`, and
/// left byte for byte as it was.
fn refused_untouched(tracker: &Tracker, args: &[&str], says: &str) {
    let before = bytes(&tracker.db);
    let run = tracker.run(args);
    assert_eq!(run.code, Some(1), "cftrack {args:?} was not refused: {run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("cftrack: ") && run.stderr.lines().count() == 1, "{}", run.stderr);
    assert!(run.stderr.contains(says), "cftrack {args:?} said {:?}, not {says:?}", run.stderr);
    assert!(bytes(&tracker.db) == before, "cftrack {args:?} changed the file");
}

const WRITE: &[&str] = &["party", "add", "Qatar"];
const READ: &[&str] = &["proposal", "list"];

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    for content in [&b"Minutes of the Doha talks, 12 January 2025\n"[..], &[0xA5; 8192][..]] {
        let tracker = Tracker::new();
        std::fs::write(&tracker.db, content).unwrap();
        for args in [WRITE, READ, &["check"], &["backup", "-o", "copy.db"]] {
            refused_untouched(
                &tracker,
                args,
                "is not a Ceasefire Tracker database (it is not a SQLite file)",
            );
        }
    }
}

#[test]
fn a_truncated_file_is_refused_as_damaged() {
    let tracker = demo();
    let whole = bytes(&tracker.db);
    for length in [100, 4096 + 10, whole.len() / 2] {
        std::fs::write(&tracker.db, &whole[..length]).unwrap();
        for args in [WRITE, READ] {
            refused_untouched(&tracker, args, "is damaged and was left as it is; restore the latest backup");
        }
    }
}

#[test]
fn a_corrupt_file_is_refused_and_check_names_the_damage() {
    let tracker = demo();
    let mut damaged = bytes(&tracker.db);
    let page = 4096;
    // Scribble over every page after the schema's first one.
    for (offset, byte) in damaged.iter_mut().enumerate().skip(2 * page) {
        if offset % page < 200 {
            *byte = 0xFF;
        }
    }
    std::fs::write(&tracker.db, &damaged).unwrap();
    refused_untouched(&tracker, WRITE, "is damaged and was left as it is");
    refused_untouched(&tracker, &["check"], "is damaged");
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let tracker = demo();
    Connection::open(&tracker.db).unwrap().pragma_update(None, "user_version", 99).unwrap();
    refused_untouched(&tracker, WRITE, "was written by a newer version of Ceasefire Tracker (schema 99");
    refused_untouched(&tracker, READ, "open it with a newer version");
}

/// The permission bits, as someone they bind sees them (Unix only).
#[cfg(unix)]
mod permission_bits {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::{bytes, cli_support, demo, Tracker, READ, WRITE};

    /// Runs `cftrack` as someone the permission bits apply to. Root passes over them, and the
    /// tests run as root in CI: there `cftrack` runs as the unprivileged user 65534 through
    /// `setpriv`, from a copy of the binary in a folder anyone may enter.
    struct Unprivileged {
        program: PathBuf,
        setpriv: bool,
        _copy: Option<tempfile::TempDir>,
    }

    impl Unprivileged {
        fn new() -> Self {
            let built = PathBuf::from(env!("CARGO_BIN_EXE_cftrack"));
            // SAFETY: geteuid has no preconditions and cannot fail.
            if unsafe { libc::geteuid() } != 0 {
                return Self { program: built, setpriv: false, _copy: None };
            }
            let copy = tempfile::tempdir().unwrap();
            set_mode(copy.path(), 0o755);
            let program = copy.path().join("cftrack");
            std::fs::copy(&built, &program).unwrap();
            set_mode(&program, 0o755);
            Self { program, setpriv: true, _copy: Some(copy) }
        }

        fn run(&self, tracker: &Tracker, args: &[&str]) -> cli_support::Run {
            let mut command = if self.setpriv {
                let mut command = Command::new("setpriv");
                command.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(&self.program);
                command
            } else {
                Command::new(&self.program)
            };
            command.env_remove("CFTRACK_DB").arg("--db").arg(&tracker.db).args(args);
            let output = command.output().expect("cftrack runs");
            cli_support::Run {
                code: output.status.code(),
                stdout: String::from_utf8(output.stdout).unwrap(),
                stderr: String::from_utf8(output.stderr).unwrap(),
            }
        }
    }

    fn set_mode(path: &Path, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    /// Like [`refused_untouched`], with `cftrack` run by someone the permission bits bind.
    fn refused_untouched_unprivileged(tracker: &Tracker, args: &[&str], says: &str) {
        let before = bytes(&tracker.db);
        let run = Unprivileged::new().run(tracker, args);
        assert_eq!(run.code, Some(1), "cftrack {args:?} was not refused: {run:?}");
        assert_eq!(run.stdout, "");
        assert!(run.stderr.starts_with("cftrack: ") && run.stderr.lines().count() == 1, "{}", run.stderr);
        assert!(run.stderr.contains(says), "cftrack {args:?} said {:?}, not {says:?}", run.stderr);
        assert!(bytes(&tracker.db) == before, "cftrack {args:?} changed the file");
    }

    #[test]
    fn a_read_only_file_is_read_but_not_written() {
        let tracker = demo();
        // Anyone may write in the folder (the log files beside the database), nobody in the file.
        set_mode(tracker.dir.path(), 0o777);
        set_mode(&tracker.db, 0o444);
        let read = Unprivileged::new().run(&tracker, READ);
        assert_eq!(read.code, Some(0), "a read-only file could not be read: {read:?}");
        assert!(read.stdout.contains("30-day"), "{}", read.stdout);
        refused_untouched_unprivileged(
            &tracker,
            WRITE,
            "is read-only, so nothing was saved: make the file writable",
        );
    }

    #[test]
    fn a_folder_without_write_permission_is_explained() {
        let tracker = demo();
        // Anyone may write in the file, nobody in its folder, where the log files go.
        set_mode(&tracker.db, 0o666);
        set_mode(tracker.dir.path(), 0o555);
        refused_untouched_unprivileged(
            &tracker,
            WRITE,
            "cannot be opened: check that its folder exists and that you may write in it",
        );
        set_mode(tracker.dir.path(), 0o755);
    }
}

#[test]
fn a_file_locked_by_another_program_is_explained_then_usable() {
    let tracker = demo();
    let mut other = Connection::open(&tracker.db).unwrap();
    let (locked, said_locked) = std::sync::mpsc::channel();
    let (done, until_done) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let tx = other.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive).unwrap();
        locked.send(()).unwrap();
        // Held until cftrack has given up, after the five seconds a write waits for.
        until_done.recv().unwrap();
        tx.rollback().unwrap();
    });
    said_locked.recv().unwrap();
    let run = tracker.run(WRITE);
    done.send(()).unwrap();
    holder.join().unwrap();
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("is kept locked by another program; nothing was saved"), "{}", run.stderr);
    tracker.id(WRITE);
}

#[test]
fn a_damaged_file_is_restored_from_the_daily_backup_and_kept_as_it_was() {
    let tracker = demo();
    let backup =
        ceasefire_tracker::Store::open(&tracker.db).unwrap().daily_backup().unwrap().expect("today's backup");
    assert!(backup.starts_with(tracker.dir.path().join("backups")));
    let before = tracker.ok(&["export"]);

    let mut damaged = bytes(&tracker.db);
    let length = damaged.len();
    damaged[length / 2..].fill(0x5A);
    std::fs::write(&tracker.db, &damaged).unwrap();
    refused_untouched(&tracker, READ, "is damaged");

    let said = tracker.ok(&["restore", backup.to_str().unwrap()]);
    assert!(
        said.starts_with(&format!("Restored {} from {}", tracker.db.display(), backup.display())),
        "{said}"
    );
    assert_eq!(tracker.ok(&["export"]), before);
    assert_eq!(tracker.ok(&["check"]), format!("{}: no problems found\n", tracker.db.display()));
    // The damaged file is kept beside it, byte for byte, for whoever wants to recover more.
    let kept: Vec<_> = std::fs::read_dir(tracker.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.to_string_lossy().contains(".before-restore-") && path.extension() == Some("db".as_ref())
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(bytes(&kept[0]) == damaged, "the file as it was before the restore is not kept whole");
}
