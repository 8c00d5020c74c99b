//! Forms that post without a full page reload when JavaScript is there.
//!
//! Every plan-editing form is a plain HTML form that posts to its server function and is
//! answered with a redirect (see `api::form`): that is how the pages work without JavaScript.
//! When the page is hydrated, [`FormEnhancer`] catches the submission of a form marked
//! `data-enhance`, posts the same fields with `fetch` (header `x-forumplan-enhanced`, for which
//! the server's front door answers the redirect as `200` with its target in
//! `x-forumplan-location`), and then either reloads the page's data in place (same page: the
//! resources of the page track [`refresh_version`]) or moves to the new page through the router.
//! The page keeps its scroll position, and the outcome is announced by the same status or alert
//! message as without JavaScript. Anything unexpected falls back to the browser's own submission.
//!
//! A form marked `data-reset` (one that adds something) is cleared after it did its job.
//!
//! It also lets a coordinator drag a theme, action or target to a new place: list items that
//! carry `data-drag-id` (with `data-drag-kind`, `data-drag-forum` and `data-drag-url`, the
//! `plan_item` address) can be dropped onto a sibling, which posts a `move` to that place. The
//! arrow buttons next to each item do the same by keyboard, with or without JavaScript.
use leptos::prelude::*;

/// The request header that marks an enhanced form post.
pub const ENHANCED_HEADER: &str = "x-forumplan-enhanced";
/// The response header that carries where the browser would have been redirected.
pub const LOCATION_HEADER: &str = "x-forumplan-location";
/// The response header that says whether a form post did its job (`done`) or was refused.
pub const OUTCOME_HEADER: &str = "x-forumplan-outcome";

/// A counter that goes up after each enhanced form post, so that pages reload their data.
#[derive(Clone, Copy, Debug)]
pub struct Refresh(pub RwSignal<u32>);

/// The refresh counter for a page's resource source (0 when there is no enhancer).
pub fn refresh_version() -> u32 {
    use_context::<Refresh>().map_or(0, |r| r.0.get())
}

