//! ETH/PRIO Civil Conflict Ceasefires: one row per actor declaring a ceasefire. The rows of
//! one `uniq_id` make one ceasefire, each actor a stance. Dates come as year, month and
//! day columns with -1 for what is not known and 0 for what does not apply.

use std::collections::HashMap;

use crate::model::{EventDate, PartyKind, ProposalKind, ProposalStatus, Role, Stance};

use super::aliases::name_key;
use super::dates::{self, Cell};
use super::error::{CellProblem, DatasetError, Rows};
use super::parties::{is_government, names_in, Named, PartyList};
use super::table::{id, present, whole_number, Row, Table};
use super::{Agreement, AgreementParty, Aliases, Dataset, DatasetKind, Note, Origin, Skipped, StatusChange};

const KIND: DatasetKind = DatasetKind::EthPrio;

struct Columns {
    id: usize,
    actor: usize,
    location: usize,
    declared: [(usize, &'static str); 3],
    effective: [(usize, &'static str); 3],
    ended: usize,
    end: [(usize, &'static str); 3],
    mediators: Option<usize>,
    pax: Option<usize>,
    partial: Option<usize>,
    fixed: Option<usize>,
    fixed_time: Option<usize>,
    class: Option<usize>,
    humanitarian: Option<usize>,
    comment: Option<usize>,
}

impl Columns {
    fn of(table: &Table) -> Result<Self, DatasetError> {
        let date = |names: [&'static str; 3]| -> Result<[(usize, &'static str); 3], DatasetError> {
            let [y, m, d] = names;
            Ok([(table.require(KIND, y)?, y), (table.require(KIND, m)?, m), (table.require(KIND, d)?, d)])
        };
        Ok(Self {
            id: table.require(KIND, "uniq_id")?,
            actor: table.require(KIND, "actor_name")?,
            location: table.require(KIND, "location")?,
            declared: date(["cf_dec_yr", "cf_dec_month", "cf_dec_day"])?,
            effective: date(["cf_effect_yr", "cf_effect_month", "cf_effect_day"])?,
            ended: table.require(KIND, "ended")?,
            end: date(["end_yr", "end_month", "end_day"])?,
            mediators: table.column("mediator_send"),
            pax: table.column("pax_id"),
            partial: table.column("partial"),
            fixed: table.column("fixed"),
            fixed_time: table.column("fixed_time"),
            class: table.column("ceasefire_class"),
            humanitarian: table.column("p_humanitarian"),
            comment: table.column("cf_pp"),
        })
    }
}

/// What one row says: an actor's declaration.
struct Declaration<'a> {
    row: Row<'a>,
    actor: &'a str,
    declared: Option<EventDate>,
    effective: Option<EventDate>,
    ended: i64,
    end: Option<EventDate>,
}

pub(crate) fn map(table: &Table, aliases: &Aliases, out: &mut Dataset) -> Result<(), DatasetError> {
    let columns = Columns::of(table)?;
    let mut order: Vec<String> = vec![];
    let mut groups: HashMap<String, Vec<Declaration<'_>>> = HashMap::new();
    for row in table.rows() {
        let Some(uniq_id) = id(row.text(columns.id)) else {
            out.skipped.push(Skipped { row: row.number, reason: "no ceasefire id in uniq_id".into() });
            continue;
        };
        let origin = Origin::new(KIND, uniq_id.clone());
        let Some(actor) = present(row.text(columns.actor)) else {
            out.skipped.push(Skipped { row: row.number, reason: format!("{origin} has no actor_name") });
            continue;
        };
        let mut notes = vec![];
        let mut date = |columns: [(usize, &'static str); 3], what: &str| {
            let cells = columns.map(|(c, column)| Cell { column, row: row.number, text: row.text(c) });
            dates::from_parts([&cells[0], &cells[1], &cells[2]]).unwrap_or_else(|problem| {
                notes.push(format!("{problem}; the {what} date is left out"));
                None
            })
        };
        let (declared, effective, end) = (
            date(columns.declared, "declared"),
            date(columns.effective, "effective"),
            date(columns.end, "end"),
        );
        let ended = number(&row, columns.ended, "ended").unwrap_or_else(|problem| {
            notes.push(format!("{problem}; how it ended is left out"));
            -1
        });
        for message in notes {
            out.notes.push(Note { row: row.number, origin: origin.clone(), message });
        }
        if !groups.contains_key(&uniq_id) {
            order.push(uniq_id.clone());
        }
        groups.entry(uniq_id).or_default().push(Declaration { row, actor, declared, effective, ended, end });
    }
    for uniq_id in order {
        let rows = &groups[&uniq_id];
        let origin = Origin::new(KIND, uniq_id);
        if let Some(agreement) = ceasefire(&columns, aliases, origin, rows, out) {
            out.agreements.push(agreement);
        }
    }
    Ok(())
}

fn ceasefire(
    columns: &Columns,
    aliases: &Aliases,
    origin: Origin,
    rows: &[Declaration<'_>],
    out: &mut Dataset,
) -> Option<Agreement> {
    let first = &rows[0].row;
    let declared = earliest(rows.iter().filter_map(|r| r.declared));
    let effective = earliest(rows.iter().filter_map(|r| r.effective));
    let Some(date) = earliest(declared.into_iter().chain(effective)) else {
        let numbers = Rows { rows: rows.iter().map(|r| r.row.number).collect() };
        let reason = format!("{origin} ({numbers}) has neither a declared nor an effective year");
        out.skipped.push(Skipped { row: first.number, reason });
        return None;
    };
    let mut notes = vec![];
    let (parties, mediators) = parties(columns, aliases, rows, date, &mut notes);
    let statuses = statuses(rows, declared, effective, date, &mut notes);
    let mut flag = |column: Option<usize>, name: &'static str| {
        let Some(column) = column else { return 0 };
        number(first, column, name).unwrap_or_else(|problem| {
            notes.push(format!("{problem}; it is read as 0"));
            0
        })
    };
    let kind = if flag(columns.class, "ceasefire_class") == 3 {
        ProposalKind::Definitive
    } else if flag(columns.humanitarian, "p_humanitarian") == 1 {
        ProposalKind::HumanitarianPause
    } else if flag(columns.partial, "partial") == 1 {
        ProposalKind::Partial
    } else {
        ProposalKind::General
    };
    let duration_days = match (flag(columns.fixed, "fixed"), first.value_of(columns.fixed_time)) {
        (1, Some(text)) => match whole_number(text) {
            Some(days) if days > 0 => Some(days),
            _ => {
                notes.push(format!("fixed_time gives no number of days: {text}"));
                None
            }
        },
        _ => None,
    };
    let mut links = vec![];
    for pax in rows.iter().filter_map(|r| r.row.value_of(columns.pax).and_then(id)) {
        let link = Origin::new(DatasetKind::Pax, pax);
        // 0, like -1, is no PA-X agreement.
        if link.id != "0" && !links.contains(&link) {
            links.push(link);
        }
    }
    for message in notes {
        out.notes.push(Note { row: first.number, origin: origin.clone(), message });
    }
    let location = first.text(columns.location);
    let summary =
        rows.iter().filter_map(|r| r.row.value_of(columns.comment)).find(|c| *c != "0").unwrap_or("");
    Some(Agreement {
        title: title(location, &parties, date),
        origin,
        row: first.number,
        summary: summary.replace("\r\n", "\n"),
        date,
        process: location.to_string(),
        scope: String::new(),
        kind,
        duration_days,
        statuses,
        parties,
        provisions: vec![],
        links,
        page_url: None,
        text_url: None,
        signatories: String::new(),
        third_parties: if mediators.is_empty() {
            String::new()
        } else {
            format!("Mediators: {}", mediators.join("; "))
        },
    })
}

fn earliest(dates: impl Iterator<Item = EventDate>) -> Option<EventDate> {
    dates.min_by_key(|d| d.first_day())
}

/// The actors, each once, and the mediators; and the mediator cells as written.
fn parties<'r>(
    columns: &Columns,
    aliases: &Aliases,
    rows: &[Declaration<'r>],
    date: EventDate,
    notes: &mut Vec<String>,
) -> (Vec<AgreementParty>, Vec<&'r str>) {
    // A ceasefire declared by one actor (on however many rows) is that actor's.
    let mut actors: Vec<String> = vec![];
    for row in rows {
        let key = name_key(&aliases.resolve(row.actor).name);
        if !actors.contains(&key) {
            actors.push(key);
        }
    }
    let stance = if actors.len() == 1 { Stance::Proposer } else { Stance::Supports };
    let mut parties = PartyList::new(aliases);
    for row in rows {
        let kind = if is_government(row.actor) { PartyKind::State } else { PartyKind::ArmedGroup };
        let on = row.declared.or(row.effective).unwrap_or(date);
        parties.add(Named { name: row.actor, kind, role: Role::Party, stance, on });
    }
    let mut mediators = vec![];
    for row in rows {
        let Some(cell) = row.row.value_of(columns.mediators).filter(|m| *m != "0") else { continue };
        if mediators.contains(&cell) {
            continue;
        }
        mediators.push(cell);
        let listed = names_in(cell, ',', aliases);
        if listed.prose {
            notes.push(format!("mediator_send (row {}) is prose, kept as text: {cell}", row.row.number));
        }
        for name in listed.names {
            let (role, stance) = (Role::Mediator, Stance::Supports);
            parties.add(Named { name, kind: PartyKind::Other, role, stance, on: date });
        }
    }
    (parties.into_parties(), mediators)
}

/// Declared, in effect, and how it ended: the earliest end among the rows that ended.
fn statuses(
    rows: &[Declaration<'_>],
    declared: Option<EventDate>,
    effective: Option<EventDate>,
    date: EventDate,
    notes: &mut Vec<String>,
) -> Vec<StatusChange> {
    let mut statuses = vec![];
    if let Some(on) = declared {
        statuses.push(StatusChange { status: ProposalStatus::Agreed, on, note: "ETH/PRIO: declared".into() });
    }
    if let Some(on) = effective {
        statuses.push(StatusChange {
            status: ProposalStatus::InEffect,
            on,
            note: "ETH/PRIO: in effect".into(),
        });
    }
    let ended: Vec<(ProposalStatus, &Declaration<'_>)> =
        rows.iter().filter_map(|r| Some((closing(r.ended)?, r))).collect();
    let dated = ended.iter().filter_map(|&(status, r)| Some((status, r.end?, r)));
    match dated.min_by_key(|(_, end, _)| end.first_day()) {
        Some((_, end, r)) if end.last_day() < date.first_day() => notes.push(format!(
            "it ended on {end} (row {}), before it was declared; the end is left out",
            r.row.number
        )),
        Some((status, on, r)) => {
            statuses.push(StatusChange { status, on, note: format!("ETH/PRIO: ended (code {})", r.ended) })
        }
        None => {
            if let Some((_, r)) = ended.first() {
                notes.push(format!(
                    "it ended (row {}) but end_yr gives no year; the end is left out",
                    r.row.number
                ));
            }
        }
    }
    statuses.sort_by_key(|s| s.on.first_day());
    statuses
}

/// The closing status an `ended` code gives, as the data bears it out: the end dates of
/// code 1 are the effective date plus the fixed period (it ran out), code 2 ends early
/// (it broke down), code 4 is followed by a linked ceasefire (it was replaced). Codes 0 (it
/// did not end), 3 (it never took effect: no dates) and -1 (unknown) close nothing.
fn closing(ended: i64) -> Option<ProposalStatus> {
    match ended {
        1 => Some(ProposalStatus::Expired),
        2 => Some(ProposalStatus::Collapsed),
        4 => Some(ProposalStatus::Superseded),
        _ => None,
    }
}

/// ETH/PRIO gives no title: "Ceasefire declared by Ukraine and Donetsk People's Republic
/// (Ukraine, 5 September 2014)".
fn title(location: &str, parties: &[AgreementParty], date: EventDate) -> String {
    let names: Vec<&str> =
        parties.iter().filter(|p| p.role == Role::Party).map(|p| p.name.as_str()).collect();
    let by = match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b, c, more @ ..] if !more.is_empty() => format!("{a}, {b}, {c} and {} others", more.len()),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    match location {
        "" => format!("Ceasefire declared by {by} ({date})"),
        _ => format!("Ceasefire declared by {by} ({location}, {date})"),
    }
}

/// A code or a count: an empty cell is -1, unknown.
fn number(row: &Row<'_>, column: usize, name: &'static str) -> Result<i64, CellProblem> {
    let text = row.text(column);
    if text.is_empty() {
        return Ok(-1);
    }
    whole_number(text).ok_or_else(|| CellProblem {
        column: name.to_string(),
        value: text.to_string(),
        expected: "a whole number".into(),
    })
}
