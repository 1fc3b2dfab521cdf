//! The vocabularies of motions and ballots: what is put to a vote, how it is decided, and
//! how it ended. The tally itself (quorum, thresholds, dual majority) belongs with the
//! voting rules, not here.

use crate::domain::{Timestamp, Tlp};
use crate::vocabulary;
use serde::{Deserialize, Serialize};

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

/// What a motion decides on (its kind follows from it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MotionSubject {
    /// Adopt this plan version.
    AdoptPlanVersion(i64),
    /// Accept this commitment.
    AcceptCommitment(i64),
    /// Appoint this focal point.
    AppointFocalPoint(i64),
    /// A general resolution.
    GeneralResolution,
}

impl MotionSubject {
    /// The motion kind.
    pub fn kind(self) -> MotionKind {
        match self {
            MotionSubject::AdoptPlanVersion(_) => MotionKind::AdoptPlanVersion,
            MotionSubject::AcceptCommitment(_) => MotionKind::AcceptCommitment,
            MotionSubject::AppointFocalPoint(_) => MotionKind::AppointFocalPoint,
            MotionSubject::GeneralResolution => MotionKind::GeneralResolution,
        }
    }

    /// The subject of a stored motion: its kind and the record its kind names (a general
    /// resolution when the record is missing).
    pub fn of(
        kind: MotionKind,
        plan_version_id: Option<i64>,
        commitment_id: Option<i64>,
        focal_point_id: Option<i64>,
    ) -> Self {
        match (kind, plan_version_id, commitment_id, focal_point_id) {
            (MotionKind::AdoptPlanVersion, Some(id), _, _) => MotionSubject::AdoptPlanVersion(id),
            (MotionKind::AcceptCommitment, _, Some(id), _) => MotionSubject::AcceptCommitment(id),
            (MotionKind::AppointFocalPoint, _, _, Some(id)) => MotionSubject::AppointFocalPoint(id),
            _ => MotionSubject::GeneralResolution,
        }
    }

    /// The plan version, for an adoption.
    pub fn plan_version_id(self) -> Option<i64> {
        match self {
            MotionSubject::AdoptPlanVersion(id) => Some(id),
            _ => None,
        }
    }

    /// The commitment, for an acceptance.
    pub fn commitment_id(self) -> Option<i64> {
        match self {
            MotionSubject::AcceptCommitment(id) => Some(id),
            _ => None,
        }
    }

    /// The focal point, for an appointment.
    pub fn focal_point_id(self) -> Option<i64> {
        match self {
            MotionSubject::AppointFocalPoint(id) => Some(id),
            _ => None,
        }
    }

    /// The code a form posts for it: `general`, or `<kind>:<id>`.
    pub fn code(self) -> String {
        let id = self
            .plan_version_id()
            .or(self.commitment_id())
            .or(self.focal_point_id());
        match id {
            Some(id) => format!("{}:{id}", self.kind().code()),
            None => "general".to_owned(),
        }
    }

    /// Reads a form's code.
    pub fn parse(code: &str) -> Option<Self> {
        if code == "general" {
            return Some(MotionSubject::GeneralResolution);
        }
        let (kind, id) = code.split_once(':')?;
        let id: i64 = id.parse().ok().filter(|id| *id > 0)?;
        match kind.parse::<MotionKind>().ok()? {
            MotionKind::AdoptPlanVersion => Some(MotionSubject::AdoptPlanVersion(id)),
            MotionKind::AcceptCommitment => Some(MotionSubject::AcceptCommitment(id)),
            MotionKind::AppointFocalPoint => Some(MotionSubject::AppointFocalPoint(id)),
            MotionKind::GeneralResolution => None,
        }
    }
}

/// A motion's text and rules: what a draft holds and what its form edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MotionDraft {
    /// What is decided.
    pub subject: MotionSubject,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Start of the voting window.
    pub opens_at: Timestamp,
    /// End of the voting window (exclusive), after `opens_at`.
    pub closes_at: Timestamp,
    /// Share of the electorate that must cast a ballot, 0 to 100.
    pub quorum_percent: i64,
    /// The threshold to carry.
    pub threshold: Threshold,
    /// Whether the threshold must hold among public and among private members separately.
    pub dual_majority: bool,
    /// Roll call or anonymous.
    pub ballot_mode: BallotMode,
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

    #[test]
    fn subject_codes_round_trip() {
        for subject in [
            MotionSubject::GeneralResolution,
            MotionSubject::AdoptPlanVersion(7),
            MotionSubject::AcceptCommitment(8),
            MotionSubject::AppointFocalPoint(9),
        ] {
            assert_eq!(MotionSubject::parse(&subject.code()), Some(subject));
        }
        assert_eq!(MotionSubject::parse("adopt_plan_version:-1"), None);
        assert_eq!(MotionSubject::parse("general_resolution:3"), None);
        assert_eq!(MotionSubject::parse("drop_table:1"), None);
    }
}
