//! The trail from the list of forums to the current page.
use leptos::prelude::*;

/// One step of the trail: a label and, except for the current page, a link.
#[derive(Clone, Debug, PartialEq)]
pub struct Crumb {
    /// What the step is called.
    pub label: String,
    /// Where it leads; None for the current page.
    pub href: Option<String>,
}

impl Crumb {
    /// A step that links somewhere.
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Self {
        Crumb {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    /// The current page.
    pub fn here(label: impl Into<String>) -> Self {
        Crumb {
            label: label.into(),
            href: None,
        }
    }
}

/// A breadcrumb navigation landmark.
#[component]
pub fn Breadcrumb(crumbs: Vec<Crumb>) -> impl IntoView {
    view! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Forums"</a></li>
                {crumbs
                    .into_iter()
                    .map(|c| match c.href {
                        Some(href) => view! { <li><a href=href>{c.label}</a></li> }.into_any(),
                        None => view! { <li aria-current="page">{c.label}</li> }.into_any(),
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
