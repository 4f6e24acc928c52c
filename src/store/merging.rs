//! Records that are one: parties with the same name, sources with the same link, and those a
//! person said are the same (`party_link`, `source_link`).
//!
//! Each group of records that are one has a canonical record, the one the window shows:
//! the earliest (by recorded time, then uuid) of those not linked as the same as another,
//! so that every machine holding the same records picks the same one, whatever the order
//! they arrived in. A record's `canonical` column names it (NULL: it is canonical itself),
//! and a stance's `canonical_party` follows. Nothing a record says is changed: the records
//! keep naming what they named, and the views read through `canonical`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection};

use crate::error::{Error, Result};

/// The statements that write a link, for one made here and for an import alike.
pub(super) const PARTY_LINK: &str =
    "INSERT INTO party_link (uuid, record, same_as, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)";
pub(super) const SOURCE_LINK: &str =
    "INSERT INTO source_link (uuid, record, same_as, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)";

/// Two tables whose records can be one: which column makes them one by rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Merged {
    Party,
    Source,
}

impl Merged {
    fn table(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::Source => "source",
        }
    }

    fn links(self) -> &'static str {
        match self {
            Self::Party => "party_link",
            Self::Source => "source_link",
        }
    }

    /// The column whose equal values make records one: a party's name, a source's link.
    fn same_when(self) -> &'static str {
        match self {
            Self::Party => "name",
            Self::Source => "url",
        }
    }
}

/// A record as the settling reads it: id, (recorded_at, uuid) for the order, the value that
/// makes records one, and the canonical record it had.
type Row = (i64, String, String, Option<String>, Option<i64>);

/// A union of records, each pointing towards its group's root.
struct Groups {
    parent: HashMap<i64, i64>,
}

impl Groups {
    fn root(&mut self, id: i64) -> i64 {
        let parent = *self.parent.get(&id).unwrap_or(&id);
        if parent == id {
            return id;
        }
        let root = self.root(parent);
        self.parent.insert(id, root);
        root
    }

    fn join(&mut self, a: i64, b: i64) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent.insert(a, b);
        }
    }
}

/// Works out again which records of `merged` are one and which of each group is canonical,
/// and writes what changed. Gives the proposals whose stances moved to another party, whose
/// standing the caller rebuilds. Refuses links that go round in a circle.
pub(super) fn settle(conn: &Connection, merged: Merged) -> Result<BTreeSet<i64>> {
    let table = merged.table();
    let mut records: Vec<Row> = Vec::new();
    {
        let mut statement = conn.prepare(&format!(
            "SELECT id, recorded_at, uuid, {same}, canonical FROM {table}",
            same = merged.same_when()
        ))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            records.push((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?));
        }
    }
    let links: Vec<(i64, i64, String)> = conn
        .prepare(&format!("SELECT record, same_as, uuid FROM {} ORDER BY recorded_at, uuid", merged.links()))?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    refuse_circles(&links)?;

    let mut groups = Groups { parent: HashMap::new() };
    let mut first_with: HashMap<&str, i64> = HashMap::new();
    for (id, _, _, same, _) in &records {
        if let Some(same) = same.as_deref().filter(|same| !same.trim().is_empty()) {
            match first_with.get(same) {
                Some(&other) => groups.join(*id, other),
                None => {
                    first_with.insert(same, *id);
                }
            }
        }
    }
    let linked: BTreeSet<i64> = links.iter().map(|(record, _, _)| *record).collect();
    for (record, same_as, _) in &links {
        groups.join(*record, *same_as);
    }
    // The canonical record of each group: the earliest not linked away, else the earliest.
    let mut order: Vec<&Row> = records.iter().collect();
    order.sort_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
    let mut canonical_of_root: BTreeMap<i64, i64> = BTreeMap::new();
    for (id, ..) in order.iter().filter(|record| !linked.contains(&record.0)) {
        let root = groups.root(*id);
        canonical_of_root.entry(root).or_insert(*id);
    }
    for (id, ..) in &order {
        let root = groups.root(*id);
        canonical_of_root.entry(root).or_insert(*id);
    }

    let mut update = conn.prepare(&format!("UPDATE {table} SET canonical = ?2 WHERE id = ?1"))?;
    let mut moved = Vec::new();
    for (id, _, _, _, was) in &records {
        let canonical = canonical_of_root[&groups.root(*id)];
        let now = (canonical != *id).then_some(canonical);
        if now != *was {
            update.execute(params![id, now])?;
            moved.push(*id);
        }
    }
    if merged == Merged::Party && !moved.is_empty() {
        return follow_parties(conn, &moved);
    }
    Ok(BTreeSet::new())
}

/// Points the stances of the parties `moved` at the party each is now one with; gives the
/// proposals they are on.
fn follow_parties(conn: &Connection, moved: &[i64]) -> Result<BTreeSet<i64>> {
    let mut proposals = BTreeSet::new();
    let mut touched = conn.prepare("SELECT DISTINCT proposal FROM event WHERE party = ?1")?;
    let mut point = conn.prepare(
        "UPDATE event SET canonical_party = (SELECT coalesce(canonical, id) FROM party WHERE id = ?1)
         WHERE party = ?1",
    )?;
    for party in moved {
        for proposal in touched.query_map([party], |row| row.get::<_, i64>(0))? {
            proposals.insert(proposal?);
        }
        point.execute([party])?;
    }
    Ok(proposals)
}

/// Refuses links that go round: a record said to be the same as another that is, through
/// links, said to be the same as it. Each link names which record stays, so a circle leaves
/// none to stay.
fn refuse_circles(links: &[(i64, i64, String)]) -> Result<()> {
    let mut next: HashMap<i64, Vec<(i64, &str)>> = HashMap::new();
    for (record, same_as, uuid) in links {
        next.entry(*record).or_default().push((*same_as, uuid));
    }
    // Depth-first, with the path of links walked; meeting a record on the path is a circle.
    fn walk<'l>(
        at: i64,
        next: &HashMap<i64, Vec<(i64, &'l str)>>,
        on_path: &mut Vec<(i64, &'l str)>,
        done: &mut BTreeSet<i64>,
    ) -> Option<Vec<&'l str>> {
        if done.contains(&at) {
            return None;
        }
        for &(to, uuid) in next.get(&at).map(Vec::as_slice).unwrap_or_default() {
            if let Some(start) = on_path.iter().position(|(record, _)| *record == to) {
                let mut circle: Vec<&str> = on_path[start + 1..].iter().map(|(_, uuid)| *uuid).collect();
                circle.push(uuid);
                return Some(circle);
            }
            on_path.push((to, uuid));
            if let Some(circle) = walk(to, next, on_path, done) {
                return Some(circle);
            }
            on_path.pop();
        }
        done.insert(at);
        None
    }
    let mut done = BTreeSet::new();
    for (start, _, _) in links {
        if let Some(circle) = walk(*start, &next, &mut vec![(*start, "")], &mut done) {
            return Err(Error::LinkCircle { links: circle.join(", ") });
        }
    }
    Ok(())
}
