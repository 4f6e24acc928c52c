//! Synthetic archives for benchmarks and tests: `cftrack gen`.
//!
//! A seed gives the same data set every time. The data reads like a real archive:
//! peace processes with their belligerents and mediators, proposals made in them,
//! statuses that follow plausible paths, stances that lean with the state of the talks,
//! conditions raised and settled, sources cited, and now and then an event entered in
//! error, retracted and recorded again. Everything is dated in the past and never before
//! its proposal, and it is written through the import, which checks it by the same rules
//! as any imported document.

mod names;
mod random;
mod story;

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::error::{Error, Result};
use crate::exchange::{self, Document, PartyRecord, ProposalRecord};
use crate::model::stamp;
use crate::model::{EventDate, PartyKind, Precision, ProposalKind, Role};
use crate::store::Store;

use random::Random;

/// How big an archive to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub proposals: usize,
    pub parties: usize,
    /// On average; a few long-running proposals have five times as many.
    pub events_per_proposal: usize,
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Generated {
    pub parties: usize,
    pub sources: usize,
    pub proposals: usize,
    pub conditions: usize,
    pub events: usize,
    pub retracted: usize,
}

impl Generated {
    fn of(document: &Document) -> Self {
        Self {
            parties: document.parties.len(),
            sources: document.sources.len(),
            proposals: document.proposals.len(),
            conditions: document.conditions.len(),
            events: document.events.len(),
            retracted: document.retractions.len(),
        }
    }
}

/// The first and last days of the generated history: fixed, so that a seed gives the
/// same archive whenever it is made, and in the past.
fn history_starts() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).expect("a valid date")
}

fn history_ends() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("a valid date")
}

/// A time on the morning after `day` plus up to three days: when an analyst typed it in.
fn recorded_after(random: &mut Random, day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    let at = day.and_time(NaiveTime::MIN).and_utc();
    at + Duration::minutes(random.between(6 * 60, 72 * 60))
        + Duration::microseconds(random.between(0, 999_999))
}

/// Fills an empty database with the archive `shape` describes, in one transaction.
pub fn fill(store: &mut Store, shape: Shape) -> Result<Generated> {
    if !store.is_empty()? {
        return Err(Error::Conflict("the database already holds data; generate into a new file".to_string()));
    }
    let document = generate(shape)?;
    exchange::import(store, &document)?;
    Ok(Generated::of(&document))
}

/// The archive `shape` describes, as an export document.
pub fn generate(shape: Shape) -> Result<Document> {
    if shape.parties < 2 {
        return Err(Error::Conflict("an archive needs at least 2 parties".to_string()));
    }
    if shape.proposals == 0 || shape.events_per_proposal < 2 {
        return Err(Error::Conflict(
            "an archive needs at least 1 proposal and 2 events per proposal".to_string(),
        ));
    }
    let mut world = World::new(shape);
    let headers = world.proposals();
    let mut document = Document {
        format: exchange::FORMAT.to_string(),
        version: exchange::VERSION,
        parties: world.parties.clone(),
        sources: Vec::new(),
        proposals: Vec::with_capacity(headers.len()),
        conditions: Vec::new(),
        events: Vec::with_capacity(shape.proposals * shape.events_per_proposal),
        retractions: Vec::new(),
        revisions: Vec::new(),
        links: Vec::new(),
        origins: Vec::new(),
    };
    for (number, header) in headers.iter().enumerate() {
        let mut random = Random::stream(shape.seed, 3, number as u64);
        let story = story::tell(&mut random, &world, header, shape.events_per_proposal);
        document.sources.extend(story.sources);
        document.conditions.extend(story.conditions);
        document.events.extend(story.events);
        document.retractions.extend(story.retractions);
        document.proposals.push(header.record.clone());
    }
    // Records in the order they were typed in, as in a database kept by hand and as an export
    // lists them: by the time recorded, then uuid.
    macro_rules! in_order {
        ($($list:ident),*) => {
            $(document.$list.sort_by(|a, b| (&a.recorded_at, a.uuid).cmp(&(&b.recorded_at, b.uuid)));)*
        };
    }
    in_order!(parties, sources, proposals, conditions, events, retractions);
    Ok(document)
}

