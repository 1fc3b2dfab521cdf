//! Partnerships and their public registry: councils, working groups, focal points and
//! member organisations, as read by the directory pages.
//!
//! Every list is one query (joined and counted in SQL), filtered by TLP in the SQL with the
//! viewer's [`Visibility`]: `$v` is the id of the partnership whose TLP:GREEN records the
//! viewer may see (-1 for the public).

use super::{Conn, DbError};
use crate::domain::partnership::{CouncilKind, FocalPointKind, OrganisationKind, Side, SizeClass};
use crate::domain::{Date, Tlp};
use crate::ssr::access::Visibility;

/// A partnership with the sizes of its registry.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PartnershipRow {
    /// Primary key.
    pub id: i64,
    /// URL key.
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
    /// Organisations registered in the partnership.
    pub organisation_count: i64,
    /// Councils visible to the viewer.
    pub council_count: i64,
    /// Working groups visible to the viewer.
    pub working_group_count: i64,
}

/// Partnerships visible to the viewer, by name, with the counts the viewer may see.
pub async fn list_partnerships(
    conn: &mut Conn,
    vis: Visibility,
) -> Result<Vec<PartnershipRow>, DbError> {
    let rows = sqlx::query_as::<_, PartnershipRow>(
        "SELECT p.id, p.slug, p.name, p.short_name, p.jurisdiction, p.summary, p.description, p.tlp,
                (SELECT COUNT(*) FROM organisations o WHERE o.partnership_id = p.id) AS organisation_count,
                (SELECT COUNT(*) FROM councils c WHERE c.partnership_id = p.id
                    AND (c.tlp = 'clear' OR ($4 = 1 AND c.tlp <> 'red')
                OR (c.partnership_id = $3 AND (c.tlp = 'green' OR (c.tlp = 'amber' AND (
                    c.chair_person_id = $1
                    OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = c.partnership_id
                        AND g.role = 'secretariat' AND (g.council_id IS NULL OR g.council_id = c.id) AND g.revoked_at IS NULL)
                    OR EXISTS (SELECT 1 FROM council_memberships m WHERE m.council_id = c.id AND m.organisation_id = $2
                        AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))))))
                OR (c.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'council' AND r.record_id = c.id AND r.person_id = $1)))) AS council_count,
                (SELECT COUNT(*) FROM working_groups w WHERE w.partnership_id = p.id
                    AND (w.tlp = 'clear' OR ($4 = 1 AND w.tlp <> 'red')
                OR (w.partnership_id = $3 AND (w.tlp = 'green' OR (w.tlp = 'amber' AND (
                    EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = w.partnership_id
                        AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                    OR EXISTS (SELECT 1 FROM working_group_conveners cv WHERE cv.working_group_id = w.id AND cv.person_id = $1
                        AND cv.term_start <= $5 AND (cv.term_end IS NULL OR cv.term_end >= $5))
                    OR EXISTS (SELECT 1 FROM working_group_memberships m WHERE m.working_group_id = w.id AND m.organisation_id = $2
                        AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))))))
                OR (w.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'working_group' AND r.record_id = w.id AND r.person_id = $1)))) AS working_group_count
         FROM partnerships p
         WHERE (p.tlp = 'clear' OR ($4 = 1 AND p.tlp <> 'red')
                OR (p.id = $3 AND (p.tlp = 'green' OR (p.tlp = 'amber' AND EXISTS (
                    SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = p.id
                      AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL))))
                OR (p.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'partnership' AND r.record_id = p.id AND r.person_id = $1)))
         ORDER BY p.name, p.id",
    )
    .bind(vis.person_id)
    .bind(vis.organisation_id)
    .bind(vis.member_of_partnership)
    .bind(vis.is_admin)
    .bind(vis.today)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One partnership by its URL key, if it exists and the viewer may see it.
