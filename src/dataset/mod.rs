//! The public research datasets an analyst starts from: PA-X peace agreements (PeaceRep),
//! UCDP Peace Agreements and the ETH/PRIO Civil Conflict Ceasefires. Each file is read
//! whole and mapped, column by column, into the agreements it holds, with every row that
//! could not be used and why (`docs/datasets.md` describes the mappings). Nothing here
//! writes: the store records a `Dataset` in one transaction.
//!
//! The app ships none of the datasets' data; users import the copy they downloaded.

mod aliases;
mod dates;
mod error;
mod ethprio;
mod importing;
mod parties;
mod pax;
mod provisions;
mod record;
mod table;
mod ucdp;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{ConditionCategory, EventDate, PartyKind, ProposalKind, ProposalStatus, Role, Stance};

pub use aliases::{name_key, AliasConflict, Aliases, Resolved};
pub use error::{CellProblem, DatasetError, FormRows, Rows};
pub use importing::{aliases, import, preview, ImportProgress};
pub use record::{plan, record, Counts, DatasetSummary, Planned};

use table::Table;

/// Which dataset a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DatasetKind {
    Pax,
    Ucdp,
    EthPrio,
}

impl DatasetKind {
    pub const ALL: [Self; 3] = [Self::Pax, Self::Ucdp, Self::EthPrio];

    /// The word `cftrack dataset import` takes.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pax => "pax",
            Self::Ucdp => "ucdp",
            Self::EthPrio => "ethprio",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim().to_lowercase())
    }

    /// As the publishers name their datasets, and as origins read ("PA-X 1364").
    pub fn name(self) -> &'static str {
        match self {
            Self::Pax => "PA-X",
            Self::Ucdp => "UCDP",
            Self::EthPrio => "ETH/PRIO",
        }
    }

    /// Who publishes it, where, under which terms, and how to cite it: the import sheet
    /// says so, since the app ships none of the data.
    pub fn publisher(self) -> DatasetInfo {
        let (title, published_by, url, licence, citation) = match self {
            Self::Pax => (
                "PA-X Peace Agreements Database",
                "PeaceRep, University of Edinburgh",
                "https://www.peaceagreements.org",
                "the publisher's terms of use",
                "Bell, Christine, Sanja Badanjak, Juline Beaujouan, Tim Epple, Robert Forster, Astrid Jamar, \
                 Sean Molloy, Kevin McNicholl, Kathryn Nash, Jan Pospisil, Robert Wilson and Laura Wise (2020). \
                 PA-X Peace Agreements Database and Dataset, Version 4. www.peaceagreements.org (cite the \
                 version you imported); and Bell, Christine and Sanja Badanjak (2019). Introducing PA-X: A new \
                 peace agreement database and dataset. Journal of Peace Research 56(3): 452-466.",
            ),
            Self::Ucdp => (
                "UCDP Peace Agreement Dataset",
                "Uppsala Conflict Data Program",
                "https://ucdp.uu.se/downloads/",
                "CC BY 4.0",
                "Pettersson, Therese, Stina Högbladh and Magnus Öberg (2019). Organized violence, 1989-2018 \
                 and peace agreements. Journal of Peace Research 56(4): 589-603; and Högbladh, Stina (2011). \
                 Peace agreements 1975-2011: Updating the UCDP Peace Agreement Dataset. In States in Armed \
                 Conflict 2011, Uppsala University, Department of Peace and Conflict Research Report 99: 39-56.",
            ),
            Self::EthPrio => (
                "ETH/PRIO Civil Conflict Ceasefire Dataset",
                "ETH Zurich's Center for Security Studies and the Peace Research Institute Oslo",
                "https://css.ethz.ch/en/research/research-projects/ceasefires-mediation.html",
                "the publisher's terms of use",
                "Clayton, Govinda, Håvard Mokleiv Nygård, Håvard Strand, Siri Aas Rustad, Claudia Wiehler, \
                 Tora Sagård, Peder Landsverk, Reidun Ryland, Valerie Sticher, Emma Wink and Corinne Bara \
                 (2022). Introducing the ETH/PRIO Civil Conflict Ceasefire Dataset. Journal of Conflict \
                 Resolution. doi:10.1177/00220027221129195.",
            ),
        };
        DatasetInfo {
            kind: self,
            name: self.name(),
            title,
            published_by,
            url,
            licence,
            citation,
            what_a_row_is: match self {
                Self::Pax | Self::Ucdp => "an agreement",
                Self::EthPrio => "one actor's declaration of a ceasefire",
            },
        }
    }

    /// The columns that tell a file of this dataset from the others.
    pub fn signature(self) -> &'static [&'static str] {
        match self {
            Self::Pax => &["AgtId", "Agt", "Dat"],
            Self::Ucdp => &["paid", "pa_name", "pa_date"],
            Self::EthPrio => &["uniq_id", "cf_dec_yr", "cf_effect_yr"],
        }
    }

    /// The dataset a header belongs to: the one whose signature columns it holds most of.
    fn of_header(table: &Table) -> Option<Self> {
        let held = |kind: Self| kind.signature().iter().filter(|c| table.has(c)).count();
        Self::ALL.into_iter().filter(|&k| held(k) > 0).max_by_key(|&k| held(k))
    }
}

impl fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dataset as the import sheet presents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DatasetInfo {
    pub kind: DatasetKind,
    /// "PA-X".
    pub name: &'static str,
    pub title: &'static str,
    pub published_by: &'static str,
    /// Where to download it.
    pub url: &'static str,
    pub licence: &'static str,
    /// How to cite it in work that uses it.
    pub citation: &'static str,
    /// What one row of its file is.
    pub what_a_row_is: &'static str,
}

