//! Pages for signed-out readers.

pub mod home;
pub mod partnership;
