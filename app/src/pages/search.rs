//! `/search?q=…&partnership=…&page=…`: full-text search across plan content, commitments and
//! motions. A plain GET form, so that a search is a link and works without JavaScript; the
//! server finds only what the reader may see. Matches are shown as `<mark>` elements around
//! text, never as HTML from the database.

use crate::api::partnerships::{PartnershipSummary, list_partnerships};
use crate::api::search::{SearchHit, SearchResults, search};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, FieldError, field_messages};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::search::{MAX_QUERY_CHARS, Segment};
use crate::domain::text::form_encode;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct SearchRequest {
    q: String,
    partnership: String,
    page: Option<u32>,
}

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let request = {
        let map = use_query_map();
        let map = map.read_untracked();
        SearchRequest {
            q: map.get("q").unwrap_or_default(),
            partnership: map.get("partnership").unwrap_or_default(),
            // A page that is not a number is the first page.
            page: map.get("page").and_then(|p| p.trim().parse().ok()),
        }
    };
    view! {
        <Title text="Search"/>
        <h1>"Search"</h1>
        <p class="lead">
            "Find words in the Sector-Specific Plans, the commitments and the motions of the "
            "partnerships. You see only what you may read: signed out, published TLP:CLEAR content."
        </p>
        <Suspense fallback=|| view! { <p>"Searching…"</p> }>
            {Suspend::new(async move {
                let partnerships = match list_partnerships().await {
                    Ok(list) => list,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                if request.q.trim().is_empty() {
                    return view! {
                        <SearchForm request partnerships error=None/>
                        <p class="search-empty">
                            "Type a word or two, for example " <em>"ransomware"</em> " or "
                            <em>"medical devices"</em> ", and choose a partnership to search "
                            "in one only."
                        </p>
                    }
                    .into_any();
                }
                let partnership = Some(request.partnership.clone()).filter(|p| !p.trim().is_empty());
                match search(request.q.clone(), partnership, request.page).await {
                    Ok(results) => view! {
                        <SearchForm request partnerships error=None/>
                        <Results results/>
                    }
                    .into_any(),
                    Err(error @ AppError::Invalid(_)) => view! {
                        <ErrorSummary error=Some(error.clone())/>
                        <SearchForm request partnerships error=Some(error)/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form: the words, the partnership, and a button.
#[component]
fn SearchForm(
    request: SearchRequest,
    partnerships: Vec<PartnershipSummary>,
    error: Option<AppError>,
) -> impl IntoView {
    let q_messages = field_messages(error.as_ref(), "q");
    let q_described = (!q_messages.is_empty()).then_some("search-q-error");
    let partnership_messages = [
        field_messages(error.as_ref(), "partnership"),
        field_messages(error.as_ref(), "page"),
    ]
    .concat();
    let partnership_described =
        (!partnership_messages.is_empty()).then_some("search-partnership-error");
    let chosen = request.partnership.trim().to_owned();
    view! {
        <form role="search" method="get" action="/search" class="search-form"
            aria-label="Plans, commitments and motions">
            <div class="field search-query">
                <label for="search-q">"Search for"</label>
                <FieldError id="search-q" messages=q_messages/>
                <input id="search-q" name="q" type="search" value=request.q
                    maxlength=MAX_QUERY_CHARS.to_string() autocomplete="off"
                    aria-describedby=q_described/>
            </div>
            <div class="field">
                <label for="search-partnership">"Partnership"</label>
                <FieldError id="search-partnership" messages=partnership_messages/>
                <select id="search-partnership" name="partnership" aria-describedby=partnership_described>
                    <option value="" selected=chosen.is_empty()>"All partnerships"</option>
                    {partnerships.into_iter().map(|p| {
                        let selected = p.slug == chosen;
                        view! { <option value=p.slug selected=selected>{p.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">"Search"</button>
        </form>
    }
}

/// The hits of one page, or why there are none.
#[component]
fn Results(results: SearchResults) -> impl IntoView {
    let SearchResults {
        query,
        partnership,
        page,
        hits,
        has_next,
    } = results;
    let first = (i64::from(page) - 1) * crate::api::search::PAGE_SIZE + 1;
    let summary = if hits.is_empty() && page == 1 {
        format!("No results for “{query}”.")
    } else if hits.is_empty() {
        format!("No more results for “{query}”.")
    } else {
        let last = first + hits.len() as i64 - 1;
        format!("Results {first} to {last} for “{query}”, best matches first.")
    };
    let link = |page: u32| {
        let mut href = format!("/search?q={}", form_encode(&query));
        if let Some(slug) = &partnership {
            href.push_str("&partnership=");
            href.push_str(&form_encode(slug));
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    };
    let previous =
        (page > 1).then(|| view! { <a href=link(page - 1) rel="prev">"Previous results"</a> });
    let next = has_next.then(|| view! { <a href=link(page + 1) rel="next">"More results"</a> });
    let pager = (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label="Result pages">
                {previous} <span>{format!("Page {page}")}</span> {next}
            </nav>
        }
    });
    view! {
        <section class="search-results" aria-labelledby="results-heading">
            <h2 id="results-heading">"Results"</h2>
            <p class="search-summary" role="status">{summary}</p>
            {if hits.is_empty() {
                view! {
                    <p>"Try other or fewer words, or search in all partnerships."</p>
                }
                .into_any()
            } else {
                view! {
                    <ol class="search-hits" start=first.to_string()>
                        {hits.into_iter().map(|hit| view! { <Hit hit/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            {pager}
        </section>
    }
}

/// One hit: what and where it is, its title as a link, its label, and the matching text.
#[component]
fn Hit(hit: SearchHit) -> impl IntoView {
    let SearchHit {
        kind,
        title,
        snippet,
        tlp,
        partnership_slug: _,
        partnership_name,
        context,
        href,
    } = hit;
    let facts = [kind.label().to_owned(), partnership_name, context]
        .into_iter()
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="search-hit">
            <div class="search-hit-head">
                <h3><a href=href><Highlighted segments=title/></a></h3>
                <TlpBadge label=tlp/>
            </div>
            <p class="meta">{facts}</p>
            {(!snippet.is_empty()).then(|| view! {
                <p class="search-snippet"><Highlighted segments=snippet/></p>
            })}
        </li>
    }
}

/// Text with its matches in `<mark>`: every segment is text, never HTML.
#[component]
fn Highlighted(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|segment| {
            if segment.highlighted {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect_view()
}
