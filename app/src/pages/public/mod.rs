//! Pages for signed-out readers.

pub mod council;
pub mod home;
pub mod organisation;
pub mod participation;
pub mod partnership;
pub mod working_group;
