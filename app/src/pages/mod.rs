//! Routed pages, one component per file. `public/` holds the pages anyone may read.

pub mod accept_invitation;
pub mod account;
pub mod admin;
pub mod commitments;
pub mod dashboard;
pub mod focal_points;
pub mod invite;
pub mod motion;
pub mod motions;
pub mod new_council;
pub mod new_organisation;
pub mod new_plan_draft;
pub mod new_working_group;
pub mod not_found;
pub mod notifications;
pub mod person;
pub mod plan_outline;
pub mod plan_weights;
pub mod plan_workspace;
pub mod public;
pub mod search;
pub mod section_editor;
pub mod section_history;
