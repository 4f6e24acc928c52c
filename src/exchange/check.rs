//! Checking a whole document against itself and the database before anything is written.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use uuid::Uuid;

use super::{ChangeRecord, Document};
use crate::error::{Error, InputError, Result};
use crate::model::stamp;
use crate::model::{rules, EventDate};
use crate::store::bulk::{Place, Plan, Stored, Table};

/// The refusal of the whole document, naming the record at fault.
pub(super) fn refuse(record: impl ToString, problem: impl Into<String>) -> Error {
    Error::Import { record: record.to_string(), problem: problem.into() }
}

/// How a refusal names a record: `events[12] (uuid ...)`. Written out only for a refusal,
/// not for each of the records that pass.
#[derive(Clone, Copy)]
struct Name<'a> {
    list: &'static str,
    index: usize,
    uuid: &'a Uuid,
}

impl<'a> Name<'a> {
    fn new(list: &'static str, index: usize, uuid: &'a Uuid) -> Self {
        Self { list, index, uuid }
    }
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}] (uuid {})", self.list, self.index, self.uuid)
    }
}

/// Refuses a record whose uuid is stored already unless the stored record is the same.
fn same_as_stored<'c, T: PartialEq>(
    stored: &Stored<'c>,
    name: Name,
    incoming: &T,
    read: fn(&Stored<'c>, &Uuid) -> Result<Option<T>>,
) -> Result<()> {
    if read(stored, name.uuid)?.as_ref() != Some(incoming) {
        return Err(refuse(name, "a different record with this uuid is already in the database"));
    }
    Ok(())
}

/// A stored record with the incoming one's uuid: None when there is none, an error when
/// it differs from the incoming one.
fn compare_stored<'c, T: PartialEq>(
    stored: &Stored<'c>,
    table: Table,
    name: Name,
    incoming: &T,
    read: fn(&Stored<'c>, &Uuid) -> Result<Option<T>>,
) -> Result<Option<i64>> {
    let Some(id) = stored.id(table, name.uuid)? else { return Ok(None) };
    same_as_stored(stored, name, incoming, read)?;
    Ok(Some(id))
}

/// A rule's refusal of a field of the record `name`.
fn breaks<'a>(name: Name<'a>, field: &'a str) -> impl FnOnce(InputError) -> Error + 'a {
    move |problem| refuse(name, format!("\"{field}\": {problem}"))
}

fn text_needed(name: Name, field: &str, text: &str) -> Result<()> {
    rules::required(text).map_err(breaks(name, field))?;
    Ok(())
}

fn time_needed(name: Name, field: &str, text: &str) -> Result<()> {
    if stamp::parse(text).is_none() {
        return Err(refuse(name, format!("\"{field}\" is not a UTC time like 2025-03-13T09:30:00.000000Z")));
    }
    Ok(())
}

/// Refuses a date after `today`, on the user's calendar.
fn has_happened(name: Name, field: &str, date: EventDate, today: NaiveDate) -> Result<()> {
    rules::has_happened(date, today).map_err(breaks(name, field))
}

fn resolve(map: &HashMap<Uuid, Place>, name: Name, what: &str, uuid: &Uuid) -> Result<Place> {
    map.get(uuid).copied().ok_or_else(|| refuse(name, format!("it names {what} {uuid}, which is nowhere")))
}

/// Places a record of the document: stored already (then it must be the same), or new.
fn place<'c, T: PartialEq>(
    stored: &Stored<'c>,
    places: &mut HashMap<Uuid, Place>,
    name: Name,
    incoming: &T,
    read: fn(&Stored<'c>, &Uuid) -> Result<Option<T>>,
) -> Result<()> {
    match places.entry(*name.uuid) {
        Entry::Occupied(_) => same_as_stored(stored, name, incoming, read),
        Entry::Vacant(slot) => {
            slot.insert(Place::Incoming(name.index));
            Ok(())
        }
    }
}

