//! PA-X (PeaceRep): one row per agreement. The full release has about 280 columns, most
//! of them provisions coded 0-3, and ISO dates; the light release has 38 columns, a
//! byte-order mark and `dd/mm/yyyy` dates. Both are read here.

use std::collections::HashMap;

use crate::model::{ConditionCategory, PartyKind, ProposalKind, ProposalStatus, Role, Stance};

use super::aliases::tidy;
use super::dates::{self, Cell};
use super::error::DatasetError;
use super::parties::{split_names, Named, PartyList};
use super::provisions::{self, provision, ProvisionColumn};
use super::table::{id, web_link, Table};
use super::{Agreement, Aliases, Dataset, DatasetKind, Note, Origin, Skipped, StatusChange};

const KIND: DatasetKind = DatasetKind::Pax;

/// The provision columns read as conditions. `Terr` is terrorism, not territory.
pub(crate) const PROVISIONS: &[ProvisionColumn] = &[
    provision("SsrGua", ConditionCategory::SecurityGuarantees, "Security guarantees", false),
    provision("ImPK", ConditionCategory::Peacekeeping, "International mission or force", false),
    provision("ImUN", ConditionCategory::Peacekeeping, "Signed by the United Nations", false),
    provision("TjPrire", ConditionCategory::Prisoners, "Prisoner release", true),
    provision("ImE", ConditionCategory::Monitoring, "Enforcement mechanism", false),
    provision("DevHum", ConditionCategory::Humanitarian, "Humanitarian assistance", false),
    provision("ProtCiv", ConditionCategory::Humanitarian, "Protection of civilians", false),
    provision("GRef", ConditionCategory::Humanitarian, "Refugees and displaced persons", true),
    provision("StSd", ConditionCategory::PoliticalStatus, "Self-determination", false),
    provision("StInd", ConditionCategory::PoliticalStatus, "Independence or secession", false),
    provision("StUni", ConditionCategory::PoliticalStatus, "Accession or unification", false),
    provision("StRef", ConditionCategory::PoliticalStatus, "Referendum on the state", false),
    provision("TpsAut", ConditionCategory::PoliticalStatus, "Autonomy", false),
    provision("StBor", ConditionCategory::Territory, "Border delimitation", false),
    provision("Ce", ConditionCategory::MilitaryLimits, "Ceasefire", true),
    provision(
        "SsrDdr",
        ConditionCategory::MilitaryLimits,
        "Disarmament, demobilisation and reintegration",
        true,
    ),
    provision("SsrFf", ConditionCategory::MilitaryLimits, "Withdrawal of foreign forces", false),
    provision("TjSan", ConditionCategory::Sanctions, "Relief of sanctions", false),
    provision("Terr", ConditionCategory::Other, "Terrorism", false),
];

