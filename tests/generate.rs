//! `cftrack generate`, which packages run for their manual pages and completions: a page
//! for cftrack and one for each of its commands, completions for bash, zsh and fish, all
//! made from cftrack's own definitions; and the packaging command itself in none of them,
//! nor in `cftrack --help`.

use std::path::Path;
use std::process::Command;

fn cftrack(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .env_remove("CFTRACK_DB")
        .args(args)
        .output()
        .expect("cftrack runs");
    assert!(output.status.success(), "cftrack {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_manual_page_for_cftrack_and_each_of_its_commands() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let written = cftrack(&["generate", "man", pages.to_str().unwrap()]);

    let names = names_in(&pages);
    assert_eq!(written.lines().count(), names.len(), "each page written is named once: {written}");
    for page in [
        "cftrack.1",
        "cftrack-demo.1",
        "cftrack-backup.1",
        "cftrack-restore.1",
        "cftrack-proposal.1",
        "cftrack-proposal-list.1",
        "cftrack-status-set.1",
        "cftrack-report.1",
    ] {
        assert!(names.iter().any(|name| name == page), "{page} is missing from {names:?}");
    }
    assert!(!names.iter().any(|name| name.contains("generate") || name.contains("help")), "{names:?}");

    let top = std::fs::read_to_string(pages.join("cftrack.1")).unwrap();
    // Every field of the title line is there: an empty one would shift the others.
    let title = top.lines().find(|line| line.starts_with(".TH cftrack 1 ")).expect("a title line");
    assert!(
        title.ends_with(&format!("\"cftrack {}\" \"Ceasefire Tracker\"", env!("CARGO_PKG_VERSION"))),
        "{title}"
    );
    assert!(top.contains("cftrack\\-proposal(1)") && top.contains("\\-\\-db"), "{top}");
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, file) in [("bash", "cftrack.bash"), ("zsh", "_cftrack"), ("fish", "cftrack.fish")] {
        let written = cftrack(&["generate", "completions", shell, dir.path().to_str().unwrap()]);
        assert_eq!(written.trim_end(), dir.path().join(file).display().to_string());
        let script = std::fs::read_to_string(dir.path().join(file)).unwrap();
        for word in ["proposal", "retract", "as-of"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
        assert!(!script.contains("generate"), "{shell} completions offer the packaging command");
    }
}

#[test]
fn the_packaging_command_is_not_among_the_users_commands() {
    assert!(!cftrack(&["--help"]).contains("generate"));
    let run = Command::new(env!("CARGO_BIN_EXE_cftrack"))
        .args(["--db", "x.db", "generate", "man", "."])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "only as the first argument is it the packaging command");
}
