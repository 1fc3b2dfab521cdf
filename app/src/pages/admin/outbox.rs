//! `/admin/outbox`: the mail Concordat has queued (invitations, password resets), newest
//! first, so that an operator can see what was sent and follow up when sending fails.

use crate::api::admin::{OutboxMessage, list_outbox};
use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// The outbox. Operators only.
#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <Title text="Mail outbox"/>
        <h1>"Mail outbox"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {Suspend::new(async move {
                match list_outbox().await {
                    Ok(messages) => view! { <Messages messages/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p>"This page is for platform operators. " <a href="/account/sign-in">"Sign in"</a> " first."</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Messages(messages: Vec<OutboxMessage>) -> impl IntoView {
    if messages.is_empty() {
        return view! { <p>"No mail has been queued."</p> }.into_any();
    }
    view! {
        <ol class="outbox">
            {messages.into_iter().map(|m| view! {
                <li class="card">
                    <h2 class="outbox-subject">{m.subject}</h2>
                    <p class="meta">
                        "To " {m.to} " · queued " {m.queued.display_short()} " · "
                        {match m.sent {
                            Some(at) => format!("sent {}", at.display_short()),
                            None if m.attempts > 0 => format!("not sent yet ({} failed attempts)", m.attempts),
                            None => "not sent yet".to_owned(),
                        }}
                    </p>
                    <pre class="mail-body">{m.body}</pre>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}
