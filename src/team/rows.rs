//! The records of the export document as rows of the server's tables, and back: sent with
//! binary COPY into a temporary table and inserted from there, skipping the uuids the
//! server holds (COPY itself can neither skip rows nor pass row-level security); received
//! with one query per table and device.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::Transaction;
use uuid::Uuid;

use super::error::TeamError;
use crate::model::document::{
    ChangeRecord, ConditionRecord, Document, EventRecord, LinkRecord, OriginRecord, PartyRecord,
    ProposalRecord, RetractionRecord, RevisionRecord, SourceRecord,
};
use crate::model::{stamp, EventDate, Extension, Precision, Vocabulary};

/// A server table: its name and columns, the number and device columns last.
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Type)],
}

const PARTY: Table = Table {
    name: "party",
    columns: &[
        ("uuid", Type::UUID),
        ("name", Type::TEXT),
        ("kind", Type::TEXT),
        ("member_of", Type::UUID),
        ("note", Type::TEXT),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const SOURCE: Table = Table {
    name: "source",
    columns: &[
        ("uuid", Type::UUID),
        ("title", Type::TEXT),
        ("outlet", Type::TEXT),
        ("url", Type::TEXT),
        ("published_on", Type::DATE),
        ("published_on_precision", Type::TEXT),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const PROPOSAL: Table = Table {
    name: "proposal",
    columns: &[
        ("uuid", Type::UUID),
        ("title", Type::TEXT),
        ("summary", Type::TEXT),
        ("full_text", Type::TEXT),
        ("proposed_by", Type::UUID),
        ("co_proposers", Type::UUID_ARRAY),
        ("proposed_on", Type::DATE),
        ("proposed_on_precision", Type::TEXT),
        ("kind", Type::TEXT),
        ("scope", Type::TEXT),
        ("duration_days", Type::INT8),
        ("process", Type::TEXT),
        ("supersedes", Type::UUID),
        ("phase_of", Type::UUID),
        ("phase", Type::INT8),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const CONDITION: Table = Table {
    name: "condition",
    columns: &[
        ("uuid", Type::UUID),
        ("proposal", Type::UUID),
        ("raised_by", Type::UUID),
        ("directed_at", Type::UUID),
        ("text", Type::TEXT),
        ("kind", Type::TEXT),
        ("category", Type::TEXT),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const EVENT: Table = Table {
    name: "event",
    columns: &[
        ("uuid", Type::UUID),
        ("proposal", Type::UUID),
        ("kind", Type::TEXT),
        ("status", Type::TEXT),
        ("party", Type::UUID),
        ("stance", Type::TEXT),
        ("role", Type::TEXT),
        ("condition", Type::UUID),
        ("condition_status", Type::TEXT),
        ("against", Type::UUID),
        ("disputed", Type::BOOL),
        ("count", Type::INT8),
        ("unit", Type::TEXT),
        ("place", Type::TEXT),
        ("level", Type::TEXT),
        ("until", Type::DATE),
        ("until_precision", Type::TEXT),
        ("by_days", Type::INT8),
        ("occurred_on", Type::DATE),
        ("occurred_on_precision", Type::TEXT),
        ("note", Type::TEXT),
        ("sources", Type::UUID_ARRAY),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const RETRACTION: Table = Table {
    name: "retraction",
    columns: &[
        ("uuid", Type::UUID),
        ("entry", Type::UUID),
        ("reason", Type::TEXT),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const REVISION: Table = Table {
    name: "revision",
    columns: &[
        ("uuid", Type::UUID),
        ("table_name", Type::TEXT),
        ("record", Type::UUID),
        ("earlier", Type::JSONB),
        ("changed_to", Type::JSONB),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const LINK: Table = Table {
    name: "link",
    columns: &[
        ("uuid", Type::UUID),
        ("table_name", Type::TEXT),
        ("record", Type::UUID),
        ("same_as", Type::UUID),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

const ORIGIN: Table = Table {
    name: "origin",
    columns: &[
        ("uuid", Type::UUID),
        ("proposal", Type::UUID),
        ("dataset", Type::TEXT),
        ("origin_id", Type::TEXT),
        ("links", Type::TEXT_ARRAY),
        ("page_url", Type::TEXT),
        ("fingerprint", Type::TEXT),
        ("said", Type::JSONB),
        ("recorded_at", Type::TIMESTAMPTZ),
        ("recorded_by", Type::TEXT),
        ("device", Type::UUID),
        ("seq", Type::INT8),
    ],
};

/// Every server table of records.
pub(super) const TABLES: [&str; 9] = [
    PARTY.name,
    SOURCE.name,
    PROPOSAL.name,
    CONDITION.name,
    EVENT.name,
    RETRACTION.name,
    REVISION.name,
    LINK.name,
    ORIGIN.name,
];

impl Table {
    fn column_list(&self, with_number: bool) -> String {
        let shown = if with_number { self.columns.len() } else { self.columns.len() - 2 };
        self.columns[..shown].iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ")
    }

    fn types(&self) -> Vec<Type> {
        self.columns.iter().map(|(_, kind)| kind.clone()).collect()
    }
}

type Value<'a> = &'a (dyn ToSql + Sync);

/// What a send failed at: the server (or the way to it), or a record that cannot be sent.
pub(super) enum SendError {
    Server(postgres::Error),
    Record(TeamError),
}

impl From<postgres::Error> for SendError {
    fn from(error: postgres::Error) -> Self {
        Self::Server(error)
    }
}

/// Sends the records of `document` (numbered by `numbers`) as `device`'s, in the
/// transaction `tx`. Returns how many rows the server did not hold yet.
pub(super) fn send(
    tx: &mut Transaction<'_>,
    document: &Document,
    numbers: &HashMap<Uuid, i64>,
    device: Uuid,
) -> Result<u64, SendError> {
    let number = |uuid: &Uuid| -> Result<i64, SendError> {
        numbers.get(uuid).copied().ok_or_else(|| {
            SendError::Record(TeamError::Server(format!("the record {uuid} has no number to be sent with")))
        })
    };
    let mut inserted = 0;

    inserted += copy(tx, &PARTY, &document.parties, |party, write| {
        let at = time(&party.recorded_at)?;
        let seq = number(&party.uuid)?;
        write(&[
            &party.uuid,
            &party.name,
            &party.kind.code(),
            &party.member_of,
            &party.note,
            &at,
            &party.recorded_by,
            &device,
            &seq,
        ])
    })?;
    inserted += copy(tx, &SOURCE, &document.sources, |source, write| {
        let at = time(&source.recorded_at)?;
        let seq = number(&source.uuid)?;
        let (published_on, precision) = split(source.published_on);
        write(&[
            &source.uuid,
            &source.title,
            &source.outlet,
            &source.url,
            &published_on,
            &precision,
            &at,
            &source.recorded_by,
            &device,
            &seq,
        ])
    })?;
    inserted += copy(tx, &PROPOSAL, &document.proposals, |p, write| {
        let at = time(&p.recorded_at)?;
        let seq = number(&p.uuid)?;
        let (proposed_on, precision) = (p.proposed_on.first_day(), p.proposed_on.precision().code());
        write(&[
            &p.uuid,
            &p.title,
            &p.summary,
            &p.full_text,
            &p.proposed_by,
            &p.co_proposers,
            &proposed_on,
            &precision,
            &p.kind.code(),
            &p.scope,
            &p.duration_days,
            &p.process,
            &p.supersedes,
            &p.phase_of,
            &p.phase,
            &at,
            &p.recorded_by,
            &device,
            &seq,
        ])
    })?;
    inserted += copy(tx, &CONDITION, &document.conditions, |c, write| {
        let at = time(&c.recorded_at)?;
        let seq = number(&c.uuid)?;
        write(&[
            &c.uuid,
            &c.proposal,
            &c.raised_by,
            &c.directed_at,
            &c.text,
            &c.kind.code(),
            &c.category.code(),
            &at,
            &c.recorded_by,
            &device,
            &seq,
        ])
    })?;
    inserted += copy(tx, &EVENT, &document.events, |e, write| {
        let at = time(&e.recorded_at)?;
        let seq = number(&e.uuid)?;
        let row = EventRow::of(e);
        let (occurred_on, precision) = (e.occurred_on.first_day(), e.occurred_on.precision().code());
        let (until, until_precision) = split(row.until);
        write(&[
            &e.uuid,
            &e.proposal,
            &row.kind,
            &row.status,
            &row.party,
            &row.stance,
            &row.role,
            &row.condition,
            &row.condition_status,
            &row.against,
            &row.disputed,
            &row.count,
            &row.unit,
            &row.place,
            &row.level,
            &until,
            &until_precision,
            &row.by_days,
            &occurred_on,
            &precision,
            &e.note,
            &e.sources,
            &at,
            &e.recorded_by,
            &device,
            &seq,
        ])
    })?;
    inserted += copy(tx, &RETRACTION, &document.retractions, |r, write| {
        let at = time(&r.recorded_at)?;
        let seq = number(&r.uuid)?;
        write(&[&r.uuid, &r.entry, &r.reason, &at, &r.recorded_by, &device, &seq])
    })?;
    inserted += copy(tx, &REVISION, &document.revisions, |r, write| {
        let at = time(&r.recorded_at)?;
        let seq = number(&r.uuid)?;
        write(&[&r.uuid, &r.table, &r.record, &r.earlier, &r.changed_to, &at, &r.recorded_by, &device, &seq])
    })?;
    inserted += copy(tx, &LINK, &document.links, |l, write| {
        let at = time(&l.recorded_at)?;
        let seq = number(&l.uuid)?;
        write(&[&l.uuid, &l.table, &l.record, &l.same_as, &at, &l.recorded_by, &device, &seq])
    })?;
    inserted += copy(tx, &ORIGIN, &document.origins, |o, write| {
        let at = time(&o.recorded_at)?;
        let seq = number(&o.uuid)?;
        let said = serde_json::Value::Object(o.said.clone());
        write(&[
            &o.uuid,
            &o.proposal,
            &o.dataset,
            &o.id,
            &o.links,
            &o.page_url,
            &o.fingerprint,
            &said,
            &at,
            &o.recorded_by,
            &device,
            &seq,
        ])
    })?;
    Ok(inserted)
}

/// Copies `records` into a temporary table shaped like `table`, then inserts those whose
/// uuid the server does not hold. `row` writes one record through the writer it is given.
fn copy<R>(
    tx: &mut Transaction<'_>,
    table: &Table,
    records: &[R],
    mut row: impl FnMut(&R, &mut dyn FnMut(&[Value<'_>]) -> Result<(), SendError>) -> Result<(), SendError>,
) -> Result<u64, SendError> {
    if records.is_empty() {
        return Ok(0);
    }
    let name = table.name;
    let columns = table.column_list(true);
    tx.batch_execute(&format!(
        "CREATE TEMPORARY TABLE IF NOT EXISTS incoming_{name} (LIKE tracker.{name}) ON COMMIT DROP"
    ))?;
    let sink = tx.copy_in(&format!("COPY incoming_{name} ({columns}) FROM STDIN (FORMAT binary)"))?;
    let mut writer = BinaryCopyInWriter::new(sink, &table.types());
    for record in records {
        row(record, &mut |values| writer.write(values).map_err(SendError::from))?;
    }
    writer.finish()?;
    let inserted = tx.execute(
        &format!(
            "INSERT INTO tracker.{name} ({columns}) SELECT {columns} FROM incoming_{name}
             ON CONFLICT (uuid) DO NOTHING"
        ),
        &[],
    )?;
    Ok(inserted)
}

fn time(recorded_at: &str) -> Result<DateTime<Utc>, SendError> {
    stamp::parse(recorded_at).ok_or_else(|| {
        SendError::Record(TeamError::Server(format!(
            "\"{recorded_at}\" is not a recorded time that can be sent"
        )))
    })
}

fn split(date: Option<EventDate>) -> (Option<NaiveDate>, Option<&'static str>) {
    match date {
        Some(date) => (Some(date.first_day()), Some(date.precision().code())),
        None => (None, None),
    }
}

/// An event's change spread over the columns of `tracker.event`.
#[derive(Default)]
struct EventRow {
    kind: &'static str,
    status: Option<&'static str>,
    party: Option<Uuid>,
    stance: Option<&'static str>,
    role: Option<&'static str>,
    condition: Option<Uuid>,
    condition_status: Option<&'static str>,
    against: Option<Uuid>,
    disputed: bool,
    count: Option<i64>,
    unit: String,
    place: String,
    level: Option<&'static str>,
    until: Option<EventDate>,
    by_days: Option<i64>,
}

impl EventRow {
    fn of(event: &EventRecord) -> Self {
        let mut row = match &event.change {
            ChangeRecord::Status { status } => {
                Self { kind: "status", status: Some(status.code()), ..Self::default() }
            }
            ChangeRecord::Stance { party, stance, role } => Self {
                kind: "stance",
                party: Some(*party),
                stance: Some(stance.code()),
                role: Some(role.code()),
                ..Self::default()
            },
            ChangeRecord::Condition { condition, status } => Self {
                kind: "condition",
                condition: Some(*condition),
                condition_status: Some(status.code()),
                ..Self::default()
            },
            ChangeRecord::Violation { reported_by, against, disputed, until, count, unit, place } => Self {
                kind: "violation",
                party: *reported_by,
                against: *against,
                disputed: *disputed,
                until: *until,
                count: *count,
                unit: unit.clone(),
                place: place.clone(),
                ..Self::default()
            },
            ChangeRecord::Implementation { condition, level } => Self {
                kind: "implementation",
                condition: Some(*condition),
                level: Some(level.code()),
                ..Self::default()
            },
        };
        match event.extension {
            Some(Extension::Until(until)) => row.until = Some(until),
            Some(Extension::ByDays(days)) => row.by_days = Some(days),
            None => {}
        }
        row
    }
}

/// Reads `device`'s rows numbered from `after` (excluded) to `through` of every table into
/// `document`. Returns how many were read.
pub(super) fn receive(
    tx: &mut Transaction<'_>,
    device: Uuid,
    after: i64,
    through: i64,
    document: &mut Document,
) -> Result<usize, SendError> {
    let before = count(document);
    select(tx, &PARTY, (device, after, through), &mut document.parties, |row| {
        Ok(PartyRecord {
            uuid: row.get(0),
            name: row.get(1),
            kind: word(row.get(2))?,
            member_of: row.get(3),
            note: row.get(4),
            recorded_at: stamp::stamp(row.get(5)),
            recorded_by: row.get(6),
        })
    })?;
    select(tx, &SOURCE, (device, after, through), &mut document.sources, |row| {
        Ok(SourceRecord {
            uuid: row.get(0),
            title: row.get(1),
            outlet: row.get(2),
            url: row.get(3),
            published_on: join(row.get(4), row.get(5))?,
            recorded_at: stamp::stamp(row.get(6)),
            recorded_by: row.get(7),
        })
    })?;
    select(tx, &PROPOSAL, (device, after, through), &mut document.proposals, |row| {
        Ok(ProposalRecord {
            uuid: row.get(0),
            title: row.get(1),
            summary: row.get(2),
            full_text: row.get(3),
            proposed_by: row.get(4),
            co_proposers: row.get(5),
            proposed_on: date(row.get(6), row.get(7))?,
            kind: word(row.get(8))?,
            scope: row.get(9),
            duration_days: row.get(10),
            process: row.get(11),
            supersedes: row.get(12),
            phase_of: row.get(13),
            phase: row.get(14),
            recorded_at: stamp::stamp(row.get(15)),
            recorded_by: row.get(16),
        })
    })?;
    select(tx, &CONDITION, (device, after, through), &mut document.conditions, |row| {
        Ok(ConditionRecord {
            uuid: row.get(0),
            proposal: row.get(1),
            raised_by: row.get(2),
            directed_at: row.get(3),
            text: row.get(4),
            kind: word(row.get(5))?,
            category: word(row.get(6))?,
            recorded_at: stamp::stamp(row.get(7)),
            recorded_by: row.get(8),
        })
    })?;
    select(tx, &EVENT, (device, after, through), &mut document.events, event)?;
    select(tx, &RETRACTION, (device, after, through), &mut document.retractions, |row| {
        Ok(RetractionRecord {
            uuid: row.get(0),
            entry: row.get(1),
            reason: row.get(2),
            recorded_at: stamp::stamp(row.get(3)),
            recorded_by: row.get(4),
        })
    })?;
    select(tx, &REVISION, (device, after, through), &mut document.revisions, |row| {
        Ok(RevisionRecord {
            uuid: row.get(0),
            table: row.get(1),
            record: row.get(2),
            earlier: row.get(3),
            changed_to: row.get(4),
            recorded_at: stamp::stamp(row.get(5)),
            recorded_by: row.get(6),
        })
    })?;
    select(tx, &LINK, (device, after, through), &mut document.links, |row| {
        Ok(LinkRecord {
            uuid: row.get(0),
            table: row.get(1),
            record: row.get(2),
            same_as: row.get(3),
            recorded_at: stamp::stamp(row.get(4)),
            recorded_by: row.get(5),
        })
    })?;
    select(tx, &ORIGIN, (device, after, through), &mut document.origins, |row| {
        let said = match row.get::<_, serde_json::Value>(7) {
            serde_json::Value::Object(said) => said,
            _ => return Err(unreadable("what a dataset said is not an object".into())),
        };
        Ok(OriginRecord {
            uuid: row.get(0),
            proposal: row.get(1),
            dataset: row.get(2),
            id: row.get(3),
            links: row.get(4),
            page_url: row.get(5),
            fingerprint: row.get(6),
            said,
            recorded_at: stamp::stamp(row.get(8)),
            recorded_by: row.get(9),
        })
    })?;
    Ok(count(document) - before)
}

/// How many records a document holds.
pub(super) fn count(document: &Document) -> usize {
    document.parties.len()
        + document.sources.len()
        + document.proposals.len()
        + document.conditions.len()
        + document.events.len()
        + document.retractions.len()
        + document.revisions.len()
        + document.links.len()
        + document.origins.len()
}

fn select<R>(
    tx: &mut Transaction<'_>,
    table: &Table,
    (device, after, through): (Uuid, i64, i64),
    into: &mut Vec<R>,
    mut record: impl FnMut(&postgres::Row) -> Result<R, SendError>,
) -> Result<(), SendError> {
    let sql = format!(
        "SELECT {} FROM tracker.{} WHERE device = $1 AND seq > $2 AND seq <= $3",
        table.column_list(false),
        table.name
    );
    let params: [Value<'_>; 3] = [&device, &after, &through];
    let mut rows = tx.query_raw(&sql, params)?;
    while let Some(row) = rows.next()? {
        into.push(record(&row)?);
    }
    Ok(())
}

fn event(row: &postgres::Row) -> Result<EventRecord, SendError> {
    let kind: &str = row.get(2);
    let until = join(row.get(15), row.get(16))?;
    let change = match kind {
        "status" => ChangeRecord::Status { status: word(row.get::<_, Option<&str>>(3).unwrap_or_default())? },
        "stance" => ChangeRecord::Stance {
            party: required(row.get(4), "party")?,
            stance: word(row.get::<_, Option<&str>>(5).unwrap_or_default())?,
            role: word(row.get::<_, Option<&str>>(6).unwrap_or_default())?,
        },
        "condition" => ChangeRecord::Condition {
            condition: required(row.get(7), "condition")?,
            status: word(row.get::<_, Option<&str>>(8).unwrap_or_default())?,
        },
        "violation" => ChangeRecord::Violation {
            reported_by: row.get(4),
            against: row.get(9),
            disputed: row.get(10),
            until,
            count: row.get(11),
            unit: row.get(12),
            place: row.get(13),
        },
        "implementation" => ChangeRecord::Implementation {
            condition: required(row.get(7), "condition")?,
            level: word(row.get::<_, Option<&str>>(14).unwrap_or_default())?,
        },
        other => return Err(unreadable(format!("\"{other}\" is not a kind of entry"))),
    };
    let extension = match (kind, until, row.get::<_, Option<i64>>(17)) {
        ("violation", _, _) => None,
        (_, Some(until), _) => Some(Extension::Until(until)),
        (_, None, Some(days)) => Some(Extension::ByDays(days)),
        (_, None, None) => None,
    };
    Ok(EventRecord {
        uuid: row.get(0),
        proposal: row.get(1),
        change,
        occurred_on: date(row.get(18), row.get(19))?,
        note: row.get(20),
        sources: row.get(21),
        extension,
        recorded_at: stamp::stamp(row.get(22)),
        recorded_by: row.get(23),
    })
}

fn unreadable(problem: String) -> SendError {
    SendError::Record(TeamError::Received { reason: problem })
}

fn required(uuid: Option<Uuid>, what: &str) -> Result<Uuid, SendError> {
    uuid.ok_or_else(|| unreadable(format!("an entry names no {what}")))
}

fn word<T: Vocabulary>(code: &str) -> Result<T, SendError> {
    T::ALL
        .iter()
        .copied()
        .find(|word| word.code() == code)
        .ok_or_else(|| unreadable(format!("\"{code}\" is not a {}", T::NAME)))
}

fn date(day: NaiveDate, precision: &str) -> Result<EventDate, SendError> {
    let precision = Precision::from_code(precision)
        .ok_or_else(|| unreadable(format!("\"{precision}\" is not a precision")))?;
    Ok(EventDate::new(day, precision))
}

fn join(day: Option<NaiveDate>, precision: Option<&str>) -> Result<Option<EventDate>, SendError> {
    match (day, precision) {
        (Some(day), Some(precision)) => date(day, precision).map(Some),
        _ => Ok(None),
    }
}
