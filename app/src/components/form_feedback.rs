//! What a plain HTML form shows after a post: server_fn redirects a failed form post back
//! to the page with the error in the query (`__path`, `__err`); these helpers read it so
//! that the page can show an error summary and each field's message. Works the same with
//! and without JavaScript, since forms post as documents.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;

/// The error a form posting to `endpoint` (e.g. `invite_person`) came back with, if any.
pub fn form_error(endpoint: &str) -> Option<AppError> {
    let query = use_query_map();
    let query = query.read_untracked();
    let path = query.get("__path")?;
    if !path.ends_with(&format!("/{endpoint}")) {
        return None;
    }
    let encoded = query.get("__err")?;
    Some(ServerFnUrlError::<AppError>::decode_err(&encoded))
}

/// The messages for one field of an `Invalid` error.
pub fn field_messages(error: Option<&AppError>, field: &str) -> Vec<String> {
    match error {
        Some(AppError::Invalid(fields)) => fields.get(field).cloned().unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The summary at the top of a form: a focusable alert listing what went wrong.
#[component]
pub fn ErrorSummary(
    /// The error the form came back with.
    error: Option<AppError>,
) -> impl IntoView {
    error.map(|error| {
        let items: Vec<String> = match &error {
            AppError::Invalid(fields) => fields.values().flatten().cloned().collect(),
            other => vec![other.to_string()],
        };
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>"There is a problem"</h2>
                <ul>{items.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// A field's error messages, with the id its input names in `aria-describedby`.
#[component]
pub fn FieldError(
    /// The input's id; the message gets `{id}-error`.
    id: &'static str,
    /// The messages (none renders nothing).
    messages: Vec<String>,
) -> impl IntoView {
    (!messages.is_empty()).then(|| {
        let error_id = format!("{id}-error");
        view! { <p class="field-error" id=error_id>{messages.join(" ")}</p> }
    })
}
