//! Commitments: `/p/:slug/commitments` (the list, with overdue, stale, at-risk and proposed
//! filters), `/p/:slug/commitments/new` (a representative proposes one) and
//! `/p/:slug/commitments/:id` (one commitment: its progress reports, acceptance, status
//! changes and the report form). Plain forms: the same without JavaScript.

use crate::api::commitments::{
    CommitmentDetail, CommitmentForm, CommitmentList, CommitmentSummary, RollUpRow, get_commitment,
    get_commitment_form, get_commitments,
};
use crate::components::bar_chart::{BarChart, BarGroup};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{SelectField, TextAreaField, TextField, TlpField};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::Tlp;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn breadcrumb(
    slug: &str,
    short_name: &str,
    here: Option<(String, String)>,
) -> impl IntoView + use<> {
    view! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>{short_name.to_owned()}</a></li>
                <li><a href=format!("/p/{slug}/commitments")>"Commitments"</a></li>
                {here.map(|(label, href)| view! { <li><a href=href aria-current="page">{label}</a></li> })}
            </ol>
        </nav>
    }
}

/// The list.
#[component]
pub fn CommitmentsPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let show = use_query_map().read_untracked().get("show");
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, show) = (slug.clone(), show.clone());
                Suspend::new(async move {
                    match get_commitments(slug, show).await {
                        Ok(list) => view! { <CommitmentListView list/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

/// A table of commitments.
#[component]
pub fn CommitmentTable(
    /// The partnership's URL key.
    slug: String,
    /// The commitments.
    commitments: Vec<CommitmentSummary>,
    /// The table's caption.
    caption: &'static str,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="commitments">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Commitment"</th>
                        <th scope="col">"Organisation"</th>
                        <th scope="col">"Objective"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Progress"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col">"Label"</th>
                    </tr>
                </thead>
                <tbody>
                    {commitments.into_iter().map(|c| {
                        let flags = [c.overdue.then_some("overdue"), c.stale.then_some("no report for 90 days")]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>();
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/p/{slug}/commitments/{}", c.id)>{c.title}</a></th>
                                <td><a href=format!("/p/{slug}/o/{}", c.organisation_slug)>{c.organisation_name}</a></td>
                                <td>{c.objective_key}</td>
                                <td>{c.status.label()}
                                    {(!flags.is_empty()).then(|| view! { <strong class="flag">{format!(" ({})", flags.join(", "))}</strong> })}
                                </td>
                                <td>{c.percent.map(|p| format!("{p} %")).unwrap_or_else(|| "—".to_owned())}</td>
                                <td>{c.due_date.display_long()}</td>
                                <td><TlpBadge label=c.tlp/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CommitmentListView(list: CommitmentList) -> impl IntoView {
    let CommitmentList {
        partnership_slug: slug,
        partnership_short_name,
        show,
        commitments,
        counts,
        can_propose,
        by_side,
        by_size,
        by_organisation,
    } = list;
    let filters = [
        ("all", "All".to_owned()),
        ("overdue", format!("Overdue ({})", counts[0])),
        ("stale", format!("No report for 90 days ({})", counts[1])),
        ("at_risk", format!("At risk ({})", counts[2])),
        ("proposed", format!("Proposed ({})", counts[3])),
    ];
    let title = format!("Commitments of {partnership_short_name}");
    view! {
        <Title text=title.clone()/>
        {breadcrumb(&slug, &partnership_short_name, None)}
        <h1>{title}</h1>
        <p class="lead">"What member organisations pledged towards the objectives of the published plan, and how far they are."</p>
        <p class="actions">
            {can_propose.then(|| view! {
                <a class="button" href=format!("/p/{slug}/commitments/new")>"Propose a commitment"</a>" "
            })}
            <a href=format!("/p/{slug}/commitments.csv")>"Download as CSV"</a>
        </p>
        <nav aria-label="Filter commitments" class="page-links">
            <ul>
                {filters.into_iter().map(|(code, label)| {
                    let href = if code == "all" {
                        format!("/p/{slug}/commitments")
                    } else {
                        format!("/p/{slug}/commitments?show={code}")
                    };
                    let current = (code == show).then_some("page");
                    view! { <li><a href=href aria-current=current>{label}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        {if commitments.is_empty() {
            view! { <p>"No commitment matches."</p> }.into_any()
        } else {
            view! { <CommitmentTable slug=slug.clone() commitments caption="Commitments"/> }.into_any()
        }}
        {(!by_side.is_empty()).then(|| view! {
            <section aria-labelledby="rollup-heading">
                <h2 id="rollup-heading">"Progress by side, size and organisation"</h2>
                <p class="meta">"Mean progress of accepted, ongoing and completed commitments you may see (completed ones count 100 %)."</p>
                {roll_up_chart("progress-by-side", "Progress by side", &by_side)}
                {roll_up_chart("progress-by-size", "Progress by size class", &by_size)}
                {roll_up_table(&by_organisation)}
            </section>
        })}
    }
}

fn roll_up_chart(
    id: &'static str,
    title: &'static str,
    rows: &[RollUpRow],
) -> impl IntoView + use<> {
    let groups: Vec<BarGroup> = rows
        .iter()
        .map(|r| BarGroup {
            label: format!("{} ({})", r.label, r.counted),
            values: vec![r.percent.unwrap_or(0)],
        })
        .collect();
    view! { <BarChart id=id title=title series=vec!["Progress".to_owned()] groups max=100 suffix=" %"/> }
}

fn roll_up_table(rows: &[RollUpRow]) -> impl IntoView + use<> {
    view! {
        <div class="table-wrap">
            <table class="rollup">
                <caption>"Progress by organisation"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Organisation"</th>
                        <th scope="col">"Commitments counted"</th>
                        <th scope="col">"Mean progress"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.label.clone()}</th>
                            <td>{r.counted}</td>
                            <td>{r.percent.map(|p| format!("{p} %")).unwrap_or_else(|| "—".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The form to propose a commitment.
#[component]
pub fn NewCommitmentPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let error = form_error("propose_commitment");
    view! {
        <Title text="Propose a commitment"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, error) = (slug.clone(), error.clone());
                Suspend::new(async move {
                    match get_commitment_form(slug).await {
                        Ok(form) => view! { <NewCommitment form error/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <h1>"Propose a commitment"</h1>
                            <p>"Representatives of member organisations propose commitments. "
                               <a href="/account/sign-in">"Sign in"</a> " first."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn NewCommitment(form: CommitmentForm, error: Option<AppError>) -> impl IntoView {
    let e = |field: &str| field_messages(error.as_ref(), field);
    let slug = form.partnership_slug.clone();
    view! {
        {breadcrumb(&slug, &form.partnership_short_name, None)}
        <h1>"Propose a commitment"</h1>
        <p class="lead">{format!(
            "On behalf of {}. The secretariat accepts it (or the working group does, by a motion); \
             then your organisation reports its progress.",
            form.organisation_name
        )}</p>
        <ErrorSummary error=error.clone()/>
        {if form.objectives.is_empty() {
            view! { <p>"The partnership has no published plan with objectives yet."</p> }.into_any()
        } else {
            view! {
                <form method="post" action="/api/propose_commitment" class="stacked" id="propose-commitment">
                    <input type="hidden" name="partnership" value=slug.clone()/>
                    <SelectField id="commitment-objective" name="input[objective]" label="Objective"
                        options=form.objectives.clone() placeholder="Choose an objective" required=true errors=e("objective")/>
                    <TextField id="commitment-title" name="input[title]" label="Title" required=true maxlength=300 errors=e("title")/>
                    <TextAreaField id="commitment-description" name="input[description]" label="Description (Markdown)" errors=e("description")/>
                    <TextField id="commitment-deliverable" name="input[deliverable]" label="Deliverable" maxlength=1000 errors=e("deliverable")/>
                    <TextField id="commitment-start" name="input[start_date]" label="Start date" kind="date"
                        value=form.input.start_date.clone() required=true errors=e("start_date")/>
                    <TextField id="commitment-due" name="input[due_date]" label="Due date" kind="date" required=true errors=e("due_date")/>
                    <TlpField id="commitment-tlp" name="input[tlp]" label="TLP label" selected=Tlp::Green errors=e("tlp")/>
                    <button type="submit">"Propose the commitment"</button>
                </form>
            }.into_any()
        }}
    }
}

fn saved_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "proposed" => "The commitment is proposed. The secretariat will review it.",
        "accepted" => "The commitment is accepted.",
        "status" => "The status is changed.",
        "reported" => "The progress report is saved.",
        _ => return None,
    })
}

/// One commitment.
#[component]
pub fn CommitmentPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| saved_message(&code));
    let error = [
        "accept_commitment",
        "change_commitment_status",
        "report_progress",
    ]
    .into_iter()
    .find_map(form_error);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, error) = (slug.clone(), error.clone());
                Suspend::new(async move {
                    let result = match id {
                        Some(id) => get_commitment(slug, id).await,
                        None => Err(AppError::NotFound),
                    };
                    match result {
                        Ok(detail) => view! { <Commitment detail saved error/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Commitment(
    detail: CommitmentDetail,
    saved: Option<&'static str>,
    error: Option<AppError>,
) -> impl IntoView {
    let slug = detail.partnership_slug.clone();
    let c = detail.summary.clone();
    let id = c.id.to_string();
    let e = |field: &str| field_messages(error.as_ref(), field);
    let flags = [
        c.overdue.then_some("Overdue: the due date has passed."),
        c.stale.then_some("No progress report for 90 days."),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    let accept = detail.can_accept.then(|| {
        view! {
            <form method="post" action="/api/accept_commitment" class="inline-form">
                <input type="hidden" name="partnership" value=slug.clone()/>
                <input type="hidden" name="commitment" value=id.clone()/>
                <button type="submit">"Accept the commitment"</button>
            </form>
        }
    });
    let status_form = (!detail.next_statuses.is_empty()).then(|| {
        view! {
            <form method="post" action="/api/change_commitment_status" class="stacked" id="change-status">
                <input type="hidden" name="partnership" value=slug.clone()/>
                <input type="hidden" name="commitment" value=id.clone()/>
                <input type="hidden" name="from" value=c.status.code()/>
                <SelectField id="commitment-status" name="to" label="New status"
                    options=detail.next_statuses.clone() placeholder="Choose a status" required=true errors=e("to")/>
                <button type="submit" class="secondary">"Change the status"</button>
            </form>
        }
    });
    let report = detail.can_report.then(|| {
        view! {
            <section aria-labelledby="report-heading">
                <h2 id="report-heading">"Report progress"</h2>
                <form method="post" action="/api/report_progress" class="stacked" id="report-progress">
                    <input type="hidden" name="partnership" value=slug.clone()/>
                    <input type="hidden" name="commitment" value=id.clone()/>
                    <TextField id="progress-date" name="input[reported_on]" label="As of" kind="date"
                        value=detail.today.to_db_text() required=true errors=e("reported_on")/>
                    <TextField id="progress-percent" name="input[percent]" label="Done (%)" kind="number"
                        required=true errors=e("percent") value=c.percent.map(|p| p.to_string()).unwrap_or_default()/>
                    <TextAreaField id="progress-narrative" name="input[narrative]" label="What happened (Markdown)" rows=4 errors=e("narrative")/>
                    <TextField id="progress-evidence" name="input[evidence_url]" label="Evidence link (optional)" kind="url" errors=e("evidence_url")/>
                    <TlpField id="progress-tlp" name="input[tlp]" label="TLP label of the report" selected=c.tlp errors=e("tlp")/>
                    <button type="submit">"Save the report"</button>
                </form>
            </section>
        }
    });
    let updates = detail.updates.clone();
    view! {
        <Title text=c.title.clone()/>
        {breadcrumb(&slug, &detail.partnership_short_name, Some((format!("Commitment {}", c.id), format!("/p/{slug}/commitments/{}", c.id))))}
        <h1>{c.title.clone()}</h1>
        <p class="meta">
            <a href=format!("/p/{slug}/o/{}", c.organisation_slug)>{c.organisation_name.clone()}</a>
            " · " {c.status.label()} " · " <TlpBadge label=c.tlp/>
        </p>
        {saved.map(|m| view! { <div class="notice notice-success" role="status"><p>{m}</p></div> })}
        <ErrorSummary error=error.clone()/>
        {(!flags.is_empty()).then(|| view! {
            <div class="notice notice-error"><p>{flags.join(" ")}</p></div>
        })}
        <p class="commitment-progress">
            <label for="commitment-progress-bar">"Progress"</label>" "
            <progress id="commitment-progress-bar" max="100" value=c.percent.unwrap_or(0).to_string()>
                {format!("{} %", c.percent.unwrap_or(0))}
            </progress>" "
            <strong>{c.percent.map(|p| format!("{p} %")).unwrap_or_else(|| "No report yet".to_owned())}</strong>
        </p>
        <dl class="facts">
            <dt>"Objective"</dt>
            <dd>{match detail.objective.clone() {
                Some((number, title, link)) => view! { <a href=link>{format!("{number} {title}")}</a> }.into_any(),
                None => view! { <span>{format!("{} (not in the published plan)", c.objective_key)}</span> }.into_any(),
            }}</dd>
            <dt>"Deliverable"</dt>
            <dd>{if detail.deliverable.is_empty() { "—".to_owned() } else { detail.deliverable.clone() }}</dd>
            <dt>"Period"</dt>
            <dd>{format!("{} – {}", detail.start_date.display_long(), c.due_date.display_long())}</dd>
            {detail.proposed_by.clone().map(|p| view! { <dt>"Proposed by"</dt><dd>{p}</dd> })}
            {detail.accepted.clone().map(|a| view! { <dt>"Accepted"</dt><dd>{a}</dd> })}
        </dl>
        <div class="prose" inner_html=detail.description_html.clone()></div>
        {(accept.is_some() || status_form.is_some()).then(|| view! {
            <section aria-labelledby="manage-heading">
                <h2 id="manage-heading">"Status"</h2>
                <div class="actions">{accept}</div>
                {status_form}
            </section>
        })}
        {report}
        <section aria-labelledby="updates-heading">
            <h2 id="updates-heading">"Progress reports"</h2>
            {if updates.is_empty() {
                view! { <p>"No progress has been reported yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="progress-updates">
                        {updates.into_iter().map(|u| view! {
                            <li class="card">
                                <p><strong>{format!("{} %", u.percent)}</strong>
                                    {format!(" as of {}", u.reported_on.display_long())}
                                    {u.author.map(|a| format!(", reported by {a}"))}
                                    " " <TlpBadge label=u.tlp/></p>
                                {match u.narrative_html {
                                    Some(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
                                    None => view! { <p class="meta">"The report's text is not shown to you (its label)."</p> }.into_any(),
                                }}
                                {u.evidence_url.map(|url| view! { <p><a href=url.clone() rel="nofollow noopener">"Evidence"</a></p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
