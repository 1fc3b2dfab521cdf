//! Working groups of a partnership: their page (charter, conveners, members with their
//! representatives, history) and, for the secretariat, creating and editing them,
//! appointing conveners and managing their roster.
//!
//! Rules of DOMAIN.md held here: a joint group has at most one public and one private
//! convener in office (the side is the convener's organisation's); a joint group's voting
//! members come from the councils (each holds a seat on the partnership's GCC or SCC), a
//! single-council group's from its council; the charter is Markdown, published as written,
//! so active content (scripts, event handlers, `javascript:` links) is refused, and what is
//! shown is sanitised anyway.

use crate::api::choices::Choices;
use crate::api::rosters::{Roster, SeatInput};
use crate::domain::partnership::Side;
use crate::domain::{Date, Tlp};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The editable fields of a working group, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingGroupInput {
    /// Full name.
    pub name: String,
    /// Short name or acronym.
    pub short_name: String,
    /// Empty for a joint group, else the council's id (only when creating).
    pub council: String,
    /// One paragraph.
    pub summary: String,
    /// Markdown.
    pub charter: String,
    /// TLP code of the charter.
    pub charter_tlp: String,
    /// TLP code of the record.
    pub tlp: String,
}

/// A working group's fields once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidWorkingGroup {
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// The council of a single-council group; `None` for a joint group.
    pub council: Option<i64>,
    /// One paragraph.
    pub summary: String,
    /// Markdown.
    pub charter: String,
    /// Label of the charter.
    pub charter_tlp: Tlp,
    /// Label of the record.
    pub tlp: Tlp,
}

impl WorkingGroupInput {
    /// Checks every field that needs no database.
    pub fn validate(&self) -> Result<ValidWorkingGroup, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            fail(
                "name",
                "Enter the working group's name (1 to 200 characters).".into(),
            );
        }
        let short_name = self.short_name.trim().to_owned();
        if short_name.chars().count() > 40 {
            fail(
                "short_name",
                "The short name can have at most 40 characters.".into(),
            );
        }
        let council = match self.council.trim() {
            "" => Ok(None),
            raw => raw.parse::<i64>().map(Some).map_err(|_| ()),
        };
        if council.is_err() {
            fail(
                "council",
                "Choose a council, or \"joint\" for a group of both councils.".into(),
            );
        }
        let summary = self.summary.trim().to_owned();
        if summary.chars().count() > 1000 {
            fail(
                "summary",
                "The summary can have at most 1,000 characters.".into(),
            );
        }
        if self.charter.chars().count() > 50_000 {
            fail(
                "charter",
                "The charter can have at most 50,000 characters.".into(),
            );
        } else if let Some(what) = crate::domain::text::active_content(&self.charter) {
            fail(
                "charter",
                format!(
                    "The charter contains {what}, which is not allowed: charters are published as \
                     written. Remove it, or put it in a code block (between backticks) to show it as text."
                ),
            );
        }
        let charter_tlp = Tlp::from_code(self.charter_tlp.trim());
        if charter_tlp.is_none() {
            fail("charter_tlp", "Choose a TLP label for the charter.".into());
        }
        let tlp = Tlp::from_code(self.tlp.trim());
        if tlp.is_none() {
            fail("tlp", "Choose a TLP label for the group.".into());
        }
        match (council, charter_tlp, tlp) {
            (Ok(council), Some(charter_tlp), Some(tlp)) if errors.is_empty() => {
                Ok(ValidWorkingGroup {
                    name,
                    short_name,
                    council,
                    summary,
                    charter: self.charter.clone(),
                    charter_tlp,
                    tlp,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The convener side of a person of an organisation of `side`: public for government,
/// private for industry and non-profits.
pub fn convener_side(side: Side) -> Side {
    match side {
        Side::Public => Side::Public,
        Side::Private | Side::NonProfit => Side::Private,
    }
}

/// A convener's term as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvenerView {
    /// The term's id.
    pub id: i64,
    /// "Name, Organisation".
    pub name: String,
    /// Public or private convener.
    pub side: Side,
    /// First day.
    pub term_start: Date,
    /// Last day, if set.
    pub term_end: Option<Date>,
}

/// A working group's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingGroupDetail {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// URL key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Members come from both councils.
    pub is_joint: bool,
    /// The council of a single-council group: (URL key, name).
    pub council: Option<(String, String)>,
    /// One paragraph.
    pub summary: String,
    /// TLP label of the group.
    pub tlp: Tlp,
    /// The charter, rendered and sanitised, when the viewer may see it.
    pub charter_html: Option<String>,
    /// Label of the charter.
    pub charter_tlp: Tlp,
    /// Conveners in office.
    pub conveners: Vec<ConvenerView>,
    /// Former conveners.
    pub past_conveners: Vec<ConvenerView>,
    /// Members, current and past.
    pub roster: Roster,
    /// For those who manage the roster: the record as the form posts it, and the pickers.
    pub manage: Option<(WorkingGroupInput, Choices)>,
}

/// A working group's page.
#[server(endpoint = "get_working_group")]
pub async fn get_working_group(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
) -> Result<WorkingGroupDetail, AppError> {
    crate::ssr::error::serve(imp::get_working_group(partnership, group)).await
}

/// Creates a working group (secretariat of the partnership). Audited.
#[server(endpoint = "create_working_group")]
pub async fn create_working_group(
    /// The partnership's URL key.
    partnership: String,
    /// The new group's URL key.
    slug: String,
    /// Its record.
    input: WorkingGroupInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::create_working_group(partnership, slug, input)).await
}

/// Saves a working group's record (not its council). Audited with before and after.
#[server(endpoint = "update_working_group")]
pub async fn update_working_group(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
    /// The new record.
    input: WorkingGroupInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_working_group(partnership, group, input)).await
}

