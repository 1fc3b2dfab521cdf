//! `/p/:slug/plan/v/:number/outline`: editing the goals, objectives and measures of a
//! draft version, for the secretariat and the version's co-authors.
//!
//! Every record has its own plain HTML form (in a `<details>`, so that the page stays a
//! readable outline): goals and objectives are saved against the revision shown (a stale
//! save is refused and the page says so), measures are edited and deleted row by row, and
//! each goal and objective has a form to add an objective or a measure. A failed form comes
//! back open, with each message beside its field (the error names its form, see
//! `api::plan_outline`). Works without JavaScript.

use crate::api::plan_outline::{
    GoalDraft, MeasureDraft, ObjectiveDraft, PlanOutline, RECORD_ENTRY, get_plan_outline,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{TextAreaField, TextField, TlpField};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::Tlp;
use crate::error::AppError;
use crate::pages::public::plan::figure;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const ENDPOINTS: [&str; 7] = [
    "add_plan_goal",
    "update_plan_goal",
    "add_plan_objective",
    "update_plan_objective",
    "add_plan_measure",
    "update_plan_measure",
    "delete_plan_measure",
];

/// The outline editor.
#[component]
pub fn PlanOutlinePage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let number = params
        .read_untracked()
        .get("number")
        .and_then(|n| n.parse::<i64>().ok());
    let saved = use_query_map().read_untracked().get("saved");
    let feedback = Feedback::new(ENDPOINTS.into_iter().find_map(form_error));
    view! {
        <Title text="Goals and objectives"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, saved, feedback) = (slug.clone(), saved.clone(), feedback.clone());
                Suspend::new(async move {
                    let result = match number {
                        Some(number) => get_plan_outline(slug, number).await,
                        None => Err(AppError::NotFound),
                    };
                    match result {
                        Ok(outline) => view! { <OutlineView outline saved feedback/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>"This page is for the partnership's secretariat and the version's co-authors. "
                               <a href="/account/sign-in">"Sign in"</a> " first."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

/// What a failed form came back with, and which form it was.
#[derive(Clone, Debug, Default)]
struct Feedback {
    /// The error, without the entry that names the form.
    error: Option<AppError>,
    /// The id of the form that failed, when the error names it.
    form: Option<String>,
}

impl Feedback {
    fn new(error: Option<AppError>) -> Self {
        match error {
            Some(AppError::Invalid(mut fields)) => {
                let form = fields
                    .remove(RECORD_ENTRY)
                    .and_then(|forms| forms.into_iter().next());
                Self {
                    error: Some(AppError::Invalid(fields)),
                    form,
                }
            }
            error => Self { error, form: None },
        }
    }

    /// Whether the form `id` is the one that failed (it is shown open).
    fn failed(&self, id: &str) -> bool {
        self.form.as_deref() == Some(id)
    }

    /// The messages for one field of form `id`.
    fn messages(&self, id: &str, field: &str) -> Vec<String> {
        if self.failed(id) {
            field_messages(self.error.as_ref(), field)
        } else {
            Vec::new()
        }
    }
}

/// Where the forms post: the partnership and version they name.
#[derive(Clone, Debug)]
struct Target {
    partnership: String,
    number: i64,
}

#[component]
fn OutlineView(outline: PlanOutline, saved: Option<String>, feedback: Feedback) -> impl IntoView {
    let PlanOutline {
        partnership_slug,
        partnership_short_name,
        version_number,
        version_title,
        goals,
    } = outline;
    let base = format!("/p/{partnership_slug}/plan/v/{version_number}");
    let target = Target {
        partnership: partnership_slug.clone(),
        number: version_number,
    };
    let saved_text = saved.map(|s| {
        if s == "deleted" {
            "The measure was deleted."
        } else {
            "Saved."
        }
    });
    let goal_list = if goals.is_empty() {
        view! { <p id="no-goals">"This version has no goal yet."</p> }.into_any()
    } else {
        goals
            .into_iter()
            .map(|goal| view! { <GoalBlock goal target=target.clone() feedback=feedback.clone()/> })
            .collect_view()
            .into_any()
    };
    let add_goal = "add-goal";
    view! {
        <Title text=format!("Goals and objectives · Version {version_number}")/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{partnership_slug}")>{partnership_short_name}</a></li>
                <li><a href=format!("{base}/workspace")>{format!("Version {version_number} workspace")}</a></li>
                <li><a href=format!("{base}/outline") aria-current="page">"Goals and objectives"</a></li>
            </ol>
        </nav>
        <h1>"Goals and objectives"</h1>
        <p class="meta">{format!("Version {version_number}: {version_title}")}</p>
        {saved_text.map(|text| view! { <div class="notice notice-success" role="status" id="saved-status"><p>{text}</p></div> })}
        <ErrorSummary error=feedback.error.clone()/>
        <p class="lead">
            "Each goal and objective keeps its key from version to version, so that the commitments "
            "made towards it follow. A save is refused when someone else saved the same goal or "
            "objective after you opened this page: reload it to see their change."
        </p>
        {goal_list}
        <section aria-labelledby="add-goal-heading" class="outline-add-goal">
            <h2 id="add-goal-heading">"Add a goal"</h2>
            <form method="post" action="/api/add_plan_goal" class="stacked" id=add_goal>
                <input type="hidden" name="partnership" value=target.partnership.clone()/>
                <input type="hidden" name="number" value=version_number.to_string()/>
                <ItemFields form=add_goal.to_owned() noun="goal" title=String::new() description=String::new()
                    tlp=Tlp::Green feedback=feedback.clone()/>
                <button type="submit">"Add the goal"</button>
            </form>
        </section>
        <p><a href=format!("{base}/workspace") id="back-to-workspace">"Back to the version's workspace"</a></p>
    }
}

/// Title, description and label of a goal or objective, with their messages. The ids are
/// the form's id followed by the field (`edit-goal-1-title`).
#[component]
fn ItemFields(
    form: String,
    noun: &'static str,
    title: String,
    description: String,
    tlp: Tlp,
    feedback: Feedback,
) -> impl IntoView {
    let title_label = if noun == "goal" {
        "Goal title"
    } else {
        "Objective title"
    };
    view! {
        <TextField id=format!("{form}-title") name="title" label=title_label value=title
            errors=feedback.messages(&form, "title") required=true maxlength=300/>
        <TextAreaField id=format!("{form}-description") name="description" label="Description (Markdown)"
            value=description errors=feedback.messages(&form, "description") rows=5/>
        <TlpField id=format!("{form}-tlp") name="tlp" label="TLP label" selected=tlp
            errors=feedback.messages(&form, "tlp")/>
    }
}

#[component]
fn GoalBlock(goal: GoalDraft, target: Target, feedback: Feedback) -> impl IntoView {
    let n = goal.number;
    let anchor = format!("goal-{n}");
    let heading = format!("{anchor}-heading");
    let labelled_by = heading.clone();
    let edit = format!("edit-{anchor}");
    let add = format!("add-objective-{n}");
    let objectives = if goal.objectives.is_empty() {
        view! { <p>"This goal has no objective yet."</p> }.into_any()
    } else {
        goal.objectives
            .into_iter()
            .map(|objective| {
                view! { <ObjectiveBlock objective target=target.clone() feedback=feedback.clone()/> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="outline-goal" id=anchor aria-labelledby=labelled_by>
            <h2 id=heading>{format!("Goal {n}: {}", goal.title)}</h2>
            <p class="meta">
                {format!("Key {} · revision {} ", goal.key, goal.revision)}
                <TlpBadge label=goal.tlp/>
            </p>
            <details class="outline-edit" open=feedback.failed(&edit)>
                <summary>"Edit goal " {n.to_string()}</summary>
                <form method="post" action="/api/update_plan_goal" class="stacked" id=edit.clone()>
                    <fieldset>
                        <legend class="visually-hidden">{format!("Goal {n}")}</legend>
                        <input type="hidden" name="partnership" value=target.partnership.clone()/>
                        <input type="hidden" name="number" value=target.number.to_string()/>
                        <input type="hidden" name="goal" value=goal.id.to_string()/>
                        <input type="hidden" name="revision" value=goal.revision.to_string()/>
                        <ItemFields form=edit.clone() noun="goal" title=goal.title description=goal.description
                            tlp=goal.tlp feedback=feedback.clone()/>
                    </fieldset>
                    <button type="submit">"Save goal " {n.to_string()}</button>
                </form>
            </details>
            {objectives}
            <details class="outline-add" open=feedback.failed(&add)>
                <summary>"Add an objective to goal " {n.to_string()}</summary>
                <form method="post" action="/api/add_plan_objective" class="stacked" id=add.clone()>
                    <fieldset>
                        <legend class="visually-hidden">{format!("New objective of goal {n}")}</legend>
                        <input type="hidden" name="partnership" value=target.partnership.clone()/>
                        <input type="hidden" name="number" value=target.number.to_string()/>
                        <input type="hidden" name="goal" value=goal.id.to_string()/>
                        <ItemFields form=add.clone() noun="objective" title=String::new() description=String::new()
                            tlp=goal.tlp feedback=feedback.clone()/>
                    </fieldset>
                    <button type="submit">"Add the objective"</button>
                </form>
            </details>
        </section>
    }
}

#[component]
fn ObjectiveBlock(objective: ObjectiveDraft, target: Target, feedback: Feedback) -> impl IntoView {
    let number = format!("{}.{}", objective.goal_number, objective.number);
    let anchor = format!("objective-{}-{}", objective.goal_number, objective.number);
    let heading = format!("{anchor}-heading");
    let labelled_by = heading.clone();
    let edit = format!("edit-{anchor}");
    let add = format!("add-measure-{}-{}", objective.goal_number, objective.number);
    let measures = if objective.measures.is_empty() {
        view! { <p>"This objective has no measure yet."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="measures outline-measures" id=format!("measures-{anchor}")>
                    <caption>{format!("Measures of objective {number}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Indicator"</th>
                            <th scope="col" class="num">"Baseline"</th>
                            <th scope="col" class="num">"Target"</th>
                            <th scope="col">"Unit"</th>
                            <th scope="col">"Due date"</th>
                            <th scope="col">"Label"</th>
                            <th scope="col">"Change"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {objective.measures.into_iter().map(|measure| view! {
                            <MeasureRow measure target=target.clone() feedback=feedback.clone()/>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <article class="outline-objective card" id=anchor aria-labelledby=labelled_by>
            <h3 id=heading>{format!("Objective {number}: {}", objective.title)}</h3>
            <p class="meta">
                {format!("Key {} · revision {} ", objective.key, objective.revision)}
                <TlpBadge label=objective.tlp/>
            </p>
            <details class="outline-edit" open=feedback.failed(&edit)>
                <summary>"Edit objective " {number.clone()}</summary>
                <form method="post" action="/api/update_plan_objective" class="stacked" id=edit.clone()>
                    <fieldset>
                        <legend class="visually-hidden">{format!("Objective {number}")}</legend>
                        <input type="hidden" name="partnership" value=target.partnership.clone()/>
                        <input type="hidden" name="number" value=target.number.to_string()/>
                        <input type="hidden" name="objective" value=objective.id.to_string()/>
                        <input type="hidden" name="revision" value=objective.revision.to_string()/>
                        <ItemFields form=edit.clone() noun="objective" title=objective.title
                            description=objective.description tlp=objective.tlp feedback=feedback.clone()/>
                    </fieldset>
                    <button type="submit">"Save objective " {number.clone()}</button>
                </form>
            </details>
            {measures}
            <details class="outline-add" open=feedback.failed(&add)>
                <summary>"Add a measure to objective " {number.clone()}</summary>
                <form method="post" action="/api/add_plan_measure" class="stacked" id=add.clone()>
                    <fieldset>
                        <legend class="visually-hidden">{format!("New measure of objective {number}")}</legend>
                        <input type="hidden" name="partnership" value=target.partnership.clone()/>
                        <input type="hidden" name="number" value=target.number.to_string()/>
                        <input type="hidden" name="objective" value=objective.id.to_string()/>
                        <MeasureFields form=add.clone() measure=None tlp=objective.tlp feedback=feedback.clone()/>
                    </fieldset>
                    <button type="submit">"Add the measure"</button>
                </form>
            </details>
        </article>
    }
}

/// The fields of a measure (empty for a new one), ids prefixed with the form's id.
#[component]
fn MeasureFields(
    form: String,
    measure: Option<MeasureDraft>,
    tlp: Tlp,
    feedback: Feedback,
) -> impl IntoView {
    let figure_text = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let (indicator, baseline, target, unit, due_date, tlp) = match measure {
        Some(m) => (
            m.indicator,
            figure_text(m.baseline),
            figure_text(m.target),
            m.unit,
            m.due_date.map(|d| d.to_db_text()).unwrap_or_default(),
            m.tlp,
        ),
        None => (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            tlp,
        ),
    };
    view! {
        <TextField id=format!("{form}-indicator") name="input[indicator]" label="Indicator (what is measured)"
            value=indicator errors=feedback.messages(&form, "indicator") required=true maxlength=300/>
        <TextField id=format!("{form}-baseline") name="input[baseline]" label="Baseline (a number, optional)"
            value=baseline errors=feedback.messages(&form, "baseline")/>
        <TextField id=format!("{form}-target") name="input[target]" label="Target (a number, optional)"
            value=target errors=feedback.messages(&form, "target")/>
        <TextField id=format!("{form}-unit") name="input[unit]" label="Unit (e.g. %, hospitals)"
            value=unit errors=feedback.messages(&form, "unit") maxlength=40/>
        <TextField id=format!("{form}-due-date") name="input[due_date]" label="Due date (optional)" kind="date"
            value=due_date errors=feedback.messages(&form, "due_date") hint="YYYY-MM-DD"/>
        <TlpField id=format!("{form}-tlp") name="input[tlp]" label="TLP label" selected=tlp
            errors=feedback.messages(&form, "tlp")/>
    }
}

#[component]
fn MeasureRow(measure: MeasureDraft, target: Target, feedback: Feedback) -> impl IntoView {
    let id = measure.id;
    let anchor = format!("measure-{id}");
    let edit = format!("edit-{anchor}");
    let delete = format!("delete-{anchor}");
    let name = format!(" measure “{}”", measure.indicator);
    view! {
        <tr id=anchor>
            <th scope="row">{measure.indicator.clone()}</th>
            <td class="num">{figure(measure.baseline)}</td>
            <td class="num">{figure(measure.target)}</td>
            <td>{measure.unit.clone()}</td>
            <td>{measure.due_date.map_or_else(|| "—".to_owned(), |d| d.display_long())}</td>
            <td><TlpBadge label=measure.tlp/></td>
            <td class="outline-measure-actions">
                <details class="outline-edit" open=feedback.failed(&edit)>
                    <summary>"Edit" <span class="visually-hidden">{name.clone()}</span></summary>
                    <form method="post" action="/api/update_plan_measure" class="stacked" id=edit.clone()>
                        <fieldset>
                            <legend class="visually-hidden">{format!("Measure “{}”", measure.indicator)}</legend>
                            <input type="hidden" name="partnership" value=target.partnership.clone()/>
                            <input type="hidden" name="number" value=target.number.to_string()/>
                            <input type="hidden" name="measure" value=id.to_string()/>
                            <MeasureFields form=edit.clone() tlp=measure.tlp measure=Some(measure) feedback=feedback.clone()/>
                        </fieldset>
                        <button type="submit">"Save" <span class="visually-hidden">{name.clone()}</span></button>
                    </form>
                </details>
                <form method="post" action="/api/delete_plan_measure" class="inline-form" id=delete>
                    <input type="hidden" name="partnership" value=target.partnership.clone()/>
                    <input type="hidden" name="number" value=target.number.to_string()/>
                    <input type="hidden" name="measure" value=id.to_string()/>
                    <button type="submit" class="secondary">"Delete" <span class="visually-hidden">{name}</span></button>
                </form>
            </td>
        </tr>
    }
}
