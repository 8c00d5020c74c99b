//! Pure domain types and rules, compiled for both the server and the browser.
pub mod account;
pub mod period;
pub mod role;
pub mod status;
pub mod target;
pub mod views;
