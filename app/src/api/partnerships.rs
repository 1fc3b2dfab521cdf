//! The public registry of partnerships: the home page list, a partnership's directory, and
//! the organisation filter.

use crate::domain::partnership::{CouncilKind, FocalPointKind, OrganisationKind, Side, SizeClass};
use crate::domain::plan::CommitmentStatus;
use crate::domain::{Date, Tlp};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest organisation filter query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;
/// Most organisations listed at once.
pub const ORGANISATION_LIST_LIMIT: i64 = 500;
/// Most commitments listed on a partnership's page.
pub const COMMITMENT_LIST_LIMIT: i64 = 200;

/// A partnership as listed on the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnershipSummary {
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
    /// Organisations in the registry.
    pub organisation_count: i64,
    /// Councils.
    pub council_count: i64,
    /// Working groups.
    pub working_group_count: i64,
}

/// A council on a partnership's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CouncilSummary {
    /// URL key.
    pub slug: String,
    /// Name.
    pub name: String,
    /// GCC, SCC or other.
    pub kind: CouncilKind,
    /// Short description (Markdown source).
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// "Name, Organisation" of the chair, if any.
    pub chair: Option<String>,
    /// Organisations seated today.
    pub member_count: i64,
}

/// A convener of a working group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Convener {
    /// Public or private.
    pub side: Side,
    /// "Name, Organisation".
    pub name: String,
}

/// A working group on a partnership's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkingGroupSummary {
    /// URL key.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Members come from both councils.
    pub is_joint: bool,
    /// The council of a single-council group.
    pub council_name: Option<String>,
    /// One paragraph.
    pub summary: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Conveners in office.
    pub conveners: Vec<Convener>,
    /// Organisations seated today.
    pub member_count: i64,
    /// Of those, the ones with a vote.
    pub voting_member_count: i64,
}

/// A focal point as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FocalPointSummary {
    /// What kind of contact.
    pub kind: FocalPointKind,
    /// The person's name.
    pub person_name: String,
    /// Role title.
    pub title: String,
    /// The organisation.
    pub organisation_name: String,
    /// Council or working group; `None` for the whole partnership.
    pub scope_name: Option<String>,
    /// Public contact channel.
    pub public_channel: String,
    /// Direct e-mail, when the viewer may see it.
    pub email: Option<String>,
    /// Direct phone, when the viewer may see it.
    pub phone: Option<String>,
    /// Label of the direct contact details.
    pub contact_tlp: Tlp,
    /// In office since.
    pub term_start: Date,
}

/// An organisation as listed in a partnership's directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationSummary {
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
    /// Sector segment.
    pub segment: String,
}

/// A commitment as listed on a partnership's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitmentSummary {
    /// Title.
    pub title: String,
    /// The committing organisation.
    pub organisation_name: String,
    /// The objective's stable key.
    pub objective_key: String,
    /// Status.
    pub status: CommitmentStatus,
    /// Due date.
    pub due_date: Date,
    /// TLP label.
    pub tlp: Tlp,
}

/// Everything a partnership's public page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnershipOverview {
    /// The partnership.
    pub partnership: PartnershipSummary,
    /// Its description, rendered from Markdown and sanitised.
    pub description_html: String,
    /// Councils visible to the viewer.
    pub councils: Vec<CouncilSummary>,
    /// Working groups visible to the viewer.
    pub working_groups: Vec<WorkingGroupSummary>,
    /// Focal points in office.
    pub focal_points: Vec<FocalPointSummary>,
    /// Organisations matching the page's filter.
    pub organisations: Vec<OrganisationSummary>,
    /// Commitments visible to the viewer, by due date.
    pub commitments: Vec<CommitmentSummary>,
    /// Whether the viewer may invite people to the partnership (its secretariat).
    pub viewer_can_invite: bool,
    /// Whether the viewer has a dashboard here (a member or the secretariat).
    pub viewer_has_dashboard: bool,
}

/// Partnerships visible to the viewer.
#[server(endpoint = "list_partnerships")]
pub async fn list_partnerships() -> Result<Vec<PartnershipSummary>, AppError> {
    crate::ssr::error::serve(imp::list_partnerships()).await
}