/// Checks the whole document against itself and what is stored, and plans what to write.
pub(super) fn plan(stored: &Stored, document: &Document) -> Result<Plan> {
    let today = rules::today();
    let mut plan = Plan::default();
    let mut seen: HashSet<Uuid> = HashSet::new();
    let mut unique = |name: Name| {
        if seen.insert(*name.uuid) {
            Ok(())
        } else {
            Err(refuse(name, "its uuid is used twice in the document"))
        }
    };

    // Every record's uuid, and what is already stored, is known before references are
    // checked: records may name others later in their list. Records of the database that
    // the document does not carry can be named too.
    plan.parties = stored.places(Table::Party)?;
    for (i, party) in document.parties.iter().enumerate() {
        let name = Name::new("parties", i, &party.uuid);
        unique(name)?;
        place(stored, &mut plan.parties, name, party, Stored::party)?;
    }
    plan.sources = stored.places(Table::Source)?;
    for (i, source) in document.sources.iter().enumerate() {
        let name = Name::new("sources", i, &source.uuid);
        unique(name)?;
        place(stored, &mut plan.sources, name, source, Stored::source)?;
    }
    plan.proposals = stored.places(Table::Proposal)?;
    for (i, proposal) in document.proposals.iter().enumerate() {
        let name = Name::new("proposals", i, &proposal.uuid);
        unique(name)?;
        place(stored, &mut plan.proposals, name, proposal, Stored::proposal)?;
    }
    plan.conditions = stored.places(Table::Condition)?;
    for (i, condition) in document.conditions.iter().enumerate() {
        let name = Name::new("conditions", i, &condition.uuid);
        unique(name)?;
        place(stored, &mut plan.conditions, name, condition, Stored::condition)?;
    }

    check_parties(stored, document, &mut plan)?;
    check_sources(document, &mut plan, today)?;
    check_proposals(document, &mut plan, today)?;
    check_conditions(document, &mut plan)?;
    check_events(stored, document, &mut plan, &mut unique, today)?;
    check_revisions(stored, document, &mut plan, &mut unique)?;
    Ok(plan)
}

