//! `/p/:slug/motions/:id`: one motion: its text and rules, its outcome once closed, the
//! tally (live for roll-call motions, at close for anonymous ones), the roll call or the
//! electorate, and for a representative of a voting organisation the ballot panel: cast or
//! change the organisation's ballot, cast the ballots of proxies it holds, give or revoke
//! its proxy, recuse. Conveners open, close or withdraw it; a draft's rules are edited here.
//! Every action is a plain form, so the page works the same without JavaScript.

use crate::api::motions::{BallotView, ElectorView, MotionDetail, VoterPanel, get_motion};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{SelectField, TextAreaField};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::motion::{BallotChoice, BallotMode, MotionOutcome, MotionStatus};
use crate::domain::tally::{Counts, Tally};
use crate::error::AppError;
use crate::pages::motions::MotionFields;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const ENDPOINTS: [&str; 9] = [
    "update_motion",
    "open_motion",
    "close_motion",
    "withdraw_motion",
    "cast_ballot",
    "recuse_from_motion",
    "give_proxy",
    "revoke_proxy",
    "draft_motion",
];

fn saved_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "drafted" => "The draft is saved. Open it for voting when it is ready.",
        "updated" => "The draft is saved.",
        "opened" => "The motion is open: its electorate is fixed and its rules are locked.",
        "closed" => "The motion is closed and its outcome recorded.",
        "withdrawn" => "The motion is withdrawn.",
        "voted" => "Your organisation's ballot is recorded.",
        "changed" => "Your organisation's ballot is changed; the earlier one stays in its history.",
        "recused" => "Your organisation's recusal is recorded: it no longer votes on this motion.",
        "proxy" => "The proxy is given. You can revoke it until it is used.",
        "revoked" => "The proxy is revoked: your organisation votes itself again.",
        _ => return None,
    })
}

