//! A throwaway PostgreSQL for the team tests: a cluster made with `initdb` in a temporary
//! folder, started with `pg_ctl` on a free loopback port, stopped and removed after. As
//! root (as CI runs), PostgreSQL's programs run as the `postgres` user through `runuser`,
//! since they refuse root; the folder and the password file are that user's.

#![cfg(unix)]
#![allow(dead_code)] // each test file uses its own part of this

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, Weak};

use postgres::{Client, NoTls};
use tempfile::TempDir;

/// The superuser's password in every throwaway cluster.
pub const SUPERUSER_PASSWORD: &str = "throwaway-superuser";

/// A running cluster, stopped and removed when dropped.
pub struct Cluster {
    folder: TempDir,
    bin: PathBuf,
    pub port: u16,
    /// The user PostgreSQL's programs run as, when this test runs as root.
    run_as: Option<String>,
    /// TLS on, and required of every connection over TCP.
    tls: bool,
}

/// The folder of PostgreSQL's programs: `PG_BIN` if set, else the newest version under
/// Debian's `/usr/lib/postgresql/`, else the folder `pg_config` names.
fn programs() -> PathBuf {
    find_programs().expect(
        "PostgreSQL 15 or later is needed for the team tests: install the Debian package postgresql (make test does)",
    )
}

fn find_programs() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(bin));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let output = Command::new("pg_config").arg("--bindir").output().ok()?;
    Some(PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
        .filter(|bin| bin.join("initdb").exists())
}

/// True when PostgreSQL's programs are there to start a cluster with.
pub fn installed() -> bool {
    find_programs().is_some_and(|bin| bin.join("initdb").exists())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Cluster {
    /// Makes and starts a new cluster; about two seconds.
    pub fn start() -> Self {
        Self::make(false)
    }

    /// A cluster that accepts TCP connections over TLS only, with a certificate for
    /// `localhost` and `127.0.0.1` signed by the authority [`Cluster::authority`].
    pub fn start_with_tls() -> Self {
        Self::make(true)
    }

    /// The certificate authority of a TLS cluster's certificate.
    pub fn authority(&self) -> PathBuf {
        self.folder.path().join("ca.pem")
    }

    fn make(tls: bool) -> Self {
        let bin = programs();
        let run_as = (unsafe { libc::geteuid() } == 0).then(|| "postgres".to_string());
        let folder = tempfile::Builder::new().prefix("cftrack-pg-").tempdir().unwrap();
        let password_file = folder.path().join("superuser-password");
        std::fs::write(&password_file, SUPERUSER_PASSWORD).unwrap();
        if let Some(user) = &run_as {
            let (uid, gid) = account(user);
            for path in [folder.path(), &password_file] {
                let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
                assert_eq!(unsafe { libc::chown(name.as_ptr(), uid, gid) }, 0, "chown {}", path.display());
            }
        }
        let cluster = Self { folder, bin, port: free_port(), run_as, tls };
        let data = cluster.data();
        cluster.program(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "scram-sha-256",
                "--pwfile",
                password_file.to_str().unwrap(),
                "-U",
                "postgres",
                "--no-sync",
            ],
        );
        if tls {
            cluster.certify();
        }
        cluster.start_server();
        cluster
    }

    /// A certificate authority and the server's certificate and key, made with the openssl
    /// program, and a pg_hba.conf that takes TCP connections over TLS only.
    fn certify(&self) {
        let folder = self.folder.path();
        let openssl = |args: &[&str]| {
            let output =
                Command::new("openssl").args(args).current_dir(folder).output().expect("openssl runs");
            assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        };
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        openssl(
            &[
                &["req", "-x509"][..],
                &ec,
                &["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Team test CA"],
            ]
            .concat(),
        );
        openssl(
            &[&["req"][..], &ec, &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]]
                .concat(),
        );
        std::fs::write(folder.join("names.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n").unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "names.ext",
        ]);
        std::fs::write(
            self.data().join("pg_hba.conf"),
            "local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
        )
        .unwrap();
        if let Some(user) = &self.run_as {
            let (uid, gid) = account(user);
            for file in ["server.key", "server.pem", "ca.pem"] {
                let name = std::ffi::CString::new(folder.join(file).as_os_str().as_encoded_bytes()).unwrap();
                assert_eq!(unsafe { libc::chown(name.as_ptr(), uid, gid) }, 0);
            }
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder.join("server.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(folder.join("ca.pem"), std::fs::Permissions::from_mode(0o644)).unwrap();
    }

    fn data(&self) -> PathBuf {
        self.folder.path().join("data")
    }

    fn program(&self, name: &str, args: &[&str]) {
        let program = self.bin.join(name);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&program);
                command
            }
            None => Command::new(&program),
        };
        // In a folder that user may enter: runuser keeps the current one.
        command.current_dir(self.folder.path()).args(args);
        let output = command.output().unwrap_or_else(|e| panic!("{} could not run: {e}", program.display()));
        assert!(
            output.status.success(),
            "{name} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn start_server(&self) {
        let mut options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=60",
            self.port,
            self.folder.path().display()
        );
        if self.tls {
            let folder = self.folder.path().display();
            options.push_str(&format!(
                " -c ssl=on -c ssl_cert_file={folder}/server.pem -c ssl_key_file={folder}/server.key"
            ));
        }
        let data = self.data();
        let log = self.folder.path().join("server.log");
        self.program(
            "pg_ctl",
            &["-D", data.to_str().unwrap(), "-o", &options, "-l", log.to_str().unwrap(), "-w", "start"],
        );
    }

    pub fn stop(&self) {
        let data = self.data();
        self.program("pg_ctl", &["-D", data.to_str().unwrap(), "-m", "fast", "-w", "stop"]);
    }

    /// Stops the server (cutting off every connection) and starts it again.
    pub fn restart(&self) {
        self.stop();
        self.start_server();
    }

    /// `postgres://USER@127.0.0.1:PORT/DATABASE`
    pub fn url(&self, user: &str, database: &str) -> String {
        format!("postgres://{user}@127.0.0.1:{}/{database}", self.port)
    }

    /// A connection as `user` with `password`, through the server's Unix socket (which a
    /// TLS cluster takes without TLS).
    pub fn connect(&self, user: &str, password: &str, database: &str) -> Result<Client, postgres::Error> {
        postgres::Config::new()
            .host_path(self.folder.path())
            .port(self.port)
            .user(user)
            .password(password)
            .dbname(database)
            .connect(NoTls)
    }

    pub fn superuser(&self) -> Client {
        self.connect("postgres", SUPERUSER_PASSWORD, "postgres").expect("the superuser logs in")
    }

    /// A database owned by a new login role `owner` (no superuser, allowed to create roles):
    /// the team's admin, as a hosting provider would hand it over.
    pub fn database_for(&self, database: &str, owner: &str, password: &str) {
        let mut superuser = self.superuser();
        // Two statements: CREATE DATABASE cannot run in the transaction a batch makes.
        superuser
            .batch_execute(&format!("CREATE ROLE \"{owner}\" LOGIN CREATEROLE PASSWORD '{password}'"))
            .unwrap();
        superuser.batch_execute(&format!("CREATE DATABASE \"{database}\" OWNER \"{owner}\"")).unwrap();
    }
}

