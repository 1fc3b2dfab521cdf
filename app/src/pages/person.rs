//! `/p/:slug/people/:id`: a person of one of the partnership's organisations, for its
//! secretariat and operators: edit the record, deactivate, and (operators) grant or revoke
//! the secretariat role.

use crate::api::organisations::{PersonProfile, get_person};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, FieldError, field_messages, form_error};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The person's page.
#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let error = form_error("update_person").or_else(|| form_error("set_secretariat_role"));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, error) = (slug.clone(), error.clone());
                Suspend::new(async move {
                    let result = match id {
                        Some(id) => get_person(slug, id).await,
                        None => Err(AppError::NotFound),
                    };
                    match result {
                        Ok(person) => view! { <Person person saved error/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>"This page is for the partnership's secretariat. "
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
fn Person(person: PersonProfile, saved: bool, error: Option<AppError>) -> impl IntoView {
    let messages = |field: &str| field_messages(error.as_ref(), field);
    let (name_errors, title_errors, phone_errors, status_errors) = (
        messages("name"),
        messages("job_title"),
        messages("phone"),
        messages("status"),
    );
    let described =
        |id: &str, errors: &[String]| (!errors.is_empty()).then(|| format!("{id}-error"));
    let org_href = format!(
        "/p/{}/o/{}",
        person.partnership_slug, person.organisation_slug
    );
    view! {
        <Title text=person.name.clone()/>
        <h1>{person.name.clone()}</h1>
        <p class="meta">
            <a href=org_href.clone()>{person.organisation_name.clone()}</a>
            " · " {person.email.clone()}
            {person.is_secretariat.then_some(" · secretariat")}
            {(!person.is_active).then_some(" · deactivated")}
        </p>
        {saved.then(|| view! { <div class="notice notice-success" role="status"><p>"Saved."</p></div> })}
        <ErrorSummary error=error.clone()/>
        <form method="post" action="/api/update_person" class="stacked">
            <input type="hidden" name="partnership" value=person.partnership_slug.clone()/>
            <input type="hidden" name="person_id" value=person.id.to_string()/>
            <div class="field">
                <label for="person-name">"Name"</label>
                <FieldError id="person-name" messages=name_errors.clone()/>
                <input id="person-name" name="name" type="text" required maxlength="200" value=person.name.clone()
                    aria-describedby=described("person-name", &name_errors)/>
            </div>
            <div class="field">
                <label for="person-title">"Job title"</label>
                <FieldError id="person-title" messages=title_errors.clone()/>
                <input id="person-title" name="job_title" type="text" maxlength="200" value=person.job_title.clone()
                    aria-describedby=described("person-title", &title_errors)/>
            </div>
            <div class="field">
                <label for="person-phone">"Phone"</label>
                <FieldError id="person-phone" messages=phone_errors.clone()/>
                <input id="person-phone" name="phone" type="tel" maxlength="40" value=person.phone.clone()
                    aria-describedby=described("person-phone", &phone_errors)/>
            </div>
            <div class="field checkbox">
                <FieldError id="person-status" messages=status_errors.clone()/>
                <label>
                    <input type="checkbox" name="status" value="active" checked=person.is_active
                        aria-describedby=described("person-status", &status_errors)/>
                    " The account may sign in (unticking ends all of the person's sessions)"
                </label>
            </div>
            <button type="submit">"Save"</button>
        </form>
        {person.viewer_manages_roles.then(|| view! {
            <section aria-labelledby="roles-heading">
                <h2 id="roles-heading">"Roles"</h2>
                <form method="post" action="/api/set_secretariat_role">
                    <input type="hidden" name="partnership" value=person.partnership_slug.clone()/>
                    <input type="hidden" name="person_id" value=person.id.to_string()/>
                    <input type="hidden" name="grant" value=if person.is_secretariat { "no" } else { "yes" }/>
                    <button type="submit">
                        {if person.is_secretariat { "Revoke the secretariat role" } else { "Grant the secretariat role" }}
                    </button>
                </form>
            </section>
        })}
        <p><a href=org_href>"Back to the organisation"</a></p>
    }
}
