//! Importing an action plan from a spreadsheet: the pure part.
//!
//! A reader (on the server) turns a workbook's sheet into a [`grid::Grid`]; [`layout::detect`]
//! finds the header, the columns' roles and the themes; the helpers in [`cells`] read agencies,
//! resources, due dates and targets out of cell text; [`plan::interpret`] turns a layout into a
//! draft plan matched against the forum's partners. Nothing here does I/O, and nothing evaluates
//! a cell: text that looks like a formula stays text.
pub mod cells;
pub mod grid;
pub mod layout;
pub mod plan;
pub mod view;
