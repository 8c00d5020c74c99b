//! Server functions: the only way pages reach data. Each one asks [`guard`] for the access it
//! needs (which checks the caller's role in the forum on the server), calls one backend use case
//! and returns a type made for the page.
pub mod account;
pub mod action;
pub mod admin;
pub mod api_tokens;
pub mod dashboard;
pub mod error;
pub mod export;
#[cfg(feature = "ssr")]
pub(crate) mod form;
pub mod forums;
#[cfg(feature = "ssr")]
pub(crate) mod guard;
pub mod import;
pub mod indicators;
pub mod partners;
pub mod plan_edit;
pub mod progress;
pub mod review;
pub mod share;
pub mod strategy;
pub mod v1;

pub use error::ApiError;
