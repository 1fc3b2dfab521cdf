//! `/p/:slug/groups/:group/motions`: a working group's motions (open ones with their
//! deadlines, drafts for those who may draft, closed ones with their outcomes) and the link
//! to its calendar feed; `/p/:slug/groups/:group/motions/new`: the form to draft a motion.
//! [`MotionFields`] is shared with a draft's edit form on the motion page.

use crate::api::motions::{GroupMotions, MotionForm, MotionInput, MotionSummary};
use crate::api::motions::{get_group_motions, get_motion_form};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{CheckboxField, SelectField, TextAreaField, TextField, TlpField};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::Tlp;
use crate::domain::motion::{BallotMode, MotionStatus, Threshold};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The group's motions.
#[component]
pub fn GroupMotionsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let group = params.read_untracked().get("group").unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, group) = (slug.clone(), group.clone());
                Suspend::new(async move {
                    match get_group_motions(slug, group).await {
                        Ok(motions) => view! { <GroupMotionsView motions/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn GroupMotionsView(motions: GroupMotions) -> impl IntoView {
    let GroupMotions {
        partnership_slug,
        partnership_short_name,
        group_slug,
        group_name,
        open,
        drafts,
        closed,
        can_draft,
    } = motions;
    let group_url = format!("/p/{partnership_slug}/groups/{group_slug}");
    let title = format!("Motions of {group_name}");
    let ics = format!("{group_url}/motions.ics");
    view! {
        <Title text=title.clone()/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{partnership_slug}")>{partnership_short_name}</a></li>
                <li><a href=group_url.clone()>{group_name.clone()}</a></li>
                <li><a href=format!("{group_url}/motions") aria-current="page">"Motions"</a></li>
            </ol>
        </nav>
        <h1>{title}</h1>
        <p class="actions">
            {can_draft.then(|| view! {
                <a class="button" href=format!("{group_url}/motions/new")>"Draft a motion"</a>
                " "
            })}
            <a href=ics>"Calendar of voting deadlines (iCal)"</a>
            " · "
            <a href=format!("/p/{partnership_slug}/decisions")>"What the partnership decided"</a>
        </p>
        <section aria-labelledby="open-heading">
            <h2 id="open-heading">"Open for voting"</h2>
            <MotionTable motions=open slug=partnership_slug.clone() caption="Motions open for voting"
                empty="No motion is open for voting."/>
        </section>
        {(!drafts.is_empty()).then(|| view! {
            <section aria-labelledby="drafts-heading">
                <h2 id="drafts-heading">"Drafts"</h2>
                <MotionTable motions=drafts slug=partnership_slug.clone() caption="Draft motions"
                    empty=""/>
            </section>
        })}
        <section aria-labelledby="closed-heading">
            <h2 id="closed-heading">"Closed and withdrawn"</h2>
            <MotionTable motions=closed slug=partnership_slug.clone() caption="Closed and withdrawn motions"
                empty="No motion has closed yet."/>
        </section>
    }
}

/// The state of a motion in a few words: its outcome with the counts, or its window.
pub fn motion_state(m: &MotionSummary) -> String {
    match (m.status, m.outcome, m.counts) {
        (MotionStatus::Closed, Some(outcome), Some([yes, no, abstain, electorate])) => format!(
            "{}: {yes} yes, {no} no, {abstain} abstaining of {electorate}",
            outcome.label()
        ),
        (MotionStatus::Open, _, _) => format!("Open until {}", m.closes_at.display_short()),
        (MotionStatus::Draft, _, _) => format!(
            "Draft; voting planned {} – {}",
            m.opens_at.display_short(),
            m.closes_at.display_short()
        ),
        (status, _, _) => status.label().to_owned(),
    }
}

/// A table of motions with their state.
#[component]
pub fn MotionTable(
    /// The motions, in the order to show.
    motions: Vec<MotionSummary>,
    /// The partnership's URL key.
    slug: String,
    /// The table's caption (for screen readers).
    caption: &'static str,
    /// What to say when there is none.
    empty: &'static str,
    /// Whether to name each motion's working group.
    #[prop(optional)]
    with_group: bool,
) -> impl IntoView {
    if motions.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="motions">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Motion"</th>
                        {with_group.then(|| view! { <th scope="col">"Working group"</th> })}
                        <th scope="col">"Kind"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Label"</th>
                    </tr>
                </thead>
                <tbody>
                    {motions.into_iter().map(|m| {
                        let state = motion_state(&m);
                        let group = with_group.then(|| view! {
                            <td><a href=format!("/p/{slug}/groups/{}", m.group_slug)>{m.group_name.clone()}</a></td>
                        });
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/p/{slug}/motions/{}", m.id)>{m.title}</a></th>
                                {group}
                                <td>{m.kind.label()}</td>
                                <td class=format!("motion-state motion-{}", m.outcome.map(|o| o.code()).unwrap_or(m.status.code()))>{state}</td>
                                <td><TlpBadge label=m.tlp/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The form to draft a motion.
#[component]
pub fn NewMotionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let group = params.read_untracked().get("group").unwrap_or_default();
    let error = form_error("draft_motion");
    view! {
        <Title text="Draft a motion"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, group, error) = (slug.clone(), group.clone(), error.clone());
                Suspend::new(async move {
                    match get_motion_form(slug, group).await {
                        Ok(form) => view! { <NewMotion form error/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <h1>"Draft a motion"</h1>
                            <p>"Only the group's conveners and the partnership's secretariat draft motions. "
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
fn NewMotion(form: MotionForm, error: Option<AppError>) -> impl IntoView {
    let group_url = format!("/p/{}/groups/{}", form.partnership_slug, form.group_slug);
    view! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{}", form.partnership_slug)>{form.partnership_short_name.clone()}</a></li>
                <li><a href=group_url.clone()>{form.group_name.clone()}</a></li>
                <li><a href=format!("{group_url}/motions")>"Motions"</a></li>
            </ol>
        </nav>
        <h1>"Draft a motion"</h1>
        <p class="lead">"The motion stays a draft, editable, until a convener opens it for voting. "
            "Its rules are locked from then on."</p>
        <ErrorSummary error=error.clone()/>
        <form method="post" action="/api/draft_motion" class="stacked" id="draft-motion">
            <input type="hidden" name="partnership" value=form.partnership_slug.clone()/>
            <input type="hidden" name="group" value=form.group_slug.clone()/>
            <MotionFields subjects=form.subjects input=form.input error/>
            <button type="submit">"Save the draft"</button>
        </form>
        <p><a href=format!("{group_url}/motions")>"Back to the motions"</a></p>
    }
}

/// The fields of a motion's text and rules, named `input[…]`.
#[component]
pub fn MotionFields(
    /// What the motion can decide: (form code, label).
    subjects: Vec<(String, String)>,
    /// The values to show.
    input: MotionInput,
    /// The error the form came back with.
    error: Option<AppError>,
) -> impl IntoView {
    let e = |field: &str| field_messages(error.as_ref(), field);
    let thresholds = Threshold::ALL
        .iter()
        .map(|t| (t.code().to_owned(), t.label().to_owned()))
        .collect::<Vec<_>>();
    let modes = BallotMode::ALL
        .iter()
        .map(|m| (m.code().to_owned(), m.label().to_owned()))
        .collect::<Vec<_>>();
    let tlp = input.tlp.parse::<Tlp>().unwrap_or(Tlp::Green);
    view! {
        <SelectField id="motion-subject" name="input[subject]" label="What the motion decides"
            options=subjects selected=input.subject.clone() errors=e("subject") required=true/>
        <TextField id="motion-title" name="input[title]" label="Title" value=input.title.clone()
            errors=e("title") required=true maxlength=300/>
        <TextAreaField id="motion-body" name="input[body]" label="Text of the motion (Markdown)"
            value=input.body.clone() errors=e("body") rows=8/>
        <TlpField id="motion-tlp" name="input[tlp]" label="TLP label" selected=tlp errors=e("tlp")/>
        <fieldset>
            <legend>"Voting window (UTC)"</legend>
            <TextField id="motion-opens" name="input[opens_at]" label="Voting opens" kind="datetime-local"
                value=input.opens_at.clone() errors=e("opens_at") required=true
                hint="Date and time in UTC. Ballots are accepted from this moment once a convener opens the motion."/>
            <TextField id="motion-closes" name="input[closes_at]" label="Voting closes" kind="datetime-local"
                value=input.closes_at.clone() errors=e("closes_at") required=true
                hint="Date and time in UTC. The motion closes by itself then, and the outcome is recorded."/>
        </fieldset>
        <fieldset>
            <legend>"Rules"</legend>
            <TextField id="motion-quorum" name="input[quorum_percent]" label="Quorum (% of the members who must cast a ballot)"
                kind="number" value=input.quorum_percent.clone() errors=e("quorum_percent") required=true
                hint="Abstentions count towards the quorum."/>
            <SelectField id="motion-threshold" name="input[threshold]" label="Threshold"
                options=thresholds selected=input.threshold.clone() errors=e("threshold") required=true/>
            <CheckboxField id="motion-dual" name="input[dual_majority]"
                label="Dual majority: the threshold must hold among public and among industry members separately"
                checked=input.dual_majority.is_some()/>
            <SelectField id="motion-mode" name="input[ballot_mode]" label="Ballots"
                options=modes selected=input.ballot_mode.clone() errors=e("ballot_mode") required=true/>
        </fieldset>
    }
}
