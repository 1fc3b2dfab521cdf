//! `/p/:slug/o/:org`: an organisation of a partnership — what it is and where it sits; for
//! its partnership's secretariat and operators, also its people and the edit form.

use crate::api::organisations::{OrganisationInput, OrganisationProfile, get_organisation};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, FieldError, field_messages, form_error};
use crate::domain::partnership::{OrganisationKind, Side, SizeClass};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The organisation's page.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let org = params.read_untracked().get("org").unwrap_or_default();
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let error = form_error("update_organisation");
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, org, error) = (slug.clone(), org.clone(), error.clone());
                Suspend::new(async move {
                    match get_organisation(slug, org).await {
                        Ok(profile) => view! { <Profile profile saved error/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Profile(profile: OrganisationProfile, saved: bool, error: Option<AppError>) -> impl IntoView {
    let input = profile.input.clone();
    let kind = OrganisationKind::from_code(&input.kind)
        .map(|k| k.label())
        .unwrap_or_default();
    let side = Side::from_code(&input.side)
        .map(|s| s.label())
        .unwrap_or_default();
    let size = SizeClass::from_code(&input.size_class);
    let base = format!("/p/{}", profile.partnership_slug);
    view! {
        <Title text=input.name.clone()/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=base.clone()>{profile.partnership_short_name.clone()}</a></li>
                <li><a href=format!("{base}/o/{}", profile.slug) aria-current="page">{input.name.clone()}</a></li>
            </ol>
        </nav>
        <h1>{input.name.clone()}</h1>
        {saved.then(|| view! { <div class="notice notice-success" role="status"><p>"Saved."</p></div> })}
        <dl class="facts">
            <dt>"Kind"</dt><dd>{kind}</dd>
            <dt>"Side"</dt><dd>{side}</dd>
            <dt>"Size"</dt>
            <dd>{size.map(|s| s.label()).unwrap_or_default()} {size.is_some_and(SizeClass::is_sme).then_some(" (SME)")}</dd>
            <dt>"Country"</dt><dd>{input.country.clone()}</dd>
            {(!input.segment.is_empty()).then(|| view! { <dt>"Segment"</dt><dd>{input.segment.clone()}</dd> })}
            {(!input.website.is_empty()).then(|| view! {
                <dt>"Web site"</dt><dd><a href=input.website.clone() rel="noopener noreferrer">{input.website.clone()}</a></dd>
            })}
        </dl>
        <div class="prose" inner_html=profile.description_html.clone()></div>

        <section aria-labelledby="seats-heading">
            <h2 id="seats-heading">"Where it sits"</h2>
            {if profile.seats.is_empty() {
                view! { <p>"It holds no seat on a council or working group visible to you."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {profile.seats.iter().map(|s| view! {
                            <li>
                                {s.body_name.clone()} " (" {s.body_kind.to_lowercase()}
                                {if s.is_voting { ", voting" } else { ", non-voting" }}
                                ", since " {s.since.clone()} ")"
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        {profile.people.clone().map(|people| view! {
            <section aria-labelledby="people-heading">
                <h2 id="people-heading">"People"</h2>
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">"People of this organisation"</caption>
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"E-mail"</th><th scope="col">"Job title"</th><th scope="col">"Account"</th></tr></thead>
                        <tbody>
                            {people.into_iter().map(|p| view! {
                                <tr>
                                    <td><a href=format!("{base}/people/{}", p.id)>{p.name}</a></td>
                                    <td>{p.email}</td>
                                    <td>{p.job_title}</td>
                                    <td>{match (p.is_active, p.has_account) {
                                        (false, _) => "deactivated",
                                        (true, true) => "active",
                                        (true, false) => "invited, no password yet",
                                    }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p><a href=format!("{base}/invite")>"Invite a person"</a></p>
            </section>
            <section aria-labelledby="edit-heading">
                <h2 id="edit-heading">"Edit the record"</h2>
                <OrganisationForm
                    endpoint="update_organisation"
                    hidden=vec![("partnership", profile.partnership_slug.clone()), ("organisation", profile.slug.clone())]
                    input=profile.input.clone()
                    error
                    ask_slug=false
                    submit="Save"
                />
            </section>
        })}
    }
}

/// The organisation form, for creating (`ask_slug`) and editing. Posts `input[field]`
/// values to `endpoint`, with `hidden` fields.
#[component]
pub fn OrganisationForm(
    /// The server function's endpoint.
    endpoint: &'static str,
    /// Hidden name/value pairs.
    hidden: Vec<(&'static str, String)>,
    /// The values to show.
    input: OrganisationInput,
    /// The error the form came back with.
    error: Option<AppError>,
    /// Ask for the URL key (new organisations only).
    ask_slug: bool,
    /// The submit button's text.
    submit: &'static str,
) -> impl IntoView {
    let err = error.clone();
    let messages = move |field: &str| field_messages(err.as_ref(), field);
    let described =
        |id: &str, errors: &[String]| (!errors.is_empty()).then(|| format!("{id}-error"));
    let text = |id: &'static str,
                name: String,
                field: &'static str,
                label: &'static str,
                value: String,
                max: &'static str| {
        let errors = messages(field);
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <FieldError id messages=errors.clone()/>
                <input id=id name=name type="text" value=value maxlength=max
                    aria-describedby=described(id, &errors)/>
            </div>
        }
    };
    let select = |id: &'static str,
                  field: &'static str,
                  label: &'static str,
                  current: String,
                  options: Vec<(&'static str, &'static str)>| {
        let errors = messages(field);
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <FieldError id messages=errors.clone()/>
                <select id=id name=format!("input[{field}]") aria-describedby=described(id, &errors)>
                    {options.into_iter().map(|(code, text)| view! {
                        <option value=code selected=current == code>{text}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let field = |f: &str| format!("input[{f}]");
    let description_errors = messages("description");
    view! {
        <ErrorSummary error=error.clone()/>
        <form method="post" action=format!("/api/{endpoint}") class="stacked">
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            {ask_slug.then(|| text("org-slug", "slug".to_owned(), "slug", "URL key (e.g. city-hospital)", String::new(), "64"))}
            {text("org-name", field("name"), "name", "Name", input.name.clone(), "200")}
            {text("org-short-name", field("short_name"), "short_name", "Short name or acronym", input.short_name.clone(), "40")}
            {select("org-kind", "kind", "Kind", input.kind.clone(), OrganisationKind::ALL.iter().map(|k| (k.code(), k.label())).collect())}
            {select("org-side", "side", "Side", input.side.clone(), Side::ALL.iter().map(|k| (k.code(), k.label())).collect())}
            {select("org-size", "size_class", "Size class", input.size_class.clone(), SizeClass::ALL.iter().map(|k| (k.code(), k.label())).collect())}
            {text("org-country", field("country"), "country", "Country (two-letter code)", input.country.clone(), "2")}
            {text("org-segment", field("segment"), "segment", "Sector segment", input.segment.clone(), "100")}
            {text("org-website", field("website"), "website", "Web site (https://…)", input.website.clone(), "300")}
            <div class="field">
                <label for="org-description">"Description (Markdown)"</label>
                <FieldError id="org-description" messages=description_errors.clone()/>
                <textarea id="org-description" name="input[description]" rows="6"
                    aria-describedby=described("org-description", &description_errors)>
                    // Leptos writes textarea children verbatim.
                    {crate::domain::text::escape_html(&input.description)}
                </textarea>
            </div>
            <button type="submit">{submit}</button>
        </form>
    }
}
