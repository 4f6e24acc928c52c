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
            eprintln!("cftrack: {}", one_line(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// The message on one line, whatever it quotes, so that scripts can show it as it is; a
/// control character quoted from a file is written out as `\u{1b}`, never sent to the
/// terminal, where it could clear the screen or retitle the window.
fn one_line(message: &str) -> String {
    message
        .chars()
        .map(|c| match c {
            '\n' => " ".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}
