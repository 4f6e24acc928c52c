//! The TypeScript bindings of the shell's own IPC types are checked in beside the core's,
//! in `ui/src/bindings/shell/`. This test fails when they are stale, as the core's
//! `tests/bindings.rs` does for its types: compared with what git has staged in a checkout
//! (the `#[ts(export)]` tests rewrite the files on disk), else with the files on disk.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use ts_rs::{Config, TS};

use crate::commands::AnalystSettings;
use crate::menu::MenuAction;
use crate::printing::Printed;
use crate::team::JoinedTeam;

/// Relative to the workspace root, and to the export directory's parent.
const BINDINGS: &str = "ui/src/bindings/shell";

/// Every type of the shell's own that the window receives.
fn export_all(config: &Config) {
    fn export<T: TS + 'static>(config: &Config) {
        T::export(config).unwrap_or_else(|error| panic!("{}: {error}", T::name(config)));
    }
    export::<Printed>(config);
    export::<MenuAction>(config);
    export::<AnalystSettings>(config);
    export::<JoinedTeam>(config);
}

fn files_in(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (name, text)
        })
        .collect()
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8(output.stdout).expect("git prints UTF-8 here"))
}

fn checked_in(root: &Path) -> BTreeMap<String, String> {
    let Some(listing) = git(root, &["ls-files", "--", BINDINGS]) else {
        return files_in(&root.join(BINDINGS));
    };
    listing
        .lines()
        .map(|path| {
            let name = path.rsplit('/').next().expect("a path").to_string();
            let text =
                git(root, &["show", &format!(":{path}")]).unwrap_or_else(|| panic!("git show :{path}"));
            (name, text)
        })
        .collect()
}

#[test]
fn the_checked_in_bindings_of_the_shell_are_what_ts_rs_writes_now() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
    let fresh_dir = tempfile::tempdir().expect("a temporary directory");
    export_all(&Config::from_env().with_out_dir(fresh_dir.path()));
    let fresh = files_in(&fresh_dir.path().join("shell"));
    assert!(!fresh.is_empty(), "ts-rs wrote nothing");
    let checked_in = checked_in(root);
    assert_eq!(
        checked_in, fresh,
        "{BINDINGS} is out of date. Run `cargo test -p ceasefire-tracker-desktop` to regenerate it, \
         delete the files no longer written, and stage the result."
    );
}
