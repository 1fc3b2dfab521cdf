//! Reusable components that know no route.

pub mod account_menu;
pub mod error_notice;
pub mod form_feedback;
pub mod organisation_filter;
pub mod tlp_badge;
