//! Focal points of a partnership: the registry page (current and past designated contacts;
//! direct contact details only where their TLP label lets the viewer see them) and, for the
//! partnership's secretariat, appointing, editing and ending terms.
//!
//! At most one national focal point is active (its term has no end) per partnership. The
//! database holds that rule (`focal_points_one_active_national`); these functions check it
//! first so that the refusal names the one in office, and map the index's refusal of a
//! concurrent appointment to the same message.

use crate::api::choices::PersonChoice;
use crate::domain::partnership::FocalPointKind;
use crate::domain::term::Term;
use crate::domain::{Date, Tlp};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest role title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest public contact channel, in characters.
pub const MAX_CHANNEL_CHARS: usize = 300;
/// Longest direct e-mail address, in characters.
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest phone number, in characters.
pub const MAX_PHONE_CHARS: usize = 40;

/// Where a focal point serves: the whole partnership, one council or one working group.
/// Posted as one field: `partnership`, `council:<id>` or `group:<id>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FocalPointScope {
    /// The whole partnership.
    Partnership,
    /// One council.
    Council(i64),
    /// One working group.
    WorkingGroup(i64),
}

impl FocalPointScope {
    /// Parses the posted form (`partnership`, `council:<id>`, `group:<id>`).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text == "partnership" {
            return Some(Self::Partnership);
        }
        let (kind, id) = text.split_once(':')?;
        let id = id.parse::<i64>().ok().filter(|id| *id > 0)?;
        match kind {
            "council" => Some(Self::Council(id)),
            "group" => Some(Self::WorkingGroup(id)),
            _ => None,
        }
    }

    /// The scope of a stored focal point.
    pub fn from_ids(council_id: Option<i64>, working_group_id: Option<i64>) -> Self {
        match (council_id, working_group_id) {
            (Some(id), _) => Self::Council(id),
            (None, Some(id)) => Self::WorkingGroup(id),
            (None, None) => Self::Partnership,
        }
    }

    /// The posted form.
    pub fn code(self) -> String {
        match self {
            Self::Partnership => "partnership".to_owned(),
            Self::Council(id) => format!("council:{id}"),
            Self::WorkingGroup(id) => format!("group:{id}"),
        }
    }

    /// The council, for a council scope.
    pub fn council_id(self) -> Option<i64> {
        match self {
            Self::Council(id) => Some(id),
            _ => None,
        }
    }

    /// The working group, for a working-group scope.
    pub fn working_group_id(self) -> Option<i64> {
        match self {
            Self::WorkingGroup(id) => Some(id),
            _ => None,
        }
    }
}

/// Direct contact details, for viewers whose label allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectContact {
    /// Direct e-mail (may be empty).
    pub email: String,
    /// Direct phone (may be empty).
    pub phone: String,
}

/// A focal point as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocalPointEntry {
    /// Id, for the secretariat's forms.
    pub id: i64,
    /// What kind of contact.
    pub kind: FocalPointKind,
    /// The person's name.
    pub person_name: String,
    /// The person's organisation.
    pub organisation_name: String,
    /// Role title (may be empty).
    pub title: String,
    /// The scope as the form posts it (`partnership`, `council:<id>`, `group:<id>`).
    pub scope: String,
    /// The council's or working group's name; `None` for the whole partnership.
    pub scope_name: Option<String>,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while active.
    pub term_end: Option<Date>,
    /// The public contact channel (a functional mailbox or an https web form; may be empty).
    pub public_channel: String,
    /// Direct contact details; `None` when their label hides them from the viewer.
    pub contact: Option<DirectContact>,
    /// The label of the direct contact details.
    pub contact_tlp: Tlp,
}

impl FocalPointEntry {
    /// Whether the term is active (has no end); only active terms are ended.
    pub fn is_active(&self) -> bool {
        self.term_end.is_none()
    }
}

