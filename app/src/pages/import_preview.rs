//! One upload's preview (coordinators): what the importer understood, the column roles to
//! correct, and the import itself; once imported, the report of what it did.
use crate::api::account::take_flash;
use crate::api::import::{CommitUpload, SetImportMapping, get_import_preview};
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::{FormState, Input, field, form_note, hidden};
use crate::domain::import::layout::ColumnRole;
use crate::domain::import::view::{ImportPreview, ImportResult, ThemePreview};
use crate::pages::param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The preview page.
#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let forum = param("forum");
    let id = param("id");
    let data = Resource::new(
        move || {
            (
                crate::components::enhance::refresh_version(),
                forum.get(),
                id.get(),
            )
        },
        |(_, f, id)| async move {
            let id = id.parse().unwrap_or(0);
            Ok((get_import_preview(f, id).await?, take_flash().await?))
        },
    );
    loaded(data, |(page, flash)| {
        let slug = page.forum.slug.clone();
        let crumbs = vec![
            Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
            Crumb::link(
                "Import from a spreadsheet",
                format!("/forums/{slug}/import"),
            ),
            Crumb::here(page.file_name.clone()),
        ];
        match page.result.clone() {
            Some(result) => view! {
                <Title text=format!("Imported: {}", page.file_name)/>
                <Breadcrumb crumbs=crumbs/>
                <h1>{format!("Imported: {}", page.file_name)}</h1>
                {form_note(&flash, "commit")}
                {report(&slug, &result)}
            }
            .into_any(),
            None => view! {
                <Title text=format!("Preview: {}", page.file_name)/>
                <Breadcrumb crumbs=crumbs/>
                <h1>{format!("Preview: {}", page.file_name)}</h1>
                {preview(&slug, &page, &flash)}
            }
            .into_any(),
        }
    })
}

