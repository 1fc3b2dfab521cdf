//! The roster of a council or working group: its member organisations with their
//! representatives, and for those who manage it, a form per seat to change the
//! representatives (and a working group seat's vote) or end the seat's term. Past members
//! are listed apart; nothing is deleted.

use crate::api::choices::PersonChoice;
use crate::api::rosters::{Roster, SeatView};
use crate::components::fields::{CheckboxField, PersonField};
use crate::domain::{Date, Timestamp};
use leptos::prelude::*;

/// Which body a roster belongs to, for the forms' endpoints and hidden fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterBody {
    /// The partnership's URL key.
    pub partnership: String,
    /// `council` or `group` (the server functions' argument name).
    pub field: &'static str,
    /// The body's URL key.
    pub slug: String,
}

impl RosterBody {
    fn is_group(&self) -> bool {
        self.field == "group"
    }

    fn endpoint(&self, verb: &str) -> String {
        let noun = if self.is_group() {
            "group_member"
        } else {
            "council_member"
        };
        format!("/api/{verb}_{noun}")
    }
}

/// The held seats and the past ones.
#[component]
pub fn RosterTables(
    /// The seats.
    roster: Roster,
    /// The body.
    body: RosterBody,
    /// People to choose representatives from, when the viewer manages the roster.
    #[prop(optional)]
    people: Option<Vec<PersonChoice>>,
) -> impl IntoView {
    let Roster {
        current,
        past,
        shows_representatives,
    } = roster;
    let is_group = body.is_group();
    let manages = people.is_some();
    let today = Timestamp::now().date();
    let rows: Vec<_> = current
        .into_iter()
        .map(|seat| {
            let forms = people.as_ref().map(|people| {
                let own: Vec<PersonChoice> = people
                    .iter()
                    .filter(|p| p.organisation_id == seat.organisation_id)
                    .cloned()
                    .collect();
                view! { <SeatForms seat=seat.clone() body=body.clone() people=own today/> }.into_any()
            });
            view! { <SeatRow seat partnership=body.partnership.clone() is_group shows_representatives forms/> }
        })
        .collect();
    let past_view = (!past.is_empty()).then(|| {
        view! {
            <h3>"Past members"</h3>
            <div class="table-wrap">
                <table class="roster roster-past">
                    <caption class="visually-hidden">"Former members and their terms"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Organisation"</th>
                            <th scope="col">"Side"</th>
                            <th scope="col">"Term"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {past.into_iter().map(|seat| view! {
                            <tr>
                                <th scope="row">{seat.organisation_name.clone()}</th>
                                <td>{seat.side.label()}</td>
                                <td>{term_text(&seat)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    let has_members = !rows.is_empty();
    let table = has_members.then(|| {
        view! {
            <div class="table-wrap">
                <table class="roster" id="roster-table">
                    <caption class="visually-hidden">"Member organisations"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Organisation"</th>
                            <th scope="col">"Side"</th>
                            {is_group.then(|| view! { <th scope="col">"Vote"</th> })}
                            {shows_representatives.then(|| view! {
                                <th scope="col">"Principal"</th>
                                <th scope="col">"Alternate"</th>
                            })}
                            <th scope="col">"Term"</th>
                            {manages.then(|| view! { <th scope="col">"Manage"</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        {table}
        {(!has_members).then(|| view! { <p>"No organisation holds a seat at present."</p> })}
        {(has_members && !shows_representatives).then(|| view! {
            <p class="muted">"Representatives' names are shown to members of the partnership (TLP:GREEN)."</p>
        })}
        {past_view}
    }
}

fn term_text(seat: &SeatView) -> String {
    match seat.term_end {
        Some(end) => format!(
            "{} – {}",
            seat.term_start.display_long(),
            end.display_long()
        ),
        None => format!("since {}", seat.term_start.display_long()),
    }
}

#[component]
fn SeatRow(
    seat: SeatView,
    partnership: String,
    is_group: bool,
    shows_representatives: bool,
    forms: Option<AnyView>,
) -> impl IntoView {
    let term = term_text(&seat);
    let dash = || "—".to_owned();
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/p/{partnership}/o/{}", seat.organisation_slug)>{seat.organisation_name.clone()}</a>
            </th>
            <td>{seat.side.label()}</td>
            {is_group.then(|| view! { <td>{if seat.is_voting { "Voting" } else { "Non-voting" }}</td> })}
            {shows_representatives.then(|| view! {
                <td>{seat.principal.clone().unwrap_or_else(dash)}</td>
                <td>{seat.alternate.clone().unwrap_or_else(dash)}</td>
            })}
            <td>{term}</td>
            {forms.map(|forms| view! { <td>{forms}</td> })}
        </tr>
    }
}

#[component]
fn SeatForms(
    seat: SeatView,
    body: RosterBody,
    people: Vec<PersonChoice>,
    today: Date,
) -> impl IntoView {
    let id = seat.id;
    let principal_id = format!("seat-{id}-principal");
    let alternate_id = format!("seat-{id}-alternate");
    let voting_id = format!("seat-{id}-voting");
    let end_id = format!("seat-{id}-end");
    let name = seat.organisation_name.clone();
    let hidden = {
        let body = body.clone();
        move || {
            view! {
                <input type="hidden" name="partnership" value=body.partnership.clone()/>
                <input type="hidden" name=body.field value=body.slug.clone()/>
                <input type="hidden" name="seat" value=id.to_string()/>
            }
        }
    };
    view! {
        <details class="seat-manage">
            <summary>"Change"<span class="visually-hidden">{format!(" the seat of {name}")}</span></summary>
            <form method="post" action=body.endpoint("update") class="stacked">
                {hidden()}
                <PersonField id=principal_id name="principal" label="Principal" people=people.clone()
                    selected=seat.principal_id.unwrap_or(-1) placeholder="No principal"/>
                <PersonField id=alternate_id name="alternate" label="Alternate" people=people
                    selected=seat.alternate_id.unwrap_or(-1) placeholder="No alternate"/>
                {body.is_group().then(|| view! {
                    <CheckboxField id=voting_id name="voting" label="Voting member" checked=seat.is_voting/>
                })}
                <button type="submit">"Save the seat"</button>
            </form>
            <form method="post" action=body.endpoint("end") class="stacked">
                {hidden()}
                <div class="field">
                    <label for=end_id.clone()>"Last day of the term"</label>
                    <input id=end_id type="date" name="term_end" required value=today.to_db_text()/>
                </div>
                <button type="submit" class="secondary">"End the seat"</button>
            </form>
        </details>
    }
}
