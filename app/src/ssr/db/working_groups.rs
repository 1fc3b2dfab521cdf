//! Writes of working groups, their conveners and their seats. Seats follow the same rules
//! as council seats (see [`super::councils`]); a joint group has at most one public and one
//! private convener in office at a time.

use super::councils::SeatListRow;
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

/// A working group's record, for its page.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct WorkingGroupRecord {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// The council of a single-council group.
    pub council_id: Option<i64>,
    /// That council's name.
    pub council_name: Option<String>,
    /// URL key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// 1 for a joint group.
    pub is_joint: i64,
    /// One paragraph.
    pub summary: String,
    /// Markdown.
    pub charter: String,
    /// TLP label of the charter.
    pub charter_tlp: Tlp,
    /// TLP label of the record.
    pub tlp: Tlp,
    /// 1 when the person asked about is a named TLP:RED recipient of the group.
    #[serde(skip)]
    pub named: i64,
}

/// One working group of a partnership by URL key, with whether `person_id` (-1 for nobody)
/// is one of its named TLP:RED recipients.
pub async fn find_working_group(
    conn: &mut Conn,
    partnership_id: i64,
    slug: &str,
    person_id: i64,
) -> Result<Option<WorkingGroupRecord>, DbError> {
    let row = sqlx::query_as::<_, WorkingGroupRecord>(
        "SELECT w.id, w.partnership_id, w.council_id, c.name AS council_name, w.slug, w.name,
                w.short_name, w.is_joint, w.summary, w.charter, w.charter_tlp, w.tlp,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'working_group'
                                  AND r.record_id = w.id AND r.person_id = $3) THEN 1 ELSE 0 END AS named
         FROM working_groups w LEFT JOIN councils c ON c.id = w.council_id
         WHERE w.partnership_id = $1 AND w.slug = $2",
    )
    .bind(partnership_id)
    .bind(slug)
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// New values for a working group's record (its URL key and council do not change).
#[derive(Clone, Debug)]
pub struct WorkingGroupEdit {
    /// The group.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// One paragraph.
    pub summary: String,
    /// Markdown.
    pub charter: String,
    /// TLP label of the charter.
    pub charter_tlp: Tlp,
    /// TLP label of the record.
    pub tlp: Tlp,
    /// Now.
    pub updated_at: Timestamp,
}

/// Saves a working group's record; `NotFound` when it does not exist.
pub async fn update_working_group(conn: &mut Conn, edit: WorkingGroupEdit) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE working_groups SET name = $2, short_name = $3, summary = $4, charter = $5,
                charter_tlp = $6, tlp = $7, updated_at = $8
         WHERE id = $1",
    )
    .bind(edit.id)
    .bind(edit.name)
    .bind(edit.short_name)
    .bind(edit.summary)
    .bind(edit.charter)
    .bind(edit.charter_tlp)
    .bind(edit.tlp)
    .bind(edit.updated_at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// The columns of [`SeatListRow`] for a working-group seat, joined; callers add the `WHERE`
/// (a `macro_rules!` literal, so that the SQL stays a literal: no `format!`).
macro_rules! group_seat_select {
    () => {
        "SELECT m.id, m.working_group_id AS body_id, m.organisation_id, o.slug AS organisation_slug,
         o.name AS organisation_name, o.side, o.kind AS organisation_kind, o.size_class,
         m.is_voting, m.principal_person_id, pr.display_name AS principal_name,
         m.alternate_person_id, alt.display_name AS alternate_name, m.term_start, m.term_end
         FROM working_group_memberships m
         JOIN organisations o ON o.id = m.organisation_id
         LEFT JOIN people pr ON pr.id = m.principal_person_id
         LEFT JOIN people alt ON alt.id = m.alternate_person_id "
    };
}

/// Every seat of a working group, past and present: held seats first, voting before
/// non-voting, by organisation name.
pub async fn list_group_seats(
    conn: &mut Conn,
    working_group_id: i64,
) -> Result<Vec<SeatListRow>, DbError> {
    let rows = sqlx::query_as::<_, SeatListRow>(concat!(
        group_seat_select!(),
        "WHERE m.working_group_id = $1
         ORDER BY CASE WHEN m.term_end IS NULL THEN 0 ELSE 1 END, m.is_voting DESC, lower(o.name),
                  m.term_start DESC, m.id"
    ))
    .bind(working_group_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One working-group seat, or `None`.
pub async fn find_group_seat(
    conn: &mut Conn,
    seat_id: i64,
) -> Result<Option<SeatListRow>, DbError> {
    let row = sqlx::query_as::<_, SeatListRow>(concat!(group_seat_select!(), "WHERE m.id = $1"))
        .bind(seat_id)
        .fetch_optional(conn)
        .await?;
    Ok(row)
}

/// Changes a working-group seat's vote and representatives.
pub async fn update_group_seat(
    conn: &mut Conn,
    seat_id: i64,
    is_voting: bool,
    principal_person_id: Option<i64>,
    alternate_person_id: Option<i64>,
    updated_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE working_group_memberships
         SET is_voting = $2, principal_person_id = $3, alternate_person_id = $4, updated_at = $5
         WHERE id = $1",
    )
    .bind(seat_id)
    .bind(i64::from(is_voting))
    .bind(principal_person_id)
    .bind(alternate_person_id)
    .bind(updated_at)
    .execute(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the principal and the alternate must be two different people",
        )
    })?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Ends a held working-group seat on `term_end`; `Conflict` when it has already ended.
pub async fn end_group_seat(
    conn: &mut Conn,
    seat_id: i64,
    term_end: Date,
    updated_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE working_group_memberships SET term_end = $2, updated_at = $3
         WHERE id = $1 AND term_end IS NULL",
    )
    .bind(seat_id)
    .bind(term_end)
    .bind(updated_at)
    .execute(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the term cannot end before it started"))?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "this seat's term has already ended".to_owned(),
        ))
    }
}

