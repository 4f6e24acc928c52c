//! The demo data set: the US-Russia-Ukraine ceasefire talks of March 2025, as reported in
//! "US-Russia Negotiations Heat Up as Ceasefire Talks Continue" and the readout of the
//! Trump-Putin call of 18 March. Built through the [`Store`] API like anything a user
//! types in, so it obeys the same rules.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::{
    Change, ConditionCategory, ConditionKind, ConditionStatus, EventDate, ImplementationLevel, NewCondition,
    NewEvent, NewParty, NewProposal, NewSource, PartyKind, ProposalKind, ProposalStatus, Role, SourceChoice,
    Stance, ViolationDetails,
};
use crate::store::Store;

/// The two demo proposals' titles: the demo is there when both are.
pub const GENERAL_CEASEFIRE: &str = "30-day interim ceasefire";
pub const ENERGY_HALT: &str = "30-day halt on strikes against energy infrastructure";

const PROCESS: &str = "Russia-Ukraine war";

/// Every party the article names, each after the party it belongs to.
const PARTIES: &[(&str, PartyKind, Option<&str>, &str)] = &[
    ("United States", PartyKind::State, None, ""),
    ("Donald Trump", PartyKind::Person, Some("United States"), "President of the United States"),
    ("Steven Witkoff", PartyKind::Person, Some("United States"), "President Trump's special envoy"),
    ("Mike Waltz", PartyKind::Person, Some("United States"), "US national security adviser"),
    ("Russia", PartyKind::State, None, ""),
    ("Vladimir Putin", PartyKind::Person, Some("Russia"), "President of Russia"),
    ("Ukraine", PartyKind::State, None, ""),
    ("Volodymyr Zelenskyy", PartyKind::Person, Some("Ukraine"), "President of Ukraine"),
    (
        "European countries",
        PartyKind::Coalition,
        None,
        "Western allies who could play significant roles in establishing a ceasefire",
    ),
    ("United Kingdom", PartyKind::State, Some("European countries"), ""),
    ("Keir Starmer", PartyKind::Person, Some("United Kingdom"), "Prime Minister of the United Kingdom"),
    ("France", PartyKind::State, Some("European countries"), ""),
    ("Norway", PartyKind::State, Some("European countries"), ""),
    ("Finland", PartyKind::State, Some("European countries"), ""),
];

/// Loads the demo data set, all of it or nothing. Returns false, changing nothing, when it
/// is already there.
pub fn load_demo(store: &mut Store) -> Result<bool> {
    store.all_or_nothing(load)
}

fn load(store: &mut Store) -> Result<bool> {
    let general_there = proposal_exists(store, GENERAL_CEASEFIRE)?;
    let energy_there = proposal_exists(store, ENERGY_HALT)?;
    if general_there && energy_there {
        return Ok(false);
    }
    let mut demo = Demo::prepare(store)?;
    if !general_there {
        demo.general_ceasefire()?;
    }
    if !energy_there {
        demo.energy_halt()?;
    }
    Ok(true)
}

