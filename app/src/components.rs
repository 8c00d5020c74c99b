//! Reusable view pieces.
pub mod breadcrumb;
pub mod enhance;
pub mod error_page;
pub mod flash;
pub mod loaded;
pub mod plan_form;
pub mod reporting;
pub mod review;
pub mod status_badge;
pub mod target_table;
pub mod user_menu;
