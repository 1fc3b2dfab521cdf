//! `/p/:slug/dashboard`: what a signed-in member of the partnership should look at — for
//! the secretariat, commitments needing attention, proposals, motions closing soon and
//! drafts with open comments; for a member organisation, its commitments, its ballots due
//! and its focal points.

use crate::api::dashboard::{Dashboard, MemberPanel, SecretariatPanel, get_dashboard};
use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;
use crate::pages::commitments::CommitmentTable;
use crate::pages::motions::MotionTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! {
        <Title text="Dashboard"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    match get_dashboard(slug).await {
                        Ok(dashboard) => view! { <DashboardView dashboard/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <h1>"Dashboard"</h1>
                            <p><a href="/account/sign-in">"Sign in"</a> " to see your dashboard."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard) -> impl IntoView {
    let Dashboard {
        partnership_slug: slug,
        partnership_short_name,
        secretariat,
        member,
    } = dashboard;
    view! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>{partnership_short_name.clone()}</a></li>
                <li><a href=format!("/p/{slug}/dashboard") aria-current="page">"Dashboard"</a></li>
            </ol>
        </nav>
        <h1>{format!("Your dashboard: {partnership_short_name}")}</h1>
        {member.map(|panel| member_view(&slug, panel))}
        {secretariat.map(|panel| secretariat_view(&slug, panel))}
    }
}

fn member_view(slug: &str, panel: MemberPanel) -> impl IntoView + use<> {
    let slug = slug.to_owned();
    view! {
        <section aria-labelledby="ballots-heading">
            <h2 id="ballots-heading">{format!("Ballots {} owes", panel.organisation_name)}</h2>
            <MotionTable motions=panel.ballots_due slug=slug.clone() caption="Open motions your organisation has not voted on"
                empty="Your organisation has voted on every open motion it can vote on." with_group=true/>
        </section>
        <section aria-labelledby="own-commitments-heading">
            <h2 id="own-commitments-heading">{format!("Commitments of {}", panel.organisation_name)}</h2>
            {if panel.commitments.is_empty() {
                view! { <p>"Your organisation has no commitment yet. "
                    <a href=format!("/p/{slug}/commitments/new")>"Propose one"</a>"."</p> }.into_any()
            } else {
                view! { <CommitmentTable slug=slug.clone() commitments=panel.commitments caption="Your organisation's commitments"/> }.into_any()
            }}
        </section>
        <section aria-labelledby="own-focal-heading">
            <h2 id="own-focal-heading">"Your organisation's focal points"</h2>
            {if panel.focal_points.is_empty() {
                view! { <p>"None in office."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {panel.focal_points.into_iter().map(|(kind, person, scope)| view! {
                            <li>{format!("{person}: {kind}{}", if scope.is_empty() { String::new() } else { format!(" ({scope})") })}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn secretariat_view(slug: &str, panel: SecretariatPanel) -> impl IntoView + use<> {
    let slug = slug.to_owned();
    view! {
        <section aria-labelledby="attention-heading">
            <h2 id="attention-heading">"Commitments needing attention"</h2>
            <p class="meta">"Overdue, without a report for 90 days, or at risk."</p>
            {if panel.attention.is_empty() {
                view! { <p>"Nothing is overdue, stale or at risk."</p> }.into_any()
            } else {
                view! { <CommitmentTable slug=slug.clone() commitments=panel.attention caption="Commitments needing attention"/> }.into_any()
            }}
        </section>
        <section aria-labelledby="proposed-heading">
            <h2 id="proposed-heading">"Proposed commitments to review"</h2>
            {if panel.proposed.is_empty() {
                view! { <p>"No proposal is waiting."</p> }.into_any()
            } else {
                view! { <CommitmentTable slug=slug.clone() commitments=panel.proposed caption="Proposed commitments"/> }.into_any()
            }}
        </section>
        <section aria-labelledby="closing-heading">
            <h2 id="closing-heading">"Motions closing within a week"</h2>
            <MotionTable motions=panel.closing_soon slug=slug.clone() caption="Motions closing within a week"
                empty="No motion closes within a week." with_group=true/>
        </section>
        <section aria-labelledby="weights-heading">
            <h2 id="weights-heading">"Progress roll-up"</h2>
            <p>"Progress rolls up from commitments to objectives, goals and the plan, with equal weights unless you set them. "
                <a href=format!("/p/{slug}/plan/weights")>"Set the progress weights"</a></p>
        </section>
        <section aria-labelledby="drafts-heading">
            <h2 id="drafts-heading">"Plan versions being written"</h2>
            {if panel.versions.is_empty() {
                view! { <p>"No version is in draft or in review."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {panel.versions.into_iter().map(|v| view! {
                            <li>
                                <a href=format!("/p/{slug}/plan/v/{}/workspace", v.number)>{format!("Version {}: {}", v.number, v.title)}</a>
                                {format!(
                                    " — {}; {} unresolved comment thread{}",
                                    v.status.label(),
                                    v.unresolved,
                                    if v.unresolved == 1 { "" } else { "s" }
                                )}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
