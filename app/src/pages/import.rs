//! Importing a plan from a spreadsheet (coordinators): the upload form and the forum's recent
//! uploads and saved column mappings. The form posts the file to the upload route; with
//! JavaScript the page checks the size first and shows the upload's progress.
use crate::api::account::take_flash;
use crate::api::import::get_import_page;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::loaded::loaded;
use crate::components::plan_form::form_note;
use crate::pages::param;
use leptos::prelude::*;
use leptos_meta::Title;

/// The import page.
#[component]
pub fn ImportPageView() -> impl IntoView {
    let forum = param("forum");
    let data = Resource::new(
        move || forum.get(),
        |f| async move { Ok((get_import_page(f).await?, take_flash().await?)) },
    );
    loaded(data, |(page, flash)| {
        let slug = page.forum.slug.clone();
        let progress = RwSignal::new(None::<u8>);
        let problem = RwSignal::new(None::<String>);
        let limit = page.limit_bytes;
        let limit_text = page.limit.clone();
        let submit = move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            client::send(ev, limit, &limit_text, progress, problem);
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, limit, &limit_text);
        };
        let uploads = page.uploads.clone();
        view! {
            <Title text="Import a plan from a spreadsheet"/>
            <Breadcrumb crumbs=vec![
                Crumb::link(page.forum.name.clone(), format!("/forums/{slug}")),
                Crumb::here("Import from a spreadsheet"),
            ]/>
            <h1>"Import a plan from a spreadsheet"</h1>
            <p>"Upload the action plan as your forum keeps it (Excel .xlsx or .xls, OpenDocument .ods, or .csv). ForumPlan shows what it understood (themes, actions, targets, partners, resources, and anything it could not read) and lets you correct the columns before anything is saved. Importing the same file again later updates what changed and adds no duplicates."</p>
            {form_note(&flash, "upload")}
            <form method="post" enctype="multipart/form-data" action=format!("/forums/{slug}/import/upload") class="upload-form" on:submit=submit>
                <label for="import-file" class="drop-zone"
                    on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=|ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        #[cfg(feature = "hydrate")]
                        client::take_dropped(&ev);
                    }>
                    <strong>"Choose the spreadsheet"</strong>
                    <span class="hint">{format!("or drop it here. Up to {}.", page.limit)}</span>
                </label>
                <input id="import-file" type="file" name="file" required
                    accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet,text/csv"/>
                <p role="status" aria-live="polite" class="upload-status">
                    {move || progress.get().map(|p| view! {
                        <label for="upload-progress">{format!("Uploading: {p}%")}</label>
                        " "<progress id="upload-progress" max="100" value=p.to_string()>{format!("{p}%")}</progress>
                    })}
                </p>
                {move || problem.get().map(|m| view! { <p class="flash flash-error" role="alert">{m}</p> })}
                <p><button type="submit">"Upload and preview"</button></p>
            </form>
            <section aria-labelledby="uploads-heading">
                <h2 id="uploads-heading">"Recent uploads"</h2>
                {if uploads.is_empty() {
                    view! { <p class="muted">"Nothing has been uploaded yet."</p> }.into_any()
                } else {
                    view! {
                        <table class="data-table">
                            <thead><tr><th scope="col">"File"</th><th scope="col">"Uploaded"</th><th scope="col">"State"</th></tr></thead>
                            <tbody>
                                {uploads.into_iter().map(|u| view! {
                                    <tr>
                                        <td><a href=format!("/forums/{slug}/import/{}", u.id)>{u.file_name}</a></td>
                                        <td>{u.uploaded}</td>
                                        <td>{u.state}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="mappings-heading">
                <h2 id="mappings-heading">"Saved column roles"</h2>
                {if page.mappings.is_empty() {
                    view! { <p class="muted">"None yet. In a preview, tick “Use these roles for the next file with the same headings” to save them."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {page.mappings.into_iter().map(|m| view! {
                                <li>
                                    {m.headers.iter().zip(&m.roles).map(|(h, r)| format!("{} → {r}", if h.is_empty() { "(no heading)" } else { h })).collect::<Vec<_>>().join("; ")}
                                    " "<span class="muted">{format!("(saved {})", m.saved)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    })
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// A file dropped on the drop zone becomes the form's file.
    pub fn take_dropped(ev: &leptos::ev::DragEvent) {
        let files = ev.data_transfer().and_then(|d| d.files());
        let input = document()
            .get_element_by_id("import-file")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let (Some(files), Some(input)) = (files, input)
            && files.length() > 0
        {
            input.set_files(Some(&files));
        }
    }

    /// Checks the file's size, then posts the form with its upload progress shown; the page
    /// then goes where the server sent the upload (its preview, or back here with the reason).
    pub fn send(
        ev: leptos::ev::SubmitEvent,
        limit: u64,
        limit_text: &str,
        progress: RwSignal<Option<u8>>,
        problem: RwSignal<Option<String>>,
    ) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let file = document()
            .get_element_by_id("import-file")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let Some(file) = file else {
            return; // the browser's own "required" message
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let size = file.size() as u64;
        if size > limit {
            ev.prevent_default();
            problem.set(Some(format!(
                "“{}” is {:.1} MB: the largest file ForumPlan accepts is {limit_text}. Save a copy with only the plan's sheet in it (or split it) and upload that.",
                file.name(),
                size as f64 / 1_048_576.0
            )));
            return;
        }
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
            return;
        };
        ev.prevent_default();
        problem.set(None);
        progress.set(Some(0));
        if let Ok(upload) = xhr.upload() {
            let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
                move |e: web_sys::ProgressEvent| {
                    if e.length_computable() && e.total() > 0.0 {
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        progress.set(Some((e.loaded() / e.total() * 100.0).round() as u8));
                    }
                },
            );
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
            on_progress.forget();
        }
        let done = {
            let xhr = xhr.clone();
            Closure::<dyn FnMut()>::new(move || {
                let to = xhr.response_text().ok().flatten().unwrap_or_default();
                if xhr.status().unwrap_or(0) == 200 && to.starts_with('/') {
                    let _ = window().location().assign(&to);
                } else {
                    progress.set(None);
                    problem.set(Some(
                        "The upload did not arrive (the connection was interrupted or the server refused it): try again.".to_owned(),
                    ));
                }
            })
        };
        xhr.set_onloadend(Some(done.as_ref().unchecked_ref()));
        done.forget();
        if xhr.open("POST", &form.action()).is_ok() {
            let _ = xhr.set_request_header("x-forumplan-upload", "1");
            let _ = xhr.send_with_opt_form_data(Some(&data));
        }
    }
}
