//! `/p/:slug/plan`: the published Sector-Specific Plan of a partnership: its sections, then
//! its goals with their objectives (1.1, 1.2, ...) and measures, each record with its TLP
//! label, a table of contents, and links to the other versions and to the comparison with
//! the previously published one. Prints as a clean document (see the print rules at the end
//! of style/main.css).
//!
//! The components that lay out a version are shared with the version and goal pages.

use crate::api::plan_content::{
    GoalView, MeasureView, ObjectiveView, PlanContext, PlanVersionDocument, PublishedPlan,
    SectionView, VersionHeader, get_published_plan,
};
use crate::components::bar_chart::{BarChart, BarGroup};
use crate::components::error_notice::ErrorNotice;
use crate::components::tlp_badge::TlpBadge;
use crate::domain::commitment::Progress;
use crate::domain::plan::PlanVersionStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The published plan.
#[component]
pub fn PlanPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    match get_published_plan(slug).await {
                        Ok(plan) => view! { <Published plan/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Published(plan: PublishedPlan) -> impl IntoView {
    let PublishedPlan { context, document } = plan;
    match document {
        Some(document) => view! {
            <PlanBreadcrumb context=document.context.clone() here=None/>
            <PlanDocumentView document current_page=true/>
        }
        .into_any(),
        None => {
            let versions = format!("/p/{}/plan/versions", context.partnership_slug);
            view! {
                <Title text=context.plan_title.clone()/>
                <PlanBreadcrumb context=context.clone() here=None/>
                <div class="plan-page">
                    <h1>{context.plan_title.clone()}</h1>
                    <p>"No version of this plan has been published for you to read yet."</p>
                    <PublicNotice signed_in=context.signed_in/>
                    <p><a href=versions>"Versions of the plan you may read"</a></p>
                </div>
            }
            .into_any()
        }
    }
}

/// "Partnerships › US HPH › Sector-Specific Plan › `here`": the trail to a plan page; the
/// last entry is the current page (`here`: its text and address; `None` for the plan).
#[component]
pub fn PlanBreadcrumb(
    /// The partnership and plan.
    context: PlanContext,
    /// The current page below the plan (text, address), if any.
    here: Option<(String, String)>,
) -> impl IntoView {
    let slug = context.partnership_slug.clone();
    let plan_href = format!("/p/{slug}/plan");
    let plan_entry = match &here {
        None => {
            view! { <a href=plan_href aria-current="page">"Sector-Specific Plan"</a> }.into_any()
        }
        Some(_) => view! { <a href=plan_href>"Sector-Specific Plan"</a> }.into_any(),
    };
    view! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>{context.partnership_short_name}</a></li>
                <li>{plan_entry}</li>
                {here.map(|(text, href)| view! { <li><a href=href aria-current="page">{text}</a></li> })}
            </ol>
        </nav>
    }
}

/// Signed out, the reader is told that only TLP:CLEAR content is shown.
#[component]
pub fn PublicNotice(
    /// Whether a person is signed in (then nothing is shown).
    signed_in: bool,
) -> impl IntoView {
    (!signed_in).then(|| {
        view! {
            <p class="notice plan-public-notice" id="public-notice">
                "You are reading what the partnership publishes to everyone: only TLP:CLEAR content is shown. "
                "Members of the partnership who "
                <a href="/account/sign-in">"sign in"</a>
                " may see more."
            </p>
        }
    })
}

/// "2 Jun 2025", the calendar date of an instant.
pub fn day(at: crate::domain::Timestamp) -> String {
    at.date().display_long()
}

/// The dates that matter for a version in its status, e.g. "Published 2 Jun 2025".
pub fn version_dates(version: &VersionHeader) -> String {
    let mut parts = Vec::new();
    match version.status {
        PlanVersionStatus::Draft => parts.push(format!("Started {}", day(version.created_at))),
        PlanVersionStatus::InReview => {
            if let Some(at) = version.submitted_at {
                parts.push(format!("Submitted for review {}", day(at)));
            }
        }
        PlanVersionStatus::Adopted => {
            if let Some(at) = version.adopted_at {
                parts.push(format!("Adopted {}", day(at)));
            }
        }
        PlanVersionStatus::Published | PlanVersionStatus::Superseded => {
            if let Some(at) = version.adopted_at {
                parts.push(format!("Adopted {}", day(at)));
            }
            if let Some(at) = version.published_at {
                parts.push(format!("published {}", day(at)));
            }
            if let Some(at) = version.superseded_at {
                parts.push(format!("superseded {}", day(at)));
            }
        }
    }
    let mut text = parts.join(", ");
    if let Some(first) = text.get(..1) {
        let upper = first.to_uppercase();
        text.replace_range(..1, &upper);
    }
    text
}

/// The notice at the top of a version that is not the current plan (or that is, when read
/// at its own address), saying where it stands.
#[component]
pub fn StatusBanner(
    /// The partnership's URL key.
    slug: String,
    /// The version.
    version: VersionHeader,
    /// The number of the published version, when the viewer may read it.
    current_published: Option<i64>,
) -> impl IntoView {
    let current = current_published
        .filter(|n| *n != version.number)
        .map(|_| view! { " — " <a href=format!("/p/{slug}/plan")>"read the current plan"</a> });
    let text = match version.status {
        PlanVersionStatus::Published => match version.published_at {
            Some(at) => format!("This is the current plan, published on {}.", day(at)),
            None => "This is the current plan.".to_owned(),
        },
        PlanVersionStatus::Superseded => match version.superseded_at {
            Some(at) => format!("Superseded on {}", day(at)),
            None => "Superseded".to_owned(),
        },
        PlanVersionStatus::Draft => {
            "Draft: this version is being written and has not been adopted.".to_owned()
        }
        PlanVersionStatus::InReview => match version.submitted_at {
            Some(at) => format!("In review since {}: not yet adopted.", day(at)),
            None => "In review: not yet adopted.".to_owned(),
        },
        PlanVersionStatus::Adopted => match version.adopted_at {
            Some(at) => format!("Adopted on {}; not yet published.", day(at)),
            None => "Adopted; not yet published.".to_owned(),
        },
    };
    let class = format!("notice plan-status plan-status-{}", version.status.code());
    view! {
        <p class=class id="version-status">
            <strong>{version.status.label()}". "</strong>
            {text}
            {current}
        </p>
    }
}

/// A whole version: heading, status, table of contents, sections and goals. `current_page`
/// is set on `/p/:slug/plan` (the published plan at its usual address: no status banner).
#[component]
pub fn PlanDocumentView(
    /// The version as the viewer may read it.
    document: PlanVersionDocument,
    /// Whether this is the published plan at `/p/:slug/plan` (no status banner).
    current_page: bool,
) -> impl IntoView {
    let PlanVersionDocument {
        context,
        version,
        sections,
        goals,
        current_published,
        compare_with,
        readable_versions,
    } = document;
    let slug = context.partnership_slug.clone();
    let number = version.number;
    let toc_sections: Vec<(String, String)> = sections
        .iter()
        .map(|s| (s.anchor.clone(), s.title.clone()))
        .collect();
    let toc_goals: Vec<(String, String)> = goals
        .iter()
        .map(|g| (g.anchor.clone(), format!("Goal {}: {}", g.number, g.title)))
        .collect();
    let banner = (!current_page).then(|| {
        view! { <StatusBanner slug=slug.clone() version=version.clone() current_published/> }
    });
    let compare = compare_with.map(|from| {
        view! {
            <li>
                <a id="compare-link" href=format!("/p/{slug}/plan/compare?from={from}&to={number}")>
                    {format!("Compare with version {from}")}
                </a>
            </li>
        }
    });
    let versions_link = view! {
        <li>
            <a id="versions-link" href=format!("/p/{slug}/plan/versions")>
                {if readable_versions > 1 { "Earlier and other versions" } else { "All versions" }}
            </a>
        </li>
    };
    let goals_empty = goals.is_empty();
    view! {
        <Title text=format!("{} · {}", version.title, context.partnership_short_name)/>
        <article class="plan-document plan-page" id="plan" aria-labelledby="plan-title">
            <header class="plan-header">
                <p class="plan-kicker">{context.plan_title.clone()}</p>
                <h1 id="plan-title">{version.title.clone()}</h1>
                <p class="meta">
                    {format!("Version {number}")}
                    " · "
                    {version.status.label()}
                    " · "
                    {version_dates(&version)}
                    " "
                    <TlpBadge label=version.tlp/>
                </p>
                {(!version.summary.is_empty()).then(|| view! { <p class="lead">{version.summary.clone()}</p> })}
            </header>
            {banner}
            <PublicNotice signed_in=context.signed_in/>
            <nav aria-label="Versions of the plan" class="page-links plan-links">
                <ul>{versions_link}{compare}</ul>
            </nav>
            <nav aria-label="Contents" class="plan-toc" id="plan-contents">
                <h2 id="contents-heading">"Contents"</h2>
                <ol>
                    {toc_sections.into_iter().map(|(anchor, title)| view! {
                        <li><a href=format!("#{anchor}")>{title}</a></li>
                    }).collect_view()}
                    {(!goals_empty).then(|| view! {
                        <li>
                            <a href="#goals">"Goals and objectives"</a>
                            <ol>
                                {toc_goals.into_iter().map(|(anchor, title)| view! {
                                    <li><a href=format!("#{anchor}")>{title}</a></li>
                                }).collect_view()}
                            </ol>
                        </li>
                    })}
                </ol>
            </nav>
            {if sections.is_empty() && goals_empty {
                Some(view! { <p>"Nothing in this version is visible to you."</p> })
            } else {
                None
            }}
            {sections.into_iter().map(|section| view! { <SectionBlock section/> }).collect_view()}
            {(!goals_empty).then(|| view! {
                <section id="goals" class="plan-goals" aria-labelledby="goals-heading">
                    <h2 id="goals-heading">"Goals and objectives"</h2>
                    {goals_chart(&goals)}
                    {goals.into_iter().map(|goal| view! {
                        <GoalBlock goal slug=slug.clone() version=number/>
                    }).collect_view()}
                </section>
            })}
        </article>
    }
}

/// The goals' progress as a server-drawn SVG chart (goals with commitments only).
fn goals_chart(goals: &[GoalView]) -> Option<impl IntoView + use<>> {
    let groups: Vec<BarGroup> = goals
        .iter()
        .filter_map(|g| {
            g.progress.whole_percent().map(|p| BarGroup {
                label: format!("Goal {}", g.number),
                values: vec![p],
            })
        })
        .collect();
    (!groups.is_empty()).then(|| {
        view! {
            <BarChart id="goals-progress" title="Progress by goal, from the members' commitments"
                series=vec!["Progress".to_owned()] groups max=100 suffix=" %"/>
        }
    })
}

/// A goal's progress bar, or a line saying nothing counts yet.
fn goal_progress(number: i64, progress: Progress) -> impl IntoView {
    let id = format!("goal-{number}-progress");
    match progress.whole_percent() {
        Some(p) => view! {
            <p class="goal-progress-figure">
                <label for=id.clone()>{format!("Progress of goal {number}")}</label>" "
                <progress id=id max="100" value=p.to_string()>{format!("{p} %")}</progress>" "
                <strong>{format!("{p} %")}</strong>
                {format!(" ({} of {} objectives with commitments)", progress.covered, progress.parts)}
            </p>
        }
        .into_any(),
        None => view! { <p class="goal-progress-figure">"No commitment towards this goal yet."</p> }.into_any(),
    }
}

/// One section: title, label and rendered body.
#[component]
fn SectionBlock(section: SectionView) -> impl IntoView {
    let heading = format!("{}-heading", section.anchor);
    let labelledby = heading.clone();
    view! {
        <section id=section.anchor.clone() class="plan-section" aria-labelledby=labelledby>
            <div class="plan-record-head">
                <h2 id=heading>{section.title}</h2>
                <TlpBadge label=section.tlp/>
            </div>
            <div class="prose" inner_html=section.body_html></div>
        </section>
    }
}

/// One goal inside a version's page, with its objectives.
#[component]
fn GoalBlock(goal: GoalView, slug: String, version: i64) -> impl IntoView {
    let heading = format!("{}-heading", goal.anchor);
    let labelledby = heading.clone();
    let href = format!("/p/{slug}/plan/v/{version}/goals/{}", goal.number);
    view! {
        <section id=goal.anchor.clone() class="plan-goal" aria-labelledby=labelledby>
            <div class="plan-record-head">
                <h3 id=heading>{format!("Goal {}: {}", goal.number, goal.title)}</h3>
                <TlpBadge label=goal.tlp/>
            </div>
            <div class="prose" inner_html=goal.description_html></div>
            {goal_progress(goal.number, goal.progress)}
            <p class="plan-goal-link">
                <a href=href>{format!("Goal {} on a page of its own", goal.number)}</a>
            </p>
            {goal.objectives.into_iter().map(|objective| view! {
                <ObjectiveBlock objective top_level=false/>
            }).collect_view()}
        </section>
    }
}

/// One objective with its measures. `top_level` gives it an `h2` (on a goal's own page)
/// rather than an `h4` (under its goal's `h3` in a version's page).
#[component]
pub fn ObjectiveBlock(
    /// The objective.
    objective: ObjectiveView,
    /// Whether it is a top-level part of the page (`h2`) or under its goal (`h4`).
    top_level: bool,
) -> impl IntoView {
    let heading = format!("{}-heading", objective.anchor);
    let title = format!("Objective {}: {}", objective.number, objective.title);
    let heading_view = if top_level {
        view! { <h2 id=heading.clone()>{title}</h2> }.into_any()
    } else {
        view! { <h4 id=heading.clone()>{title}</h4> }.into_any()
    };
    view! {
        <section id=objective.anchor.clone() class="plan-objective" aria-labelledby=heading>
            <div class="plan-record-head">
                {heading_view}
                <TlpBadge label=objective.tlp/>
            </div>
            <div class="prose" inner_html=objective.description_html></div>
            <MeasureTable number=objective.number measures=objective.measures/>
        </section>
    }
}

/// The measures of objective `number`, as a table (nothing when it has none visible).
#[component]
pub fn MeasureTable(
    /// The objective's number, e.g. "1.2".
    number: String,
    /// Its measures.
    measures: Vec<MeasureView>,
) -> impl IntoView {
    (!measures.is_empty()).then(|| {
        view! {
            <div class="table-wrap plan-measures">
                <table class="measures">
                    <caption>{format!("Measures of objective {number}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Indicator"</th>
                            <th scope="col" class="num">"Baseline"</th>
                            <th scope="col" class="num">"Target"</th>
                            <th scope="col">"Unit"</th>
                            <th scope="col">"Due date"</th>
                            <th scope="col">"Label"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {measures.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row">{m.indicator}</th>
                                <td class="num">{figure(m.baseline)}</td>
                                <td class="num">{figure(m.target)}</td>
                                <td>{m.unit}</td>
                                <td>{m.due_date.map_or_else(|| "—".to_owned(), |d| d.display_long())}</td>
                                <td><TlpBadge label=m.tlp/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

/// A baseline or target as people write it: "45", "97.5", or "—" when not set.
pub fn figure(value: Option<f64>) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 => format!("{v:.0}"),
        Some(v) => {
            let text = format!("{v:.2}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::figure;

    #[test]
    fn figures_drop_needless_decimals() {
        assert_eq!(figure(Some(45.0)), "45");
        assert_eq!(figure(Some(97.5)), "97.5");
        assert_eq!(figure(Some(1.0 / 3.0)), "0.33");
        assert_eq!(figure(None), "—");
    }
}
