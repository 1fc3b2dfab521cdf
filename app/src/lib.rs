//! Concordat: a registry and workspace for cybersecurity public-private partnerships in the
//! healthcare sector.
//!
//! This crate is compiled twice: with the `ssr` feature into the server (pages rendered to
//! HTML, server functions, database access) and with the `hydrate` feature into the browser's
//! WebAssembly, where only the interactive islands come alive.
//!
//! Layers, from the outside in: [`pages`] and [`components`] → [`api`] (server functions)
//! → `ssr` (database, access, audit; server only) → [`domain`] (pure logic).

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;
