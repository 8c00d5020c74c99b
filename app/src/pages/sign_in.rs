//! Signing in.
use crate::api::account::{SignIn, SignOut, get_me, take_flash};
use crate::components::flash::{FlashNote, kept};
use crate::components::loaded::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-in form (a plain form post: it works with and without JavaScript), or, when signed
/// in already, who is signed in.
#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let data = Resource::new(
        || (),
        |()| async { Ok((get_me().await?, take_flash().await?)) },
    );
    loaded(data, move |(me, flash)| {
        if let Some(me) = me {
            return view! {
                <Title text="Signed in"/>
                <h1>"You are signed in"</h1>
                <p>"You are signed in as "<strong>{me.name}</strong>" ("{me.email}")."</p>
                <p><a href="/">"Go to your forums"</a></p>
                <form method="post" action=SignOut::url()>
                    <button type="submit">"Sign out"</button>
                </form>
            }
            .into_any();
        }
        let email = kept(&flash, "sign_in", "email");
        let next_value = {
            let kept_next = kept(&flash, "sign_in", "next");
            if kept_next.is_empty() {
                next()
            } else {
                kept_next
            }
        };
        let has_error = flash.as_ref().is_some_and(|f| f.form == "sign_in");
        view! {
            <Title text="Sign in"/>
            <h1>"Sign in"</h1>
            <p>"ForumPlan holds your forum's plan. Sign in with the e-mail address and password your forum's administrator gave you."</p>
            <FlashNote flash=flash.clone() form="sign_in"/>
            <form method="post" action=SignIn::url() class="stacked-form" aria-describedby=has_error.then_some("sign_in-error")>
                <input type="hidden" name="next" value=next_value/>
                <p>
                    <label for="email">"E-mail address"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required value=email/>
                </p>
                <p>
                    <label for="password">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                </p>
                <p><button type="submit">"Sign in"</button></p>
            </form>
            <p class="muted">"Forgotten your password? Ask your forum's administrator to set a one-time password for you."</p>
        }
        .into_any()
    })
}
