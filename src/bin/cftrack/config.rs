//! `cftrack config`: the analyst's own settings, kept outside the database (the name every
//! record is signed with).

use clap::Subcommand;

use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::settings::{self, Settings};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set a setting: `name`, the name your records are signed with.
    Set {
        /// The setting: name.
        #[arg(value_parser = ["name"])]
        key: String,
        /// Its value.
        value: String,
    },
    /// Print a setting.
    Get {
        /// The setting: name.
        #[arg(value_parser = ["name"])]
        key: String,
    },
    /// Print every setting and the file they are kept in.
    Show,
}

pub fn run(command: ConfigCommand) -> Result<Output> {
    match command {
        ConfigCommand::Set { value, .. } => {
            let mut saved = Settings::load()?;
            saved.set_name(&value)?;
            saved.save()?;
            Ok(Output::text(format!("Your records are signed \"{}\" from now on.\n", saved.analyst())))
        }
        ConfigCommand::Get { .. } => Ok(Output::text(format!("{}\n", Settings::load()?.analyst()))),
        ConfigCommand::Show => {
            let saved = Settings::load()?;
            let name = match &saved.name {
                Some(name) => name.clone(),
                None => format!(
                    "{} (the user name; set yours with: cftrack config set name \"…\")",
                    saved.analyst()
                ),
            };
            Ok(Output::text(format!("name: {name}\nfile: {}\n", settings::path().display())))
        }
    }
}
