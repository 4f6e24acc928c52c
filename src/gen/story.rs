//! One proposal's history: its status path, the parties' stances, the conditions they
//! raise and how those are settled, the sources that reported it all, and the odd entry
//! made in error and retracted.

use chrono::{Datelike, Duration, NaiveDate};
use uuid::Uuid;

use crate::exchange::{ChangeRecord, ConditionRecord, EventRecord, RetractionRecord, SourceRecord};
use crate::model::stamp;
use crate::model::{
    ConditionCategory, ConditionKind, ConditionStatus, EventDate, Leaning, Precision, ProposalStatus, Role,
    Stance, Vocabulary,
};

use crate::model::document::retraction_of;

use super::random::Random;
use super::{history_ends, names, recorded_after, Header, World};

/// What one proposal adds to the archive.
pub(super) struct Story {
    pub sources: Vec<SourceRecord>,
    pub conditions: Vec<ConditionRecord>,
    pub events: Vec<EventRecord>,
    pub retractions: Vec<RetractionRecord>,
}

/// One in this many proposals runs long, with five times the usual number of events.
const LONG_RUNNING: u64 = 50;
/// Percent of events first entered wrongly, then retracted and recorded again.
const ENTERED_IN_ERROR: u64 = 1;

/// A condition raised on the proposal, and where it stands.
struct Raised {
    uuid: Uuid,
    status: ConditionStatus,
}

struct Teller<'a> {
    random: &'a mut Random,
    world: &'a World,
    header: &'a Header,
    story: Story,
    status: ProposalStatus,
    /// The participants' current stances, by their place in `header.participants`.
    stances: Vec<Option<Stance>>,
    conditions: Vec<Raised>,
    most_conditions: usize,
    /// Sources already cited on this proposal, which later events often cite again.
    cited: Vec<Uuid>,
}

pub(super) fn tell(random: &mut Random, world: &World, header: &Header, average: usize) -> Story {
    let count = if random.below(LONG_RUNNING) == 0 {
        average * 5
    } else {
        random.between((average * 9 / 20) as i64, (average * 27 / 20) as i64) as usize
    }
    .max(2);
    let first = header.record.proposed_on.first_day();
    let last = match header.superseded_on {
        Some(day) => day,
        None => (first + Duration::days(random.between(30, 1500))).min(history_ends()),
    };
    let mut days: Vec<NaiveDate> = (2..count).map(|_| random.day(first, last)).collect();
    days.sort();
    let most_conditions = random.between(1, 8) as usize;
    let participants = header.participants.len();
    let mut teller = Teller {
        random,
        world,
        header,
        story: Story {
            sources: Vec::new(),
            conditions: Vec::new(),
            events: Vec::with_capacity(count),
            retractions: Vec::new(),
        },
        status: ProposalStatus::Floated,
        stances: vec![None; participants],
        conditions: Vec::new(),
        most_conditions,
        cited: Vec::new(),
    };
    teller.opening();
    // A replaced proposal's last entry is its replacement, on the day the new one is made.
    if header.superseded_on.is_some() {
        days.pop();
    }
    for day in days {
        teller.next(day);
    }
    if let Some(day) = header.superseded_on {
        teller.status = ProposalStatus::Superseded;
        teller.record(day, ChangeRecord::Status { status: ProposalStatus::Superseded }, String::new());
    }
    teller.story
}

