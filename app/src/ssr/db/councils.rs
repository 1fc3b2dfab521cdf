//! Writes of councils and their seats. A seat belongs to an organisation of the same
//! partnership, and its principal and alternate belong to that organisation: the schema's
//! composite foreign keys hold both rules, so they cannot be bypassed here.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::CouncilKind;
use crate::domain::{Date, Timestamp, Tlp};

/// A council to create.
#[derive(Clone, Debug)]
pub struct NewCouncil {
    /// The partnership.
    pub partnership_id: i64,
    /// URL key, unique in the partnership.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name (may be empty).
    pub short_name: String,
    /// GCC, SCC or other.
    pub kind: CouncilKind,
    /// Markdown.
    pub description: String,
    /// The chair, if appointed.
    pub chair_person_id: Option<i64>,
    /// The organisation that runs the secretariat, if any.
    pub secretariat_organisation_id: Option<i64>,
    /// TLP label of the record.
    pub tlp: Tlp,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Creates a council and returns its id.
pub async fn insert_council(conn: &mut Conn, new: NewCouncil) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO councils
            (partnership_id, slug, name, short_name, kind, description, chair_person_id,
             secretariat_organisation_id, tlp, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.slug)
    .bind(new.name)
    .bind(new.short_name)
    .bind(new.kind)
    .bind(new.description)
    .bind(new.chair_person_id)
    .bind(new.secretariat_organisation_id)
    .bind(new.tlp)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "a council with this URL key already exists in the partnership",
        )
    })
}

/// An organisation's seat on a council.
#[derive(Clone, Debug)]
pub struct NewCouncilMembership {
    /// The council.
    pub council_id: i64,
    /// The council's partnership (the seat's organisation must be registered there).
    pub partnership_id: i64,
    /// The member organisation.
    pub organisation_id: i64,
    /// Its principal representative (a person of that organisation).
    pub principal_person_id: Option<i64>,
    /// Its alternate (a person of that organisation, not the principal).
    pub alternate_person_id: Option<i64>,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while the seat is held.
    pub term_end: Option<Date>,
    /// Free text.
    pub notes: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Seats an organisation on a council and returns the seat's id.
pub async fn insert_council_membership(
    conn: &mut Conn,
    new: NewCouncilMembership,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO council_memberships
            (council_id, partnership_id, organisation_id, principal_person_id, alternate_person_id,
             term_start, term_end, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         RETURNING id",
    )
    .bind(new.council_id)
    .bind(new.partnership_id)
    .bind(new.organisation_id)
    .bind(new.principal_person_id)
    .bind(new.alternate_person_id)
    .bind(new.term_start)
    .bind(new.term_end)
    .bind(new.notes)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the organisation already holds a seat on this council, or the term or representatives are invalid",
        )
    })
}
