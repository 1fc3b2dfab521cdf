//! `/notifications`: the signed-in person's notifications, newest first, unread ones marked
//! in words as well as in weight; each links to what it is about and can be marked read.
//! "Mark all as read" and "Mark as read" are plain POST forms, so the page works without
//! JavaScript.

use crate::api::notifications::{NotificationPage, NotificationView, list_notifications};
use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The notifications; a pointer to sign in otherwise.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let query = use_query_map();
    let (page, done, failed) = query.with_untracked(|q| {
        (
            q.get("page").and_then(|p| p.parse::<i64>().ok()),
            q.get("done"),
            q.get("error").is_some(),
        )
    });
    let notice = match done.as_deref() {
        Some("read") => Some("The notification is marked as read."),
        Some("all_read") => Some("All your notifications are marked as read."),
        _ => None,
    };
    view! {
        <Title text="Notifications"/>
        <h1>"Notifications"</h1>
        <p>
            "What happened in your partnership that concerns you. "
            <a href="/account/notifications">"Choose which notifications you get"</a>
            ", here and by e-mail."
        </p>
        {notice.map(|message| view! {
            <div class="notice notice-success" role="status"><p>{message}</p></div>
        })}
        {failed.then(|| view! {
            <div class="notice notice-error" role="alert">
                <p>"That notification could not be marked as read: it is not one of yours, or your session has ended."</p>
            </div>
        })}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {Suspend::new(async move {
                match list_notifications(page).await {
                    Ok(list) => view! { <Notifications list/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p>
                            "You are not signed in. "
                            <a href="/account/sign-in">"Sign in"</a>
                            " to see your notifications."
                        </p>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Notifications(list: NotificationPage) -> impl IntoView {
    let page = list.page;
    let summary = match list.unread {
        0 => "You have no unread notifications.".to_owned(),
        1 => "You have 1 unread notification.".to_owned(),
        n => format!("You have {n} unread notifications."),
    };
    let pager = (page > 1 || list.has_older).then(|| {
        let newer = (page > 1).then(|| {
            let href = crate::api::notifications::list_path(Some(page - 1), None);
            view! { <a href=href rel="prev">"Newer notifications"</a> }
        });
        let older = list.has_older.then(|| {
            let href = crate::api::notifications::list_path(Some(page + 1), None);
            view! { <a href=href rel="next">"Older notifications"</a> }
        });
        view! {
            <nav class="pager" aria-label="Pages of notifications">
                {newer} <span>{format!("Page {page}")}</span> {older}
            </nav>
        }
    });
    view! {
        <div class="notifications-head">
            <p>{summary}</p>
            {(list.unread > 0).then(|| view! {
                <form method="post" action="/api/mark_all_notifications_read" class="inline-form">
                    <button type="submit">"Mark all as read"</button>
                </form>
            })}
        </div>
        {if list.items.is_empty() {
            view! {
                <p>
                    {if page > 1 { "There are no older notifications." } else { "You have no notifications yet." }}
                </p>
            }
            .into_any()
        } else {
            view! {
                <ol class="notifications">
                    {list.items.into_iter().map(|n| view! { <Notification item=n page/> }).collect_view()}
                </ol>
            }
            .into_any()
        }}
        {pager}
    }
}

#[component]
fn Notification(item: NotificationView, page: i64) -> impl IntoView {
    let class = if item.read {
        "notification"
    } else {
        "notification notification-unread"
    };
    let mark_label = format!("Mark as read: {}", item.title);
    let title = item.title.clone();
    view! {
        <li class=class>
            <p class="meta">
                {(!item.read).then(|| view! { <strong class="unread-flag">"Unread"</strong> " · " })}
                {item.kind.label()} " · " {item.created_at.display_short()}
            </p>
            <h2 class="notification-title">
                {match item.link {
                    Some(href) => view! { <a href=href>{title}</a> }.into_any(),
                    None => view! { <span>{title}</span> }.into_any(),
                }}
            </h2>
            {(!item.detail.is_empty()).then(|| view! { <p class="notification-detail">{item.detail.clone()}</p> })}
            {(!item.read).then(|| view! {
                <form method="post" action="/api/mark_notification_read" class="inline-form">
                    <input type="hidden" name="id" value=item.id.to_string()/>
                    <input type="hidden" name="page" value=page.to_string()/>
                    <button type="submit" class="secondary" aria-label=mark_label>"Mark as read"</button>
                </form>
            })}
        </li>
    }
}