/// Installs the form enhancer (in the browser only) and provides the refresh counter.
#[component]
pub fn FormEnhancer() -> impl IntoView {
    let refresh = RwSignal::new(0_u32);
    provide_context(Refresh(refresh));
    #[cfg(feature = "hydrate")]
    browser::install(refresh);
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{ENHANCED_HEADER, LOCATION_HEADER, OUTCOME_HEADER};
    use leptos::prelude::*;
    use leptos_router::hooks::use_navigate;
    use wasm_bindgen::{JsCast, JsValue};

    pub fn install(refresh: RwSignal<u32>) {
        let navigate = use_navigate();
        let handle = window_event_listener(leptos::ev::submit, move |ev: web_sys::SubmitEvent| {
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            if !form.has_attribute("data-enhance") || form.method().to_lowercase() != "post" {
                return;
            }
            ev.prevent_default();
            // The button pressed, when it names a choice (`command` = save or submit).
            let submitter = ev
                .submitter()
                .and_then(|s| s.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .map(|b| (b.name(), b.value()))
                .filter(|(name, _)| !name.is_empty());
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                form.set_attribute("aria-busy", "true").ok();
                let outcome = post(&form, submitter).await;
                form.remove_attribute("aria-busy").ok();
                match outcome {
                    Some((location, done)) => {
                        if done {
                            // An "add" form that did its job starts afresh; a form in a
                            // disclosure that did its job folds away.
                            if form.has_attribute("data-reset") {
                                form.reset();
                            }
                            if let Ok(Some(details)) = form.closest("details") {
                                details.remove_attribute("open").ok();
                            }
                        }
                        let here = window().location().pathname().unwrap_or_default();
                        let path = location.split(['?', '#']).next().unwrap_or_default();
                        if location.is_empty() || path == here {
                            refresh.update(|n| *n = n.wrapping_add(1));
                        } else {
                            navigate(&location, Default::default());
                        }
                    }
                    // Not what we expected: let the browser post the form itself.
                    None => {
                        form.submit().ok();
                    }
                }
            });
        });
        // The listeners live as long as the application.
        std::mem::forget(handle);
        install_dragging(refresh);
    }

    fn item_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
        target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("[data-drag-id]")
            .ok()?
    }

    /// Where `item` stands among the draggable items of its list, counted from 0.
    fn index_of(item: &web_sys::Element) -> Option<u32> {
        let list = item.parent_element()?;
        let items = list.query_selector_all(":scope > [data-drag-id]").ok()?;
        (0..items.length()).find(|i| {
            items
                .item(*i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| &e == item)
        })
    }

    fn install_dragging(refresh: RwSignal<u32>) {
        use std::cell::RefCell;
        use std::rc::Rc;
        let dragged: Rc<RefCell<Option<web_sys::Element>>> = Rc::default();
        let held = dragged.clone();
        let start = window_event_listener(leptos::ev::dragstart, move |ev: web_sys::DragEvent| {
            if let Some(item) = item_of(ev.target()) {
                if let Some(dt) = ev.data_transfer() {
                    dt.set_effect_allowed("move");
                    dt.set_data(
                        "text/plain",
                        &item.get_attribute("data-drag-id").unwrap_or_default(),
                    )
                    .ok();
                }
                item.class_list().add_1("dragging").ok();
                *held.borrow_mut() = Some(item);
            }
        });
        let over_held = dragged.clone();
        let over = window_event_listener(leptos::ev::dragover, move |ev: web_sys::DragEvent| {
            let (Some(from), Some(to)) = (over_held.borrow().clone(), item_of(ev.target())) else {
                return;
            };
            if from.parent_element() == to.parent_element() {
                ev.prevent_default();
            }
        });
        let drop_held = dragged.clone();
        let drop = window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
            let Some(from) = drop_held.borrow_mut().take() else {
                return;
            };
            from.class_list().remove_1("dragging").ok();
            let Some(to) = item_of(ev.target()) else {
                return;
            };
            if from.parent_element() != to.parent_element() || from == to {
                return;
            }
            ev.prevent_default();
            let Some(index) = index_of(&to) else { return };
            let attr = |name: &str| from.get_attribute(name).unwrap_or_default();
            let fields = [
                ("forum", attr("data-drag-forum")),
                ("kind", attr("data-drag-kind")),
                ("id", attr("data-drag-id")),
                ("version", "0".to_owned()),
                ("command", "move".to_owned()),
                ("position", index.to_string()),
            ];
            let url = attr("data-drag-url");
            leptos::task::spawn_local(async move {
                if post_fields(&url, &fields).await.is_some() {
                    refresh.update(|n| *n = n.wrapping_add(1));
                }
            });
        });
        let end_held = dragged;
        let end = window_event_listener(leptos::ev::dragend, move |_: web_sys::DragEvent| {
            if let Some(item) = end_held.borrow_mut().take() {
                item.class_list().remove_1("dragging").ok();
            }
        });
        for handle in [start, over, drop, end] {
            std::mem::forget(handle);
        }
    }

    /// Posts `fields` to `url` as an enhanced form post.
    async fn post_fields(url: &str, fields: &[(&str, String)]) -> Option<(String, bool)> {
        let params = web_sys::UrlSearchParams::new().ok()?;
        for (name, value) in fields {
            params.append(name, value);
        }
        send(url, &params).await
    }

    /// Posts the form; the path the server redirected to ("" for none) and whether the form did
    /// its job, or None on any failure.
    async fn post(
        form: &web_sys::HtmlFormElement,
        submitter: Option<(String, String)>,
    ) -> Option<(String, bool)> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        if let Some((name, value)) = submitter {
            params.append(&name, &value);
        }
        send(&form.action(), &params).await
    }

    async fn send(url: &str, params: &web_sys::UrlSearchParams) -> Option<(String, bool)> {
        let headers = web_sys::Headers::new().ok()?;
        headers
            .set("content-type", "application/x-www-form-urlencoded")
            .ok()?;
        headers.set("accept", "text/html").ok()?;
        headers.set(ENHANCED_HEADER, "1").ok()?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from(String::from(params.to_string())));
        init.set_redirect(web_sys::RequestRedirect::Manual);
        let promise = window().fetch_with_str_and_init(url, &init);
        let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if response.status() != 200 {
            return None;
        }
        let headers = response.headers();
        let location = headers.get(LOCATION_HEADER).ok()??;
        let done = headers.get(OUTCOME_HEADER).ok().flatten().as_deref() == Some("done");
        Some((location, done))
    }
}
