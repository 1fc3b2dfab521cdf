//! `/admin/audit`: the audit trail for platform operators, filtered by actor, record,
//! action and time with a plain GET form (so a filtered view is a link), newest first, a
//! page at a time. Checking the hash chain is `concordat audit verify`, not this page.

use crate::api::audit::{AuditEventPage, AuditEventView, AuditQuery, list_audit_events};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, FieldError, field_messages};
use crate::domain::text::form_encode;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The audit trail. Operators only.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = {
        let map = use_query_map();
        let map = map.read_untracked();
        let field = |name: &str| map.get(name).unwrap_or_default();
        AuditQuery {
            actor: field("actor"),
            record_type: field("record_type"),
            record_id: field("record_id"),
            action: field("action"),
            from: field("from"),
            to: field("to"),
            page: field("page"),
        }
    };
    view! {
        <Title text="Audit trail"/>
        <h1>"Audit trail"</h1>
        <p class="lead">
            "Every change, sign-in and vote, newest first. Events are hash-chained; "
            <code>"concordat audit verify"</code> " checks the chain."
        </p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {Suspend::new(async move {
                match list_audit_events(query.clone()).await {
                    Ok(page) => view! {
                        <FilterForm query=query.clone() error=None/>
                        <Events page query/>
                    }.into_any(),
                    Err(error @ AppError::Invalid(_)) => view! {
                        <ErrorSummary error=Some(error.clone())/>
                        <FilterForm query error=Some(error)/>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p>"This page is for platform operators. " <a href="/account/sign-in">"Sign in"</a> " first."</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One text input of the filter form, with its label, hint and errors.
#[component]
fn FilterField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    error: Option<AppError>,
) -> impl IntoView {
    let messages = field_messages(error.as_ref(), name);
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = (!messages.is_empty()).then(|| format!("{id}-error"));
    let described_by = [hint_id.clone(), error_id]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <FieldError id messages/>
            <input
                type=kind
                id=id
                name=name
                value=value
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
            />
        </div>
    }
}

#[component]
fn FilterForm(query: AuditQuery, error: Option<AppError>) -> impl IntoView {
    view! {
        <form method="get" action="/admin/audit" class="audit-filter" aria-label="Filter events">
            <FilterField id="audit-actor" name="actor" label="Actor" value=query.actor
                hint="E-mail address, person id, or a recorded label such as system"
                error=error.clone()/>
            <FilterField id="audit-action" name="action" label="Action" value=query.action
                hint="e.g. update, sign_in_failed" error=error.clone()/>
            <FilterField id="audit-record-type" name="record_type" label="Record type"
                value=query.record_type hint="e.g. council, person" error=error.clone()/>
            <FilterField id="audit-record-id" name="record_id" label="Record id"
                value=query.record_id error=error.clone()/>
            <FilterField id="audit-from" name="from" label="From (UTC)" kind="date"
                value=query.from error=error.clone()/>
            <FilterField id="audit-to" name="to" label="To (UTC, included)" kind="date"
                value=query.to error=error/>
            <div class="audit-filter-actions">
                <button type="submit">"Filter"</button>
                " "
                <a href="/admin/audit">"Clear"</a>
            </div>
        </form>
    }
}

#[component]
fn Events(page: AuditEventPage, query: AuditQuery) -> impl IntoView {
    if page.events.is_empty() {
        return view! { <p>"No events match."</p> }.into_any();
    }
    let AuditEventPage {
        events,
        total,
        page,
        page_count,
    } = page;
    let noun = if total == 1 { "event" } else { "events" };
    view! {
        <div class="table-wrap">
            <table class="audit-events">
                <caption>{format!("{total} {noun}, page {page} of {page_count}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Time (UTC)"</th>
                        <th scope="col">"Actor"</th>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Record"</th>
                        <th scope="col">"Partnership"</th>
                        <th scope="col">"Change"</th>
                    </tr>
                </thead>
                <tbody>{events.into_iter().map(|event| view! { <EventRow event/> }).collect_view()}</tbody>
            </table>
        </div>
        <Pager query page page_count/>
    }
    .into_any()
}

#[component]
fn EventRow(event: AuditEventView) -> impl IntoView {
    let at = event.occurred_at;
    let record = match event.record_id {
        Some(id) => format!("{} #{id}", event.record_type),
        None => event.record_type.clone(),
    };
    let change = (event.before.is_some() || event.after.is_some()).then(|| {
        view! {
            <details>
                <summary>"Before and after"</summary>
                <dl class="audit-change">
                    <dt>"Before"</dt>
                    <dd><pre>{event.before.unwrap_or_else(|| "—".to_owned())}</pre></dd>
                    <dt>"After"</dt>
                    <dd><pre>{event.after.unwrap_or_else(|| "—".to_owned())}</pre></dd>
                </dl>
            </details>
        }
    });
    view! {
        <tr>
            <td>{event.id}</td>
            <td>
                <time datetime=at.to_db_text()>
                    {at.as_datetime().format("%Y-%m-%d %H:%M:%S").to_string()}
                </time>
            </td>
            <td>
                {event.actor_label}
                {event.actor_person_id.map(|id| view! { <span class="meta">" (person #"{id}")"</span> })}
                {event.actor_email_now.map(|email| view! { <span class="meta">" now "{email}</span> })}
            </td>
            <td><code>{event.action}</code></td>
            <td>{record}</td>
            <td>{event.partnership.unwrap_or_default()}</td>
            <td>{change}</td>
        </tr>
    }
}

#[component]
fn Pager(query: AuditQuery, page: i64, page_count: i64) -> impl IntoView {
    (page_count > 1).then(|| {
        let newer = (page > 1).then(|| {
            let href = page_href(&query, page - 1);
            view! { <a href=href rel="prev">"Newer events"</a> }
        });
        let older = (page < page_count).then(|| {
            let href = page_href(&query, page + 1);
            view! { <a href=href rel="next">"Older events"</a> }
        });
        view! {
            <nav class="pager" aria-label="Pages">
                {newer} <span>{format!("Page {page} of {page_count}")}</span> {older}
            </nav>
        }
    })
}

/// `/admin/audit?…` with the same filters and another page.
fn page_href(query: &AuditQuery, page: i64) -> String {
    let page = page.to_string();
    let fields = [
        ("actor", query.actor.as_str()),
        ("action", query.action.as_str()),
        ("record_type", query.record_type.as_str()),
        ("record_id", query.record_id.as_str()),
        ("from", query.from.as_str()),
        ("to", query.to.as_str()),
        ("page", page.as_str()),
    ];
    let pairs: Vec<String> = fields
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| format!("{name}={}", form_encode(value.trim())))
        .collect();
    format!("/admin/audit?{}", pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filters_and_encode_them() {
        let query = AuditQuery {
            actor: "ops+1@example.org".to_owned(),
            action: "update".to_owned(),
            record_type: " ".to_owned(),
            page: "3".to_owned(),
            ..AuditQuery::default()
        };
        assert_eq!(
            page_href(&query, 4),
            "/admin/audit?actor=ops%2B1%40example.org&action=update&page=4"
        );
    }
}
