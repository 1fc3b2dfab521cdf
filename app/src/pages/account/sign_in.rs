//! `/account/sign-in`: the sign-in form.

use super::{Done, ErrorSummary, Field, from_query};
use crate::api::account::current_account;
use leptos::prelude::*;
use leptos_meta::Title;

const FIELDS: &[(&str, &str)] = &[("email", "sign-in-email"), ("password", "sign-in-password")];

/// The sign-in form; says who is signed in when someone is.
#[component]
pub fn SignInPage() -> impl IntoView {
    let (errors, done) = from_query();
    let done = match done.as_deref() {
        Some("signed_out") => Some("You are signed out."),
        Some("signed_out_everywhere") => Some("You are signed out on every device and browser."),
        Some("password_reset") => {
            Some("Your password has been changed. Sign in with your new password.")
        }
        _ => None,
    };
    view! {
        <Title text="Sign in"/>
        <h1>"Sign in"</h1>
        {done.map(|message| view! { <Done message/> })}
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                current_account().await.ok().flatten().map(|account| view! {
                    <p class="notice">
                        "You are signed in as " {account.display_name} ". "
                        <a href="/account">"Go to your account"</a>
                        " or sign in as someone else below."
                    </p>
                })
            })}
        </Suspense>
        <ErrorSummary errors=errors.clone() fields=FIELDS/>
        <form method="post" action="/api/sign_in" class="stacked">
            <Field id="sign-in-email" name="email" label="E-mail address" kind="email"
                autocomplete="username" errors=errors.clone()/>
            <Field id="sign-in-password" name="password" label="Password" kind="password"
                autocomplete="current-password" errors=errors.clone()/>
            <div><button type="submit">"Sign in"</button></div>
        </form>
        <p><a href="/account/forgot">"Forgotten your password?"</a></p>
    }
}
