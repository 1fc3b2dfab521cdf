//! The home page: every partnership visible to the reader.

use crate::api::partnerships::{PartnershipSummary, list_partnerships};
use crate::components::error_notice::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `/`: the partnerships hosted here.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=""/>
        <Meta name="description" content="Public registry of healthcare cybersecurity public-private partnerships."/>
        <section class="intro">
            <h1>"Healthcare cybersecurity partnerships"</h1>
            <p class="lead">
                "Government bodies and private companies run their public-private partnerships "
                "here: who sits on which council, who the focal points are, what the "
                "Sector-Specific Plan says and how the working groups decided."
            </p>
        </section>
        <Suspense fallback=|| view! { <p>"Loading partnerships…"</p> }>
            {Suspend::new(async move {
                match list_partnerships().await {
                    Ok(list) => view! { <PartnershipList partnerships=list/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnershipList(partnerships: Vec<PartnershipSummary>) -> impl IntoView {
    if partnerships.is_empty() {
        return view! { <p>"No partnership has been published yet."</p> }.into_any();
    }
    view! {
        <section aria-labelledby="partnerships-heading">
            <h2 id="partnerships-heading">"Partnerships"</h2>
            <ul class="cards">
                {partnerships
                    .into_iter()
                    .map(|p| {
                        let href = format!("/p/{}", p.slug);
                        view! {
                            <li class="card">
                                <h3><a href=href>{p.name}</a></h3>
                                <p class="meta">
                                    <span>{jurisdiction_name(&p.jurisdiction)}</span>
                                    " · "
                                    <span>{count(p.organisation_count, "organisation", "organisations")}</span>
                                    " · "
                                    <span>{count(p.council_count, "council", "councils")}</span>
                                    " · "
                                    <span>{count(p.working_group_count, "working group", "working groups")}</span>
                                </p>
                                <p>{p.summary}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// "1 council", "3 councils".
pub fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A readable name for a jurisdiction code.
pub fn jurisdiction_name(code: &str) -> String {
    match code {
        "US" => "United States".to_owned(),
        "EU" => "European Union".to_owned(),
        "IE" => "Ireland".to_owned(),
        "NL" => "Netherlands".to_owned(),
        "DE" => "Germany".to_owned(),
        "FR" => "France".to_owned(),
        "BE" => "Belgium".to_owned(),
        "AT" => "Austria".to_owned(),
        "PT" => "Portugal".to_owned(),
        "FI" => "Finland".to_owned(),
        other => other.to_owned(),
    }
}
