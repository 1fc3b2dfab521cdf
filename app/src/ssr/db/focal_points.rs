//! Focal points: designated contacts with a kind, a scope and a term. Appointing, editing
//! and ending terms, the checks those need, and the registry page's list (current and past,
//! with direct contact details filtered by TLP in the SQL). The schema keeps at most one
//! active national focal point per partnership (`focal_points_one_active_national`).

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::{FocalPointKind, Side};
use crate::domain::{Date, Timestamp, Tlp};
use crate::ssr::access::Visibility;

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

/// A focal point as stored, for checks, edits and the audit trail.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct FocalPointRecord {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// What kind of contact.
    pub kind: FocalPointKind,
    /// The person.
    pub person_id: i64,
    /// The person's name.
    pub person_name: String,
    /// The person's organisation.
    pub organisation_id: i64,
    /// The organisation's name.
    pub organisation_name: String,
    /// Council scope.
    pub council_id: Option<i64>,
    /// Working group scope.
    pub working_group_id: Option<i64>,
    /// Role title.
    pub title: String,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while active.
    pub term_end: Option<Date>,
    /// The public contact channel.
    pub public_channel: String,
    /// Direct e-mail.
    pub email: String,
    /// Direct phone.
    pub phone: String,
    /// Who may see the direct contact details.
    pub contact_tlp: Tlp,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
}

