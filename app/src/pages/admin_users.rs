//! Administration: accounts, their roles in each forum, invitations, disabling, password resets.
use crate::api::account::take_flash;
use crate::api::admin::{
    InviteUser, ResetUserPassword, SetUserDisabled, SetUserRole, get_users_page,
};
use crate::components::flash::{FlashNote, kept};
use crate::components::loaded::loaded;
use crate::domain::account::{Flash, ForumChoice, UserRow};
use crate::domain::role::Role;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Options for a partner select: every forum's live partners, grouped by forum.
fn partner_options(forums: &[ForumChoice], selected: &str) -> impl IntoView + use<> {
    let selected = selected.to_owned();
    forums
        .iter()
        .filter(|f| !f.partners.is_empty())
        .map(|f| {
            let options = f
                .partners
                .iter()
                .map(|(id, name)| {
                    let value = id.to_string();
                    let is = value == selected;
                    view! { <option value=value selected=is>{name.clone()}</option> }
                })
                .collect_view();
            view! { <optgroup label=f.name.clone()>{options}</optgroup> }
        })
        .collect_view()
}

fn forum_options(forums: &[ForumChoice], selected: &str) -> impl IntoView + use<> {
    let selected = selected.to_owned();
    forums
        .iter()
        .map(|f| {
            let value = f.id.to_string();
            let is = value == selected;
            view! { <option value=value selected=is>{f.name.clone()}</option> }
        })
        .collect_view()
}

fn role_options(selected: &str, with_none: bool) -> impl IntoView + use<> {
    let selected = selected.to_owned();
    let none = with_none
        .then(|| view! { <option value="none">"No role (remove from the forum)"</option> });
    let roles = Role::ALL
        .iter()
        .map(|r| {
            let is = r.as_str() == selected;
            view! { <option value=r.as_str() selected=is>{r.label()}</option> }
        })
        .collect_view();
    (roles, none)
}

/// The invitation form.
fn invite_form(forums: &[ForumChoice], flash: &Option<Flash>) -> AnyView {
    let k = |field: &str| kept(flash, "invite", field);
    view! {
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite someone"</h2>
            <p>"Set a one-time password and give it to them yourself, by a safe route (not in the same e-mail as the address). They must choose their own password when they first sign in."</p>
            <FlashNote flash=flash.clone() form="invite"/>
            <form method="post" action=InviteUser::url() class="stacked-form">
                <p><label for="invite-name">"Name"</label><input id="invite-name" name="name" required value=k("name")/></p>
                <p><label for="invite-email">"E-mail address"</label><input id="invite-email" name="email" type="email" required value=k("email")/></p>
                <p>
                    <label for="invite-forum">"Forum"</label>
                    <select id="invite-forum" name="forum_id">
                        <option value="">"No forum (administrator only)"</option>
                        {forum_options(forums, &k("forum_id"))}
                    </select>
                </p>
                <p>
                    <label for="invite-role">"Role in that forum"</label>
                    <select id="invite-role" name="role">{role_options(&k("role"), false)}</select>
                </p>
                <p>
                    <label for="invite-partner">"Partner agency (members only: the agency they report for)"</label>
                    <select id="invite-partner" name="partner_id">
                        <option value="">"None"</option>
                        {partner_options(forums, &k("partner_id"))}
                    </select>
                </p>
                <p class="checkbox"><input id="invite-admin" name="is_admin" type="checkbox" value="on"/><label for="invite-admin">"Administrator of the whole installation"</label></p>
                <p><label for="invite-password">"One-time password"</label><input id="invite-password" name="password" type="password" autocomplete="new-password" required minlength="12"/></p>
                <p><button type="submit">"Create the account"</button></p>
            </form>
        </section>
    }
    .into_any()
}

/// One account's row of forms.
fn manage(user: &UserRow, forums: &[ForumChoice], flash: &Option<Flash>) -> AnyView {
    let id = user.id;
    let form = format!("user-{id}");
    let ids = |what: &str| format!("u{id}-{what}");
    let open = flash.as_ref().is_some_and(|f| f.form == form);
    let (toggle_label, toggle_value) = if user.disabled {
        ("Enable this account", "false")
    } else {
        ("Disable this account", "true")
    };
    view! {
        <details open=open>
            <summary>"Manage "{user.name.clone()}</summary>
            <FlashNote flash=flash.clone() form=form.clone()/>
            <form method="post" action=SetUserRole::url() class="stacked-form">
                <input type="hidden" name="user_id" value=id/>
                <input type="hidden" name="version" value=user.version/>
                <fieldset>
                    <legend>"Role in a forum"</legend>
                    <p><label for=ids("forum")>"Forum"</label><select id=ids("forum") name="forum_id">{forum_options(forums, "")}</select></p>
                    <p><label for=ids("role")>"Role"</label><select id=ids("role") name="role">{role_options("", true)}</select></p>
                    <p>
                        <label for=ids("partner")>"Partner agency (members only)"</label>
                        <select id=ids("partner") name="partner_id"><option value="">"None"</option>{partner_options(forums, "")}</select>
                    </p>
                    <p><button type="submit">"Save the role"</button></p>
                </fieldset>
            </form>
            <form method="post" action=ResetUserPassword::url() class="stacked-form">
                <input type="hidden" name="user_id" value=id/>
                <input type="hidden" name="version" value=user.version/>
                <fieldset>
                    <legend>"Reset the password"</legend>
                    <p><label for=ids("password")>"One-time password"</label><input id=ids("password") name="password" type="password" autocomplete="new-password" required minlength="12"/></p>
                    <p><button type="submit">"Set the one-time password"</button></p>
                </fieldset>
            </form>
            <form method="post" action=SetUserDisabled::url()>
                <input type="hidden" name="user_id" value=id/>
                <input type="hidden" name="version" value=user.version/>
                <input type="hidden" name="disabled" value=toggle_value/>
                <p><button type="submit">{toggle_label}</button></p>
            </form>
        </details>
    }
    .into_any()
}

/// The accounts page.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |()| async { Ok((get_users_page().await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let rows = page
            .users
            .iter()
            .map(|u| {
                let roles = if u.memberships.is_empty() {
                    view! { <span class="muted">"No forum"</span> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {u.memberships.iter().map(|m| {
                                let partner = m.partner.clone().map(|p| format!(" for {p}"));
                                view! { <li>{m.role.label()}" of "{m.forum.clone()}{partner}</li> }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                };
                let state = match (u.disabled, u.must_change_password) {
                    (true, _) => "Disabled",
                    (false, true) => "Active, on a one-time password",
                    (false, false) => "Active",
                };
                let last = u
                    .last_sign_in_at
                    .map(|t| t.format("%-d %b %Y %H:%M UTC").to_string())
                    .unwrap_or_else(|| "Never".to_owned());
                view! {
                    <tr>
                        <th scope="row">{u.name.clone()}<br/><span class="muted">{u.email.clone()}</span></th>
                        <td>{u.is_admin.then_some("Administrator. ")}{roles}</td>
                        <td>{state}</td>
                        <td>{last}</td>
                        <td>{manage(u, &page.forums, &flash)}</td>
                    </tr>
                }
                .into_any()
            })
            .collect_view();
        view! {
            <Title text="Accounts"/>
            <h1>"Accounts"</h1>
            <table class="accounts">
                <caption>{format!("{} accounts", page.users.len())}</caption>
                <thead><tr><th scope="col">"Person"</th><th scope="col">"Roles"</th><th scope="col">"State"</th><th scope="col">"Last sign-in"</th><th scope="col">"Change"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {invite_form(&page.forums, &flash)}
        }
    })
}