/// What the secretariat's forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocalPointManagement {
    /// Active people of the partnership's organisations.
    pub people: Vec<PersonChoice>,
    /// Scopes as `(value, text)` options: the partnership, its councils, its working groups.
    pub scopes: Vec<(String, String)>,
}

/// The focal points page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocalPointsOverview {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// The partnership's name.
    pub partnership_name: String,
    /// Focal points in office (or appointed to start later), national focal point first.
    pub current: Vec<FocalPointEntry>,
    /// Ended terms, latest first.
    pub past: Vec<FocalPointEntry>,
    /// The pickers, for the secretariat; `None` for everyone else.
    pub manage: Option<FocalPointManagement>,
    /// Today, to tell terms in office from terms not yet started.
    pub today: Date,
}

/// The editable fields of a focal point (all but its kind and person), as a form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FocalPointFields {
    /// `partnership`, `council:<id>` or `group:<id>`.
    pub scope: String,
    /// Role title.
    pub title: String,
    /// First day, `YYYY-MM-DD`.
    pub term_start: String,
    /// Last day, `YYYY-MM-DD`, or empty while in office.
    pub term_end: String,
    /// A functional mailbox or an https web form, or empty.
    pub public_channel: String,
    /// Direct e-mail; absent (not empty) keeps the stored one when editing.
    pub email: Option<String>,
    /// Direct phone; absent (not empty) keeps the stored one when editing.
    pub phone: Option<String>,
    /// The label of the direct contact details (`clear`, `green`, `amber`, …).
    pub contact_tlp: String,
}

/// [`FocalPointFields`], checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidFocalPointFields {
    /// Where the focal point serves.
    pub scope: FocalPointScope,
    /// Role title, trimmed.
    pub title: String,
    /// The term.
    pub term: Term,
    /// Public channel, trimmed.
    pub public_channel: String,
    /// Direct e-mail, trimmed; `None` to keep the stored one.
    pub email: Option<String>,
    /// Direct phone, trimmed; `None` to keep the stored one.
    pub phone: Option<String>,
    /// The label of the direct contact details.
    pub contact_tlp: Tlp,
}

fn fail(errors: &mut FieldErrors, field: &str, message: impl Into<String>) {
    errors
        .entry(field.to_owned())
        .or_default()
        .push(message.into());
}

/// Whether `text` looks like an e-mail address: one `@` with something before it and a
/// dotted domain after it, no spaces or controls.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && !text.contains(['<', '>', '"', ',', ';', '(', ')'])
}

impl FocalPointFields {
    /// Checks every field; problems go into `errors` under the field's name.
    pub fn validate(&self, errors: &mut FieldErrors) -> Option<ValidFocalPointFields> {
        let scope = FocalPointScope::parse(&self.scope);
        if scope.is_none() {
            fail(
                errors,
                "scope",
                "Choose whom the focal point serves: the whole partnership, a council or a working group.",
            );
        }
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.chars().count() > MAX_TITLE_CHARS {
            fail(
                errors,
                "title",
                format!("The role title can have at most {MAX_TITLE_CHARS} characters."),
            );
        }
        let term = Term::parse(&self.term_start, &self.term_end, errors);
        let public_channel = self.public_channel.trim().to_owned();
        let channel_ok = public_channel.is_empty()
            || (public_channel.chars().count() <= MAX_CHANNEL_CHARS
                && if public_channel.starts_with("https://") {
                    public_channel.len() > "https://".len()
                        && !public_channel
                            .chars()
                            .any(|c| c.is_whitespace() || c.is_control())
                } else {
                    is_plausible_email(&public_channel)
                });
        if !channel_ok {
            fail(
                errors,
                "public_channel",
                "Enter a functional mailbox (such as cyber@agency.example) or a web form \
                 address starting with https://, or leave it empty.",
            );
        }
        let email = self.email.as_deref().map(str::trim);
        if let Some(email) = email
            && !email.is_empty()
            && (email.chars().count() > MAX_EMAIL_CHARS || !is_plausible_email(email))
        {
            fail(
                errors,
                "email",
                "Enter the direct e-mail address (such as name@agency.example), or leave it empty.",
            );
        }
        let phone = self.phone.as_deref().map(str::trim);
        if let Some(phone) = phone
            && (phone.chars().count() > MAX_PHONE_CHARS || phone.chars().any(char::is_control))
        {
            fail(
                errors,
                "phone",
                format!(
                    "Enter a phone number of at most {MAX_PHONE_CHARS} characters, or leave it empty."
                ),
            );
        }
        let contact_tlp = Tlp::from_code(self.contact_tlp.trim());
        if contact_tlp.is_none() {
            fail(
                errors,
                "contact_tlp",
                "Choose the TLP label that says who may see the direct contact details.",
            );
        }
        match (scope, term, contact_tlp) {
            (Some(scope), Some(term), Some(contact_tlp)) if channel_ok => {
                Some(ValidFocalPointFields {
                    scope,
                    title,
                    term,
                    public_channel,
                    email: email.map(str::to_lowercase),
                    phone: phone.map(str::to_owned),
                    contact_tlp,
                })
            }
            _ => None,
        }
    }
}