impl Teller<'_> {
    /// The proposal's first status and the proposer's stance, on the day it was made, as
    /// recording a proposal by hand makes them.
    fn opening(&mut self) {
        let on = self.header.record.proposed_on;
        let (proposer, role) = self.header.participants[0];
        self.stances[0] = Some(Stance::Proposer);
        self.record_on(on, ChangeRecord::Status { status: ProposalStatus::Floated }, String::new());
        let party = self.world.parties[proposer].uuid;
        self.record_on(on, ChangeRecord::Stance { party, stance: Stance::Proposer, role }, String::new());
    }

    fn next(&mut self, day: NaiveDate) {
        let closed = self.status.is_closed();
        let roll = self.random.below(100);
        let (status_share, condition_share) = if closed { (2, 20) } else { (12, 30) };
        if roll < status_share {
            self.status_change(day);
        } else if roll >= status_share + condition_share || !self.condition_change(day) {
            self.stance_change(day);
        }
    }

    fn status_change(&mut self, day: NaiveDate) {
        use ProposalStatus::*;
        let next = match self.status {
            Floated => self.random.weighted(&[
                (UnderNegotiation, 60),
                (Rejected, 15),
                (Agreed, 10),
                (Withdrawn, 5),
                (Unclear, 5),
                (PartiallyAccepted, 5),
            ]),
            UnderNegotiation => self.random.weighted(&[
                (PartiallyAccepted, 25),
                (Agreed, 35),
                (Rejected, 15),
                (Withdrawn, 10),
                (Unclear, 15),
            ]),
            PartiallyAccepted => {
                self.random.weighted(&[(UnderNegotiation, 30), (Agreed, 50), (Rejected, 20)])
            }
            Agreed => self.random.weighted(&[(InEffect, 80), (Collapsed, 10), (Unclear, 10)]),
            InEffect => {
                self.random.weighted(&[(Violated, 40), (Extended, 25), (Expired, 25), (Collapsed, 10)])
            }
            Extended => self.random.weighted(&[(Violated, 40), (Expired, 40), (InEffect, 20)]),
            Violated => {
                self.random.weighted(&[(InEffect, 35), (Collapsed, 40), (Extended, 10), (Expired, 15)])
            }
            Unclear => self.random.weighted(&[(UnderNegotiation, 50), (InEffect, 20), (Collapsed, 30)]),
            // Talks on a closed proposal sometimes start again.
            Collapsed | Expired | Superseded | Rejected | Withdrawn => UnderNegotiation,
        };
        self.status = next;
        let place = &self.world.processes[self.header.process].place;
        let note = if self.random.chance(25) {
            format!("Announced after a round of talks on {place}.")
        } else {
            String::new()
        };
        self.record(day, ChangeRecord::Status { status: next }, note);
    }

    fn stance_change(&mut self, day: NaiveDate) {
        // A participant without a stance yet speaks first, more often than not.
        let silent: Vec<usize> = (0..self.stances.len()).filter(|&i| self.stances[i].is_none()).collect();
        let who = if !silent.is_empty() && self.random.chance(60) {
            *self.random.pick(&silent)
        } else {
            self.random.below(self.stances.len() as u64) as usize
        };
        use ProposalStatus::*;
        use Stance::*;
        let held = self.stances[who];
        let stance = loop {
            let stance = match self.status {
                Agreed | InEffect | Extended => self.random.weighted(&[
                    (Supports, 40),
                    (SupportsWithConditions, 20),
                    (AgreesInPrinciple, 15),
                    (NoPosition, 5),
                    (Opposes, 10),
                    (Rejects, 5),
                    (WithdrewSupport, 5),
                ]),
                Floated | UnderNegotiation | PartiallyAccepted | Unclear => self.random.weighted(&[
                    (Supports, 20),
                    (SupportsWithConditions, 25),
                    (AgreesInPrinciple, 20),
                    (NoPosition, 10),
                    (Opposes, 15),
                    (Rejects, 10),
                ]),
                Violated | Collapsed | Expired | Superseded | Rejected | Withdrawn => {
                    self.random.weighted(&[
                        (Supports, 10),
                        (SupportsWithConditions, 10),
                        (AgreesInPrinciple, 5),
                        (NoPosition, 10),
                        (Opposes, 25),
                        (Rejects, 25),
                        (WithdrewSupport, 15),
                    ])
                }
            };
            // Only a party that supported can withdraw its support.
            let supported =
                matches!(held, Some(Proposer | Supports | SupportsWithConditions | AgreesInPrinciple));
            if stance != WithdrewSupport || supported {
                break stance;
            }
        };
        self.stances[who] = Some(stance);
        let (party, role) = self.header.participants[who];
        let note = if self.random.chance(20) { quote(self.random, stance) } else { String::new() };
        let party = self.world.parties[party].uuid;
        self.record(day, ChangeRecord::Stance { party, stance, role }, note);
    }

    /// Raises a condition or moves one on; false when there is nothing to do.
    fn condition_change(&mut self, day: NaiveDate) -> bool {
        let open: Vec<usize> = (0..self.conditions.len())
            .filter(|&i| {
                !matches!(self.conditions[i].status, ConditionStatus::Met | ConditionStatus::Dropped)
            })
            .collect();
        let room = self.conditions.len() < self.most_conditions;
        if room && (open.is_empty() || self.random.chance(40)) {
            self.raise(day);
            return true;
        }
        if open.is_empty() {
            return false;
        }
        use ConditionStatus::*;
        let which = *self.random.pick(&open);
        let status = match self.conditions[which].status {
            Raised => {
                self.random.weighted(&[(UnderNegotiation, 60), (Accepted, 15), (Rejected, 15), (Dropped, 10)])
            }
            UnderNegotiation => {
                self.random.weighted(&[(Accepted, 40), (Rejected, 30), (Dropped, 20), (Met, 10)])
            }
            Accepted => self.random.weighted(&[(Met, 70), (Rejected, 15), (Dropped, 15)]),
            Rejected => self.random.weighted(&[(UnderNegotiation, 50), (Dropped, 50)]),
            Met | PartiallyMet | Dropped => unreachable!("settled conditions are not among the open ones"),
        };
        self.conditions[which].status = status;
        let condition = self.conditions[which].uuid;
        self.record(day, ChangeRecord::Condition { condition, status }, String::new());
        true
    }

    fn raise(&mut self, day: NaiveDate) {
        let participants = &self.header.participants;
        let by = self.random.below(participants.len() as u64) as usize;
        let at = self.random.below(participants.len() as u64) as usize;
        let place = &self.world.places[participants[at].0];
        let category = *self.random.pick(ConditionCategory::ALL);
        let kind = self.random.weighted(&[
            (ConditionKind::Demand, 60),
            (ConditionKind::Precondition, 30),
            (ConditionKind::RedLine, 10),
        ]);
        let uuid = self.random.uuid();
        let recorded_at = stamp::stamp(recorded_after(self.random, day));
        self.story.conditions.push(ConditionRecord {
            uuid,
            proposal: self.header.record.uuid,
            raised_by: self.world.parties[participants[by].0].uuid,
            directed_at: (at != by && self.random.chance(60))
                .then(|| self.world.parties[participants[at].0].uuid),
            text: names::condition(self.random, category, place),
            kind,
            category,
            recorded_at: recorded_at.clone(),
            recorded_by: self.header.analyst.to_string(),
        });
        self.conditions.push(Raised { uuid, status: ConditionStatus::Raised });
        let on = self.on(day);
        let event =
            self.event(on, ChangeRecord::Condition { condition: uuid, status: ConditionStatus::Raised });
        self.push(EventRecord { recorded_at, ..event });
    }

    /// `day`, now and then known only to its month when that stays within the proposal.
    fn on(&mut self, day: NaiveDate) -> EventDate {
        let month = EventDate::new(day, Precision::Month);
        if self.random.chance(3) && month.first_day() >= self.header.record.proposed_on.first_day() {
            month
        } else {
            EventDate::day(day)
        }
    }

    fn record(&mut self, day: NaiveDate, change: ChangeRecord, note: String) {
        let on = self.on(day);
        self.record_on(on, change, note);
    }

    /// Records an event; now and then a wrong one comes first and is retracted.
    fn record_on(&mut self, on: EventDate, change: ChangeRecord, note: String) {
        let mut event = EventRecord { note, ..self.event(on, change.clone()) };
        if self.random.chance(ENTERED_IN_ERROR) {
            let slip = mistaken(self.random, change);
            let wrong = EventRecord { note: String::new(), ..self.event(on, slip) };
            let noticed = stamp::parse(&wrong.recorded_at).expect("a stamp just written")
                + Duration::minutes(self.random.between(10, 3 * 24 * 60));
            let reason = self
                .random
                .pick(&[
                    "Entered in error: the report was misread",
                    "Wrong party",
                    "Duplicate of a later report",
                ])
                .to_string();
            self.story.retractions.push(RetractionRecord {
                uuid: retraction_of(&wrong.uuid),
                entry: wrong.uuid,
                reason,
                recorded_at: stamp::stamp(noticed),
                recorded_by: self.header.analyst.to_string(),
            });
            event.recorded_at = stamp::stamp(noticed + Duration::minutes(self.random.between(1, 60)));
            self.push(wrong);
        }
        self.push(event);
    }

    fn push(&mut self, event: EventRecord) {
        self.story.events.push(event);
    }

    /// An event with its sources and the time it was typed in.
    fn event(&mut self, on: EventDate, change: ChangeRecord) -> EventRecord {
        let sources = self.sources(on.first_day());
        EventRecord {
            uuid: self.random.uuid(),
            proposal: self.header.record.uuid,
            change,
            occurred_on: on,
            note: String::new(),
            sources,
            extension: None,
            recorded_at: stamp::stamp(recorded_after(self.random, on.first_day())),
            recorded_by: self.header.analyst.to_string(),
        }
    }

    /// The sources an event cites: usually one, sometimes two or none; a new report or
    /// one already cited on this proposal.
    fn sources(&mut self, day: NaiveDate) -> Vec<Uuid> {
        let count = self.random.weighted(&[(0usize, 20), (1, 70), (2, 10)]);
        let mut cited: Vec<Uuid> = Vec::with_capacity(count);
        for _ in 0..count {
            let source = if self.cited.is_empty() || self.random.chance(30) {
                self.new_source(day)
            } else {
                let recent = &self.cited[self.cited.len().saturating_sub(5)..];
                *self.random.pick(recent)
            };
            if !cited.contains(&source) {
                cited.push(source);
            }
        }
        cited
    }

    fn new_source(&mut self, day: NaiveDate) -> Uuid {
        let outlet = names::outlet(self.random);
        let place = &self.world.processes[self.header.process].place;
        let uuid = self.random.uuid();
        let slug: String = outlet.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-");
        let url = self
            .random
            .chance(80)
            .then(|| format!("https://{slug}.example/{}/{:02}/{}", day.year(), day.month(), uuid.simple()));
        self.story.sources.push(SourceRecord {
            uuid,
            title: format!("Ceasefire talks on {place}: latest, {}", EventDate::day(day).human()),
            outlet: outlet.to_string(),
            url,
            published_on: Some(EventDate::day(day)),
            recorded_at: stamp::stamp(recorded_after(self.random, day)),
            recorded_by: self.header.analyst.to_string(),
        });
        self.cited.push(uuid);
        uuid
    }
}

