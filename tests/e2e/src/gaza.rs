//! The January 2025 Gaza deal as an analyst would enter it: three mediators proposing it
//! together, the two parties to the conflict, a guarantor, a first phase of 42 days in
//! effect from 19 January 2025, and names in Arabic and Russian beside the English ones.

use ceasefire_tracker::model::{
    Change, ConditionCategory, ConditionKind, ConditionStatus, NewCondition, NewEvent, NewParty, NewProposal,
    PartyKind, ProposalKind, ProposalStatus, Role, Stance,
};
use ceasefire_tracker::Store;

pub const DEAL: &str = "Gaza ceasefire and hostage release deal";
pub const PHASE_ONE: &str = "Phase one: 42-day ceasefire and first exchange";
/// A party named in Arabic: Hamas's own name.
pub const HAMAS: &str = "حركة المقاومة الإسلامية (حماس)";

/// The ids of what was entered.
pub struct Gaza {
    pub deal: i64,
    pub phase_one: i64,
    pub qatar: i64,
    pub egypt: i64,
    pub united_states: i64,
}

fn party(store: &mut Store, name: &str, kind: PartyKind) -> i64 {
    if let Ok(party) = store.find_party(name) {
        return party.id;
    }
    let new = NewParty { name: name.to_string(), kind, member_of: None, note: String::new() };
    store.add_party(&new).expect("the party is recorded")
}

fn date(text: &str) -> ceasefire_tracker::model::EventDate {
    text.parse().expect("a date")
}

fn event(store: &mut Store, proposal: i64, change: Change, on: &str, note: &str) {
    let new = NewEvent {
        proposal,
        change,
        occurred_on: date(on),
        note: note.to_string(),
        sources: Vec::new(),
        extension: None,
        violation: None,
    };
    store.record(&new).expect("the event is recorded");
}

fn proposal(store: &mut Store, title: &str, by: i64, with: Vec<i64>, on: &str) -> NewProposal {
    let _ = store;
    NewProposal {
        title: title.to_string(),
        summary: String::new(),
        full_text: None,
        proposed_by: by,
        proposer_role: Role::Mediator,
        proposed_on: date(on),
        kind: ProposalKind::General,
        scope: String::new(),
        duration_days: None,
        process: "Israel–Hamas war".to_string(),
        supersedes: None,
        co_proposers: with,
        phase_of: None,
        phase: None,
        sources: Vec::new(),
    }
}

/// Enters the deal, its first phase and the parties' stances.
pub fn enter(store: &mut Store) -> Gaza {
    let qatar = party(store, "Qatar", PartyKind::State);
    let egypt = party(store, "Egypt", PartyKind::State);
    let united_states = party(store, "United States", PartyKind::State);
    let israel = party(store, "Israel", PartyKind::State);
    let hamas = party(store, HAMAS, PartyKind::ArmedGroup);
    let turkey = party(store, "Türkiye", PartyKind::State);
    let russia = party(store, "Российская Федерация", PartyKind::State);

    let mut deal = proposal(store, DEAL, qatar, vec![egypt, united_states], "2025-01-15");
    deal.summary = "A ceasefire in three phases, with hostages and prisoners exchanged.".to_string();
    let deal = store.add_proposal(&deal).expect("the deal").id;
    let mut phase = proposal(store, PHASE_ONE, qatar, vec![egypt, united_states], "2025-01-15");
    phase.duration_days = Some(42);
    phase.phase_of = Some(deal);
    phase.phase = Some(1);
    phase.kind = ProposalKind::Partial;
    let phase_one = store.add_proposal(&phase).expect("phase one").id;

    for id in [deal, phase_one] {
        event(store, id, Change::Status { status: ProposalStatus::Agreed }, "2025-01-15", "");
    }
    event(store, phase_one, Change::Status { status: ProposalStatus::InEffect }, "2025-01-19", "");
    event(store, deal, Change::Status { status: ProposalStatus::InEffect }, "2025-01-19", "");
    let stance = |party, stance, role| Change::Stance { party, stance, role };
    event(
        store,
        deal,
        stance(israel, Stance::Supports, Role::Party),
        "2025-01-17",
        "The security cabinet recommended that the government approve the deal.",
    );
    event(
        store,
        deal,
        stance(hamas, Stance::SupportsWithConditions, Role::Party),
        "2025-01-15",
        "نوافق على الاتفاق بشرط انسحاب القوات الإسرائيلية من محور فيلادلفيا في المرحلة الثانية.",
    );
    event(store, deal, stance(turkey, Stance::Supports, Role::Guarantor), "2025-01-16", "");
    event(
        store,
        deal,
        stance(russia, Stance::AgreesInPrinciple, Role::ThirdParty),
        "2025-01-16",
        "Москва приветствует соглашение и призывает стороны соблюдать его.",
    );
    let condition = NewCondition {
        proposal: deal,
        raised_by: hamas,
        directed_at: Some(israel),
        text: "Release of 33 hostages in phase one against Palestinian prisoners".to_string(),
        kind: ConditionKind::Demand,
        category: ConditionCategory::Prisoners,
        raised_on: date("2025-01-15"),
        note: String::new(),
        sources: Vec::new(),
    };
    let condition = store.add_condition(&condition).expect("the condition").id;
    event(
        store,
        deal,
        Change::Condition { condition, status: ConditionStatus::PartiallyMet },
        "2025-02-27",
        "",
    );
    Gaza { deal, phase_one, qatar, egypt, united_states }
}

/// The title of [`pause_ending_soon`]'s proposal.
pub const PAUSE: &str = "Humanitarian pause for the north";

/// A 30-day humanitarian pause, agreed and in effect, whose last day is `days_left` days
/// after today (the window's clock runs on the real date): the kind of deadline the notice
/// on opening names.
pub fn pause_ending_soon(store: &mut Store, gaza: &Gaza, days_left: i64) -> i64 {
    let today = ceasefire_tracker::model::rules::today();
    // The last day covered is the start plus the duration less one.
    let start = today + chrono::Duration::days(days_left - 29);
    let start = start.format("%Y-%m-%d").to_string();
    let mut pause = proposal(store, PAUSE, gaza.qatar, Vec::new(), &start);
    pause.duration_days = Some(30);
    pause.phase_of = None;
    let pause = store.add_proposal(&pause).expect("the pause").id;
    event(store, pause, Change::Status { status: ProposalStatus::Agreed }, &start, "");
    event(store, pause, Change::Status { status: ProposalStatus::InEffect }, &start, "");
    pause
}