/// Appoints a convener; the side is that of the person's organisation. Audited.
#[server(endpoint = "appoint_convener")]
pub async fn appoint_convener(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
    /// The person's id.
    person: String,
    /// First day (YYYY-MM-DD).
    term_start: String,
    /// Last day (YYYY-MM-DD), or empty.
    term_end: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::appoint_convener(
        partnership,
        group,
        person,
        term_start,
        term_end,
    ))
    .await
}

/// Ends a convener's term; it stays in the history. Audited.
#[server(endpoint = "end_convener")]
pub async fn end_convener(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
    /// The term's id.
    convener: i64,
    /// Last day (YYYY-MM-DD).
    term_end: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::end_convener(partnership, group, convener, term_end)).await
}

/// Seats an organisation in a working group, voting or not, with its representatives.
/// Audited.
#[server(endpoint = "add_group_member")]
pub async fn add_group_member(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
    /// The seat (`input[voting]` present when it votes).
    input: SeatInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::add_group_member(partnership, group, input)).await
}

/// Changes a held seat's vote and representatives. Audited.
#[server(endpoint = "update_group_member")]
pub async fn update_group_member(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
    /// The seat's id.
    seat: i64,
    /// Present (any value) when the seat votes.
    voting: Option<String>,
    /// The principal's person id (may be empty).
    principal: String,
    /// The alternate's person id (may be empty).
    alternate: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_group_member(
        partnership,
        group,
        seat,
        voting.is_some(),
        principal,
        alternate,
    ))
    .await
}

/// Ends a working-group seat's term; it stays in the history. Audited.
#[server(endpoint = "end_group_member")]
pub async fn end_group_member(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
    /// The seat's id.
    seat: i64,
    /// Last day (YYYY-MM-DD).
    term_end: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::end_group_member(partnership, group, seat, term_end)).await
}