/// The kind of slip an analyst makes: the same sort of entry with another value.
fn mistaken(random: &mut Random, change: ChangeRecord) -> ChangeRecord {
    match change {
        ChangeRecord::Status { status } => {
            let wrong = *random.pick(ProposalStatus::ALL);
            let wrong = if wrong == status { ProposalStatus::Unclear } else { wrong };
            ChangeRecord::Status { status: wrong }
        }
        ChangeRecord::Stance { party, stance, role } => {
            let wrong = if stance == Stance::Opposes { Stance::Supports } else { Stance::Opposes };
            ChangeRecord::Stance {
                party,
                stance: wrong,
                role: if random.chance(50) { Role::Observer } else { role },
            }
        }
        ChangeRecord::Condition { condition, status } => {
            let wrong = if status == ConditionStatus::Rejected {
                ConditionStatus::Accepted
            } else {
                ConditionStatus::Rejected
            };
            ChangeRecord::Condition { condition, status: wrong }
        }
        // The archive records no violations or implementation, so nothing is slipped there.
        other @ (ChangeRecord::Violation { .. } | ChangeRecord::Implementation { .. }) => other,
    }
}

/// What a party said, for the stance's note.
fn quote(random: &mut Random, stance: Stance) -> String {
    let lines: &[&str] = match stance.leaning() {
        Leaning::For => &["\"We are ready to sign tomorrow.\"", "\"This is the chance the region needs.\""],
        Leaning::Conditional => {
            &["\"Yes, but the details must be right.\"", "\"In principle, once our concerns are met.\""]
        }
        Leaning::Neither => &["\"We are studying the text.\""],
        Leaning::Against => {
            &["\"This plan rewards aggression.\"", "\"We will not accept a pause that lets them regroup.\""]
        }
    };
    random.pick(lines).to_string()
}
