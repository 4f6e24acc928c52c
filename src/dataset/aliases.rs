//! Party names that mean the same party: "Government of Ukraine" (UCDP, ETH/PRIO) is
//! "Ukraine" (PA-X and the user's own entries). The app ships a list of the commonest
//! (`aliases.tsv`); users add their own.

use std::collections::HashMap;

use thiserror::Error;

use crate::model::{PartyKind, Vocabulary};

use super::error::DatasetError;
use super::table::ZERO_WIDTH;

const SHIPPED: &str = include_str!("aliases.tsv");

/// An alias that contradicts the list it is added to.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AliasConflict {
    #[error("\"{alias}\" already names {party}")]
    AlreadyNames { alias: String, party: String },
    #[error("{party} is already a {known}, not a {given}")]
    OtherKind { party: String, known: PartyKind, given: PartyKind },
}

/// The names of parties and the other names they go by.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    by_key: HashMap<String, usize>,
    parties: Vec<Known>,
}

#[derive(Debug, Clone)]
struct Known {
    name: String,
    kind: Option<PartyKind>,
}

/// A name as the party list knows it: the party's own name, and its kind when the list
/// says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub name: String,
    pub kind: Option<PartyKind>,
}

impl Aliases {
    /// The list the app ships.
    pub fn shipped() -> Self {
        Self::parse(SHIPPED).expect("the shipped alias list is checked by its tests")
    }

    /// Reads a list: one alias a line, `name<TAB>party<TAB>kind`, the kind optional;
    /// blank lines and lines starting with `#` are skipped.
    pub fn parse(text: &str) -> Result<Self, DatasetError> {
        let mut aliases = Self::default();
        for (index, line) in text.lines().enumerate() {
            let bad = |problem: String| DatasetError::AliasLine { line: index + 1, problem };
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t').map(str::trim);
            let (name, party) = match (fields.next(), fields.next()) {
                (Some(name), Some(party)) if !name.is_empty() && !party.is_empty() => (name, party),
                _ => return Err(bad("write a name, a tab and the party's name".into())),
            };
            let kind = match fields.next().filter(|k| !k.is_empty()) {
                Some(word) => Some(PartyKind::parse(word).map_err(|e| bad(e.to_string()))?),
                None => None,
            };
            aliases.add(name, party, kind).map_err(|e| bad(e.to_string()))?;
        }
        Ok(aliases)
    }

    /// Makes `alias` a name of `party` (and `party` a name of itself).
    pub fn add(&mut self, alias: &str, party: &str, kind: Option<PartyKind>) -> Result<(), AliasConflict> {
        let party_key = name_key(party);
        let index = match self.by_key.get(&party_key) {
            Some(&index) => index,
            None => {
                self.parties.push(Known { name: party.trim().to_string(), kind: None });
                self.by_key.insert(party_key, self.parties.len() - 1);
                self.parties.len() - 1
            }
        };
        if let Some(given) = kind {
            let known = &mut self.parties[index];
            match known.kind {
                Some(known_kind) if known_kind != given => {
                    return Err(AliasConflict::OtherKind {
                        party: known.name.clone(),
                        known: known_kind,
                        given,
                    });
                }
                _ => known.kind = Some(given),
            }
        }
        match self.by_key.get(&name_key(alias)) {
            Some(&other) if other != index => Err(AliasConflict::AlreadyNames {
                alias: alias.to_string(),
                party: self.parties[other].name.clone(),
            }),
            _ => {
                self.by_key.insert(name_key(alias), index);
                Ok(())
            }
        }
    }

    /// The party a name stands for: itself, tidied, when the list does not know it ("the
    /// Archbishop of Beira." is the Archbishop of Beira).
    pub fn resolve(&self, name: &str) -> Resolved {
        if let Some(&index) = self.by_key.get(&name_key(name)) {
            return Resolved { name: self.parties[index].name.clone(), kind: self.parties[index].kind };
        }
        let name = tidy(name);
        let name = name.strip_prefix("the ").unwrap_or(&name);
        Resolved { name: name.strip_suffix('.').unwrap_or(name).to_string(), kind: None }
    }

    /// Whether the list knows the name, as a party's own name or another of its names.
    pub fn knows(&self, name: &str) -> bool {
        self.by_key.contains_key(&name_key(name))
    }

    /// How many parties the list knows.
    pub fn parties(&self) -> usize {
        self.parties.len()
    }
}

/// A name with its spaces tidied: one space between words, none around, no zero-width ones.
pub fn tidy(name: &str) -> String {
    let visible: String = name.chars().filter(|c| !ZERO_WIDTH.contains(c)).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What two names must share to be one name: case, spacing, curly apostrophes, a leading
/// "the" and a final full stop do not count.
pub fn name_key(name: &str) -> String {
    let lower = tidy(&name.replace(['\u{2019}', '\u{2018}'], "'")).to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower.strip_suffix('.').unwrap_or(lower).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_reads_and_names_one_ukraine() {
        let aliases = Aliases::shipped();
        assert!(aliases.parties() > 60, "{}", aliases.parties());
        for name in ["Government of Ukraine", "Ukraine", " ukraine "] {
            assert_eq!(aliases.resolve(name).name, "Ukraine", "{name}");
        }
        let russia = aliases.resolve("Government of Russia (Soviet Union)");
        assert_eq!((russia.name.as_str(), russia.kind), ("Russia", Some(PartyKind::State)));
        assert_eq!(aliases.resolve("the Russian Federation.").name, "Russia");
        assert_eq!(aliases.resolve("The Government of Sri Lanka").name, "Sri Lanka");
        assert_eq!(aliases.resolve("OCSE").kind, Some(PartyKind::Organization));
    }

    #[test]
    fn an_unknown_name_is_kept_tidied_without_a_kind() {
        let resolved = Aliases::shipped().resolve("  United Armed Forces   of Novorossiya ");
        assert_eq!(resolved, Resolved { name: "United Armed Forces of Novorossiya".into(), kind: None });
    }

    #[test]
    fn users_add_their_own_and_contradictions_are_refused() {
        let mut aliases = Aliases::shipped();
        aliases.add("Kyiv", "Ukraine", None).unwrap();
        assert_eq!(aliases.resolve("kyiv").name, "Ukraine");
        let taken = aliases.add("Kyiv", "Russia", None).unwrap_err();
        assert_eq!(taken.to_string(), "\"Kyiv\" already names Ukraine");
        let kind = aliases.add("Ukr", "Ukraine", Some(PartyKind::Person)).unwrap_err();
        assert!(kind.to_string().contains("already a State"), "{kind}");
    }

    #[test]
    fn a_bad_line_is_named() {
        let error = Aliases::parse("# list\nA\tB\tstate\nC\n").unwrap_err().to_string();
        assert!(error.starts_with("the alias list, line 3:"), "{error}");
        let error = Aliases::parse("A\tB\tcountry\n").unwrap_err().to_string();
        assert!(error.contains("line 1") && error.contains("party kind"), "{error}");
    }
}
