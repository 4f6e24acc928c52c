//! What can go wrong with the team server, each in one sentence that says what to do. The
//! work done here is never lost for any of them: it waits in the database for a sync that
//! succeeds.

use thiserror::Error;

use crate::error::ErrorCode;

#[derive(Debug, Error)]
pub enum TeamError {
    #[error("this database has not joined a team: run cftrack team join URL --user NAME")]
    NotJoined,
    #[error("the team server at {server} cannot be reached ({reason}); your work stays here and is sent at the next sync")]
    Unreachable { server: String, reason: String },
    #[error("the team server at {server} refused the password of {user}; ask your admin for a new one and join again")]
    WrongPassword { server: String, user: String },
    #[error("the team server at {server} refused {user}: {reason}")]
    LoginRefused { server: String, user: String, reason: String },
    #[error(
        "{user} is a viewer on this team and may not send records: the {waiting} made here stay on this machine \
         (ask your admin to make you an editor)"
    )]
    ViewerMayNotWrite { user: String, waiting: i64 },
    #[error(
        "the team server refused records signed by {names}: only an admin may send records of others \
         (brought in from an export file); they stay here, and your sync goes on once an admin has sent them"
    )]
    OthersRecords { names: String },
    #[error("{user} may not {action} on the team server: {reason}")]
    NotAllowed { user: String, action: &'static str, reason: String },
    #[error(
        "no password is kept for {user} at {server}: run cftrack team join again, or set CFTRACK_TEAM_PASSWORD"
    )]
    NoPassword { server: String, user: String },
    #[error(
        "the system keyring cannot keep the team password here ({reason}); set CFTRACK_TEAM_PASSWORD \
         in the environment of cftrack instead"
    )]
    NoKeyring { reason: String },
    #[error(
        "the team server was set up by a newer version of Ceasefire Tracker (schema {found}, this version knows up \
         to {known}); install the newer version to sync"
    )]
    NewerServer { found: i64, known: i64 },
    #[error(
        "the team server's schema is older (version {found}, this version writes {known}); an admin runs \
         cftrack team setup URL to bring it up to date"
    )]
    OlderServer { found: i64, known: i64 },
    #[error(
        "no team is set up in the database at {server}: an admin runs cftrack team setup {server} first"
    )]
    NotSetUp { server: String },
    #[error("\"{url}\" is not a PostgreSQL URL: write postgres://USER@HOST:PORT/DATABASE ({reason})")]
    BadUrl { url: String, reason: String },
    #[error("the URL holds a password: leave it out; cftrack asks for it, or reads CFTRACK_TEAM_PASSWORD")]
    PasswordInUrl,
    #[error("the URL names no user: write postgres://USER@HOST/DATABASE or give --user")]
    NoUser,
    #[error(
        "{host} is not this machine, so the connection must be encrypted: leave out sslmode=disable, and give \
         the server's certificate authority with --ca FILE"
    )]
    TlsRequired { host: String },
    #[error("the encrypted connection to {server} failed: {reason}")]
    Tls { server: String, reason: String },
    #[error("\"{name}\" cannot name a team member: {reason}")]
    BadMemberName { name: String, reason: &'static str },
    #[error("{name} is already a member of the team (or another role of the server has that name)")]
    MemberExists { name: String },
    #[error("the records received from the team server could not be taken in ({reason}); nothing of them was kept")]
    Received { reason: String },
    #[error("the team server failed: {0}")]
    Server(String),
}

impl TeamError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotJoined => ErrorCode::NotJoined,
            Self::Unreachable { .. } => ErrorCode::ServerUnreachable,
            Self::WrongPassword { .. } | Self::LoginRefused { .. } | Self::NoPassword { .. } => {
                ErrorCode::WrongPassword
            }
            Self::ViewerMayNotWrite { .. } | Self::OthersRecords { .. } | Self::NotAllowed { .. } => {
                ErrorCode::NotAllowed
            }
            Self::NoKeyring { .. } => ErrorCode::NoKeyring,
            Self::BadUrl { .. }
            | Self::PasswordInUrl
            | Self::NoUser
            | Self::BadMemberName { .. }
            | Self::TlsRequired { .. } => ErrorCode::Invalid,
            Self::MemberExists { .. } => ErrorCode::Duplicate,
            Self::NewerServer { .. }
            | Self::OlderServer { .. }
            | Self::NotSetUp { .. }
            | Self::Tls { .. }
            | Self::Received { .. }
            | Self::Server(_) => ErrorCode::TeamServer,
        }
    }
}