/// One focal point by id, with its person's and organisation's names.
pub async fn find_focal_point(
    conn: &mut Conn,
    id: i64,
) -> Result<Option<FocalPointRecord>, DbError> {
    let row = sqlx::query_as::<_, FocalPointRecord>(
        "SELECT f.id, f.partnership_id, f.kind, f.person_id, p.display_name AS person_name,
                f.organisation_id, o.name AS organisation_name, f.council_id, f.working_group_id,
                f.title, f.term_start, f.term_end, f.public_channel, f.email, f.phone,
                f.contact_tlp, f.created_at, f.updated_at
         FROM focal_points f
         JOIN people p ON p.id = f.person_id
         JOIN organisations o ON o.id = f.organisation_id
         WHERE f.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The active national focal point of a partnership, named.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActiveNationalRow {
    /// The focal point.
    pub id: i64,
    /// The person's name.
    pub person_name: String,
    /// The person's organisation.
    pub organisation_name: String,
    /// First day of the term.
    pub term_start: Date,
}

/// The partnership's active national focal point (the one whose term has no end), if any.
/// The unique index `focal_points_one_active_national` allows at most one.
pub async fn find_active_national_focal_point(
    conn: &mut Conn,
    partnership_id: i64,
) -> Result<Option<ActiveNationalRow>, DbError> {
    let row = sqlx::query_as::<_, ActiveNationalRow>(
        "SELECT f.id, p.display_name AS person_name, o.name AS organisation_name, f.term_start
         FROM focal_points f
         JOIN people p ON p.id = f.person_id
         JOIN organisations o ON o.id = f.organisation_id
         WHERE f.partnership_id = $1 AND f.kind = $2 AND f.term_end IS NULL
         ORDER BY f.id
         LIMIT 1",
    )
    .bind(partnership_id)
    .bind(FocalPointKind::National)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A person who might be appointed: their organisation, its partnership and side.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AppointeeRow {
    /// The person.
    pub id: i64,
    /// Name.
    pub display_name: String,
    /// 1 when the account is active.
    pub is_active: i64,
    /// Their organisation.
    pub organisation_id: i64,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's partnership.
    pub partnership_id: i64,
    /// Public, private or non-profit.
    pub side: Side,
}

/// A person with their organisation (operators, who belong to none, are not found).
pub async fn find_appointee(
    conn: &mut Conn,
    person_id: i64,
) -> Result<Option<AppointeeRow>, DbError> {
    let row = sqlx::query_as::<_, AppointeeRow>(
        "SELECT p.id, p.display_name, p.is_active, o.id AS organisation_id,
                o.name AS organisation_name, o.partnership_id, o.side
         FROM people p JOIN organisations o ON o.id = p.organisation_id
         WHERE p.id = $1",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The name of a council of the partnership, if it is one.
pub async fn find_council_name(
    conn: &mut Conn,
    partnership_id: i64,
    council_id: i64,
) -> Result<Option<String>, DbError> {
    let name = sqlx::query_scalar::<_, String>(
        "SELECT name FROM councils WHERE id = $1 AND partnership_id = $2",
    )
    .bind(council_id)
    .bind(partnership_id)
    .fetch_optional(conn)
    .await?;
    Ok(name)
}

/// The name of a working group of the partnership, if it is one.
pub async fn find_working_group_name(
    conn: &mut Conn,
    partnership_id: i64,
    working_group_id: i64,
) -> Result<Option<String>, DbError> {
    let name = sqlx::query_scalar::<_, String>(
        "SELECT name FROM working_groups WHERE id = $1 AND partnership_id = $2",
    )
    .bind(working_group_id)
    .bind(partnership_id)
    .fetch_optional(conn)
    .await?;
    Ok(name)
}

/// New values for a focal point's editable fields (everything but its kind and person).
#[derive(Clone, Debug)]
pub struct FocalPointEdit {
    /// The focal point.
    pub id: i64,
    /// Council scope.
    pub council_id: Option<i64>,
    /// Working group scope.
    pub working_group_id: Option<i64>,
    /// Role title.
    pub title: String,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while active.
    pub term_end: Option<Date>,
    /// The public contact channel.
    pub public_channel: String,
    /// Direct e-mail.
    pub email: String,
    /// Direct phone.
    pub phone: String,
    /// Who may see the direct contact details.
    pub contact_tlp: Tlp,
    /// Now.
    pub updated_at: Timestamp,
}

/// Saves a focal point's editable fields; `NotFound` when it does not exist, `Conflict`
/// when the change would make a second active national focal point.
pub async fn update_focal_point(conn: &mut Conn, edit: FocalPointEdit) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE focal_points
         SET council_id = $2, working_group_id = $3, title = $4, term_start = $5, term_end = $6,
             public_channel = $7, email = $8, phone = $9, contact_tlp = $10, updated_at = $11
         WHERE id = $1",
    )
    .bind(edit.id)
    .bind(edit.council_id)
    .bind(edit.working_group_id)
    .bind(edit.title)
    .bind(edit.term_start)
    .bind(edit.term_end)
    .bind(edit.public_channel)
    .bind(edit.email)
    .bind(edit.phone)
    .bind(edit.contact_tlp)
    .bind(edit.updated_at)
    .execute(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the partnership already has an active national focal point, or the term is invalid",
        )
    })?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Ends an active term on `term_end`. `Conflict` when the term has already ended (or the
/// focal point does not exist): only a term without an end is ended here.
pub async fn end_focal_point_term(
    conn: &mut Conn,
    id: i64,
    term_end: Date,
    now: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE focal_points SET term_end = $2, updated_at = $3
         WHERE id = $1 AND term_end IS NULL AND term_start <= $2",
    )
    .bind(id)
    .bind(term_end)
    .bind(now)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "this term has already ended, or cannot end before it started".to_owned(),
        ))
    }
}

/// A focal point of the registry page (current or past), with its scope resolved to a name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FocalPointListRow {
    /// Primary key.
    pub id: i64,
    /// What kind of contact.
    pub kind: FocalPointKind,
    /// Role title.
    pub title: String,
    /// The person's name.
    pub person_name: String,
    /// The person's organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// Council scope.
    pub council_id: Option<i64>,
    /// Working group scope.
    pub working_group_id: Option<i64>,
    /// The council's or working group's name; `None` for the whole partnership.
    pub scope_name: Option<String>,
    /// First day of the term.
    pub term_start: Date,
    /// Last day of the term; `None` while active.
    pub term_end: Option<Date>,
    /// The public contact channel.
    pub public_channel: String,
    /// 1 when the viewer may see the direct contact details.
    pub contact_visible: i64,
    /// Direct e-mail, only when the viewer may see the contact details.
    pub email: Option<String>,
    /// Direct phone, only when the viewer may see the contact details.
    pub phone: Option<String>,
    /// The label of the direct contact details.
    pub contact_tlp: Tlp,
}

