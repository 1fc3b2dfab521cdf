//! `/p/:slug/plan/v/:number/sections/:key/history?from=&to=&view=`: who saved which
//! revision of a section, and the differences between any two of them, word by word, side
//! by side or unified. A plain GET form chooses the revisions: it works without JavaScript.

use crate::api::plans::{RevisionView, SectionHistory, get_section_history};
use crate::components::diff_view::DiffView;
use crate::components::error_notice::ErrorNotice;
use crate::domain::diff::diff_text;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The history page.
#[component]
pub fn SectionHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let key = params.read_untracked().get("key").unwrap_or_default();
    let number = params
        .read_untracked()
        .get("number")
        .and_then(|n| n.parse::<i64>().ok());
    let (from, to, unified) = use_query_map().with_untracked(|q| {
        (
            q.get("from").and_then(|v| v.parse::<i64>().ok()),
            q.get("to").and_then(|v| v.parse::<i64>().ok()),
            q.get("view").as_deref() == Some("unified"),
        )
    });
    view! {
        <Title text="Section history"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, key) = (slug.clone(), key.clone());
                Suspend::new(async move {
                    let result = match number {
                        Some(number) => get_section_history(slug, number, key).await,
                        None => Err(AppError::NotFound),
                    };
                    match result {
                        Ok(history) => view! { <History history from to unified/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>"Sign in to read the history of a draft. " <a href="/account/sign-in">"Sign in"</a></p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

fn revision_label(r: &RevisionView) -> String {
    let by = r
        .author
        .clone()
        .unwrap_or_else(|| "carried over from the version before".to_owned());
    format!(
        "Revision {} · {by} · {}",
        r.revision,
        r.saved_at.display_short()
    )
}

#[component]
fn History(
    history: SectionHistory,
    from: Option<i64>,
    to: Option<i64>,
    unified: bool,
) -> impl IntoView {
    let SectionHistory {
        partnership_slug,
        version_number,
        version_title,
        key,
        title,
        revisions,
    } = history;
    let base = format!("/p/{partnership_slug}/plan/v/{version_number}");
    let url = format!("{base}/sections/{key}/history");
    // By default: the previous revision against the latest.
    let newest = revisions.first().map(|r| r.revision).unwrap_or(1);
    let to = to.unwrap_or(newest);
    let from = from.unwrap_or((to - 1).max(1));
    let find = |n: i64| revisions.iter().find(|r| r.revision == n).cloned();
    let compared = match (find(from), find(to)) {
        (Some(old), Some(new)) => {
            let diff = diff_text(
                &format!("# {}\n\n{}", old.title, old.body),
                &format!("# {}\n\n{}", new.title, new.body),
            );
            let toggle = if unified {
                (
                    format!("{url}?from={from}&to={to}&view=side"),
                    "Show side by side",
                )
            } else {
                (
                    format!("{url}?from={from}&to={to}&view=unified"),
                    "Show as one column",
                )
            };
            view! {
                <section aria-labelledby="diff-heading" id="revision-diff">
                    <h2 id="diff-heading">{format!("Revision {from} compared with revision {to}")}</h2>
                    <p><a href=toggle.0>{toggle.1}</a></p>
                    <DiffView diff unified old_label=revision_label(&old) new_label=revision_label(&new)/>
                </section>
            }
            .into_any()
        }
        _ => view! { <p>"Choose two revisions of this section to compare."</p> }.into_any(),
    };
    let options = |selected: i64| {
        revisions
            .iter()
            .map(|r| {
                let label = revision_label(r);
                view! { <option value=r.revision.to_string() selected=r.revision == selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <Title text=format!("History of {title}")/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href=format!("/p/{partnership_slug}")>"Partnership"</a></li>
                <li><a href=format!("{base}/workspace")>{format!("Version {version_number}: {version_title}")}</a></li>
                <li><a href=url.clone() aria-current="page">{format!("History of {title}")}</a></li>
            </ol>
        </nav>
        <h1>{format!("History: {title}")}</h1>
        <div class="table-wrap">
            <table id="revisions">
                <caption class="visually-hidden">"Revisions of the section, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Revision"</th>
                        <th scope="col">"Saved by"</th>
                        <th scope="col">"Side"</th>
                        <th scope="col">"When"</th>
                    </tr>
                </thead>
                <tbody>
                    {revisions.iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.revision}</th>
                            <td>{r.author.clone().unwrap_or_else(|| "Carried over".to_owned())}</td>
                            <td>{r.side.map(|s| s.label()).unwrap_or("—")}</td>
                            <td>{r.saved_at.display_short()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <form method="get" action=url.clone() class="compare-form" id="compare-revisions">
            <div class="field">
                <label for="compare-from">"Compare revision"</label>
                <select id="compare-from" name="from">{options(from)}</select>
            </div>
            <div class="field">
                <label for="compare-to">"with revision"</label>
                <select id="compare-to" name="to">{options(to)}</select>
            </div>
            <input type="hidden" name="view" value=if unified { "unified" } else { "side" }/>
            <button type="submit">"Compare"</button>
        </form>
        {compared}
        <p><a href=format!("{base}/workspace#section-{key}")>"Back to the version"</a></p>
    }
}
