//! Changing one's own password (and replacing a one-time password).
use crate::api::account::{ChangePassword, get_me, take_flash};
use crate::components::flash::FlashNote;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// The change-password form.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |()| async { Ok((get_me().await?, take_flash().await?)) },
    );
    loaded(data, |(me, flash)| {
        let Some(me) = me else {
            return view! { <Redirect path="/sign-in?next=/account/password"/> }.into_any();
        };
        view! {
            <Title text="Change your password"/>
            <h1>"Change your password"</h1>
            {me.must_change_password.then(|| view! {
                <p class="flash flash-notice" role="status">"You signed in with a one-time password. Choose your own password to go on."</p>
            })}
            <FlashNote flash=flash.clone() form="change_password"/>
            <form method="post" action=ChangePassword::url() class="stacked-form">
                <input type="text" name="username" autocomplete="username" value=me.email hidden/>
                <p>
                    <label for="current">"Current password"</label>
                    <input id="current" name="current" type="password" autocomplete="current-password" required/>
                </p>
                <p>
                    <label for="new_password">"New password"</label>
                    <input id="new_password" name="new_password" type="password" autocomplete="new-password" required minlength="12" aria-describedby="password-rule"/>
                    <span id="password-rule" class="hint">"At least 12 characters. A few unrelated words make a good one."</span>
                </p>
                <p>
                    <label for="confirm">"New password again"</label>
                    <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="12"/>
                </p>
                <p><button type="submit">"Change password"</button></p>
            </form>
        }
        .into_any()
    })
}