/// A peace process: where it is, who fights and who mediates, and when it runs.
struct Process {
    place: String,
    belligerents: Vec<usize>,
    mediators: Vec<usize>,
    first: NaiveDate,
    last: NaiveDate,
}

/// A proposal before its history: its record, its process, who takes part, and the day
/// a later proposal replaces it, if one does.
struct Header {
    record: ProposalRecord,
    process: usize,
    participants: Vec<(usize, Role)>,
    superseded_on: Option<NaiveDate>,
    /// Who follows this proposal and types in what happens to it.
    analyst: &'static str,
}

/// The analysts of a generated archive's desk, who share its proposals between them.
const ANALYSTS: [&str; 3] = ["Olena Kovalenko", "Samir Haddad", "Maria Lopez"];

struct World {
    shape: Shape,
    parties: Vec<PartyRecord>,
    processes: Vec<Process>,
    places: Vec<String>,
}

impl World {
    fn new(shape: Shape) -> Self {
        let mut random = Random::stream(shape.seed, 1, 0);
        let mut taken_places = HashSet::new();
        let mut taken_names = HashSet::new();
        let mut parties: Vec<PartyRecord> = Vec::with_capacity(shape.parties);
        let mut states: Vec<usize> = Vec::new();
        let mut places: Vec<String> = Vec::new();
        for number in 0..shape.parties {
            // The first two parties are states, so that people have a state to speak for.
            let kind = if number < 2 {
                PartyKind::State
            } else {
                random.weighted(&[
                    (PartyKind::State, 35),
                    (PartyKind::Person, 25),
                    (PartyKind::ArmedGroup, 15),
                    (PartyKind::Organization, 12),
                    (PartyKind::Coalition, 8),
                    (PartyKind::Other, 5),
                ])
            };
            let (place, member_of) = match kind {
                PartyKind::Person => {
                    let state = *random.pick(&states);
                    (places[state].clone(), Some(parties[state].uuid))
                }
                _ => (names::place(&mut random, &mut taken_places), None),
            };
            let mut name = names::party(&mut random, kind, &place);
            if !taken_names.insert(name.clone()) {
                name = format!("{name} ({})", number + 1);
                taken_names.insert(name.clone());
            }
            if kind == PartyKind::State {
                states.push(number);
            }
            places.push(place);
            let joined = random.day(history_starts() - Duration::days(3650), history_starts());
            parties.push(PartyRecord {
                uuid: random.uuid(),
                name,
                kind,
                member_of,
                note: String::new(),
                recorded_at: stamp::stamp(recorded_after(&mut random, joined)),
                recorded_by: ANALYSTS[0].to_string(),
            });
        }

        let fighters: Vec<usize> =
            (0..parties.len()).filter(|&i| !matches!(parties[i].kind, PartyKind::Organization)).collect();
        let go_betweens: Vec<usize> = (0..parties.len())
            .filter(|&i| {
                matches!(parties[i].kind, PartyKind::Organization | PartyKind::State | PartyKind::Person)
            })
            .collect();
        let count = (shape.proposals / 40).clamp(1, 500);
        let processes = (0..count)
            .map(|_| {
                let mut belligerents: Vec<usize> = Vec::new();
                for _ in 0..random.between(2, 5) {
                    let party = *random.pick(&fighters);
                    if !belligerents.contains(&party) {
                        belligerents.push(party);
                    }
                }
                let mut mediators: Vec<usize> = Vec::new();
                for _ in 0..random.between(1, 4) {
                    let party = *random.pick(&go_betweens);
                    if !belligerents.contains(&party) && !mediators.contains(&party) {
                        mediators.push(party);
                    }
                }
                let first = random.day(history_starts(), history_ends() - Duration::days(400));
                let last = (first + Duration::days(random.between(365, 7300))).min(history_ends());
                let place = places[belligerents[0]].clone();
                Process { place, belligerents, mediators, first, last }
            })
            .collect();
        Self { shape, parties, processes, places }
    }

