//! `/account`: who you are, change your password, sign out (here or everywhere).

use super::{Done, ErrorSummary, Field, from_query};
use crate::api::account::{AccountSummary, FormErrors, current_account};
use crate::components::error_notice::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;

const FIELDS: &[(&str, &str)] = &[
    ("current_password", "current-password"),
    ("new_password", "new-password"),
    ("confirm_password", "confirm-password"),
];

/// The signed-in person's account; a pointer to sign in otherwise.
#[component]
pub fn AccountPage() -> impl IntoView {
    let (errors, done) = from_query();
    let changed = done.as_deref() == Some("password_changed");
    view! {
        <Title text="Your account"/>
        <h1>"Your account"</h1>
        {changed.then(|| view! {
            <Done message="Your password has been changed. You are signed out everywhere else."/>
        })}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let errors = errors.clone();
                Suspend::new(async move {
                    match current_account().await {
                        Ok(Some(account)) => view! { <Account account errors/> }.into_any(),
                        Ok(None) => view! {
                            <p>
                                "You are not signed in. "
                                <a href="/account/sign-in">"Sign in"</a>
                                " to see your account."
                            </p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Account(account: AccountSummary, errors: FormErrors) -> impl IntoView {
    let organisation = account
        .organisation_name
        .clone()
        .unwrap_or_else(|| "Platform operator".to_owned());
    view! {
        <dl class="facts">
            <dt>"Name"</dt>
            <dd>{account.display_name.clone()}</dd>
            <dt>"E-mail address"</dt>
            <dd>{account.email.clone()}</dd>
            <dt>"Organisation"</dt>
            <dd>{organisation}</dd>
            {(!account.job_title.is_empty()).then(|| view! {
                <dt>"Job title"</dt>
                <dd>{account.job_title.clone()}</dd>
            })}
        </dl>

        <section aria-labelledby="password-heading">
            <h2 id="password-heading">"Change your password"</h2>
            <ErrorSummary errors=errors.clone() fields=FIELDS/>
            <form method="post" action="/api/change_password" class="stacked">
                // For password managers: whose password this is. No name, so not sent.
                <input type="email" autocomplete="username" value=account.email.clone()
                    hidden readonly aria-hidden="true" tabindex="-1"/>
                <Field id="current-password" name="current_password" label="Current password"
                    kind="password" autocomplete="current-password" errors=errors.clone()/>
                <Field id="new-password" name="new_password" label="New password"
                    kind="password" autocomplete="new-password"
                    hint="8 to 128 characters. A few unrelated words make a good one."
                    errors=errors.clone()/>
                <Field id="confirm-password" name="confirm_password" label="New password again"
                    kind="password" autocomplete="new-password" errors=errors.clone()/>
                <div><button type="submit">"Change the password"</button></div>
            </form>
        </section>

        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">"API tokens"</h2>
            <p>
                "Scripts can read the open data API as you, with a personal token. "
                <a href="/account/tokens">"Manage your API tokens"</a>
            </p>
        </section>

        <section aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">"Notifications"</h2>
            <p>
                "Concordat tells you when a motion opens in your working group, when a vote closes "
                "soon and your organisation has not voted, when a commitment of your organisation "
                "is overdue, and when someone comments on your text. "
                <a href="/account/notifications">"Choose which notifications you get"</a>
            </p>
        </section>

        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Signing out"</h2>
            <p>
                "Sign out here, or on every device and browser where you are signed in (for "
                "example when you have left yourself signed in on a shared computer)."
            </p>
            <div class="actions">
                <form method="post" action="/api/sign_out" class="inline-form">
                    <button type="submit">"Sign out"</button>
                </form>
                <form method="post" action="/api/sign_out_everywhere" class="inline-form">
                    <button type="submit">"Sign out everywhere"</button>
                </form>
            </div>
        </section>
    }
}
