//! Reusable view pieces.
pub mod breadcrumb;
pub mod error_page;
pub mod flash;
pub mod loaded;
pub mod status_badge;
pub mod target_table;
pub mod user_menu;
