//! Councils of a partnership: their page (record and roster, past members included) and,
//! for the secretariat, creating and editing them and managing their roster.
//!
//! A Government Coordinating Council seats public organisations, a Sector Coordinating
//! Council private and non-profit ones (DOMAIN.md); other councils seat anyone of the
//! partnership.

use crate::api::choices::Choices;
use crate::api::rosters::{Roster, SeatInput};
use crate::domain::Tlp;
use crate::domain::partnership::{CouncilKind, Side};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The editable fields of a council, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilInput {
    /// Full name.
    pub name: String,
    /// Short name or acronym.
    pub short_name: String,
    /// `gcc`, `scc` or `other`.
    pub kind: String,
    /// Markdown.
    pub description: String,
    /// The chair's person id, or empty.
    pub chair: String,
    /// The secretariat organisation's id, or empty.
    pub secretariat_organisation: String,
    /// TLP code of the record.
    pub tlp: String,
}

/// A council's fields once checked (the chair and secretariat are checked against the
/// database by the server function).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCouncil {
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Kind.
    pub kind: CouncilKind,
    /// Markdown.
    pub description: String,
    /// The chair, if any.
    pub chair: Option<i64>,
    /// The secretariat organisation, if any.
    pub secretariat_organisation: Option<i64>,
    /// Label.
    pub tlp: Tlp,
}

impl CouncilInput {
    /// Checks every field that needs no database.
    pub fn validate(&self) -> Result<ValidCouncil, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            fail("name", "Enter the council's name (1 to 200 characters).");
        }
        let short_name = self.short_name.trim().to_owned();
        if short_name.chars().count() > 40 {
            fail(
                "short_name",
                "The short name can have at most 40 characters.",
            );
        }
        let kind = CouncilKind::from_code(self.kind.trim());
        if kind.is_none() {
            fail(
                "kind",
                "Choose the kind of council: government coordinating, sector coordinating or other.",
            );
        }
        if self.description.chars().count() > 20_000 {
            fail(
                "description",
                "The description can have at most 20,000 characters.",
            );
        }
        let optional_id = |raw: &str| -> Result<Option<i64>, ()> {
            let raw = raw.trim();
            if raw.is_empty() {
                Ok(None)
            } else {
                raw.parse::<i64>().map(Some).map_err(|_| ())
            }
        };
        let chair = optional_id(&self.chair);
        if chair.is_err() {
            fail("chair", "Choose the chair from the list, or no chair.");
        }
        let secretariat = optional_id(&self.secretariat_organisation);
        if secretariat.is_err() {
            fail(
                "secretariat_organisation",
                "Choose the secretariat's organisation from the list, or none.",
            );
        }
        let tlp = Tlp::from_code(self.tlp.trim());
        if tlp.is_none() {
            fail("tlp", "Choose a TLP label.");
        }
        match (kind, tlp, chair, secretariat) {
            (Some(kind), Some(tlp), Ok(chair), Ok(secretariat_organisation))
                if errors.is_empty() =>
            {
                Ok(ValidCouncil {
                    name,
                    short_name,
                    kind,
                    description: self.description.clone(),
                    chair,
                    secretariat_organisation,
                    tlp,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Whether a council of `kind` may seat an organisation of `side`; the message says why
/// not.
pub fn seat_side_rule(kind: CouncilKind, side: Side) -> Result<(), &'static str> {
    match (kind, side) {
        (CouncilKind::Gcc, Side::Public) | (CouncilKind::Other, _) => Ok(()),
        (CouncilKind::Gcc, _) => {
            Err("The Government Coordinating Council seats public organisations only.")
        }
        (CouncilKind::Scc, Side::Public) => {
            Err("The Sector Coordinating Council seats private and non-profit organisations only.")
        }
        (CouncilKind::Scc, _) => Ok(()),
    }
}

/// A council's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilDetail {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// URL key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Kind.
    pub kind: CouncilKind,
    /// The description, rendered and sanitised.
    pub description_html: String,
    /// TLP label.
    pub tlp: Tlp,
    /// "Name, Organisation" of the chair.
    pub chair: Option<String>,
    /// The secretariat's organisation.
    pub secretariat_organisation: Option<String>,
    /// Members, current and past.
    pub roster: Roster,
    /// Working groups of this council the viewer may see: (URL key, name).
    pub working_groups: Vec<(String, String)>,
    /// For those who manage the roster: the record as the form posts it, and the pickers.
    pub manage: Option<(CouncilInput, Choices)>,
}

/// What the "new council" and "new working group" forms need: the pickers and the
/// partnership's councils (id, name), for those who may create them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyFormData {
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// Organisations and people.
    pub choices: Choices,
    /// The partnership's councils: (id, name).
    pub councils: Vec<(i64, String)>,
}

/// A council's page.
#[server(endpoint = "get_council")]
pub async fn get_council(
    /// The partnership's URL key.
    partnership: String,
    /// The council's URL key.
    council: String,
) -> Result<CouncilDetail, AppError> {
    crate::ssr::error::serve(imp::get_council(partnership, council)).await
}

/// The data of the forms that create councils and working groups (secretariat only).
#[server(endpoint = "get_body_form")]
pub async fn get_body_form(
    /// The partnership's URL key.
    partnership: String,
) -> Result<BodyFormData, AppError> {
    crate::ssr::error::serve(imp::get_body_form(partnership)).await
}

/// Creates a council (secretariat of the partnership). Audited.
#[server(endpoint = "create_council")]
pub async fn create_council(
    /// The partnership's URL key.
    partnership: String,
    /// The new council's URL key.
    slug: String,
    /// Its record.
    input: CouncilInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::create_council(partnership, slug, input)).await
}

