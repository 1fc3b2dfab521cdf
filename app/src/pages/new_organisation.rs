//! `/p/:slug/organisations/new`: the secretariat (or an operator) registers an organisation.

use crate::api::invitations::list_invitable_organisations;
use crate::api::organisations::OrganisationInput;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::form_error;
use crate::error::AppError;
use crate::pages::public::organisation::OrganisationForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The registration form.
#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let error = form_error("create_organisation");
    view! {
        <Title text="Register an organisation"/>
        <h1>"Register an organisation"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, error) = (slug.clone(), error.clone());
                Suspend::new(async move {
                    // The same check as the form's server function: the secretariat only.
                    match list_invitable_organisations(slug.clone()).await {
                        Ok(_) => view! {
                            <OrganisationForm
                                endpoint="create_organisation"
                                hidden=vec![("partnership", slug.clone())]
                                input=OrganisationInput { size_class: "small".into(), ..OrganisationInput::default() }
                                error
                                ask_slug=true
                                submit="Register"
                            />
                            <p><a href=format!("/p/{slug}")>"Back to the partnership"</a></p>
                        }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>"Only the partnership's secretariat can register organisations. "
                               <a href="/account/sign-in">"Sign in"</a> " first."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}
