//! `/p/:slug/councils/new`: the secretariat creates a council.

use crate::api::councils::{CouncilInput, get_body_form};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::TextField;
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::error::AppError;
use crate::pages::public::council::CouncilFields;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The form.
#[component]
pub fn NewCouncilPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let error = form_error("create_council");
    view! {
        <Title text="Create a council"/>
        <h1>"Create a council"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, error) = (slug.clone(), error.clone());
                Suspend::new(async move {
                    match get_body_form(slug.clone()).await {
                        Ok(form) => {
                            let slug_errors = field_messages(error.as_ref(), "slug");
                            let input = CouncilInput { kind: "other".into(), tlp: "clear".into(), ..CouncilInput::default() };
                            view! {
                                <p class="meta">{form.partnership_short_name.clone()}</p>
                                <ErrorSummary error=error.clone()/>
                                <form method="post" action="/api/create_council" class="stacked" id="create-council">
                                    <input type="hidden" name="partnership" value=slug.clone()/>
                                    <TextField id="council-slug" name="slug" label="URL key (e.g. gcc)" errors=slug_errors
                                        required=true maxlength=64 hint="Lower-case letters, digits and hyphens; it cannot be changed later."/>
                                    <CouncilFields input choices=form.choices error/>
                                    <button type="submit">"Create the council"</button>
                                </form>
                                <p><a href=format!("/p/{slug}")>"Back to the partnership"</a></p>
                            }.into_any()
                        }
                        Err(AppError::Unauthenticated) => view! {
                            <p>"Only the partnership's secretariat can create councils. "
                               <a href="/account/sign-in">"Sign in"</a> " first."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}
