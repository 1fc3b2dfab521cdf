//! Full-text search across plan content, commitments and motions, for anyone: signed out,
//! only published TLP:CLEAR content is found; signed in, what one's TLP rights allow.
//!
//! The body: the viewer (signed in or the public) → the query checked (`domain::search`: trimmed,
//! 2 to 200 characters, at least one word) with the optional partnership and page →
//! `ssr::db::search`, which filters by visibility in the SQL → hits with links and with
//! titles and snippets as plain and highlighted text segments.

use crate::domain::Tlp;
use crate::domain::records::RecordType;
use crate::domain::search::{SearchTerms, Segment};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Hits per page.
pub const PAGE_SIZE: i64 = 20;
/// The last page that can be asked for (deeper pages cost more than they help).
pub const MAX_PAGE: u32 = 50;

/// One record found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// What it is: a plan section, goal, objective, commitment or motion.
    pub kind: RecordType,
    /// Its title, matches highlighted.
    pub title: Vec<Segment>,
    /// Text around the matches, matches highlighted (may be empty).
    pub snippet: Vec<Segment>,
    /// Its label.
    pub tlp: Tlp,
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_name: String,
    /// Where it sits, e.g. "Objective 1.3 · Plan version 1 (Published)".
    pub context: String,
    /// Its page.
    pub href: String,
}

/// A page of search results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as searched for (trimmed, white space folded).
    pub query: String,
    /// The partnership searched in (its URL key), or `None` for all.
    pub partnership: Option<String>,
    /// This page's number, from 1.
    pub page: u32,
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
    /// Whether there is a next page.
    pub has_next: bool,
}

/// A search once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSearch {
    /// The words.
    pub terms: SearchTerms,
    /// The partnership's URL key, if one was chosen.
    pub partnership: Option<String>,
    /// The page, from 1.
    pub page: u32,
}

/// Checks a search: the query (`q`), the partnership (empty for all) and the page (absent
/// for the first). Each invalid field gets its own message.
pub fn validate_search(
    q: &str,
    partnership: Option<&str>,
    page: Option<u32>,
) -> Result<ValidSearch, FieldErrors> {
    let mut errors = FieldErrors::new();
    let terms = SearchTerms::parse(q)
        .map_err(|e| {
            errors
                .entry("q".to_owned())
                .or_default()
                .push(e.message().to_owned());
        })
        .ok();
    let partnership = partnership.map(str::trim).filter(|s| !s.is_empty());
    if let Some(slug) = partnership
        && crate::api::partnerships::validate_slug(slug).is_err()
    {
        errors
            .entry("partnership".to_owned())
            .or_default()
            .push("Choose a partnership from the list.".to_owned());
    }
    let page = page.unwrap_or(1);
    if !(1..=MAX_PAGE).contains(&page) {
        errors
            .entry("page".to_owned())
            .or_default()
            .push(format!("Pages run from 1 to {MAX_PAGE}."));
    }
    match terms {
        Some(terms) if errors.is_empty() => Ok(ValidSearch {
            terms,
            partnership: partnership.map(str::to_owned),
            page,
        }),
        _ => Err(errors),
    }
}

