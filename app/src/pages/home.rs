//! The list of forums.
use crate::api::forums::list_forums;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use leptos_meta::Title;

/// Every forum the installation holds.
#[component]
pub fn HomePage() -> impl IntoView {
    let forums = Resource::new(|| (), |()| list_forums());
    view! {
        <Title text="Forums"/>
        <h1>"Forums"</h1>
        {loaded(forums, |list| {
            if list.is_empty() {
                return view! {
                    <p>"No forum has been set up yet. To look around with a demo forum, run "<code>"forumplan demo"</code>"."</p>
                }
                .into_any();
            }
            view! {
                <ul class="card-list">
                    {list.into_iter().map(|f| {
                        let href = format!("/forums/{}", f.forum.slug);
                        let count = match f.strategy_count {
                            1 => "1 strategy".to_owned(),
                            n => format!("{n} strategies"),
                        };
                        view! { <li><a href=href>{f.forum.name}</a>" "<span class="muted">{count}</span></li> }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
}
