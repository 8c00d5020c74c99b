//! Personal API tokens (`/account/api-tokens`): the tokens a person holds for reporting tools
//! (Power BI, Excel Power Query), making one (shown once, to copy) and revoking one.
use crate::api::account::take_flash;
use crate::api::api_tokens::{CreateApiToken, RevokeApiToken, get_api_tokens};
use crate::components::flash::kept;
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden};
use crate::domain::account::{ApiTokensPage, Flash};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

const FORM: &str = "new-token";

/// The API tokens page.
#[component]
pub fn ApiTokensPageView() -> impl IntoView {
    let data = Resource::new(
        crate::components::enhance::refresh_version,
        |_| async move { Ok((get_api_tokens().await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| view_of(&page, &flash))
}

fn view_of(page: &ApiTokensPage, flash: &Option<Flash>) -> AnyView {
    let made = kept(flash, FORM, "token");
    view! {
        <Title text="API tokens"/>
        <h1>"API tokens"</h1>
        <p>
            "A token lets a reporting tool, such as Power BI or Excel's Power Query, read the plans of your forums "
            "from ForumPlan's JSON API ("<a href="/api/v1/openapi.json" rel="external">"its description"</a>"). "
            "It reads as you, with the roles you have now, and can never change anything. Send it in the "
            <code>"Authorization: Bearer"</code>" header. Revoke a token as soon as the tool that holds it is retired."
        </p>
        {(!page.forums.is_empty()).then(|| view! {
            <p>"A token of yours reads: "{page.forums.join("; ")}"."</p>
        })}
        {form_note(flash, FORM)}
        {(!made.is_empty()).then(|| view! {
            <p class="field new-link">
                <label for="new-token-value">"The new token (copy it now: it is not shown again)"</label>
                <input id="new-token-value" type="text" readonly="" value=made class="copyable"/>
            </p>
        })}
        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">"Your tokens"</h2>
            {tokens_table(page, flash)}
        </section>
        {if page.may_create {
            let state = FormState::new(flash, FORM);
            view! {
                <section aria-labelledby="new-token-heading">
                    <h2 id="new-token-heading">"Make a token"</h2>
                    <form method="post" data-enhance="" action=CreateApiToken::url() class="stacked-form">
                        {field(&state, "label", "What it is for", "", Input::Required, Some("Such as “Council Power BI dashboard”, so that you know which one to revoke."))}
                        <p><button type="submit">"Make the token"</button></p>
                    </form>
                </section>
            }.into_any()
        } else {
            view! { <p>"Only a forum's coordinators can make API tokens."</p> }.into_any()
        }}
    }
    .into_any()
}

fn tokens_table(page: &ApiTokensPage, flash: &Option<Flash>) -> AnyView {
    if page.tokens.is_empty() {
        return view! { <p>"You have no API tokens."</p> }.into_any();
    }
    let rows = page
        .tokens
        .iter()
        .map(|t| {
            let form = format!("token-{}", t.id);
            view! {
                <tr>
                    <th scope="row">{t.label.clone()}</th>
                    <td>{t.created_on.format("%-d %b %Y").to_string()}</td>
                    <td>{t.last_used_on.map_or_else(|| "Never".to_owned(), |d| d.format("%-d %b %Y").to_string())}</td>
                    <td>{if t.revoked { "Revoked" } else { "Open" }}</td>
                    <td>
                        {form_note(flash, &form)}
                        {(!t.revoked).then(|| view! {
                            <form method="post" data-enhance="" action=RevokeApiToken::url() class="inline-form">
                                {hidden("id", t.id)}
                                <button type="submit" class="secondary" aria-label=format!("Revoke “{}”", t.label)>"Revoke"</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table>
            <caption>{format!("{} tokens, newest first", page.tokens.len())}</caption>
            <thead><tr>
                <th scope="col">"For"</th><th scope="col">"Made"</th><th scope="col">"Last used"</th>
                <th scope="col">"State"</th><th scope="col">"Revoke"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
