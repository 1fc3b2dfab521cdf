//! Reusable components that know no route.

pub mod error_notice;
pub mod organisation_filter;
pub mod tlp_badge;