struct Columns {
    id: usize,
    title: usize,
    date: usize,
    con: usize,
    process: usize,
    stage: usize,
    stage_sub: usize,
    status: usize,
    part: usize,
    third_parties: usize,
    ucdp: Option<usize>,
    page: Option<usize>,
    text: Option<usize>,
    description: Option<usize>,
    provisions: Vec<(usize, &'static ProvisionColumn)>,
}

impl Columns {
    fn of(table: &Table) -> Result<Self, DatasetError> {
        Ok(Self {
            id: table.require(KIND, "AgtId")?,
            title: table.require(KIND, "Agt")?,
            date: table.require(KIND, "Dat")?,
            con: table.require(KIND, "Con")?,
            process: table.require(KIND, "PPName")?,
            stage: table.require(KIND, "Stage")?,
            stage_sub: table.require(KIND, "StageSub")?,
            status: table.require(KIND, "Status")?,
            part: table.require(KIND, "Part")?,
            third_parties: table.require(KIND, "ThrdPart")?,
            ucdp: table.column("UcdpAgr"),
            page: table.column("PAX_Hyperlink"),
            text: table.column("PDF_Hyperlink"),
            description: table.column("description"),
            provisions: provisions::columns(table, PROVISIONS),
        })
    }
}

pub(crate) fn map(table: &Table, aliases: &Aliases, out: &mut Dataset) -> Result<(), DatasetError> {
    let columns = Columns::of(table)?;
    let mut cells = Vec::with_capacity(table.len());
    let mut cell_of_row = vec![None; table.len()];
    for (index, row) in table.rows().enumerate() {
        if let Some(text) = row.value(columns.date) {
            cell_of_row[index] = Some(cells.len());
            cells.push(Cell { column: "Dat", row: row.number, text });
        }
    }
    let form = dates::decide(&table.file, &cells)?;
    let mut first_row_of: HashMap<String, usize> = HashMap::with_capacity(table.len());
    for (index, row) in table.rows().enumerate() {
        let cell = cell_of_row[index].map(|k| &cells[k]);
        let skip = |reason: String| Skipped { row: row.number, reason };
        let Some(agt_id) = id(row.text(columns.id)) else {
            out.skipped.push(skip("no agreement id in AgtId".into()));
            continue;
        };
        if let Some(first) = first_row_of.get(&agt_id) {
            out.skipped.push(skip(format!("AgtId {agt_id} is on row {first} already; the first is kept")));
            continue;
        }
        first_row_of.insert(agt_id.clone(), row.number);
        let Some(cell) = cell else {
            out.skipped.push(skip(format!("PA-X {agt_id} has no date in Dat")));
            continue;
        };
        let date = match dates::read_in(form, cell) {
            Ok(date) => date,
            Err(problem) => {
                out.skipped.push(skip(format!("PA-X {agt_id}: {problem}")));
                continue;
            }
        };
        let title = row.text(columns.title);
        if title.is_empty() {
            out.skipped.push(skip(format!("PA-X {agt_id} has no title in Agt")));
            continue;
        }
        let status_text = row.text(columns.status);
        let (status, stance) = status_and_stance(status_text);
        let mut parties = PartyList::new(aliases);
        for name in split_names(row.text(columns.con), '/') {
            // A name in brackets is an entity that is not a state: "(Nagorno-Karabakh)".
            let (name, kind) = match name.strip_prefix('(').and_then(|n| n.strip_suffix(')')) {
                Some(entity) => (entity, PartyKind::Other),
                None => (name, PartyKind::State),
            };
            parties.add(Named { name, kind, role: Role::Party, stance, on: date });
        }
        if parties.is_empty() {
            out.skipped.push(skip(format!("PA-X {agt_id} names no country or entity in Con")));
            continue;
        }
        let origin = Origin::new(KIND, agt_id);
        let provisions = provisions::read(&columns.provisions, row, |problem| {
            let message = format!("{problem}; the provision is left out");
            out.notes.push(Note { row: row.number, origin: origin.clone(), message });
        });
        out.agreements.push(Agreement {
            provisions,
            origin,
            row: row.number,
            title: tidy(title),
            summary: row.prose(columns.description),
            date,
            process: row.text(columns.process).to_string(),
            scope: row.text(columns.con).to_string(),
            kind: kind(row.text(columns.stage), row.text(columns.stage_sub)),
            duration_days: None,
            statuses: vec![StatusChange { status, on: date, note: format!("PA-X status: {status_text}") }],
            parties: parties.into_parties(),
            links: row
                .value_of(columns.ucdp)
                .and_then(id)
                .map(|i| Origin::new(DatasetKind::Ucdp, i))
                .into_iter()
                .collect(),
            page_url: web_link(row.value_of(columns.page)),
            text_url: web_link(row.value_of(columns.text)),
            signatories: row.prose(Some(columns.part)),
            third_parties: row.prose(Some(columns.third_parties)),
        });
    }
    Ok(())
}

/// The status a PA-X `Status` gives, and the stance it gives the parties of `Con`: they
/// signed a multiparty agreement; of the other kinds PA-X does not say who stood where.
fn status_and_stance(status: &str) -> (ProposalStatus, Stance) {
    let status = status.to_lowercase();
    if status.starts_with("multiparty signed") {
        (ProposalStatus::Agreed, Stance::Supports)
    } else if status.starts_with("unilateral") {
        // Issued by one side or a third party, reflecting agreement between the parties.
        (ProposalStatus::Agreed, Stance::NoPosition)
    } else if status.contains("subsequent status") {
        // A proposal the parties did not accept, which later framed the talks.
        (ProposalStatus::Floated, Stance::NoPosition)
    } else {
        (ProposalStatus::Unclear, Stance::NoPosition)
    }
}

/// A comprehensive framework agreement ends the conflict for good: a definitive ceasefire.
/// PA-X's other stages say where in the process an agreement stands, not what kind of
/// ceasefire it is.
fn kind(stage: &str, stage_sub: &str) -> ProposalKind {
    if stage.eq_ignore_ascii_case("SubComp")
        || ["FrAg", "FrCons"].iter().any(|s| stage_sub.eq_ignore_ascii_case(s))
    {
        ProposalKind::Definitive
    } else {
        ProposalKind::General
    }
}
