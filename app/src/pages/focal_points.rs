//! `/p/:slug/focal-points`: a partnership's focal points, in office and past. Everyone who
//! may see the partnership reads names, titles, organisations, scopes, terms and public
//! channels; direct contact details only where their TLP label allows. The secretariat
//! appoints (`#appoint-focal-point`), edits (`?edit=<id>`, `#edit-focal-point`) and ends
//! terms here, with plain forms that work without JavaScript.

use crate::api::focal_points::{
    FocalPointEntry, FocalPointManagement, FocalPointsOverview, get_focal_points,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{PersonField, SelectField, TextField, TlpField};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::partnership::FocalPointKind;
use crate::domain::{Date, Tlp};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The errors the page's forms came back with (at most one is set).
#[derive(Clone, Debug, Default)]
struct FormErrors {
    appoint: Option<AppError>,
    update: Option<AppError>,
    end_term: Option<AppError>,
}

/// The focal points page.
#[component]
pub fn FocalPointsPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let query = use_query_map();
    let (saved, edit) = {
        let query = query.read_untracked();
        (
            query.get("saved").is_some(),
            query.get("edit").and_then(|id| id.parse::<i64>().ok()),
        )
    };
    let errors = FormErrors {
        appoint: form_error("appoint_focal_point"),
        update: form_error("update_focal_point"),
        end_term: form_error("end_focal_point_term"),
    };
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, errors) = (slug.clone(), errors.clone());
                Suspend::new(async move {
                    match get_focal_points(slug).await {
                        Ok(overview) => view! { <FocalPoints overview saved edit errors/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn FocalPoints(
    overview: FocalPointsOverview,
    saved: bool,
    edit: Option<i64>,
    errors: FormErrors,
) -> impl IntoView {
    let FocalPointsOverview {
        partnership_slug: slug,
        partnership_short_name: short_name,
        partnership_name: name,
        current,
        past,
        manage,
        today,
    } = overview;
    let manages = manage.is_some();
    let editing = edit
        .filter(|_| manages)
        .and_then(|id| current.iter().chain(past.iter()).find(|f| f.id == id))
        .cloned();
    // An update error with no edit form to show it next to goes with the tables.
    let (edit_error, table_error) = if editing.is_some() {
        (errors.update.clone(), errors.end_term.clone())
    } else {
        (None, errors.end_term.clone().or(errors.update.clone()))
    };
    let page_href = format!("/p/{slug}/focal-points");
    view! {
        <Title text=format!("Focal points · {short_name}")/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>{short_name.clone()}</a></li>
                <li><a href=page_href.clone() aria-current="page">"Focal points"</a></li>
            </ol>
        </nav>
        <h1>"Focal points"</h1>
        <p class="meta">{name}</p>
        <p class="lead">
            "The partnership's designated contacts: its national focal point, the sector risk "
            "management agency's liaisons, industry senior cybersecurity experts and ISAC "
            "liaisons. Direct contact details are shown only to those their TLP label allows."
        </p>
        {saved.then(|| view! { <div class="notice notice-success" role="status"><p>"Saved."</p></div> })}
        {editing.map(|entry| view! {
            <EditForm slug=slug.clone() entry manage=manage.clone() error=edit_error cancel_href=page_href.clone()/>
        })}

        <section aria-labelledby="fp-current-heading">
            <h2 id="fp-current-heading">"In office"</h2>
            <ErrorSummary error=table_error/>
            <FocalPointTable
                id="focal-points-current"
                caption="Focal points in office"
                empty="No focal point is in office."
                entries=current
                slug=slug.clone()
                manages
                today
            />
        </section>

        <section aria-labelledby="fp-past-heading">
            <h2 id="fp-past-heading">"Past focal points"</h2>
            <FocalPointTable
                id="focal-points-past"
                caption="Past focal points, latest first"
                empty="No term has ended yet."
                entries=past
                slug=slug.clone()
                manages
                today
            />
        </section>

        {manage.map(|manage| view! { <AppointForm slug=slug.clone() manage error=errors.appoint/> })}
    }
}

/// "Since 1 Apr 2024", "From 1 Jan 2027", "1 Oct 2021 to 31 Mar 2024".
fn term_text(entry: &FocalPointEntry, today: Date) -> String {
    match entry.term_end {
        Some(end) => format!(
            "{} to {}",
            entry.term_start.display_long(),
            end.display_long()
        ),
        None if entry.term_start > today => format!("From {}", entry.term_start.display_long()),
        None => format!("Since {}", entry.term_start.display_long()),
    }
}

/// What tells two rows apart for a screen reader: "Thomas Greaves, National focal point,
/// the whole partnership".
fn row_name(entry: &FocalPointEntry) -> String {
    format!(
        "{}, {}, {}",
        entry.person_name,
        entry.kind.label(),
        entry
            .scope_name
            .clone()
            .unwrap_or_else(|| "the whole partnership".to_owned())
    )
}

#[component]
fn FocalPointTable(
    id: &'static str,
    caption: &'static str,
    empty: &'static str,
    entries: Vec<FocalPointEntry>,
    slug: String,
    manages: bool,
    today: Date,
) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p id=id>{empty}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table id=id>
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Organisation"</th>
                        <th scope="col">"For"</th>
                        <th scope="col">"Term"</th>
                        <th scope="col">"Contact"</th>
                        {manages.then(|| view! { <th scope="col">"Manage"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|entry| {
                        let term = term_text(&entry, today);
                        let manage_cell = manages.then(|| view! {
                            <td><RowActions entry=entry.clone() slug=slug.clone()/></td>
                        });
                        view! {
                            <tr id=format!("focal-point-{}", entry.id)>
                                <td>{entry.kind.label()}</td>
                                <th scope="row">
                                    {entry.person_name.clone()}
                                    {(!entry.title.is_empty()).then(|| view! { <br/><span class="muted">{entry.title.clone()}</span> })}
                                </th>
                                <td>{entry.organisation_name.clone()}</td>
                                <td>{entry.scope_name.clone().unwrap_or_else(|| "The whole partnership".to_owned())}</td>
                                <td>{term}</td>
                                <td><Contact channel=entry.public_channel.clone() contact=entry.contact.clone() label=entry.contact_tlp/></td>
                                {manage_cell}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The secretariat's actions on one row: an edit link and, for an active term, a form to
/// end it. Labels name the row so that every control is distinct.
#[component]
fn RowActions(entry: FocalPointEntry, slug: String) -> impl IntoView {
    let who = row_name(&entry);
    let input_id = format!("fp-end-{}", entry.id);
    let edit_href = format!("/p/{slug}/focal-points?edit={}#edit-focal-point", entry.id);
    view! {
        <p>
            <a href=edit_href id=format!("fp-edit-link-{}", entry.id)>
                "Edit"<span class="visually-hidden">" " {who.clone()}</span>
            </a>
        </p>
        {entry.is_active().then(|| view! {
            <form method="post" action="/api/end_focal_point_term">
                <input type="hidden" name="partnership" value=slug.clone()/>
                <input type="hidden" name="id" value=entry.id.to_string()/>
                <div class="field">
                    <label for=input_id.clone()>
                        "Last day"<span class="visually-hidden">" of the term of " {who.clone()}</span>
                    </label>
                    <input id=input_id.clone() name="term_end" type="date" required/>
                </div>
                <button type="submit" id=format!("fp-end-button-{}", entry.id)>
                    "End term"<span class="visually-hidden">" of " {who.clone()}</span>
                </button>
            </form>
        })}
    }
}

#[component]
fn Contact(
    channel: String,
    contact: Option<crate::api::focal_points::DirectContact>,
    label: Tlp,
) -> impl IntoView {
    let channel_view = (!channel.is_empty()).then(|| {
        if channel.starts_with("https://") {
            view! { <a href=channel.clone()>{channel.clone()}</a> }.into_any()
        } else {
            view! { <a href=format!("mailto:{channel}")>{channel.clone()}</a> }.into_any()
        }
    });
    let direct = contact
        .filter(|c| !c.email.is_empty() || !c.phone.is_empty())
        .map(|c| {
            view! {
                <br/>
                <span class="direct">
                    {(!c.email.is_empty()).then(|| view! { <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a> " " })}
                    {c.phone}
                    " "
                    <TlpBadge label/>
                </span>
            }
        });
    view! { {channel_view} {direct} }
}

fn kind_options() -> Vec<(String, String)> {
    FocalPointKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label().to_owned()))
        .collect()
}

#[component]
fn AppointForm(
    slug: String,
    manage: FocalPointManagement,
    error: Option<AppError>,
) -> impl IntoView {
    let messages = |field: &str| field_messages(error.as_ref(), field);
    view! {
        <section aria-labelledby="appoint-heading">
            <h2 id="appoint-heading">"Appoint a focal point"</h2>
            <p>
                "A national focal point is a person of a government organisation and serves the "
                "whole partnership; there is one at a time, so end the current term first. "
                "Industry senior cybersecurity experts come from private or non-profit organisations."
            </p>
            <ErrorSummary error=error.clone()/>
            <form id="appoint-focal-point" method="post" action="/api/appoint_focal_point" class="stacked">
                <input type="hidden" name="partnership" value=slug/>
                <SelectField id="fp-kind" name="kind" label="Kind" options=kind_options()
                    placeholder="Choose a kind" required=true errors=messages("kind")/>
                <PersonField id="fp-person" name="person_id" label="Person" people=manage.people
                    placeholder="Choose a person" required=true errors=messages("person_id")/>
                <SelectField id="fp-scope" name="scope" label="Serves" options=manage.scopes
                    selected="partnership" required=true errors=messages("scope")/>
                <TextField id="fp-title" name="title" label="Role title" maxlength=200
                    errors=messages("title")/>
                <TextField id="fp-term-start" name="term_start" label="First day of the term" kind="date"
                    value=crate::domain::Timestamp::now().date().to_db_text() required=true errors=messages("term_start")/>
                <TextField id="fp-term-end" name="term_end" label="Last day of the term (optional)" kind="date"
                    hint="Leave it empty while the term runs." errors=messages("term_end")/>
                <TextField id="fp-channel" name="public_channel" label="Public contact channel (optional)" maxlength=300
                    hint="A functional mailbox or a web form address (https://…), shown to everyone."
                    errors=messages("public_channel")/>
                <TextField id="fp-email" name="email" label="Direct e-mail (optional)" kind="email" maxlength=254
                    errors=messages("email")/>
                <TextField id="fp-phone" name="phone" label="Direct phone (optional)" kind="tel" maxlength=40
                    errors=messages("phone")/>
                <TlpField id="fp-contact-tlp" name="contact_tlp" label="Who may see the direct contact details"
                    selected=Tlp::Green errors=messages("contact_tlp")/>
                <button type="submit">"Appoint"</button>
            </form>
        </section>
    }
}

#[component]
fn EditForm(
    slug: String,
    entry: FocalPointEntry,
    manage: Option<FocalPointManagement>,
    error: Option<AppError>,
    cancel_href: String,
) -> impl IntoView {
    let messages = |field: &str| field_messages(error.as_ref(), field);
    let mut scopes = manage.map(|m| m.scopes).unwrap_or_default();
    // A scope the secretariat cannot see in the picker still keeps its place.
    if !scopes.iter().any(|(value, _)| *value == entry.scope) {
        scopes.push((
            entry.scope.clone(),
            entry
                .scope_name
                .clone()
                .unwrap_or_else(|| entry.scope.clone()),
        ));
    }
    let heading = format!("Edit: {}", row_name(&entry));
    let contact_fields = match entry.contact.clone() {
        Some(contact) => view! {
            <TextField id="fp-edit-email" name="email" label="Direct e-mail (optional)" kind="email" maxlength=254
                value=contact.email errors=messages("email")/>
            <TextField id="fp-edit-phone" name="phone" label="Direct phone (optional)" kind="tel" maxlength=40
                value=contact.phone errors=messages("phone")/>
        }
        .into_any(),
        None => view! {
            <p class="hint">
                "The direct contact details are labelled " {entry.contact_tlp.label()}
                " and are not visible to you; saving keeps them as they are."
            </p>
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby="edit-heading">
            <h2 id="edit-heading">{heading}</h2>
            <p class="meta">
                {entry.kind.label()} " · " {entry.person_name.clone()} " (" {entry.organisation_name.clone()} ")"
                " · the kind and the person do not change; appoint anew for another person."
            </p>
            <ErrorSummary error=error.clone()/>
            <form id="edit-focal-point" method="post" action="/api/update_focal_point" class="stacked">
                <input type="hidden" name="partnership" value=slug/>
                <input type="hidden" name="id" value=entry.id.to_string()/>
                <SelectField id="fp-edit-scope" name="scope" label="Serves" options=scopes
                    selected=entry.scope.clone() required=true errors=messages("scope")/>
                <TextField id="fp-edit-title" name="title" label="Role title" maxlength=200
                    value=entry.title.clone() errors=messages("title")/>
                <TextField id="fp-edit-term-start" name="term_start" label="First day of the term" kind="date"
                    value=entry.term_start.to_db_text() required=true errors=messages("term_start")/>
                <TextField id="fp-edit-term-end" name="term_end" label="Last day of the term (optional)" kind="date"
                    value=entry.term_end.map(|d| d.to_db_text()).unwrap_or_default()
                    hint="Leave it empty while the term runs." errors=messages("term_end")/>
                <TextField id="fp-edit-channel" name="public_channel" label="Public contact channel (optional)" maxlength=300
                    value=entry.public_channel.clone()
                    hint="A functional mailbox or a web form address (https://…), shown to everyone."
                    errors=messages("public_channel")/>
                {contact_fields}
                <TlpField id="fp-edit-contact-tlp" name="contact_tlp" label="Who may see the direct contact details"
                    selected=entry.contact_tlp errors=messages("contact_tlp")/>
                <p class="actions">
                    <button type="submit">"Save changes"</button>
                    " "
                    <a href=cancel_href>"Cancel"</a>
                </p>
            </form>
        </section>
    }
}
