//! Writes of the registry's top level: partnerships and their organisations. The directory
//! reads live in [`super::partnerships`].

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::{OrganisationKind, Side, SizeClass};
use crate::domain::{Timestamp, Tlp};

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
    /// Name, unique in the partnership.
    pub name: String,
    /// Short name or acronym (may be empty).
    pub short_name: String,
    /// What it is.
    pub kind: OrganisationKind,
    /// Public, private or non-profit.
    pub side: Side,
    /// Size class.
    pub size_class: SizeClass,
    /// ISO 3166 alpha-2 code (or `EU`).
    pub country: String,
    /// Sector segment, e.g. "Medical technology".
    pub segment: String,
    /// Web site (may be empty).
    pub website: String,
    /// Markdown.
    pub description: String,
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
    .bind(new.name)
    .bind(new.short_name)
    .bind(new.kind)
    .bind(new.side)
    .bind(new.size_class)
    .bind(new.country)
    .bind(new.segment)
    .bind(new.website)
    .bind(new.description)
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
