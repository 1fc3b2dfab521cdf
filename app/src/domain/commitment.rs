//! Commitments: which status changes are allowed and to whom, when a commitment is overdue
//! or stale, and how progress rolls up from commitments to objectives, goals and the plan.
//! Pure: the server reads the facts and stores what these functions decide.
//!
//! Decisions made here once:
//! - The secretariat accepts a proposed commitment (or a carried "accept a commitment"
//!   motion does); the owning organisation's representatives move it between in progress,
//!   at risk and completed, and may withdraw it; the secretariat may also mark it at risk or
//!   withdraw it. Completed and withdrawn are final.
//! - A commitment is overdue when work is still expected (accepted, in progress, at risk)
//!   and its due date has passed; stale when work is still expected and nothing was reported
//!   for [`STALE_AFTER_DAYS`] days (counted from its acceptance before the first update).
//! - Progress counts commitments whose work is expected or done; a completed commitment
//!   counts as 100 % whatever its last update said; proposed and withdrawn ones do not
//!   count. An objective's progress is the mean of its commitments; a goal's and the plan's
//!   are means weighted by the objectives' and goals' weights, over the parts that have
//!   any commitment (parts without one are reported as uncovered, not as 0 %).

use super::Date;
use super::plan::CommitmentStatus;
use serde::{Deserialize, Serialize};

/// Days without a progress update after which an open commitment is stale.
pub const STALE_AFTER_DAYS: i64 = 90;

/// Who asks for a status change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changer {
    /// The partnership's secretariat.
    Secretariat,
    /// A representative of the committing organisation.
    Owner,
}

/// Whether `who` may move a commitment from `from` to `to`.
pub fn may_change(from: CommitmentStatus, to: CommitmentStatus, who: Changer) -> bool {
    use CommitmentStatus::*;
    match (from, to) {
        (Proposed, Accepted) => who == Changer::Secretariat,
        (Proposed | Accepted | InProgress | AtRisk, Withdrawn) => true,
        (Accepted | AtRisk, InProgress) => who == Changer::Owner,
        (Accepted | InProgress, AtRisk) => true,
        (Accepted | InProgress | AtRisk, Completed) => who == Changer::Owner,
        _ => false,
    }
}

/// The statuses `who` may move a commitment in `from` to, in a sensible order for a form.
pub fn next_statuses(from: CommitmentStatus, who: Changer) -> Vec<CommitmentStatus> {
    CommitmentStatus::ALL
        .iter()
        .copied()
        .filter(|to| may_change(from, *to, who))
        .collect()
}

/// Whether work is due and the due date has passed.
pub fn is_overdue(status: CommitmentStatus, due: Date, today: Date) -> bool {
    status.is_open() && due < today
}

/// Whether work is due and nothing was reported for [`STALE_AFTER_DAYS`] days. `since` is
/// the date of the last progress update, or of the acceptance before the first one.
pub fn is_stale(status: CommitmentStatus, since: Option<Date>, today: Date) -> bool {
    status.is_open()
        && since.is_some_and(|since| {
            (today.as_naive() - since.as_naive()).num_days() > STALE_AFTER_DAYS
        })
}

/// The percentage a commitment contributes, or `None` when it does not count.
pub fn counted_percent(status: CommitmentStatus, last_percent: Option<i64>) -> Option<f64> {
    match status {
        CommitmentStatus::Completed => Some(100.0),
        s if s.is_open() => Some(last_percent.unwrap_or(0).clamp(0, 100) as f64),
        _ => None,
    }
}

/// One part of a roll-up: its weight and its progress (`None`: nothing counts in it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Part {
    /// Weight among its siblings (negative weights count as 0).
    pub weight: f64,
    /// Progress in percent.
    pub progress: Option<f64>,
}

/// A rolled-up progress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Weighted mean percentage over the covered parts; `None` when none is covered.
    pub percent: Option<f64>,
    /// Parts with something counting.
    pub covered: usize,
    /// All parts.
    pub parts: usize,
}

impl Progress {
    /// The percentage rounded to a whole number, for display.
    pub fn whole_percent(&self) -> Option<i64> {
        self.percent.map(|p| p.round() as i64)
    }
}

/// The mean of commitments' percentages, each counting once.
pub fn mean(percents: &[f64]) -> Progress {
    let parts: Vec<Part> = percents
        .iter()
        .map(|p| Part {
            weight: 1.0,
            progress: Some(*p),
        })
        .collect();
    roll_up(&parts)
}

