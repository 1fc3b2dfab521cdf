//! The vocabularies of the Sector-Specific Plan and of commitments towards it.
//!
//! What a plan version or a commitment may move to next is decided by the server functions
//! of those aggregates; this module only names the states.

use crate::vocabulary;

vocabulary! {
    /// Where a plan version stands in its life cycle.
    pub enum PlanVersionStatus {
        /// Being written by the secretariat and invited co-authors.
        Draft => ("draft", "Draft"),
        /// Submitted for review and adoption.
        InReview => ("in_review", "In review"),
        /// Adopted by a carried motion, not yet published.
        Adopted => ("adopted", "Adopted"),
        /// The version in force (one per plan at a time).
        Published => ("published", "Published"),
        /// A formerly published version, still readable.
        Superseded => ("superseded", "Superseded"),
    }
}

vocabulary! {
    /// Where an organisation's commitment stands.
    pub enum CommitmentStatus {
        /// Put forward, not yet accepted.
        Proposed => ("proposed", "Proposed"),
        /// Accepted by the secretariat or by a motion; work not started.
        Accepted => ("accepted", "Accepted"),
        /// Work under way.
        InProgress => ("in_progress", "In progress"),
        /// Work under way but the due date or the deliverable is in doubt.
        AtRisk => ("at_risk", "At risk"),
        /// Delivered.
        Completed => ("completed", "Completed"),
        /// Withdrawn by the organisation.
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

impl CommitmentStatus {
    /// Whether a commitment in this status must carry its acceptance time (the database
    /// holds the same rule as a CHECK constraint).
    pub fn needs_acceptance(self) -> bool {
        !matches!(
            self,
            CommitmentStatus::Proposed | CommitmentStatus::Withdrawn
        )
    }

    /// Whether work is still expected (so a past due date makes it overdue).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CommitmentStatus::Accepted | CommitmentStatus::InProgress | CommitmentStatus::AtRisk
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_database_check_constraints() {
        assert_eq!(PlanVersionStatus::InReview.code(), "in_review");
        assert_eq!(CommitmentStatus::AtRisk.code(), "at_risk");
        assert_eq!(CommitmentStatus::InProgress.code(), "in_progress");
    }

    #[test]
    fn only_proposed_and_withdrawn_commitments_lack_an_acceptance() {
        let without: Vec<_> = CommitmentStatus::ALL
            .iter()
            .filter(|s| !s.needs_acceptance())
            .collect();
        assert_eq!(
            without,
            [&CommitmentStatus::Proposed, &CommitmentStatus::Withdrawn]
        );
    }
}
