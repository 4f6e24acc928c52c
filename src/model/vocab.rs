//! The controlled vocabularies of the codebooks (PA-X, ETH/PRIO, GovTrack).
//!
//! Each word has a code (stored in the database, written in JSON and typed at the
//! command line) and a label for people. Serde and the TypeScript bindings use the code.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::InputError;

/// A vocabulary word: its code, its label, and every word of the vocabulary.
pub trait Vocabulary: Sized + Copy + 'static {
    /// What the vocabulary is called in messages ("proposal status").
    const NAME: &'static str;
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;

    fn parse(word: &str) -> Result<Self, InputError> {
        let wanted = word.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL.iter().copied().find(|w| w.code() == wanted).ok_or_else(|| InputError::UnknownWord {
            vocabulary: Self::NAME,
            word: word.to_string(),
            known: Self::ALL.iter().map(|w| w.code()).collect::<Vec<_>>().join(", "),
        })
    }
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $vocab_name:literal {
            $($variant:ident = $code:literal, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name {
            $($variant,)+
        }

        impl Vocabulary for $name {
            const NAME: &'static str = $vocab_name;
            const ALL: &'static [Self] = &[$(Self::$variant,)+];

            fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as Vocabulary>::parse(s)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                // Stored words are exact codes: find them without the allocations of `parse`.
                if let Some(word) = Self::ALL.iter().copied().find(|w| w.code() == text) {
                    return Ok(word);
                }
                <Self as Vocabulary>::parse(text)
                    .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

vocabulary! {
    /// Who takes positions.
    PartyKind, "party kind" {
        State = "state", "State";
        Person = "person", "Person";
        Organization = "organization", "Organization";
        ArmedGroup = "armed_group", "Armed group";
        Coalition = "coalition", "Coalition";
        Other = "other", "Other";
    }
}

vocabulary! {
    /// What kind of ceasefire a proposal is.
    ProposalKind, "proposal kind" {
        General = "general", "General ceasefire";
        Partial = "partial", "Partial ceasefire";
        HumanitarianPause = "humanitarian_pause", "Humanitarian pause";
        Definitive = "definitive", "Definitive ceasefire";
    }
}

vocabulary! {
    /// Where a proposal stands.
    ProposalStatus, "proposal status" {
        Floated = "floated", "Floated";
        UnderNegotiation = "under_negotiation", "Under negotiation";
        PartiallyAccepted = "partially_accepted", "Partially accepted";
        Agreed = "agreed", "Agreed";
        InEffect = "in_effect", "In effect";
        Extended = "extended", "Extended";
        Violated = "violated", "Violated";
        Collapsed = "collapsed", "Collapsed";
        Expired = "expired", "Expired";
        Superseded = "superseded", "Superseded";
        Rejected = "rejected", "Rejected";
        Withdrawn = "withdrawn", "Withdrawn";
        Unclear = "unclear", "Unclear";
    }
}

impl ProposalStatus {
    /// A closed proposal is over: it can no longer come into effect as it stands.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Collapsed | Self::Expired | Self::Superseded | Self::Rejected | Self::Withdrawn)
    }

    /// The status's colour, in the window and in the reports: a second cue, only ever shown
    /// beside the status's word. Okabe-Ito colours, which stay apart for colour-blind
    /// readers; closed statuses grey or in the warning colours.
    pub fn colour(self) -> &'static str {
        use okabe_ito::*;
        match self {
            Self::Floated => SKY_BLUE,
            Self::UnderNegotiation => BLUE,
            Self::PartiallyAccepted => YELLOW,
            Self::Agreed | Self::InEffect | Self::Extended => BLUISH_GREEN,
            Self::Violated => ORANGE,
            Self::Collapsed | Self::Rejected => VERMILLION,
            Self::Expired | Self::Superseded | Self::Withdrawn => GREY,
            Self::Unclear => REDDISH_PURPLE,
        }
    }

    /// The colour of text written on the status's colour: white on the dark ones, so that it
    /// stays readable.
    pub fn colour_text(self) -> &'static str {
        use okabe_ito::*;
        match self.colour() {
            BLUE | VERMILLION | BLUISH_GREEN => "#FFFFFF",
            _ => "#000000",
        }
    }
}

