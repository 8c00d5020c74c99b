//! One file per page.
pub mod action;
pub mod action_edit;
pub mod action_history;
pub mod admin_audit;
pub mod admin_users;
pub mod api_tokens;
pub mod dashboard;
pub mod forum;
pub mod forum_settings;
pub mod funder_report;
pub mod home;
pub mod import;
pub mod import_preview;
pub mod indicator;
pub mod indicators;
pub mod my_updates;
pub mod partner;
pub mod partners;
pub mod password;
pub mod resources;
pub mod returns;
pub mod review;
pub mod review_pack;
pub mod reviews;
pub mod share_links;
pub mod sign_in;
pub mod strategy;
pub mod strategy_edit;
pub mod target_edit;
pub mod update;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A route parameter as text ("" when absent).
pub(crate) fn param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}

/// A numeric route parameter (0, which matches nothing, when absent or not a number).
pub(crate) fn id_param(name: &'static str) -> Memo<i32> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    })
}
