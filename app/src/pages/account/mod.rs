//! The account pages: sign in, your account (change password, sign out everywhere),
//! forgotten password and reset, API tokens, notification settings. Each form is a plain
//! HTML form posting to its server function; a failed post comes back to the page with
//! codes in the query string (`?error=…&invalid=field.code`, see `api::account`), which
//! these pages turn into an error summary and a message beside each field.

pub mod forgot;
pub mod notifications;
pub mod overview;
pub mod reset;
pub mod sign_in;
pub mod tokens;

use crate::api::account::FormErrors;
use crate::components::form_feedback::FieldError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The errors and the `done` code in the current page's query string.
pub(crate) fn from_query() -> (FormErrors, Option<String>) {
    let query = use_query_map();
    let query = query.read_untracked();
    let errors = FormErrors::from_query(
        query.get("error"),
        query.get_all("invalid").unwrap_or_default(),
    );
    (errors, query.get("done"))
}

/// The summary above a form that came back with errors: focusable (and focused on load),
/// announced as an alert, each field's message a link to the field.
#[component]
pub(crate) fn ErrorSummary(
    /// What went wrong.
    errors: FormErrors,
    /// (field name, input id) of the form's fields, in the form's order.
    fields: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        let form_message = errors.form.map(|e| e.message());
        let links = fields
            .iter()
            .filter_map(|(name, id)| errors.field(name).map(|m| (format!("#{id}"), m)))
            .collect::<Vec<_>>();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>
                <h2>"There is a problem"</h2>
                {form_message.map(|m| view! { <p>{m}</p> })}
                {(!links.is_empty()).then(|| view! {
                    <ul>
                        {links.into_iter().map(|(href, m)| view! { <li><a href=href>{m}</a></li> }).collect_view()}
                    </ul>
                })}
            </div>
        }
    })
}

/// A labelled input with its error message, tied together with `aria-describedby`.
#[component]
pub(crate) fn Field(
    /// The input's id.
    id: &'static str,
    /// The input's name (the server function's argument).
    name: &'static str,
    /// The label.
    label: &'static str,
    /// `email`, `password`, `text`.
    kind: &'static str,
    /// The `autocomplete` token.
    autocomplete: &'static str,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The errors of the form.
    errors: FormErrors,
) -> impl IntoView {
    let message = errors.field(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = [
        hint.map(|_| hint_id.clone()),
        message.map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldError id=id messages=message.map(|m| vec![m.to_owned()]).unwrap_or_default()/>
            <input
                id=id
                name=name
                type=kind
                required
                autocomplete=autocomplete
                aria-invalid=message.map(|_| "true")
                aria-describedby=(!described.is_empty()).then_some(described)
            />
        </div>
    }
}

/// A notice that something went as asked.
#[component]
pub(crate) fn Done(
    /// What to say.
    message: &'static str,
) -> impl IntoView {
    view! {
        <div class="notice notice-success" role="status">
            <p>{message}</p>
        </div>
    }
}