/// The Okabe-Ito palette of colours told apart with every common colour vision deficiency.
mod okabe_ito {
    pub const ORANGE: &str = "#E69F00";
    pub const SKY_BLUE: &str = "#56B4E9";
    pub const BLUISH_GREEN: &str = "#009E73";
    pub const YELLOW: &str = "#F0E442";
    pub const BLUE: &str = "#0072B2";
    pub const VERMILLION: &str = "#D55E00";
    pub const REDDISH_PURPLE: &str = "#CC79A7";
    pub const GREY: &str = "#999999";
}

vocabulary! {
    /// A party's position on a proposal.
    Stance, "stance" {
        Proposer = "proposer", "Proposer";
        Supports = "supports", "Supports";
        SupportsWithConditions = "supports_with_conditions", "Supports with conditions";
        AgreesInPrinciple = "agrees_in_principle", "Agrees in principle";
        NoPosition = "no_position", "No position";
        Opposes = "opposes", "Opposes";
        Rejects = "rejects", "Rejects";
        WithdrewSupport = "withdrew_support", "Withdrew support";
    }
}

/// How a stance counts in the overview's supporters / conditional / opposed columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaning {
    For,
    Conditional,
    Against,
    Neither,
}

impl Stance {
    pub fn leaning(self) -> Leaning {
        match self {
            Self::Proposer | Self::Supports => Leaning::For,
            Self::SupportsWithConditions | Self::AgreesInPrinciple => Leaning::Conditional,
            Self::Opposes | Self::Rejects | Self::WithdrewSupport => Leaning::Against,
            Self::NoPosition => Leaning::Neither,
        }
    }
}

vocabulary! {
    /// The part a party plays in the talks on a proposal.
    Role, "role" {
        Party = "party", "Party to the conflict";
        Mediator = "mediator", "Mediator";
        Guarantor = "guarantor", "Guarantor";
        Observer = "observer", "Observer";
        ThirdParty = "third_party", "Third party";
    }
}

vocabulary! {
    /// How binding a condition is meant to be.
    ConditionKind, "condition kind" {
        Precondition = "precondition", "Precondition";
        Demand = "demand", "Demand";
        RedLine = "red_line", "Red line";
    }
}

vocabulary! {
    /// Where a condition stands.
    ConditionStatus, "condition status" {
        Raised = "raised", "Raised";
        UnderNegotiation = "under_negotiation", "Under negotiation";
        Accepted = "accepted", "Accepted";
        Rejected = "rejected", "Rejected";
        PartiallyMet = "partially_met", "Partially met";
        Met = "met", "Met";
        Dropped = "dropped", "Dropped";
    }
}

impl ConditionStatus {
    /// An open condition still stands between the parties and the deal.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Raised | Self::UnderNegotiation | Self::Rejected)
    }
}

vocabulary! {
    /// How far a condition was carried out on the ground: the Peace Accords Matrix scale, 0 to 3.
    ImplementationLevel, "level of implementation" {
        NotStarted = "not_started", "Not started";
        Minimal = "minimal", "Minimal";
        Intermediate = "intermediate", "Intermediate";
        Full = "full", "Full";
    }
}

impl ImplementationLevel {
    /// The level on the Peace Accords Matrix scale: 0 (not started) to 3 (full).
    pub fn scale(self) -> i64 {
        match self {
            Self::NotStarted => 0,
            Self::Minimal => 1,
            Self::Intermediate => 2,
            Self::Full => 3,
        }
    }
}

vocabulary! {
    /// What a condition is about.
    ConditionCategory, "condition category" {
        SecurityGuarantees = "security_guarantees", "Security guarantees";
        Peacekeeping = "peacekeeping", "Peacekeeping";
        Territory = "territory", "Territory";
        MilitaryLimits = "military_limits", "Military limits";
        ArmsSupplies = "arms_supplies", "Arms supplies";
        Sanctions = "sanctions", "Sanctions";
        Prisoners = "prisoners", "Prisoners";
        Monitoring = "monitoring", "Monitoring";
        Humanitarian = "humanitarian", "Humanitarian";
        PoliticalStatus = "political_status", "Political status";
        Other = "other", "Other";
    }
}