pub async fn find_partnership_by_slug(
    conn: &mut Conn,
    slug: &str,
    vis: Visibility,
) -> Result<Option<PartnershipRow>, DbError> {
    let row = sqlx::query_as::<_, PartnershipRow>(
        "SELECT p.id, p.slug, p.name, p.short_name, p.jurisdiction, p.summary, p.description, p.tlp,
                (SELECT COUNT(*) FROM organisations o WHERE o.partnership_id = p.id) AS organisation_count,
                (SELECT COUNT(*) FROM councils c WHERE c.partnership_id = p.id
                    AND (c.tlp = 'clear' OR ($4 = 1 AND c.tlp <> 'red')
                OR (c.partnership_id = $3 AND (c.tlp = 'green' OR (c.tlp = 'amber' AND (
                    c.chair_person_id = $1
                    OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = c.partnership_id
                        AND g.role = 'secretariat' AND (g.council_id IS NULL OR g.council_id = c.id) AND g.revoked_at IS NULL)
                    OR EXISTS (SELECT 1 FROM council_memberships m WHERE m.council_id = c.id AND m.organisation_id = $2
                        AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))))))
                OR (c.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'council' AND r.record_id = c.id AND r.person_id = $1)))) AS council_count,
                (SELECT COUNT(*) FROM working_groups w WHERE w.partnership_id = p.id
                    AND (w.tlp = 'clear' OR ($4 = 1 AND w.tlp <> 'red')
                OR (w.partnership_id = $3 AND (w.tlp = 'green' OR (w.tlp = 'amber' AND (
                    EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = w.partnership_id
                        AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                    OR EXISTS (SELECT 1 FROM working_group_conveners cv WHERE cv.working_group_id = w.id AND cv.person_id = $1
                        AND cv.term_start <= $5 AND (cv.term_end IS NULL OR cv.term_end >= $5))
                    OR EXISTS (SELECT 1 FROM working_group_memberships m WHERE m.working_group_id = w.id AND m.organisation_id = $2
                        AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))))))
                OR (w.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'working_group' AND r.record_id = w.id AND r.person_id = $1)))) AS working_group_count
         FROM partnerships p
         WHERE p.slug = $6 AND (p.tlp = 'clear' OR ($4 = 1 AND p.tlp <> 'red')
                OR (p.id = $3 AND (p.tlp = 'green' OR (p.tlp = 'amber' AND EXISTS (
                    SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = p.id
                      AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL))))
                OR (p.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'partnership' AND r.record_id = p.id AND r.person_id = $1)))",
    )
    .bind(vis.person_id)
    .bind(vis.organisation_id)
    .bind(vis.member_of_partnership)
    .bind(vis.is_admin)
    .bind(vis.today)
    .bind(slug)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A council with its chair and the number of organisations seated on `today`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CouncilRow {
    /// Primary key.
    pub id: i64,
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
    /// TLP label.
    pub tlp: Tlp,
    /// The chair's name, if any.
    pub chair_name: Option<String>,
    /// The chair's organisation, if any.
    pub chair_organisation: Option<String>,
    /// Organisations seated on `today`.
    pub member_count: i64,
}

/// The councils of a partnership visible to the viewer, GCC first.
pub async fn list_councils(
    conn: &mut Conn,
    partnership_id: i64,
    vis: Visibility,
) -> Result<Vec<CouncilRow>, DbError> {
    let rows = sqlx::query_as::<_, CouncilRow>(
        "SELECT c.id, c.slug, c.name, c.short_name, c.kind, c.description, c.tlp,
                chair.display_name AS chair_name, chair_org.name AS chair_organisation,
                (SELECT COUNT(*) FROM council_memberships m
                  WHERE m.council_id = c.id AND m.term_start <= $5
                    AND (m.term_end IS NULL OR m.term_end >= $5)) AS member_count
         FROM councils c
         LEFT JOIN people chair ON chair.id = c.chair_person_id
         LEFT JOIN organisations chair_org ON chair_org.id = chair.organisation_id
         WHERE c.partnership_id = $6 AND (c.tlp = 'clear' OR ($4 = 1 AND c.tlp <> 'red')
                OR (c.partnership_id = $3 AND (c.tlp = 'green' OR (c.tlp = 'amber' AND (
                    c.chair_person_id = $1
                    OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = c.partnership_id
                        AND g.role = 'secretariat' AND (g.council_id IS NULL OR g.council_id = c.id) AND g.revoked_at IS NULL)
                    OR EXISTS (SELECT 1 FROM council_memberships m WHERE m.council_id = c.id AND m.organisation_id = $2
                        AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))))))
                OR (c.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'council' AND r.record_id = c.id AND r.person_id = $1)))
         ORDER BY CASE c.kind WHEN 'gcc' THEN 0 WHEN 'scc' THEN 1 ELSE 2 END, c.name",
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

