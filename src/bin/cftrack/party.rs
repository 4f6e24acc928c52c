//! `cftrack party`: who takes positions.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::input::word;
use super::table::Table;
use super::Output;
use ceasefire_tracker::error::Result;
use ceasefire_tracker::model::{NewParty, Party, PartyKind, Vocabulary};
use ceasefire_tracker::store::Store;

#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    /// Record a party; prints its id.
    Add(AddParty),
    /// Change a party's name, kind, membership or note; earlier values are kept.
    Edit(EditParty),
    /// Say that two parties are one (the same party entered under two names): every
    /// stance and condition of either becomes the second's, and the first name is kept as
    /// another name of it.
    Merge(MergeParty),
    /// Another name a party goes by ("Government of Ukraine" for Ukraine): found by it, and
    /// used when datasets are imported.
    Alias {
        /// The other name.
        name: String,
        /// The party, by id or name.
        #[arg(long, value_name = "PARTY")]
        of: String,
    },
    /// Every party.
    List {
        /// Print JSON (vocabulary codes, ISO dates) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddParty {
    /// Its name, unique among parties.
    name: String,
    /// state, person, organization, armed_group, coalition or other (default: state, or
    /// person with --member-of).
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// The party it belongs to or speaks for, by id or name.
    #[arg(long, value_name = "PARTY")]
    member_of: Option<String>,
    /// Who it is, in a few words ("President of Ukraine").
    #[arg(long, value_name = "TEXT", default_value = "", hide_default_value = true)]
    note: String,
}

#[derive(Debug, Args)]
pub struct MergeParty {
    /// The party entered twice, by id or name.
    party: String,
    /// The party it is, whose name stays, by id or name.
    #[arg(long, value_name = "PARTY")]
    into: String,
}

#[derive(Debug, Args)]
pub struct EditParty {
    /// The party, by id or name.
    party: String,
    /// Its new name.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// state, person, organization, armed_group, coalition or other.
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// The party it belongs to, by id or name; `none` for none.
    #[arg(long, value_name = "PARTY")]
    member_of: Option<String>,
    /// Who it is, in a few words.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

/// A party in `party list --json`.
#[derive(Debug, Serialize)]
struct PartyJson<'a> {
    id: i64,
    uuid: String,
    name: &'a str,
    kind: PartyKind,
    member_of: Option<&'a str>,
    note: &'a str,
    /// Other names it answers to: parties merged into it.
    aliases: &'a [String],
    recorded_by: &'a str,
}

impl PartyCommand {
    pub fn only_reads(&self) -> bool {
        matches!(self, Self::List { .. })
    }
}

pub fn run(store: &mut Store, command: PartyCommand) -> Result<Output> {
    match command {
        PartyCommand::Add(args) => add(store, args),
        PartyCommand::Edit(args) => edit(store, args),
        PartyCommand::Alias { name, of } => {
            let party = store.find_party(&of)?;
            store.add_alias(&name, party.id)?;
            Ok(Output::text(format!("{} is now another name of {}\n", name.trim(), party.name)))
        }
        PartyCommand::Merge(args) => {
            let party = store.find_party(&args.party)?;
            let into = store.find_party(&args.into)?;
            store.merge_party(party.id, into.id)?;
            Ok(Output::text(format!("{} is now one party with {}\n", party.name, into.name)))
        }
        PartyCommand::List { json } => list(store, json),
    }
}

fn add(store: &mut Store, args: AddParty) -> Result<Output> {
    let member_of = args.member_of.map(|name| store.find_party(&name)).transpose()?;
    let kind = match (&args.kind, &member_of) {
        (Some(kind), _) => word("kind", kind)?,
        // Someone who belongs to another party is most often a person speaking for it.
        (None, Some(_)) => PartyKind::Person,
        (None, None) => PartyKind::State,
    };
    let party = NewParty { name: args.name, kind, member_of: member_of.map(|p| p.id), note: args.note };
    Ok(Output::id(store.add_party(&party)?))
}

fn edit(store: &mut Store, args: EditParty) -> Result<Output> {
    let party = store.find_party(&args.party)?;
    let member_of = match args.member_of.as_deref() {
        None => party.member_of,
        Some("none") => None,
        Some(name) => Some(store.find_party(name)?.id),
    };
    let kind = match &args.kind {
        Some(kind) => word("kind", kind)?,
        None => party.kind,
    };
    let edited = NewParty {
        name: args.name.unwrap_or(party.name),
        kind,
        member_of,
        note: args.note.unwrap_or(party.note),
    };
    store.edit_party(party.id, &edited)?;
    Ok(Output::default())
}

fn list(store: &Store, json: bool) -> Result<Output> {
    let parties = store.parties()?;
    if json {
        return Ok(Output::json(&parties.iter().map(party_json).collect::<Vec<_>>()));
    }
    if parties.is_empty() {
        return Ok(Output::text("No parties yet. Add one with: cftrack party add NAME --kind state\n"));
    }
    let mut table = Table::new(&["Id", "Name", "Kind", "Member of", "Note"]);
    for party in &parties {
        table.row(vec![
            party.id.to_string(),
            party.name.clone(),
            party.kind.label().to_string(),
            party.member_of_name.clone().unwrap_or_default(),
            party.note.clone(),
        ]);
    }
    Ok(Output::text(table.render()))
}

fn party_json(party: &Party) -> PartyJson<'_> {
    PartyJson {
        id: party.id,
        uuid: party.uuid.to_string(),
        name: &party.name,
        kind: party.kind,
        member_of: party.member_of_name.as_deref(),
        note: &party.note,
        aliases: &party.aliases,
        recorded_by: &party.recorded_by,
    }
}
