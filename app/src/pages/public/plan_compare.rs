//! `/p/:slug/plan/compare?from=N&to=M&view=unified|side`: what changed between two versions
//! of the plan (sections, goals, objectives and measures added, removed or changed, word by
//! word), side by side or unified, on what the viewer may see of each version. A link
//! toggles the layout; a plain GET form chooses two other versions. Works without
//! JavaScript.

use crate::api::plan_content::{
    PlanComparison, PlanContext, VersionHeader, compare_plan_versions, list_plan_versions,
};
use crate::components::diff_view::PlanComparisonView;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, field_messages};
use crate::error::AppError;
use crate::pages::public::plan::{PlanBreadcrumb, PublicNotice};
use crate::pages::public::plan_versions::CompareForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The comparison of two versions.
#[component]
pub fn PlanComparePage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let query = use_query_map();
    let number = |name: &str| {
        query
            .read_untracked()
            .get(name)
            .and_then(|n| n.trim().parse::<i64>().ok())
    };
    let (from, to) = (number("from"), number("to"));
    let unified = query.read_untracked().get("view").as_deref() == Some("unified");
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    let error = match (from, to) {
                        (Some(from), Some(to)) => {
                            match compare_plan_versions(slug.clone(), from, to).await {
                                Ok(comparison) => {
                                    return view! { <Comparison comparison unified/> }.into_any();
                                }
                                Err(error @ AppError::Invalid(_)) => Some(error),
                                Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                            }
                        }
                        _ => None,
                    };
                    // No pair chosen yet, or an invalid one: offer the choice.
                    match list_plan_versions(slug).await {
                        Ok(list) => view! {
                            <Choose context=list.context versions=list.versions from to unified error/>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

fn compare_href(slug: &str, from: i64, to: i64, unified: bool) -> String {
    let view = if unified { "unified" } else { "side" };
    format!("/p/{slug}/plan/compare?from={from}&to={to}&view={view}")
}

#[component]
fn Comparison(comparison: PlanComparison, unified: bool) -> impl IntoView {
    let PlanComparison {
        context,
        from,
        to,
        items,
        versions,
    } = comparison;
    let slug = context.partnership_slug.clone();
    let here_href = compare_href(&slug, from.number, to.number, unified);
    let title = format!("Version {} and version {} compared", from.number, to.number);
    let toggle = if unified {
        "Show side by side"
    } else {
        "Show as one column (unified)"
    };
    view! {
        <Title text=format!("{title} · {}", context.partnership_short_name)/>
        <PlanBreadcrumb context=context.clone() here=Some(("Compare versions".to_owned(), here_href))/>
        <div class="plan-page plan-comparison-page">
            <h1>{title}</h1>
            <p class="meta">
                <a href=format!("/p/{slug}/plan/v/{}", from.number)>{from.label()}</a>
                {format!(": {} → ", from.title)}
                <a href=format!("/p/{slug}/plan/v/{}", to.number)>{to.label()}</a>
                {format!(": {}", to.title)}
            </p>
            <PublicNotice signed_in=context.signed_in/>
            <nav aria-label="Comparison layout" class="page-links">
                <ul>
                    <li>
                        <a id="toggle-view" href=compare_href(&slug, from.number, to.number, !unified)>{toggle}</a>
                    </li>
                    <li><a href=format!("/p/{slug}/plan/versions")>"All versions"</a></li>
                </ul>
            </nav>
            <PlanComparisonView items unified old_label=from.label() new_label=to.label()/>
            <section aria-labelledby="compare-heading">
                <h2 id="compare-heading">"Compare other versions"</h2>
                <CompareForm slug=slug.clone() versions from=from.number to=to.number unified/>
            </section>
        </div>
    }
}

/// The form alone: no pair chosen yet, or an invalid pair (with its messages).
#[component]
fn Choose(
    context: PlanContext,
    versions: Vec<VersionHeader>,
    from: Option<i64>,
    to: Option<i64>,
    unified: bool,
    error: Option<AppError>,
) -> impl IntoView {
    let slug = context.partnership_slug.clone();
    let here = (
        "Compare versions".to_owned(),
        format!("/p/{slug}/plan/compare"),
    );
    let from_errors = field_messages(error.as_ref(), "from");
    let to_errors = field_messages(error.as_ref(), "to");
    let to = to
        .or_else(|| versions.first().map(|v| v.number))
        .unwrap_or(1);
    let from = from
        .or_else(|| versions.get(1).map(|v| v.number))
        .unwrap_or(1);
    let form = if versions.len() >= 2 {
        view! { <CompareForm slug=slug.clone() versions from to unified from_errors to_errors/> }
            .into_any()
    } else {
        view! { <p>"There is only one version of this plan you may read: nothing to compare yet."</p> }
            .into_any()
    };
    view! {
        <Title text=format!("Compare versions of the plan · {}", context.partnership_short_name)/>
        <PlanBreadcrumb context=context.clone() here=Some(here)/>
        <div class="plan-page">
            <h1>"Compare two versions of the plan"</h1>
            <ErrorSummary error/>
            <PublicNotice signed_in=context.signed_in/>
            {form}
        </div>
    }
}
