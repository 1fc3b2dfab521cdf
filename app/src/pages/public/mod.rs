//! Pages for signed-out readers.

pub mod council;
pub mod decisions;
pub mod home;
pub mod organisation;
pub mod participation;
pub mod partnership;
pub mod plan;
pub mod plan_compare;
pub mod plan_goal;
pub mod plan_version;
pub mod plan_versions;
pub mod working_group;
