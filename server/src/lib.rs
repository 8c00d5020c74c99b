#![recursion_limit = "512"]
//! The `forumplan` executable's parts, as a library so that tests can drive the real router.
pub mod assets;
pub mod cli;
pub mod config;
pub mod front_door;
pub mod routes;
pub mod serve;