    /// Every proposal's header, oldest first, with lineage within each process.
    fn proposals(&mut self) -> Vec<Header> {
        let mut headers: Vec<Header> = (0..self.shape.proposals)
            .map(|number| {
                let mut random = Random::stream(self.shape.seed, 2, number as u64);
                self.header(&mut random)
            })
            .collect();
        headers.sort_by(|a, b| {
            (a.record.proposed_on.first_day(), a.record.uuid)
                .cmp(&(b.record.proposed_on.first_day(), b.record.uuid))
        });
        // Now and then a proposal replaces the latest one of its process still in play.
        let mut latest_in_process: Vec<Option<usize>> = vec![None; self.processes.len()];
        let mut random = Random::stream(self.shape.seed, 4, 0);
        for number in 0..headers.len() {
            let process = headers[number].process;
            if let Some(earlier) = latest_in_process[process] {
                if random.chance(15) {
                    let day = headers[number].record.proposed_on.first_day();
                    headers[number].record.supersedes = Some(headers[earlier].record.uuid);
                    headers[earlier].superseded_on = Some(day);
                }
            }
            latest_in_process[process] = Some(number);
        }
        headers
    }

    fn header(&self, random: &mut Random) -> Header {
        let process_number = random.below(self.processes.len() as u64) as usize;
        let analyst = ANALYSTS[process_number % ANALYSTS.len()];
        let process = &self.processes[process_number];
        let day = random.day(process.first, process.last);
        let precision = if random.chance(10) { Precision::Month } else { Precision::Day };
        let proposed_on = EventDate::new(day, precision);

        let mut participants: Vec<(usize, Role)> = Vec::new();
        let by_mediator = random.chance(30) && !process.mediators.is_empty();
        let proposer =
            if by_mediator { *random.pick(&process.mediators) } else { *random.pick(&process.belligerents) };
        participants.push((proposer, if by_mediator { Role::Mediator } else { Role::Party }));
        for &party in &process.belligerents {
            if party != proposer {
                participants.push((party, Role::Party));
            }
        }
        for &party in &process.mediators {
            if party != proposer && random.chance(70) {
                participants.push((party, Role::Mediator));
            }
        }
        // Outsiders: a guarantor, an observer, a third party now and then.
        for role in [Role::Guarantor, Role::Observer, Role::ThirdParty] {
            if random.chance(25) {
                let party = random.below(self.parties.len() as u64) as usize;
                if participants.iter().all(|(p, _)| *p != party) {
                    participants.push((party, role));
                }
            }
        }

        let kind = random.weighted(&[
            (ProposalKind::General, 45),
            (ProposalKind::Partial, 25),
            (ProposalKind::HumanitarianPause, 20),
            (ProposalKind::Definitive, 10),
        ]);
        let place = &process.place;
        let (scope, duration_days) = match kind {
            ProposalKind::General => (String::new(), Some(*random.pick(&[30, 60, 90, 180]))),
            ProposalKind::Partial => (
                random
                    .pick(&["energy infrastructure", "ports and shipping", "airstrikes", "the front line"])
                    .to_string(),
                Some(30),
            ),
            ProposalKind::HumanitarianPause => {
                (format!("aid deliveries to {place}"), Some(random.between(3, 14)))
            }
            ProposalKind::Definitive => (String::new(), None),
        };
        let what = match duration_days {
            Some(days) => format!("{days}-day {}", label_of(kind)),
            None => label_of(kind).to_string(),
        };
        let proposer_name = &self.parties[proposer].name;
        let title = format!("{what} in {place} ({}), put forward by {proposer_name}", proposed_on.human());
        let summary = format!(
            "{proposer_name} proposes a {what}{} in {place}.",
            if scope.is_empty() { String::new() } else { format!(" covering {scope}") }
        );
        let record = ProposalRecord {
            uuid: random.uuid(),
            title,
            summary,
            full_text: None,
            proposed_by: self.parties[proposer].uuid,
            proposed_on,
            kind,
            scope,
            duration_days,
            process: format!("{place} peace process"),
            supersedes: None,
            co_proposers: Vec::new(),
            phase_of: None,
            phase: None,
            recorded_at: stamp::stamp(recorded_after(random, day)),
            recorded_by: analyst.to_string(),
        };
        Header { record, process: process_number, participants, superseded_on: None, analyst }
    }
}

fn label_of(kind: ProposalKind) -> &'static str {
    match kind {
        ProposalKind::General => "ceasefire",
        ProposalKind::Partial => "partial ceasefire",
        ProposalKind::HumanitarianPause => "humanitarian pause",
        ProposalKind::Definitive => "definitive ceasefire",
    }
}