fn proposal_exists(store: &Store, title: &str) -> Result<bool> {
    match store.find_proposal(title) {
        Ok(_) | Err(Error::Ambiguous { .. }) => Ok(true),
        Err(Error::NotFound { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

/// The store being filled, with the ids of the demo's parties and sources.
struct Demo<'s> {
    store: &'s mut Store,
    parties: HashMap<&'static str, i64>,
    article: i64,
    readout: i64,
}

impl<'s> Demo<'s> {
    /// Finds or records the parties and sources; a party the user already has under the
    /// same name is used as it is.
    fn prepare(store: &'s mut Store) -> Result<Self> {
        let mut parties = HashMap::new();
        for &(name, kind, member_of, note) in PARTIES {
            let id = match store.find_party(name) {
                Ok(party) => party.id,
                Err(Error::NotFound { .. }) => store.add_party(&NewParty {
                    name: name.to_string(),
                    kind,
                    member_of: member_of.map(|parent| parties[parent]),
                    note: note.to_string(),
                })?,
                Err(other) => return Err(other),
            };
            parties.insert(name, id);
        }
        // The article is undated; it reports the Sunday interviews of 16 March.
        let article =
            source(store, "US-Russia Negotiations Heat Up as Ceasefire Talks Continue", "", date("2025-03"))?;
        let readout = source(
            store,
            "White House readout of the Trump-Putin call of 18 March 2025",
            "The White House",
            date("2025-03-18"),
        )?;
        Ok(Self { store, parties, article, readout })
    }

    fn party(&self, name: &str) -> i64 {
        self.parties[name]
    }

    /// The US proposal of Jeddah, 11 March 2025, and what became of it until 18 March.
    fn general_ceasefire(&mut self) -> Result<()> {
        let proposal = self
            .store
            .add_proposal(&NewProposal {
                title: GENERAL_CEASEFIRE.to_string(),
                summary: "An immediate, interim 30-day ceasefire, extendable by mutual agreement, put \
                          to Ukraine by the United States at the Jeddah talks. Ukraine agreed, subject to \
                          Russia's acceptance."
                    .to_string(),
                full_text: None,
                proposed_by: self.party("United States"),
                proposer_role: Role::Mediator,
                proposed_on: date("2025-03-11"),
                kind: ProposalKind::General,
                scope: "The entire front line, in the air and at sea".to_string(),
                duration_days: Some(30),
                process: PROCESS.to_string(),
                supersedes: None,
                co_proposers: Vec::new(),
                phase_of: None,
                phase: None,
                sources: vec![self.cite_article()],
            })?
            .id;

        // Jeddah, 11 March: Ukraine agrees, subject to Russia's acceptance.
        self.stance(
            proposal,
            "Ukraine",
            Stance::SupportsWithConditions,
            Role::Party,
            "2025-03-11",
            "Agreed at the Jeddah talks, subject to Russia's acceptance",
        )?;
        self.condition(
            proposal,
            ("Ukraine", Some("Russia")),
            "Russia accepts the ceasefire and observes it at the same time",
            (ConditionKind::Precondition, ConditionCategory::Other),
            ("2025-03-11", "Ukraine's agreement is subject to Russia's acceptance"),
        )?;
        let guarantees = self.condition(
            proposal,
            ("Ukraine", Some("United States")),
            "Security guarantees from Western allies, the United States included",
            (ConditionKind::Demand, ConditionCategory::SecurityGuarantees),
            ("2025-03-11", "Ukraine pushed for security guarantees from Western allies"),
        )?;
        self.status(
            proposal,
            ProposalStatus::PartiallyAccepted,
            "2025-03-11",
            "Accepted by Ukraine; Russia's answer awaited",
        )?;

        // 13 March: Putin supports it in principle, with conditions to be negotiated.
        self.stance(
            proposal,
            "Russia",
            Stance::AgreesInPrinciple,
            Role::Party,
            "2025-03-13",
            "Putin indicated support for the 30-day ceasefire, with conditions that must be negotiated",
        )?;
        let mut russian_conditions = Vec::new();
        for (text, directed_at, category) in [
            (
                "Verification and monitoring of the ceasefire along the front line",
                None,
                ConditionCategory::Monitoring,
            ),
            (
                "Ukraine halts mobilisation and rearmament during the ceasefire",
                Some("Ukraine"),
                ConditionCategory::MilitaryLimits,
            ),
            ("Western arms supplies to Ukraine stop", Some("United States"), ConditionCategory::ArmsSupplies),
        ] {
            let id = self.condition(
                proposal,
                ("Russia", directed_at),
                text,
                (ConditionKind::Precondition, category),
                ("2025-03-13", "Among the conditions Putin outlined for the deal to materialise"),
            )?;
            russian_conditions.push(id);
        }
        self.status(
            proposal,
            ProposalStatus::UnderNegotiation,
            "2025-03-13",
            "Russia backs it in principle; its conditions are to be negotiated",
        )?;

        // 15 March: the UK-led effort for a peacekeeping force after an agreement.
        self.stance(
            proposal,
            "United Kingdom",
            Stance::Supports,
            Role::Guarantor,
            "2025-03-15",
            "Keir Starmer rallies Western allies to assemble a possible peacekeeping force for Ukraine \
             after an agreement",
        )?;
        self.condition(
            proposal,
            ("Russia", Some("European countries")),
            "No foreign troops in Ukraine",
            (ConditionKind::RedLine, ConditionCategory::Peacekeeping),
            ("2025-03-16", "Russian opposition to foreign troops in Ukraine, as reported on 16 March"),
        )?;

        // Sunday 16 March: the Witkoff and Waltz interviews, and no US guarantees.
        for condition in russian_conditions {
            self.condition_status(
                proposal,
                condition,
                ConditionStatus::UnderNegotiation,
                "2025-03-16",
                "Witkoff: US envoys are bridging the gaps between Ukrainian and Russian negotiators; he \
                 would not confirm the Kremlin's specific demands",
            )?;
        }
        for (text, category, note) in [
            (
                "Territory discussed in exchange for future security assurances",
                ConditionCategory::Territory,
                "Waltz hinted at discussing territorial exchanges for future security assurances",
            ),
            (
                "No permanent NATO membership for Ukraine",
                ConditionCategory::PoliticalStatus,
                "Waltz downplayed the likelihood of a permanent NATO membership for Ukraine",
            ),
        ] {
            self.condition(
                proposal,
                ("Mike Waltz", Some("Ukraine")),
                text,
                (ConditionKind::Demand, category),
                ("2025-03-16", note),
            )?;
        }
        self.condition_status(
            proposal,
            guarantees,
            ConditionStatus::Rejected,
            "2025-03-16",
            "Trump has made it clear that no US security guarantees are forthcoming",
        )?;

        // 18 March: in the call with Trump, Putin holds to his conditions for the full
        // ceasefire and agrees only to the narrower halt recorded as the second proposal.
        self.record(
            proposal,
            Change::Stance { party: self.party("Russia"), stance: Stance::AgreesInPrinciple, role: Role::Party },
            "2025-03-18",
            "In the call with Trump, Putin did not accept the full ceasefire: he named control of a ceasefire \
             along the entire front line, a halt to Ukraine's mobilisation and rearmament, and an end to \
             foreign military aid as conditions",
            vec![SourceChoice::Known { id: self.readout }],
        )?;
        // While the proposal was on the table, the attacks went on.
        let week = NewEvent {
            proposal,
            change: Change::Violation {
                reported_by: Some(self.party("Ukraine")),
                against: Some(self.party("Russia")),
                disputed: false,
            },
            occurred_on: date("2025-03-11"),
            note: "Zelenskyy: over a thousand drones and many guided bombs launched against Ukraine in the \
                   past week"
                .to_string(),
            sources: vec![self.cite_article()],
            extension: None,
            violation: Some(ViolationDetails {
                until: Some(date("2025-03-16")),
                count: Some(1000),
                unit: "drones".to_string(),
                place: "Ukraine".to_string(),
            }),
        };
        self.store.record(&week)?;
        Ok(())
    }

    /// The narrower halt agreed in the Trump-Putin call of 18 March 2025.
    fn energy_halt(&mut self) -> Result<()> {
        let readout = SourceChoice::Known { id: self.readout };
        let proposal = self
            .store
            .add_proposal(&NewProposal {
                title: ENERGY_HALT.to_string(),
                summary: "Agreed in the Trump-Putin call of 18 March as a first step: Russia and Ukraine \
                          stop striking each other's energy infrastructure for 30 days. Narrower than the \
                          30-day interim ceasefire, which Russia did not accept in the call."
                    .to_string(),
                full_text: None,
                proposed_by: self.party("Donald Trump"),
                proposer_role: Role::Mediator,
                proposed_on: date("2025-03-18"),
                kind: ProposalKind::Partial,
                scope: "Energy infrastructure".to_string(),
                duration_days: Some(30),
                process: PROCESS.to_string(),
                supersedes: None,
                co_proposers: Vec::new(),
                phase_of: None,
                phase: None,
                sources: vec![readout.clone()],
            })?
            .id;
        self.record(
            proposal,
            Change::Stance { party: self.party("Russia"), stance: Stance::Supports, role: Role::Party },
            "2025-03-18",
            "Putin agreed in the call and ordered the Russian military to stop strikes on energy \
             infrastructure",
            vec![readout.clone()],
        )?;
        self.record(
            proposal,
            Change::Status { status: ProposalStatus::PartiallyAccepted },
            "2025-03-18",
            "Agreed by Russia in the call; Ukraine's answer awaited",
            vec![readout],
        )?;
        self.record(
            proposal,
            Change::Stance {
                party: self.party("Ukraine"),
                stance: Stance::AgreesInPrinciple,
                role: Role::Party,
            },
            "2025-03-18",
            "Zelenskyy said Ukraine would support a halt on strikes against energy infrastructure and \
             asked for its details",
            Vec::new(),
        )?;
        // The exchange of prisoners agreed in the same call, carried out the next day.
        let exchange = NewCondition {
            proposal,
            raised_by: self.party("Russia"),
            directed_at: Some(self.party("Ukraine")),
            text: "Exchange of 175 prisoners of war on each side on 19 March".to_string(),
            kind: ConditionKind::Demand,
            category: ConditionCategory::Prisoners,
            raised_on: date("2025-03-18"),
            note: "Agreed in the Trump-Putin call".to_string(),
            sources: vec![SourceChoice::Known { id: self.readout }],
        };
        let exchange = self.store.add_condition(&exchange)?.id;
        self.record(
            proposal,
            Change::Condition { condition: exchange, status: ConditionStatus::Accepted },
            "2025-03-18",
            "Both sides agreed to the exchange",
            vec![SourceChoice::Known { id: self.readout }],
        )?;
        self.record(
            proposal,
            Change::Implementation { condition: exchange, level: ImplementationLevel::Full },
            "2025-03-19",
            "175 prisoners of war exchanged on each side, as agreed",
            Vec::new(),
        )?;
        Ok(())
    }

    fn cite_article(&self) -> SourceChoice {
        SourceChoice::Known { id: self.article }
    }

    fn status(&mut self, proposal: i64, status: ProposalStatus, on: &str, note: &str) -> Result<i64> {
        self.record(proposal, Change::Status { status }, on, note, vec![self.cite_article()])
    }

    fn stance(
        &mut self,
        proposal: i64,
        party: &str,
        stance: Stance,
        role: Role,
        on: &str,
        note: &str,
    ) -> Result<i64> {
        let change = Change::Stance { party: self.party(party), stance, role };
        self.record(proposal, change, on, note, vec![self.cite_article()])
    }

    /// Records a condition raised by the first party, directed at the second if any.
    fn condition(
        &mut self,
        proposal: i64,
        (raised_by, directed_at): (&str, Option<&str>),
        text: &str,
        (kind, category): (ConditionKind, ConditionCategory),
        (on, note): (&str, &str),
    ) -> Result<i64> {
        let condition = NewCondition {
            proposal,
            raised_by: self.party(raised_by),
            directed_at: directed_at.map(|party| self.party(party)),
            text: text.to_string(),
            kind,
            category,
            raised_on: date(on),
            note: note.to_string(),
            sources: vec![self.cite_article()],
        };
        Ok(self.store.add_condition(&condition)?.id)
    }

    fn condition_status(
        &mut self,
        proposal: i64,
        condition: i64,
        status: ConditionStatus,
        on: &str,
        note: &str,
    ) -> Result<i64> {
        self.record(proposal, Change::Condition { condition, status }, on, note, vec![self.cite_article()])
    }

    fn record(
        &mut self,
        proposal: i64,
        change: Change,
        on: &str,
        note: &str,
        sources: Vec<SourceChoice>,
    ) -> Result<i64> {
        let event = NewEvent {
            proposal,
            change,
            occurred_on: date(on),
            note: note.to_string(),
            sources,
            extension: None,
            violation: None,
        };
        Ok(self.store.record(&event)?.id)
    }
}

/// A known source by its exact title, or a new one.
fn source(store: &mut Store, title: &str, outlet: &str, published_on: EventDate) -> Result<i64> {
    if let Some(known) = store.find_source(title)? {
        return Ok(known.id);
    }
    let source = NewSource {
        title: title.to_string(),
        outlet: outlet.to_string(),
        url: None,
        published_on: Some(published_on),
    };
    store.add_source(&source)
}

/// The demo's dates are written here by hand and are all valid.
fn date(text: &str) -> EventDate {
    text.parse().expect("a valid demo date")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::Viewpoint;

    fn on(text: &str) -> Viewpoint {
        Viewpoint::as_of(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn a_second_load_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(load_demo(&mut store).unwrap());
        let parties = store.parties().unwrap().len();
        assert!(!load_demo(&mut store).unwrap());
        assert_eq!(store.parties().unwrap().len(), parties);
        assert_eq!(store.summaries(Viewpoint::today()).unwrap().len(), 2);
    }

    #[test]
    fn parties_the_user_already_has_are_used_as_they_are() {
        let mut store = Store::open_in_memory().unwrap();
        let note = "Recorded before the demo".to_string();
        let russia = store
            .add_party(&NewParty { name: "Russia".into(), kind: PartyKind::State, member_of: None, note })
            .unwrap();
        load_demo(&mut store).unwrap();
        assert_eq!(store.find_party("Vladimir Putin").unwrap().member_of, Some(russia));
        assert_eq!(store.party(russia).unwrap().note, "Recorded before the demo");
    }

    #[test]
    fn the_talks_read_as_reported_on_each_date() {
        let mut store = Store::open_in_memory().unwrap();
        load_demo(&mut store).unwrap();
        let general = store.find_proposal(GENERAL_CEASEFIRE).unwrap().id;

        let jeddah = store.proposal_state(general, on("2025-03-11")).unwrap();
        assert_eq!(jeddah.status, Some(ProposalStatus::PartiallyAccepted));
        let ukraine = jeddah.stances.iter().find(|s| s.party == "Ukraine").unwrap();
        assert_eq!(ukraine.stance, Stance::SupportsWithConditions);

        let answer = store.proposal_state(general, on("2025-03-13")).unwrap();
        assert_eq!(answer.status, Some(ProposalStatus::UnderNegotiation));
        let russia = answer.stances.iter().find(|s| s.party == "Russia").unwrap();
        assert_eq!(russia.stance, Stance::AgreesInPrinciple);
        assert_eq!(russia.condition_ids.len(), 3, "verification, mobilisation and arms supplies");

        let sunday = store.proposal_state(general, on("2025-03-16")).unwrap();
        let guarantees =
            sunday.conditions.iter().find(|c| c.category == ConditionCategory::SecurityGuarantees).unwrap();
        assert_eq!(guarantees.status, ConditionStatus::Rejected);
        assert!(sunday.conditions.iter().any(|c| c.raised_by == "Mike Waltz"));

        let energy = store.find_proposal(ENERGY_HALT).unwrap();
        assert_eq!(energy.kind, ProposalKind::Partial);
        assert_eq!(energy.scope, "Energy infrastructure");
        assert_eq!(store.proposal_state(energy.id, on("2025-03-17")).unwrap().status, None);
        let call = store.proposal_state(energy.id, on("2025-03-18")).unwrap();
        assert_eq!(call.status, Some(ProposalStatus::PartiallyAccepted));
    }
}
