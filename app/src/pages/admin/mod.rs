//! Pages for platform operators.

pub mod audit;
pub mod outbox;
