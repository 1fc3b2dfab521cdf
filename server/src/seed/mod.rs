//! The demo data: two healthcare cybersecurity partnerships (the US Healthcare and Public
//! Health sector and an Irish one under NIS2), complete enough to show every page, role,
//! TLP label and voting rule. `concordat seed-demo` loads it into an empty database.
//!
//! The data itself is declarative ([`us`], [`ie`], shaped by [`spec`]); [`build`] inserts it
//! through `app::ssr::db` in one write transaction. Organisations marked "(demo)" are
//! invented; public bodies keep their real names, but every person, e-mail address and
//! commitment is fictional (e-mail domains end in `.example`). The records created are
//! written to the audit trail too, by the actor `seed-demo`.

mod build;
mod ie;
pub mod scale;
mod spec;
mod us;

use app::domain::Timestamp;
use app::ssr::audit::{self, AuditEvent};
use app::ssr::auth::password::{self, PasswordError};
use app::ssr::db::organisations::count_partnerships;
use app::ssr::db::people::{self, NewPerson};
use app::ssr::db::{Database, DbError};
use std::collections::HashMap;

/// How to seed.
#[derive(Clone, Debug, Default)]
pub struct SeedOptions {
    /// Succeed without doing anything when the database already has data.
    pub if_empty: bool,
    /// One password for every demo account (tests); random ones when `None`.
    pub password: Option<String>,
}

/// A demo account, reported once so that the operator can sign in with it.
#[derive(Clone)]
pub struct DemoAccount {
    /// Sign-in e-mail.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What the account demonstrates, e.g. `secretariat (US)`.
    pub role: String,
    /// Its password (shown only by the command that seeded it).
    pub password: String,
}

impl std::fmt::Debug for DemoAccount {
    /// Everything but the password, so that a stray `{:?}` in a log does not leak it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoAccount")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// What seeding did.
#[derive(Clone, Debug)]
pub enum SeedOutcome {
    /// The database already had data and `if_empty` was set.
    Skipped,
    /// The demo data was loaded; these are its accounts.
    Seeded(Vec<DemoAccount>),
}

/// Why seeding failed. Nothing is written when it fails.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The database refused a write or could not be reached.
    #[error("the demo data could not be written: {0}")]
    Db(#[from] DbError),
    /// The database is not empty.
    #[error("the database already has data; seed-demo only fills an empty database")]
    NotEmpty,
    /// A demo password could not be hashed (e.g. the one given is too short).
    #[error("demo password: {0}")]
    Password(#[from] PasswordError),
    /// The demo data contradicts itself (a bug in the seed).
    #[error("the demo data is inconsistent: {0}")]
    Data(String),
}

/// The platform operator's account (outside every organisation).
const ADMIN_EMAIL: &str = "admin@concordat.example";
const ADMIN_NAME: &str = "Alex Morgan";
const ADMIN_ROLE: &str = "admin";
/// The actor of the seed's audit events.
const AUDIT_ACTOR: &str = "seed-demo";

/// Loads the demo partnerships into an empty database, in one transaction, and returns the
/// demo accounts with their passwords.
pub async fn seed_demo(db: &Database, options: SeedOptions) -> Result<SeedOutcome, SeedError> {
    // A cheap check first, so that `--if-empty` on a used database hashes nothing.
    let mut conn = db.pool().acquire().await.map_err(DbError::from)?;
    let existing = count_partnerships(&mut conn).await?;
    drop(conn);
    if existing > 0 {
        return refuse_or_skip(options.if_empty);
    }

    let partnerships = [us::data(), ie::data()];
    let accounts = demo_accounts(&partnerships, options.password.as_deref());
    let hashes = hash_all(&accounts).await?;

    let now = Timestamp::now();
    let mut tx = db.begin_write().await?;
    // Checked again under the write lock: another seeder may have won the race.
    if count_partnerships(&mut tx).await? > 0 {
        return refuse_or_skip(options.if_empty);
    }
    insert_admin(&mut tx, &hashes, now).await?;
    for data in &partnerships {
        build::build(&mut tx, now, &hashes, data).await?;
    }
    tx.commit().await.map_err(DbError::from)?;
    Ok(SeedOutcome::Seeded(accounts))
}

fn refuse_or_skip(if_empty: bool) -> Result<SeedOutcome, SeedError> {
    if if_empty {
        Ok(SeedOutcome::Skipped)
    } else {
        Err(SeedError::NotEmpty)
    }
}

/// The operator and every person marked as a demo account, with a password each.
fn demo_accounts(
    partnerships: &[spec::PartnershipData],
    password: Option<&str>,
) -> Vec<DemoAccount> {
    let people = partnerships.iter().flat_map(|p| p.people.iter());
    let marked = people.filter_map(|person| {
        person
            .demo_role
            .map(|role| (person.email, person.name, role))
    });
    std::iter::once((ADMIN_EMAIL, ADMIN_NAME, ADMIN_ROLE))
        .chain(marked)
        .map(|(email, name, role)| DemoAccount {
            email: email.to_owned(),
            name: name.to_owned(),
            role: role.to_owned(),
            password: password.map_or_else(|| password::generate(20), str::to_owned),
        })
        .collect()
}

/// Hashes every account's password on one blocking thread (tens of milliseconds each).
/// Returns the hashes by e-mail.
async fn hash_all(accounts: &[DemoAccount]) -> Result<HashMap<String, String>, SeedError> {
    let secrets: Vec<(String, String)> = accounts
        .iter()
        .map(|a| (a.email.clone(), a.password.clone()))
        .collect();
    let hashed = tokio::task::spawn_blocking(move || {
        secrets
            .into_iter()
            .map(|(email, secret)| password::hash_blocking(&secret).map(|hash| (email, hash)))
            .collect::<Result<Vec<_>, PasswordError>>()
    })
    .await
    .map_err(|_| SeedError::Password(PasswordError::Hash))??;
    Ok(hashed.into_iter().collect())
}

async fn insert_admin(
    conn: &mut app::ssr::db::Conn,
    hashes: &HashMap<String, String>,
    now: Timestamp,
) -> Result<(), SeedError> {
    let new = NewPerson {
        organisation_id: None,
        display_name: ADMIN_NAME.to_owned(),
        email: ADMIN_EMAIL.to_owned(),
        job_title: "Platform operator".to_owned(),
        phone: String::new(),
        password_hash: hashes.get(ADMIN_EMAIL).cloned(),
        is_admin: true,
        created_at: now,
    };
    let id = people::insert_person(conn, new).await?;
    let event = AuditEvent::new("create", "person", Some(id))
        .by(None, AUDIT_ACTOR)
        .after(
            serde_json::json!({"email": ADMIN_EMAIL, "display_name": ADMIN_NAME, "is_admin": true}),
        );
    audit::record(conn, event).await?;
    Ok(())
}
