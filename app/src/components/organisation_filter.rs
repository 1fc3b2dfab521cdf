//! The organisation filter: an island. Without JavaScript it is a GET form whose `q` the
//! server applies; once hydrated it asks the `filter_organisations` server function as the
//! reader types.

#![expect(
    missing_docs,
    reason = "the #[island] macro generates an undocumented hydration struct"
)]

use crate::api::partnerships::{OrganisationSummary, filter_organisations};
use leptos::prelude::*;

/// A search form over a partnership's organisations and the list it filters.
#[island]
pub fn OrganisationFilter(
    /// The partnership's URL key.
    slug: String,
    /// The filter the page was rendered with (`?q=`).
    initial_query: String,
    /// The organisations the server rendered for that filter.
    organisations: Vec<OrganisationSummary>,
) -> impl IntoView {
    let (items, set_items) = signal(organisations);
    let (status, set_status) = signal(String::new());
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser: this marks the island as live for tests and styles.
    Effect::new(move |_| set_hydrated.set(true));

    // Answers can arrive out of order; only the newest request may update the list.
    let latest = StoredValue::new(0_u64);
    let action = format!("/p/{slug}");
    let org_base = StoredValue::new(format!("/p/{slug}/o/"));
    let on_input = move |ev: leptos::ev::Event| {
        let query = event_target_value(&ev);
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        let slug = slug.clone();
        leptos::task::spawn_local(async move {
            let result = filter_organisations(slug, query).await;
            if latest.get_value() != mine {
                return;
            }
            match result {
                Ok(list) => {
                    set_status.set(match list.len() {
                        0 => "No organisation matches.".to_owned(),
                        1 => "1 organisation matches.".to_owned(),
                        n => format!("{n} organisations match."),
                    });
                    set_items.set(list);
                }
                Err(error) => set_status.set(format!("The list could not be filtered: {error}")),
            }
        });
    };

    view! {
        <div class="org-filter" data-hydrated=move || hydrated.get().then_some("true")>
            <form role="search" method="get" action=action aria-label="Organisations">
                <label for="organisation-query">"Filter organisations"</label>
                <input
                    id="organisation-query"
                    name="q"
                    type="search"
                    value=initial_query
                    maxlength="100"
                    autocomplete="off"
                    on:input=on_input
                />
                <button type="submit">"Filter"</button>
            </form>
            <p class="status" role="status" aria-live="polite">{status}</p>
            <ul id="organisation-list" class="org-list">
                <For each=move || items.get() key=|o| o.slug.clone() let:org>
                    <li>
                        <a class="org-name" href=org_base.with_value(|base| format!("{base}{}", org.slug))>{org.name.clone()}</a>
                        {(!org.short_name.is_empty()).then(|| view! { <span class="muted">" (" {org.short_name.clone()} ")"</span> })}
                        <span class="org-facts">
                            {org.kind.label()} " · " {org.side.label()} " · " {org.size_class.label()}
                            {org.size_class.is_sme().then_some(" (SME)")} " · " {org.country.clone()}
                        </span>
                    </li>
                </For>
            </ul>
            {move || items.with(Vec::is_empty).then(|| view! { <p>"No organisation matches this filter."</p> })}
        </div>
    }
}
