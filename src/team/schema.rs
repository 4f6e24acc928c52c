//! The team server's schema: numbered SQL files embedded at compile time, like the SQLite
//! ones, each applied in one transaction with its number written into
//! `tracker.schema_version`. A server set up by a newer version is refused, untouched.

use postgres::Client;

/// The server's migrations, applied in order; migration N brings the schema to version N.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_initial.sql")];

/// The server schema this version writes and reads.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// A lock number that only a migration of this schema takes, so that two admins who set
/// up the same database at once do not both migrate it.
const MIGRATION_LOCK: i64 = 0x6366_7472_6163_6b01;

/// The server's schema version; None when no team is set up in the database.
pub fn version(client: &mut Client) -> Result<Option<i64>, postgres::Error> {
    let exists: bool =
        client.query_one("SELECT to_regclass('tracker.schema_version') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(None);
    }
    let version: Option<i32> =
        client.query_one("SELECT max(version) FROM tracker.schema_version", &[])?.get(0);
    Ok(Some(i64::from(version.unwrap_or(0))))
}

/// What bringing the schema up to date found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Migrated {
    /// The schema was at `from` and is now at [`VERSION`].
    Upgraded { from: i64 },
    /// Nothing to do.
    UpToDate,
    /// Written by a newer version, and left as it is.
    Newer { found: i64 },
}

/// Applies the migrations the server lacks, each in its own transaction.
pub fn migrate(client: &mut Client) -> Result<Migrated, postgres::Error> {
    let from = version(client)?.unwrap_or(0);
    if from > VERSION {
        return Ok(Migrated::Newer { found: from });
    }
    if from == VERSION {
        return Ok(Migrated::UpToDate);
    }
    loop {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        let version =
            match tx.query_one("SELECT to_regclass('tracker.schema_version') IS NOT NULL", &[])?.get(0) {
                true => i64::from(
                    tx.query_one("SELECT max(version) FROM tracker.schema_version", &[])?
                        .get::<_, Option<i32>>(0)
                        .unwrap_or(0),
                ),
                false => 0,
            };
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            tx.commit()?;
            return Ok(Migrated::Upgraded { from });
        };
        tx.batch_execute(sql)?;
        tx.execute("INSERT INTO tracker.schema_version (version) VALUES ($1)", &[&(version as i32 + 1)])?;
        tx.commit()?;
    }
}
