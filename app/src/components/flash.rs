//! The outcome of the last form post, shown once on the page it returned to.
use crate::domain::account::{Flash, FlashKind};
use leptos::prelude::*;

/// The message for `form`, if the flash is for it: an alert for a refusal, a status for success.
#[component]
pub fn FlashNote(flash: Option<Flash>, #[prop(into)] form: String) -> impl IntoView {
    flash.filter(|f| f.form == form).map(|f| match f.kind {
        FlashKind::Error => view! {
            <div class="flash flash-error" role="alert" id=format!("{form}-error")>
                <p>{f.message}</p>
                {(!f.details.is_empty()).then(|| view! {
                    <ul class="changes">{f.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                })}
            </div>
        }
        .into_any(),
        FlashKind::Notice => view! {
            <p class="flash flash-notice" role="status">{f.message}</p>
        }
        .into_any(),
    })
}

/// The value kept from the last post of `form` for `field`, or "".
pub fn kept(flash: &Option<Flash>, form: &str, field: &str) -> String {
    flash
        .as_ref()
        .filter(|f| f.form == form)
        .map(|f| f.field(field))
        .unwrap_or_default()
}