/// Where an imported record comes from: a dataset and the id it has there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Origin {
    pub dataset: DatasetKind,
    pub id: String,
}

impl Origin {
    pub fn new(dataset: DatasetKind, id: impl Into<String>) -> Self {
        Self { dataset, id: id.into() }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.dataset.name(), self.id)
    }
}

/// What a dataset file holds, ready for the store to record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    pub kind: DatasetKind,
    pub file: String,
    pub agreements: Vec<Agreement>,
    /// Rows (or, for ETH/PRIO, ceasefires) that make no agreement, each with why.
    pub skipped: Vec<Skipped>,
    /// Rows that were used, but not all of them: what was left out and why.
    pub notes: Vec<Note>,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Skipped {
    /// The row as a spreadsheet numbers it (the header is row 1).
    #[ts(type = "number")]
    pub row: usize,
    pub reason: String,
}

/// Part of a row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub row: usize,
    pub origin: Origin,
    pub message: String,
}

/// One agreement or ceasefire as a dataset records it: one proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub origin: Origin,
    /// The row it starts on (the first of its rows for ETH/PRIO).
    pub row: usize,
    pub title: String,
    pub summary: String,
    /// When it was signed or declared: the proposal's date. No event of it is earlier.
    pub date: EventDate,
    /// The peace process or conflict it belongs to.
    pub process: String,
    /// The countries or entities it covers, as the dataset writes them (PA-X `Con`).
    pub scope: String,
    pub kind: ProposalKind,
    /// How long it was agreed for, when the dataset says.
    pub duration_days: Option<i64>,
    /// The statuses to record, in date order.
    pub statuses: Vec<StatusChange>,
    /// Every party once, with its role and stance.
    pub parties: Vec<AgreementParty>,
    /// What it provides for, each a condition of the proposal.
    pub provisions: Vec<Provision>,
    /// The same agreement in other datasets, as this dataset cites them.
    pub links: Vec<Origin>,
    /// The publisher's page on it, where the file gives one.
    pub page_url: Option<String>,
    /// Its text, where the file gives a link to it.
    pub text_url: Option<String>,
    /// Who signed, as the dataset writes it (often prose: names, titles, dates).
    pub signatories: String,
    /// Third parties, witnesses and guarantors, as the dataset writes them.
    pub third_parties: String,
}

impl Agreement {
    /// The party to record as the proposer: the one the dataset says declared it alone,
    /// else the first party to the conflict, else the first party named.
    pub fn proposed_by(&self) -> &AgreementParty {
        self.parties
            .iter()
            .find(|p| p.stance == Stance::Proposer)
            .or_else(|| self.parties.iter().find(|p| p.role == Role::Party))
            .unwrap_or(&self.parties[0])
    }
}

/// A status the agreement moved to, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub status: ProposalStatus,
    pub on: EventDate,
    /// What the dataset says, in its words ("PA-X status: Multiparty signed/agreed").
    pub note: String,
}

/// A party as an agreement names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementParty {
    /// The party's name after the aliases ("Ukraine").
    pub name: String,
    /// The name as the file writes it ("Government of Ukraine").
    pub name_in_file: String,
    pub kind: PartyKind,
    pub role: Role,
    pub stance: Stance,
    /// When it took that stance.
    pub on: EventDate,
}

/// A provision of an agreement: a condition of the proposal, by category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provision {
    pub category: ConditionCategory,
    /// Which provision, in words, with the column and its level ("Ceasefire (Ce 2 of 3)").
    pub text: String,
    pub column: &'static str,
    /// The dataset's level: 1 for a flag; 1 to 3 where the dataset grades the provision.
    pub level: u8,
}

/// Reads a dataset file of the kind the user named.
pub fn read(kind: DatasetKind, path: &Path, aliases: &Aliases) -> Result<Dataset, DatasetError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| DatasetError::Read { file: file.clone(), source })?;
    read_bytes(kind, &bytes, &file, aliases)
}

/// Reads a dataset from its bytes; `file` names it in messages.
pub fn read_bytes(
    kind: DatasetKind,
    bytes: &[u8],
    file: &str,
    aliases: &Aliases,
) -> Result<Dataset, DatasetError> {
    let table = Table::read(bytes, file)?;
    match DatasetKind::of_header(&table) {
        Some(found) if found != kind => {
            return Err(DatasetError::WrongKind { file: file.to_string(), expected: kind, found });
        }
        None => return Err(DatasetError::NotADataset { file: file.to_string(), expected: kind }),
        Some(_) => {}
    }
    let mut dataset =
        Dataset { kind, file: file.to_string(), agreements: vec![], skipped: vec![], notes: vec![] };
    match kind {
        DatasetKind::Pax => pax::map(&table, aliases, &mut dataset)?,
        DatasetKind::Ucdp => ucdp::map(&table, aliases, &mut dataset)?,
        DatasetKind::EthPrio => ethprio::map(&table, aliases, &mut dataset)?,
    }
    Ok(dataset)
}

/// The dataset a file is, told by its header; `None` when it is none of the three.
pub fn detect(bytes: &[u8]) -> Option<DatasetKind> {
    Table::read(bytes, "").ok().as_ref().and_then(DatasetKind::of_header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_read_as_the_publishers_name_them() {
        assert_eq!(Origin::new(DatasetKind::Pax, "1364").to_string(), "PA-X 1364");
        assert_eq!(Origin::new(DatasetKind::Ucdp, "1537").to_string(), "UCDP 1537");
        assert_eq!(Origin::new(DatasetKind::EthPrio, "12").to_string(), "ETH/PRIO 12");
        assert_eq!(DatasetKind::from_code("ETHPRIO"), Some(DatasetKind::EthPrio));
    }
}
