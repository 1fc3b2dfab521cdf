//! `/p/:slug/decisions`: what the partnership decided: its closed motions with their outcome
//! and counts, latest first (the public sees TLP:CLEAR motions; members what their labels
//! allow).

use crate::api::motions::{Decisions, get_decisions};
use crate::components::error_notice::ErrorNotice;
use crate::pages::motions::MotionTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page.
#[component]
pub fn DecisionsPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    match get_decisions(slug).await {
                        Ok(decisions) => view! { <DecisionsView decisions/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn DecisionsView(decisions: Decisions) -> impl IntoView {
    let Decisions {
        partnership_slug,
        partnership_short_name,
        motions,
    } = decisions;
    let title = format!("What {partnership_short_name} decided");
    view! {
        <Title text=title.clone()/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{partnership_slug}")>{partnership_short_name}</a></li>
                <li><a href=format!("/p/{partnership_slug}/decisions") aria-current="page">"Decisions"</a></li>
            </ol>
        </nav>
        <h1>{title}</h1>
        <p class="lead">"Motions the working groups voted on, with their outcome. Each motion's page gives its text, rules and tally."</p>
        <MotionTable motions slug=partnership_slug caption="Closed motions, latest first"
            empty="No motion has been decided yet." with_group=true/>
    }
}
