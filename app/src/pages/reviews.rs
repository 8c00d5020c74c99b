//! A forum's review meetings, newest first, and (for coordinators) the form that opens one.
use crate::api::account::take_flash;
use crate::api::review::{OpenReview, get_reviews};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden, select};
use crate::components::review::review_line;
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The reviews page.
#[component]
pub fn ReviewsPageView() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || (crate::components::enhance::refresh_version(), forum.get()),
        |(_, f)| async move { Ok((get_reviews(f).await?, take_flash().await?)) },
    );
    loaded(data, |(p, flash)| {
        let slug = p.forum.slug.clone();
        let state = FormState::new(&flash, "open-review");
        let mut strategies = vec![(String::new(), "All strategies".to_owned())];
        strategies.extend(p.strategies.clone());
        view! {
            <Title text=format!("Reviews · {}", p.forum.name)/>
            <Breadcrumb crumbs=vec![
                Crumb::link(p.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Reviews"),
            ]/>
            <h1>"Reviews"</h1>
            <p class="lead">"Each review freezes where the plan stood when it was opened, for the strategy group's quarterly meeting: later corrections do not change what the meeting saw. Its decisions and actions arising are recorded with it, and its meeting pack prints from it."</p>
            {if p.reviews.is_empty() {
                view! { <p class="muted">"No review has been held yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="review-list">
                        {p.reviews.iter().map(|r| view! {
                            <li>
                                <a href=format!("/forums/{slug}/reviews/{}", r.id)>{r.title.clone()}</a>
                                <br/><span class="muted">{review_line(r)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {p.can_manage.then(|| view! {
                <section aria-labelledby="open-heading">
                    <h2 id="open-heading">"Open a review"</h2>
                    {form_note(&flash, "open-review")}
                    <form method="post" data-enhance="" action=OpenReview::url() class="stacked-form">
                        {hidden("forum", &slug)}
                        {select(&state, "strategy", "Strategy", "", strategies.clone())}
                        {select(&state, "period", "Quarter reviewed", &p.suggested_period, p.periods.clone())}
                        {field(&state, "title", "Title", "", Input::Text, Some("Leave blank for “Review of” and the quarter."))}
                        {field(&state, "held_on", "Meeting date", "", Input::Date, None)}
                        <p><button type="submit">"Open the review"</button></p>
                    </form>
                </section>
            })}
        }
    })
}
