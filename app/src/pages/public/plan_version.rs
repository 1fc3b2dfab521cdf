//! `/p/:slug/plan/v/:number`: any version of the plan the viewer may read, laid out like the
//! published plan, under a banner that says where it stands (e.g. "Superseded on … — read the
//! current plan").

use crate::api::plan_content::get_plan_version;
use crate::components::error_notice::ErrorNotice;
use crate::pages::not_found::NotFoundPage;
use crate::pages::public::plan::{PlanBreadcrumb, PlanDocumentView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One version of the plan.
#[component]
pub fn PlanVersionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let number = params
        .read_untracked()
        .get("number")
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n >= 1);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    // An address that is no version number at all is simply not found.
                    let Some(number) = number else {
                        return view! { <NotFoundPage/> }.into_any();
                    };
                    let result = get_plan_version(slug, number).await;
                    match result {
                        Ok(document) => {
                            let here = (
                                format!("Version {}", document.version.number),
                                format!(
                                    "/p/{}/plan/v/{}",
                                    document.context.partnership_slug, document.version.number
                                ),
                            );
                            view! {
                                <PlanBreadcrumb context=document.context.clone() here=Some(here)/>
                                <PlanDocumentView document current_page=false/>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}
