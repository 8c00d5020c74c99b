//! Spreadsheet import, the server side: reading an uploaded file into [`Grid`]s, and committing
//! a draft plan into a strategy ([`commit::commit_import`]).
//!
//! [`read::read_grid`] turns the bytes of an xlsx, xls, xlsb, ods or csv file into one grid per
//! sheet, within [`read::Limits`]; the pure rules that work on grids live in
//! `crate::domain::import`.
//!
//! [`Grid`]: crate::domain::import::grid::Grid
pub mod commit;
pub mod read;
pub mod stage;

pub use commit::{Counts, ImportReport, commit_import, sha256_hex};
pub use read::{Format, Limits, ReadError, read_grid};
