//! The account corner of the site header: "Sign in", or the signed-in person's name (a
//! link to their account) and a "Sign out" button — a tiny POST form, so that it works
//! without JavaScript and no link can sign anyone out.

use crate::api::account::current_account;
use leptos::prelude::*;

/// "Sign in", or the person's name and "Sign out".
#[component]
pub fn AccountMenu() -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match current_account().await {
                    Ok(Some(account)) => view! {
                        <div class="account-menu">
                            <a href="/account" class="account-name">
                                <span class="visually-hidden">"Your account: "</span>
                                {account.display_name}
                            </a>
                            <form method="post" action="/api/sign_out" class="inline-form">
                                <button type="submit" class="button-quiet">"Sign out"</button>
                            </form>
                        </div>
                    }
                    .into_any(),
                    _ => view! {
                        <div class="account-menu">
                            <a href="/account/sign-in">"Sign in"</a>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