/// A working group with its seat counts on `today`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WorkingGroupRow {
    /// Primary key.
    pub id: i64,
    /// URL key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// 1 when members come from both councils.
    pub is_joint: i64,
    /// One paragraph.
    pub summary: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Name of the council of a single-council group.
    pub council_name: Option<String>,
    /// Organisations seated on `today`.
    pub member_count: i64,
    /// Of those, the ones with a vote.
    pub voting_member_count: i64,
}

/// The working groups of a partnership visible to the viewer, by name.
pub async fn list_working_groups(
    conn: &mut Conn,
    partnership_id: i64,
    vis: Visibility,
) -> Result<Vec<WorkingGroupRow>, DbError> {
    let rows = sqlx::query_as::<_, WorkingGroupRow>(
        "SELECT w.id, w.slug, w.name, w.short_name, w.is_joint, w.summary, w.tlp,
                c.name AS council_name,
                (SELECT COUNT(*) FROM working_group_memberships m
                  WHERE m.working_group_id = w.id AND m.term_start <= $5
                    AND (m.term_end IS NULL OR m.term_end >= $5)) AS member_count,
                (SELECT COUNT(*) FROM working_group_memberships m
                  WHERE m.working_group_id = w.id AND m.is_voting = 1 AND m.term_start <= $5
                    AND (m.term_end IS NULL OR m.term_end >= $5)) AS voting_member_count
         FROM working_groups w
         LEFT JOIN councils c ON c.id = w.council_id
         WHERE w.partnership_id = $6 AND (w.tlp = 'clear' OR ($4 = 1 AND w.tlp <> 'red')
                OR (w.partnership_id = $3 AND (w.tlp = 'green' OR (w.tlp = 'amber' AND (
                    EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = w.partnership_id
                        AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                    OR EXISTS (SELECT 1 FROM working_group_conveners cv WHERE cv.working_group_id = w.id AND cv.person_id = $1
                        AND cv.term_start <= $5 AND (cv.term_end IS NULL OR cv.term_end >= $5))
                    OR EXISTS (SELECT 1 FROM working_group_memberships m WHERE m.working_group_id = w.id AND m.organisation_id = $2
                        AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))))))
                OR (w.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'working_group' AND r.record_id = w.id AND r.person_id = $1)))
         ORDER BY w.name, w.id",
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

/// A convener in office, flat, to be grouped by working group.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ConvenerRow {
    /// The working group.
    pub working_group_id: i64,
    /// Public or private convener.
    pub side: Side,
    /// The person's name.
    pub person_name: String,
    /// The person's organisation.
    pub organisation_name: Option<String>,
}

