//! `/account/forgot`: ask for a password reset link.

use super::{Done, ErrorSummary, Field, from_query};
use leptos::prelude::*;
use leptos_meta::Title;

const FIELDS: &[(&str, &str)] = &[("email", "forgot-email")];

/// The "forgotten password" form. Its answer is the same whether or not the address has
/// an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let (errors, done) = from_query();
    let sent = done.as_deref() == Some("sent");
    view! {
        <Title text="Forgotten password"/>
        <h1>"Forgotten your password?"</h1>
        {sent.then(|| view! {
            <Done message="If an account uses that address, we have sent it a link to choose a new password. The link works for one hour, once."/>
        })}
        <p>
            "Enter the e-mail address you sign in with. We will send a link to choose a new "
            "password."
        </p>
        <ErrorSummary errors=errors.clone() fields=FIELDS/>
        <form method="post" action="/api/request_password_reset" class="stacked">
            <Field id="forgot-email" name="email" label="E-mail address" kind="email"
                autocomplete="username" errors=errors.clone()/>
            <div><button type="submit">"Send the link"</button></div>
        </form>
        <p><a href="/account/sign-in">"Back to sign in"</a></p>
    }
}
