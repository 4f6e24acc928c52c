//! Parties as the datasets list them: names in one cell split into parties, each name
//! through the aliases, every party once.

use crate::model::{EventDate, PartyKind, Role, Stance};

use super::aliases::{name_key, tidy, Aliases};
use super::table::present;
use super::AgreementParty;

/// The parties of one agreement, gathered in the order they are added.
pub(crate) struct PartyList<'a> {
    aliases: &'a Aliases,
    parties: Vec<AgreementParty>,
}

/// What a dataset says of a party it names.
pub(crate) struct Named<'n> {
    pub name: &'n str,
    /// The kind when the alias list does not know the party.
    pub kind: PartyKind,
    pub role: Role,
    pub stance: Stance,
    pub on: EventDate,
}

impl<'a> PartyList<'a> {
    pub fn new(aliases: &'a Aliases) -> Self {
        Self { aliases, parties: vec![] }
    }

    /// Adds a party unless it is there already (under this name or another of its names);
    /// a party named twice keeps its first role and stance, and the earlier date.
    pub fn add(&mut self, named: Named<'_>) {
        let Some(name_in_file) = present(named.name).map(tidy) else { return };
        let resolved = self.aliases.resolve(&name_in_file);
        let key = name_key(&resolved.name);
        if let Some(known) = self.parties.iter_mut().find(|p| name_key(&p.name) == key) {
            if named.on.first_day() < known.on.first_day() {
                known.on = named.on;
            }
            return;
        }
        self.parties.push(AgreementParty {
            name: resolved.name,
            name_in_file,
            kind: resolved.kind.unwrap_or(named.kind),
            role: named.role,
            stance: named.stance,
            on: named.on,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.parties.is_empty()
    }

    pub fn len(&self) -> usize {
        self.parties.len()
    }

    pub fn into_parties(self) -> Vec<AgreementParty> {
        self.parties
    }
}

/// The names in a cell listing several, split at `separator` but not inside brackets:
/// "EC Foreign Ministers (Luxembourg, Netherlands), UN" is two names.
pub(crate) fn split_names(cell: &str, separator: char) -> Vec<&str> {
    split_at(cell, &[separator])
}

fn split_at<'c>(cell: &'c str, separators: &[char]) -> Vec<&'c str> {
    let mut names = vec![];
    let (mut depth, mut start) = (0i32, 0);
    for (at, c) in cell.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if separators.contains(&c) && depth <= 0 => {
                names.push(&cell[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    names.push(&cell[start..]);
    names.into_iter().map(str::trim).filter(|n| present(n).is_some()).collect()
}

/// The names of a cell meant to list names. When the cell holds prose instead (a piece
/// starting in lower case, or a long sentence: "committee of elders at the conference on
/// peace, security and development in Kivu"), only the names the alias list knows are
/// taken from it, its lines and its clauses ("Algeria, other" gives Algeria), and `prose`
/// says so.
pub(crate) struct Listed<'c> {
    pub names: Vec<&'c str>,
    pub prose: bool,
}

pub(crate) fn names_in<'c>(cell: &'c str, separator: char, aliases: &Aliases) -> Listed<'c> {
    let names = split_names(cell, separator);
    let name_like = |name: &&str| {
        let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
        let starts_well = name.chars().next().is_some_and(|c| !c.is_lowercase());
        starts_well && name.split_whitespace().count() <= 12
    };
    if names.iter().all(name_like) {
        return Listed { names, prose: false };
    }
    let pieces = split_at(cell, &[separator, ';', '\n']);
    Listed { names: pieces.into_iter().filter(|n| aliases.knows(n)).collect(), prose: true }
}

/// The kind a government is: "Government of Sudan" is a state.
pub(crate) fn is_government(name: &str) -> bool {
    let key = name_key(name);
    key.starts_with("government of ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_outside_brackets_only() {
        assert_eq!(
            split_names("EC Foreign Ministers (Luxembourg, Netherlands), UN,  , -1", ','),
            ["EC Foreign Ministers (Luxembourg, Netherlands)", "UN"]
        );
        assert_eq!(
            split_names("Philippines/(Rebolusyonaryong Partido (RPMP/RPA/ABB))", '/'),
            ["Philippines", "(Rebolusyonaryong Partido (RPMP/RPA/ABB))"]
        );
    }

    #[test]
    fn prose_is_not_a_list_of_names() {
        let aliases = Aliases::shipped();
        let names = |cell| {
            let listed = names_in(cell, ',', &aliases);
            (listed.names, listed.prose)
        };
        assert_eq!(names("OSCE, Russia"), (vec!["OSCE", "Russia"], false));
        assert_eq!(names("the Russian Federation"), (vec!["the Russian Federation"], false));
        let kivu = "committee of elders at the conference on peace, security and development in Kivu";
        assert_eq!(names(kivu), (vec![], true));
        assert_eq!(
            names("Brokered by a committee of 71 individuals, including community leaders"),
            (vec![], true)
        );
        assert_eq!(
            names("president of Burkina Faso (ECOWAS mediator), regional powers, UN, EU"),
            (vec!["UN", "EU"], true)
        );
    }

    #[test]
    fn a_party_named_twice_under_two_names_is_one_party() {
        let aliases = Aliases::shipped();
        let mut list = PartyList::new(&aliases);
        let on: EventDate = "2015-02-12".parse().unwrap();
        let earlier: EventDate = "2015-02".parse().unwrap();
        for (name, role, on) in
            [("Russia", Role::ThirdParty, on), ("Government of Russia (Soviet Union)", Role::Party, earlier)]
        {
            list.add(Named { name, kind: PartyKind::Other, role, stance: Stance::Supports, on });
        }
        let parties = list.into_parties();
        assert_eq!(parties.len(), 1);
        assert_eq!((parties[0].name.as_str(), parties[0].role), ("Russia", Role::ThirdParty));
        assert_eq!(parties[0].on, earlier);
    }
}
