//! An admin's work on the server: setting up the team's schema and roles in a database
//! they own, and adding members as PostgreSQL login roles.

use postgres::error::SqlState;

use super::error::TeamError;
use super::schema::{self, Migrated};
use super::server::{Address, Role};
use super::{password, ServerAccess};
use crate::error::Result;

/// What `setup` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetUp {
    /// The schema was made, or brought from an older version (`from`, 0 for none) to this one's.
    Made { from: i64 },
    /// It was up to date already.
    AlreadyThere,
}

/// Makes the team's schema and roles in the database the URL names, which the user owns
/// (they need the right to create roles too), or brings an older one up to date.
pub fn setup(access: &ServerAccess<'_>) -> Result<SetUp> {
    let address = Address::parse(access.url, None)?;
    let mut client = address.connect(access.password, access.ca_file)?;
    match schema::migrate(&mut client).map_err(|e| address.failure(e, "set up the team"))? {
        Migrated::Upgraded { from } => Ok(SetUp::Made { from }),
        Migrated::UpToDate => Ok(SetUp::AlreadyThere),
        Migrated::Newer { found } => Err(TeamError::NewerServer { found, known: schema::VERSION }.into()),
    }
}

/// A member just added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub name: String,
    pub role: Role,
    /// The password made for them, when none was given: shown once, kept nowhere.
    pub made_password: Option<String>,
}

/// Adds `name` to the team as a login role in the group `role`, with `given` as password
/// or a new one. The password reaches the server only as a SCRAM verifier, so that it is
/// in no server log. An admin may add members in turn (PostgreSQL's CREATEROLE).
pub fn add_member(
    access: &ServerAccess<'_>,
    name: &str,
    role: Role,
    given: Option<String>,
) -> Result<NewMember> {
    check_name(name)?;
    let address = Address::parse(access.url, None)?;
    let mut client = address.connect(access.password, access.ca_file)?;
    if schema::version(&mut client).map_err(|e| address.failure(e, "read"))?.is_none() {
        return Err(TeamError::NotSetUp { server: access.url.to_string() }.into());
    }
    let made_password = given.is_none().then(password::generate);
    let password = given.as_deref().or(made_password.as_deref()).unwrap_or_default();
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let may_add = if role == Role::Admin { " CREATEROLE" } else { "" };
    let sql = format!(
        "CREATE ROLE {} LOGIN{may_add} PASSWORD '{verifier}' IN ROLE {}",
        identifier(name),
        role.code()
    );
    client.batch_execute(&sql).map_err(|error| match error.as_db_error() {
        Some(db) if *db.code() == SqlState::DUPLICATE_OBJECT => {
            TeamError::MemberExists { name: name.to_string() }
        }
        _ => address.failure(error, "add members"),
    })?;
    Ok(NewMember { name: name.to_string(), role, made_password })
}

/// A member's name is a PostgreSQL role name, and the name their records are signed with.
fn check_name(name: &str) -> Result<()> {
    let refuse = |reason| Err(TeamError::BadMemberName { name: name.to_string(), reason }.into());
    if name.trim().is_empty() || name.trim() != name {
        return refuse("it is empty or starts or ends with a space");
    }
    if name.len() > 63 {
        return refuse("a name on the server holds at most 63 bytes");
    }
    if name.chars().any(char::is_control) {
        return refuse("it holds a control character");
    }
    if name.starts_with("pg_") || Role::from_code(name).is_some() || name == "public" {
        return refuse("the server keeps that name for itself or the team's roles");
    }
    Ok(())
}

/// `name` quoted as a PostgreSQL identifier.
fn identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_and_checked() {
        assert_eq!(identifier("Olena \"O\" K"), "\"Olena \"\"O\"\" K\"");
        assert!(check_name("olena").is_ok());
        assert!(check_name("Olena Kovalenko").is_ok());
        for bad in ["", " olena", "editor", "pg_monitor", "a\u{7}b", &"x".repeat(64)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
