//! Reusable components that know no route.

pub mod account_menu;
pub mod bar_chart;
pub mod diff_view;
pub mod error_notice;
pub mod fields;
pub mod form_feedback;
pub mod markdown_editor;
pub mod organisation_filter;
pub mod roster;
pub mod tlp_badge;
