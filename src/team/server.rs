//! Reaching the team server: the URL read and checked, TLS wherever the server is not on
//! this machine (with the certificate authority given at join), the login, and what the
//! server says about itself (its schema version, the user's role).

use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};

use super::error::TeamError;
use super::schema;
use crate::error::Result;

/// Where a team server is and who logs in: a URL read and checked.
#[derive(Debug, Clone)]
pub struct Address {
    config: Config,
    /// The URL as given, for messages and to keep.
    pub url: String,
    pub user: String,
}

impl Address {
    /// Reads `url` (`postgres://USER@HOST:PORT/DATABASE?sslmode=...`); `user` names the one
    /// who logs in when the URL does not, or instead of it. A password in the URL is refused:
    /// it would be kept in files and the shell's history.
    pub fn parse(url: &str, user: Option<&str>) -> Result<Self> {
        let bad = |reason: String| TeamError::BadUrl { url: url.to_string(), reason };
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(bad("it does not start with postgres://".into()).into());
        }
        // The driver reads no sslmode beyond `require`: the checks that `verify-ca` and
        // `verify-full` ask for are the TLS connector's, which makes both (the certificate
        // against the authority, and the server's name) whenever TLS is used.
        let readable = url
            .replace("sslmode=verify-full", "sslmode=require")
            .replace("sslmode=verify-ca", "sslmode=require");
        let mut config: Config = readable.parse().map_err(|e: postgres::Error| bad(e.to_string()))?;
        if config.get_password().is_some() {
            return Err(TeamError::PasswordInUrl.into());
        }
        if config.get_hosts().is_empty() {
            return Err(bad("it names no host".into()).into());
        }
        if let Some(user) = user {
            config.user(user);
        }
        let user = config.get_user().filter(|u| !u.is_empty()).ok_or(TeamError::NoUser)?.to_string();
        config.connect_timeout(Duration::from_secs(10));
        config.application_name("Ceasefire Tracker");
        Ok(Self { config, url: url.to_string(), user })
    }

    /// The server as messages name it: `host:port/database`.
    pub fn server(&self) -> String {
        let host = match self.config.get_hosts().first() {
            Some(Host::Tcp(host)) => host.clone(),
            #[cfg(unix)]
            Some(Host::Unix(path)) => path.display().to_string(),
            None => String::new(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let database = self.config.get_dbname().unwrap_or(&self.user);
        format!("{host}:{port}/{database}")
    }

    /// The key of the password in the system keyring: the user at the server.
    pub fn account(&self) -> String {
        format!("{}@{}", self.user, self.server())
    }

    /// True when every host the URL names is this machine, where TLS is not required.
    fn on_this_machine(&self) -> bool {
        self.config.get_hosts().iter().all(|host| match host {
            Host::Tcp(name) => {
                name == "localhost"
                    || name.trim_matches(['[', ']']).parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
            }
            #[cfg(unix)]
            Host::Unix(_) => true,
        })
    }

    /// Logs in with `password`. TLS is used, and the server's certificate checked against
    /// `ca_file` (else the system's authorities), unless the server is on this machine and
    /// no authority was given.
    pub fn connect(&self, password: &str, ca_file: Option<&Path>) -> Result<Client> {
        let mut config = self.config.clone();
        config.password(password);
        let connected = if self.on_this_machine() && ca_file.is_none() {
            config.connect(NoTls)
        } else {
            if config.get_ssl_mode() == SslMode::Disable && !self.on_this_machine() {
                return Err(TeamError::TlsRequired { host: self.server() }.into());
            }
            config.ssl_mode(SslMode::Require);
            config.connect(self.tls(ca_file)?)
        };
        connected.map_err(|error| self.failure(error, "log in").into())
    }

    fn tls(&self, ca_file: Option<&Path>) -> Result<postgres_native_tls::MakeTlsConnector> {
        let problem = |reason: String| TeamError::Tls { server: self.server(), reason };
        let mut builder = native_tls::TlsConnector::builder();
        if let Some(path) = ca_file {
            let pem = std::fs::read(path).map_err(|e| {
                problem(format!("the certificate authority {} cannot be read: {e}", path.display()))
            })?;
            let certificate = native_tls::Certificate::from_pem(&pem)
                .map_err(|e| problem(format!("{} is not a PEM certificate: {e}", path.display())))?;
            builder.add_root_certificate(certificate);
        }
        let connector = builder.build().map_err(|e| problem(e.to_string()))?;
        Ok(postgres_native_tls::MakeTlsConnector::new(connector))
    }

    /// A failure of the server or of the way to it, in one sentence. `action` says what was
    /// being done ("send records"), for a refusal of the user's rights.
    pub fn failure(&self, error: postgres::Error, action: &'static str) -> TeamError {
        let server = self.server();
        if let Some(db) = error.as_db_error() {
            let code = db.code();
            if *code == SqlState::INVALID_PASSWORD {
                return TeamError::WrongPassword { server, user: self.user.clone() };
            }
            if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
                || *code == SqlState::INVALID_CATALOG_NAME
            {
                return TeamError::LoginRefused {
                    server,
                    user: self.user.clone(),
                    reason: db.message().to_string(),
                };
            }
            if *code == SqlState::INSUFFICIENT_PRIVILEGE {
                return TeamError::NotAllowed {
                    user: self.user.clone(),
                    action,
                    reason: db.message().to_string(),
                };
            }
            // Class 57 (the server shutting down) and 08 (the connection): the server went away.
            if code.code().starts_with("57") || code.code().starts_with("08") {
                return TeamError::Unreachable { server, reason: db.message().to_string() };
            }
            return TeamError::Server(db.message().to_string());
        }
        let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(&error);
        while let Some(cause) = source {
            if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                return TeamError::Unreachable { server, reason: io.to_string() };
            }
            if cause.downcast_ref::<native_tls::Error>().is_some() {
                return TeamError::Tls { server, reason: cause.to_string() };
            }
            source = cause.source();
        }
        if error.is_closed() {
            return TeamError::Unreachable { server, reason: "the connection was closed".into() };
        }
        let text = error.to_string();
        if text.contains("timed out") || text.contains("connect") {
            return TeamError::Unreachable { server, reason: text };
        }
        TeamError::Server(text)
    }
}

