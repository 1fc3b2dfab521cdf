//! `/p/:slug/councils/:council`: a council, its chair and secretariat, its member
//! organisations (past ones too) and, for those who manage its roster, the forms to edit the
//! council and seat, change or end members.

use crate::api::choices::Choices;
use crate::api::councils::{CouncilDetail, CouncilInput, get_council};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{PersonField, SelectField, TextAreaField, TextField, TlpField};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::roster::{RosterBody, RosterTables};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::partnership::CouncilKind;
use crate::domain::{Timestamp, Tlp};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The council's page.
#[component]
pub fn CouncilPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let council = params.read_untracked().get("council").unwrap_or_default();
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let error = [
        "update_council",
        "add_council_member",
        "update_council_member",
        "end_council_member",
    ]
    .into_iter()
    .find_map(form_error);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, council, error) = (slug.clone(), council.clone(), error.clone());
                Suspend::new(async move {
                    match get_council(slug, council).await {
                        Ok(detail) => view! { <Council detail saved error/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Council(detail: CouncilDetail, saved: bool, error: Option<AppError>) -> impl IntoView {
    let CouncilDetail {
        partnership_slug,
        partnership_short_name,
        slug,
        name,
        kind,
        description_html,
        tlp,
        chair,
        secretariat_organisation,
        roster,
        working_groups,
        manage,
    } = detail;
    let body = RosterBody {
        partnership: partnership_slug.clone(),
        field: "council",
        slug: slug.clone(),
    };
    let people = manage.as_ref().map(|(_, choices)| choices.people.clone());
    let groups_view = (!working_groups.is_empty()).then(|| {
        let partnership = partnership_slug.clone();
        view! {
            <section aria-labelledby="council-groups-heading">
                <h2 id="council-groups-heading">"Working groups of this council"</h2>
                <ul>
                    {working_groups.into_iter().map(|(group, group_name)| view! {
                        <li><a href=format!("/p/{partnership}/groups/{group}")>{group_name}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let manage_view = manage.map(|(input, choices)| {
        view! {
            <AddMemberForm body=body.clone() kind choices=choices.clone() error=error.clone()/>
            <EditCouncilForm body=body.clone() input choices error=error.clone()/>
        }
    });
    view! {
        <Title text=name.clone()/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{partnership_slug}")>{partnership_short_name}</a></li>
                <li><a href=format!("/p/{partnership_slug}/councils/{slug}") aria-current="page">{name.clone()}</a></li>
            </ol>
        </nav>
        <h1>{name}</h1>
        <p class="meta">{kind.label()} " " <TlpBadge label=tlp/></p>
        {saved.then(|| view! { <div class="notice notice-success" role="status"><p>"Saved."</p></div> })}
        <ErrorSummary error=error.clone()/>
        <dl class="facts">
            <dt>"Chair"</dt>
            <dd>{chair.unwrap_or_else(|| "Not appointed".to_owned())}</dd>
            <dt>"Secretariat"</dt>
            <dd>{secretariat_organisation.unwrap_or_else(|| "Not named".to_owned())}</dd>
        </dl>
        <div class="prose" inner_html=description_html></div>
        <section aria-labelledby="roster-heading" id="roster">
            <h2 id="roster-heading">"Members"</h2>
            <RosterTables roster body people=people.unwrap_or_default()/>
        </section>
        {groups_view}
        {manage_view}
    }
}

#[component]
fn AddMemberForm(
    body: RosterBody,
    kind: CouncilKind,
    choices: Choices,
    error: Option<AppError>,
) -> impl IntoView {
    // Field messages belong to this form only when it was the one posted.
    let error = error.filter(|_| form_error("add_council_member").is_some());
    let messages = |field: &str| field_messages(error.as_ref(), field);
    let rule = match kind {
        CouncilKind::Gcc => "A Government Coordinating Council seats public organisations.",
        CouncilKind::Scc => {
            "A Sector Coordinating Council seats private and non-profit organisations."
        }
        CouncilKind::Other => "Any organisation of the partnership may be seated.",
    };
    view! {
        <section aria-labelledby="add-member-heading">
            <h2 id="add-member-heading">"Seat an organisation"</h2>
            <p class="hint">{rule} " The principal and the alternate must be people of that organisation."</p>
            <form method="post" action="/api/add_council_member" class="stacked" id="add-member">
                <input type="hidden" name="partnership" value=body.partnership.clone()/>
                <input type="hidden" name="council" value=body.slug.clone()/>
                <SelectField id="member-organisation" name="input[organisation]" label="Organisation"
                    options=choices.organisation_options() placeholder="Choose an organisation"
                    errors=messages("organisation") required=true/>
                <PersonField id="member-principal" name="input[principal]" label="Principal" people=choices.people.clone()
                    placeholder="No principal yet" errors=messages("principal")/>
                <PersonField id="member-alternate" name="input[alternate]" label="Alternate (optional)" people=choices.people
                    placeholder="No alternate" errors=messages("alternate")/>
                <TextField id="member-term-start" name="input[term_start]" label="First day of the term" kind="date"
                    value=Timestamp::now().date().to_db_text() errors=messages("term_start") required=true/>
                <TextField id="member-term-end" name="input[term_end]" label="Last day of the term (optional)" kind="date"
                    errors=messages("term_end")/>
                <button type="submit">"Seat the organisation"</button>
            </form>
        </section>
    }
}

#[component]
fn EditCouncilForm(
    body: RosterBody,
    input: CouncilInput,
    choices: Choices,
    error: Option<AppError>,
) -> impl IntoView {
    let open = error.is_some() && form_error("update_council").is_some();
    let error = error.filter(|_| open);
    view! {
        <section aria-labelledby="edit-council-heading">
            <details open=open>
                <summary><h2 id="edit-council-heading" class="inline-heading">"Edit the council"</h2></summary>
                <form method="post" action="/api/update_council" class="stacked" id="edit-council">
                    <input type="hidden" name="partnership" value=body.partnership.clone()/>
                    <input type="hidden" name="council" value=body.slug.clone()/>
                    <CouncilFields input choices error/>
                    <button type="submit">"Save the council"</button>
                </form>
            </details>
        </section>
    }
}

/// The fields of a council's record, for the create and edit forms (named `input[...]`).
#[component]
pub fn CouncilFields(
    /// The values to show.
    input: CouncilInput,
    /// Organisations and people for the pickers.
    choices: Choices,
    /// The error the form came back with, if it was this form.
    error: Option<AppError>,
) -> impl IntoView {
    let messages = |field: &str| field_messages(error.as_ref(), field);
    let kinds = CouncilKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label().to_owned()))
        .collect();
    let tlp = Tlp::from_code(&input.tlp).unwrap_or(Tlp::Clear);
    let chair = input.chair.parse::<i64>().unwrap_or(-1);
    view! {
        <TextField id="council-name" name="input[name]" label="Name" value=input.name
            errors=messages("name") required=true maxlength=200/>
        <TextField id="council-short-name" name="input[short_name]" label="Short name or acronym (optional)"
            value=input.short_name errors=messages("short_name") maxlength=40/>
        <SelectField id="council-kind" name="input[kind]" label="Kind" options=kinds selected=input.kind
            errors=messages("kind") required=true/>
        <PersonField id="council-chair" name="input[chair]" label="Chair (optional)" people=choices.people.clone()
            selected=chair placeholder="No chair" errors=messages("chair")/>
        <SelectField id="council-secretariat" name="input[secretariat_organisation]"
            label="Secretariat's organisation (optional)" options=choices.organisation_options()
            selected=input.secretariat_organisation placeholder="None" errors=messages("secretariat_organisation")/>
        <TextAreaField id="council-description" name="input[description]" label="Description (Markdown)"
            value=input.description errors=messages("description")/>
        <TlpField id="council-tlp" name="input[tlp]" label="TLP label of the council" selected=tlp errors=messages("tlp")/>
    }
}
