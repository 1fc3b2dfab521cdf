//! The Concordat server: configuration, the router, the command line and the demo data.
//!
//! `main.rs` only parses the command line and reports errors; everything else is here so
//! that integration tests can build the same router and serve it on port 0.

pub mod api_v1;
pub mod cli;
pub mod config;
pub mod exports;
pub mod feeds;
pub mod mailer;
pub mod render_cache;
pub mod security;
pub mod seed;
pub mod startup;
