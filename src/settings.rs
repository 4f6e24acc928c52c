//! The analyst's own settings, kept in a small JSON file in the OS configuration folder
//! (`settings.json` in `~/.config/ceasefire-tracker/` on Linux; `CFTRACK_SETTINGS` names
//! another file). They hold the name every record is signed with, set once with
//! `cftrack config set name` or in the window (until then the OS user name signs), the
//! folder the window last saved a PDF in, and the day its notice of deadlines was dismissed.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::{Error, InField, Result};
use crate::model::{rules, text};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The analyst's name, as their colleagues know them.
    pub name: Option<String>,
    /// The folder the window last saved a PDF report in; its save dialog opens there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_folder: Option<PathBuf>,
    /// The day the window's notice of deadlines was last dismissed (`YYYY-MM-DD`): it is
    /// not shown again that day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadlines_notice_dismissed_on: Option<String>,
}

/// The settings file: `CFTRACK_SETTINGS` if set, else `settings.json` in the OS
/// configuration folder.
pub fn path() -> PathBuf {
    match std::env::var_os("CFTRACK_SETTINGS") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => dirs::config_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("ceasefire-tracker")
            .join("settings.json"),
    }
}

impl Settings {
    /// The settings as saved; none saved yet reads as the defaults. A file that cannot be
    /// read as settings is an error, never silently replaced.
    pub fn load() -> Result<Self> {
        let path = path();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                serde_json::from_str(&text).map_err(|e| Error::Settings { path, problem: e.to_string() })
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(Error::File { path, source }),
        }
    }

    /// Writes the settings whole, through a temporary file renamed over the old one.
    pub fn save(&self) -> Result<()> {
        let path = path();
        if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| Error::File { path: folder.into(), source })?;
        }
        let partial = path.with_extension("json.partial");
        let text = serde_json::to_string_pretty(self).expect("settings serialize");
        std::fs::write(&partial, text + "\n")
            .map_err(|source| Error::File { path: partial.clone(), source })?;
        std::fs::rename(&partial, &path).map_err(|source| Error::File { path, source })
    }

    /// Sets the analyst's name, refused when empty or holding what a field cannot.
    pub fn set_name(&mut self, name: &str) -> Result<()> {
        let name = rules::required(name).in_field("name")?;
        text::storable("name", name)?;
        self.name = Some(name.to_string());
        Ok(())
    }

    /// The name records are signed with: the one set, else the OS user name.
    pub fn analyst(&self) -> String {
        self.name.clone().unwrap_or_else(os_user)
    }
}

/// The name of the OS user running the program, or "unknown" where none is known.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|name| !name.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The account's name from the system's user database, where the environment does not say
/// it (a service, a container).
#[cfg(unix)]
fn account_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; it is read at once,
    // before any other call could overwrite it, and only while it is not null.
    unsafe {
        let entry = libc::getpwuid(libc::geteuid());
        if entry.is_null() || (*entry).pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr((*entry).pw_name).to_str().ok().map(str::to_string)
    }
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// The name records made now are signed with. Settings that cannot be read sign with the
/// OS user name rather than stop the work; `cftrack config` reports the problem.
pub fn analyst() -> String {
    Settings::load().map(|settings| settings.analyst()).unwrap_or_else(|_| os_user())
}
