//! Checking a whole document against itself and the database before anything is written.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use serde_json::Value;
use uuid::Uuid;

use super::{ChangeRecord, Document};
use crate::error::{Error, InputError, Result};
use crate::model::rules::{self, LinkProblem};
use crate::model::stamp;
use crate::model::EventDate;
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

/// Places a record of the document: stored already (then it is left as it is, whatever
/// it says: records never change, and what changed is in revisions), or new.
fn place(places: &mut HashMap<Uuid, Place>, name: Name) {
    places.entry(*name.uuid).or_insert(Place::Incoming(name.index));
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
        place(&mut plan.parties, name);
    }
    plan.sources = stored.places(Table::Source)?;
    for (i, source) in document.sources.iter().enumerate() {
        let name = Name::new("sources", i, &source.uuid);
        unique(name)?;
        place(&mut plan.sources, name);
    }
    plan.proposals = stored.places(Table::Proposal)?;
    for (i, proposal) in document.proposals.iter().enumerate() {
        let name = Name::new("proposals", i, &proposal.uuid);
        unique(name)?;
        place(&mut plan.proposals, name);
    }
    plan.conditions = stored.places(Table::Condition)?;
    for (i, condition) in document.conditions.iter().enumerate() {
        let name = Name::new("conditions", i, &condition.uuid);
        unique(name)?;
        place(&mut plan.conditions, name);
    }

    check_parties(document, &mut plan)?;
    check_sources(document, &mut plan, today)?;
    check_proposals(document, &mut plan, today)?;
    check_conditions(document, &mut plan)?;
    check_events(stored, document, &mut plan, &mut unique, today)?;
    check_retractions(stored, document, &mut plan, &mut unique)?;
    check_revisions(stored, document, &mut plan, &mut unique)?;
    check_links(stored, document, &mut plan, &mut unique)?;
    check_origins(stored, document, &mut plan, &mut unique)?;
    Ok(plan)
}