/// A convener's term, with names.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct ConvenerTermRow {
    /// The term.
    pub id: i64,
    /// The group.
    pub working_group_id: i64,
    /// The convener.
    pub person_id: i64,
    /// Their name.
    pub person_name: String,
    /// Their organisation's name.
    pub organisation_name: Option<String>,
    /// Public or private convener.
    pub side: Side,
    /// First day.
    pub term_start: Date,
    /// Last day, if ended.
    pub term_end: Option<Date>,
}

/// Every convener term of a group, past and present: those in office first.
pub async fn list_group_conveners(
    conn: &mut Conn,
    working_group_id: i64,
) -> Result<Vec<ConvenerTermRow>, DbError> {
    let rows = sqlx::query_as::<_, ConvenerTermRow>(
        "SELECT cv.id, cv.working_group_id, cv.person_id, p.display_name AS person_name,
                o.name AS organisation_name, cv.side, cv.term_start, cv.term_end
         FROM working_group_conveners cv
         JOIN people p ON p.id = cv.person_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE cv.working_group_id = $1
         ORDER BY CASE WHEN cv.term_end IS NULL THEN 0 ELSE 1 END, cv.side, cv.term_start DESC, cv.id",
    )
    .bind(working_group_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One convener term, or `None`.
pub async fn find_convener(
    conn: &mut Conn,
    convener_id: i64,
) -> Result<Option<ConvenerTermRow>, DbError> {
    let row = sqlx::query_as::<_, ConvenerTermRow>(
        "SELECT cv.id, cv.working_group_id, cv.person_id, p.display_name AS person_name,
                o.name AS organisation_name, cv.side, cv.term_start, cv.term_end
         FROM working_group_conveners cv
         JOIN people p ON p.id = cv.person_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE cv.id = $1",
    )
    .bind(convener_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Ends a convener's term on `term_end`; `Conflict` when it has already ended.
pub async fn end_convener(
    conn: &mut Conn,
    convener_id: i64,
    term_end: Date,
    updated_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE working_group_conveners SET term_end = $2, updated_at = $3
         WHERE id = $1 AND term_end IS NULL",
    )
    .bind(convener_id)
    .bind(term_end)
    .bind(updated_at)
    .execute(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the term cannot end before it started"))?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "this convener's term has already ended".to_owned(),
        ))
    }
}
