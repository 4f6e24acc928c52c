//! The TypeScript bindings in `ui/src/bindings/` are checked in, so that the window builds
//! without Rust. This test fails when they are stale: when ts-rs would now write something
//! else, or a file that no type writes any more is still there.
//!
//! `cargo test` itself rewrites the bindings on disk (the `#[ts(export)]` tests), so the
//! comparison is with what git has staged when this is a git checkout: a type change must
//! come with its regenerated bindings. Outside a checkout, the files on disk are compared.
//!
//! The desktop shell's own types are in `ui/src/bindings/shell/`, which the shell's crate
//! checks the same way; this test looks at the files directly in `ui/src/bindings/`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use ceasefire_tracker::model::*;
use ceasefire_tracker::report::{Format, ReportRequest};
use ceasefire_tracker::{ErrorCode, ErrorReply};
use ts_rs::{Config, TS};

const BINDINGS: &str = "ui/src/bindings";

/// Every type the window receives or sends; their dependencies come along.
fn export_all(config: &Config) {
    fn export<T: TS + 'static>(config: &Config) {
        T::export_all(config).unwrap_or_else(|error| panic!("{}: {error}", T::name(config)));
    }
    export::<Vocabularies>(config);
    export::<DatabaseInfo>(config);
    export::<Backups>(config);
    export::<Restored>(config);
    export::<ErrorReply>(config);
    export::<ErrorCode>(config);
    export::<Viewpoint>(config);
    export::<ProposalSummary>(config);
    export::<SummaryRow>(config);
    export::<ProposalState>(config);
    export::<Deadline>(config);
    export::<ListRequest>(config);
    export::<ListPage>(config);
    export::<ListOrder>(config);
    export::<NameRequest>(config);
    export::<PartyPage>(config);
    export::<SourcePage>(config);
    export::<HistoryEntry>(config);
    export::<Party>(config);
    export::<NewParty>(config);
    export::<Source>(config);
    export::<NewSource>(config);
    export::<Proposal>(config);
    export::<NewProposal>(config);
    export::<Condition>(config);
    export::<NewCondition>(config);
    export::<NewEvent>(config);
    export::<Recorded>(config);
    export::<Revision>(config);
    export::<Precision>(config);
    export::<PartyKind>(config);
    export::<ProposalKind>(config);
    export::<ProposalStatus>(config);
    export::<Stance>(config);
    export::<Role>(config);
    export::<ConditionKind>(config);
    export::<ConditionStatus>(config);
    export::<ConditionCategory>(config);
    export::<ReportRequest>(config);
    export::<Format>(config);
    export::<ceasefire_tracker::team::TeamStatus>(config);
    export::<ceasefire_tracker::team::Synced>(config);
    export::<ceasefire_tracker::dataset::DatasetInfo>(config);
    export::<ceasefire_tracker::dataset::DatasetSummary>(config);
    export::<ceasefire_tracker::dataset::ImportProgress>(config);
}

/// File name -> contents of every file in `dir`.
fn files_in(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            (
                name,
                std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display())),
            )
        })
        .collect()
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8(output.stdout).expect("git prints UTF-8 here"))
}

/// The bindings as staged in git, or as on disk outside a git checkout.
fn checked_in(root: &Path) -> BTreeMap<String, String> {
    let Some(listing) = git(root, &["ls-files", "--", BINDINGS]) else {
        return files_in(&root.join(BINDINGS));
    };
    listing
        .lines()
        .filter(|path| !path[BINDINGS.len() + 1..].contains('/'))
        .map(|path| {
            let name = path.rsplit('/').next().expect("a path").to_string();
            let text =
                git(root, &["show", &format!(":{path}")]).unwrap_or_else(|| panic!("git show :{path}"));
            (name, text)
        })
        .collect()
}

#[test]
fn the_checked_in_bindings_are_what_ts_rs_writes_now() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh_dir = tempfile::tempdir().expect("a temporary directory");
    export_all(&Config::from_env().with_out_dir(fresh_dir.path()));
    let fresh = files_in(fresh_dir.path());
    let checked_in = checked_in(root);

    let missing: Vec<_> = fresh.keys().filter(|name| !checked_in.contains_key(*name)).collect();
    let stale: Vec<_> = checked_in.keys().filter(|name| !fresh.contains_key(*name)).collect();
    let changed: Vec<_> = fresh
        .iter()
        .filter(|(name, text)| checked_in.get(*name).is_some_and(|old| old != *text))
        .map(|(name, _)| name)
        .collect();
    assert!(
        missing.is_empty() && stale.is_empty() && changed.is_empty(),
        "{BINDINGS} is out of date: missing {missing:?}, no longer written {stale:?}, changed {changed:?}. \
         Run `cargo test` to regenerate them, delete the files no longer written, and stage the result."
    );
}

/// The window's tests stand in for the shell with the vocabularies the core sends, read from
/// `ui/tests/vocabularies.json`: labels and colours come from the core there too, not from a
/// copy typed by hand. This fails, and writes the file anew, when it is stale.
#[test]
fn the_window_tests_have_the_vocabularies_the_core_sends() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/tests/vocabularies.json");
    let now = serde_json::to_string_pretty(&Vocabularies::all()).expect("vocabularies in JSON") + "\n";
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    if before != now {
        std::fs::write(&path, &now).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    }
    assert!(before == now, "{} was out of date and has been written anew: commit it", path.display());
}
