//! The seed's own count of a closed motion, so that the stored outcome and counts agree
//! with the ballots under the motion's rules (DOMAIN.md, "Voting rules").
//!
//! For dual majority the industry side is private and non-profit members together (the
//! Sector Coordinating Council's membership); a side with no members does not block.

use app::domain::motion::{BallotChoice, MotionOutcome, Threshold};
use app::domain::partnership::Side;

/// The rules of one motion.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    /// Share of the electorate that must cast a ballot.
    pub quorum_percent: i64,
    /// The threshold.
    pub threshold: Threshold,
    /// Whether the threshold must hold on each side.
    pub dual_majority: bool,
}

/// One organisation of the electorate (recused ones left out) and its current ballot.
#[derive(Clone, Copy, Debug)]
pub struct Voter {
    /// Its side.
    pub side: Side,
    /// Its current ballot, if any.
    pub choice: Option<BallotChoice>,
}

/// The result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Organisations that could vote.
    pub electorate: i64,
    /// Yes ballots.
    pub yes: i64,
    /// No ballots.
    pub no: i64,
    /// Abstentions.
    pub abstain: i64,
    /// The outcome.
    pub outcome: MotionOutcome,
}

#[derive(Clone, Copy, Default)]
struct Counts {
    electorate: i64,
    yes: i64,
    no: i64,
    abstain: i64,
}

fn count<'a>(voters: impl Iterator<Item = &'a Voter>) -> Counts {
    voters.fold(Counts::default(), |mut c, voter| {
        c.electorate += 1;
        match voter.choice {
            Some(BallotChoice::Yes) => c.yes += 1,
            Some(BallotChoice::No) => c.no += 1,
            Some(BallotChoice::Abstain) => c.abstain += 1,
            None => {}
        }
        c
    })
}

fn meets(threshold: Threshold, c: Counts) -> bool {
    match threshold {
        Threshold::Simple => c.yes > c.no,
        Threshold::Absolute => 2 * c.yes > c.electorate,
        Threshold::TwoThirds => c.yes > 0 && 3 * c.yes >= 2 * (c.yes + c.no),
        Threshold::Consensus => c.yes > 0 && c.no == 0,
    }
}

/// Counts the ballots of `voters` under `rules`.
pub fn tally(rules: Rules, voters: &[Voter]) -> Tally {
    let all = count(voters.iter());
    let cast = all.yes + all.no + all.abstain;
    let quorate = all.electorate > 0 && cast * 100 >= rules.quorum_percent * all.electorate;
    let carried = if rules.dual_majority {
        let public = count(voters.iter().filter(|v| v.side == Side::Public));
        let industry = count(voters.iter().filter(|v| v.side != Side::Public));
        [public, industry]
            .into_iter()
            .all(|side| side.electorate == 0 || meets(rules.threshold, side))
            && meets(rules.threshold, all)
    } else {
        meets(rules.threshold, all)
    };
    let outcome = match (quorate, carried) {
        (false, _) => MotionOutcome::NoQuorum,
        (true, true) => MotionOutcome::Carried,
        (true, false) => MotionOutcome::Failed,
    };
    Tally {
        electorate: all.electorate,
        yes: all.yes,
        no: all.no,
        abstain: all.abstain,
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voters(public: &[Option<BallotChoice>], private: &[Option<BallotChoice>]) -> Vec<Voter> {
        public
            .iter()
            .map(|c| Voter {
                side: Side::Public,
                choice: *c,
            })
            .chain(private.iter().map(|c| Voter {
                side: Side::Private,
                choice: *c,
            }))
            .collect()
    }

    const Y: Option<BallotChoice> = Some(BallotChoice::Yes);
    const N: Option<BallotChoice> = Some(BallotChoice::No);
    const A: Option<BallotChoice> = Some(BallotChoice::Abstain);

    #[test]
    fn a_side_outvoted_on_its_own_defeats_a_dual_majority_motion() {
        let rules = Rules {
            quorum_percent: 50,
            threshold: Threshold::Simple,
            dual_majority: true,
        };
        let result = tally(rules, &voters(&[Y, Y, Y, Y], &[Y, N, N]));
        assert_eq!((result.yes, result.no), (5, 2));
        assert_eq!(result.outcome, MotionOutcome::Failed);
    }

    #[test]
    fn abstentions_count_for_quorum_but_not_for_the_threshold() {
        let rules = Rules {
            quorum_percent: 60,
            threshold: Threshold::TwoThirds,
            dual_majority: false,
        };
        assert_eq!(
            tally(rules, &voters(&[Y, A, A], &[A, None])).outcome,
            MotionOutcome::Carried
        );
        assert_eq!(
            tally(rules, &voters(&[Y, A], &[None, None, None])).outcome,
            MotionOutcome::NoQuorum
        );
    }
}
