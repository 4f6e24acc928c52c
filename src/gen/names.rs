//! The words synthetic records are made of: invented places, people, outlets and
//! conditions, so that a generated archive reads like a real one without naming anyone.

use std::collections::HashSet;

use crate::model::{ConditionCategory, PartyKind};

use super::random::Random;

const FIRST: &[&str] = &[
    "Ar", "Bel", "Cor", "Dal", "Esk", "Fal", "Gor", "Hal", "Ist", "Kar", "Lun", "Mar", "Nor", "Os", "Pel",
    "Qar", "Ros", "Sal", "Tor", "Ul", "Var", "Wes", "Zan", "Ama", "Bra", "Ced", "Dra", "Eri", "Tal", "Sev",
];
const MIDDLE: &[&str] = &["", "", "a", "e", "i", "o", "an", "en", "ar", "ov", "ul", "is"];
const LAST: &[&str] =
    &["via", "dor", "stan", "land", "mark", "ria", "gard", "mora", "nia", "tia", "khet", "ova"];

const GIVEN: &[&str] = &[
    "Amina", "Boris", "Carla", "Dmitri", "Elif", "Farid", "Greta", "Hassan", "Irina", "Jonas", "Kofi",
    "Leila", "Marek", "Nadia", "Omar", "Petra", "Rustam", "Sofia", "Tariq", "Ulla", "Viktor", "Yasmin",
    "Zoran",
];

const ORGANIZATIONS: &[&str] = &[
    "Council for Peace in",
    "Regional Security Office of",
    "Humanitarian Coordination Desk for",
    "Contact Group on",
    "Monitoring Mission to",
];

const ARMED_GROUPS: &[&str] =
    &["Liberation Front", "People's Army", "Defence Forces", "Brigades", "Movement"];

const COALITIONS: &[&str] = &["Alliance", "Union", "Coalition", "Compact", "League"];

const OUTLETS: &[&str] = &[
    "The Daily Ledger",
    "Evening Courier",
    "Wire Service International",
    "Regional Broadcaster",
    "The Observer Weekly",
    "News Agency of the Coast",
    "Foreign Desk Review",
    "Morning Gazette",
];

/// A place name such as "Belovia", unique among those `taken`.
pub(super) fn place(random: &mut Random, taken: &mut HashSet<String>) -> String {
    loop {
        let name = format!("{}{}{}", random.pick(FIRST), random.pick(MIDDLE), random.pick(LAST));
        if taken.insert(name.clone()) {
            return name;
        }
        // The syllables run out long before a few thousand names: number the repeats.
        let numbered = format!("{name} {}", taken.len());
        if taken.insert(numbered.clone()) {
            return numbered;
        }
    }
}

/// A party's name for its kind, built on a place name.
pub(super) fn party(random: &mut Random, kind: PartyKind, place: &str) -> String {
    match kind {
        PartyKind::State => format!("Republic of {place}"),
        PartyKind::Person => format!("{} {place}", random.pick(GIVEN)),
        PartyKind::Organization => format!("{} {place}", random.pick(ORGANIZATIONS)),
        PartyKind::ArmedGroup => format!("{place} {}", random.pick(ARMED_GROUPS)),
        PartyKind::Coalition => format!("{place} {}", random.pick(COALITIONS)),
        PartyKind::Other => format!("Delegation of {place}"),
    }
}

pub(super) fn outlet(random: &mut Random) -> &'static str {
    random.pick::<&str>(OUTLETS)
}

/// A condition's text in its category, about a place.
pub(super) fn condition(random: &mut Random, category: ConditionCategory, place: &str) -> String {
    let texts: &[&str] = match category {
        ConditionCategory::SecurityGuarantees => {
            &["Written security guarantees for {}", "A guarantor's commitment to defend {}"]
        }
        ConditionCategory::Peacekeeping => {
            &["A neutral peacekeeping force along the {} line", "No foreign troops in {}"]
        }
        ConditionCategory::Territory => {
            &["Withdrawal of forces from {}", "Recognition of the current line in {}"]
        }
        ConditionCategory::MilitaryLimits => {
            &["A cap on troops stationed near {}", "No mobilisation in {} during the truce"]
        }
        ConditionCategory::ArmsSupplies => {
            &["A halt to arms deliveries to {}", "No rearmament of units in {}"]
        }
        ConditionCategory::Sanctions => &["Lifting of sanctions on {}", "Unfreezing of {}'s reserves"],
        ConditionCategory::Prisoners => {
            &["An all-for-all exchange of prisoners held in {}", "Return of civilians detained in {}"]
        }
        ConditionCategory::Monitoring => {
            &["International monitors in {}", "Verification of the truce in {} by satellite"]
        }
        ConditionCategory::Humanitarian => {
            &["A humanitarian corridor out of {}", "Safe passage for aid convoys to {}"]
        }
        ConditionCategory::PoliticalStatus => {
            &["A referendum on the status of {}", "Elections in {} within a year"]
        }
        ConditionCategory::Other => &["Talks on {} to resume within a month", "A joint commission for {}"],
    };
    random.pick(texts).replace("{}", place)
}
