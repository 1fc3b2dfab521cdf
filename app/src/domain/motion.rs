//! The vocabularies of motions and ballots: what is put to a vote, how it is decided, and
//! how it ended. The tally itself (quorum, thresholds, dual majority) belongs with the
//! voting rules, not here.

use crate::vocabulary;

vocabulary! {
    /// What a motion asks the working group to decide.
    pub enum MotionKind {
        /// Adopt a plan version (the only way a version becomes adopted).
        AdoptPlanVersion => ("adopt_plan_version", "Adopt a plan version"),
        /// Accept an organisation's commitment.
        AcceptCommitment => ("accept_commitment", "Accept a commitment"),
        /// Appoint a focal point.
        AppointFocalPoint => ("appoint_focal_point", "Appoint a focal point"),
        /// Anything else the group resolves.
        GeneralResolution => ("general_resolution", "General resolution"),
    }
}

vocabulary! {
    /// Where a motion stands.
    pub enum MotionStatus {
        /// Being prepared; no electorate yet.
        Draft => ("draft", "Draft"),
        /// Open for ballots; the electorate is fixed.
        Open => ("open", "Open"),
        /// Closed with a stored outcome.
        Closed => ("closed", "Closed"),
        /// Withdrawn before it closed.
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

vocabulary! {
    /// The rule a motion must meet to carry.
    pub enum Threshold {
        /// More yes than no.
        Simple => ("simple", "Simple majority"),
        /// Yes from more than half of the electorate.
        Absolute => ("absolute", "Absolute majority"),
        /// Yes from at least two thirds of those voting yes or no.
        TwoThirds => ("two_thirds", "Two-thirds majority"),
        /// No "no" ballots.
        Consensus => ("consensus", "Consensus"),
    }
}

vocabulary! {
    /// Whether who voted how is shown.
    pub enum BallotMode {
        /// Each organisation's ballot is visible to those who may see the motion.
        RollCall => ("roll_call", "Roll call"),
        /// Only the tallies are shown.
        Anonymous => ("anonymous", "Anonymous"),
    }
}

vocabulary! {
    /// One organisation's vote.
    pub enum BallotChoice {
        /// In favour.
        Yes => ("yes", "Yes"),
        /// Against.
        No => ("no", "No"),
        /// Counts towards quorum, not towards the threshold.
        Abstain => ("abstain", "Abstain"),
    }
}

vocabulary! {
    /// How a closed motion ended.
    pub enum MotionOutcome {
        /// Quorum reached and the threshold met.
        Carried => ("carried", "Carried"),
        /// Quorum reached, threshold not met.
        Failed => ("failed", "Failed"),
        /// Too few ballots.
        NoQuorum => ("no_quorum", "No quorum"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_database_check_constraints() {
        assert_eq!(MotionKind::AdoptPlanVersion.code(), "adopt_plan_version");
        assert_eq!(Threshold::TwoThirds.code(), "two_thirds");
        assert_eq!(BallotMode::RollCall.code(), "roll_call");
        assert_eq!(MotionOutcome::NoQuorum.code(), "no_quorum");
    }
}
