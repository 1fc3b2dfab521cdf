//! `/p/:slug/groups/:group`: a working group: its charter (when the viewer may read it), its
//! conveners, its voting and non-voting members with their representatives, their history,
//! and for those who manage its roster, the forms to edit the group, appoint and end
//! conveners, and seat, change or end members.

use crate::api::choices::{Choices, PersonChoice};
use crate::api::working_groups::{
    ConvenerView, WorkingGroupDetail, WorkingGroupInput, get_working_group,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{
    CheckboxField, PersonField, SelectField, TextAreaField, TextField, TlpField,
};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::roster::{RosterBody, RosterTables};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::partnership::Side;
use crate::domain::{Timestamp, Tlp};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The working group's page.
#[component]
pub fn WorkingGroupPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let group = params.read_untracked().get("group").unwrap_or_default();
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let error = [
        "update_working_group",
        "appoint_convener",
        "end_convener",
        "add_group_member",
        "update_group_member",
        "end_group_member",
    ]
    .into_iter()
    .find_map(form_error);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, group, error) = (slug.clone(), group.clone(), error.clone());
                Suspend::new(async move {
                    match get_working_group(slug, group).await {
                        Ok(detail) => view! { <WorkingGroup detail saved error/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn WorkingGroup(detail: WorkingGroupDetail, saved: bool, error: Option<AppError>) -> impl IntoView {
    let WorkingGroupDetail {
        partnership_slug,
        partnership_short_name,
        slug,
        name,
        is_joint,
        council,
        summary,
        tlp,
        charter_html,
        charter_tlp,
        conveners,
        past_conveners,
        roster,
        manage,
    } = detail;
    let body = RosterBody {
        partnership: partnership_slug.clone(),
        field: "group",
        slug: slug.clone(),
    };
    let scope = if is_joint {
        view! { <span>"Joint working group of both councils"</span> }.into_any()
    } else {
        match council {
            Some((council_slug, council_name)) => view! {
                <span>"Working group of the "
                    <a href=format!("/p/{partnership_slug}/councils/{council_slug}")>{council_name}</a>
                </span>
            }
            .into_any(),
            None => view! { <span>"Working group of one council"</span> }.into_any(),
        }
    };
    let missing_side = is_joint.then(|| {
        [Side::Public, Side::Private]
            .into_iter()
            .filter(|side| !conveners.iter().any(|c| c.side == *side))
            .map(|side| side.label().to_lowercase())
            .collect::<Vec<_>>()
    });
    let manages = manage.is_some();
    let people = manage.as_ref().map(|(_, choices)| choices.people.clone());
    let charter_view = match charter_html {
        Some(html) if html.trim().is_empty() => {
            view! { <p>"No charter has been written yet."</p> }.into_any()
        }
        Some(html) => view! { <div class="prose charter" inner_html=html></div> }.into_any(),
        None => view! {
            <p>"The charter is labelled " {charter_tlp.label()} ": " {charter_tlp.audience()}
               " It is not shown to you."</p>
        }
        .into_any(),
    };
    let manage_view = manage.map(|(input, choices)| {
        view! {
            <AppointConvenerForm body=body.clone() people=choices.people.clone() error=error.clone()/>
            <AddGroupMemberForm body=body.clone() is_joint choices=choices.clone() error=error.clone()/>
            <EditGroupForm body=body.clone() input error=error.clone()/>
        }
    });
    view! {
        <Title text=name.clone()/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{partnership_slug}")>{partnership_short_name}</a></li>
                <li><a href=format!("/p/{partnership_slug}/groups/{slug}") aria-current="page">{name.clone()}</a></li>
            </ol>
        </nav>
        <h1>{name}</h1>
        <p class="meta">{scope} " " <TlpBadge label=tlp/></p>
        {saved.then(|| view! { <div class="notice notice-success" role="status"><p>"Saved."</p></div> })}
        <ErrorSummary error=error.clone()/>
        {(!summary.is_empty()).then(|| view! { <p class="lead">{summary}</p> })}
        <p class="actions"><a href=format!("/p/{partnership_slug}/groups/{slug}/motions")>"Motions and votes of this group"</a></p>

        <section aria-labelledby="conveners-heading" id="conveners">
            <h2 id="conveners-heading">"Conveners"</h2>
            {missing_side.filter(|m| !m.is_empty()).map(|missing| view! {
                <p class="notice">{format!("This joint group has no {} convener in office.", missing.join(" or "))}</p>
            })}
            <ConvenerTable conveners body=body.clone() manages caption="Conveners in office"/>
            {(!past_conveners.is_empty()).then(|| view! {
                <h3>"Former conveners"</h3>
                <ConvenerTable conveners=past_conveners body=body.clone() manages=false caption="Former conveners"/>
            })}
        </section>

        <section aria-labelledby="charter-heading">
            <h2 id="charter-heading">"Charter " <TlpBadge label=charter_tlp/></h2>
            {charter_view}
        </section>

        <section aria-labelledby="roster-heading" id="roster">
            <h2 id="roster-heading">"Members"</h2>
            <RosterTables roster body people=people.unwrap_or_default()/>
        </section>
        {manage_view}
    }
}

#[component]
fn ConvenerTable(
    conveners: Vec<ConvenerView>,
    body: RosterBody,
    manages: bool,
    caption: &'static str,
) -> impl IntoView {
    if conveners.is_empty() {
        return view! { <p>"No convener is in office."</p> }.into_any();
    }
    let today = Timestamp::now().date().to_db_text();
    view! {
        <div class="table-wrap">
            <table class="conveners">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Convener"</th>
                        <th scope="col">"Side"</th>
                        <th scope="col">"Term"</th>
                        {manages.then(|| view! { <th scope="col">"Manage"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {conveners.into_iter().map(|c| {
                        let term = match c.term_end {
                            Some(end) => format!("{} – {}", c.term_start.display_long(), end.display_long()),
                            None => format!("since {}", c.term_start.display_long()),
                        };
                        let end_id = format!("convener-{}-end", c.id);
                        let form = (manages && c.term_end.is_none()).then(|| view! {
                            <td>
                                <form method="post" action="/api/end_convener" class="inline-form">
                                    <input type="hidden" name="partnership" value=body.partnership.clone()/>
                                    <input type="hidden" name="group" value=body.slug.clone()/>
                                    <input type="hidden" name="convener" value=c.id.to_string()/>
                                    <label for=end_id.clone()>"Last day"<span class="visually-hidden">{format!(" of {}", c.name)}</span></label>
                                    <input id=end_id type="date" name="term_end" required value=today.clone()/>
                                    <button type="submit" class="secondary">"End the term"</button>
                                </form>
                            </td>
                        });
                        view! {
                            <tr>
                                <th scope="row">{c.name}</th>
                                <td>{c.side.label()}</td>
                                <td>{term}</td>
                                {form}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AppointConvenerForm(
    body: RosterBody,
    people: Vec<PersonChoice>,
    error: Option<AppError>,
) -> impl IntoView {
    let error = error.filter(|_| form_error("appoint_convener").is_some());
    let messages = |field: &str| field_messages(error.as_ref(), field);
    view! {
        <section aria-labelledby="appoint-convener-heading">
            <h2 id="appoint-convener-heading">"Appoint a convener"</h2>
            <p class="hint">"A person of a government organisation convenes for the public side; anyone else for the private side. A joint group has one of each."</p>
            <form method="post" action="/api/appoint_convener" class="stacked" id="appoint-convener">
                <input type="hidden" name="partnership" value=body.partnership.clone()/>
                <input type="hidden" name="group" value=body.slug.clone()/>
                <PersonField id="convener-person" name="person" label="Convener" people
                    placeholder="Choose a person" errors=messages("person") required=true/>
                <TextField id="convener-term-start" name="term_start" label="First day of the term" kind="date"
                    value=Timestamp::now().date().to_db_text() errors=messages("term_start") required=true/>
                <TextField id="convener-term-end" name="term_end" label="Last day of the term (optional)" kind="date"
                    errors=messages("term_end")/>
                <button type="submit">"Appoint the convener"</button>
            </form>
        </section>
    }
}

#[component]
fn AddGroupMemberForm(
    body: RosterBody,
    is_joint: bool,
    choices: Choices,
    error: Option<AppError>,
) -> impl IntoView {
    let error = error.filter(|_| form_error("add_group_member").is_some());
    let messages = |field: &str| field_messages(error.as_ref(), field);
    let voting_errors = messages("voting");
    let rule = if is_joint {
        "Voting members of a joint group hold a seat on the Government or the Sector Coordinating Council."
    } else {
        "Voting members hold a seat on the group's council."
    };
    view! {
        <section aria-labelledby="add-group-member-heading">
            <h2 id="add-group-member-heading">"Seat an organisation"</h2>
            <p class="hint">{rule} " The principal and the alternate must be people of that organisation."</p>
            <form method="post" action="/api/add_group_member" class="stacked" id="add-group-member">
                <input type="hidden" name="partnership" value=body.partnership.clone()/>
                <input type="hidden" name="group" value=body.slug.clone()/>
                <SelectField id="group-member-organisation" name="input[organisation]" label="Organisation"
                    options=choices.organisation_options() placeholder="Choose an organisation"
                    errors=messages("organisation") required=true/>
                {(!voting_errors.is_empty()).then(|| view! {
                    <p class="field-error" id="group-member-voting-error">{voting_errors.join(" ")}</p>
                })}
                <CheckboxField id="group-member-voting" name="input[voting]" label="Voting member" checked=true/>
                <PersonField id="group-member-principal" name="input[principal]" label="Principal" people=choices.people.clone()
                    placeholder="No principal yet" errors=messages("principal")/>
                <PersonField id="group-member-alternate" name="input[alternate]" label="Alternate (optional)" people=choices.people
                    placeholder="No alternate" errors=messages("alternate")/>
                <TextField id="group-member-term-start" name="input[term_start]" label="First day of the term" kind="date"
                    value=Timestamp::now().date().to_db_text() errors=messages("term_start") required=true/>
                <TextField id="group-member-term-end" name="input[term_end]" label="Last day of the term (optional)" kind="date"
                    errors=messages("term_end")/>
                <button type="submit">"Seat the organisation"</button>
            </form>
        </section>
    }
}

#[component]
fn EditGroupForm(
    body: RosterBody,
    input: WorkingGroupInput,
    error: Option<AppError>,
) -> impl IntoView {
    let open = error.is_some() && form_error("update_working_group").is_some();
    let error = error.filter(|_| open);
    view! {
        <section aria-labelledby="edit-group-heading">
            <details open=open>
                <summary><h2 id="edit-group-heading" class="inline-heading">"Edit the working group"</h2></summary>
                <form method="post" action="/api/update_working_group" class="stacked" id="edit-group">
                    <input type="hidden" name="partnership" value=body.partnership.clone()/>
                    <input type="hidden" name="group" value=body.slug.clone()/>
                    <input type="hidden" name="input[council]" value=input.council.clone()/>
                    <WorkingGroupFields input error councils=None/>
                    <button type="submit">"Save the working group"</button>
                </form>
            </details>
        </section>
    }
}

/// The fields of a working group's record (named `input[...]`); the council picker only
/// when `councils` is given (on creation).
#[component]
pub fn WorkingGroupFields(
    /// The values to show.
    input: WorkingGroupInput,
    /// The error the form came back with, if it was this form.
    error: Option<AppError>,
    /// The partnership's councils (id, name), to choose the group's council.
    councils: Option<Vec<(i64, String)>>,
) -> impl IntoView {
    let messages = |field: &str| field_messages(error.as_ref(), field);
    let charter_tlp = Tlp::from_code(&input.charter_tlp).unwrap_or(Tlp::Clear);
    let tlp = Tlp::from_code(&input.tlp).unwrap_or(Tlp::Clear);
    let council_picker = councils.map(|councils| {
        let mut options = vec![(
            String::new(),
            "Joint: members from both councils".to_owned(),
        )];
        options.extend(
            councils
                .into_iter()
                .map(|(id, name)| (id.to_string(), format!("Only the {name}"))),
        );
        view! {
            <SelectField id="group-council" name="input[council]" label="Members come from" options
                selected=input.council.clone() errors=messages("council")/>
        }
    });
    view! {
        <TextField id="group-name" name="input[name]" label="Name" value=input.name
            errors=messages("name") required=true maxlength=200/>
        <TextField id="group-short-name" name="input[short_name]" label="Short name or acronym (optional)"
            value=input.short_name errors=messages("short_name") maxlength=40/>
        {council_picker}
        <TextField id="group-summary" name="input[summary]" label="Summary (one paragraph)" value=input.summary
            errors=messages("summary") maxlength=1000/>
        <TextAreaField id="group-charter" name="input[charter]" label="Charter (Markdown)" value=input.charter
            errors=messages("charter") rows=12/>
        <TlpField id="group-charter-tlp" name="input[charter_tlp]" label="TLP label of the charter" selected=charter_tlp
            errors=messages("charter_tlp")/>
        <TlpField id="group-tlp" name="input[tlp]" label="TLP label of the group" selected=tlp errors=messages("tlp")/>
    }
}