/// A word of a vocabulary as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Word {
    pub code: String,
    pub label: String,
}

/// A proposal status's colour, and the colour of text written on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusColour {
    pub status: ProposalStatus,
    pub fill: String,
    pub text: String,
}

/// Every vocabulary with its labels, so that the window names things as the core does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Vocabularies {
    pub party_kind: Vec<Word>,
    pub proposal_kind: Vec<Word>,
    pub proposal_status: Vec<Word>,
    /// The codes of the closed proposal statuses.
    pub closed_statuses: Vec<ProposalStatus>,
    /// Each proposal status's colour, as the reports print it.
    pub status_colours: Vec<StatusColour>,
    pub stance: Vec<Word>,
    pub role: Vec<Word>,
    pub condition_kind: Vec<Word>,
    pub condition_status: Vec<Word>,
    pub condition_category: Vec<Word>,
    pub implementation_level: Vec<Word>,
}

fn words<V: Vocabulary>() -> Vec<Word> {
    V::ALL.iter().map(|w| Word { code: w.code().to_string(), label: w.label().to_string() }).collect()
}

impl Vocabularies {
    pub fn all() -> Self {
        Self {
            party_kind: words::<PartyKind>(),
            proposal_kind: words::<ProposalKind>(),
            proposal_status: words::<ProposalStatus>(),
            closed_statuses: ProposalStatus::ALL.iter().copied().filter(|s| s.is_closed()).collect(),
            status_colours: ProposalStatus::ALL
                .iter()
                .map(|&status| StatusColour {
                    status,
                    fill: status.colour().to_string(),
                    text: status.colour_text().to_string(),
                })
                .collect(),
            stance: words::<Stance>(),
            role: words::<Role>(),
            condition_kind: words::<ConditionKind>(),
            condition_status: words::<ConditionStatus>(),
            condition_category: words::<ConditionCategory>(),
            implementation_level: words::<ImplementationLevel>(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_are_distinct_words() {
        assert_eq!(Stance::SupportsWithConditions.code(), "supports_with_conditions");
        assert_eq!(Stance::SupportsWithConditions.label(), "Supports with conditions");
        assert_eq!("in effect".parse::<ProposalStatus>().unwrap(), ProposalStatus::InEffect);
        assert_eq!("Red-Line".parse::<ConditionKind>().unwrap(), ConditionKind::RedLine);
    }

    #[test]
    fn an_unknown_word_names_the_vocabulary_and_the_known_words() {
        let err = "maybe".parse::<Stance>().unwrap_err().to_string();
        assert!(err.contains("stance"), "{err}");
        assert!(err.contains("maybe"), "{err}");
        assert!(err.contains("supports_with_conditions"), "{err}");
    }

    #[test]
    fn every_status_has_a_colour_and_closed_ones_are_not_green() {
        for &status in ProposalStatus::ALL {
            let colour = status.colour();
            assert!(colour.starts_with('#') && colour.len() == 7, "{colour}");
            if status.is_closed() {
                assert_ne!(colour, ProposalStatus::InEffect.colour());
            }
        }
    }

    #[test]
    fn text_on_a_dark_colour_is_white() {
        assert_eq!(ProposalStatus::UnderNegotiation.colour_text(), "#FFFFFF");
        assert_eq!(ProposalStatus::InEffect.colour_text(), "#FFFFFF");
        assert_eq!(ProposalStatus::PartiallyAccepted.colour_text(), "#000000");
        assert_eq!(ProposalStatus::Expired.colour_text(), "#000000");
    }

    #[test]
    fn five_statuses_are_closed() {
        let closed: Vec<_> = ProposalStatus::ALL.iter().filter(|s| s.is_closed()).collect();
        assert_eq!(closed.len(), 5);
        assert!(!ProposalStatus::Unclear.is_closed());
        assert!(!ProposalStatus::Violated.is_closed());
    }
}