/// Parties with the same name as another are welcome: they become one with it.
fn check_parties(document: &Document, plan: &mut Plan) -> Result<()> {
    for (i, party) in document.parties.iter().enumerate() {
        let name = Name::new("parties", i, &party.uuid);
        if matches!(plan.parties[&party.uuid], Place::Stored(_)) {
            plan.already_present += 1;
            continue;
        }
        text_needed(name, "name", &party.name)?;
        time_needed(name, "recorded_at", &party.recorded_at)?;
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
        if events_stored && stored.id(Table::Event, &event.uuid)?.is_some() {
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
            ChangeRecord::Condition { condition, .. } | ChangeRecord::Implementation { condition, .. } => {
                let place = resolve(&plan.conditions, name, "the condition", condition)?;
                if condition_proposal(stored, document, place)? != event.proposal {
                    return Err(refuse(name, "its condition was raised on another proposal"));
                }
            }
            ChangeRecord::Violation { reported_by, against, until, count, unit, .. } => {
                for party in [reported_by, against].into_iter().flatten() {
                    resolve(&plan.parties, name, "the party", party)?;
                }
                if let Some(until) = until {
                    rules::has_happened(*until, today).map_err(breaks(name, "until"))?;
                    if until.last_day() < event.occurred_on.first_day() {
                        return Err(refuse(name, "its period ends before it starts"));
                    }
                }
                match (count, unit.trim().is_empty()) {
                    (Some(count), _) if *count < 0 => return Err(refuse(name, "its count is below zero")),
                    (Some(_), true) => return Err(refuse(name, "it has a count without a unit")),
                    (None, false) => return Err(refuse(name, "it has a unit without a count")),
                    _ => {}
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
        plan.new_events.push(i);
        plan.incoming_events.insert(event.uuid);
    }
    Ok(())
}

/// A retraction must name an event or a source, of the document or stored.
fn check_retractions(
    stored: &Stored,
    document: &Document,
    plan: &mut Plan,
    unique: &mut impl FnMut(Name) -> Result<()>,
) -> Result<()> {
    let any_stored = stored.any(Table::Retraction)?;
    for (i, retraction) in document.retractions.iter().enumerate() {
        let name = Name::new("retractions", i, &retraction.uuid);
        unique(name)?;
        if any_stored && stored.id(Table::Retraction, &retraction.uuid)?.is_some() {
            plan.already_present += 1;
            continue;
        }
        text_needed(name, "reason", &retraction.reason)?;
        time_needed(name, "recorded_at", &retraction.recorded_at)?;
        let known = plan.incoming_events.contains(&retraction.entry)
            || plan.sources.contains_key(&retraction.entry)
            || stored.id(Table::Event, &retraction.entry)?.is_some();
        if !known {
            return Err(refuse(
                name,
                format!(
                    "it retracts {}, which is no event or source here or in the document",
                    retraction.entry
                ),
            ));
        }
        plan.new_retractions.push(i);
    }
    Ok(())
}

/// A link says that two parties (or two sources) known here or in the document are one.
fn check_links(
    stored: &Stored,
    document: &Document,
    plan: &mut Plan,
    unique: &mut impl FnMut(Name) -> Result<()>,
) -> Result<()> {
    let any_stored = stored.any(Table::PartyLink)? || stored.any(Table::SourceLink)?;
    for (i, link) in document.links.iter().enumerate() {
        let name = Name::new("links", i, &link.uuid);
        unique(name)?;
        let (records, table) = match link.table.as_str() {
            "party" => (&plan.parties, Table::PartyLink),
            "source" => (&plan.sources, Table::SourceLink),
            other => return Err(refuse(name, format!("\"{other}\" is not a party or a source"))),
        };
        if any_stored && stored.id(table, &link.uuid)?.is_some() {
            plan.already_present += 1;
            continue;
        }
        time_needed(name, "recorded_at", &link.recorded_at)?;
        let what = format!("the {}", link.table);
        resolve(records, name, &what, &link.record)?;
        resolve(records, name, &what, &link.same_as)?;
        if link.record == link.same_as {
            return Err(refuse(name, "it says a record is the same as itself"));
        }
        plan.new_links.push(i);
    }
    // The links of each table, stored and new together, must leave one record to stay in
    // each group: none that goes round, no record the same as two that are not one.
    for (kind, table) in [("party", Table::PartyLink), ("source", Table::SourceLink)] {
        let named = |uuid: &Uuid| match document.links.iter().position(|l| l.uuid == *uuid) {
            Some(i) => Name::new("links", i, &document.links[i].uuid).to_string(),
            None => format!("the stored link {uuid}"),
        };
        let mut links: Vec<(Uuid, Uuid, Uuid)> = stored.links(table)?;
        links.extend(
            plan.new_links
                .iter()
                .map(|&i| &document.links[i])
                .filter(|l| l.table == kind)
                .map(|l| (l.record, l.same_as, l.uuid)),
        );
        let (names, problem) = match rules::links_problem(&links) {
            None => continue,
            Some(LinkProblem::Circle(uuids)) => (uuids, "go round in a circle, leaving no record to stay"),
            Some(LinkProblem::TwoTargets(a, b)) => {
                (vec![a, b], "say that one record is the same as two records that are not one")
            }
        };
        let names: Vec<String> = names.iter().map(named).collect();
        let record = names.iter().find(|name| name.starts_with("links[")).cloned().unwrap_or_default();
        return Err(refuse(record, format!("the \"same as\" links {} {problem}", names.join(" and "))));
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
        if revisions_stored && stored.id(Table::Revision, &revision.uuid)?.is_some() {
            plan.already_present += 1;
            continue;
        }
        let records = match revision.table.as_str() {
            "party" => &plan.parties,
            "source" => &plan.sources,
            "proposal" => &plan.proposals,
            "condition" => &plan.conditions,
            other => {
                return Err(refuse(
                    name,
                    format!("\"{other}\" is not a party, source, proposal or condition"),
                ))
            }
        };
        resolve(records, name, &format!("the {}", revision.table), &revision.record)?;
        for (field, values) in [("earlier", &revision.earlier), ("changed_to", &revision.changed_to)] {
            let Some(values) = values.as_object() else {
                return Err(refuse(name, format!("\"{field}\" is not a JSON object")));
            };
            for (key, value) in values {
                let Some(kind) = revised_field(&revision.table, key) else {
                    return Err(refuse(name, format!("a {} has no field \"{key}\"", revision.table)));
                };
                check_revised_value(plan, name, key, kind, value)?;
            }
        }
        time_needed(name, "recorded_at", &revision.recorded_at)?;
        plan.new_revisions.push(i);
    }
    Ok(())
}

/// What a revised field holds: text, a number, a date, or another record.
#[derive(Clone, Copy)]
enum Revised {
    Text,
    Number,
    Date,
    Party,
    Proposal,
    /// Several parties, in order.
    Parties,
}

fn revised_field(table: &str, field: &str) -> Option<Revised> {
    use Revised::*;
    Some(match (table, field) {
        ("party", "name" | "kind" | "note") => Text,
        ("party", "member_of") => Party,
        ("source", "title" | "outlet" | "url") => Text,
        ("source", "published_on") => Date,
        ("proposal", "title" | "summary" | "full_text" | "kind" | "scope" | "process") => Text,
        ("proposal", "proposed_by") => Party,
        ("proposal", "proposed_on") => Date,
        ("proposal", "duration_days") => Number,
        ("proposal", "supersedes" | "phase_of") => Proposal,
        ("proposal", "phase") => Number,
        ("proposal", "co_proposers") => Parties,
        ("condition", "raised_by" | "directed_at") => Party,
        ("condition", "text" | "kind" | "category") => Text,
        _ => return None,
    })
}

/// A revised value must be of its field's kind, and another record it names must be known.
fn check_revised_value(plan: &Plan, name: Name, key: &str, kind: Revised, value: &Value) -> Result<()> {
    let bad = || refuse(name, format!("\"{key}\" holds {value}, which does not fit the field"));
    match (kind, value) {
        (_, Value::Null) => Ok(()),
        (Revised::Text, Value::String(_)) => Ok(()),
        (Revised::Number, Value::Number(n)) if n.is_i64() => Ok(()),
        (Revised::Date, Value::String(text)) => text.parse::<EventDate>().map(|_| ()).map_err(|_| bad()),
        (Revised::Parties, Value::Array(items)) => {
            items.iter().try_for_each(|item| check_revised_value(plan, name, key, Revised::Party, item))
        }
        (Revised::Party | Revised::Proposal, Value::String(text)) => {
            let uuid: Uuid = text.parse().map_err(|_| bad())?;
            let records = if matches!(kind, Revised::Party) { &plan.parties } else { &plan.proposals };
            resolve(records, name, key, &uuid).map(|_| ())
        }
        _ => Err(bad()),
    }
}

/// An origin names a proposal of the document or stored, and a dataset the app reads.
fn check_origins(
    stored: &Stored,
    document: &Document,
    plan: &mut Plan,
    unique: &mut impl FnMut(Name) -> Result<()>,
) -> Result<()> {
    let any_stored = !document.origins.is_empty() && stored.any(Table::Origin)?;
    for (i, origin) in document.origins.iter().enumerate() {
        let name = Name::new("origins", i, &origin.uuid);
        unique(name)?;
        if any_stored && stored.id(Table::Origin, &origin.uuid)?.is_some() {
            plan.already_present += 1;
            continue;
        }
        if !matches!(origin.dataset.as_str(), "pax" | "ucdp" | "ethprio") {
            return Err(refuse(name, format!("\"{}\" is not a dataset this version reads", origin.dataset)));
        }
        text_needed(name, "id", &origin.id)?;
        time_needed(name, "recorded_at", &origin.recorded_at)?;
        resolve(&plan.proposals, name, "the proposal", &origin.proposal)?;
        plan.new_origins.push(i);
    }
    Ok(())
}
