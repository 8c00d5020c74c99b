//! Editing the plan (issue 4): strategies, themes, actions, targets, partners, resources and
//! indicators. Every use case here:
//! - takes input already parsed into domain types (`domain::plan_form`), and checks what only
//!   the database knows (that a partner, resource or indicator belongs to the forum);
//! - runs in one transaction, and refuses a save made from a stale page: the version the page was
//!   read at must still be the stored one, or the save is refused with what changed meanwhile;
//! - appends one audit event per changed field, stamped with the record's new version.
//!
//! Removing something deletes it while nothing has been recorded against it, and archives it
//! otherwise: archived things leave the live plan but stay in history.
pub(crate) mod common;
mod directory;
mod editors;
mod structure;

pub(crate) use common::target_in;
pub use common::{Editor, Saved};
pub use directory::{
    adopt_indicator, create_indicator, create_partner, create_resource, merge_partners,
    update_indicator, update_partner, update_resource,
};
pub use editors::{
    action_editor, archived, indicator_fields, partner_fields, resources_page, strategy_editor,
    target_editor,
};
pub(crate) use structure::{
    action_fields, add_partner, indicator_code, next_position, partner_named, target_fields,
    write_links,
};
pub use structure::{
    command, create_action, create_strategy, create_target, create_theme, move_item, update_action,
    update_strategy, update_target, update_theme,
};
