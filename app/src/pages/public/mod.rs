//! Pages for signed-out readers.

pub mod home;
pub mod organisation;
pub mod partnership;
