//! `cftrack`: parse the command line, run it on the database, print what it says.

use std::process::ExitCode;

use ceasefire_tracker::cli::{self, Cli};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(output) => {
            print!("{}", output.stdout);
            for warning in output.warnings {
                eprintln!("cftrack: warning: {warning}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            // One line, whatever the message, so that scripts can show it as it is.
            let message = error.to_string().replace('\n', " ");
            eprintln!("cftrack: {message}");
            ExitCode::FAILURE
        }
    }
}
