//! A signed-in member's dashboard of one partnership: for the secretariat, what needs
//! attention (overdue, stale and at-risk commitments, proposals to accept, motions closing
//! soon, drafts with unresolved comments); for a member organisation, its commitments, the
//! ballots it still owes and its focal points. Everything is what the viewer may see.

use crate::api::commitments::CommitmentSummary;
use crate::api::motions::MotionSummary;
use crate::domain::plan::PlanVersionStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Motions closing within this many days count as closing soon.
pub const CLOSING_SOON_DAYS: i64 = 7;

/// A version being written, with its unresolved threads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenVersion {
    /// Number.
    pub number: i64,
    /// Title.
    pub title: String,
    /// Draft or in review.
    pub status: PlanVersionStatus,
    /// Unresolved threads.
    pub unresolved: i64,
}

/// What the secretariat watches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretariatPanel {
    /// Overdue, stale or at-risk commitments.
    pub attention: Vec<CommitmentSummary>,
    /// Proposed commitments waiting for acceptance.
    pub proposed: Vec<CommitmentSummary>,
    /// Open motions closing within [`CLOSING_SOON_DAYS`] days.
    pub closing_soon: Vec<MotionSummary>,
    /// Versions in draft or review.
    pub versions: Vec<OpenVersion>,
}

/// What a member organisation watches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPanel {
    /// The organisation.
    pub organisation_name: String,
    /// Its commitments.
    pub commitments: Vec<CommitmentSummary>,
    /// Open motions it can still vote on and has not.
    pub ballots_due: Vec<MotionSummary>,
    /// Its focal points in office: (kind, person, scope or title).
    pub focal_points: Vec<(String, String, String)>,
}

/// The dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// For the secretariat.
    pub secretariat: Option<SecretariatPanel>,
    /// For a person of a member organisation.
    pub member: Option<MemberPanel>,
}

/// The signed-in viewer's dashboard of a partnership.
#[server(endpoint = "get_dashboard")]
pub async fn get_dashboard(
    /// The partnership's URL key.
    partnership: String,
) -> Result<Dashboard, AppError> {
    crate::ssr::error::serve(imp::get_dashboard(partnership)).await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::commitments::visible_commitments;
    use crate::api::motions::visible_summaries;
    use crate::api::partnerships::validate_slug;
    use crate::domain::Timestamp;
    use crate::domain::plan::CommitmentStatus;
    use crate::ssr::access::require_signed_in;
    use crate::ssr::db::{DbError, comments, focal_points, motions, organisations, partnerships};
    use crate::ssr::state::AppState;

    pub async fn get_dashboard(partnership: String) -> Result<Dashboard, AppError> {
        crate::ssr::voting::close_due_motions(&AppState::current().db).await?;
        let viewer = require_signed_in().await?;
        validate_slug(&partnership)?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let vis = viewer.visibility();
        let p = partnerships::find_partnership_by_slug(&mut tx, &partnership, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let actor = viewer.actor();
        let is_secretariat = actor.is_secretariat_of(p.id);
        let organisation = actor
            .organisation_id
            .filter(|_| actor.member_of_partnership == Some(p.id));
        if !is_secretariat && organisation.is_none() {
            return Err(AppError::Forbidden);
        }
        let commitments = visible_commitments(&mut tx, &viewer, p.id).await?;
        let open = motions::list_open_motions(&mut tx, p.id, vis.person_id).await?;
        let versions = if is_secretariat {
            comments::list_open_versions(&mut tx, p.id).await?
        } else {
            Vec::new()
        };
        let (elector_states, focal, organisation_name) = match organisation {
            Some(org) => (
                motions::list_elector_states(&mut tx, org).await?,
                focal_points::list_all_focal_points(&mut tx, p.id, vis).await?,
                organisations::find_organisation_brief(&mut tx, org)
                    .await?
                    .map(|o| o.name)
                    .unwrap_or_default(),
            ),
            None => (Vec::new(), Vec::new(), String::new()),
        };
        tx.commit().await.map_err(DbError::from)?;

        let open = visible_summaries(&viewer, &open);
        let soon = Timestamp::from_datetime(
            Timestamp::now().as_datetime() + chrono::Duration::days(CLOSING_SOON_DAYS),
        );
        let secretariat = is_secretariat.then(|| SecretariatPanel {
            attention: commitments
                .iter()
                .filter(|(_, s)| s.overdue || s.stale || s.status == CommitmentStatus::AtRisk)
                .map(|(_, s)| s.clone())
                .collect(),
            proposed: commitments
                .iter()
                .filter(|(_, s)| s.status == CommitmentStatus::Proposed)
                .map(|(_, s)| s.clone())
                .collect(),
            closing_soon: open
                .iter()
                .filter(|m| m.closes_at <= soon)
                .cloned()
                .collect(),
            versions: versions
                .into_iter()
                .map(|v| OpenVersion {
                    number: v.number,
                    title: v.title,
                    status: v.status,
                    unresolved: v.unresolved,
                })
                .collect(),
        });
        let member = organisation.map(|org| {
            let due: Vec<i64> = elector_states
                .iter()
                .filter(|s| s.recused == 0 && s.voted == 0 && s.proxy_given == 0)
                .map(|s| s.motion_id)
                .collect();
            let today = vis.today;
            MemberPanel {
                organisation_name: organisation_name.clone(),
                commitments: commitments
                    .iter()
                    .filter(|(row, _)| row.organisation_id == org)
                    .map(|(_, s)| s.clone())
                    .collect(),
                ballots_due: open
                    .iter()
                    .filter(|m| due.contains(&m.id))
                    .cloned()
                    .collect(),
                focal_points: focal
                    .into_iter()
                    .filter(|f| f.organisation_id == org)
                    .filter(|f| f.term_end.is_none_or(|end| end >= today))
                    .map(|f| {
                        (
                            f.kind.label().to_owned(),
                            f.person_name,
                            f.scope_name.unwrap_or(f.title),
                        )
                    })
                    .collect(),
            }
        });
        Ok(Dashboard {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            secretariat,
            member,
        })
    }
}
