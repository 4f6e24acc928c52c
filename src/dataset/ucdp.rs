//! UCDP Peace Agreements: one row per agreement (`paid`), its signatories in `actor_name`,
//! its third parties in `pa_3rd`, whether and when it ended in `ended` and `duration`, and
//! a 0/1 flag per kind of provision.

use std::collections::HashMap;

use crate::model::{ConditionCategory, EventDate, PartyKind, ProposalKind, ProposalStatus, Role, Stance};

use super::aliases::tidy;
use super::dates::{self, Cell, Form};
use super::error::{CellProblem, DatasetError};
use super::parties::{is_government, names_in, split_names, Named, PartyList};
use super::provisions::{self, provision, ProvisionColumn};
use super::table::web_link;
use super::table::{id, whole_number, Row, Table};
use super::{Agreement, Aliases, Dataset, DatasetKind, Note, Origin, Skipped, StatusChange};

const KIND: DatasetKind = DatasetKind::Ucdp;

/// The provision flags read as conditions. `terr_prov` is territory here, as UCDP means it.
pub(crate) const PROVISIONS: &[ProvisionColumn] = &[
    provision("cease", ConditionCategory::MilitaryLimits, "Ceasefire", false),
    provision("withd", ConditionCategory::MilitaryLimits, "Withdrawal of foreign forces", false),
    provision(
        "ddr",
        ConditionCategory::MilitaryLimits,
        "Disarmament, demobilisation and reintegration",
        false,
    ),
    provision("pko", ConditionCategory::Peacekeeping, "Peacekeeping operation", false),
    provision("pris", ConditionCategory::Prisoners, "Release of prisoners", false),
    provision("terr_prov", ConditionCategory::Territory, "Territorial provisions", false),
    provision("aut", ConditionCategory::PoliticalStatus, "Autonomy", false),
    provision("fed", ConditionCategory::PoliticalStatus, "Federal state", false),
    provision("ind", ConditionCategory::PoliticalStatus, "Independence", false),
    provision("ref", ConditionCategory::PoliticalStatus, "Referendum", false),
    provision("return", ConditionCategory::Humanitarian, "Return of refugees", false),
    provision("co_impl", ConditionCategory::Monitoring, "Commission to oversee implementation", false),
    provision("amn", ConditionCategory::Other, "Amnesty", false),
];

