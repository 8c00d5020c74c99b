//! A strategy: themes → actions → targets with their statuses.
use crate::api::strategy::get_strategy_page;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::status_badge::StatusBadge;
use crate::components::target_table::TargetTable;
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;

/// The whole plan of one strategy.
#[component]
pub fn StrategyPageView() -> impl IntoView {
    let forum = param("forum");
    let strategy = param("strategy");
    let data = Resource::new(
        move || (forum.get(), strategy.get()),
        |(f, s)| get_strategy_page(f, s),
    );
    loaded(data, |page| {
        let slug = page.forum.slug.clone();
        let s = page.summary;
        view! {
            <Title text=s.title.clone()/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here(s.title.clone()),
            ]/>
            <h1>{s.title.clone()}</h1>
            {page.can_edit.then(|| view! { <p><a href=format!("/forums/{slug}/strategies/{}/edit", s.slug)>"Edit this plan"</a></p> })}
            <p class="muted">{s.period.clone()}" · status as at "{s.as_of.format("%-d %B %Y").to_string()}</p>
            <p>"Overall: "<StatusBadge status=s.status/></p>
            {page.aims.map(|aims| view! { <section class="aims"><h2 class="visually-hidden">"Aims"</h2><p>{aims}</p></section> })}
            {page.source.map(|src| view! { <p class="muted">"Source: "{src}</p> })}
            <ExportForm forum=slug.clone() strategy=s.slug.clone()/>
            <nav aria-label="Themes" class="toc">
                <ol>
                    {page.themes.iter().map(|t| view! {
                        <li><a href=format!("#theme-{}", t.id)>{t.title.clone()}</a></li>
                    }).collect_view()}
                </ol>
            </nav>
            {page.themes.into_iter().map(|t| {
                let slug = slug.clone();
                view! {
                    <section class="theme" aria-labelledby=format!("theme-{}", t.id)>
                        <h2 id=format!("theme-{}", t.id)>{t.title}</h2>
                        <p>"Theme status: "<StatusBadge status=t.status/></p>
                        {t.actions.into_iter().map(|a| {
                            let href = format!("/forums/{slug}/actions/{}", a.id);
                            let caption = format!("Targets for {}", a.title);
                            view! {
                                <article class="action">
                                    <h3><a href=href>{a.title.clone()}</a></h3>
                                    <p>
                                        <StatusBadge status=a.status/>
                                        <span class="muted">
                                            {a.lead.map(|l| format!(" · Lead: {}", l.display()))}
                                            {a.due.map(|d| format!(" · Due: {d}"))}
                                        </span>
                                    </p>
                                    <TargetTable forum=slug.clone() caption=caption targets=a.targets/>
                                </article>
                            }
                        }).collect_view()}
                    </section>
                }
            }).collect_view()}
        }
    })
}

/// Downloading the strategy as a spreadsheet: a plain GET form to the export route, so it works
/// without JavaScript and the browser saves the file.
#[component]
fn ExportForm(forum: String, strategy: String) -> impl IntoView {
    use crate::domain::spreadsheet::{ExportContent, ExportFormat, SheetLayout};
    let contents = ExportContent::ALL
        .iter()
        .map(|c| view! { <option value=c.as_str()>{c.label()}</option> })
        .collect_view();
    let formats = ExportFormat::ALL
        .iter()
        .map(|c| view! { <option value=c.as_str()>{c.label()}</option> })
        .collect_view();
    let layouts = SheetLayout::ALL
        .iter()
        .map(|c| view! { <option value=c.as_str()>{c.label()}</option> })
        .collect_view();
    view! {
        <details class="export">
            <summary>"Download as a spreadsheet"</summary>
            <form method="get" action=format!("/forums/{forum}/export")>
                <input type="hidden" name="strategy" value=strategy/>
                <p class="field"><label for="export-content">"What"</label>" "
                    <select id="export-content" name="content">{contents}</select></p>
                <p class="field"><label for="export-format">"Format"</label>" "
                    <select id="export-format" name="format">{formats}</select></p>
                <p class="field"><label for="export-layout">"Sheets (Excel only)"</label>" "
                    <select id="export-layout" name="layout">{layouts}</select></p>
                <p class="hint">"A plan downloaded on one sheet can be imported again: changes made in the file update this plan."</p>
                <button type="submit">"Download"</button>
            </form>
        </details>
    }
}