fn report(slug: &str, r: &ImportResult) -> impl IntoView {
    view! {
        <p>{format!("Imported on {}.", r.committed)}</p>
        <dl class="import-report">
            <dt>"Added"</dt><dd>{r.added.clone()}</dd>
            <dt>"Changed"</dt><dd>{r.changed.clone()}</dd>
            <dt>"Already as the sheet says"</dt><dd>{r.unchanged.clone()}</dd>
        </dl>
        {r.strategy.clone().map(|(title, s)| view! {
            <p><a href=format!("/forums/{slug}/strategies/{s}")>{format!("Open “{title}”")}</a></p>
        })}
        {(!r.new_partners.is_empty()).then(|| view! {
            <h2>"New partners"</h2>
            <p>"Added to the forum's partners as statutory agencies: check each one's sector and short name on the "<a href=format!("/forums/{slug}/partners")>"partners page"</a>"."</p>
            <ul>{r.new_partners.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
        })}
        {(!r.warnings.is_empty()).then(|| view! {
            <h2>"To check"</h2>
            <ul>{r.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
        })}
    }
}

fn preview(
    slug: &str,
    page: &ImportPreview,
    flash: &Option<crate::domain::account::Flash>,
) -> impl IntoView {
    let new_partners = page.partners.iter().filter(|p| p.new).count();
    let summary = format!(
        "Sheet “{}”{}: {}, {}, {}, {}. Nothing has been saved yet.",
        page.sheet,
        page.header_row.map_or_else(
            || ", no header row found".to_owned(),
            |r| format!(", headings on row {r}")
        ),
        plural(page.themes.len(), "theme", "themes"),
        plural(page.action_count, "action", "actions"),
        plural(page.target_count, "target", "targets"),
        plural(new_partners, "new partner", "new partners"),
    );
    let state = FormState::new(flash, "commit");
    let into = state.value(
        "into",
        &page
            .strategies
            .first()
            .map_or_else(|| "new".to_owned(), |s| s.id.to_string()),
    );
    let strategies = page.strategies.clone();
    let mut options: Vec<(String, String)> = strategies
        .iter()
        .map(|s| (s.id.to_string(), s.title.clone()))
        .collect();
    options.push((
        "new".to_owned(),
        "A new strategy (name it below)".to_owned(),
    ));
    let columns = page.columns.clone();
    let several_sheets = page.sheets.len() > 1;
    view! {
        <p class="lead">{summary}</p>
        {(!page.title_lines.is_empty()).then(|| view! {
            <p class="muted">{format!("Above the table: {}", page.title_lines.join(" · "))}</p>
        })}
        <section aria-labelledby="columns-heading">
            <h2 id="columns-heading">"Columns"</h2>
            {form_note(flash, "mapping")}
            <form method="post" data-enhance="" action=SetImportMapping::url() class="mapping-form">
                {hidden("forum", slug)}
                {hidden("id", page.id)}
                {hidden("version", page.version)}
                {several_sheets.then(|| {
                    let current = page.sheet.clone();
                    view! {
                        <p class="field">
                            <label for="mapping-sheet">"Sheet"</label>
                            <select id="mapping-sheet" name="sheet">
                                {page.sheets.iter().map(|s| view! { <option value=s.clone() selected=*s == current>{s.clone()}</option> }).collect_view()}
                            </select>
                        </p>
                    }
                })}
                <table class="data-table mapping">
                    <caption>"What each column holds. Change a role and press “Update the preview”."</caption>
                    <thead><tr><th scope="col">"Column"</th><th scope="col">"Heading"</th><th scope="col">"First value"</th><th scope="col">"Holds"</th></tr></thead>
                    <tbody>
                        {columns.into_iter().map(|c| {
                            let id = format!("role-{}", c.index);
                            let name = format!("role[{}]", c.index);
                            let label = format!("Column {} ({})", c.letter, if c.header.is_empty() { "no heading".to_owned() } else { c.header.clone() });
                            view! {
                                <tr>
                                    <th scope="row">{c.letter.clone()}{c.hidden.then_some(" (hidden)")}</th>
                                    <td>{c.header.clone()}</td>
                                    <td class="sample">{c.sample.clone()}</td>
                                    <td>
                                        <label for=id.clone() class="visually-hidden">{label}</label>
                                        <select id=id name=name>
                                            {ColumnRole::ALL.iter().map(|r| view! {
                                                <option value=r.as_str() selected=*r == c.role>{r.label()}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="field checkbox">
                    <input type="checkbox" id="mapping-remember" name="remember" value="on" checked=page.mapping_saved/>
                    <label for="mapping-remember">"Use these roles for the next file with the same headings"</label>
                </p>
                <p><button type="submit">"Update the preview"</button></p>
            </form>
        </section>
        <section aria-labelledby="commit-heading">
            <h2 id="commit-heading">"Import"</h2>
            {form_note(flash, "commit")}
            <form method="post" data-enhance="" action=CommitUpload::url() class="stacked-form">
                {hidden("forum", slug)}
                {hidden("id", page.id)}
                {hidden("version", page.version)}
                <p class="field">
                    <label for="commit-into">"Import into"</label>
                    <select id="commit-into" name="into">
                        {options.into_iter().map(|(v, l)| {
                            let selected = v == into;
                            view! { <option value=v selected=selected>{l}</option> }
                        }).collect_view()}
                    </select>
                </p>
                <fieldset>
                    <legend>"A new strategy (only when you chose one above)"</legend>
                    {field(&state, "title", "Title", "", Input::Text, None)}
                    {field(&state, "period_start", "Starts", "", Input::Date, None)}
                    {field(&state, "period_end", "Ends", "", Input::Date, None)}
                </fieldset>
                <p><button type="submit">{format!("Import {}", plural(page.action_count, "action", "actions"))}</button></p>
                <p class="hint">"All of it or nothing: if anything cannot be saved, nothing is. Actions already in the strategy (same theme and title, or the same reference) are updated, not duplicated."</p>
            </form>
        </section>
        <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">"What will be imported"</h2>
            {page.themes.iter().map(theme).collect_view()}
        </section>
        <section aria-labelledby="partners-heading">
            <h2 id="partners-heading">"Partners"</h2>
            <table class="data-table">
                <thead><tr><th scope="col">"In the sheet"</th><th scope="col">"Partner"</th><th scope="col">"First on row"</th></tr></thead>
                <tbody>
                    {page.partners.iter().map(|p| view! {
                        <tr>
                            <td>{p.written.clone()}</td>
                            <td>{p.name.clone()}{p.new.then(|| view! { " "<strong class="tag">"new"</strong> })}</td>
                            <td>{p.row}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!page.resources.is_empty()).then(|| view! {
                <h3>"Resources"</h3>
                <ul>{page.resources.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
            })}
        </section>
        <section aria-labelledby="warnings-heading">
            <h2 id="warnings-heading">{format!("To check ({})", page.warnings.len())}</h2>
            {if page.warnings.is_empty() {
                view! { <p class="muted">"Nothing: every row was read."</p> }.into_any()
            } else {
                view! {
                    <ul class="warnings">
                        {page.warnings.iter().map(|w| view! {
                            <li>{w.row.map(|r| format!("Row {r}: ")).unwrap_or_default()}{w.message.clone()}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn theme(t: &ThemePreview) -> impl IntoView {
    view! {
        <h3>{t.title.clone()}{t.row.map(|r| view! { " "<span class="muted">{format!("(row {r})")}</span> })}</h3>
        <table class="data-table import-actions">
            <thead><tr>
                <th scope="col">"Row"</th><th scope="col">"Action"</th><th scope="col">"Lead"</th>
                <th scope="col">"Partners"</th><th scope="col">"Targets"</th><th scope="col">"Due"</th>
                <th scope="col">"Resources"</th><th scope="col">"Status in the sheet"</th>
            </tr></thead>
            <tbody>
                {t.actions.iter().map(|a| {
                    let names = |list: &[(String, bool)]| list.iter().map(|(n, new)| if *new { format!("{n} (new)") } else { n.clone() }).collect::<Vec<_>>().join(", ");
                    view! {
                        <tr>
                            <td>{a.row}</td>
                            <th scope="row">{a.reference.clone().map(|r| format!("{r} ")).unwrap_or_default()}{a.title.clone()}</th>
                            <td>{a.lead.clone().map(|(n, new)| if new { format!("{n} (new)") } else { n }).unwrap_or_default()}</td>
                            <td>{names(&a.supporting)}</td>
                            <td>
                                <ul class="plain-list">
                                    {a.targets.iter().map(|t| view! { <li>{t.title.clone()}" "<span class="muted">{format!("({})", t.reading)}</span></li> }).collect_view()}
                                </ul>
                            </td>
                            <td>{a.due.clone()}</td>
                            <td>{a.resources.join(", ")}</td>
                            <td>{a.sheet_status.clone()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
