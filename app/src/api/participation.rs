//! The participation report of a partnership: seats and voting rights by side, kind and
//! size class, counted on the councils and working groups the viewer may see.
//!
//! [`build_report`] is the one place the report is put together; the page (through the
//! server function) and the CSV export (`server::exports`) both call it, so they cannot
//! disagree.

use crate::domain::Date;
use crate::domain::participation::Participation;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The report as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipationReport {
    /// The partnership's URL key.
    pub slug: String,
    /// Its full name.
    pub name: String,
    /// Its short name.
    pub short_name: String,
    /// The day whose seats are counted.
    pub as_of: Date,
    /// Whether a person is signed in (the public counts TLP:CLEAR bodies only).
    pub viewer_is_signed_in: bool,
    /// Councils counted (those visible to the viewer).
    pub council_count: i64,
    /// Working groups counted (those visible to the viewer).
    pub working_group_count: i64,
    /// The figures.
    pub participation: Participation,
}

impl ParticipationReport {
    /// The file name of the CSV export, e.g. `participation-us-hph-2026-11-30.csv`.
    pub fn csv_file_name(&self) -> String {
        [
            "participation-",
            &self.slug,
            "-",
            &self.as_of.to_string(),
            ".csv",
        ]
        .concat()
    }
}

/// The participation report of the partnership `slug`, as the viewer may see it.
#[server(endpoint = "get_participation_report")]
pub async fn get_participation_report(
    /// The partnership's URL key.
    slug: String,
) -> Result<ParticipationReport, AppError> {
    crate::ssr::error::serve(imp::get_participation_report(slug)).await
}

/// Builds the report of the partnership `slug` for `viewer`: a bounded number of queries
/// in one read snapshot, whatever the size of the partnership. `NotFound` when the
/// partnership does not exist or the viewer may not see it.
#[cfg(feature = "ssr")]
pub async fn build_report(
    database: &crate::ssr::db::Database,
    viewer: &crate::ssr::access::Viewer,
    slug: &str,
) -> Result<ParticipationReport, AppError> {
    use crate::domain::access::{Action, Resource};
    use crate::domain::participation::{OrganisationFacts, SeatFacts, aggregate};
    use crate::ssr::db::{self, participation as q, partnerships};
    use std::collections::HashSet;

    crate::api::partnerships::validate_slug(slug)?;
    let vis = viewer.visibility();
    let mut tx = database.begin_read().await?;
    let partnership = partnerships::find_partnership_by_slug(&mut tx, slug, vis)
        .await?
        .ok_or(AppError::NotFound)?;
    viewer.authorize(
        Action::View,
        &Resource::partnership(partnership.id, partnership.tlp),
    )?;
    // The bodies the viewer may see, filtered by TLP in SQL; seats elsewhere do not count.
    let councils = partnerships::list_councils(&mut tx, partnership.id, vis).await?;
    let groups = partnerships::list_working_groups(&mut tx, partnership.id, vis).await?;
    let organisations = q::list_organisation_categories(&mut tx, partnership.id).await?;
    let seats = q::list_current_seats(&mut tx, partnership.id, vis.today).await?;
    tx.commit().await.map_err(db::DbError::from)?;

    let council_ids: HashSet<i64> = councils.iter().map(|c| c.id).collect();
    let group_ids: HashSet<i64> = groups.iter().map(|g| g.id).collect();
    let organisations: Vec<OrganisationFacts> = organisations
        .into_iter()
        .map(|o| OrganisationFacts {
            id: o.id,
            side: o.side,
            kind: o.kind,
            size_class: o.size_class,
        })
        .collect();
    let seats: Vec<SeatFacts> = seats
        .into_iter()
        .filter(|s| match s.body_type.as_str() {
            q::COUNCIL => council_ids.contains(&s.body_id),
            q::WORKING_GROUP => group_ids.contains(&s.body_id),
            _ => false,
        })
        .map(|s| SeatFacts {
            organisation: OrganisationFacts {
                id: s.organisation_id,
                side: s.side,
                kind: s.kind,
                size_class: s.size_class,
            },
            is_voting: s.body_type == q::WORKING_GROUP && s.is_voting != 0,
        })
        .collect();

    Ok(ParticipationReport {
        slug: partnership.slug,
        name: partnership.name,
        short_name: partnership.short_name,
        as_of: vis.today,
        viewer_is_signed_in: viewer.is_signed_in(),
        council_count: i64::try_from(councils.len()).unwrap_or(i64::MAX),
        working_group_count: i64::try_from(groups.len()).unwrap_or(i64::MAX),
        participation: aggregate(&organisations, &seats),
    })
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::ssr::access::Viewer;
    use crate::ssr::state::AppState;

    pub async fn get_participation_report(slug: String) -> Result<ParticipationReport, AppError> {
        crate::api::partnerships::validate_slug(&slug)?;
        let state = AppState::current();
        let viewer = Viewer::current().await?;
        build_report(&state.db, &viewer, &slug).await
    }
}
