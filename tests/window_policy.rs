//! What the window's configuration lets a page do: scripts only from the app itself,
//! nothing from the network, and each command callable only when granted by name.
//! Read from the shell's files, so that a loosened policy fails `cargo test`.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn shell_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&shell_file(name)).unwrap()
}

#[test]
fn the_content_security_policy_runs_only_the_apps_own_code_and_loads_nothing_from_the_network() {
    let config = json("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_object().expect("a CSP, as directives");
    let directive = |name: &str| csp.get(name).and_then(Value::as_str).unwrap_or_else(|| panic!("no {name}"));
    assert_eq!(directive("default-src"), "'self'");
    assert_eq!(directive("script-src"), "'self'");
    assert_eq!(directive("object-src"), "'none'");
    assert_eq!(directive("base-uri"), "'none'");
    assert_eq!(directive("frame-ancestors"), "'none'");
    assert_eq!(directive("form-action"), "'none'");
    for (name, value) in csp {
        let value = value.as_str().unwrap();
        for loose in ["'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:", "blob:"] {
            assert!(!value.split_whitespace().any(|source| source == loose), "{name} allows {loose}");
        }
        // The only addresses outside the page are the app's own: the IPC bridge to the core,
        // and the report previews the shell renders from the core.
        for source in value.split_whitespace().filter(|source| source.contains("://")) {
            let own = [("connect-src", "http://ipc.localhost"), ("frame-src", "http://report.localhost")];
            assert!(own.contains(&(name.as_str(), source)), "{name} allows {source}");
        }
    }
    // Tauri adds its own hashes and nonces to a CSP it is allowed to change; it must be.
    assert_ne!(config["app"]["security"]["dangerousDisableAssetCspModification"], Value::Bool(true));
    assert_eq!(config["app"]["withGlobalTauri"], Value::Null, "the API is imported, not global");
}

/// The names between the brackets after `marker` in a Rust source, each trimmed of a
/// `prefix::` and of quotes.
fn names_after(source: &str, marker: &str) -> BTreeSet<String> {
    let start = source.find(marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len();
    let end = start + source[start..].find(']').unwrap();
    source[start..end]
        .split(',')
        .map(|name| name.trim().trim_matches('"').rsplit("::").next().unwrap().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn every_command_is_granted_by_name_and_nothing_else_is() {
    let handled = names_after(&shell_file("src/main.rs"), "generate_handler![");
    let manifest = names_after(&shell_file("build.rs"), "COMMANDS: &[&str] = &[");
    // A command the manifest does not list would be callable without any permission.
    assert_eq!(handled, manifest, "the commands the window handles and those that need a grant");

    let capability = json("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]), "granted to the main window alone");
    assert_eq!(capability.get("remote"), None, "no remote page may call the commands");
    let permissions: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|permission| permission.as_str().expect("permissions by name, without scopes").to_string())
        .collect();
    let granted: BTreeSet<String> = permissions
        .iter()
        .filter_map(|permission| permission.strip_prefix("allow-"))
        .map(|command| command.replace('-', "_"))
        .collect();
    assert_eq!(granted, manifest, "each command granted, by name");
    for permission in &permissions {
        assert!(
            !permission.ends_with(":default") && !permission.contains('*'),
            "{permission} grants a whole set"
        );
        assert!(
            !["fs:", "shell:", "http:", "opener:", "process:"]
                .iter()
                .any(|plugin| permission.starts_with(plugin)),
            "the page may not reach files, programs or the network itself: {permission}"
        );
    }
}

#[test]
fn the_page_loads_no_script_or_style_from_elsewhere() {
    let index = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/index.html")).unwrap();
    for attribute in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
        assert!(!index.contains(attribute), "ui/index.html loads {attribute}…");
    }
}
