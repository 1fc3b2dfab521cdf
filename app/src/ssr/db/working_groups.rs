//! Writes of working groups, their conveners and their seats. Seats follow the same rules
//! as council seats (see [`super::councils`]); a joint group has at most one public and one
//! private convener in office at a time.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::Side;
use crate::domain::{Date, Timestamp, Tlp};

/// A working group to create.
#[derive(Clone, Debug)]
pub struct NewWorkingGroup {
    /// The partnership.
    pub partnership_id: i64,
    /// The council of a single-council group; `None` for a joint group.
    pub council_id: Option<i64>,
    /// URL key, unique in the partnership.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name (may be empty).
    pub short_name: String,
    /// One paragraph.
    pub summary: String,
    /// Markdown.
    pub charter: String,
    /// TLP label of the charter.
    pub charter_tlp: Tlp,
    /// TLP label of the record.
    pub tlp: Tlp,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Creates a working group (joint exactly when it has no council) and returns its id.
pub async fn insert_working_group(conn: &mut Conn, new: NewWorkingGroup) -> Result<i64, DbError> {
    let is_joint = i64::from(new.council_id.is_none());
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO working_groups
            (partnership_id, council_id, slug, name, short_name, is_joint, summary, charter,
             charter_tlp, tlp, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.council_id)
    .bind(new.slug)
    .bind(new.name)
    .bind(new.short_name)
    .bind(is_joint)
    .bind(new.summary)
    .bind(new.charter)
    .bind(new.charter_tlp)
    .bind(new.tlp)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "a working group with this URL key already exists in the partnership",
        )
    })
}

/// A convener's term.
#[derive(Clone, Debug)]
pub struct NewConvener {
    /// The working group.
    pub working_group_id: i64,
    /// The convener.
    pub person_id: i64,
    /// Public or private convener (never non-profit).
    pub side: Side,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while in office.
    pub term_end: Option<Date>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Appoints a convener and returns the term's id.
pub async fn insert_convener(conn: &mut Conn, new: NewConvener) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO working_group_conveners
            (working_group_id, person_id, side, term_start, term_end, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         RETURNING id",
    )
    .bind(new.working_group_id)
    .bind(new.person_id)
    .bind(new.side)
    .bind(new.term_start)
    .bind(new.term_end)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the group already has a convener in office for this side",
        )
    })
}

/// An organisation's seat in a working group.
#[derive(Clone, Debug)]
pub struct NewWorkingGroupMembership {
    /// The working group.
    pub working_group_id: i64,
    /// The group's partnership.
    pub partnership_id: i64,
    /// The member organisation.
    pub organisation_id: i64,
    /// Whether the organisation votes (observers do not).
    pub is_voting: bool,
    /// Its principal representative (a person of that organisation).
    pub principal_person_id: Option<i64>,
    /// Its alternate (a person of that organisation, not the principal).
    pub alternate_person_id: Option<i64>,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while the seat is held.
    pub term_end: Option<Date>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Seats an organisation in a working group and returns the seat's id.
pub async fn insert_working_group_membership(
    conn: &mut Conn,
    new: NewWorkingGroupMembership,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO working_group_memberships
            (working_group_id, partnership_id, organisation_id, is_voting, principal_person_id,
             alternate_person_id, term_start, term_end, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         RETURNING id",
    )
    .bind(new.working_group_id)
    .bind(new.partnership_id)
    .bind(new.organisation_id)
    .bind(i64::from(new.is_voting))
    .bind(new.principal_person_id)
    .bind(new.alternate_person_id)
    .bind(new.term_start)
    .bind(new.term_end)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the organisation already holds a seat in this group, or the term or representatives are invalid",
        )
    })
}
