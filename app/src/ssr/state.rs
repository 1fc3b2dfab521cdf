//! The application state every request handler and server function can reach.

use crate::ssr::db::Database;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// Shared, cheaply clonable state: the database pool and Leptos' options.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Leptos' options (site root, package names), needed by the HTML shell.
    pub leptos_options: LeptosOptions,
    /// The database, SQLite or PostgreSQL.
    pub db: Database,
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