/// Searches plan content, commitments and motions for `q`, in the partnership `partnership`
/// (its URL key; empty or absent for all), page `page` (from 1). Finds only what the viewer
/// may see.
#[server(endpoint = "search")]
pub async fn search(
    /// What to look for: 2 to 200 characters.
    q: String,
    /// A partnership's URL key, or empty for all.
    #[server(default)]
    partnership: Option<String>,
    /// The page, from 1.
    #[server(default)]
    page: Option<u32>,
) -> Result<SearchResults, AppError> {
    crate::ssr::error::serve(imp::search(q, partnership, page)).await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::plan_content::anchor;
    use crate::domain::motion::MotionStatus;
    use crate::domain::plan::CommitmentStatus;
    use crate::domain::search::segments;
    use crate::ssr::access::Viewer;
    use crate::ssr::db::search::{self as q, SearchRow};
    use crate::ssr::db::{DbError, partnerships};
    use crate::ssr::state::AppState;

    pub async fn search(
        query: String,
        partnership: Option<String>,
        page: Option<u32>,
    ) -> Result<SearchResults, AppError> {
        let viewer = Viewer::current().await?;
        let valid =
            validate_search(&query, partnership.as_deref(), page).map_err(AppError::Invalid)?;
        let vis = viewer.visibility();
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let partnership_id = match &valid.partnership {
            Some(slug) => Some(
                partnerships::find_partnership_by_slug(&mut tx, slug, vis)
                    .await?
                    .ok_or_else(|| {
                        AppError::invalid("partnership", "Choose a partnership from the list.")
                    })?
                    .id,
            ),
            None => None,
        };
        let offset = i64::from(valid.page - 1) * PAGE_SIZE;
        let mut rows = q::search(
            &mut tx,
            state.db.backend(),
            &valid.terms,
            vis,
            partnership_id,
            PAGE_SIZE + 1,
            offset,
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        let has_next = rows.len() as i64 > PAGE_SIZE;
        rows.truncate(PAGE_SIZE as usize);
        Ok(SearchResults {
            query: valid.terms.query().to_owned(),
            partnership: valid.partnership,
            page: valid.page,
            hits: rows.into_iter().map(hit).collect(),
            has_next,
        })
    }

    /// A row as a result line: its link and where it sits.
    fn hit(row: SearchRow) -> SearchHit {
        let slug = &row.partnership_slug;
        let version = row.version_number.unwrap_or_default();
        let version_href = format!("/p/{slug}/plan/v/{version}");
        let version_label = format!(
            "Plan version {version} ({})",
            row.version_status.map(|s| s.label()).unwrap_or_default()
        );
        let goal = row.goal_number.unwrap_or_default();
        let status = row.status.as_deref().unwrap_or_default();
        let (href, context) = match row.kind {
            RecordType::PlanSection => (
                format!(
                    "{version_href}#{}",
                    anchor("section", row.section_key.as_deref().unwrap_or_default())
                ),
                version_label,
            ),
            RecordType::Goal => (
                format!("{version_href}/goals/{goal}"),
                format!("Goal {goal} · {version_label}"),
            ),
            RecordType::Objective => {
                let number = format!("{goal}.{}", row.objective_number.unwrap_or_default());
                (
                    format!(
                        "{version_href}/goals/{goal}#{}",
                        anchor(
                            "objective",
                            &format!("{goal}-{}", row.objective_number.unwrap_or_default())
                        )
                    ),
                    format!("Objective {number} · {version_label}"),
                )
            }
            RecordType::Commitment => (
                format!("/p/{slug}/commitments/{}", row.record_id),
                join(
                    row.organisation_name.as_deref(),
                    CommitmentStatus::from_code(status).map(|s| s.label()),
                ),
            ),
            RecordType::Motion => (
                format!("/p/{slug}/motions/{}", row.record_id),
                join(
                    row.group_name.as_deref(),
                    MotionStatus::from_code(status).map(|s| s.label()),
                ),
            ),
            // The index holds no other kind (a CHECK constraint says so).
            _ => (format!("/p/{slug}"), String::new()),
        };
        SearchHit {
            kind: row.kind,
            title: segments(&row.title_marked),
            snippet: segments(&row.snippet_marked),
            tlp: row.tlp,
            partnership_slug: row.partnership_slug,
            partnership_name: row.partnership_name,
            context,
            href,
        }
    }

    /// "Owner · Status", leaving out what is missing.
    fn join(owner: Option<&str>, status: Option<&str>) -> String {
        [owner, status]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_search_is_accepted_with_defaults() {
        let valid = validate_search("  risk  landscape ", Some(""), None).expect("valid");
        assert_eq!(valid.terms.query(), "risk landscape");
        assert_eq!(valid.partnership, None);
        assert_eq!(valid.page, 1);
        let valid = validate_search("risk", Some(" us-hph "), Some(3)).expect("valid");
        assert_eq!(valid.partnership.as_deref(), Some("us-hph"));
        assert_eq!(valid.page, 3);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let errors = validate_search("x", Some("Not A Slug!"), Some(0)).expect_err("invalid");
        assert_eq!(
            errors["q"],
            vec!["Enter at least 2 characters to search for.".to_owned()]
        );
        assert_eq!(
            errors["partnership"],
            vec!["Choose a partnership from the list.".to_owned()]
        );
        assert_eq!(errors["page"], vec!["Pages run from 1 to 50.".to_owned()]);
        let errors =
            validate_search(&"z".repeat(201), None, Some(MAX_PAGE + 1)).expect_err("invalid");
        assert_eq!(
            errors["q"],
            vec!["The search can be at most 200 characters long.".to_owned()]
        );
        assert!(errors.contains_key("page"));
    }
}
