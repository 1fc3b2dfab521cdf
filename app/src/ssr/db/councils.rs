//! Writes of councils and their seats. A seat belongs to an organisation of the same
//! partnership, and its principal and alternate belong to that organisation: the schema's
//! composite foreign keys hold both rules, so they cannot be bypassed here.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::{CouncilKind, OrganisationKind, Side, SizeClass};
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

/// A council's record, with the names of its chair and secretariat, for its page.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct CouncilRecord {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// URL key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// GCC, SCC or other.
    pub kind: CouncilKind,
    /// Markdown.
    pub description: String,
    /// The chair.
    pub chair_person_id: Option<i64>,
    /// The chair's name.
    pub chair_name: Option<String>,
    /// The chair's organisation.
    pub chair_organisation: Option<String>,
    /// The organisation running the secretariat.
    pub secretariat_organisation_id: Option<i64>,
    /// Its name.
    pub secretariat_organisation: Option<String>,
    /// TLP label.
    pub tlp: Tlp,
    /// 1 when `person_id` is a named TLP:RED recipient of the council.
    #[serde(skip)]
    pub named: i64,
}

/// One council of a partnership by URL key, with whether `person_id` (-1 for nobody) is one
/// of its named TLP:RED recipients. Callers decide visibility with `domain::access`.
pub async fn find_council(
    conn: &mut Conn,
    partnership_id: i64,
    slug: &str,
    person_id: i64,
) -> Result<Option<CouncilRecord>, DbError> {
    let row = sqlx::query_as::<_, CouncilRecord>(
        "SELECT c.id, c.partnership_id, c.slug, c.name, c.short_name, c.kind, c.description,
                c.chair_person_id, chair.display_name AS chair_name, chair_org.name AS chair_organisation,
                c.secretariat_organisation_id, sec.name AS secretariat_organisation, c.tlp,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'council'
                                  AND r.record_id = c.id AND r.person_id = $3) THEN 1 ELSE 0 END AS named
         FROM councils c
         LEFT JOIN people chair ON chair.id = c.chair_person_id
         LEFT JOIN organisations chair_org ON chair_org.id = chair.organisation_id
         LEFT JOIN organisations sec ON sec.id = c.secretariat_organisation_id
         WHERE c.partnership_id = $1 AND c.slug = $2",
    )
    .bind(partnership_id)
    .bind(slug)
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// New values for a council's record (its URL key does not change).
#[derive(Clone, Debug)]
pub struct CouncilEdit {
    /// The council.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// GCC, SCC or other.
    pub kind: CouncilKind,
    /// Markdown.
    pub description: String,
    /// The chair.
    pub chair_person_id: Option<i64>,
    /// The organisation running the secretariat.
    pub secretariat_organisation_id: Option<i64>,
    /// TLP label.
    pub tlp: Tlp,
    /// Now.
    pub updated_at: Timestamp,
}

/// Saves a council's record; `NotFound` when it does not exist.
pub async fn update_council(conn: &mut Conn, edit: CouncilEdit) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE councils SET name = $2, short_name = $3, kind = $4, description = $5,
                chair_person_id = $6, secretariat_organisation_id = $7, tlp = $8, updated_at = $9
         WHERE id = $1",
    )
    .bind(edit.id)
    .bind(edit.name)
    .bind(edit.short_name)
    .bind(edit.kind)
    .bind(edit.description)
    .bind(edit.chair_person_id)
    .bind(edit.secretariat_organisation_id)
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

/// A seat on a council or in a working group, with the names a roster shows. The same row
/// serves both kinds of body (`is_voting` is 1 for every council seat).
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct SeatListRow {
    /// The seat.
    pub id: i64,
    /// The body (council or working group).
    pub body_id: i64,
    /// The member organisation.
    pub organisation_id: i64,
    /// Its URL key.
    pub organisation_slug: String,
    /// Its name.
    pub organisation_name: String,
    /// Its side.
    pub side: Side,
    /// Its kind.
    pub organisation_kind: OrganisationKind,
    /// Its size class.
    pub size_class: SizeClass,
    /// 1 when the seat votes.
    pub is_voting: i64,
    /// The principal.
    pub principal_person_id: Option<i64>,
    /// The principal's name.
    pub principal_name: Option<String>,
    /// The alternate.
    pub alternate_person_id: Option<i64>,
    /// The alternate's name.
    pub alternate_name: Option<String>,
    /// First day.
    pub term_start: Date,
    /// Last day, if ended.
    pub term_end: Option<Date>,
}

/// The columns of [`SeatListRow`] for a council seat, joined; callers add the `WHERE`
/// (a `macro_rules!` literal, so that the SQL stays a literal: no `format!`).
macro_rules! council_seat_select {
    () => {
        "SELECT m.id, m.council_id AS body_id, m.organisation_id, o.slug AS organisation_slug,
         o.name AS organisation_name, o.side, o.kind AS organisation_kind, o.size_class,
         1 AS is_voting, m.principal_person_id, pr.display_name AS principal_name,
         m.alternate_person_id, alt.display_name AS alternate_name, m.term_start, m.term_end
         FROM council_memberships m
         JOIN organisations o ON o.id = m.organisation_id
         LEFT JOIN people pr ON pr.id = m.principal_person_id
         LEFT JOIN people alt ON alt.id = m.alternate_person_id "
    };
}

/// Every seat of a council, past and present: held seats first, by organisation name.
pub async fn list_council_seats(
    conn: &mut Conn,
    council_id: i64,
) -> Result<Vec<SeatListRow>, DbError> {
    let rows = sqlx::query_as::<_, SeatListRow>(concat!(
        council_seat_select!(),
        "WHERE m.council_id = $1
         ORDER BY CASE WHEN m.term_end IS NULL THEN 0 ELSE 1 END, lower(o.name), m.term_start DESC, m.id"
    ))
    .bind(council_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One council seat, or `None`.
pub async fn find_council_seat(
    conn: &mut Conn,
    seat_id: i64,
) -> Result<Option<SeatListRow>, DbError> {
    let row = sqlx::query_as::<_, SeatListRow>(concat!(council_seat_select!(), "WHERE m.id = $1"))
        .bind(seat_id)
        .fetch_optional(conn)
        .await?;
    Ok(row)
}

/// Changes a council seat's representatives.
pub async fn update_council_seat_representatives(
    conn: &mut Conn,
    seat_id: i64,
    principal_person_id: Option<i64>,
    alternate_person_id: Option<i64>,
    updated_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE council_memberships SET principal_person_id = $2, alternate_person_id = $3, updated_at = $4
         WHERE id = $1",
    )
    .bind(seat_id)
    .bind(principal_person_id)
    .bind(alternate_person_id)
    .bind(updated_at)
    .execute(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the principal and the alternate must be two different people"))?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Ends a held council seat on `term_end`; `Conflict` when it has already ended.
pub async fn end_council_seat(
    conn: &mut Conn,
    seat_id: i64,
    term_end: Date,
    updated_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE council_memberships SET term_end = $2, updated_at = $3
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

/// The councils on which an organisation holds a seat on `today`: `(council id, kind)`.
pub async fn list_councils_of_organisation(
    conn: &mut Conn,
    organisation_id: i64,
    today: Date,
) -> Result<Vec<(i64, CouncilKind)>, DbError> {
    let rows = sqlx::query_as::<_, (i64, CouncilKind)>(
        "SELECT c.id, c.kind FROM council_memberships m JOIN councils c ON c.id = m.council_id
         WHERE m.organisation_id = $1 AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)
         ORDER BY c.id",
    )
    .bind(organisation_id)
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
