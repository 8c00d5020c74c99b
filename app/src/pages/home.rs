//! The list of forums.
use crate::api::account::take_flash;
use crate::api::forums::list_forums;
use crate::components::flash::FlashNote;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use leptos_meta::Title;

/// The forums the signed-in person belongs to (every forum for an administrator).
#[component]
pub fn HomePage() -> impl IntoView {
    let forums = Resource::new(
        || (),
        |()| async { Ok((list_forums().await?, take_flash().await?)) },
    );
    view! {
        <Title text="Forums"/>
        <h1>"Forums"</h1>
        {loaded(forums, |(list, flash)| {
            let note = view! { <FlashNote flash=flash form="change_password"/> };
            if list.is_empty() {
                return view! {
                    {note}
                    <p>"You do not belong to any forum yet. Ask your forum's coordinator or an administrator to give you a role. (An administrator can set up a demo forum with "<code>"forumplan demo"</code>".)"</p>
                }
                .into_any();
            }
            view! {
                {note}
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