/// The motion's page.
#[component]
pub fn MotionPage() -> impl IntoView {
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
    let error = ENDPOINTS.into_iter().find_map(form_error);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, error) = (slug.clone(), error.clone());
                Suspend::new(async move {
                    let result = match id {
                        Some(id) => get_motion(slug, id).await,
                        None => Err(AppError::NotFound),
                    };
                    match result {
                        Ok(motion) => view! { <Motion motion saved error/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Motion(
    motion: MotionDetail,
    saved: Option<&'static str>,
    error: Option<AppError>,
) -> impl IntoView {
    let slug = motion.partnership_slug.clone();
    let group_url = format!("/p/{slug}/groups/{}", motion.group_slug);
    let status_line = match (motion.status, motion.outcome) {
        (MotionStatus::Closed, Some(outcome)) => format!("Closed: {}", outcome.label()),
        (MotionStatus::Open, _) => format!("Open until {}", motion.closes_at.display_short()),
        (status, _) => status.label().to_owned(),
    };
    let outcome_view = motion.outcome.map(|outcome| {
        let class = match outcome {
            MotionOutcome::Carried => "notice notice-success outcome",
            _ => "notice outcome",
        };
        view! {
            <section class=class aria-labelledby="outcome-heading">
                <h2 id="outcome-heading">{format!("Outcome: {}", outcome.label())}</h2>
                {motion.explanation.clone().map(|e| view! { <p>{e}</p> })}
                {motion.adoption_note.clone().map(|n| view! { <p>{n}</p> })}
                <p class="meta">{format!(
                    "Closed on {}{}.",
                    motion.closed_at.map(|t| t.display_short()).unwrap_or_default(),
                    match &motion.closed_by {
                        Some(by) => format!(" by {by}"),
                        None => " at its deadline".to_owned(),
                    }
                )}</p>
            </section>
        }
    });
    let manage = motion.can_manage.then(|| manage_view(&motion));
    let edit = motion.edit.clone().map(|form| {
        view! {
            <section aria-labelledby="edit-heading">
                <h2 id="edit-heading">"Edit the draft"</h2>
                <form method="post" action="/api/update_motion" class="stacked" id="edit-motion">
                    <input type="hidden" name="partnership" value=slug.clone()/>
                    <input type="hidden" name="motion" value=motion.id.to_string()/>
                    <MotionFields subjects=form.subjects input=form.input error=error.clone()/>
                    <button type="submit">"Save the draft"</button>
                </form>
            </section>
        }
    });
    let voter = motion
        .voter
        .clone()
        .map(|panel| voter_view(&slug, motion.id, panel, error.clone()));
    let tally = tally_view(&motion);
    let electorate = electorate_view(&motion);
    view! {
        <Title text=motion.title.clone()/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>{motion.partnership_short_name.clone()}</a></li>
                <li><a href=group_url.clone()>{motion.group_name.clone()}</a></li>
                <li><a href=format!("{group_url}/motions")>"Motions"</a></li>
                <li><a href=format!("/p/{slug}/motions/{}", motion.id) aria-current="page">{format!("Motion {}", motion.id)}</a></li>
            </ol>
        </nav>
        <h1>{motion.title.clone()}</h1>
        <p class="meta">
            {motion.kind.label()} " · " <span class="motion-status">{status_line}</span> " · "
            <TlpBadge label=motion.tlp/>
        </p>
        {saved.map(|m| view! { <div class="notice notice-success" role="status"><p>{m}</p></div> })}
        <ErrorSummary error=error.clone()/>
        {outcome_view}
        {motion.subject.clone().map(|(label, href)| view! {
            <p><strong>"Decides on: "</strong>
                {match href {
                    Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                    None => view! { <span>{label}</span> }.into_any(),
                }}
            </p>
        })}
        <section aria-labelledby="text-heading">
            <h2 id="text-heading">"Text"</h2>
            <div class="prose" inner_html=motion.body_html.clone()></div>
        </section>
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">"Rules"</h2>
            <dl class="facts motion-rules">
                <dt>"Voting window"</dt>
                <dd>{format!("{} – {}", motion.opens_at.display_short(), motion.closes_at.display_short())}</dd>
                <dt>"Quorum"</dt>
                <dd>{format!("{} % of the members cast a ballot (abstentions count)", motion.rules.quorum_percent)}</dd>
                <dt>"Threshold"</dt>
                <dd>{motion.rules.threshold.label()}</dd>
                <dt>"Dual majority"</dt>
                <dd>{if motion.rules.dual_majority {
                    "Yes: the threshold must hold among public and among industry members separately"
                } else {
                    "No"
                }}</dd>
                <dt>"Ballots"</dt>
                <dd>{match motion.ballot_mode {
                    BallotMode::RollCall => "Roll call: who voted how is shown",
                    BallotMode::Anonymous => "Anonymous: only the counts are shown, when voting closes",
                }}</dd>
                {motion.proposed_by.clone().map(|p| view! { <dt>"Drafted by"</dt><dd>{p}</dd> })}
                {motion.opened_at.map(|t| view! { <dt>"Opened"</dt><dd>{t.display_short()}</dd> })}
            </dl>
        </section>
        {voter}
        {tally}
        {electorate}
        {manage}
        {edit}
    }
}

fn manage_view(motion: &MotionDetail) -> impl IntoView + use<> {
    let slug = motion.partnership_slug.clone();
    let id = motion.id.to_string();
    let form = |endpoint: &'static str, label: &'static str, class: &'static str| {
        view! {
            <form method="post" action=format!("/api/{endpoint}") class="inline-form">
                <input type="hidden" name="partnership" value=slug.clone()/>
                <input type="hidden" name="motion" value=id.clone()/>
                <button type="submit" class=class>{label}</button>
            </form>
        }
    };
    let buttons = match motion.status {
        MotionStatus::Draft => Some(
            view! {
                {form("open_motion", "Open for voting", "")}
                {form("withdraw_motion", "Withdraw the motion", "secondary")}
            }
            .into_any(),
        ),
        MotionStatus::Open => Some(
            view! {
                {form("close_motion", "Close voting now", "")}
                {form("withdraw_motion", "Withdraw the motion", "secondary")}
            }
            .into_any(),
        ),
        _ => None,
    };
    buttons.map(|buttons| {
        view! {
            <section aria-labelledby="manage-heading">
                <h2 id="manage-heading">"Convener"</h2>
                <p>{match motion.status {
                    MotionStatus::Draft => "Opening fixes the electorate (the group's voting members today) and locks the rules.",
                    _ => "Closing now counts the ballots cast so far and records the outcome; it cannot be undone.",
                }}</p>
                <div class="actions">{buttons}</div>
            </section>
        }
    })
}

fn ballot_words(b: &BallotView) -> String {
    let by = b
        .cast_by
        .clone()
        .unwrap_or_else(|| "a former representative".to_owned());
    let via = b
        .via_proxy
        .as_ref()
        .map(|holder| format!(" of {holder}, holding the proxy,"))
        .unwrap_or_default();
    format!(
        "{} — cast by {by}{via} on {}",
        b.choice.label(),
        b.cast_at.display_short()
    )
}

/// Radio buttons for yes, no, abstain in a fieldset, and the button.
fn ballot_form(
    slug: &str,
    motion: i64,
    prefix: String,
    legend: String,
    organisation: Option<i64>,
    replaces: Option<&BallotView>,
) -> impl IntoView + use<> {
    let button = if replaces.is_some() {
        "Change the ballot"
    } else {
        "Cast the ballot"
    };
    let checked = replaces.map(|b| b.choice);
    view! {
        <form method="post" action="/api/cast_ballot" class="ballot-form">
            <input type="hidden" name="partnership" value=slug.to_owned()/>
            <input type="hidden" name="motion" value=motion.to_string()/>
            {organisation.map(|o| view! { <input type="hidden" name="organisation" value=o.to_string()/> })}
            {replaces.map(|b| view! { <input type="hidden" name="replaces" value=b.id.to_string()/> })}
            <fieldset>
                <legend>{legend}</legend>
                {BallotChoice::ALL.iter().map(|choice| {
                    let id = format!("{prefix}-{}", choice.code());
                    let label_for = id.clone();
                    view! {
                        <div class="field checkbox">
                            <label for=label_for>
                                <input type="radio" id=id name="choice" value=choice.code()
                                    required=true checked=checked == Some(*choice)/>
                                {choice.label()}
                            </label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit">{button}</button>
        </form>
    }
}

fn voter_view(
    slug: &str,
    motion: i64,
    panel: VoterPanel,
    error: Option<AppError>,
) -> impl IntoView + use<> {
    let VoterPanel {
        organisation_name,
        blocked,
        current,
        history,
        proxy_given,
        proxies_held,
        proxy_targets,
    } = panel;
    let can_act = blocked.is_none();
    let state = match (&current, &proxy_given) {
        (Some(b), _) => view! {
            <p class="voted"><strong>"Your organisation has voted: "</strong>{ballot_words(b)}</p>
        }
        .into_any(),
        (None, Some((holder, used))) => view! {
            <p><strong>{format!("{organisation_name} gave its proxy to {holder}")}</strong>
                {if *used { " (used: its ballot is cast)." } else { " (not used yet)." }}</p>
        }
        .into_any(),
        (None, None) => {
            view! { <p><strong>"Your organisation has not voted yet."</strong></p> }.into_any()
        }
    };
    let own_form = (can_act && proxy_given.is_none()).then(|| {
        ballot_form(
            slug,
            motion,
            "ballot".to_owned(),
            if current.is_some() {
                format!("Change the ballot of {organisation_name}")
            } else {
                format!("The ballot of {organisation_name}")
            },
            None,
            current.as_ref(),
        )
    });
    let held = (!proxies_held.is_empty()).then(|| {
        view! {
            <h3>"Proxies you hold"</h3>
            {proxies_held.into_iter().map(|p| {
                let words = p.current.as_ref().map(ballot_words);
                view! {
                    <div class="proxy-held">
                        <p>{format!("{} gave your organisation its proxy. ", p.from_name)}
                            {match words {
                                Some(w) => format!("Its ballot: {w}."),
                                None => "It has not voted yet.".to_owned(),
                            }}</p>
                        {can_act.then(|| ballot_form(
                            slug,
                            motion,
                            format!("proxy-{}", p.from_organisation_id),
                            format!("The ballot of {} (by proxy)", p.from_name),
                            Some(p.from_organisation_id),
                            p.current.as_ref(),
                        ))}
                    </div>
                }
            }).collect_view()}
        }
    });
    let revoke = proxy_given
        .as_ref()
        .filter(|(_, used)| !used && can_act)
        .map(|_| {
            view! {
                <form method="post" action="/api/revoke_proxy" class="inline-form">
                    <input type="hidden" name="partnership" value=slug.to_owned()/>
                    <input type="hidden" name="motion" value=motion.to_string()/>
                    <button type="submit" class="secondary">"Revoke the proxy"</button>
                </form>
            }
        });
    let give = (can_act && current.is_none() && proxy_given.is_none() && !proxy_targets.is_empty())
        .then(|| {
            let options = proxy_targets
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone()))
                .collect::<Vec<_>>();
            view! {
                <details class="proxy-give">
                    <summary>"Give your organisation's proxy"</summary>
                    <form method="post" action="/api/give_proxy" class="stacked">
                        <input type="hidden" name="partnership" value=slug.to_owned()/>
                        <input type="hidden" name="motion" value=motion.to_string()/>
                        <SelectField id="proxy-to" name="to" label="Organisation that will cast your ballot"
                            options placeholder="Choose an organisation" required=true
                            errors=field_messages(error.as_ref(), "to")/>
                        <button type="submit" class="secondary">"Give the proxy"</button>
                    </form>
                </details>
            }
        });
    let recuse = can_act.then(|| {
        view! {
            <details class="recuse">
                <summary>"Declare a conflict of interest"</summary>
                <form method="post" action="/api/recuse_from_motion" class="stacked">
                    <input type="hidden" name="partnership" value=slug.to_owned()/>
                    <input type="hidden" name="motion" value=motion.to_string()/>
                    <p>"Your organisation leaves this motion's electorate: any ballot it cast stops counting. This cannot be undone."</p>
                    <TextAreaField id="recusal-reason" name="reason" label="The conflict of interest"
                        rows=3 errors=field_messages(error.as_ref(), "reason")/>
                    <button type="submit" class="secondary">"Recuse my organisation"</button>
                </form>
            </details>
        }
    });
    let history_view = (history.len() > 1).then(|| {
        view! {
            <h3>"Ballot history"</h3>
            <ol class="ballot-history">
                {history.iter().map(|b| view! {
                    <li>{ballot_words(b)}{if b.is_current { " (counts)" } else { " (replaced)" }}</li>
                }).collect_view()}
            </ol>
        }
    });
    view! {
        <section aria-labelledby="your-ballot-heading" id="your-ballot" class="card voter-panel">
            <h2 id="your-ballot-heading">{format!("Your ballot: {organisation_name}")}</h2>
            {blocked.map(|b| view! { <p class="notice">{b}</p> })}
            {state}
            {own_form}
            {revoke}
            {held}
            {give}
            {recuse}
            {history_view}
        </section>
    }
}

fn counts_row(name: &'static str, c: Counts) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>{c.yes}</td>
            <td>{c.no}</td>
            <td>{c.abstain}</td>
            <td>{c.not_voted}</td>
            <td>{c.electorate}</td>
        </tr>
    }
}

fn tally_view(motion: &MotionDetail) -> impl IntoView + use<> {
    let live = motion.status == MotionStatus::Open;
    match (&motion.tally, motion.turnout) {
        (Some(tally), _) => {
            let Tally {
                by_side,
                quorum_needed,
                quorum_reached,
                recused,
                ..
            } = tally.clone();
            let cast = tally.yes + tally.no + tally.abstain;
            view! {
                <section aria-labelledby="tally-heading">
                    <h2 id="tally-heading">{if live { "Tally so far" } else { "Tally" }}</h2>
                    {live.then(|| motion.explanation.clone().map(|e| view! {
                        <p>{format!("If voting closed now — {e}")}</p>
                    }))}
                    <div class="table-wrap">
                        <table class="tally">
                            <caption class="visually-hidden">"Ballots by side"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Members"</th>
                                    <th scope="col">"Yes"</th>
                                    <th scope="col">"No"</th>
                                    <th scope="col">"Abstain"</th>
                                    <th scope="col">"Not voted"</th>
                                    <th scope="col">"Members voting"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {counts_row("Public", by_side.public)}
                                {counts_row("Industry (private and non-profit)", by_side.industry)}
                                {counts_row("All", tally.counts())}
                            </tbody>
                        </table>
                    </div>
                    <p>{format!(
                        "{cast} ballot{} cast; quorum {quorum_needed} {}{}.",
                        if cast == 1 { "" } else { "s" },
                        if quorum_reached { "reached" } else { "not reached" },
                        if recused > 0 { format!("; {recused} recused") } else { String::new() }
                    )}</p>
                </section>
            }
            .into_any()
        }
        (None, Some((cast, electorate))) => view! {
            <section aria-labelledby="tally-heading">
                <h2 id="tally-heading">"Turnout"</h2>
                <p>{format!("{cast} of {electorate} members have voted. Ballots are anonymous: the counts are shown when voting closes.")}</p>
            </section>
        }
        .into_any(),
        (None, None) => ().into_any(),
    }
}

fn elector_row(e: ElectorView, slug: &str, roll_call: bool) -> impl IntoView + use<> {
    let ballot = if e.recusal.is_some() {
        "Recused".to_owned()
    } else {
        match &e.ballot {
            Some(b) => b.choice.label().to_owned(),
            None => "Not voted".to_owned(),
        }
    };
    let note = [
        e.recusal.clone(),
        e.proxy_to.as_ref().map(|to| format!("Proxy given to {to}")),
        e.ballot.as_ref().map(|b| {
            ballot_words(b)
                .split_once(" — ")
                .map(|(_, rest)| rest.to_owned())
                .unwrap_or_default()
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ");
    view! {
        <tr>
            <th scope="row"><a href=format!("/p/{slug}/o/{}", e.slug)>{e.name}</a></th>
            <td>{e.side.label()}</td>
            {roll_call.then(|| view! { <td class="ballot-choice">{ballot}</td> })}
            <td>{note}</td>
        </tr>
    }
}

fn electorate_view(motion: &MotionDetail) -> impl IntoView + use<> {
    if motion.electorate.is_empty() {
        return (motion.status == MotionStatus::Draft)
            .then(|| view! {
                <p>"The electorate is fixed when the motion opens: the group's voting members on that day."</p>
            })
            .into_any();
    }
    let roll_call = motion.ballot_mode == BallotMode::RollCall;
    let slug = motion.partnership_slug.clone();
    view! {
        <section aria-labelledby="electorate-heading">
            <h2 id="electorate-heading">{if roll_call { "Roll call" } else { "Electorate" }}</h2>
            <div class="table-wrap">
                <table class="roll-call">
                    <caption class="visually-hidden">{if roll_call { "How each member voted" } else { "Members voting on the motion" }}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Organisation"</th>
                            <th scope="col">"Side"</th>
                            {roll_call.then(|| view! { <th scope="col">"Ballot"</th> })}
                            <th scope="col">"Notes"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {motion.electorate.clone().into_iter().map(|e| elector_row(e, &slug, roll_call)).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
