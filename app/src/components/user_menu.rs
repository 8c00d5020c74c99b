//! The header's account links: who is signed in, administration, password, sign out.
use crate::api::account::{SignOut, get_me};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// "Signed in as …" with the account's links and a sign-out button, or a sign-in link.
#[component]
pub fn UserMenu() -> impl IntoView {
    let me = Resource::new(|| (), |()| get_me());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! {
                        <nav class="user-menu" aria-label="Account">
                            <ul>
                                <li class="who">"Signed in as "<strong>{me.name}</strong></li>
                                {me.is_admin.then(|| view! {
                                    <li><a href="/admin/users">"Accounts"</a></li>
                                    <li><a href="/admin/audit">"Audit log"</a></li>
                                })}
                                {(me.is_admin || me.forums.iter().any(|f| f.role == crate::domain::role::Role::Coordinator)).then(|| view! {
                                    <li><a href="/account/api-tokens">"API tokens"</a></li>
                                })}
                                <li><a href="/account/password">"Change password"</a></li>
                                <li>
                                    <form method="post" action=SignOut::url() class="inline-form">
                                        <button type="submit" class="link-button">"Sign out"</button>
                                    </form>
                                </li>
                            </ul>
                        </nav>
                    }
                    .into_any(),
                    _ => view! {
                        <nav class="user-menu" aria-label="Account">
                            <ul><li><a href="/sign-in">"Sign in"</a></li></ul>
                        </nav>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