struct Columns {
    id: usize,
    title: usize,
    date: usize,
    actors: usize,
    third_parties: usize,
    ended: usize,
    end: usize,
    actor_ids: Option<usize>,
    dyads: Option<usize>,
    third_parties_note: Option<usize>,
    end_note: Option<usize>,
    conflict: Option<usize>,
    kind: Option<usize>,
    comment: Option<usize>,
    signed_by: Option<usize>,
    text: Option<usize>,
    provisions: Vec<(usize, &'static ProvisionColumn)>,
}

impl Columns {
    fn of(table: &Table) -> Result<Self, DatasetError> {
        Ok(Self {
            id: table.require(KIND, "paid")?,
            title: table.require(KIND, "pa_name")?,
            date: table.require(KIND, "pa_date")?,
            actors: table.require(KIND, "actor_name")?,
            third_parties: table.require(KIND, "pa_3rd")?,
            ended: table.require(KIND, "ended")?,
            end: table.require(KIND, "duration")?,
            actor_ids: table.column("actor_id"),
            dyads: table.column("dyad_name"),
            third_parties_note: table.column("c_3rd"),
            end_note: table.column("c_duration"),
            conflict: table.column("conflict_name"),
            kind: table.column("pa_type"),
            comment: table.column("pa_comment"),
            signed_by: table.column("pa_sign"),
            text: table.column("linktofulltextagreement"),
            provisions: provisions::columns(table, PROVISIONS),
        })
    }
}

pub(crate) fn map(table: &Table, aliases: &Aliases, out: &mut Dataset) -> Result<(), DatasetError> {
    let columns = Columns::of(table)?;
    // Signing and end dates were written by one program: their form is decided together.
    let cells: Vec<Cell<'_>> = table
        .rows()
        .flat_map(|row| {
            [("pa_date", columns.date), ("duration", columns.end)]
                .map(|(column, c)| row.value(c).map(|text| Cell { column, row: row.number, text }))
        })
        .flatten()
        .collect();
    let form = dates::decide(&table.file, &cells)?;
    let mut first_row_of: HashMap<String, usize> = HashMap::new();
    for row in table.rows() {
        let skip = |reason: String| Skipped { row: row.number, reason };
        let Some(paid) = id(row.text(columns.id)) else {
            out.skipped.push(skip("no agreement id in paid".into()));
            continue;
        };
        if let Some(first) = first_row_of.get(&paid) {
            out.skipped.push(skip(format!("paid {paid} is on row {first} already; the first is kept")));
            continue;
        }
        first_row_of.insert(paid.clone(), row.number);
        let origin = Origin::new(KIND, paid);
        let title = row.text(columns.title);
        if title.is_empty() {
            out.skipped.push(skip(format!("{origin} has no title in pa_name")));
            continue;
        }
        let Some(text) = row.value(columns.date) else {
            out.skipped.push(skip(format!("{origin} has no date in pa_date")));
            continue;
        };
        let date = match dates::read_in(form, &Cell { column: "pa_date", row: row.number, text }) {
            Ok(date) => date,
            Err(problem) => {
                out.skipped.push(skip(format!("{origin}: {problem}")));
                continue;
            }
        };
        let mut note =
            |message: String| out.notes.push(Note { row: row.number, origin: origin.clone(), message });
        let mut parties = PartyList::new(aliases);
        // Third parties first: UCDP lists them among the actors too.
        let listed = names_in(row.text(columns.third_parties), ',', aliases);
        if listed.prose {
            note(format!("pa_3rd is prose, kept as text: {}", row.text(columns.third_parties)));
        }
        for name in listed.names {
            let stance = Stance::Supports;
            parties.add(Named { name, kind: PartyKind::Other, role: Role::ThirdParty, stance, on: date });
        }
        let third_parties = parties.len();
        for name in actor_names(&row, &columns) {
            let kind = if is_government(&name) { PartyKind::State } else { PartyKind::ArmedGroup };
            parties.add(Named { name: &name, kind, role: Role::Party, stance: Stance::Supports, on: date });
        }
        if parties.len() == third_parties {
            out.skipped.push(skip(format!("{origin} names no party in actor_name")));
            continue;
        }
        let mut statuses = vec![
            StatusChange { status: ProposalStatus::Agreed, on: date, note: "UCDP: signed".into() },
            StatusChange {
                status: ProposalStatus::InEffect,
                on: date,
                note: "UCDP: in effect from signing".into(),
            },
        ];
        match ending(form, &row, &columns, date) {
            Ending::Open => {}
            Ending::Ended(status) => statuses.push(status),
            Ending::LeftOut(why) => note(why),
        }
        let provisions = provisions::read(&columns.provisions, row, |problem| {
            note(format!("{problem}; the provision is left out"))
        });
        out.agreements.push(Agreement {
            provisions,
            origin,
            row: row.number,
            title: tidy(title),
            summary: row.prose(columns.comment),
            date,
            process: row.text_of(columns.conflict).to_string(),
            scope: String::new(),
            // A full peace agreement settles the conflict; partial and process agreements
            // say nothing of the kind of ceasefire.
            kind: match row.value_of(columns.kind).and_then(whole_number) {
                Some(1) => ProposalKind::Definitive,
                _ => ProposalKind::General,
            },
            duration_days: None,
            statuses,
            parties: parties.into_parties(),
            links: vec![],
            page_url: None,
            text_url: web_link(row.value_of(columns.text)),
            signatories: row.prose(columns.signed_by),
            third_parties: [row.prose(Some(columns.third_parties)), row.prose(columns.third_parties_note)]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n"),
        });
    }
    Ok(())
}

/// The actors of `actor_name`. Some names hold a comma ("Government of Macedonia, FYR");
/// when there are more names than ids in `actor_id`, two neighbours that the row's
/// `dyad_name` writes as one name are put back together.
fn actor_names(row: &Row<'_>, columns: &Columns) -> Vec<String> {
    let mut names: Vec<String> =
        split_names(row.text(columns.actors), ',').into_iter().map(str::to_string).collect();
    let Some(ids) = row.value_of(columns.actor_ids).map(|ids| split_names(ids, ',').len()) else {
        return names;
    };
    let dyads = row.text_of(columns.dyads);
    while names.len() > ids {
        let joined =
            (0..names.len() - 1).find(|&i| dyads.contains(&format!("{}, {}", names[i], names[i + 1])));
        let Some(i) = joined else { break };
        let next = names.remove(i + 1);
        names[i] = format!("{}, {next}", names[i]);
    }
    names
}

/// Whether and when an agreement ended.
enum Ending {
    Open,
    Ended(StatusChange),
    /// It ended, but when cannot be told: why.
    LeftOut(String),
}

fn ending(form: Option<Form>, row: &Row<'_>, columns: &Columns, signed: EventDate) -> Ending {
    match ended(row, columns.ended) {
        Ok(false) => Ending::Open,
        Err(problem) => Ending::LeftOut(format!("{problem}; whether it ended is left out")),
        Ok(true) => {
            let Some(text) = row.value(columns.end) else {
                return Ending::LeftOut(
                    "it ended (ended), but duration gives no end date; the end is left out".into(),
                );
            };
            match dates::read_in(form, &Cell { column: "duration", row: row.number, text }) {
                Err(problem) => Ending::LeftOut(format!("{problem}; the end is left out")),
                Ok(end) if end.last_day() < signed.first_day() => Ending::LeftOut(format!(
                    "it ended on {end} (duration), before it was signed; the end is left out"
                )),
                Ok(on) => {
                    let why = row.prose(columns.end_note);
                    let note = if why.is_empty() {
                        "UCDP: ended".to_string()
                    } else {
                        format!("UCDP: ended. {why}")
                    };
                    Ending::Ended(StatusChange { status: ProposalStatus::Collapsed, on, note })
                }
            }
        }
    }
}

fn ended(row: &Row<'_>, column: usize) -> Result<bool, CellProblem> {
    match row.value(column).map(str::to_lowercase).as_deref() {
        None | Some("false" | "0" | "no" | "0.0") => Ok(false),
        Some("true" | "1" | "yes" | "1.0") => Ok(true),
        Some(_) => Err(CellProblem {
            column: "ended".into(),
            value: row.text(column).to_string(),
            expected: "True or False".into(),
        }),
    }
}
