//! The registry's top level: partnerships and their organisations (records, seats, people).
//! The directory lists live in [`super::partnerships`].

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::{OrganisationFields, OrganisationKind, Side, SizeClass};
use crate::domain::{Date, Timestamp, Tlp};

/// A partnership to create.
#[derive(Clone, Debug)]
pub struct NewPartnership {
    /// URL key, unique in the registry.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// ISO 3166 alpha-2 code, or `EU`.
    pub jurisdiction: String,
    /// One paragraph.
    pub summary: String,
    /// Markdown.
    pub description: String,
    /// TLP label of the record.
    pub tlp: Tlp,
    /// Creation time (also the first `updated_at`).
    pub created_at: Timestamp,
}

/// Creates a partnership (sector: healthcare and public health) and returns its id.
pub async fn insert_partnership(conn: &mut Conn, new: NewPartnership) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO partnerships
            (slug, name, short_name, jurisdiction, summary, description, tlp, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         RETURNING id",
    )
    .bind(new.slug)
    .bind(new.name)
    .bind(new.short_name)
    .bind(new.jurisdiction)
    .bind(new.summary)
    .bind(new.description)
    .bind(new.tlp)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "a partnership with this URL key already exists"))
}

/// How many partnerships the registry holds (0 for an empty database).
pub async fn count_partnerships(conn: &mut Conn) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM partnerships")
            .fetch_one(conn)
            .await?,
    )
}

/// An organisation to register in a partnership.
#[derive(Clone, Debug)]
pub struct NewOrganisation {
    /// The partnership.
    pub partnership_id: i64,
    /// URL key, unique in the partnership.
    pub slug: String,
    /// The record.
    pub fields: OrganisationFields,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Registers an organisation and returns its id.
pub async fn insert_organisation(conn: &mut Conn, new: NewOrganisation) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO organisations
            (partnership_id, slug, name, short_name, kind, side, size_class, country, segment,
             website, description, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.slug)
    .bind(new.fields.name)
    .bind(new.fields.short_name)
    .bind(new.fields.kind)
    .bind(new.fields.side)
    .bind(new.fields.size_class)
    .bind(new.fields.country)
    .bind(new.fields.segment)
    .bind(new.fields.website)
    .bind(new.fields.description)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "an organisation with this name or URL key is already registered in the partnership",
        )
    })
}

/// An organisation's registry record, for its page and its edit form.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct OrganisationRecord {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// URL key.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Short name or acronym.
    pub short_name: String,
    /// What it is.
    pub kind: OrganisationKind,
    /// Public, private or non-profit.
    pub side: Side,
    /// Size class.
    pub size_class: SizeClass,
    /// ISO 3166 alpha-2 code.
    pub country: String,
    /// Sector segment.
    pub segment: String,
    /// Web site.
    pub website: String,
    /// Markdown.
    pub description: String,
}

/// One organisation of a partnership by URL key.
pub async fn find_organisation_record(
    conn: &mut Conn,
    partnership_id: i64,
    slug: &str,
) -> Result<Option<OrganisationRecord>, DbError> {
    let row = sqlx::query_as::<_, OrganisationRecord>(
        "SELECT id, partnership_id, slug, name, short_name, kind, side, size_class, country, segment,
                website, description
         FROM organisations WHERE partnership_id = $1 AND slug = $2",
    )
    .bind(partnership_id)
    .bind(slug)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// New values for an organisation's registry record.
#[derive(Clone, Debug)]
pub struct OrganisationEdit {
    /// The organisation.
    pub id: i64,
    /// The new record.
    pub fields: OrganisationFields,
    /// Now.
    pub updated_at: Timestamp,
}

/// Saves an organisation's registry record; `NotFound` when it does not exist.
pub async fn update_organisation(conn: &mut Conn, edit: OrganisationEdit) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE organisations SET name = $2, short_name = $3, kind = $4, side = $5, size_class = $6,
                country = $7, segment = $8, website = $9, description = $10, updated_at = $11
         WHERE id = $1",
    )
    .bind(edit.id)
    .bind(edit.fields.name)
    .bind(edit.fields.short_name)
    .bind(edit.fields.kind)
    .bind(edit.fields.side)
    .bind(edit.fields.size_class)
    .bind(edit.fields.country)
    .bind(edit.fields.segment)
    .bind(edit.fields.website)
    .bind(edit.fields.description)
    .bind(edit.updated_at)
    .execute(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "another organisation of the partnership has this name"))?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// A body (council or working group) on which an organisation holds a seat today.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SeatRow {
    /// `council` or `working_group`.
    pub body_type: String,
    /// The council's or working group's id.
    pub body_id: i64,
    /// 1 when the seat votes (always 1 for councils).
    pub is_voting: i64,
    /// Since when.
    pub term_start: Date,
}

/// The seats an organisation holds on `today`. The bodies' names and labels come from the
/// TLP-filtered lists of `super::partnerships`: callers keep the seats whose body the
/// viewer may see.
pub async fn list_seats(
    conn: &mut Conn,
    organisation_id: i64,
    today: Date,
) -> Result<Vec<SeatRow>, DbError> {
    let rows = sqlx::query_as::<_, SeatRow>(
        "SELECT 'council' AS body_type, m.council_id AS body_id, 1 AS is_voting, m.term_start
         FROM council_memberships m
         WHERE m.organisation_id = $1 AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)
         UNION ALL
         SELECT 'working_group', m.working_group_id, m.is_voting, m.term_start
         FROM working_group_memberships m
         WHERE m.organisation_id = $1 AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)",
    )
    .bind(organisation_id)
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A person of an organisation, as the secretariat sees them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PersonListRow {
    /// Primary key.
    pub id: i64,
    /// Name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// Job title.
    pub job_title: String,
    /// 1 when the account has a password (invitation accepted).
    pub has_password: i64,
    /// 1 when active.
    pub is_active: i64,
}

/// The people of an organisation, by name.
pub async fn list_people_of_organisation(
    conn: &mut Conn,
    organisation_id: i64,
) -> Result<Vec<PersonListRow>, DbError> {
    let rows = sqlx::query_as::<_, PersonListRow>(
        "SELECT id, display_name, email, job_title,
                CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END AS has_password, is_active
         FROM people WHERE organisation_id = $1 ORDER BY display_name, id",
    )
    .bind(organisation_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The facts roster rules need about an organisation.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganisationBrief {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// Name.
    pub name: String,
    /// Public, private or non-profit.
    pub side: Side,
}

/// One organisation by id.
pub async fn find_organisation_brief(
    conn: &mut Conn,
    organisation_id: i64,
) -> Result<Option<OrganisationBrief>, DbError> {
    let row = sqlx::query_as::<_, OrganisationBrief>(
        "SELECT id, partnership_id, name, side FROM organisations WHERE id = $1",
    )
    .bind(organisation_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}
