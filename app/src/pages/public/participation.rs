//! `/p/:slug/participation`: the participation report: who holds the seats and the votes of
//! a partnership, by side, organisation kind and size class, with the SME share. Each
//! breakdown is a chart drawn on the server and a table with the same figures; the CSV
//! export (`/p/:slug/participation.csv`) is built by the same function.

use crate::api::participation::{ParticipationReport, get_participation_report};
use crate::components::bar_chart::{BarChart, BarGroup};
use crate::components::error_notice::ErrorNotice;
use crate::domain::participation::{Breakdown, Dimension, SME_LABEL, percent};
use crate::domain::partnership::SizeClass;
use crate::pages::public::home::count;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The report page.
#[component]
pub fn ParticipationPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                Suspend::new(async move {
                    match get_participation_report(slug).await {
                        Ok(report) => view! { <Report report/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Report(report: ParticipationReport) -> impl IntoView {
    let ParticipationReport {
        slug,
        name,
        short_name,
        as_of,
        viewer_is_signed_in,
        council_count,
        working_group_count,
        participation,
    } = report;
    let total = participation.by_side.total.clone();
    let sme = participation.sme.clone();
    let scope = if viewer_is_signed_in {
        " visible to you."
    } else {
        " visible to the public (labelled TLP:CLEAR); members who sign in may see more."
    };
    view! {
        <Title text=format!("Participation · {short_name}")/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{slug}")>{short_name.clone()}</a></li>
                <li><a href=format!("/p/{slug}/participation") aria-current="page">"Participation"</a></li>
            </ol>
        </nav>
        <h1>"Participation report"</h1>
        <p class="lead">
            {name} ": who holds the seats and the votes, on "
            <time datetime=as_of.to_string()>{as_of.display_long()}</time> "."
        </p>
        <p id="participation-scope" class="meta">
            "Counted on "
            {count(council_count, "council", "councils")} " and "
            {count(working_group_count, "working group", "working groups")}
            {scope}
        </p>

        <ul id="participation-summary" class="participation-summary">
            <li>
                <span class="participation-figure">{total.taking_part}</span>
                " of " {count(total.registered, "registered organisation", "registered organisations")}
                " take part"
            </li>
            <li><span class="participation-figure">{total.seats}</span> " seats"</li>
            <li><span class="participation-figure">{total.voting_rights}</span> " voting rights"</li>
        </ul>
        <p id="participation-sme">
            <strong>{SME_LABEL}</strong> ": "
            {sme.taking_part} " of " {total.taking_part} " organisations taking part ("
            {percent(sme.taking_part_share_tenths)} " %), holding "
            {sme.voting_rights} " of " {total.voting_rights} " voting rights ("
            {percent(sme.voting_share_tenths)} " %)."
        </p>
        <p class="actions">
            <a id="participation-csv" class="button" href=format!("/p/{slug}/participation.csv") download="">
                "Download the figures (CSV)"
            </a>
        </p>

        <section aria-labelledby="participation-definitions-heading">
            <h2 id="participation-definitions-heading">"What is counted"</h2>
            <dl id="participation-definitions" class="facts">
                <dt>"Seat"</dt>
                <dd>"An organisation's place on a council or in a working group whose term covers today."</dd>
                <dt>"Voting right"</dt>
                <dd>"A seat in a working group that carries a vote (council seats carry none)."</dd>
                <dt>"Taking part"</dt>
                <dd>"An organisation holding at least one seat, counted once however many it holds."</dd>
                <dt>"Registered"</dt>
                <dd>"Every organisation in the partnership's registry, seated or not."</dd>
                <dt>"Visibility"</dt>
                <dd>"Only councils and working groups you may see are counted."</dd>
                <dt>"Share"</dt>
                <dd>"A part of all the voting rights counted, rounded to one decimal (so the shares may not add up to exactly 100 %)."</dd>
                <dt>"SME"</dt>
                <dd>"A micro, small or medium organisation (fewer than 250 people)."</dd>
            </dl>
        </section>

        <BreakdownSection breakdown=participation.by_side/>
        <BreakdownSection breakdown=participation.by_kind/>
        <BreakdownSection breakdown=participation.by_size/>
    }
}

/// The heading of the category column.
fn category_heading(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Side => "Side",
        Dimension::Kind => "Organisation kind",
        Dimension::SizeClass => "Size class",
    }
}

/// A category's label, with "(SME)" after micro, small and medium.
fn row_label(dimension: Dimension, code: &str, label: &str) -> String {
    let sme = dimension == Dimension::SizeClass
        && SizeClass::from_code(code).is_some_and(SizeClass::is_sme);
    if sme {
        [label, " (SME)"].concat()
    } else {
        label.to_owned()
    }
}

#[component]
fn BreakdownSection(breakdown: Breakdown) -> impl IntoView {
    let Breakdown {
        dimension,
        rows,
        total,
    } = breakdown;
    let base = ["participation-", &dimension.code().replace('_', "-")].concat();
    let heading_id = [base.as_str(), "-heading"].concat();
    let heading = ["Seats and voting rights ", dimension.by_label()].concat();
    let groups: Vec<BarGroup> = rows
        .iter()
        .map(|r| BarGroup {
            label: row_label(dimension, &r.code, &r.label),
            values: vec![r.seats, r.voting_rights],
        })
        .collect();
    let series = vec!["Seats".to_owned(), "Voting rights".to_owned()];
    let (section_id, labelled_by) = (base.clone(), heading_id.clone());
    view! {
        <section id=section_id aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading.clone()}</h2>
            {if rows.is_empty() {
                view! { <p>"No organisation is registered yet."</p> }.into_any()
            } else {
                view! {
                    <figure class="participation-chart">
                        <BarChart id=[base.as_str(), "-chart"].concat() title=heading.clone() series groups/>
                        <figcaption class="meta">"The table below gives the same figures."</figcaption>
                    </figure>
                }.into_any()
            }}
            <div class="table-wrap">
                <table id=[base.as_str(), "-table"].concat() class="participation-table">
                    <caption>{heading}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{category_heading(dimension)}</th>
                            <th scope="col" class="num">"Registered organisations"</th>
                            <th scope="col" class="num">"Organisations taking part"</th>
                            <th scope="col" class="num">"Seats"</th>
                            <th scope="col" class="num">"Voting rights"</th>
                            <th scope="col" class="num">"Share of voting rights"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr data-code=r.code.clone()>
                                <th scope="row">{row_label(dimension, &r.code, &r.label)}</th>
                                <td class="num">{r.registered}</td>
                                <td class="num">{r.taking_part}</td>
                                <td class="num">{r.seats}</td>
                                <td class="num">{r.voting_rights}</td>
                                <td class="num">{percent(r.voting_share_tenths)} " %"</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{total.label}</th>
                            <td class="num">{total.registered}</td>
                            <td class="num">{total.taking_part}</td>
                            <td class="num">{total.seats}</td>
                            <td class="num">{total.voting_rights}</td>
                            <td class="num">{percent(total.voting_share_tenths)} " %"</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