#[cfg(feature = "ssr")]
pub(crate) use imp::{resource as group_resource, visible_group};

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::choices;
    use crate::api::organisations::validate_new_slug;
    use crate::api::partnerships::validate_slug;
    use crate::api::rosters::checks;
    use crate::domain::Timestamp;
    use crate::domain::access::{Action, Resource};
    use crate::domain::partnership::CouncilKind;
    use crate::domain::term::Term;
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::councils::{SeatListRow, list_councils_of_organisation};
    use crate::ssr::db::organisations::{OrganisationBrief, find_organisation_brief};
    use crate::ssr::db::working_groups::{self as q, WorkingGroupRecord};
    use crate::ssr::db::{Conn, DbError, partnerships, people};
    use crate::ssr::markdown;
    use crate::ssr::state::AppState;

    /// The group's authorisation facts, labelled `tlp`.
    pub(crate) fn resource(group: &WorkingGroupRecord, tlp: Tlp) -> Resource {
        Resource {
            partnership_id: group.partnership_id,
            council_id: group.council_id,
            working_group_id: Some(group.id),
            owner_organisation_id: None,
            tlp,
            actor_is_named_recipient: group.named != 0,
            plan_version_id: None,
        }
    }

    /// The partnership and its working group, when both exist and the viewer may see them.
    pub(crate) async fn visible_group(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        group: &str,
    ) -> Result<(partnerships::PartnershipRow, WorkingGroupRecord), AppError> {
        validate_slug(partnership)?;
        validate_slug(group)?;
        let vis = viewer.visibility();
        let p = partnerships::find_partnership_by_slug(conn, partnership, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let g = q::find_working_group(conn, p.id, group, vis.person_id)
            .await?
            .filter(|g| viewer.can(Action::View, &resource(g, g.tlp)))
            .ok_or(AppError::NotFound)?;
        Ok((p, g))
    }

    async fn managed_group(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        group: &str,
    ) -> Result<(partnerships::PartnershipRow, WorkingGroupRecord), AppError> {
        let (p, g) = visible_group(conn, viewer, partnership, group).await?;
        viewer.authorize(Action::ManageRoster, &resource(&g, g.tlp))?;
        Ok((p, g))
    }

    fn convener_view(row: q::ConvenerTermRow) -> ConvenerView {
        ConvenerView {
            id: row.id,
            name: match row.organisation_name {
                Some(org) => format!("{}, {org}", row.person_name),
                None => row.person_name,
            },
            side: row.side,
            term_start: row.term_start,
            term_end: row.term_end,
        }
    }

    pub async fn get_working_group(
        partnership: String,
        group: String,
    ) -> Result<WorkingGroupDetail, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let (p, g) = visible_group(&mut tx, &viewer, &partnership, &group).await?;
        let manages = viewer.can(Action::ManageRoster, &resource(&g, g.tlp));
        let shows_representatives =
            viewer.can(Action::View, &Resource::partnership(p.id, Tlp::Green));
        let seats = q::list_group_seats(&mut tx, g.id).await?;
        let conveners = q::list_group_conveners(&mut tx, g.id).await?;
        let council = match g.council_id {
            Some(_) => partnerships::list_councils(&mut tx, p.id, viewer.visibility())
                .await?
                .into_iter()
                .find(|c| Some(c.id) == g.council_id)
                .map(|c| (c.slug, c.name)),
            None => None,
        };
        let choices = if manages {
            Some(choices::load(&mut tx, p.id).await?)
        } else {
            None
        };
        tx.commit().await.map_err(DbError::from)?;
        let today = viewer.visibility().today;
        let (current, past): (Vec<_>, Vec<_>) = conveners
            .into_iter()
            .map(convener_view)
            .partition(|c| c.term_end.is_none_or(|end| end >= today));
        let charter_html = viewer
            .can(Action::View, &resource(&g, g.charter_tlp))
            .then(|| markdown::render(&g.charter));
        let input = WorkingGroupInput {
            name: g.name.clone(),
            short_name: g.short_name.clone(),
            council: g.council_id.map(|id| id.to_string()).unwrap_or_default(),
            summary: g.summary.clone(),
            charter: g.charter.clone(),
            charter_tlp: g.charter_tlp.code().to_owned(),
            tlp: g.tlp.code().to_owned(),
        };
        Ok(WorkingGroupDetail {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            slug: g.slug,
            name: g.name,
            is_joint: g.is_joint != 0,
            council,
            summary: g.summary,
            tlp: g.tlp,
            charter_html,
            charter_tlp: g.charter_tlp,
            conveners: current,
            past_conveners: past,
            roster: checks::roster(seats, today, shows_representatives, manages),
            manage: choices.map(|choices| (input, choices)),
        })
    }

    pub async fn create_working_group(
        partnership: String,
        slug: String,
        input: WorkingGroupInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        validate_slug(&partnership)?;
        let p = partnerships::find_partnership_by_slug(&mut tx, &partnership, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        viewer.authorize(
            Action::ManageRoster,
            &Resource::partnership(p.id, Tlp::Green),
        )?;
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
        if let Some(council) = valid.as_ref().and_then(|v| v.council) {
            let councils = partnerships::list_councils(&mut tx, p.id, viewer.visibility()).await?;
            if !councils.iter().any(|c| c.id == council) {
                checks::fail(
                    &mut errors,
                    "council",
                    "Choose one of this partnership's councils.",
                );
            }
        }
        let (Some(slug), Some(valid), true) = (slug, valid, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let id = q::insert_working_group(
            &mut tx,
            q::NewWorkingGroup {
                partnership_id: p.id,
                council_id: valid.council,
                slug: slug.clone(),
                name: valid.name,
                short_name: valid.short_name,
                summary: valid.summary,
                charter: valid.charter,
                charter_tlp: valid.charter_tlp,
                tlp: valid.tlp,
                created_at: Timestamp::now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(message) => AppError::invalid("slug", message),
            other => other.into(),
        })?;
        let after = q::find_working_group(&mut tx, p.id, &slug, -1)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "working_group", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/groups/{slug}?saved=1", p.slug));
        Ok(())
    }

    pub async fn update_working_group(
        partnership: String,
        group: String,
        input: WorkingGroupInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, before) = managed_group(&mut tx, &viewer, &partnership, &group).await?;
        // The council of a group is fixed at creation: its voting members depend on it.
        let input = WorkingGroupInput {
            council: String::new(),
            ..input
        };
        let valid = input.validate().map_err(AppError::Invalid)?;
        if before.tlp.is_lowering_to(valid.tlp)
            || before.charter_tlp.is_lowering_to(valid.charter_tlp)
        {
            viewer.authorize(Action::LowerLabel, &resource(&before, before.tlp))?;
        }
        q::update_working_group(
            &mut tx,
            q::WorkingGroupEdit {
                id: before.id,
                name: valid.name,
                short_name: valid.short_name,
                summary: valid.summary,
                charter: valid.charter,
                charter_tlp: valid.charter_tlp,
                tlp: valid.tlp,
                updated_at: Timestamp::now(),
            },
        )
        .await?;
        let after = q::find_working_group(&mut tx, p.id, &before.slug, -1)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "working_group", Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/groups/{}?saved=1", p.slug, before.slug));
        Ok(())
    }

    pub async fn appoint_convener(
        partnership: String,
        group: String,
        person: String,
        term_start: String,
        term_end: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, g) = managed_group(&mut tx, &viewer, &partnership, &group).await?;
        let mut errors = FieldErrors::new();
        let term = Term::parse(&term_start, &term_end, &mut errors);
        let found = match person.trim().parse::<i64>() {
            Ok(id) => people::find_person_record(&mut tx, id).await?,
            Err(_) => None,
        }
        .filter(|r| r.partnership_id == Some(p.id) && r.is_active != 0);
        let Some(record) = found else {
            checks::fail(
                &mut errors,
                "person",
                "Choose the convener among the active people of this partnership.",
            );
            return Err(AppError::Invalid(errors));
        };
        let org = match record.organisation_id {
            Some(id) => find_organisation_brief(&mut tx, id).await?,
            None => None,
        }
        .ok_or(AppError::Internal)?;
        let side = convener_side(org.side);
        let conveners = q::list_group_conveners(&mut tx, g.id).await?;
        if let Some(current) = conveners
            .iter()
            .find(|c| c.term_end.is_none() && c.side == side)
        {
            checks::fail(
                &mut errors,
                "person",
                format!(
                    "{} already convenes {} for the {} side; end that term before appointing {}.",
                    current.person_name,
                    g.name,
                    side.label().to_lowercase(),
                    record.display_name
                ),
            );
        }
        let (Some(term), true) = (term, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let id = q::insert_convener(
            &mut tx,
            q::NewConvener {
                working_group_id: g.id,
                person_id: record.id,
                side,
                term_start: term.start,
                term_end: term.end,
                created_at: Timestamp::now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(message) => AppError::invalid("person", message),
            other => other.into(),
        })?;
        let after = q::find_convener(&mut tx, id)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("appoint", "working_group_convener", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "/p/{}/groups/{}?saved=1#conveners",
            p.slug, g.slug
        ));
        Ok(())
    }

    pub async fn end_convener(
        partnership: String,
        group: String,
        convener: i64,
        term_end: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, g) = managed_group(&mut tx, &viewer, &partnership, &group).await?;
        let before = q::find_convener(&mut tx, convener)
            .await?
            .filter(|c| c.working_group_id == g.id)
            .ok_or(AppError::NotFound)?;
        if before.term_end.is_some() {
            return Err(AppError::Conflict(format!(
                "{}'s term as convener has already ended.",
                before.person_name
            )));
        }
        let end = checks::end_date(before.term_start, &term_end)?;
        q::end_convener(&mut tx, convener, end, Timestamp::now()).await?;
        let after = q::find_convener(&mut tx, convener)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("end_term", "working_group_convener", Some(convener))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "/p/{}/groups/{}?saved=1#conveners",
            p.slug, g.slug
        ));
        Ok(())
    }

    /// A voting seat's organisation must sit on the councils the group draws from.
    async fn check_voting_member(
        conn: &mut Conn,
        group: &WorkingGroupRecord,
        org: &OrganisationBrief,
        today: Date,
        errors: &mut FieldErrors,
    ) -> Result<(), AppError> {
        let councils = list_councils_of_organisation(conn, org.id, today).await?;
        let allowed = match group.council_id {
            Some(council) => councils.iter().any(|(id, _)| *id == council),
            None => councils
                .iter()
                .any(|(_, kind)| matches!(kind, CouncilKind::Gcc | CouncilKind::Scc)),
        };
        if !allowed {
            let from = match &group.council_name {
                Some(name) if group.council_id.is_some() => format!("the {name}"),
                _ => "the Government or the Sector Coordinating Council".to_owned(),
            };
            checks::fail(
                errors,
                "voting",
                format!(
                    "{} holds no seat on {from} today, and {}'s voting members come from there. \
                     Seat it on the council first, or add it as a non-voting member.",
                    org.name, group.name
                ),
            );
        }
        Ok(())
    }

    pub async fn add_group_member(
        partnership: String,
        group: String,
        input: SeatInput,
    ) -> Result<(), AppError> {
        let SeatInput {
            organisation,
            voting,
            principal,
            alternate,
            term_start,
            term_end,
        } = input;
        let voting = voting.is_some();
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, g) = managed_group(&mut tx, &viewer, &partnership, &group).await?;
        let mut errors = FieldErrors::new();
        let term = Term::parse(&term_start, &term_end, &mut errors);
        let Some(org) =
            checks::organisation_of_partnership(&mut tx, p.id, &organisation, &mut errors).await?
        else {
            return Err(AppError::Invalid(errors));
        };
        if voting {
            check_voting_member(&mut tx, &g, &org, viewer.visibility().today, &mut errors).await?;
        }
        let (principal, alternate) =
            checks::representatives(&mut tx, &org, &principal, &alternate, &mut errors).await?;
        let (Some(term), true) = (term, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let id = q::insert_working_group_membership(
            &mut tx,
            q::NewWorkingGroupMembership {
                working_group_id: g.id,
                partnership_id: p.id,
                organisation_id: org.id,
                is_voting: voting,
                principal_person_id: principal,
                alternate_person_id: alternate,
                term_start: term.start,
                term_end: term.end,
                created_at: Timestamp::now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => AppError::invalid(
                "organisation",
                format!(
                    "{} already holds a seat in {}; end that seat first.",
                    org.name, g.name
                ),
            ),
            other => other.into(),
        })?;
        let after = q::find_group_seat(&mut tx, id)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "working_group_membership", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/groups/{}?saved=1#roster", p.slug, g.slug));
        Ok(())
    }

    async fn seat_of(conn: &mut Conn, group_id: i64, seat: i64) -> Result<SeatListRow, AppError> {
        q::find_group_seat(conn, seat)
            .await?
            .filter(|s| s.body_id == group_id)
            .ok_or(AppError::NotFound)
    }

    pub async fn update_group_member(
        partnership: String,
        group: String,
        seat: i64,
        voting: bool,
        principal: String,
        alternate: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, g) = managed_group(&mut tx, &viewer, &partnership, &group).await?;
        let before = seat_of(&mut tx, g.id, seat).await?;
        let org = find_organisation_brief(&mut tx, before.organisation_id)
            .await?
            .ok_or(AppError::Internal)?;
        let mut errors = FieldErrors::new();
        if voting && before.is_voting == 0 {
            check_voting_member(&mut tx, &g, &org, viewer.visibility().today, &mut errors).await?;
        }
        let (principal, alternate) =
            checks::representatives(&mut tx, &org, &principal, &alternate, &mut errors).await?;
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        q::update_group_seat(
            &mut tx,
            seat,
            voting,
            principal,
            alternate,
            Timestamp::now(),
        )
        .await?;
        let after = seat_of(&mut tx, g.id, seat).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "working_group_membership", Some(seat))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/groups/{}?saved=1#roster", p.slug, g.slug));
        Ok(())
    }

    pub async fn end_group_member(
        partnership: String,
        group: String,
        seat: i64,
        term_end: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, g) = managed_group(&mut tx, &viewer, &partnership, &group).await?;
        let before = seat_of(&mut tx, g.id, seat).await?;
        if before.term_end.is_some() {
            return Err(AppError::Conflict(format!(
                "{}'s seat has already ended.",
                before.organisation_name
            )));
        }
        let end = checks::end_date(before.term_start, &term_end)?;
        q::end_group_seat(&mut tx, seat, end, Timestamp::now()).await?;
        let after = seat_of(&mut tx, g.id, seat).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("end_term", "working_group_membership", Some(seat))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/groups/{}?saved=1#roster", p.slug, g.slug));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> WorkingGroupInput {
        WorkingGroupInput {
            name: "Supply Chain Working Group".into(),
            short_name: "SCWG".into(),
            council: "".into(),
            summary: "Suppliers and buyers.".into(),
            charter: "## Purpose\n\nWe meet *monthly*.".into(),
            charter_tlp: "clear".into(),
            tlp: "clear".into(),
        }
    }

    #[test]
    fn a_joint_group_has_no_council() {
        let valid = good().validate().expect("valid");
        assert_eq!(valid.council, None);
        let single = WorkingGroupInput {
            council: "4".into(),
            ..good()
        };
        assert_eq!(single.validate().expect("valid").council, Some(4));
    }

    #[test]
    fn a_charter_with_a_script_tag_is_refused_with_a_message_naming_it() {
        let errors = WorkingGroupInput {
            charter: "Hello <script>alert(1)</script>".into(),
            ..good()
        }
        .validate()
        .expect_err("refused");
        assert!(errors["charter"][0].contains("a script tag"), "{errors:?}");
        let errors = WorkingGroupInput {
            charter: "<img src=x onerror=alert(1)>".into(),
            ..good()
        }
        .validate()
        .expect_err("refused");
        assert!(errors["charter"][0].contains("event handler"), "{errors:?}");
    }

    #[test]
    fn conveners_sit_for_their_organisations_side() {
        assert_eq!(convener_side(Side::Public), Side::Public);
        assert_eq!(convener_side(Side::Private), Side::Private);
        assert_eq!(convener_side(Side::NonProfit), Side::Private);
    }
}
