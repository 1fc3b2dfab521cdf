//! The integration-test harness: the real application on port 0 over a fresh database,
//! SQLite always and PostgreSQL when `TEST_DATABASE_URL` names a server.
//!
//! `db_test!` writes each test once and runs it on both backends.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]

use app::ssr::db::Database;
use app::ssr::state::AppState;
use server::startup;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

/// The password every demo account gets in tests.
pub const DEMO_PASSWORD: &str = "demo-password-for-tests";

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A fresh SQLite file.
    Sqlite,
    /// A fresh PostgreSQL database on the server of `TEST_DATABASE_URL`.
    Postgres,
}

/// A fresh, empty database that is removed when dropped.
pub struct TestDb {
    /// The URL the application opens.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    PgDatabase { admin_url: String, name: String },
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_suffix() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{}_{}_{}", std::process::id(), n, nanos)
}

impl TestDb {
    /// A new database on `backend`, or `None` (with the reason printed) when PostgreSQL is
    /// not configured.
    pub async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("concordat_test_{}", unique_suffix()));
                std::fs::create_dir_all(&dir).expect("temp dir");
                let url = format!("sqlite://{}/test.db", dir.display());
                Some(Self {
                    url,
                    cleanup: Cleanup::Dir(dir),
                })
            }
            Backend::Postgres => {
                let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
                    eprintln!(
                        "skipped on PostgreSQL: TEST_DATABASE_URL is not set \
                         (scripts/test sets it when a server answers on 127.0.0.1:5432)"
                    );
                    return None;
                };
                let name = format!("concordat_test_{}", unique_suffix());
                let mut conn = connect_pg(&admin_url).await;
                // The name is generated above from digits and underscores only.
                let create = format!("CREATE DATABASE {name}");
                sqlx::raw_sql(&create)
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let url = replace_db_name(&admin_url, &name);
                Some(Self {
                    url,
                    cleanup: Cleanup::PgDatabase { admin_url, name },
                })
            }
        }
    }

    /// Removes the database.
    pub async fn drop_now(self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PgDatabase { admin_url, name } => {
                let mut conn = connect_pg(admin_url).await;
                let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                let _ = sqlx::raw_sql(&drop).execute(&mut conn).await;
            }
        }
    }
}

async fn connect_pg(url: &str) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(url)
        .await
        .expect("connect to TEST_DATABASE_URL")
}

/// `postgres://user@host:port/db?x` with `db` replaced.
pub fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// The application running on port 0 over its own database.
pub struct TestApp {
    /// Where it listens.
    pub addr: SocketAddr,
    /// An HTTP client with a cookie jar.
    pub client: reqwest::Client,
    /// The database it uses.
    pub db: Database,
    /// Which backend.
    pub backend: Backend,
    running: Option<startup::Running>,
    test_db: Option<TestDb>,
    site_root: std::path::PathBuf,
}

impl TestApp {
    /// Starts the application over a fresh database, with the demo data when `seed`.
    pub async fn spawn(backend: Backend, seed: bool) -> Option<Self> {
        Self::spawn_with(backend, seed, |_| {}).await
    }

    /// The same, with the application state adjusted first (an https site URL, a trusted
    /// proxy …).
    pub async fn spawn_with(
        backend: Backend,
        seed: bool,
        adjust: impl FnOnce(&mut AppState),
    ) -> Option<Self> {
        let test_db = TestDb::create(backend).await?;
        let db = Database::connect(&test_db.url, 8)
            .await
            .expect("open test database");
        db.migrate().await.expect("migrate test database");
        if seed {
            server::seed::seed_demo(
                &db,
                server::seed::SeedOptions {
                    if_empty: false,
                    password: Some(DEMO_PASSWORD.to_owned()),
                },
            )
            .await
            .expect("seed demo data");
        }
        let site_root = std::env::temp_dir().join(format!("concordat_site_{}", unique_suffix()));
        std::fs::create_dir_all(site_root.join("pkg")).expect("site root");
        std::fs::write(site_root.join("pkg/concordat.css"), "body{}").expect("css");
        let addr: SocketAddr = "127.0.0.1:0".parse().expect("address");
        let mut state = AppState {
            leptos_options: startup::leptos_options(&site_root, addr),
            db: db.clone(),
            site_url: "http://concordat.test".to_owned(),
            trusted_proxy: None,
        };
        adjust(&mut state);
        let running = startup::spawn(state, addr).await.expect("start server");
        let client = Self::client();
        Some(Self {
            addr: running.addr,
            client,
            db,
            backend,
            running: Some(running),
            test_db: Some(test_db),
            site_root,
        })
    }

