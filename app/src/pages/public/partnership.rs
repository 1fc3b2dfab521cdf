//! A partnership's public directory: councils, working groups, focal points, organisations.

use crate::api::partnerships::{
    CommitmentSummary, CouncilSummary, FocalPointSummary, PartnershipOverview, WorkingGroupSummary,
    get_partnership_overview,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::organisation_filter::OrganisationFilter;
use crate::components::tlp_badge::TlpBadge;
use crate::domain::Tlp;
use crate::pages::public::home::{count, jurisdiction_name};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/p/:slug?q=`: one partnership. `q` filters its organisation list (the island does the
/// same without a page load once hydrated).
#[component]
pub fn PartnershipPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let query = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                let query = query.clone();
                Suspend::new(async move {
                    match get_partnership_overview(slug, query.clone()).await {
                        Ok(overview) => view! { <Overview overview query/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Overview(overview: PartnershipOverview, query: String) -> impl IntoView {
    let PartnershipOverview {
        partnership,
        description_html,
        councils,
        working_groups,
        focal_points,
        organisations,
        commitments,
        viewer_can_invite,
        viewer_has_dashboard,
    } = overview;
    view! {
        <Title text=partnership.name.clone()/>
        <Link rel="alternate" type_="application/atom+xml"
            title=format!("{}: publications, decisions and progress", partnership.short_name)
            href=format!("/p/{}/feed.atom", partnership.slug)/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{}", partnership.slug) aria-current="page">{partnership.short_name.clone()}</a></li>
            </ol>
        </nav>
        <h1>{partnership.name.clone()}</h1>
        <p class="meta">
            {jurisdiction_name(&partnership.jurisdiction)}
            " · Healthcare and public health sector"
        </p>
        <div class="prose" inner_html=description_html></div>
        {viewer_can_invite.then(|| view! {
            <p class="actions">
                <a class="button" href=format!("/p/{}/invite", partnership.slug)>"Invite a person"</a>
                " "
                <a class="button" href=format!("/p/{}/organisations/new", partnership.slug)>"Register an organisation"</a>
                " "
                <a class="button" href=format!("/p/{}/councils/new", partnership.slug)>"Create a council"</a>
                " "
                <a class="button" href=format!("/p/{}/groups/new", partnership.slug)>"Create a working group"</a>
            </p>
        })}
        <nav aria-label="About this partnership" class="page-links">
            <ul>
                {viewer_has_dashboard.then(|| view! {
                    <li><a href=format!("/p/{}/dashboard", partnership.slug)>"Your dashboard"</a></li>
                })}
                <li><a href=format!("/p/{}/plan", partnership.slug)>"Sector-Specific Plan"</a></li>
                <li><a href=format!("/p/{}/focal-points", partnership.slug)>"Focal points and their history"</a></li>
                <li><a href=format!("/p/{}/commitments", partnership.slug)>"Commitments and progress"</a></li>
                <li><a href=format!("/p/{}/decisions", partnership.slug)>"What was decided"</a></li>
                <li><a href=format!("/p/{}/participation", partnership.slug)>"Participation report"</a></li>
                <li><a href=format!("/p/{}/feed.atom", partnership.slug) type="application/atom+xml">"News feed (Atom)"</a></li>
                <li><a href=format!("/api/v1/partnerships/{}", partnership.slug) type="application/json">"Open data (JSON API)"</a></li>
            </ul>
        </nav>

        <section aria-labelledby="councils-heading">
            <h2 id="councils-heading">"Councils"</h2>
            {if councils.is_empty() {
                view! { <p>"No council is visible to you."</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {councils.into_iter().map(|c| view! { <CouncilCard council=c partnership=partnership.slug.clone()/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">"Working groups"</h2>
            {if working_groups.is_empty() {
                view! { <p>"No working group is visible to you."</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {working_groups.into_iter().map(|g| view! { <WorkingGroupCard group=g partnership=partnership.slug.clone()/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="focal-heading">
            <h2 id="focal-heading">"Focal points"</h2>
            <FocalPointTable focal_points/>
        </section>

        <section aria-labelledby="commitments-heading">
            <h2 id="commitments-heading">"Commitments"</h2>
            <CommitmentTable commitments/>
        </section>

        <section aria-labelledby="organisations-heading">
            <h2 id="organisations-heading">"Organisations"</h2>
            <p>
                {count(partnership.organisation_count, "organisation takes", "organisations take")}
                " part in this partnership."
            </p>
            <OrganisationFilter slug=partnership.slug.clone() initial_query=query organisations/>
        </section>
    }
}

#[component]
fn CouncilCard(council: CouncilSummary, partnership: String) -> impl IntoView {
    view! {
        <li class="card">
            <h3><a href=format!("/p/{partnership}/councils/{}", council.slug)>{council.name}</a></h3>
            <p class="meta">
                <span>{council.kind.label()}</span>
                " · "
                <span>{count(council.member_count, "member organisation", "member organisations")}</span>
                " "
                <TlpBadge label=council.tlp/>
            </p>
            {council.chair.map(|chair| view! { <p><span class="label">"Chair: "</span>{chair}</p> })}
            <p>{council.description}</p>
        </li>
    }
}

#[component]
fn WorkingGroupCard(group: WorkingGroupSummary, partnership: String) -> impl IntoView {
    let scope = if group.is_joint {
        "Joint working group (both councils)".to_owned()
    } else {
        match group.council_name {
            Some(council) => format!("Working group of the {council}"),
            None => "Working group".to_owned(),
        }
    };
    view! {
        <li class="card">
            <h3><a href=format!("/p/{partnership}/groups/{}", group.slug)>{group.name}</a></h3>
            <p class="meta">
                <span>{scope}</span>
                " · "
                <span>{count(group.voting_member_count, "voting member", "voting members")}</span>
                " of "
                <span>{group.member_count}</span>
                " "
                <TlpBadge label=group.tlp/>
            </p>
            {(!group.conveners.is_empty()).then(|| view! {
                <p>
                    <span class="label">"Conveners: "</span>
                    {group.conveners.into_iter().map(|c| format!("{} ({})", c.name, c.side.label().to_lowercase())).collect::<Vec<_>>().join("; ")}
                </p>
            })}
            <p>{group.summary}</p>
        </li>
    }
}

#[component]
fn FocalPointTable(focal_points: Vec<FocalPointSummary>) -> impl IntoView {
    if focal_points.is_empty() {
        return view! { <p>"No focal point is in office."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">"Focal points in office"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Organisation"</th>
                        <th scope="col">"For"</th>
                        <th scope="col">"Contact"</th>
                    </tr>
                </thead>
                <tbody>
                    {focal_points.into_iter().map(|f| view! {
                        <tr>
                            <td>{f.kind.label()}</td>
                            <td>
                                {f.person_name}
                                {(!f.title.is_empty()).then(|| view! { <br/><span class="muted">{f.title}</span> })}
                            </td>
                            <td>{f.organisation_name}</td>
                            <td>{f.scope_name.unwrap_or_else(|| "The whole partnership".to_owned())}</td>
                            <td><Contact channel=f.public_channel email=f.email phone=f.phone label=f.contact_tlp/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn CommitmentTable(commitments: Vec<CommitmentSummary>) -> impl IntoView {
    if commitments.is_empty() {
        return view! { <p>"No commitment is visible to you."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table id="commitment-list">
                <caption class="visually-hidden">"Commitments visible to you, by due date"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Commitment"</th>
                        <th scope="col">"Organisation"</th>
                        <th scope="col">"Objective"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col">"Label"</th>
                    </tr>
                </thead>
                <tbody>
                    {commitments.into_iter().map(|k| view! {
                        <tr>
                            <td>{k.title}</td>
                            <td>{k.organisation_name}</td>
                            <td>{k.objective_key}</td>
                            <td>{k.status.label()}</td>
                            <td>{k.due_date.display_long()}</td>
                            <td><TlpBadge label=k.tlp/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Contact(
    channel: String,
    email: Option<String>,
    phone: Option<String>,
    label: Tlp,
) -> impl IntoView {
    let channel_view = (!channel.is_empty()).then(|| {
        if channel.contains('@') && !channel.contains(' ') {
            view! { <a href=format!("mailto:{channel}")>{channel.clone()}</a> }.into_any()
        } else if channel.starts_with("https://") {
            view! { <a href=channel.clone()>{channel.clone()}</a> }.into_any()
        } else {
            view! { <span>{channel.clone()}</span> }.into_any()
        }
    });
    let direct = (email.is_some() || phone.is_some()).then(|| {
        view! {
            <span class="direct">
                {email.map(|e| view! { <a href=format!("mailto:{e}")>{e.clone()}</a> " " })}
                {phone}
                " "
                <TlpBadge label/>
            </span>
        }
    });
    view! { {channel_view} {direct} }
}
