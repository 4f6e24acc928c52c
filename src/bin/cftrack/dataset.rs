//! `cftrack dataset`: the public research datasets (PA-X, UCDP, ETH/PRIO) imported.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Output;
use ceasefire_tracker::dataset::{self, Aliases, DatasetKind, DatasetSummary};
use ceasefire_tracker::error::{Error, InputError, Result};
use ceasefire_tracker::store::Store;

#[derive(Debug, Subcommand)]
pub enum DatasetCommand {
    /// Import a dataset file you downloaded from its publisher, in one transaction; again
    /// later (or a newer release) adds only what is new. Prints what it added.
    Import(ImportDataset),
}

#[derive(Debug, Args)]
pub struct ImportDataset {
    /// pax (PA-X peace agreements), ucdp (UCDP Peace Agreements) or ethprio (ETH/PRIO Civil
    /// Conflict Ceasefires).
    #[arg(value_name = "pax|ucdp|ethprio")]
    kind: String,
    /// The dataset's CSV file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Say what it would add, update and skip, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print JSON: {added, updated, unchanged, skipped: [{row, reason}]}, counts per kind of
    /// record.
    #[arg(long)]
    json: bool,
}

impl DatasetCommand {
    pub fn only_reads(&self) -> bool {
        matches!(self, Self::Import(args) if args.dry_run)
    }
}

/// The shipped aliases, and the other names the user's parties answer to.
pub fn aliases(store: &Store) -> Result<Aliases> {
    let mut aliases = Aliases::shipped();
    for party in store.parties()? {
        for alias in &party.aliases {
            // A user's merge wins over nothing; a contradiction with the shipped list keeps the list.
            let _ = aliases.add(alias, &party.name, Some(party.kind));
        }
    }
    Ok(aliases)
}

pub fn run(store: &mut Store, command: DatasetCommand) -> Result<Output> {
    let DatasetCommand::Import(args) = command;
    let kind = DatasetKind::from_code(&args.kind).ok_or_else(|| {
        Error::invalid(
            "kind",
            InputError::UnknownWord {
                vocabulary: "dataset",
                word: args.kind.clone(),
                known: "pax, ucdp, ethprio".into(),
            },
        )
    })?;
    let read = dataset::read(kind, &args.file, &aliases(store)?)
        .map_err(|problem| Error::Dataset { problem: problem.to_string() })?;
    let summary =
        if args.dry_run { dataset::plan(store, &read)?.summary } else { dataset::record(store, &read)?.0 };
    if args.json {
        return Ok(Output::json(&summary));
    }
    Ok(Output::text(words(kind, &args.file, &summary, args.dry_run)))
}

fn words(kind: DatasetKind, file: &std::path::Path, summary: &DatasetSummary, dry_run: bool) -> String {
    let verb = if dry_run { "would add" } else { "added" };
    let a = &summary.added;
    let mut text = format!(
        "{} {}: {verb} {} proposals, {} parties, {} conditions and {} events; {} updated, {} unchanged.\n",
        kind.name(),
        file.display(),
        a.proposals,
        a.parties,
        a.conditions,
        a.events,
        summary.updated.proposals,
        summary.unchanged.proposals
    );
    if !summary.skipped.is_empty() {
        text.push_str(&format!("{} rows skipped:\n", summary.skipped.len()));
        for skipped in &summary.skipped {
            text.push_str(&format!("  row {}: {}\n", skipped.row, skipped.reason));
        }
    }
    text
}
