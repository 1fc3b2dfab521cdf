//! `/p/:slug/plan/v/:number/goals/:goal`: one goal of a version, with its objectives and
//! their measures, as the viewer may see them.

use crate::api::plan_content::{PlanGoalPage, get_plan_goal};
use crate::components::error_notice::ErrorNotice;
use crate::components::tlp_badge::TlpBadge;
use crate::domain::plan::PlanVersionStatus;
use crate::pages::not_found::NotFoundPage;
use crate::pages::public::plan::{ObjectiveBlock, PlanBreadcrumb, PublicNotice, StatusBanner};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One goal of a version.
#[component]
pub fn PlanGoalPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let positive = |name: &str| {
        params
            .read_untracked()
            .get(name)
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| *n >= 1)
    };
    let (number, goal) = (positive("number"), positive("goal"));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    // An address without numbers is simply not found.
                    let (Some(number), Some(goal)) = (number, goal) else {
                        return view! { <NotFoundPage/> }.into_any();
                    };
                    let result = get_plan_goal(slug, number, goal).await;
                    match result {
                        Ok(page) => view! { <Goal page/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Goal(page: PlanGoalPage) -> impl IntoView {
    let PlanGoalPage {
        context,
        version,
        goal,
        current_published,
    } = page;
    let slug = context.partnership_slug.clone();
    let number = version.number;
    let version_href = format!("/p/{slug}/plan/v/{number}");
    let here = (
        format!("Goal {}", goal.number),
        format!("{version_href}/goals/{}", goal.number),
    );
    let banner = (version.status != PlanVersionStatus::Published).then(|| {
        view! { <StatusBanner slug=slug.clone() version=version.clone() current_published/> }
    });
    let title = format!("Goal {}: {}", goal.number, goal.title);
    view! {
        <Title text=format!("{title} · {}", context.partnership_short_name)/>
        <PlanBreadcrumb context=context.clone() here=Some(here)/>
        <article class="plan-document plan-page" id="goal" aria-labelledby="goal-title">
            <header class="plan-header">
                <p class="plan-kicker">
                    <a href=format!("{version_href}#{}", goal.anchor)>
                        {format!("Version {number}: {}", version.title)}
                    </a>
                </p>
                <div class="plan-record-head">
                    <h1 id="goal-title">{title.clone()}</h1>
                    <TlpBadge label=goal.tlp/>
                </div>
            </header>
            {banner}
            <PublicNotice signed_in=context.signed_in/>
            <div class="prose" inner_html=goal.description_html></div>
            {if goal.objectives.is_empty() {
                view! { <p>"No objective of this goal is visible to you."</p> }.into_any()
            } else {
                goal.objectives
                    .into_iter()
                    .map(|objective| view! { <ObjectiveBlock objective top_level=true/> })
                    .collect_view()
                    .into_any()
            }}
        </article>
    }
}