/// Parses the posted kind; a problem goes into `errors` under `kind`.
pub fn parse_kind(code: &str, errors: &mut FieldErrors) -> Option<FocalPointKind> {
    let kind = FocalPointKind::from_code(code.trim());
    if kind.is_none() {
        fail(
            errors,
            "kind",
            "Choose the kind of focal point: national focal point, SRMA liaison, industry \
             senior cybersecurity expert or ISAC liaison.",
        );
    }
    kind
}

/// Parses the posted person id; a problem goes into `errors` under `person_id`.
pub fn parse_person_id(text: &str, errors: &mut FieldErrors) -> Option<i64> {
    let id = text.trim().parse::<i64>().ok().filter(|id| *id > 0);
    if id.is_none() {
        fail(errors, "person_id", "Choose the person to appoint.");
    }
    id
}

/// The refusal of a second active national focal point, naming the one in office.
pub fn national_focal_point_taken(
    person_name: &str,
    organisation_name: &str,
    since: Date,
    today: Date,
    what_next: &str,
) -> String {
    if since <= today {
        format!(
            "{person_name} ({organisation_name}) has been the active national focal point since {}. {what_next}",
            since.display_long()
        )
    } else {
        format!(
            "{person_name} ({organisation_name}) is the national focal point from {}. {what_next}",
            since.display_long()
        )
    }
}

/// The focal points page: current and past focal points; for the secretariat, the pickers.
#[server(endpoint = "get_focal_points")]
pub async fn get_focal_points(
    /// The partnership's URL key.
    slug: String,
) -> Result<FocalPointsOverview, AppError> {
    crate::ssr::error::serve(imp::get_focal_points(slug)).await
}

/// Appoints a focal point (the partnership's secretariat). Refuses a second active national
/// focal point, naming the one in office. Audited (`appoint`).
#[server(endpoint = "appoint_focal_point")]
pub async fn appoint_focal_point(
    /// The partnership's URL key.
    partnership: String,
    /// The kind's code, e.g. `national_focal_point`.
    kind: String,
    /// The person's id.
    person_id: String,
    /// Scope, title, term and contact details.
    #[server(flatten)]
    fields: FocalPointFields,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::appoint_focal_point(
        partnership,
        kind,
        person_id,
        fields,
    ))
    .await
}

/// Saves a focal point's scope, title, term and contact details (the partnership's
/// secretariat); its kind and person stay. Leaving out `email` and `phone` keeps them.
/// Audited (`update`).
#[server(endpoint = "update_focal_point")]
pub async fn update_focal_point(
    /// The partnership's URL key.
    partnership: String,
    /// The focal point's id (text, as the flattened form posts every field).
    id: String,
    /// Scope, title, term and contact details.
    #[server(flatten)]
    fields: FocalPointFields,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_focal_point(partnership, id, fields)).await
}