/// What the user is on the team, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Reads.
    Viewer,
    /// Reads, and sends records signed with their own name.
    Editor,
    /// Reads, sends anyone's records, and manages members. The owner of the tables is one.
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Editor => "editor",
            Self::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "viewer" => Some(Self::Viewer),
            "editor" => Some(Self::Editor),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

/// A logged-in connection to a team server whose schema fits this version.
pub struct Session {
    pub client: Client,
    pub address: Address,
    /// None when the user is in none of the team's roles.
    pub role: Option<Role>,
    /// True when the last push was refused because another file sent other records under
    /// this device's numbers.
    pub(super) last_was_number_clash: bool,
}

impl Session {
    /// Logs in and checks the server's schema and the user's role.
    pub fn open(address: &Address, password: &str, ca_file: Option<&Path>) -> Result<Self> {
        let mut client = address.connect(password, ca_file)?;
        let version = schema::version(&mut client).map_err(|e| address.failure(e, "read"))?;
        match version {
            None => return Err(TeamError::NotSetUp { server: address.url.clone() }.into()),
            Some(found) if found > schema::VERSION => {
                return Err(TeamError::NewerServer { found, known: schema::VERSION }.into())
            }
            Some(found) if found < schema::VERSION => {
                return Err(TeamError::OlderServer { found, known: schema::VERSION }.into())
            }
            Some(_) => {}
        }
        let row = client
            .query_one(
                "SELECT (SELECT tableowner FROM pg_tables WHERE schemaname = 'tracker' AND tablename = 'party')
                        = current_user,
                        pg_has_role('admin', 'MEMBER'), pg_has_role('editor', 'MEMBER'),
                        pg_has_role('viewer', 'MEMBER')",
                &[],
            )
            .map_err(|e| address.failure(e, "read"))?;
        let role = if row.get::<_, Option<bool>>(0).unwrap_or(false) || row.get(1) {
            Some(Role::Admin)
        } else if row.get(2) {
            Some(Role::Editor)
        } else if row.get(3) {
            Some(Role::Viewer)
        } else {
            None
        };
        Ok(Self { client, address: address.clone(), role, last_was_number_clash: false })
    }

    /// The user's role, or a refusal when the user is in none of the team's roles.
    pub fn role(&self) -> Result<Role> {
        self.role.ok_or_else(|| {
            TeamError::NotAllowed {
                user: self.address.user.clone(),
                action: "sync",
                reason: "they are not a member of this team (viewer, editor or admin)".into(),
            }
            .into()
        })
    }

    pub fn failure(&self, error: postgres::Error, action: &'static str) -> crate::Error {
        self.address.failure(error, action).into()
    }
}
