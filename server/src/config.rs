//! Configuration from the environment and flags, with the defaults that make a bare
//! `concordat` work: SQLite in `./data`, 127.0.0.1:3000, assets beside the binary.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

/// The default database: a SQLite file under `./data`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/concordat.db";
/// The default listening address.
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
/// The default sender address of outgoing mail.
pub const DEFAULT_MAIL_FROM: &str = "concordat@localhost";

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Where to listen.
    pub addr: SocketAddr,
    /// The public URL of the site (for links in mail and `Secure` cookies), e.g.
    /// `https://concordat.example.org`.
    pub site_url: String,
    /// The compiled assets (`pkg/`, favicon), as built by cargo-leptos.
    pub site_root: PathBuf,
    /// Database connections per app server.
    pub max_connections: u32,
    /// The reverse proxy (its IP address) whose `X-Forwarded-For` names the client, for the
    /// sign-in limits per address; `None`: the TCP peer is the client.
    pub trusted_proxy: Option<IpAddr>,
    /// The SMTP relay (`HOST:PORT`, plain SMTP without TLS or AUTH: a local MTA) that the
    /// outbox is sent through; `None`: mail stays in the outbox.
    pub smtp_addr: Option<String>,
    /// The sender address of outgoing mail.
    pub mail_from: String,
}

/// A configuration problem, in one line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The address is not `HOST:PORT`.
    #[error("CONCORDAT_ADDR / --addr must be HOST:PORT such as 127.0.0.1:3000, not {0:?}")]
    Addr(String),
    /// The site assets are nowhere to be found.
    #[error(
        "cannot find the site assets (pkg/concordat.css): set LEPTOS_SITE_ROOT to the folder \
         built by `cargo leptos build`, or put a `site` folder beside the binary (looked in: {0})"
    )]
    SiteRoot(String),
    /// The trusted proxy is not an IP address.
    #[error("CONCORDAT_TRUSTED_PROXY must be one IP address such as 127.0.0.1, not {0:?}")]
    TrustedProxy(String),
    /// The pool size is not a positive number.
    #[error("CONCORDAT_DB_CONNECTIONS must be a whole number from 1 to 1000, not {0:?}")]
    Connections(String),
    /// The SMTP relay is not `HOST:PORT`.
    #[error("CONCORDAT_SMTP_ADDR must be HOST:PORT such as 127.0.0.1:25, not {0:?}")]
    SmtpAddr(String),
    /// The sender address could be used for header injection.
    #[error("CONCORDAT_MAIL_FROM must be a plain address such as concordat@example.org, not {0:?}")]
    MailFrom(String),
}

impl Config {
    /// Reads the configuration; `addr` overrides `CONCORDAT_ADDR`.
    pub fn from_env(addr: Option<&str>) -> Result<Self, ConfigError> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let addr_text = addr.map(str::to_owned).or_else(|| env("CONCORDAT_ADDR"));
        let addr_text = addr_text.as_deref().unwrap_or(DEFAULT_ADDR);
        let addr: SocketAddr = addr_text
            .parse()
            .map_err(|_| ConfigError::Addr(addr_text.to_owned()))?;
        let max_connections = match env("CONCORDAT_DB_CONNECTIONS") {
            None => 16,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or(ConfigError::Connections(text))?,
        };
        let trusted_proxy = match env("CONCORDAT_TRUSTED_PROXY") {
            None => None,
            Some(text) => Some(
                text.trim()
                    .parse::<IpAddr>()
                    .map_err(|_| ConfigError::TrustedProxy(text))?,
            ),
        };
        let smtp_addr = match env("CONCORDAT_SMTP_ADDR") {
            None => None,
            Some(text) => {
                let text = text.trim().to_owned();
                let valid = text
                    .rsplit_once(':')
                    .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
                if !valid {
                    return Err(ConfigError::SmtpAddr(text));
                }
                Some(text)
            }
        };
        let mail_from = match env("CONCORDAT_MAIL_FROM") {
            None => DEFAULT_MAIL_FROM.to_owned(),
            Some(text) => {
                let text = text.trim().to_owned();
                if crate::mailer::check_address(&text).is_err() {
                    return Err(ConfigError::MailFrom(text));
                }
                text
            }
        };
        Ok(Self {
            trusted_proxy,
            smtp_addr,
            mail_from,
            database_url: env("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            site_url: env("CONCORDAT_SITE_URL").unwrap_or_else(|| format!("http://{addr}")),
            site_root: find_site_root(env("LEPTOS_SITE_ROOT").map(PathBuf::from))?,
            addr,
            max_connections,
        })
    }

    /// The database URL alone (for commands that do not serve).
    pub fn database_url_from_env() -> String {
        std::env::var("DATABASE_URL")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned())
    }
}

/// The site root: `LEPTOS_SITE_ROOT`, else `site` beside the binary, else `target/site`
/// under the working directory (a development checkout).
pub fn find_site_root(explicit: Option<PathBuf>) -> Result<PathBuf, ConfigError> {
    let has_assets = |dir: &Path| dir.join("pkg").is_dir();
    let mut candidates = Vec::new();
    if let Some(dir) = explicit {
        candidates.push(dir);
    } else {
        if let Some(exe_dir) = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        {
            candidates.push(exe_dir.join("site"));
        }
        candidates.push(PathBuf::from("target/site"));
    }
    candidates
        .iter()
        .find(|dir| has_assets(dir))
        .cloned()
        .ok_or_else(|| {
            ConfigError::SiteRoot(
                candidates
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
}

/// Structured logs: `RUST_LOG` (or `--log-level`) decides what is shown; JSON lines when
/// `CONCORDAT_LOG_FORMAT=json`.
pub fn init_tracing(level: Option<&str>) {
    use tracing_subscriber::EnvFilter;
    let filter = match level {
        Some(level) => EnvFilter::new(level),
        None => EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
    };
    let json = std::env::var("CONCORDAT_LOG_FORMAT").is_ok_and(|f| f == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    // A second initialisation (tests) keeps the first subscriber.
    drop(result);
}
