//! `/p/:slug/plan/v/:number/goals/:goal`: one goal of a version, with its objectives and
//! their measures, as the viewer may see them.

use crate::api::commitments::ObjectiveProgress;
use crate::api::plan_content::{PlanGoalPage, get_plan_goal};
use crate::components::bar_chart::{BarChart, BarGroup};
use crate::components::error_notice::ErrorNotice;
use crate::components::tlp_badge::TlpBadge;
use crate::domain::commitment::Progress;
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
        progress,
        objectives: progress_by_objective,
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
    let numbers: Vec<(String, String)> = goal
        .objectives
        .iter()
        .map(|o| (o.key.clone(), format!("{} {}", o.number, o.title)))
        .collect();
    let progress_view = view! {
        <GoalProgress slug=slug.clone() goal=goal.number progress objectives=progress_by_objective numbers/>
    };
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
            {progress_view}
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

/// The goal's progress: one bar for the goal, an SVG chart by objective, and the
/// commitments behind them.
#[component]
fn GoalProgress(
    slug: String,
    goal: i64,
    progress: Progress,
    objectives: Vec<ObjectiveProgress>,
    /// (objective key, "1.2 Title") in the goal's order.
    numbers: Vec<(String, String)>,
) -> impl IntoView {
    let label = |key: &str| {
        numbers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    let headline = match progress.whole_percent() {
        Some(p) => view! {
            <p class="goal-progress-figure">
                <label for="goal-progress-bar">{format!("Goal {goal} progress")}</label>" "
                <progress id="goal-progress-bar" max="100" value=p.to_string()>{format!("{p} %")}</progress>" "
                <strong>{format!("{p} %")}</strong>
                {format!(
                    " — {} of {} objective{} with commitments",
                    progress.covered,
                    progress.parts,
                    if progress.parts == 1 { "" } else { "s" }
                )}
            </p>
        }
        .into_any(),
        None => view! { <p>"No commitment towards this goal is visible to you yet."</p> }.into_any(),
    };
    let groups: Vec<BarGroup> = objectives
        .iter()
        .filter(|o| o.progress.percent.is_some())
        .map(|o| BarGroup {
            label: label(&o.key),
            values: vec![o.progress.whole_percent().unwrap_or(0)],
        })
        .collect();
    let chart = (!groups.is_empty()).then(|| {
        view! {
            <BarChart id="objective-progress" title="Progress by objective" series=vec!["Progress".to_owned()]
                groups max=100 suffix=" %"/>
        }
    });
    let rows: Vec<_> = objectives
        .iter()
        .flat_map(|o| {
            o.commitments
                .iter()
                .map(move |c| (o.key.clone(), c.clone()))
        })
        .collect();
    let table = (!rows.is_empty()).then(|| {
        view! {
            <div class="table-wrap">
                <table class="commitments">
                    <caption>"Commitments towards this goal"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Objective"</th>
                            <th scope="col">"Commitment"</th>
                            <th scope="col">"Organisation"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Progress"</th>
                            <th scope="col">"Due"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(key, c)| view! {
                            <tr>
                                <td>{label(&key)}</td>
                                <th scope="row"><a href=format!("/p/{slug}/commitments/{}", c.id)>{c.title}</a></th>
                                <td><a href=format!("/p/{slug}/o/{}", c.organisation_slug)>{c.organisation_name}</a></td>
                                <td>{c.status.label()}{c.overdue.then_some(" (overdue)")}</td>
                                <td>{c.percent.map(|p| format!("{p} %")).unwrap_or_else(|| "—".to_owned())}</td>
                                <td>{c.due_date.display_long()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        <section class="goal-progress" aria-labelledby="goal-progress-heading">
            <h2 id="goal-progress-heading">"Progress"</h2>
            {headline}
            {chart}
            {table}
        </section>
    }
}
