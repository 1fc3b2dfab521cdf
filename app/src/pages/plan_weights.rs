//! `/p/:slug/plan/weights`: the secretariat sets how much each goal counts towards the plan's
//! progress, and each objective towards its goal's. One plain form (works without
//! JavaScript); a failed post comes back with a message beside each field at fault.

use crate::api::plan_weights::{PlanWeights, get_plan_weights, goal_field, objective_field};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The weights form of the published plan.
#[component]
pub fn PlanWeightsPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let saved = use_query_map().read_untracked().get("saved");
    let error = form_error("save_plan_weights");
    view! {
        <Title text="Progress weights"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, saved, error) = (slug.clone(), saved.clone(), error.clone());
                Suspend::new(async move {
                    match get_plan_weights(slug).await {
                        Ok(weights) => view! { <WeightsForm weights saved error/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <h1>"Progress weights"</h1>
                            <p>"The secretariat sets the plan's progress weights. "
                               <a href="/account/sign-in">"Sign in"</a>" first."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

fn format_weight(weight: f64) -> String {
    let text = format!("{weight:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[component]
fn WeightInput(
    id: String,
    name: String,
    label: String,
    weight: f64,
    errors: Vec<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = !errors.is_empty();
    view! {
        <div class="field weight-field">
            <label for=id.clone()>{label}</label>
            {invalid.then(|| view! { <p class="field-error" id=error_id.clone()>{errors.join(" ")}</p> })}
            <input id=id name=name type="text" inputmode="decimal" size="6" required
                value=format_weight(weight)
                aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then_some(error_id)/>
        </div>
    }
}

#[component]
fn WeightsForm(
    weights: PlanWeights,
    saved: Option<String>,
    error: Option<AppError>,
) -> impl IntoView {
    let slug = weights.partnership_slug.clone();
    let summary = error.clone();
    let e = move |field: &str| field_messages(error.as_ref(), field);
    let notice = match saved.as_deref() {
        Some("saved") => Some("The weights are saved; progress is rolled up with them."),
        Some("unchanged") => Some("Nothing changed: the weights were already these."),
        _ => None,
    };
    view! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>{weights.partnership_short_name.clone()}</a></li>
                <li><a href=format!("/p/{slug}/plan")>"Plan"</a></li>
                <li><a href=format!("/p/{slug}/plan/weights") aria-current="page">"Progress weights"</a></li>
            </ol>
        </nav>
        <h1>"Progress weights"</h1>
        <p class="lead">{format!(
            "How much each goal counts towards the progress of version {} ({}), and each \
             objective towards its goal's. A weight is a number from 0 to 100; only the \
             proportions matter, and equal weights (all 1) give a plain average.",
            weights.version_number, weights.version_title
        )}</p>
        {notice.map(|m| view! { <div class="notice notice-success" role="status"><p>{m}</p></div> })}
        <ErrorSummary error=summary/>
        <form method="post" action="/api/save_plan_weights" class="stacked weights-form">
            <input type="hidden" name="partnership" value=slug.clone()/>
            {weights.goals.into_iter().map(|goal| {
                let legend = format!("Goal {}: {}", goal.number, goal.title);
                view! {
                    <fieldset>
                        <legend>{legend}</legend>
                        <WeightInput id=goal_field(goal.id) name=format!("input[goals][{}]", goal.id)
                            label=format!("Weight of goal {} in the plan", goal.number)
                            weight=goal.weight errors=e(&goal_field(goal.id))/>
                        {goal.objectives.into_iter().map(|o| view! {
                            <WeightInput id=objective_field(o.id) name=format!("input[objectives][{}]", o.id)
                                label=format!("Weight of objective {} in goal {}: {}", o.number, goal.number, o.title)
                                weight=o.weight errors=e(&objective_field(o.id))/>
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <div><button type="submit">"Save the weights"</button></div>
        </form>
    }
}