fn check_parties(stored: &Stored, document: &Document, plan: &mut Plan) -> Result<()> {
    let mut names: HashMap<String, Place> =
        stored.party_names()?.into_iter().map(|(name, id)| (name, Place::Stored(id))).collect();
    for (i, party) in document.parties.iter().enumerate() {
        let name = Name::new("parties", i, &party.uuid);
        let place = plan.parties[&party.uuid];
        if matches!(place, Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(name, "name", &party.name)?;
        time_needed(name, "recorded_at", &party.recorded_at)?;
        if names.insert(party.name.clone(), place).is_some() {
            return Err(refuse(name, format!("another party is already called \"{}\"", party.name)));
        }
        if let Some(parent) = &party.member_of {
            resolve(&plan.parties, name, "the party", parent)?;
        }
        // Walk up the memberships; meeting this party again would make a circle.
        let mut next = party.member_of;
        let mut steps = 0;
        while let Some(current) = next {
            if current == party.uuid || steps > document.parties.len() {
                return Err(refuse(name, "its memberships go round in a circle"));
            }
            steps += 1;
            next = match plan.parties.get(&current) {
                Some(Place::Incoming(j)) => document.parties[*j].member_of,
                _ => None,
            };
        }
        plan.new_parties.push(i);
    }
    Ok(())
}

fn check_sources(document: &Document, plan: &mut Plan, today: NaiveDate) -> Result<()> {
    for (i, source) in document.sources.iter().enumerate() {
        let name = Name::new("sources", i, &source.uuid);
        if matches!(plan.sources[&source.uuid], Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(name, "title", &source.title)?;
        time_needed(name, "recorded_at", &source.recorded_at)?;
        if let Some(date) = source.published_on {
            has_happened(name, "published_on", date, today)?;
        }
        plan.new_sources.push(i);
    }
    Ok(())
}

fn check_proposals(document: &Document, plan: &mut Plan, today: NaiveDate) -> Result<()> {
    for (i, proposal) in document.proposals.iter().enumerate() {
        let name = Name::new("proposals", i, &proposal.uuid);
        if matches!(plan.proposals[&proposal.uuid], Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(name, "title", &proposal.title)?;
        time_needed(name, "recorded_at", &proposal.recorded_at)?;
        has_happened(name, "proposed_on", proposal.proposed_on, today)?;
        resolve(&plan.parties, name, "the party", &proposal.proposed_by)?;
        if let Some(days) = proposal.duration_days {
            rules::duration(days).map_err(breaks(name, "duration_days"))?;
        }
        if let Some(earlier) = &proposal.supersedes {
            resolve(&plan.proposals, name, "the proposal", earlier)?;
        }
        // Stored proposals cannot lead back to an incoming one, so only the document's
        // own lineage can form a circle.
        let mut next = proposal.supersedes;
        let mut steps = 0;
        while let Some(current) = next {
            if current == proposal.uuid || steps > document.proposals.len() {
                return Err(refuse(name, "its lineage (supersedes) goes round in a circle"));
            }
            steps += 1;
            next = match plan.proposals.get(&current) {
                Some(Place::Incoming(j)) => document.proposals[*j].supersedes,
                _ => None,
            };
        }
        plan.new_proposals.push(i);
    }
    Ok(())
}

fn check_conditions(document: &Document, plan: &mut Plan) -> Result<()> {
    for (i, condition) in document.conditions.iter().enumerate() {
        let name = Name::new("conditions", i, &condition.uuid);
        if matches!(plan.conditions[&condition.uuid], Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(name, "text", &condition.text)?;
        time_needed(name, "recorded_at", &condition.recorded_at)?;
        resolve(&plan.proposals, name, "the proposal", &condition.proposal)?;
        resolve(&plan.parties, name, "the party", &condition.raised_by)?;
        if let Some(party) = &condition.directed_at {
            resolve(&plan.parties, name, "the party", party)?;
        }
        plan.new_conditions.push(i);
    }
    Ok(())
}

/// The first day of a proposal and the proposal a condition belongs to, wherever they live.
fn proposed_on(stored: &Stored, document: &Document, place: Place) -> Result<EventDate> {
    match place {
        Place::Incoming(i) => Ok(document.proposals[i].proposed_on),
        Place::Stored(id) => stored.proposed_on(id),
    }
}

fn condition_proposal(stored: &Stored, document: &Document, place: Place) -> Result<Uuid> {
    match place {
        Place::Incoming(i) => Ok(document.conditions[i].proposal),
        Place::Stored(id) => stored.proposal_of_condition(id),
    }
}

fn check_events(
    stored: &Stored,
    document: &Document,
    plan: &mut Plan,
    unique: &mut impl FnMut(Name) -> Result<()>,
    today: NaiveDate,
) -> Result<()> {
    // Into an empty table, as most large imports go, no event needs looking up.
    let events_stored = stored.any(Table::Event)?;
    let mut first_days: HashMap<Uuid, EventDate> = HashMap::new();
    for (i, event) in document.events.iter().enumerate() {
        let name = Name::new("events", i, &event.uuid);
        unique(name)?;
        if events_stored && compare_stored(stored, Table::Event, name, event, Stored::event)?.is_some() {
            plan.already_present += 1;
            continue;
        }
        time_needed(name, "recorded_at", &event.recorded_at)?;
        has_happened(name, "occurred_on", event.occurred_on, today)?;
        let proposal = resolve(&plan.proposals, name, "the proposal", &event.proposal)?;
        let proposed = match first_days.get(&event.proposal) {
            Some(date) => *date,
            None => {
                let date = proposed_on(stored, document, proposal)?;
                first_days.insert(event.proposal, date);
                date
            }
        };
        rules::not_before_proposal(event.occurred_on, proposed).map_err(breaks(name, "occurred_on"))?;
        match &event.change {
            ChangeRecord::Status { .. } => {}
            ChangeRecord::Stance { party, .. } => {
                resolve(&plan.parties, name, "the party", party)?;
            }
            ChangeRecord::Condition { condition, .. } => {
                let place = resolve(&plan.conditions, name, "the condition", condition)?;
                if condition_proposal(stored, document, place)? != event.proposal {
                    return Err(refuse(name, "its condition was raised on another proposal"));
                }
            }
        }
        // An event cites a source or two: comparing with the earlier ones is quicker than
        // a set, which keeps a long list quick.
        let mut cited = HashSet::new();
        let few = event.sources.len() <= 8;
        for (j, source) in event.sources.iter().enumerate() {
            resolve(&plan.sources, name, "the source", source)?;
            let twice = if few { event.sources[..j].contains(source) } else { !cited.insert(source) };
            if twice {
                return Err(refuse(name, format!("it cites the source {source} twice")));
            }
        }
        if let Some(retraction) = &event.retraction {
            time_needed(name, "retraction.at", &retraction.at)?;
            text_needed(name, "retraction.reason", &retraction.reason)?;
        }
        plan.new_events.push(i);
    }
    Ok(())
}

fn check_revisions(
    stored: &Stored,
    document: &Document,
    plan: &mut Plan,
    unique: &mut impl FnMut(Name) -> Result<()>,
) -> Result<()> {
    let revisions_stored = stored.any(Table::Revision)?;
    for (i, revision) in document.revisions.iter().enumerate() {
        let name = Name::new("revisions", i, &revision.uuid);
        unique(name)?;
        if revisions_stored
            && compare_stored(stored, Table::Revision, name, revision, Stored::revision)?.is_some()
        {
            plan.already_present += 1;
            continue;
        }
        let records = match revision.table.as_str() {
            "party" => &plan.parties,
            "proposal" => &plan.proposals,
            "condition" => &plan.conditions,
            other => return Err(refuse(name, format!("\"{other}\" is not a party, proposal or condition"))),
        };
        resolve(records, name, &format!("the {}", revision.table), &revision.record)?;
        if !revision.earlier.is_object() {
            return Err(refuse(name, "\"earlier\" is not a JSON object"));
        }
        time_needed(name, "changed_at", &revision.changed_at)?;
        plan.new_revisions.push(i);
    }
    Ok(())
}
