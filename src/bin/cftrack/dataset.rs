//! `cftrack dataset`: the public research datasets (PA-X, UCDP, ETH/PRIO) imported.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Output;
use ceasefire_tracker::dataset::{self, DatasetKind, DatasetSummary};
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
    let summary = if args.dry_run {
        dataset::preview(store, kind, &args.file)?
    } else {
        dataset::import(store, kind, &args.file, &mut |_| {})?
    };
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
