//! Routed pages, one component per file. `public/` holds the pages anyone may read.

pub mod not_found;
pub mod public;
