//! `/p/:slug/plan/new`: the secretariat starts a new version of the plan, as a copy of the
//! published version or empty.

use crate::components::fields::TextField;
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The form. Whether the viewer may start a draft is checked by `start_plan_draft`.
#[component]
pub fn NewPlanDraftPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let error = form_error("start_plan_draft");
    let title_errors = field_messages(error.as_ref(), "title");
    let base_errors = field_messages(error.as_ref(), "base");
    view! {
        <Title text="Start a new version of the plan"/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>"Partnership"</a></li>
                <li><a href=format!("/p/{slug}/plan/new") aria-current="page">"New version"</a></li>
            </ol>
        </nav>
        <h1>"Start a new version of the plan"</h1>
        <ErrorSummary error=error.clone()/>
        <form method="post" action="/api/start_plan_draft" class="stacked" id="start-draft">
            <input type="hidden" name="partnership" value=slug.clone()/>
            <TextField id="draft-title" name="title" label="Title of the new version" errors=title_errors
                required=true maxlength=200/>
            <fieldset>
                <legend>"Start from"</legend>
                {(!base_errors.is_empty()).then(|| view! { <p class="field-error" id="draft-base-error">{base_errors.join(" ")}</p> })}
                <div class="field checkbox">
                    <label for="base-published">
                        <input id="base-published" type="radio" name="base" value="published" checked/>
                        " A copy of the published version (sections, goals, objectives and measures)"
                    </label>
                </div>
                <div class="field checkbox">
                    <label for="base-empty">
                        <input id="base-empty" type="radio" name="base" value="empty"/>
                        " An empty plan"
                    </label>
                </div>
            </fieldset>
            <button type="submit">"Start the draft"</button>
        </form>
    }
}
