//! `/p/:slug/groups/new`: the secretariat creates a working group, joint or of one council.

use crate::api::councils::get_body_form;
use crate::api::working_groups::WorkingGroupInput;
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::TextField;
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::error::AppError;
use crate::pages::public::working_group::WorkingGroupFields;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The form.
#[component]
pub fn NewWorkingGroupPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let error = form_error("create_working_group");
    view! {
        <Title text="Create a working group"/>
        <h1>"Create a working group"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, error) = (slug.clone(), error.clone());
                Suspend::new(async move {
                    match get_body_form(slug.clone()).await {
                        Ok(form) => {
                            let slug_errors = field_messages(error.as_ref(), "slug");
                            let input = WorkingGroupInput {
                                charter_tlp: "clear".into(),
                                tlp: "clear".into(),
                                ..WorkingGroupInput::default()
                            };
                            view! {
                                <p class="meta">{form.partnership_short_name.clone()}</p>
                                <ErrorSummary error=error.clone()/>
                                <form method="post" action="/api/create_working_group" class="stacked" id="create-group">
                                    <input type="hidden" name="partnership" value=slug.clone()/>
                                    <TextField id="group-slug" name="slug" label="URL key (e.g. supply-chain-wg)" errors=slug_errors
                                        required=true maxlength=64 hint="Lower-case letters, digits and hyphens; it cannot be changed later."/>
                                    <WorkingGroupFields input error councils=Some(form.councils)/>
                                    <button type="submit">"Create the working group"</button>
                                </form>
                                <p><a href=format!("/p/{slug}")>"Back to the partnership"</a></p>
                            }.into_any()
                        }
                        Err(AppError::Unauthenticated) => view! {
                            <p>"Only the partnership's secretariat can create working groups. "
                               <a href="/account/sign-in">"Sign in"</a> " first."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}
