//! `/account/reset?token=`: choose a new password with the link from the mail.

use super::{ErrorSummary, Field, from_query};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const FIELDS: &[(&str, &str)] = &[
    ("token", "reset-new-password"),
    ("new_password", "reset-new-password"),
    ("confirm_password", "reset-confirm-password"),
];

/// The new-password form of a reset link.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let (errors, _) = from_query();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <Title text="Choose a new password"/>
        <h1>"Choose a new password"</h1>
        {if token.trim().is_empty() {
            view! {
                <p>
                    "This page needs the link from the password reset e-mail. "
                    <a href="/account/forgot">"Ask for a link"</a>
                    "."
                </p>
            }
            .into_any()
        } else {
            view! {
                <ErrorSummary errors=errors.clone() fields=FIELDS/>
                {errors.form.is_some_and(|e| e == crate::api::account::FormError::BadLink).then(|| view! {
                    <p><a href="/account/forgot">"Ask for a new link"</a></p>
                })}
                <form method="post" action="/api/reset_password" class="stacked">
                    <input type="hidden" name="token" value=token/>
                    <Field id="reset-new-password" name="new_password" label="New password"
                        kind="password" autocomplete="new-password"
                        hint="8 to 128 characters. A few unrelated words make a good one."
                        errors=errors.clone()/>
                    <Field id="reset-confirm-password" name="confirm_password"
                        label="New password again" kind="password" autocomplete="new-password"
                        errors=errors.clone()/>
                    <div><button type="submit">"Set the new password"</button></div>
                </form>
            }
            .into_any()
        }}
    }
}