/// Ends an active term on `term_end` (the partnership's secretariat); the focal point stays
/// in the history. Audited (`end_term`).
#[server(endpoint = "end_focal_point_term")]
pub async fn end_focal_point_term(
    /// The partnership's URL key.
    partnership: String,
    /// The focal point's id.
    id: i64,
    /// The last day of the term, `YYYY-MM-DD`.
    term_end: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::end_focal_point_term(partnership, id, term_end)).await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::partnerships::validate_slug;
    use crate::domain::Timestamp;
    use crate::domain::access::{Action, Resource};
    use crate::domain::partnership::Side;
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::{Conn, DbError, focal_points as fp, partnerships};
    use crate::ssr::state::AppState;

    const END_FIRST: &str = "End that term before appointing another.";
    const END_FIRST_EDIT: &str = "End that term before making this one active again, or give this one an end date before it.";

    pub async fn get_focal_points(slug: String) -> Result<FocalPointsOverview, AppError> {
        validate_slug(&slug)?;
        let viewer = Viewer::current().await?;
        let vis = viewer.visibility();
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let p = partnerships::find_partnership_by_slug(&mut tx, &slug, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let rows = fp::list_all_focal_points(&mut tx, p.id, vis).await?;
        let manages = viewer.can(
            Action::ManageFocalPoints,
            &Resource::partnership(p.id, Tlp::Green),
        );
        let manage = if manages {
            let choices = crate::api::choices::load(&mut tx, p.id).await?;
            let councils = partnerships::list_councils(&mut tx, p.id, vis).await?;
            let groups = partnerships::list_working_groups(&mut tx, p.id, vis).await?;
            let mut scopes = vec![(
                FocalPointScope::Partnership.code(),
                "The whole partnership".to_owned(),
            )];
            scopes.extend(councils.into_iter().map(|c| {
                (
                    FocalPointScope::Council(c.id).code(),
                    format!("Council: {}", c.name),
                )
            }));
            scopes.extend(groups.into_iter().map(|w| {
                (
                    FocalPointScope::WorkingGroup(w.id).code(),
                    format!("Working group: {}", w.name),
                )
            }));
            Some(FocalPointManagement {
                people: choices.people,
                scopes,
            })
        } else {
            None
        };
        tx.commit().await.map_err(DbError::from)?;

        let (mut current, mut past) = (Vec::new(), Vec::new());
        for row in rows {
            let ended = row.term_end.is_some_and(|end| end < vis.today);
            let entry = FocalPointEntry {
                id: row.id,
                kind: row.kind,
                person_name: row.person_name,
                organisation_name: row.organisation_name,
                title: row.title,
                scope: FocalPointScope::from_ids(row.council_id, row.working_group_id).code(),
                scope_name: row.scope_name,
                term_start: row.term_start,
                term_end: row.term_end,
                public_channel: row.public_channel,
                contact: (row.contact_visible == 1).then(|| DirectContact {
                    email: row.email.unwrap_or_default(),
                    phone: row.phone.unwrap_or_default(),
                }),
                contact_tlp: row.contact_tlp,
            };
            if ended {
                past.push(entry);
            } else {
                current.push(entry);
            }
        }
        Ok(FocalPointsOverview {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            partnership_name: p.name,
            current,
            past,
            manage,
            today: vis.today,
        })
    }

    /// The partnership, for a viewer who may manage its focal points.
    async fn managed_partnership(
        viewer: &Viewer,
        partnership: &str,
    ) -> Result<partnerships::PartnershipRow, AppError> {
        validate_slug(partnership)?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let p = partnerships::find_partnership_by_slug(&mut conn, partnership, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        viewer.authorize(
            Action::ManageFocalPoints,
            &Resource::partnership(p.id, Tlp::Green),
        )?;
        Ok(p)
    }

    /// The person to appoint, when they are an active person of an organisation of the
    /// partnership whose side suits the kind; otherwise a message under `person_id`.
    async fn check_appointee(
        conn: &mut Conn,
        partnership_id: i64,
        person_id: i64,
        kind: Option<FocalPointKind>,
        errors: &mut FieldErrors,
    ) -> Result<Option<fp::AppointeeRow>, AppError> {
        let Some(person) = fp::find_appointee(conn, person_id)
            .await?
            .filter(|p| p.partnership_id == partnership_id)
        else {
            fail(
                errors,
                "person_id",
                "Choose a person of an organisation of this partnership.",
            );
            return Ok(None);
        };
        if person.is_active == 0 {
            fail(
                errors,
                "person_id",
                format!(
                    "{}'s account is deactivated: choose an active person.",
                    person.display_name
                ),
            );
            return Ok(None);
        }
        match kind {
            Some(FocalPointKind::National) if person.side != Side::Public => fail(
                errors,
                "person_id",
                format!(
                    "A national focal point must be a person of a government (public-side) \
                     organisation; {} is of {}, a {} organisation.",
                    person.display_name,
                    person.organisation_name,
                    person.side.label().to_lowercase()
                ),
            ),
            Some(FocalPointKind::IndustrySeniorExpert) if person.side == Side::Public => fail(
                errors,
                "person_id",
                format!(
                    "An industry senior cybersecurity expert must be a person of a private or \
                     non-profit organisation; {} is of {}, a public-side organisation.",
                    person.display_name, person.organisation_name
                ),
            ),
            _ => {}
        }
        Ok(Some(person))
    }

    /// Checks that a council or working group scope belongs to the partnership.
    async fn check_scope(
        conn: &mut Conn,
        partnership_id: i64,
        scope: FocalPointScope,
        errors: &mut FieldErrors,
    ) -> Result<(), AppError> {
        let found = match scope {
            FocalPointScope::Partnership => true,
            FocalPointScope::Council(id) => fp::find_council_name(conn, partnership_id, id)
                .await?
                .is_some(),
            FocalPointScope::WorkingGroup(id) => {
                fp::find_working_group_name(conn, partnership_id, id)
                    .await?
                    .is_some()
            }
        };
        if !found {
            fail(
                errors,
                "scope",
                "Choose the whole partnership, or one of its councils or working groups.",
            );
        }
        Ok(())
    }

    /// A national focal point serves the whole partnership.
    fn check_national_scope(scope: FocalPointScope, errors: &mut FieldErrors) {
        if scope != FocalPointScope::Partnership {
            fail(
                errors,
                "scope",
                "A national focal point serves the whole partnership: choose \u{201c}The whole partnership\u{201d}.",
            );
        }
    }

    /// The message naming the active national focal point when `term` would overlap it
    /// (a term that ended before the active one started is history and may be recorded).
    async fn national_overlap(
        conn: &mut Conn,
        partnership_id: i64,
        except_id: Option<i64>,
        term: Option<Term>,
        today: Date,
        what_next: &str,
    ) -> Result<Option<String>, AppError> {
        let Some(active) = fp::find_active_national_focal_point(conn, partnership_id).await? else {
            return Ok(None);
        };
        let ends_before = term
            .and_then(|term| term.end)
            .is_some_and(|end| end < active.term_start);
        if Some(active.id) == except_id || ends_before {
            return Ok(None);
        }
        Ok(Some(national_focal_point_taken(
            &active.person_name,
            &active.organisation_name,
            active.term_start,
            today,
            what_next,
        )))
    }

    /// After the unique index refused a concurrent second active national focal point (the
    /// transaction is rolled back): the same message as the check, read afresh.
    async fn refused_by_index(
        partnership_id: i64,
        field: &str,
        today: Date,
        what_next: &str,
    ) -> AppError {
        let state = AppState::current();
        let active = async {
            let mut tx = state.db.begin_read().await?;
            let active = fp::find_active_national_focal_point(&mut tx, partnership_id).await?;
            tx.commit().await?;
            Ok::<_, DbError>(active)
        }
        .await;
        match active {
            Ok(Some(active)) => AppError::invalid(
                field,
                national_focal_point_taken(
                    &active.person_name,
                    &active.organisation_name,
                    active.term_start,
                    today,
                    what_next,
                ),
            ),
            Ok(None) => AppError::Conflict(
                "Another change to the national focal point was saved at the same moment; \
                 reload the page and try again."
                    .to_owned(),
            ),
            Err(e) => e.into(),
        }
    }

    /// The stored record for the audit trail; TLP:RED contact details are left out, since
    /// operators (who read the trail) may not see TLP:RED they are not named on.
    fn audit_json(record: &fp::FocalPointRecord) -> Result<serde_json::Value, AppError> {
        let mut value = serde_json::to_value(record).map_err(|_| AppError::Internal)?;
        if record.contact_tlp == Tlp::Red
            && let Some(object) = value.as_object_mut()
        {
            for key in ["email", "phone"] {
                object.insert(key.to_owned(), "withheld (TLP:RED)".into());
            }
        }
        Ok(value)
    }

    pub async fn appoint_focal_point(
        partnership: String,
        kind: String,
        person_id: String,
        fields: FocalPointFields,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let p = managed_partnership(&viewer, &partnership).await?;
        let mut errors = FieldErrors::new();
        let kind = parse_kind(&kind, &mut errors);
        let person_id = parse_person_id(&person_id, &mut errors);
        let valid = fields.validate(&mut errors);
        let today = viewer.visibility().today;

        let state = AppState::current();
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let person = match person_id {
            Some(id) => check_appointee(&mut tx, p.id, id, kind, &mut errors).await?,
            None => None,
        };
        if let Some(valid) = &valid {
            check_scope(&mut tx, p.id, valid.scope, &mut errors).await?;
            if kind == Some(FocalPointKind::National) {
                check_national_scope(valid.scope, &mut errors);
            }
        }
        if kind == Some(FocalPointKind::National) {
            let term = valid.as_ref().map(|v| v.term);
            if let Some(message) =
                national_overlap(&mut tx, p.id, None, term, today, END_FIRST).await?
            {
                fail(&mut errors, "kind", message);
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let (Some(kind), Some(person), Some(valid)) = (kind, person, valid) else {
            return Err(AppError::Internal);
        };
        let inserted = fp::insert_focal_point(
            &mut tx,
            fp::NewFocalPoint {
                partnership_id: p.id,
                kind,
                person_id: person.id,
                organisation_id: person.organisation_id,
                council_id: valid.scope.council_id(),
                working_group_id: valid.scope.working_group_id(),
                title: valid.title,
                term_start: valid.term.start,
                term_end: valid.term.end,
                public_channel: valid.public_channel,
                email: valid.email.unwrap_or_default(),
                phone: valid.phone.unwrap_or_default(),
                contact_tlp: valid.contact_tlp,
                created_at: now,
            },
        )
        .await;
        let id = match inserted {
            Ok(id) => id,
            Err(DbError::Conflict(_)) if kind == FocalPointKind::National => {
                // A concurrent appointment committed first and the unique index refused
                // this one; nothing of this request is kept.
                tx.rollback().await.map_err(DbError::from)?;
                return Err(refused_by_index(p.id, "kind", today, END_FIRST).await);
            }
            Err(e) => return Err(e.into()),
        };
        let after = fp::find_focal_point(&mut tx, id)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("appoint", "focal_point", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit_json(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/focal-points?saved=1", p.slug));
        Ok(())
    }

    pub async fn update_focal_point(
        partnership: String,
        id: String,
        fields: FocalPointFields,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let p = managed_partnership(&viewer, &partnership).await?;
        let id = id.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
        let mut errors = FieldErrors::new();
        let valid = fields.validate(&mut errors);
        let today = viewer.visibility().today;

        let state = AppState::current();
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let before = fp::find_focal_point(&mut tx, id)
            .await?
            .filter(|f| f.partnership_id == p.id)
            .ok_or(AppError::NotFound)?;
        let national = before.kind == FocalPointKind::National;
        if let Some(valid) = &valid {
            check_scope(&mut tx, p.id, valid.scope, &mut errors).await?;
            if national {
                check_national_scope(valid.scope, &mut errors);
                if let Some(message) = national_overlap(
                    &mut tx,
                    p.id,
                    Some(before.id),
                    Some(valid.term),
                    today,
                    END_FIRST_EDIT,
                )
                .await?
                {
                    fail(&mut errors, "term_end", message);
                }
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let valid = valid.ok_or(AppError::Internal)?;
        let updated = fp::update_focal_point(
            &mut tx,
            fp::FocalPointEdit {
                id: before.id,
                council_id: valid.scope.council_id(),
                working_group_id: valid.scope.working_group_id(),
                title: valid.title,
                term_start: valid.term.start,
                term_end: valid.term.end,
                public_channel: valid.public_channel,
                email: valid.email.unwrap_or_else(|| before.email.clone()),
                phone: valid.phone.unwrap_or_else(|| before.phone.clone()),
                contact_tlp: valid.contact_tlp,
                updated_at: now,
            },
        )
        .await;
        match updated {
            Ok(()) => {}
            Err(DbError::Conflict(_)) if national => {
                tx.rollback().await.map_err(DbError::from)?;
                return Err(refused_by_index(p.id, "term_end", today, END_FIRST_EDIT).await);
            }
            Err(e) => return Err(e.into()),
        }
        let after = fp::find_focal_point(&mut tx, before.id)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "focal_point", Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit_json(&before)?)
                .after(audit_json(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/focal-points?saved=1", p.slug));
        Ok(())
    }

    pub async fn end_focal_point_term(
        partnership: String,
        id: i64,
        term_end: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let p = managed_partnership(&viewer, &partnership).await?;
        let end = Date::parse(&term_end).map_err(|_| {
            AppError::invalid(
                "term_end",
                "Enter the last day of the term as a date (YYYY-MM-DD).",
            )
        })?;

        let state = AppState::current();
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let before = fp::find_focal_point(&mut tx, id)
            .await?
            .filter(|f| f.partnership_id == p.id)
            .ok_or(AppError::NotFound)?;
        if let Some(ended) = before.term_end {
            return Err(AppError::Conflict(format!(
                "This term ({}, {}) already ended on {}.",
                before.person_name,
                before.kind.label(),
                ended.display_long()
            )));
        }
        Term::check_end(before.term_start, end).map_err(|message| {
            AppError::invalid("term_end", format!("{}: {message}", before.person_name))
        })?;
        fp::end_focal_point_term(&mut tx, before.id, end, now).await?;
        let after = fp::find_focal_point(&mut tx, before.id)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("end_term", "focal_point", Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit_json(&before)?)
                .after(audit_json(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/focal-points?saved=1", p.slug));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> FocalPointFields {
        FocalPointFields {
            scope: "council:3".into(),
            title: "  SRMA   liaison ".into(),
            term_start: "2025-01-01".into(),
            term_end: String::new(),
            public_channel: "https://aspr.example/contact".into(),
            email: Some(" Jane.Doe@Agency.example ".into()),
            phone: Some("+1 202 555 0100".into()),
            contact_tlp: "green".into(),
        }
    }

    #[test]
    fn scopes_round_trip_through_their_posted_form() {
        for scope in [
            FocalPointScope::Partnership,
            FocalPointScope::Council(7),
            FocalPointScope::WorkingGroup(12),
        ] {
            assert_eq!(FocalPointScope::parse(&scope.code()), Some(scope));
        }
        assert_eq!(FocalPointScope::parse("council:"), None);
        assert_eq!(FocalPointScope::parse("group:-1"), None);
        assert_eq!(FocalPointScope::parse("organisation:1"), None);
        assert_eq!(
            FocalPointScope::from_ids(None, Some(4)),
            FocalPointScope::WorkingGroup(4)
        );
    }

    #[test]
    fn good_fields_are_normalised() {
        let mut errors = FieldErrors::new();
        let valid = good().validate(&mut errors).expect("valid");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(valid.title, "SRMA liaison");
        assert_eq!(valid.email.as_deref(), Some("jane.doe@agency.example"));
        assert_eq!(valid.scope, FocalPointScope::Council(3));
        assert_eq!(valid.term.end, None);
        assert_eq!(valid.contact_tlp, Tlp::Green);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let bad = FocalPointFields {
            scope: "somewhere".into(),
            title: "x".repeat(MAX_TITLE_CHARS + 1),
            term_start: "2025-05-01".into(),
            term_end: "2025-04-30".into(),
            public_channel: "http://insecure.example".into(),
            email: Some("not an address".into()),
            phone: Some("1".repeat(MAX_PHONE_CHARS + 1)),
            contact_tlp: "purple".into(),
        };
        let mut errors = FieldErrors::new();
        assert_eq!(bad.validate(&mut errors), None);
        for field in [
            "scope",
            "title",
            "term_end",
            "public_channel",
            "email",
            "phone",
            "contact_tlp",
        ] {
            assert_eq!(
                errors.get(field).map(Vec::len),
                Some(1),
                "{field}: {errors:?}"
            );
        }
        assert!(!errors.contains_key("term_start"));
    }

    #[test]
    fn the_public_channel_is_a_mailbox_a_secure_web_form_or_nothing() {
        for channel in ["", "partners@isac.example", "https://isac.example/form"] {
            let mut errors = FieldErrors::new();
            let fields = FocalPointFields {
                public_channel: channel.into(),
                ..good()
            };
            assert!(
                fields.validate(&mut errors).is_some(),
                "{channel}: {errors:?}"
            );
        }
        for channel in ["javascript:alert(1)", "https://", "call us", "https://a b"] {
            let mut errors = FieldErrors::new();
            let fields = FocalPointFields {
                public_channel: channel.into(),
                ..good()
            };
            assert!(fields.validate(&mut errors).is_none(), "{channel}");
            assert!(errors.contains_key("public_channel"));
        }
    }

    #[test]
    fn absent_contact_details_are_kept_and_empty_ones_cleared() {
        let mut errors = FieldErrors::new();
        let absent = FocalPointFields {
            email: None,
            phone: None,
            ..good()
        }
        .validate(&mut errors)
        .expect("valid");
        assert_eq!((absent.email, absent.phone), (None, None));
        let empty = FocalPointFields {
            email: Some(String::new()),
            phone: Some(" ".into()),
            ..good()
        }
        .validate(&mut errors)
        .expect("valid");
        assert_eq!(empty.email.as_deref(), Some(""));
        assert_eq!(empty.phone.as_deref(), Some(""));
    }

    #[test]
    fn kinds_and_people_are_parsed_with_a_message_each() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            parse_kind("national_focal_point", &mut errors),
            Some(FocalPointKind::National)
        );
        assert_eq!(parse_person_id("42", &mut errors), Some(42));
        assert!(errors.is_empty());
        assert_eq!(parse_kind("ambassador", &mut errors), None);
        assert_eq!(parse_person_id("", &mut errors), None);
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn the_refusal_names_the_national_focal_point_in_office() {
        let day = |text: &str| Date::parse(text).expect("date");
        assert_eq!(
            national_focal_point_taken(
                "Thomas Greaves",
                "HHS Administration for Strategic Preparedness and Response",
                day("2024-04-01"),
                day("2026-11-30"),
                "End that term before appointing another.",
            ),
            "Thomas Greaves (HHS Administration for Strategic Preparedness and Response) has been \
             the active national focal point since 1 Apr 2024. End that term before appointing another."
        );
    }
}
