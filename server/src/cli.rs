//! The command line: `serve` (the default), `migrate`, `seed-demo`, `create-admin`,
//! `audit verify`.

use crate::config::Config;
use crate::seed::scale::{ScaleOptions, ScaleSize};
use crate::seed::{SeedOptions, SeedOutcome};
use crate::startup;
use app::ssr::audit;
use app::ssr::auth::password;
use app::ssr::db::{Database, DbError, people};
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal};

/// Concordat: a registry and workspace for healthcare cybersecurity public-private
/// partnerships.
#[derive(Debug, Parser)]
#[command(name = "concordat", version, about)]
pub struct Cli {
    /// Log filter, e.g. `info` or `concordat=debug,sqlx=warn` (default: RUST_LOG, else info).
    #[arg(long, global = true)]
    pub log_level: Option<String>,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve {
        /// Address to listen on, HOST:PORT [env: CONCORDAT_ADDR; default 127.0.0.1:3000].
        #[arg(long)]
        addr: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo partnerships into an empty database and print the demo accounts.
    SeedDemo {
        /// Do nothing (successfully) when the database already has data.
        #[arg(long)]
        if_empty: bool,
        /// Use this password for every demo account instead of random ones
        /// [env: CONCORDAT_DEMO_PASSWORD].
        #[arg(long, env = "CONCORDAT_DEMO_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Fill an empty database with synthetic partnerships at benchmark scale (deterministic
    /// for a seed); people are `rep-{p}-{o}@scale{p}.example`, secretariats `rep-{p}-1@…`.
    SeedScale {
        /// full (50 partnerships, 5,000 organisations, 50,000 commitments, 500,000 ballots),
        /// medium (a tenth) or small; the counts below override it.
        #[arg(long, default_value = "full")]
        preset: String,
        /// Partnerships.
        #[arg(long)]
        partnerships: Option<u32>,
        /// Organisations in all (one representative each).
        #[arg(long)]
        organisations: Option<u32>,
        /// Commitments in all.
        #[arg(long)]
        commitments: Option<u32>,
        /// Ballots in all.
        #[arg(long)]
        ballots: Option<u32>,
        /// The random seed: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Every generated person's password [env: CONCORDAT_DEMO_PASSWORD].
        #[arg(long, env = "CONCORDAT_DEMO_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Create a platform operator account. The password is read from
    /// CONCORDAT_ADMIN_PASSWORD or, when unset, from standard input.
    CreateAdmin {
        /// The operator's e-mail address (their sign-in name).
        #[arg(long)]
        email: String,
        /// The operator's name as shown to others.
        #[arg(long)]
        name: String,
    },
    /// Check the audit trail.
    Audit {
        /// What to check.
        #[command(subcommand)]
        command: AuditCommand,
    },
}

/// The `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the whole hash chain of audit events from the database alone; exits 1 and
    /// names the first broken event when it is not intact.
    Verify,
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow_like::Result<()> {
    match cli.command.unwrap_or(Command::Serve { addr: None }) {
        Command::Serve { addr } => {
            let config = Config::from_env(addr.as_deref())?;
            startup::serve(config).await?;
        }
        Command::Migrate => {
            let db = open().await?;
            println!("Migrations applied ({}).", db.backend().name());
        }
        Command::SeedDemo { if_empty, password } => {
            let db = open().await?;
            if let Some(password) = &password {
                password::check_policy(password)
                    .map_err(|e| anyhow_like::msg(format!("--password: {e}")))?;
            }
            match crate::seed::seed_demo(&db, SeedOptions { if_empty, password }).await? {
                SeedOutcome::Skipped => {
                    println!("The database already has data: demo data not loaded.")
                }
                SeedOutcome::Seeded(accounts) => {
                    println!("Demo data loaded. Demo accounts (shown only now):");
                    for account in accounts {
                        println!(
                            "  {:<28} {:<40} {:<20} password: {}",
                            account.role, account.email, account.name, account.password
                        );
                    }
                }
            }
            db.close().await;
        }
        Command::SeedScale {
            preset,
            partnerships,
            organisations,
            commitments,
            ballots,
            seed,
            password,
        } => {
            let base = ScaleSize::preset(&preset).ok_or_else(|| {
                anyhow_like::msg(format!(
                    "--preset: unknown preset {preset:?}; use full, medium or small"
                ))
            })?;
            let size = ScaleSize {
                partnerships: partnerships.unwrap_or(base.partnerships),
                organisations: organisations.unwrap_or(base.organisations),
                commitments: commitments.unwrap_or(base.commitments),
                ballots: ballots.unwrap_or(base.ballots),
            };
            size.check().map_err(anyhow_like::msg)?;
            password::check_policy(&password)
                .map_err(|e| anyhow_like::msg(format!("--password: {e}")))?;
            let db = open().await?;
            println!(
                "Generating {} partnerships, {} organisations, {} commitments and {} ballots \
                 on {} (seed {seed}).",
                size.partnerships,
                size.organisations,
                size.commitments,
                size.ballots,
                db.backend().name()
            );
            let options = ScaleOptions {
                size,
                seed,
                password,
                progress: std::io::stderr().is_terminal(),
            };
            let started = std::time::Instant::now();
            let report = crate::seed::scale::seed_scale(&db, &options).await?;
            db.close().await;
            println!(
                "Generated in {:.1} s: {} partnerships, {} organisations and people, {} \
                 commitments with {} progress reports, {} motions, {} ballots.",
                started.elapsed().as_secs_f64(),
                report.partnerships,
                report.organisations,
                report.commitments,
                report.progress_updates,
                report.motions,
                report.ballots
            );
        }
        Command::CreateAdmin { email, name } => {
            let db = open().await?;
            let secret = read_admin_password()?;
            create_admin(&db, &email, &name, secret).await?;
            println!("Operator account {} created.", email.trim().to_lowercase());
            db.close().await;
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let db = open().await?;
            let report = verify_audit_chain(&db).await;
            db.close().await;
            println!("{}", report?);
        }
    }
    Ok(())
}

async fn open() -> anyhow_like::Result<Database> {
    let config = Config {
        database_url: Config::database_url_from_env(),
        addr: crate::config::DEFAULT_ADDR
            .parse()
            .map_err(|_| anyhow_like::msg("default address"))?,
        site_url: String::new(),
        site_root: std::path::PathBuf::new(),
        max_connections: 4,
        trusted_proxy: None,
        smtp_addr: None,
        mail_from: crate::config::DEFAULT_MAIL_FROM.to_owned(),
    };
    Ok(startup::open_database(&config).await?)
}

fn read_admin_password() -> anyhow_like::Result<String> {
    if let Ok(secret) = std::env::var("CONCORDAT_ADMIN_PASSWORD") {
        return Ok(secret);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password for the new operator (input is shown): ");
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| anyhow_like::msg(format!("cannot read the password: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Creates an operator account: validates, hashes on a blocking thread, inserts.
pub async fn create_admin(
    db: &Database,
    email: &str,
    name: &str,
    secret: String,
) -> anyhow_like::Result<i64> {
    let email = email.trim().to_lowercase();
    let name = name.trim().to_owned();
    if !is_plausible_email(&email) {
        return Err(anyhow_like::msg(format!(
            "--email: {email:?} is not an e-mail address"
        )));
    }
    if name.is_empty() || name.chars().count() > 200 {
        return Err(anyhow_like::msg(
            "--name: give the operator's name (1 to 200 characters)",
        ));
    }
    let hash = password::hash(secret)
        .await
        .map_err(|e| anyhow_like::msg(format!("password: {e}")))?;
    let now = app::domain::Timestamp::now();
    let mut tx = db.begin_write().await?;
    if people::find_person_by_email(&mut tx, &email)
        .await?
        .is_some()
    {
        return Err(anyhow_like::msg(format!(
            "--email: an account for {email} already exists"
        )));
    }
    let email_for_audit = email.clone();
    let id = people::insert_person(
        &mut tx,
        people::NewPerson {
            organisation_id: None,
            display_name: name,
            email,
            job_title: "Platform operator".to_owned(),
            phone: String::new(),
            password_hash: Some(hash),
            is_admin: true,
            created_at: now,
        },
    )
    .await?;
    app::ssr::audit::record(
        &mut tx,
        app::ssr::audit::AuditEvent::new("create", "person", Some(id))
            .by(None, "create-admin")
            .after(serde_json::json!({ "email": email_for_audit, "is_admin": true })),
    )
    .await?;
    tx.commit().await.map_err(app::ssr::db::DbError::from)?;
    Ok(id)
}

/// Verifies the audit chain: the line to print when it is intact, the error naming the
/// first broken event when it is not.
pub async fn verify_audit_chain(db: &Database) -> anyhow_like::Result<String> {
    let mut conn = db.pool().acquire().await.map_err(DbError::from)?;
    let report = audit::verify(&mut conn).await?;
    match report.first_broken {
        None => Ok(format!(
            "Audit chain intact: {} events verified.",
            report.events_checked
        )),
        Some(broken) => Err(anyhow_like::msg(format!(
            "audit chain broken at event #{}: {}",
            broken.id, broken.reason
        ))),
    }
}

/// A light check: one `@`, something before it, a dot in the domain, no spaces.
pub fn is_plausible_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && !domain.contains('@')
                && email.len() <= 254
        }
        None => false,
    }
}

/// A minimal boxed error for the command line: every error becomes one line of text.
pub mod anyhow_like {
    use std::fmt;

    /// An error with a message for the operator.
    pub struct Error(String);

    /// The command line's result type.
    pub type Result<T> = std::result::Result<T, Error>;

    /// An error from a message.
    pub fn msg(message: impl Into<String>) -> Error {
        Error(message.into())
    }

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl fmt::Debug for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl<E: std::error::Error> From<E> for Error {
        fn from(err: E) -> Self {
            Error(err.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_plausible_email;

    #[test]
    fn plausible_emails_pass_and_others_do_not() {
        assert!(is_plausible_email("ops@concordat.example"));
        assert!(!is_plausible_email("ops@localhost"));
        assert!(!is_plausible_email("ops concordat.example"));
        assert!(!is_plausible_email("@concordat.example"));
        assert!(!is_plausible_email("a@b@c.example"));
    }
}
