//! The shape every data page shares: wait for its server function, then show the page or the
//! error page.
use crate::api::ApiError;
use crate::components::error_page::ErrorPage;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Renders `render(data)` once the resource has loaded, or the error page when it failed.
pub fn loaded<T, V>(
    data: Resource<Result<T, ApiError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorPage error=error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
