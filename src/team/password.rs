//! Where the team password is kept: the system keyring (Secret Service on Linux, the
//! Credential Manager on Windows, the keychain on macOS), or `CFTRACK_TEAM_PASSWORD` for
//! scripts and machines without a keyring. Never the database file or the settings.

use super::error::TeamError;
use crate::error::Result;

/// The environment variable a script gives the password in.
pub const PASSWORD_VARIABLE: &str = "CFTRACK_TEAM_PASSWORD";

/// The name the passwords are filed under in the keyring.
const SERVICE: &str = "Ceasefire Tracker team server";

/// The password given in the environment, if any.
pub fn from_environment() -> Option<String> {
    std::env::var(PASSWORD_VARIABLE).ok().filter(|password| !password.is_empty())
}

fn entry(account: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, account).map_err(|e| TeamError::NoKeyring { reason: e.to_string() }.into())
}

/// The password kept in the keyring for `account` (`user@host:port/database`), if any.
pub fn kept(account: &str) -> Result<Option<String>> {
    match entry(account)?.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(error) => Err(TeamError::NoKeyring { reason: error.to_string() }.into()),
    }
}

/// Keeps `password` in the keyring for `account`.
pub fn keep(account: &str, password: &str) -> Result<()> {
    entry(account)?.set_password(password).map_err(|e| TeamError::NoKeyring { reason: e.to_string() }.into())
}

/// The password to log in to `account` with: the environment's, else the keyring's.
pub fn for_account(account: &str, server: &str, user: &str) -> Result<String> {
    if let Some(password) = from_environment() {
        return Ok(password);
    }
    match kept(account) {
        Ok(Some(password)) => Ok(password),
        Ok(None) => Err(TeamError::NoPassword { server: server.to_string(), user: user.to_string() }.into()),
        Err(error) => Err(error),
    }
}

/// A new member's password: 20 letters and digits (100 random bits), none that read alike.
pub fn generate() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let random = [uuid::Uuid::new_v4(), uuid::Uuid::new_v4()];
    // A version 4 uuid holds 122 random bits; its version and variant bits are skipped.
    let bytes = random.iter().flat_map(|u| {
        let b = u.as_bytes();
        [b[0], b[1], b[2], b[3], b[4], b[5], b[7], b[9], b[10], b[11], b[12], b[13], b[14], b[15]]
    });
    bytes.take(20).map(|byte| ALPHABET[usize::from(byte) % 32] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_long_and_differ() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()), "{a}");
    }
}
