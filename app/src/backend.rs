//! Server-only code: database entities, use cases, import, export, charts, accounts.
//! Everything here is compiled only with the `ssr` feature; pages reach it through `api`.
pub mod accounts;
pub mod action_page;
pub mod audit_log;
pub mod backup;
pub mod charts;
pub mod context;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod entity;
pub mod error;
pub mod forums;
pub mod import;
pub mod indicators;
pub mod links;
pub mod partners;
pub mod plan;
pub mod plan_edit;
pub mod progress;
pub mod review;
pub mod sessions;
pub mod share;
pub mod strategy_page;
pub mod tree;
pub mod web;