/// The weighted mean of the covered parts. If every covered part weighs 0, they count
/// equally (a secretariat that zeroes all weights has not asked for "no progress").
pub fn roll_up(parts: &[Part]) -> Progress {
    let covered: Vec<(f64, f64)> = parts
        .iter()
        .filter_map(|p| p.progress.map(|progress| (p.weight.max(0.0), progress)))
        .collect();
    let total: f64 = covered.iter().map(|(w, _)| w).sum();
    let percent = if covered.is_empty() {
        None
    } else if total > 0.0 {
        Some(covered.iter().map(|(w, p)| w * p).sum::<f64>() / total)
    } else {
        Some(covered.iter().map(|(_, p)| p).sum::<f64>() / covered.len() as f64)
    };
    Progress {
        percent: percent.map(|p| p.clamp(0.0, 100.0)),
        covered: covered.len(),
        parts: parts.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CommitmentStatus::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    #[test]
    fn only_the_secretariat_accepts_and_finished_commitments_stay_finished() {
        assert!(may_change(Proposed, Accepted, Changer::Secretariat));
        assert!(!may_change(Proposed, Accepted, Changer::Owner));
        assert!(may_change(Accepted, InProgress, Changer::Owner));
        assert!(may_change(InProgress, Completed, Changer::Owner));
        assert!(!may_change(InProgress, Completed, Changer::Secretariat));
        for who in [Changer::Owner, Changer::Secretariat] {
            for to in CommitmentStatus::ALL {
                assert!(!may_change(Completed, *to, who), "completed → {to:?}");
                assert!(!may_change(Withdrawn, *to, who), "withdrawn → {to:?}");
                assert!(!may_change(*to, *to, who), "{to:?} → itself");
            }
            assert!(
                !may_change(Proposed, InProgress, who),
                "work before acceptance"
            );
        }
        assert_eq!(
            next_statuses(InProgress, Changer::Owner),
            vec![AtRisk, Completed, Withdrawn]
        );
    }

    #[test]
    fn overdue_and_stale_only_while_work_is_expected() {
        let today = day("2026-12-01");
        assert!(is_overdue(InProgress, day("2026-11-30"), today));
        assert!(!is_overdue(InProgress, day("2026-12-01"), today));
        assert!(!is_overdue(Completed, day("2026-01-01"), today));
        assert!(!is_overdue(Proposed, day("2026-01-01"), today));
        assert!(is_stale(Accepted, Some(day("2026-09-01")), today));
        assert!(
            !is_stale(Accepted, Some(day("2026-09-02")), today),
            "exactly 90 days is not yet stale"
        );
        assert!(!is_stale(Withdrawn, Some(day("2020-01-01")), today));
        assert!(!is_stale(InProgress, None, today));
    }

    #[test]
    fn completed_counts_full_and_proposed_not_at_all() {
        assert_eq!(counted_percent(Completed, Some(60)), Some(100.0));
        assert_eq!(counted_percent(InProgress, Some(40)), Some(40.0));
        assert_eq!(counted_percent(Accepted, None), Some(0.0));
        assert_eq!(counted_percent(Proposed, Some(50)), None);
        assert_eq!(counted_percent(Withdrawn, Some(50)), None);
        assert_eq!(counted_percent(AtRisk, Some(250)), Some(100.0));
    }

    #[test]
    fn roll_ups_weigh_covered_parts_only() {
        let parts = [
            Part {
                weight: 1.0,
                progress: Some(20.0),
            },
            Part {
                weight: 3.0,
                progress: Some(60.0),
            },
            Part {
                weight: 5.0,
                progress: None,
            },
        ];
        let p = roll_up(&parts);
        assert_eq!(p.percent, Some(50.0));
        assert_eq!((p.covered, p.parts), (2, 3));
        assert_eq!(roll_up(&[]).percent, None);
        let zero = [
            Part {
                weight: 0.0,
                progress: Some(10.0),
            },
            Part {
                weight: 0.0,
                progress: Some(30.0),
            },
        ];
        assert_eq!(roll_up(&zero).percent, Some(20.0));
        assert_eq!(mean(&[0.0, 100.0, 50.0]).whole_percent(), Some(50));
    }

    proptest::proptest! {
        #[test]
        fn a_roll_up_stays_between_its_parts(
            parts in proptest::collection::vec((0.0f64..10.0, proptest::option::of(0.0f64..=100.0)), 0..12)
        ) {
            let parts: Vec<Part> = parts.into_iter().map(|(weight, progress)| Part { weight, progress }).collect();
            let covered: Vec<f64> = parts.iter().filter_map(|p| p.progress).collect();
            let result = roll_up(&parts);
            match result.percent {
                None => proptest::prop_assert!(covered.is_empty()),
                Some(p) => {
                    let lo = covered.iter().cloned().fold(f64::INFINITY, f64::min);
                    let hi = covered.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                    proptest::prop_assert!(p >= lo - 1e-9 && p <= hi + 1e-9, "{p} outside {lo}..{hi}");
                }
            }
            proptest::prop_assert_eq!(result.covered, covered.len());
        }
    }
}