/// Every focal point of a partnership, current and past: terms still running (or not yet
/// started) first, national focal point first, then ended terms, latest first. Direct
/// contact details are withheld in the SQL unless their label is visible to the viewer
/// (the same rule as `partnerships::list_focal_points`).
pub async fn list_all_focal_points(
    conn: &mut Conn,
    partnership_id: i64,
    vis: Visibility,
) -> Result<Vec<FocalPointListRow>, DbError> {
    let rows = sqlx::query_as::<_, FocalPointListRow>(
        "SELECT f.id, f.kind, f.title, p.display_name AS person_name, f.organisation_id,
                o.name AS organisation_name,
                f.council_id, f.working_group_id, COALESCE(c.name, w.name) AS scope_name,
                f.term_start, f.term_end, f.public_channel, f.contact_visible,
                CASE WHEN f.contact_visible = 1 THEN f.email END AS email,
                CASE WHEN f.contact_visible = 1 THEN f.phone END AS phone,
                f.contact_tlp
         FROM (SELECT f.id, f.partnership_id, f.kind, f.title, f.person_id, f.organisation_id,
                      f.council_id, f.working_group_id, f.public_channel, f.email, f.phone,
                      f.contact_tlp, f.term_start, f.term_end,
                      CASE WHEN (f.contact_tlp = 'clear' OR ($4 = 1 AND f.contact_tlp <> 'red')
                    OR (f.partnership_id = $3 AND (f.contact_tlp = 'green'
                        OR (f.contact_tlp IN ('amber', 'amber_strict') AND f.organisation_id = $2)
                        OR (f.contact_tlp = 'amber' AND (
                            EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = f.partnership_id
                                AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                            OR EXISTS (SELECT 1 FROM council_memberships m WHERE m.council_id = f.council_id AND m.organisation_id = $2
                                AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))
                            OR EXISTS (SELECT 1 FROM councils fc WHERE fc.id = f.council_id AND fc.chair_person_id = $1)
                            OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.council_id = f.council_id
                                AND g.role = 'secretariat' AND g.revoked_at IS NULL)
                            OR EXISTS (SELECT 1 FROM working_group_memberships m WHERE m.working_group_id = f.working_group_id
                                AND m.organisation_id = $2 AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))
                            OR EXISTS (SELECT 1 FROM working_group_conveners cv WHERE cv.working_group_id = f.working_group_id
                                AND cv.person_id = $1 AND cv.term_start <= $5 AND (cv.term_end IS NULL OR cv.term_end >= $5))))))
                    OR (f.contact_tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                        WHERE r.record_type = 'focal_point' AND r.record_id = f.id AND r.person_id = $1))) THEN 1 ELSE 0 END AS contact_visible
               FROM focal_points f WHERE f.partnership_id = $6) f
         JOIN people p ON p.id = f.person_id
         JOIN organisations o ON o.id = f.organisation_id
         LEFT JOIN councils c ON c.id = f.council_id
         LEFT JOIN working_groups w ON w.id = f.working_group_id
         ORDER BY CASE WHEN f.term_end IS NULL OR f.term_end >= $5 THEN 0 ELSE 1 END,
                  CASE WHEN f.term_end IS NULL OR f.term_end >= $5 THEN
                      CASE f.kind WHEN 'national_focal_point' THEN 0 WHEN 'srma_liaison' THEN 1
                                  WHEN 'industry_senior_expert' THEN 2 ELSE 3 END
                  ELSE 0 END,
                  CASE WHEN f.term_end IS NULL OR f.term_end >= $5 THEN '' ELSE f.term_end END DESC,
                  p.display_name, f.id",
    )
    .bind(vis.person_id)
    .bind(vis.organisation_id)
    .bind(vis.member_of_partnership)
    .bind(vis.is_admin)
    .bind(vis.today)
    .bind(partnership_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
