//! The database layer: the only place with SQL.
//!
//! One code path serves SQLite and PostgreSQL through sqlx's `Any` driver. Every query is
//! written once, with `$1`-style parameters (which sqlx binds by number on SQLite too), in
//! the common subset of both dialects. Values cross as the portable types `Any` knows:
//! 64-bit integers, floats, text and bytes; instants, dates and vocabularies are text (see
//! [`types`]). Functions take a connection or transaction (`&mut AnyConnection`); callers
//! own transactions, and write transactions start with [`Database::begin_write`].

pub mod access;
pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod batch;
pub mod changes;
pub mod comments;
pub mod commitments;
pub mod councils;
pub mod focal_points;
pub mod invitations;
pub mod mail;
pub mod motions;
pub mod notifications;
pub mod organisations;
pub mod participation;
pub mod partnerships;
pub mod people;
pub mod plan_content;
pub mod plan_outline;
pub mod plans;
pub mod search;
pub mod sessions;
pub mod types;
pub mod working_groups;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

pub use sqlx::AnyConnection as Conn;

/// A transaction on either database.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default: one file, nothing to install.
    Sqlite,
    /// The scale-out path: several app servers share one PostgreSQL.
    Postgres,
}

impl Backend {
    /// The backend of a database URL, or `None` for an unsupported scheme.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    /// A name for logs and messages.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// What can go wrong in the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No such row.
    #[error("not found")]
    NotFound,
    /// A constraint refused the change; the message is safe to show.
    #[error("{0}")]
    Conflict(String),
    /// A stored value could not be read back (a bug or a hand-edited database).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// Anything else from sqlx.
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

/// Why the database could not be opened, in one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL's scheme is neither `sqlite:` nor `postgres://`.
    #[error("DATABASE_URL must start with sqlite: or postgres://, not {0:?}")]
    UnsupportedUrl(String),
    /// The SQLite file's directory could not be created or is not writable.
    #[error("cannot use the data directory {dir}: {source}")]
    DataDir {
        /// The directory.
        dir: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Connecting failed.
    #[error("cannot connect to the {backend} database: {source}")]
    Connect {
        /// Which database.
        backend: &'static str,
        /// What sqlx said.
        source: sqlx::Error,
    },
    /// Applying migrations failed.
    #[error("cannot apply the database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// The application's database: a pool and the backend it talks to.
#[derive(Clone, Debug)]
pub struct Database {
    pool: AnyPool,
    backend: Backend,
    batcher: std::sync::Arc<batch::Batcher>,
}

impl Database {
    /// Opens a pool for `url`. For SQLite, creates the file and its directory when missing and
    /// sets WAL, `synchronous=FULL`, foreign keys and a busy timeout on every connection.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, OpenError> {
        sqlx::any::install_default_drivers();
        let backend =
            Backend::of_url(url).ok_or_else(|| OpenError::UnsupportedUrl(redact_url(url)))?;
        if backend == Backend::Sqlite {
            prepare_sqlite_dir(url)?;
        }
        let options = AnyConnectOptions::from_str(&sqlite_create_if_missing(url, backend))
            .map_err(|source| OpenError::Connect {
                backend: backend.name(),
                source,
            })?
            .log_statements(log::LevelFilter::Debug)
            .log_slow_statements(log::LevelFilter::Warn, Duration::from_millis(250));
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|source| OpenError::Connect {
                backend: backend.name(),
                source,
            })?;
        Ok(Self {
            pool,
            backend,
            batcher: Default::default(),
        })
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<(), OpenError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for reads that need no transaction.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so that a transaction that reads then writes waits for the lock
    /// instead of failing with "database is locked" halfway.
    pub async fn begin_write(&self) -> Result<Tx, DbError> {
        let statement = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        Ok(self.pool.begin_with(statement).await?)
    }

    /// Begins a read-only snapshot (several queries that must agree with each other).
    pub async fn begin_read(&self) -> Result<Tx, DbError> {
        Ok(self.pool.begin().await?)
    }

    /// A cheap round trip, for the health check.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The URL with any password replaced, for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            let mut redacted = String::with_capacity(url.len());
            redacted.push_str(&url[..scheme_end + 3]);
            redacted.push_str(user);
            if userinfo.contains(':') {
                redacted.push_str(":***");
            }
            redacted.push_str(&url[at..]);
            redacted
        }
        _ => url.chars().take(200).collect(),
    }
}

/// The file path of a SQLite URL (`sqlite://path`, `sqlite:path`, with `?options`), if it
/// names a file rather than memory.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        None
    } else {
        Some(PathBuf::from(path))
    }
}

fn sqlite_create_if_missing(url: &str, backend: Backend) -> String {
    if backend != Backend::Sqlite || url.contains("mode=") {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    let mut with_mode = url.to_owned();
    with_mode.push(separator);
    with_mode.push_str("mode=rwc");
    with_mode
}

fn prepare_sqlite_dir(url: &str) -> Result<(), OpenError> {
    let Some(path) = sqlite_path(url) else {
        return Ok(());
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|source| OpenError::DataDir {
        dir: dir.clone(),
        source,
    })?;
    // SQLite needs to create the -wal and -shm files beside the database: probe for it so
    // that an unwritable directory is one clear error rather than a failure on first write.
    let probe = dir.join(".concordat-write-probe");
    std::fs::write(&probe, b"").map_err(|source| OpenError::DataDir {
        dir: dir.clone(),
        source,
    })?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Maps a unique or check violation to a [`DbError::Conflict`] with `message`; other errors
/// pass through.
pub fn conflict_on_constraint(err: sqlx::Error, message: &str) -> DbError {
    match &err {
        sqlx::Error::Database(db_err)
            if db_err.is_unique_violation() || db_err.is_check_violation() =>
        {
            DbError::Conflict(message.to_owned())
        }
        _ => DbError::Sqlx(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_messages() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db.internal:5432/concordat"),
            "postgres://app:***@db.internal:5432/concordat"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite://./data/concordat.db"),
            Some(PathBuf::from("./data/concordat.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:data/x.db?mode=rwc"),
            Some(PathBuf::from("data/x.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x"), None);
    }

    #[test]
    fn sqlite_files_are_created_when_missing_unless_a_mode_is_given() {
        assert_eq!(
            sqlite_create_if_missing("sqlite://a.db", Backend::Sqlite),
            "sqlite://a.db?mode=rwc"
        );
        assert_eq!(
            sqlite_create_if_missing("sqlite://a.db?mode=ro", Backend::Sqlite),
            "sqlite://a.db?mode=ro"
        );
        assert_eq!(
            sqlite_create_if_missing("postgres://h/d", Backend::Postgres),
            "postgres://h/d"
        );
    }
}
