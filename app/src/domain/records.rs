//! Names shared across tables: the types of records that can carry a TLP:RED recipient list,
//! and the roles that are granted explicitly (the others follow from seats and terms).

use crate::vocabulary;

vocabulary! {
    /// A kind of record, as named in `tlp_red_recipients.record_type`.
    pub enum RecordType {
        /// A partnership.
        Partnership => ("partnership", "Partnership"),
        /// A council.
        Council => ("council", "Council"),
        /// A working group.
        WorkingGroup => ("working_group", "Working group"),
        /// A focal point.
        FocalPoint => ("focal_point", "Focal point"),
        /// A plan version.
        PlanVersion => ("plan_version", "Plan version"),
        /// A section of a plan version.
        PlanSection => ("plan_section", "Plan section"),
        /// A goal.
        Goal => ("goal", "Goal"),
        /// An objective.
        Objective => ("objective", "Objective"),
        /// A measure of an objective.
        Measure => ("measure", "Measure"),
        /// A commitment.
        Commitment => ("commitment", "Commitment"),
        /// A progress update of a commitment.
        ProgressUpdate => ("progress_update", "Progress update"),
        /// A motion.
        Motion => ("motion", "Motion"),
        /// A comment.
        Comment => ("comment", "Comment"),
    }
}

vocabulary! {
    /// A role held by explicit grant (`role_grants.role`).
    pub enum GrantedRole {
        /// Staff of a partnership or council: rosters, plan drafts, publication.
        Secretariat => ("secretariat", "Secretariat"),
    }
}
