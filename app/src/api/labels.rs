//! Changing a record's TLP label. Raising it (a narrower audience) is open to whoever may
//! manage the record; lowering it (a wider audience) only to the partnership's secretariat.
//! Both are audited with the label before and after.

use crate::domain::Tlp;
use crate::error::AppError;
use leptos::prelude::*;

/// Sets the TLP label of a commitment.
#[server(endpoint = "set_commitment_label")]
pub async fn set_commitment_label(
    /// The commitment.
    commitment_id: i64,
    /// The new label's code (`clear`, `green`, `amber`, `amber_strict`, `red`).
    tlp: String,
) -> Result<Tlp, AppError> {
    crate::ssr::error::serve(imp::set_commitment_label(commitment_id, tlp)).await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::domain::Timestamp;
    use crate::domain::access::Action;
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::{DbError, commitments};
    use crate::ssr::state::AppState;
    use serde_json::json;

    pub async fn set_commitment_label(commitment_id: i64, tlp: String) -> Result<Tlp, AppError> {
        let viewer = Viewer::current().await?;
        if !viewer.is_signed_in() {
            return Err(AppError::Unauthenticated);
        }
        let new_label = Tlp::from_code(tlp.trim()).ok_or_else(|| {
            AppError::invalid(
                "tlp",
                "Choose one of TLP:CLEAR, GREEN, AMBER, AMBER+STRICT or RED.",
            )
        })?;
        let state = AppState::current();
        let person = viewer.visibility().person_id;
        let mut tx = state.db.begin_write().await?;
        // A record the viewer may not see does not exist for them.
        let resource = commitments::find_commitment_resource(&mut tx, commitment_id, person)
            .await?
            .filter(|r| viewer.can(Action::View, r))
            .ok_or(AppError::NotFound)?;
        let action = if resource.tlp.is_lowering_to(new_label) {
            Action::LowerLabel
        } else {
            // Raising: the owning organisation's representatives or the secretariat.
            if viewer.can(Action::ProposeCommitment, &resource) {
                Action::View
            } else {
                Action::AcceptCommitment
            }
        };
        viewer.authorize(action, &resource)?;
        let before =
            commitments::update_commitment_tlp(&mut tx, commitment_id, new_label, Timestamp::now())
                .await?;
        audit::record(
            &mut tx,
            AuditEvent::new("label_change", "commitment", Some(commitment_id))
                .by_viewer(&viewer)
                .in_partnership(resource.partnership_id)
                .before(json!({ "tlp": before.code() }))
                .after(json!({ "tlp": new_label.code() })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(new_label)
    }
}
