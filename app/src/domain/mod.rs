//! Pure domain logic: vocabularies, validated values and rules. No I/O and no `cfg`: this
//! module compiles for the server and the browser alike and is unit-tested in place.

pub mod access;
pub mod atom;
pub mod commitment;
pub mod csv;
pub mod diff;
pub mod ical;
pub mod motion;
pub mod notification;
pub mod participation;
pub mod partnership;
pub mod plan;
pub mod plan_compare;
pub mod records;
pub mod search;
pub mod tally;
pub mod term;
pub mod text;
pub mod time;
pub mod tlp;
pub mod vocab;

pub use time::{Date, Timestamp};
pub use tlp::Tlp;
