//! Pure domain types and rules, compiled for both the server and the browser.
pub mod account;
pub mod dashboard;
pub mod editor;
pub mod import;
pub mod period;
pub mod plan_form;
pub mod progress;
pub mod review;
pub mod role;
pub mod share;
pub mod spreadsheet;
pub mod status;
pub mod suppress;
pub mod target;
pub mod update;
pub mod views;
