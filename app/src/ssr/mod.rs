//! Server-only code: application state, database access (the only place with SQL), the
//! viewer and visibility, and the mapping of internal failures to [`crate::error::AppError`].

pub mod access;
pub mod audit;
pub mod auth;
pub mod changes;
pub mod db;
pub mod error;
pub mod markdown;
pub mod notify;
pub mod state;
pub mod tokens;
pub mod voting;