impl Cluster {
    /// Another database owned by the existing role `owner`.
    pub fn database_for_owner(&self, database: &str, owner: &str) {
        self.superuser().batch_execute(&format!("CREATE DATABASE \"{database}\" OWNER \"{owner}\"")).unwrap();
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ =
            self.program_quietly("pg_ctl", &["-D", data.to_str().unwrap(), "-m", "immediate", "-w", "stop"]);
    }
}

impl Cluster {
    fn program_quietly(&self, name: &str, args: &[&str]) -> std::io::Result<()> {
        let program = self.bin.join(name);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&program);
                command
            }
            None => Command::new(&program),
        };
        command.current_dir(self.folder.path()).args(args).output().map(drop)
    }
}

/// The user and group ids of `user`.
fn account(user: &str) -> (libc::uid_t, libc::gid_t) {
    let name = std::ffi::CString::new(user).unwrap();
    // SAFETY: getpwnam returns static storage or null, read at once.
    unsafe {
        let entry = libc::getpwnam(name.as_ptr());
        assert!(!entry.is_null(), "no user {user}: install the Debian package postgresql (make test does)");
        ((*entry).pw_uid, (*entry).pw_gid)
    }
}

/// One cluster for the tests of a file that run at the same time, stopped when the last of
/// them is done. Each test works in a database of its own.
pub fn shared() -> Arc<Cluster> {
    static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(cluster) = shared.upgrade() {
        return cluster;
    }
    let cluster = Arc::new(Cluster::start());
    *shared = Arc::downgrade(&cluster);
    cluster
}

/// Where a file is, as text for a command line.
pub fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}
