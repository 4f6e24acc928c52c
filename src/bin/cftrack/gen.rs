//! `cftrack gen`: fill a new database with a synthetic archive, for benchmarks and tests.

use std::path::Path;
use std::time::Instant;

use clap::Args;

use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::store::Store;

#[derive(Debug, Args)]
pub struct GenArgs {
    /// How many proposals.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub proposals: u32,
    /// How many parties (at least 2).
    #[arg(long, value_name = "M", default_value_t = 200, value_parser = clap::value_parser!(u32).range(2..))]
    pub parties: u32,
    /// Events per proposal on average; one proposal in fifty has five times as many.
    #[arg(long, value_name = "K", default_value_t = 100, value_parser = clap::value_parser!(u32).range(2..))]
    pub events_per_proposal: u32,
    /// The same seed gives the same archive.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

pub fn run(path: &Path, args: GenArgs) -> Result<Output> {
    let started = Instant::now();
    let shape = Shape {
        proposals: args.proposals as usize,
        parties: args.parties as usize,
        events_per_proposal: args.events_per_proposal as usize,
        seed: args.seed,
    };
    let made = gen::fill(&mut Store::open(path)?, shape)?;
    Ok(Output::text(format!(
        "Generated {} proposals, {} parties, {} conditions, {} sources and {} events ({} retracted) in {:.1} s\n",
        made.proposals,
        made.parties,
        made.conditions,
        made.sources,
        made.events,
        made.retracted,
        started.elapsed().as_secs_f64()
    )))
}
