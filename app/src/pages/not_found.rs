//! The 404 page, with the status code to match.

use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path no route matches, and for records that do not exist.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! { <NotFound/> }
}

/// The body of a "not found" answer, for pages that find their record missing.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found"/>
        <section class="notice">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address, or it is not visible to you."</p>
            <p><a href="/">"See all partnerships"</a></p>
        </section>
    }
}