/// Saves a council's record. Audited with before and after.
#[server(endpoint = "update_council")]
pub async fn update_council(
    /// The partnership's URL key.
    partnership: String,
    /// The council's URL key.
    council: String,
    /// The new record.
    input: CouncilInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_council(partnership, council, input)).await
}

/// Seats an organisation on a council, with its representatives and term. Audited.
#[server(endpoint = "add_council_member")]
pub async fn add_council_member(
    /// The partnership's URL key.
    partnership: String,
    /// The council's URL key.
    council: String,
    /// The seat.
    input: SeatInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::add_council_member(partnership, council, input)).await
}

/// Changes the representatives of a held council seat. Audited.
#[server(endpoint = "update_council_member")]
pub async fn update_council_member(
    /// The partnership's URL key.
    partnership: String,
    /// The council's URL key.
    council: String,
    /// The seat's id.
    seat: i64,
    /// The principal's person id (may be empty).
    principal: String,
    /// The alternate's person id (may be empty).
    alternate: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_council_member(
        partnership,
        council,
        seat,
        principal,
        alternate,
    ))
    .await
}

/// Ends a council seat's term; the seat stays in the history. Audited.
#[server(endpoint = "end_council_member")]
pub async fn end_council_member(
    /// The partnership's URL key.
    partnership: String,
    /// The council's URL key.
    council: String,
    /// The seat's id.
    seat: i64,
    /// Last day (YYYY-MM-DD).
    term_end: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::end_council_member(
        partnership,
        council,
        seat,
        term_end,
    ))
    .await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::choices;
    use crate::api::organisations::validate_new_slug;
    use crate::api::partnerships::validate_slug;
    use crate::api::rosters::checks;
    use crate::domain::access::{Action, Resource};
    use crate::domain::term::Term;
    use crate::domain::{Date, Timestamp};
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::councils::{self as q, CouncilRecord};
    use crate::ssr::db::{Conn, DbError, organisations, partnerships, people};
    use crate::ssr::markdown;
    use crate::ssr::state::AppState;

    /// The council's authorisation facts.
    pub(crate) fn resource(council: &CouncilRecord) -> Resource {
        Resource {
            partnership_id: council.partnership_id,
            council_id: Some(council.id),
            working_group_id: None,
            owner_organisation_id: None,
            tlp: council.tlp,
            actor_is_named_recipient: council.named != 0,
            plan_version_id: None,
        }
    }

    /// The partnership and the council, if the viewer may see both.
    async fn visible_council(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        council: &str,
    ) -> Result<(partnerships::PartnershipRow, CouncilRecord), AppError> {
        validate_slug(partnership)?;
        validate_slug(council)?;
        let vis = viewer.visibility();
        let p = partnerships::find_partnership_by_slug(conn, partnership, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let c = q::find_council(conn, p.id, council, vis.person_id)
            .await?
            .filter(|c| viewer.can(Action::View, &resource(c)))
            .ok_or(AppError::NotFound)?;
        Ok((p, c))
    }

    pub async fn get_council(
        partnership: String,
        council: String,
    ) -> Result<CouncilDetail, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let (p, c) = visible_council(&mut tx, &viewer, &partnership, &council).await?;
        let manages = viewer.can(Action::ManageRoster, &resource(&c));
        let shows_representatives =
            viewer.can(Action::View, &Resource::partnership(p.id, Tlp::Green));
        let seats = q::list_council_seats(&mut tx, c.id).await?;
        let groups = partnerships::list_working_groups(&mut tx, p.id, viewer.visibility()).await?;
        let choices = if manages {
            Some(choices::load(&mut tx, p.id).await?)
        } else {
            None
        };
        tx.commit().await.map_err(DbError::from)?;
        let today = viewer.visibility().today;
        let input = CouncilInput {
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            kind: c.kind.code().to_owned(),
            description: c.description.clone(),
            chair: c
                .chair_person_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            secretariat_organisation: c
                .secretariat_organisation_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            tlp: c.tlp.code().to_owned(),
        };
        Ok(CouncilDetail {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            description_html: markdown::render(&c.description),
            chair: c.chair_name.map(|name| match c.chair_organisation {
                Some(org) => format!("{name}, {org}"),
                None => name,
            }),
            secretariat_organisation: c.secretariat_organisation,
            roster: checks::roster(seats, today, shows_representatives, manages),
            working_groups: groups
                .into_iter()
                .filter(|g| g.council_name.as_deref() == Some(c.name.as_str()) && g.is_joint == 0)
                .map(|g| (g.slug, g.name))
                .collect(),
            manage: choices.map(|choices| (input, choices)),
            slug: c.slug,
            name: c.name,
            kind: c.kind,
            tlp: c.tlp,
        })
    }

    /// The partnership, for a viewer who manages its rosters.
    async fn managed_partnership(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
    ) -> Result<partnerships::PartnershipRow, AppError> {
        validate_slug(partnership)?;
        let p = partnerships::find_partnership_by_slug(conn, partnership, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        viewer.authorize(
            Action::ManageRoster,
            &Resource::partnership(p.id, Tlp::Green),
        )?;
        Ok(p)
    }

    pub async fn get_body_form(partnership: String) -> Result<BodyFormData, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let p = managed_partnership(&mut tx, &viewer, &partnership).await?;
        let choices = choices::load(&mut tx, p.id).await?;
        let councils = partnerships::list_councils(&mut tx, p.id, viewer.visibility()).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(BodyFormData {
            partnership_short_name: p.short_name,
            choices,
            councils: councils.into_iter().map(|c| (c.id, c.name)).collect(),
        })
    }

    /// Checks the chair and the secretariat organisation against the partnership.
    async fn check_officers(
        conn: &mut Conn,
        partnership_id: i64,
        valid: &ValidCouncil,
        errors: &mut FieldErrors,
    ) -> Result<(), AppError> {
        if let Some(chair) = valid.chair {
            let person = people::find_person_record(conn, chair).await?;
            let eligible = person
                .is_some_and(|p| p.partnership_id == Some(partnership_id) && p.is_active != 0);
            if !eligible {
                checks::fail(
                    errors,
                    "chair",
                    "Choose the chair among the active people of this partnership.",
                );
            }
        }
        if let Some(org) = valid.secretariat_organisation {
            let found = organisations::find_organisation_brief(conn, org).await?;
            if found.is_none_or(|o| o.partnership_id != partnership_id) {
                checks::fail(
                    errors,
                    "secretariat_organisation",
                    "Choose the secretariat's organisation among those of this partnership.",
                );
            }
        }
        Ok(())
    }

    pub async fn create_council(
        partnership: String,
        slug: String,
        input: CouncilInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let p = managed_partnership(&mut tx, &viewer, &partnership).await?;
        let mut errors = FieldErrors::new();
        let slug = match validate_new_slug(&slug) {
            Ok(slug) => Some(slug),
            Err(AppError::Invalid(e)) => {
                errors.extend(e);
                None
            }
            Err(other) => return Err(other),
        };
        let valid = match input.validate() {
            Ok(valid) => Some(valid),
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        if let Some(valid) = &valid {
            check_officers(&mut tx, p.id, valid, &mut errors).await?;
        }
        let (Some(slug), Some(valid), true) = (slug, valid, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let id = q::insert_council(
            &mut tx,
            q::NewCouncil {
                partnership_id: p.id,
                slug: slug.clone(),
                name: valid.name,
                short_name: valid.short_name,
                kind: valid.kind,
                description: valid.description,
                chair_person_id: valid.chair,
                secretariat_organisation_id: valid.secretariat_organisation,
                tlp: valid.tlp,
                created_at: Timestamp::now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(message) => AppError::invalid("slug", message),
            other => other.into(),
        })?;
        let after = q::find_council(&mut tx, p.id, &slug, -1)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "council", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/councils/{slug}?saved=1", p.slug));
        Ok(())
    }

    /// The council, for a viewer who manages its roster.
    async fn managed_council(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        council: &str,
    ) -> Result<(partnerships::PartnershipRow, CouncilRecord), AppError> {
        let (p, c) = visible_council(conn, viewer, partnership, council).await?;
        viewer.authorize(Action::ManageRoster, &resource(&c))?;
        Ok((p, c))
    }

    pub async fn update_council(
        partnership: String,
        council: String,
        input: CouncilInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, before) = managed_council(&mut tx, &viewer, &partnership, &council).await?;
        let valid = input.validate().map_err(AppError::Invalid)?;
        let mut errors = FieldErrors::new();
        check_officers(&mut tx, p.id, &valid, &mut errors).await?;
        if valid.kind != before.kind {
            // Changing the kind must not leave seats that the new kind does not allow.
            let seats = q::list_council_seats(&mut tx, before.id).await?;
            let today = viewer.visibility().today;
            if let Some(seat) = seats
                .iter()
                .filter(|s| s.term_end.is_none_or(|end| end >= today))
                .find(|s| seat_side_rule(valid.kind, s.side).is_err())
            {
                checks::fail(
                    &mut errors,
                    "kind",
                    format!(
                        "{} holds a seat that a {} does not allow; end that seat first.",
                        seat.organisation_name,
                        valid.kind.label()
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        // Widening the audience is the secretariat's audited act (DOMAIN.md).
        if before.tlp.is_lowering_to(valid.tlp) {
            viewer.authorize(Action::LowerLabel, &resource(&before))?;
        }
        q::update_council(
            &mut tx,
            q::CouncilEdit {
                id: before.id,
                name: valid.name,
                short_name: valid.short_name,
                kind: valid.kind,
                description: valid.description,
                chair_person_id: valid.chair,
                secretariat_organisation_id: valid.secretariat_organisation,
                tlp: valid.tlp,
                updated_at: Timestamp::now(),
            },
        )
        .await?;
        let after = q::find_council(&mut tx, p.id, &before.slug, -1)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "council", Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/councils/{}?saved=1", p.slug, before.slug));
        Ok(())
    }

    pub async fn add_council_member(
        partnership: String,
        council: String,
        input: SeatInput,
    ) -> Result<(), AppError> {
        let SeatInput {
            organisation,
            principal,
            alternate,
            term_start,
            term_end,
            ..
        } = input;
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, c) = managed_council(&mut tx, &viewer, &partnership, &council).await?;
        let mut errors = FieldErrors::new();
        let term = Term::parse(&term_start, &term_end, &mut errors);
        let org =
            checks::organisation_of_partnership(&mut tx, p.id, &organisation, &mut errors).await?;
        let Some(org) = org else {
            return Err(AppError::Invalid(errors));
        };
        if let Err(message) = seat_side_rule(c.kind, org.side) {
            checks::fail(
                &mut errors,
                "organisation",
                format!(
                    "{} is a {} organisation. {message}",
                    org.name,
                    org.side.label().to_lowercase()
                ),
            );
        }
        let (principal, alternate) =
            checks::representatives(&mut tx, &org, &principal, &alternate, &mut errors).await?;
        let (Some(term), true) = (term, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let id = q::insert_council_membership(
            &mut tx,
            q::NewCouncilMembership {
                council_id: c.id,
                partnership_id: p.id,
                organisation_id: org.id,
                principal_person_id: principal,
                alternate_person_id: alternate,
                term_start: term.start,
                term_end: term.end,
                notes: String::new(),
                created_at: Timestamp::now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => AppError::invalid(
                "organisation",
                format!(
                    "{} already holds a seat on {}; end that seat first.",
                    org.name, c.name
                ),
            ),
            other => other.into(),
        })?;
        let after = q::find_council_seat(&mut tx, id)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "council_membership", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/councils/{}?saved=1#roster", p.slug, c.slug));
        Ok(())
    }

    /// A seat of the council.
    async fn seat_of(
        conn: &mut Conn,
        council_id: i64,
        seat: i64,
    ) -> Result<q::SeatListRow, AppError> {
        q::find_council_seat(conn, seat)
            .await?
            .filter(|s| s.body_id == council_id)
            .ok_or(AppError::NotFound)
    }

    pub async fn update_council_member(
        partnership: String,
        council: String,
        seat: i64,
        principal: String,
        alternate: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, c) = managed_council(&mut tx, &viewer, &partnership, &council).await?;
        let before = seat_of(&mut tx, c.id, seat).await?;
        let org = organisations::find_organisation_brief(&mut tx, before.organisation_id)
            .await?
            .ok_or(AppError::Internal)?;
        let mut errors = FieldErrors::new();
        let (principal, alternate) =
            checks::representatives(&mut tx, &org, &principal, &alternate, &mut errors).await?;
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        q::update_council_seat_representatives(
            &mut tx,
            seat,
            principal,
            alternate,
            Timestamp::now(),
        )
        .await?;
        let after = seat_of(&mut tx, c.id, seat).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "council_membership", Some(seat))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/councils/{}?saved=1#roster", p.slug, c.slug));
        Ok(())
    }

    pub async fn end_council_member(
        partnership: String,
        council: String,
        seat: i64,
        term_end: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, c) = managed_council(&mut tx, &viewer, &partnership, &council).await?;
        let before = seat_of(&mut tx, c.id, seat).await?;
        if before.term_end.is_some() {
            return Err(AppError::Conflict(format!(
                "{}'s seat has already ended.",
                before.organisation_name
            )));
        }
        let end: Date = checks::end_date(before.term_start, &term_end)?;
        q::end_council_seat(&mut tx, seat, end, Timestamp::now()).await?;
        let after = seat_of(&mut tx, c.id, seat).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("end_term", "council_membership", Some(seat))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/councils/{}?saved=1#roster", p.slug, c.slug));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> CouncilInput {
        CouncilInput {
            name: " Regional Coordinating Council ".into(),
            short_name: "RCC".into(),
            kind: "other".into(),
            description: "Regional *bodies*.".into(),
            chair: "".into(),
            secretariat_organisation: "7".into(),
            tlp: "clear".into(),
        }
    }

    #[test]
    fn a_good_council_is_trimmed() {
        let valid = good().validate().expect("valid");
        assert_eq!(valid.name, "Regional Coordinating Council");
        assert_eq!(valid.chair, None);
        assert_eq!(valid.secretariat_organisation, Some(7));
    }

    #[test]
    fn each_bad_field_is_named() {
        let errors = CouncilInput {
            name: " ".into(),
            kind: "club".into(),
            chair: "x".into(),
            tlp: "purple".into(),
            ..good()
        }
        .validate()
        .expect_err("invalid");
        for field in ["name", "kind", "chair", "tlp"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn councils_seat_their_own_side() {
        assert!(seat_side_rule(CouncilKind::Gcc, Side::Public).is_ok());
        assert!(seat_side_rule(CouncilKind::Gcc, Side::Private).is_err());
        assert!(seat_side_rule(CouncilKind::Scc, Side::NonProfit).is_ok());
        assert!(seat_side_rule(CouncilKind::Scc, Side::Public).is_err());
        assert!(seat_side_rule(CouncilKind::Other, Side::Public).is_ok());
    }
}
