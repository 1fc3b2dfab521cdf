//! Server functions: the application's HTTP endpoints, one file per aggregate.
//!
//! Each body authenticates (who is the viewer), authorises, validates, then calls the
//! database layer and maps its errors. The types they return are the view models the pages
//! render; they are plain data, compiled for both the server and the browser.

pub mod account;
pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod choices;
pub mod commitments;
pub mod councils;
pub mod dashboard;
pub mod focal_points;
pub mod invitations;
pub mod labels;
pub mod motions;
pub mod notifications;
#[cfg(feature = "ssr")]
pub mod open_data;
pub mod organisations;
pub mod participation;
pub mod partnerships;
pub mod plan_content;
pub mod plan_outline;
pub mod plan_weights;
pub mod plans;
pub mod rosters;
pub mod search;
pub mod working_groups;