/// Conveners in office on `today` of every working group of a partnership, in one query.
pub async fn list_conveners(
    conn: &mut Conn,
    partnership_id: i64,
    today: Date,
) -> Result<Vec<ConvenerRow>, DbError> {
    let rows = sqlx::query_as::<_, ConvenerRow>(
        "SELECT cv.working_group_id, cv.side, p.display_name AS person_name, o.name AS organisation_name
         FROM working_group_conveners cv
         JOIN working_groups w ON w.id = cv.working_group_id
         JOIN people p ON p.id = cv.person_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE w.partnership_id = $1 AND cv.term_start <= $2
           AND (cv.term_end IS NULL OR cv.term_end >= $2)
         ORDER BY cv.working_group_id, cv.side",
    )
    .bind(partnership_id)
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A focal point in office, with its scope resolved to a name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FocalPointRow {
    /// Primary key.
    pub id: i64,
    /// What kind of contact.
    pub kind: FocalPointKind,
    /// Role title, e.g. "Director, Office of Critical Infrastructure Protection".
    pub title: String,
    /// The person's name.
    pub person_name: String,
    /// The person's organisation.
    pub organisation_name: String,
    /// Council or working group the contact is for; `None` for the whole partnership.
    pub scope_name: Option<String>,
    /// The public contact channel.
    pub public_channel: String,
    /// Direct e-mail, only when the viewer may see the contact details.
    pub email: Option<String>,
    /// Direct phone, only when the viewer may see the contact details.
    pub phone: Option<String>,
    /// The label of the direct contact details.
    pub contact_tlp: Tlp,
    /// Start of the term.
    pub term_start: Date,
}

/// Focal points in office today, national focal point first. Direct contact details are
/// withheld in the SQL unless their label is visible to the viewer.
pub async fn list_focal_points(
    conn: &mut Conn,
    partnership_id: i64,
    vis: Visibility,
) -> Result<Vec<FocalPointRow>, DbError> {
    let rows = sqlx::query_as::<_, FocalPointRow>(
        "SELECT f.id, f.kind, f.title, p.display_name AS person_name, o.name AS organisation_name,
                COALESCE(c.name, w.name) AS scope_name, f.public_channel,
                CASE WHEN f.contact_visible = 1 THEN f.email END AS email,
                CASE WHEN f.contact_visible = 1 THEN f.phone END AS phone,
                f.contact_tlp, f.term_start
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
         WHERE f.partnership_id = $6 AND f.term_start <= $5
           AND (f.term_end IS NULL OR f.term_end >= $5)
         ORDER BY CASE f.kind WHEN 'national_focal_point' THEN 0 WHEN 'srma_liaison' THEN 1
                              WHEN 'industry_senior_expert' THEN 2 ELSE 3 END,
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

/// An organisation of the registry, as listed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganisationRow {
    /// Primary key.
    pub id: i64,
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
    /// ISO 3166 alpha-2.
    pub country: String,
    /// Sector segment, e.g. "Medical technology".
    pub segment: String,
}

/// The organisations of a partnership whose name, short name, kind or segment contains
/// `query` (case-insensitive; all of them for an empty query), by name, at most `limit`.
pub async fn list_organisations(
    conn: &mut Conn,
    partnership_id: i64,
    query: &str,
    limit: i64,
) -> Result<Vec<OrganisationRow>, DbError> {
    let pattern = like_pattern(query);
    let rows = sqlx::query_as::<_, OrganisationRow>(
        "SELECT o.id, o.slug, o.name, o.short_name, o.kind, o.side, o.size_class, o.country, o.segment
         FROM organisations o
         WHERE o.partnership_id = $1
           AND ($2 = '%%' OR lower(o.name) LIKE $2 ESCAPE '\\' OR lower(o.short_name) LIKE $2 ESCAPE '\\'
                OR lower(o.segment) LIKE $2 ESCAPE '\\' OR lower(o.kind) LIKE $2 ESCAPE '\\')
         ORDER BY lower(o.name), o.id
         LIMIT $3",
    )
    .bind(partnership_id)
    .bind(pattern)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One organisation of a partnership by its URL key.
pub async fn find_organisation_by_slug(
    conn: &mut Conn,
    partnership_id: i64,
    slug: &str,
) -> Result<Option<OrganisationRow>, DbError> {
    let row = sqlx::query_as::<_, OrganisationRow>(
        "SELECT o.id, o.slug, o.name, o.short_name, o.kind, o.side, o.size_class, o.country, o.segment
         FROM organisations o
         WHERE o.partnership_id = $1 AND o.slug = $2",
    )
    .bind(partnership_id)
    .bind(slug)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A case-folded `LIKE` pattern matching `query` anywhere, with `%`, `_` and `\` escaped.
pub fn like_pattern(query: &str) -> String {
    let mut pattern = String::with_capacity(query.len() + 2);
    pattern.push('%');
    for ch in query.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

/// When a partnership was registered (the date of a feed with no entries yet).
pub async fn find_partnership_created_at(
    conn: &mut Conn,
    partnership_id: i64,
) -> Result<crate::domain::Timestamp, DbError> {
    Ok(sqlx::query_scalar::<_, crate::domain::Timestamp>(
        "SELECT created_at FROM partnerships WHERE id = $1",
    )
    .bind(partnership_id)
    .fetch_one(conn)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_patterns_escape_wildcards_and_fold_case() {
        assert_eq!(like_pattern("ISAC"), "%isac%");
        assert_eq!(like_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
        assert_eq!(like_pattern(""), "%%");
    }
}
