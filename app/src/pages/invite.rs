//! `/p/:slug/invite`: the secretariat invites a person to an organisation of its partnership.

use crate::api::invitations::{InvitableOrganisation, list_invitable_organisations};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, FieldError, field_messages, form_error};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The invitation form; after a successful post it says so.
#[component]
pub fn InvitePage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let sent = use_query_map().read_untracked().get("sent").is_some();
    let error = form_error("invite_person");
    view! {
        <Title text="Invite a person"/>
        <h1>"Invite a person"</h1>
        {sent.then(|| view! {
            <div class="notice notice-success" role="status">
                <p>"The invitation is on its way: its one-time link works for 7 days."</p>
            </div>
        })}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                let error = error.clone();
                Suspend::new(async move {
                    match list_invitable_organisations(slug.clone()).await {
                        Ok(organisations) => view! { <InviteForm slug organisations error/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>
                                "Only the partnership's secretariat can invite people. "
                                <a href="/account/sign-in">"Sign in"</a>
                                " first."
                            </p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn InviteForm(
    slug: String,
    organisations: Vec<InvitableOrganisation>,
    error: Option<AppError>,
) -> impl IntoView {
    let organisation_errors = field_messages(error.as_ref(), "organisation");
    let email_errors = field_messages(error.as_ref(), "email");
    let name_errors = field_messages(error.as_ref(), "name");
    let described =
        |id: &str, errors: &[String]| (!errors.is_empty()).then(|| format!("{id}-error"));
    view! {
        <p>
            "The person receives a one-time link by e-mail to choose a password. They join "
            "the organisation you choose and see what its members may see."
        </p>
        <ErrorSummary error/>
        <form method="post" action="/api/invite_person" class="stacked">
            <input type="hidden" name="partnership" value=slug.clone()/>
            <div class="field">
                <label for="invite-organisation">"Organisation"</label>
                <FieldError id="invite-organisation" messages=organisation_errors.clone()/>
                <select id="invite-organisation" name="organisation" required
                    aria-describedby=described("invite-organisation", &organisation_errors)>
                    {organisations.into_iter().map(|o| view! { <option value=o.slug>{o.name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="invite-email">"E-mail address"</label>
                <FieldError id="invite-email" messages=email_errors.clone()/>
                <input id="invite-email" name="email" type="email" required autocomplete="off"
                    aria-describedby=described("invite-email", &email_errors)/>
            </div>
            <div class="field">
                <label for="invite-name">"Name"</label>
                <FieldError id="invite-name" messages=name_errors.clone()/>
                <input id="invite-name" name="name" type="text" required maxlength="200" autocomplete="off"
                    aria-describedby=described("invite-name", &name_errors)/>
            </div>
            <button type="submit">"Send the invitation"</button>
        </form>
        <p><a href=format!("/p/{slug}")>"Back to the partnership"</a></p>
    }
}
