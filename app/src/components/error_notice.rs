//! How a page shows an [`AppError`].

use crate::error::AppError;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;

/// A helpful message for an error; "not found" gets the 404 body.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: AppError,
) -> impl IntoView {
    match error {
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        other => view! {
            <section class="notice notice-error" role="alert">
                <h1>"This page could not be shown"</h1>
                <p>{other.to_string()}</p>
            </section>
        }
        .into_any(),
    }
}
