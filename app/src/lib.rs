#![recursion_limit = "512"]
//! ForumPlan: the Leptos application (pages, server functions, domain rules, and on the
//! server the backend).
pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod domain;
pub mod pages;
pub mod security;

use components::error_page::NotFound;
use components::user_menu::UserMenu;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use pages::{
    action::ActionPageView, action_edit::ActionEditPage, action_history::ActionHistoryPage,
    admin_audit::AdminAuditPage, admin_users::AdminUsersPage, api_tokens::ApiTokensPageView,
    dashboard::DashboardPage, forum::ForumPage, forum_settings::ForumSettingsPage,
    funder_report::FunderReportPage, home::HomePage, import::ImportPageView,
    import_preview::ImportPreviewPage, indicator::IndicatorPageView, indicators::IndicatorsPage,
    my_updates::MyUpdatesPage, partner::PartnerPageView, partners::PartnersPage,
    password::PasswordPage, resources::ResourcesPageView, returns::ReturnsPageView,
    review::ReviewPageView, review_pack::ReviewPackPage, reviews::ReviewsPageView,
    share_links::ShareLinksPageView, sign_in::SignInPage, strategy::StrategyPageView,
    strategy_edit::StrategyEditPage, target_edit::TargetEditPage, update::UpdatePageView,
};

/// The HTML document around the application, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::apply_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet id="leptos" options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders on the server in full before it is
/// sent (`SsrMode::Async`), so pages work without JavaScript and hydrate when it is there.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="description" content="ForumPlan: a domestic violence forum's strategy, action plan and progress."/>
        <Title formatter=|text: String| if text.is_empty() { "ForumPlan".to_owned() } else { format!("{text} · ForumPlan") }/>
        <Router>
            <components::enhance::FormEnhancer/>
            <a class="skip-link" href="#content">"Skip to content"</a>
            <SiteHeader/>
            <main id="content" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/api-tokens") view=ApiTokensPageView ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AdminAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum") view=ForumPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/strategies/:strategy") view=StrategyPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/strategies/:strategy/edit") view=StrategyEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/actions/:id") view=ActionPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/actions/:id/edit") view=ActionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/targets/:id/edit") view=TargetEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/targets/:id/update") view=UpdatePageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/my-updates") view=MyUpdatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/returns") view=ReturnsPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/settings") view=ForumSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/reviews") view=ReviewsPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/reviews/:review") view=ReviewPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/reviews/:review/pack") view=ReviewPackPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/import") view=ImportPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/import/:id") view=ImportPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/resources") view=ResourcesPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/actions/:id/history") view=ActionHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/partners") view=PartnersPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/partners/:id") view=PartnerPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/indicators") view=IndicatorsPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/indicators/:id") view=IndicatorPageView ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:forum/share-links") view=ShareLinksPageView ssr=SsrMode::Async/>
                    <Route path=path!("/report/:token") view=FunderReportPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"ForumPlan holds plans and aggregate figures only, never case records about victims or service users."</p>
            </footer>
        </Router>
    }
}

/// The site's header: the name and the user menu; on a funder report only the name, unlinked,
/// since a report opened from a share link must lead nowhere else in the site.
#[component]
fn SiteHeader() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    view! {
        <header class="site-header">
            {move || if pages::funder_report::is_report_path(&location.pathname.get()) {
                view! { <span class="brand">"ForumPlan"</span> }.into_any()
            } else {
                view! { <a class="brand" href="/">"ForumPlan"</a><UserMenu/> }.into_any()
            }}
        </header>
    }
}

/// Entry point of the browser bundle: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
