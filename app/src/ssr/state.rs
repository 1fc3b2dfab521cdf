//! The application state every request handler and server function can reach.

use crate::ssr::db::Database;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// Shared, cheaply clonable state: the database pool, Leptos' options and the public URL.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Leptos' options (site root, package names), needed by the HTML shell.
    pub leptos_options: LeptosOptions,
    /// The database, SQLite or PostgreSQL.
    pub db: Database,
    /// The public URL of the site without a trailing slash, e.g. `https://concordat.example.org`,
    /// for links in mail and for `Secure` cookies.
    pub site_url: String,
    /// The reverse proxy whose `X-Forwarded-For` header names the client
    /// (`CONCORDAT_TRUSTED_PROXY`); `None` believes only the TCP peer.
    pub trusted_proxy: Option<std::net::IpAddr>,
}

impl AppState {
    /// The state of the current request, as provided by the server's router.
    ///
    /// # Panics
    /// When called outside a request handled by the router, which is a programming error.
    pub fn current() -> Self {
        leptos::prelude::expect_context::<AppState>()
    }
}
