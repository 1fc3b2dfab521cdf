//! `/p/:slug/plan/versions`: the versions of the plan the viewer may read, with their status
//! and dates, and a plain GET form to compare two of them.

use crate::api::plan_content::{PlanVersionList, VersionHeader, list_plan_versions};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::SelectField;
use crate::components::tlp_badge::TlpBadge;
use crate::domain::Timestamp;
use crate::pages::public::plan::{PlanBreadcrumb, PublicNotice, day};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The versions of the plan.
#[component]
pub fn PlanVersionsPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    match list_plan_versions(slug).await {
                        Ok(list) => view! { <Versions list/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Versions(list: PlanVersionList) -> impl IntoView {
    let PlanVersionList { context, versions } = list;
    let slug = context.partnership_slug.clone();
    let here = ("Versions".to_owned(), format!("/p/{slug}/plan/versions"));
    let compare = (versions.len() >= 2).then(|| {
        let to = versions.first().map(|v| v.number).unwrap_or_default();
        let from = versions.get(1).map(|v| v.number).unwrap_or_default();
        view! {
            <section aria-labelledby="compare-heading">
                <h2 id="compare-heading">"Compare two versions"</h2>
                <CompareForm slug=slug.clone() versions=versions.clone() from to unified=false/>
            </section>
        }
    });
    view! {
        <Title text=format!("Versions of the plan · {}", context.partnership_short_name)/>
        <PlanBreadcrumb context=context.clone() here=Some(here)/>
        <div class="plan-page">
            <h1>"Versions of the Sector-Specific Plan"</h1>
            <p class="lead">{context.plan_title.clone()}</p>
            <PublicNotice signed_in=context.signed_in/>
            {if versions.is_empty() {
                view! { <p>"No version of this plan is visible to you."</p> }.into_any()
            } else {
                view! { <VersionTable slug=slug.clone() versions=versions.clone()/> }.into_any()
            }}
            {compare}
        </div>
    }
}

fn date_cell(at: Option<Timestamp>) -> String {
    at.map_or_else(|| "—".to_owned(), day)
}

#[component]
fn VersionTable(slug: String, versions: Vec<VersionHeader>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table id="plan-versions">
                <caption>"Versions you may read, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Adopted"</th>
                        <th scope="col">"Published"</th>
                        <th scope="col">"Superseded"</th>
                        <th scope="col">"Label"</th>
                    </tr>
                </thead>
                <tbody>
                    {versions.into_iter().map(|v| view! {
                        <tr>
                            <th scope="row">
                                <a href=format!("/p/{slug}/plan/v/{}", v.number)>{format!("Version {}", v.number)}</a>
                            </th>
                            <td>{v.title}</td>
                            <td>{v.status.label()}</td>
                            <td>{date_cell(v.adopted_at)}</td>
                            <td>{date_cell(v.published_at)}</td>
                            <td>{date_cell(v.superseded_at)}</td>
                            <td><TlpBadge label=v.tlp/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The GET form that opens the comparison of two versions (`from`, `to`), keeping the
/// chosen layout (`view`).
#[component]
pub fn CompareForm(
    /// The partnership's URL key.
    slug: String,
    /// The versions to choose from.
    versions: Vec<VersionHeader>,
    /// The older version chosen now.
    from: i64,
    /// The newer version chosen now.
    to: i64,
    /// Whether the comparison is shown unified (kept through the form).
    unified: bool,
    /// Messages for the older version's field.
    #[prop(optional)]
    from_errors: Vec<String>,
    /// Messages for the newer version's field.
    #[prop(optional)]
    to_errors: Vec<String>,
) -> impl IntoView {
    let options: Vec<(String, String)> = versions
        .iter()
        .map(|v| (v.number.to_string(), format!("{} — {}", v.label(), v.title)))
        .collect();
    view! {
        <form method="get" action=format!("/p/{slug}/plan/compare") id="compare-form" class="plan-compare-form">
            <SelectField id="compare-from" name="from" label="Older version" options=options.clone()
                selected=from.to_string() errors=from_errors required=true/>
            <SelectField id="compare-to" name="to" label="Newer version" options
                selected=to.to_string() errors=to_errors required=true/>
            {unified.then(|| view! { <input type="hidden" name="view" value="unified"/> })}
            <button type="submit">"Compare"</button>
        </form>
    }
}
