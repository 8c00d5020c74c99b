//! A status shown as words and colour, never colour alone.
use crate::domain::status::Status;
use leptos::prelude::*;

/// The status label in a coloured badge.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=status.css_class() data-status=status.as_str()>{status.label()}</span> }
}
