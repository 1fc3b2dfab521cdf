//! What councils and working groups share: their seats (an organisation with a principal
//! and an optional alternate, for a term) as a roster shows them, and the checks every seat
//! change makes before it is written.
//!
//! The rules, in the words of DOMAIN.md: members are organisations of the partnership, each
//! represented by a principal and optionally an alternate person *of that organisation*;
//! past members stay in the history. The schema holds the same rules (composite foreign
//! keys, `term_end >= term_start`, one held seat per organisation and body); checking them
//! here first gives each form field its own message and writes nothing half-way.

use crate::domain::Date;
use crate::domain::partnership::Side;
use serde::{Deserialize, Serialize};

/// A new seat, as the "seat an organisation" forms post it (`input[organisation]`, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatInput {
    /// The organisation's id.
    pub organisation: String,
    /// Present (any value) when a working-group seat votes; ignored for councils.
    #[serde(default)]
    pub voting: Option<String>,
    /// The principal's person id (may be empty).
    pub principal: String,
    /// The alternate's person id (may be empty).
    pub alternate: String,
    /// First day (YYYY-MM-DD).
    pub term_start: String,
    /// Last day (YYYY-MM-DD), or empty.
    pub term_end: String,
}

/// A seat as a roster lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatView {
    /// The seat's id (for the management forms).
    pub id: i64,
    /// The organisation's URL key.
    pub organisation_slug: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// Its id.
    pub organisation_id: i64,
    /// Its side.
    pub side: Side,
    /// Whether the seat votes (always true on a council).
    pub is_voting: bool,
    /// The principal's name, when the viewer may see representatives.
    pub principal: Option<String>,
    /// The principal's id, for the forms of those who manage the roster.
    pub principal_id: Option<i64>,
    /// The alternate's name, when the viewer may see representatives.
    pub alternate: Option<String>,
    /// The alternate's id, for the forms of those who manage the roster.
    pub alternate_id: Option<i64>,
    /// First day.
    pub term_start: Date,
    /// Last day, if set.
    pub term_end: Option<Date>,
}

impl SeatView {
    /// Whether the seat is held on `today` or later (not yet ended).
    pub fn is_held(&self, today: Date) -> bool {
        self.term_end.is_none_or(|end| end >= today)
    }
}

/// The roster of a body, split into held and past seats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    /// Seats held today (or starting later), in roster order.
    pub current: Vec<SeatView>,
    /// Ended seats, most recent first within each organisation.
    pub past: Vec<SeatView>,
    /// Whether names of representatives are shown (to members of the partnership).
    pub shows_representatives: bool,
}

#[cfg(feature = "ssr")]
pub(crate) mod checks {
    //! The checks of a seat change, run inside the write transaction.

    use super::*;
    use crate::error::{AppError, FieldErrors};
    use crate::ssr::db::councils::SeatListRow;
    use crate::ssr::db::organisations::{OrganisationBrief, find_organisation_brief};
    use crate::ssr::db::people::find_person_record;
    use crate::ssr::db::{Conn, DbError};

    /// Adds `message` to `field`.
    pub fn fail(errors: &mut FieldErrors, field: &str, message: impl Into<String>) {
        errors
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }

    /// The organisation named by a form's `organisation` field, if it is one of the
    /// partnership's.
    pub async fn organisation_of_partnership(
        conn: &mut Conn,
        partnership_id: i64,
        raw: &str,
        errors: &mut FieldErrors,
    ) -> Result<Option<OrganisationBrief>, DbError> {
        let found = match raw.trim().parse::<i64>() {
            Ok(id) => find_organisation_brief(conn, id)
                .await?
                .filter(|o| o.partnership_id == partnership_id),
            Err(_) => None,
        };
        if found.is_none() {
            fail(
                errors,
                "organisation",
                "Choose a member organisation registered in this partnership.",
            );
        }
        Ok(found)
    }

    /// A representative (`field` is `principal` or `alternate`): empty for none, otherwise
    /// an active person of `organisation`.
    pub async fn representative(
        conn: &mut Conn,
        organisation: &OrganisationBrief,
        field: &str,
        raw: &str,
        errors: &mut FieldErrors,
    ) -> Result<Option<i64>, DbError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let role = if field == "principal" {
            "principal"
        } else {
            "alternate"
        };
        let Some(person) = (match raw.parse::<i64>() {
            Ok(id) => find_person_record(conn, id).await?,
            Err(_) => None,
        }) else {
            fail(errors, field, format!("Choose the {role} from the list."));
            return Ok(None);
        };
        if person.organisation_id != Some(organisation.id) {
            fail(
                errors,
                field,
                format!(
                    "{} is not a person of {}: a representative must belong to the member organisation.",
                    person.display_name, organisation.name
                ),
            );
            return Ok(None);
        }
        if person.is_active == 0 {
            fail(
                errors,
                field,
                format!(
                    "{}'s account is deactivated; choose an active person.",
                    person.display_name
                ),
            );
            return Ok(None);
        }
        Ok(Some(person.id))
    }

    /// The principal and alternate of a seat of `organisation`, checked together.
    pub async fn representatives(
        conn: &mut Conn,
        organisation: &OrganisationBrief,
        principal: &str,
        alternate: &str,
        errors: &mut FieldErrors,
    ) -> Result<(Option<i64>, Option<i64>), DbError> {
        let principal = representative(conn, organisation, "principal", principal, errors).await?;
        let alternate = representative(conn, organisation, "alternate", alternate, errors).await?;
        if principal.is_some() && principal == alternate {
            fail(
                errors,
                "alternate",
                "The alternate must be someone other than the principal.",
            );
        }
        if principal.is_none() && alternate.is_some() && !errors.contains_key("principal") {
            fail(errors, "principal", "Name a principal before an alternate.");
        }
        Ok((principal, alternate))
    }

    /// The end date of a held seat or term, posted as `term_end`.
    pub fn end_date(start: Date, raw: &str) -> Result<Date, AppError> {
        let end = Date::parse(raw).map_err(|_| {
            AppError::invalid(
                "term_end",
                "Enter the last day of the term as a date (YYYY-MM-DD).",
            )
        })?;
        crate::domain::term::Term::check_end(start, end)
            .map_err(|message| AppError::invalid("term_end", message))?;
        Ok(end)
    }

    /// A roster from seat rows; representatives only when `shows_representatives`, their
    /// ids only when `manages`.
    pub fn roster(
        rows: Vec<SeatListRow>,
        today: Date,
        shows_representatives: bool,
        manages: bool,
    ) -> Roster {
        let mut roster = Roster {
            shows_representatives,
            ..Roster::default()
        };
        for row in rows {
            let seat = SeatView {
                id: row.id,
                organisation_slug: row.organisation_slug,
                organisation_name: row.organisation_name,
                organisation_id: row.organisation_id,
                side: row.side,
                is_voting: row.is_voting != 0,
                principal: row.principal_name.filter(|_| shows_representatives),
                principal_id: row.principal_person_id.filter(|_| manages),
                alternate: row.alternate_name.filter(|_| shows_representatives),
                alternate_id: row.alternate_person_id.filter(|_| manages),
                term_start: row.term_start,
                term_end: row.term_end,
            };
            if seat.is_held(today) {
                roster.current.push(seat);
            } else {
                roster.past.push(seat);
            }
        }
        roster
    }
}