/// A partnership's directory; its organisation list is filtered by `query`.
#[server(endpoint = "get_partnership_overview")]
pub async fn get_partnership_overview(
    /// The partnership's URL key.
    slug: String,
    /// The organisation filter (may be empty).
    query: String,
) -> Result<PartnershipOverview, AppError> {
    crate::ssr::error::serve(imp::get_partnership_overview(slug, query)).await
}

/// The organisations of a partnership whose name, acronym, kind or segment contains `query`.
#[server(endpoint = "filter_organisations")]
pub async fn filter_organisations(
    /// The partnership's URL key.
    slug: String,
    /// What to look for in names, acronyms, kinds and segments.
    query: String,
) -> Result<Vec<OrganisationSummary>, AppError> {
    crate::ssr::error::serve(imp::filter_organisations(slug, query)).await
}

/// Validates the slug of a URL: lower-case letters, digits and hyphens.
pub fn validate_slug(slug: &str) -> Result<(), AppError> {
    let ok = (2..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok { Ok(()) } else { Err(AppError::NotFound) }
}

/// The partnership with this URL key, when it exists and the viewer may see it.
#[cfg(feature = "ssr")]
pub(crate) async fn visible_partnership(
    conn: &mut crate::ssr::db::Conn,
    viewer: &crate::ssr::access::Viewer,
    slug: &str,
) -> Result<crate::ssr::db::partnerships::PartnershipRow, AppError> {
    validate_slug(slug)?;
    crate::ssr::db::partnerships::find_partnership_by_slug(conn, slug, viewer.visibility())
        .await?
        .ok_or(AppError::NotFound)
}

/// Validates and normalises a filter query.
pub fn validate_query(query: &str) -> Result<String, AppError> {
    if query.chars().count() > MAX_QUERY_CHARS * 4 {
        return Err(AppError::invalid(
            "q",
            format!("the filter is too long: at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok(crate::domain::text::normalise_query(query, MAX_QUERY_CHARS))
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::domain::access::{Action, Resource};
    use crate::ssr::access::Viewer;
    use crate::ssr::db::{self, partnerships as q};
    use crate::ssr::markdown;
    use crate::ssr::state::AppState;
    use std::collections::HashMap;

    pub async fn list_partnerships() -> Result<Vec<PartnershipSummary>, AppError> {
        let state = AppState::current();
        let vis = Viewer::current().await?.visibility();
        let mut conn = state.db.pool().acquire().await.map_err(db::DbError::from)?;
        let rows = q::list_partnerships(&mut conn, vis).await?;
        Ok(rows.into_iter().map(summary).collect())
    }

    pub async fn get_partnership_overview(
        slug: String,
        query: String,
    ) -> Result<PartnershipOverview, AppError> {
        validate_slug(&slug)?;
        let query = validate_query(&query)?;
        let state = AppState::current();
        let viewer = Viewer::current().await?;
        let vis = viewer.visibility();
        // One snapshot, so that the counts and the lists agree.
        let mut tx = state.db.begin_read().await?;
        let partnership = q::find_partnership_by_slug(&mut tx, &slug, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let councils = q::list_councils(&mut tx, partnership.id, vis).await?;
        let groups = q::list_working_groups(&mut tx, partnership.id, vis).await?;
        let conveners = q::list_conveners(&mut tx, partnership.id, vis.today).await?;
        let focal_points = q::list_focal_points(&mut tx, partnership.id, vis).await?;
        let organisations =
            q::list_organisations(&mut tx, partnership.id, &query, ORGANISATION_LIST_LIMIT).await?;
        let commitments = db::commitments::list_visible_commitments(
            &mut tx,
            partnership.id,
            vis,
            COMMITMENT_LIST_LIMIT,
        )
        .await?;
        tx.commit().await.map_err(db::DbError::from)?;

        let mut conveners_by_group: HashMap<i64, Vec<Convener>> = HashMap::new();
        for row in conveners {
            conveners_by_group
                .entry(row.working_group_id)
                .or_default()
                .push(Convener {
                    side: row.side,
                    name: with_organisation(row.person_name, row.organisation_name),
                });
        }
        let viewer_can_invite = viewer.can(
            Action::InvitePerson,
            &Resource::partnership(partnership.id, crate::domain::Tlp::Green),
        );
        let actor = viewer.actor();
        let viewer_has_dashboard = actor.is_secretariat_of(partnership.id)
            || (actor.organisation_id.is_some()
                && actor.member_of_partnership == Some(partnership.id));
        Ok(PartnershipOverview {
            viewer_can_invite,
            viewer_has_dashboard,
            description_html: markdown::render(&partnership.description),
            partnership: summary(partnership),
            councils: councils
                .into_iter()
                .map(|c| CouncilSummary {
                    slug: c.slug,
                    name: c.name,
                    kind: c.kind,
                    description: c.description,
                    tlp: c.tlp,
                    chair: c
                        .chair_name
                        .map(|name| with_organisation(name, c.chair_organisation)),
                    member_count: c.member_count,
                })
                .collect(),
            working_groups: groups
                .into_iter()
                .map(|w| WorkingGroupSummary {
                    conveners: conveners_by_group.remove(&w.id).unwrap_or_default(),
                    slug: w.slug,
                    name: w.name,
                    is_joint: w.is_joint != 0,
                    council_name: w.council_name,
                    summary: w.summary,
                    tlp: w.tlp,
                    member_count: w.member_count,
                    voting_member_count: w.voting_member_count,
                })
                .collect(),
            focal_points: focal_points
                .into_iter()
                .map(|f| FocalPointSummary {
                    kind: f.kind,
                    person_name: f.person_name,
                    title: f.title,
                    organisation_name: f.organisation_name,
                    scope_name: f.scope_name,
                    public_channel: f.public_channel,
                    email: f.email.filter(|e| !e.is_empty()),
                    phone: f.phone.filter(|p| !p.is_empty()),
                    contact_tlp: f.contact_tlp,
                    term_start: f.term_start,
                })
                .collect(),
            organisations: organisations.into_iter().map(organisation).collect(),
            commitments: commitments
                .into_iter()
                .map(|k| CommitmentSummary {
                    title: k.title,
                    organisation_name: k.organisation_name,
                    objective_key: k.objective_key,
                    status: k.status,
                    due_date: k.due_date,
                    tlp: k.tlp,
                })
                .collect(),
        })
    }

    pub async fn filter_organisations(
        slug: String,
        query: String,
    ) -> Result<Vec<OrganisationSummary>, AppError> {
        validate_slug(&slug)?;
        let query = validate_query(&query)?;
        let state = AppState::current();
        let vis = Viewer::current().await?.visibility();
        let mut conn = state.db.pool().acquire().await.map_err(db::DbError::from)?;
        let partnership = q::find_partnership_by_slug(&mut conn, &slug, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let rows =
            q::list_organisations(&mut conn, partnership.id, &query, ORGANISATION_LIST_LIMIT)
                .await?;
        Ok(rows.into_iter().map(organisation).collect())
    }

    fn summary(row: q::PartnershipRow) -> PartnershipSummary {
        PartnershipSummary {
            slug: row.slug,
            name: row.name,
            short_name: row.short_name,
            jurisdiction: row.jurisdiction,
            summary: row.summary,
            organisation_count: row.organisation_count,
            council_count: row.council_count,
            working_group_count: row.working_group_count,
        }
    }

    fn organisation(row: q::OrganisationRow) -> OrganisationSummary {
        OrganisationSummary {
            slug: row.slug,
            name: row.name,
            short_name: row.short_name,
            kind: row.kind,
            side: row.side,
            size_class: row.size_class,
            country: row.country,
            segment: row.segment,
        }
    }

    fn with_organisation(name: String, organisation: Option<String>) -> String {
        match organisation {
            Some(org) => format!("{name}, {org}"),
            None => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_with_hyphens() {
        assert!(validate_slug("us-hph").is_ok());
        assert_eq!(validate_slug("US-HPH"), Err(AppError::NotFound));
        assert_eq!(validate_slug("../etc"), Err(AppError::NotFound));
        assert_eq!(validate_slug("x"), Err(AppError::NotFound));
    }

    #[test]
    fn an_overlong_filter_names_the_field() {
        let err = validate_query(&"a".repeat(1000)).unwrap_err();
        assert!(matches!(err, AppError::Invalid(ref fields) if fields.contains_key("q")));
        assert_eq!(validate_query("  isac ").ok().as_deref(), Some("isac"));
    }
}
