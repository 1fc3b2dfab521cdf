//! What the participation report counts: a partnership's organisations with their
//! categories, and its current seats on councils and in working groups.
//!
//! Two flat queries whatever the size of the partnership. They do not filter by TLP: the
//! caller keeps the seats whose body is in the viewer's TLP-filtered lists of councils and
//! working groups (`partnerships::list_councils`, `list_working_groups`), so that the
//! report follows exactly the rule of the directory pages.

use super::{Conn, DbError};
use crate::domain::Date;
use crate::domain::partnership::{OrganisationKind, Side, SizeClass};

/// An organisation of the partnership and the categories the report counts it in.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganisationCategoryRow {
    /// Primary key.
    pub id: i64,
    /// Public, private or non-profit.
    pub side: Side,
    /// What it is.
    pub kind: OrganisationKind,
    /// Size class.
    pub size_class: SizeClass,
}

/// Every organisation of a partnership, by id.
pub async fn list_organisation_categories(
    conn: &mut Conn,
    partnership_id: i64,
) -> Result<Vec<OrganisationCategoryRow>, DbError> {
    let rows = sqlx::query_as::<_, OrganisationCategoryRow>(
        "SELECT o.id, o.side, o.kind, o.size_class
         FROM organisations o
         WHERE o.partnership_id = $1
         ORDER BY o.id",
    )
    .bind(partnership_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Where a seat is: the body's table, as `body_type` reads.
pub const COUNCIL: &str = "council";
/// See [`COUNCIL`].
pub const WORKING_GROUP: &str = "working_group";

/// A seat whose term covers the day asked for, with its body and its organisation's
/// categories.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CurrentSeatRow {
    /// [`COUNCIL`] or [`WORKING_GROUP`].
    pub body_type: String,
    /// The council's or working group's id.
    pub body_id: i64,
    /// The organisation holding the seat.
    pub organisation_id: i64,
    /// 1 for a voting working-group seat; 0 otherwise (council seats carry no vote).
    pub is_voting: i64,
    /// The organisation's side.
    pub side: Side,
    /// The organisation's kind.
    pub kind: OrganisationKind,
    /// The organisation's size class.
    pub size_class: SizeClass,
}

/// The seats of a partnership's councils and working groups whose term covers `today`, in
/// one query.
pub async fn list_current_seats(
    conn: &mut Conn,
    partnership_id: i64,
    today: Date,
) -> Result<Vec<CurrentSeatRow>, DbError> {
    let rows = sqlx::query_as::<_, CurrentSeatRow>(
        "SELECT s.body_type, s.body_id, s.organisation_id, s.is_voting,
                o.side, o.kind, o.size_class
         FROM (
             SELECT 'council' AS body_type, m.council_id AS body_id, m.organisation_id,
                    CAST(0 AS BIGINT) AS is_voting
             FROM council_memberships m
             WHERE m.partnership_id = $1 AND m.term_start <= $2
               AND (m.term_end IS NULL OR m.term_end >= $2)
             UNION ALL
             SELECT 'working_group' AS body_type, m.working_group_id AS body_id, m.organisation_id,
                    CAST(m.is_voting AS BIGINT) AS is_voting
             FROM working_group_memberships m
             WHERE m.partnership_id = $1 AND m.term_start <= $2
               AND (m.term_end IS NULL OR m.term_end >= $2)
         ) s
         JOIN organisations o ON o.id = s.organisation_id
         ORDER BY s.body_type, s.body_id, s.organisation_id",
    )
    .bind(partnership_id)
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
