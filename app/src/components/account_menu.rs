//! The account corner of the site header: "Sign in", or the signed-in person's
//! notifications (a link with the unread count), name (a link to their account) and a
//! "Sign out" button — a tiny POST form, so that it works without JavaScript and no link can
//! sign anyone out.

use crate::api::account::current_account;
use crate::api::notifications::count_unread_notifications;
use leptos::prelude::*;

/// "Sign in", or the person's notifications, name and "Sign out".
#[component]
pub fn AccountMenu() -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match current_account().await {
                    Ok(Some(account)) => {
                        // A failure to count is not worth failing the page for.
                        let unread = count_unread_notifications().await.unwrap_or(0);
                        view! {
                            <div class="account-menu">
                                <NotificationsLink unread/>
                                <a href="/account" class="account-name">
                                    <span class="visually-hidden">"Your account: "</span>
                                    {account.display_name}
                                </a>
                                <form method="post" action="/api/sign_out" class="inline-form">
                                    <button type="submit" class="button-quiet">"Sign out"</button>
                                </form>
                            </div>
                        }
                        .into_any()
                    }
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

/// "Notifications" with the unread count, read out as "Notifications, 3 unread".
#[component]
fn NotificationsLink(
    /// Unread notifications.
    unread: i64,
) -> impl IntoView {
    // The link is a flex box, whose items browsers join with spaces when they compute its
    // name: the name is given whole.
    let label = (unread > 0).then(|| format!("Notifications, {unread} unread"));
    view! {
        <a href="/notifications" class="notifications-link" aria-label=label>
            "Notifications"
            {(unread > 0).then(|| view! {
                <span class="unread-count">{unread.to_string()}</span>
            })}
        </a>
    }
}
