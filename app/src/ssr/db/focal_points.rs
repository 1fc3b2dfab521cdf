//! Writes of focal points: designated contacts with a kind, a scope and a term. The schema
//! keeps at most one active national focal point per partnership.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::FocalPointKind;
use crate::domain::{Date, Timestamp, Tlp};

/// A focal point to appoint. The scope is the partnership when both `council_id` and
/// `working_group_id` are `None`.
#[derive(Clone, Debug)]
pub struct NewFocalPoint {
    /// The partnership.
    pub partnership_id: i64,
    /// What kind of contact.
    pub kind: FocalPointKind,
    /// The person (of `organisation_id`).
    pub person_id: i64,
    /// The person's organisation.
    pub organisation_id: i64,
    /// Council scope.
    pub council_id: Option<i64>,
    /// Working group scope.
    pub working_group_id: Option<i64>,
    /// Role title.
    pub title: String,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while in office.
    pub term_end: Option<Date>,
    /// A functional mailbox or web form, shown to everyone.
    pub public_channel: String,
    /// Direct e-mail.
    pub email: String,
    /// Direct phone.
    pub phone: String,
    /// Who may see the direct contact details.
    pub contact_tlp: Tlp,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Appoints a focal point and returns its id.
pub async fn insert_focal_point(conn: &mut Conn, new: NewFocalPoint) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO focal_points
            (partnership_id, kind, person_id, organisation_id, council_id, working_group_id,
             title, term_start, term_end, public_channel, email, phone, contact_tlp,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.kind)
    .bind(new.person_id)
    .bind(new.organisation_id)
    .bind(new.council_id)
    .bind(new.working_group_id)
    .bind(new.title)
    .bind(new.term_start)
    .bind(new.term_end)
    .bind(new.public_channel)
    .bind(new.email)
    .bind(new.phone)
    .bind(new.contact_tlp)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the partnership already has an active national focal point, or the term is invalid",
        )
    })
}