    /// A new HTTP client with its own cookie jar (another browser), not following redirects.
    pub fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// An absolute URL for a path.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// GET a path; returns status and body.
    pub async fn get(&self, path: &str) -> (reqwest::StatusCode, String) {
        let res = self.client.get(self.url(path)).send().await.expect("GET");
        let status = res.status();
        (status, res.text().await.expect("body"))
    }

    /// POST a form to a server function by its endpoint name; returns status and body.
    pub async fn call(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (reqwest::StatusCode, String) {
        self.call_with(&self.client, endpoint, form).await
    }

    /// The same, from another client (another browser, with its own cookies).
    pub async fn call_with(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (reqwest::StatusCode, String) {
        let res = client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("origin", format!("http://{}", self.addr))
            .form(form)
            .send()
            .await
            .expect("POST");
        let status = res.status();
        (status, res.text().await.expect("body"))
    }

    /// A new browser (its own cookies) signed in as a demo account.
    pub async fn signed_in(&self, email: &str) -> reqwest::Client {
        let client = Self::client();
        let (status, body) = self
            .call_with(
                &client,
                "sign_in",
                &[("email", email), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(
            status,
            reqwest::StatusCode::OK,
            "sign-in as {email}: {body}"
        );
        client
    }

    /// Gives every person of the demo data the demo password (only a few are demo
    /// accounts), so that any of them can sign in.
    pub async fn everyone_can_sign_in(&self) {
        let mut conn = self.db.pool().acquire().await.expect("conn");
        sqlx::query(
            "UPDATE people SET password_hash =
                (SELECT password_hash FROM people WHERE email = 'convener@aspr.example')
             WHERE password_hash IS NULL",
        )
        .execute(&mut *conn)
        .await
        .expect("passwords");
    }

    /// Stops the server, closes the pool and removes the database.
    pub async fn stop(mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await.expect("graceful stop");
        }
        self.db.close().await;
        if let Some(test_db) = self.test_db.take() {
            test_db.drop_now().await;
        }
        let _ = std::fs::remove_dir_all(&self.site_root);
    }
}

/// Writes a test once and runs it on SQLite and on PostgreSQL:
/// `db_test!(name, seeded, |app| { … })`, where `app: &TestApp` and `seeded` asks for the
/// demo data.
#[macro_export]
macro_rules! db_test {
    ($name:ident, $seed:expr, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports, reason = "not every test uses every helper")]
            use super::*;

            async fn run(backend: $crate::common::Backend) {
                let Some(app) = $crate::common::TestApp::spawn(backend, $seed).await else {
                    return;
                };
                {
                    let $app = &app;
                    $body
                }
                app.stop().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::common::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::common::Backend::Postgres).await;
            }
        }
    };
}

/// The active markup in a page: start tags that are script elements, carry an event handler
/// attribute or a `javascript:` URL. Text that merely mentions them (escaped) is not markup.
pub fn active_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tail = &rest[start + 1..];
        // Quoted attribute values may contain '>' and '<': skip them as a tokenizer would.
        let mut end = None;
        let mut quote: Option<char> = None;
        for (i, ch) in tail.char_indices() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(ch),
                (None, '>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        let tag = tail[..end].to_lowercase();
        // Drop quoted values before looking for attribute names.
        let mut names = String::new();
        let mut quote: Option<char> = None;
        for ch in tag.chars() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(ch),
                (None, c) => names.push(c),
            }
        }
        let is_script = names.starts_with("script") && !tag.contains("nonce=");
        let handler = names
            .split(|c: char| c.is_whitespace() || c == '/')
            .any(|attr| attr.starts_with("on") && attr.contains('='));
        let js_url = tag.contains("href=\"javascript:") || tag.contains("src=\"javascript:");
        if is_script || handler || js_url {
            found.push(tag);
        }
        rest = &tail[end + 1..];
    }
    found
}
