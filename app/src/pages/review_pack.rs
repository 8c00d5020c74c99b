//! A review's meeting pack: one page, printable (or saved as PDF from the browser), drawn from
//! the review's frozen snapshot: summary and chart, exceptions with their narratives, what
//! changed since the previous review, what happened to its actions arising, and this review's
//! decisions and actions arising. Printed, each part starts a new page, and every page carries
//! the forum, strategy and quarter at its top and its number at its foot.
use crate::api::review::get_review;
use crate::components::loaded::loaded;
use crate::components::review::{exceptions, minute_body, review_line, since_previous, summary};
use crate::domain::review::ReviewPage;
use crate::pages::{id_param, param};
use leptos::prelude::*;
use leptos_meta::Title;

/// `text` as a CSS string literal: every character but letters, digits and spaces escaped, so
/// that nothing in a forum's or review's name can end the string or the style element.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// The print headers of a pack: forum at the top left, strategy and quarter at the top right,
/// the review's title at the foot (page numbers come from the stylesheet).
pub fn print_headers(p: &ReviewPage) -> String {
    let r = &p.review;
    let right = format!(
        "{} · {}",
        r.strategy.as_deref().unwrap_or("All strategies"),
        r.period
    );
    format!(
        "@page {{ @top-left {{ content: {}; }} @top-right {{ content: {}; }} @bottom-left {{ content: {}; }} }}",
        css_string(&p.forum.name),
        css_string(&right),
        css_string(&format!("Meeting pack: {}", r.title)),
    )
}

/// The meeting pack page.
#[component]
pub fn ReviewPackPage() -> impl IntoView {
    let forum = param("forum");
    let id = id_param("review");
    let data = Resource::new(move || (forum.get(), id.get()), |(f, id)| get_review(f, id));
    loaded(data, |p| view_of(&p))
}

fn view_of(p: &ReviewPage) -> AnyView {
    let slug = p.forum.slug.clone();
    let r = &p.review;
    // The nonce is known on the server only; the browser keeps the element as rendered.
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    view! {
        <Title text=format!("Meeting pack · {} · {}", r.title, p.forum.name)/>
        <style nonce=nonce>{print_headers(p)}</style>
        <article class="pack">
            <header class="pack-head">
                <p class="pack-forum">{p.forum.name.clone()}</p>
                <h1>{format!("Meeting pack: {}", r.title)}</h1>
                <p>{review_line(r)}</p>
                <p class="screen-only">
                    <a href=format!("/forums/{slug}/reviews/{}", r.id)>"Back to the review"</a>
                    " · Print this page, or save it as a PDF, from your browser's Print command (Ctrl+P)."
                </p>
            </header>
            {summary(p)}
            {exceptions(p)}
            {since_previous(p)}
            <section class="pack-section" aria-labelledby="pack-minutes-heading">
                <h2 id="pack-minutes-heading">{format!("Decisions and actions arising ({})", p.minutes.len())}</h2>
                {if p.minutes.is_empty() {
                    view! { <p class="muted">"None recorded."</p> }.into_any()
                } else {
                    view! { <ol class="minutes">{p.minutes.iter().map(|m| view! { <li>{minute_body(&slug, m)}</li> }).collect_view()}</ol> }.into_any()
                }}
                {p.previous.as_ref().map(|prev| view! {
                    <h2>{format!("Actions arising from “{}” ({})", prev.title, p.previous_actions.len())}</h2>
                    {if p.previous_actions.is_empty() {
                        view! { <p class="muted">"None."</p> }.into_any()
                    } else {
                        view! { <ol class="minutes">{p.previous_actions.iter().map(|m| view! { <li>{minute_body(&slug, m)}</li> }).collect_view()}</ol> }.into_any()
                    }}
                })}
            </section>
        </article>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn css_strings_escape_everything_that_could_end_them() {
        assert_eq!(css_string("Q2 2006"), "\"Q2 2006\"");
        assert_eq!(css_string("a\"b"), "\"a\\22 b\"");
        let nasty = css_string("x</style><script>alert(1)</script>\\\n");
        assert!(!nasty.contains('<') && !nasty.contains('\n'));
        assert_eq!(nasty.matches('"').count(), 2);
        assert_eq!(css_string("Everyone’s"), "\"Everyone\\2019 s\"");
    }
}
