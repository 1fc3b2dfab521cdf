//! The tally of a motion: which ballots count, whether quorum is reached, and whether the
//! motion carried, failed or had no quorum (DOMAIN.md, "Voting rules"). Pure and total: it
//! reads the electorate fixed when the motion opened, the full ballot history and the
//! motion's rules, and never fails. Storing the outcome and auditing it belong to the
//! caller, as does checking who may cast a ballot or hold a proxy.
//!
//! Decisions the rules leave open, made here once:
//! - Each organisation's last ballot counts: the latest `cast_at`, and among ballots cast at
//!   the same instant the later one in the list. Earlier ballots are history.
//! - A ballot from an organisation outside the electorate, or from one that recused itself
//!   (before or after voting), is never counted; its organisation is listed in
//!   [`Tally::ignored`].
//! - Quorum is a number of ballots (abstentions included): `quorum_percent` of the
//!   electorate rounded up, and never less than one ballot, so that a motion nobody voted
//!   on, and in particular one with an empty electorate, ends with no quorum rather than
//!   "failed" even at 0 %. Percentages outside 0..=100 are clamped.
//! - Every threshold but the simple majority counts yes ballots only; abstentions never
//!   count towards a threshold. Two-thirds and consensus need at least one yes, so that
//!   a motion cannot carry on abstentions alone.
//! - Dual majority: the industry side is private and non-profit members together (the
//!   Sector Coordinating Council's membership). The threshold must hold among public
//!   members and among industry members separately, and overall (which both sides holding
//!   already implies); the absolute majority of a side is over that side's electorate. A
//!   side with no electors (all recused, or none in the group) does not block: it cannot
//!   be outvoted, and blocking would let one recusal veto every motion.
//! - Integer arithmetic only, so that the server and the browser agree to the ballot.

use super::Timestamp;
use super::motion::{BallotChoice, MotionOutcome, Threshold};
use super::partnership::Side;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The rules of one motion, as stored with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Share of the electorate (0..=100) that must cast a ballot, abstentions included.
    pub quorum_percent: i64,
    /// What the yes ballots must reach.
    pub threshold: Threshold,
    /// Whether the threshold must hold among public and among industry members separately.
    pub dual_majority: bool,
}

/// One organisation of the electorate fixed when the motion opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elector {
    /// The organisation.
    pub organisation_id: i64,
    /// Its side when the motion opened.
    pub side: Side,
    /// Whether it recused itself: it then leaves the electorate and its ballots are ignored.
    pub recused: bool,
}

/// One ballot of the motion's history.
///
/// A ballot always counts for `organisation_id`, whoever cast it. A ballot cast through a
/// proxy counts for the organisation that gave the proxy, so `organisation_id` is the
/// proxy giver and `proxy_holder` the organisation that cast it on the giver's behalf;
/// the holder's own ballot is a separate [`Ballot`] with its own `organisation_id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ballot {
    /// The organisation whose vote this is (for a proxy ballot: the one that gave the proxy).
    pub organisation_id: i64,
    /// Its choice.
    pub choice: BallotChoice,
    /// When it was cast; the latest ballot of an organisation counts.
    pub cast_at: Timestamp,
    /// The organisation that cast it as the proxy of `organisation_id`, if it was cast by
    /// proxy. Recorded only: it never changes whom the ballot counts for.
    pub proxy_holder: Option<i64>,
}

/// The counts of a set of electors (all of them, or one side).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Electors, recused ones left out.
    pub electorate: i64,
    /// Whose last ballot is yes.
    pub yes: i64,
    /// Whose last ballot is no.
    pub no: i64,
    /// Whose last ballot is an abstention.
    pub abstain: i64,
    /// Who cast no ballot.
    pub not_voted: i64,
}

impl Counts {
    fn add(&mut self, choice: Option<BallotChoice>) {
        self.electorate += 1;
        match choice {
            Some(BallotChoice::Yes) => self.yes += 1,
            Some(BallotChoice::No) => self.no += 1,
            Some(BallotChoice::Abstain) => self.abstain += 1,
            None => self.not_voted += 1,
        }
    }

    /// Ballots cast (abstentions included): what quorum counts.
    pub fn cast(&self) -> i64 {
        self.yes + self.no + self.abstain
    }

    /// Whether these counts meet `threshold` (quorum aside).
    pub fn meets(&self, threshold: Threshold) -> bool {
        match threshold {
            Threshold::Simple => self.yes > self.no,
            Threshold::Absolute => 2 * self.yes > self.electorate,
            Threshold::TwoThirds => self.yes > 0 && 3 * self.yes >= 2 * (self.yes + self.no),
            Threshold::Consensus => self.yes > 0 && self.no == 0,
        }
    }

    /// Whether this side holds up a dual-majority motion: it has electors and they do not
    /// meet the threshold.
    fn blocks(&self, threshold: Threshold) -> bool {
        self.electorate > 0 && !self.meets(threshold)
    }
}

/// The counts by side, for dual majority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BySide {
    /// Public members.
    pub public: Counts,
    /// Industry members: private and non-profit together.
    pub industry: Counts,
}

/// The result of a tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Organisations that could vote (recused ones left out).
    pub electorate: i64,
    /// Organisations that recused themselves.
    pub recused: i64,
    /// Yes ballots counted.
    pub yes: i64,
    /// No ballots counted.
    pub no: i64,
    /// Abstentions counted.
    pub abstain: i64,
    /// Electors with no ballot.
    pub not_voted: i64,
    /// Ballots needed for quorum.
    pub quorum_needed: i64,
    /// Whether that many were cast.
    pub quorum_reached: bool,
    /// The same counts by side.
    pub by_side: BySide,
    /// How the motion ends.
    pub outcome: MotionOutcome,
    /// Organisations whose ballots were not counted (outside the electorate or recused),
    /// each once, in ascending order.
    pub ignored: Vec<i64>,
}

/// Ballots needed for quorum: `percent` of `electorate` rounded up, at least one.
pub fn quorum_needed(quorum_percent: i64, electorate: i64) -> i64 {
    let percent = quorum_percent.clamp(0, 100);
    ((percent * electorate.max(0) + 99) / 100).max(1)
}

/// Counts the ballots of a motion under its rules (see the module documentation).
pub fn tally(rules: &Rules, electorate: &[Elector], ballots: &[Ballot]) -> Tally {
    // An organisation listed twice is one elector: its first entry stands.
    let mut electors: BTreeMap<i64, &Elector> = BTreeMap::new();
    for elector in electorate {
        electors.entry(elector.organisation_id).or_insert(elector);
    }
    let mut last: BTreeMap<i64, (Timestamp, BallotChoice)> = BTreeMap::new();
    let mut ignored = BTreeSet::new();
    for ballot in ballots {
        match electors.get(&ballot.organisation_id) {
            Some(elector) if !elector.recused => {
                let entry = last
                    .entry(ballot.organisation_id)
                    .or_insert((ballot.cast_at, ballot.choice));
                // Later in the list wins a tie, hence `>=`.
                if ballot.cast_at >= entry.0 {
                    *entry = (ballot.cast_at, ballot.choice);
                }
            }
            _ => {
                ignored.insert(ballot.organisation_id);
            }
        }
    }
    let mut all = Counts::default();
    let mut by_side = BySide::default();
    let mut recused = 0;
    for elector in electors.values() {
        if elector.recused {
            recused += 1;
            continue;
        }
        let choice = last
            .get(&elector.organisation_id)
            .map(|(_, choice)| *choice);
        all.add(choice);
        match elector.side {
            Side::Public => by_side.public.add(choice),
            Side::Private | Side::NonProfit => by_side.industry.add(choice),
        }
    }
    let quorum_needed = quorum_needed(rules.quorum_percent, all.electorate);
    let quorum_reached = all.cast() >= quorum_needed;
    let threshold_met = all.meets(rules.threshold)
        && !(rules.dual_majority
            && (by_side.public.blocks(rules.threshold)
                || by_side.industry.blocks(rules.threshold)));
    let outcome = match (quorum_reached, threshold_met) {
        (false, _) => MotionOutcome::NoQuorum,
        (true, true) => MotionOutcome::Carried,
        (true, false) => MotionOutcome::Failed,
    };
    Tally {
        electorate: all.electorate,
        recused,
        yes: all.yes,
        no: all.no,
        abstain: all.abstain,
        not_voted: all.not_voted,
        quorum_needed,
        quorum_reached,
        by_side,
        outcome,
        ignored: ignored.into_iter().collect(),
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Tally {
    /// The overall counts.
    pub fn counts(&self) -> Counts {
        Counts {
            electorate: self.electorate,
            yes: self.yes,
            no: self.no,
            abstain: self.abstain,
            not_voted: self.not_voted,
        }
    }

    /// One sentence for people, e.g. "Carried: 8 yes, 2 no, 1 abstention of 12 members
    /// (quorum 6 reached); two-thirds of yes and no needed among public and among
    /// industry members." `rules` must be the ones the tally was computed with.
    pub fn explain(&self, rules: &Rules) -> String {
        if self.electorate == 0 {
            return "No quorum: no member could vote.".to_owned();
        }
        let recused = if self.recused > 0 {
            format!(", {} recused", self.recused)
        } else {
            String::new()
        };
        let quorum = if self.quorum_reached {
            "reached"
        } else {
            "not reached"
        };
        let needed = match rules.threshold {
            Threshold::Simple => "more yes than no",
            Threshold::Absolute => "yes from more than half of the members",
            Threshold::TwoThirds => "two-thirds of yes and no",
            Threshold::Consensus => "consensus (no \"no\" ballot)",
        };
        let scope = if rules.dual_majority {
            " among public and among industry members"
        } else {
            ""
        };
        let blocked: Vec<&str> = [
            ("among public members", self.by_side.public),
            ("among industry members", self.by_side.industry),
        ]
        .into_iter()
        .filter(|(_, side)| side.blocks(rules.threshold))
        .map(|(name, _)| name)
        .collect();
        let not_met = if rules.dual_majority
            && self.outcome == MotionOutcome::Failed
            && !blocked.is_empty()
        {
            format!(", not met {}", blocked.join(" nor "))
        } else {
            String::new()
        };
        format!(
            "{}: {} yes, {} no, {} of {}{recused} (quorum {} {quorum}); {needed} needed{scope}{not_met}.",
            self.outcome.label(),
            self.yes,
            self.no,
            plural(self.abstain, "abstention", "abstentions"),
            plural(self.electorate, "member", "members"),
            self.quorum_needed,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    const Y: Option<BallotChoice> = Some(BallotChoice::Yes);
    const N: Option<BallotChoice> = Some(BallotChoice::No);
    const A: Option<BallotChoice> = Some(BallotChoice::Abstain);
    const O: Option<BallotChoice> = None;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_datetime(
            DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("a valid instant"),
        )
    }

    fn rules(quorum_percent: i64, threshold: Threshold, dual_majority: bool) -> Rules {
        Rules {
            quorum_percent,
            threshold,
            dual_majority,
        }
    }

    fn ballot(organisation_id: i64, choice: BallotChoice, seconds: i64) -> Ballot {
        Ballot {
            organisation_id,
            choice,
            cast_at: at(seconds),
            proxy_holder: None,
        }
    }

    /// Public members 1.., industry members 101.., each with the given ballot (if any).
    fn motion(
        public: &[Option<BallotChoice>],
        industry: &[Option<BallotChoice>],
    ) -> (Vec<Elector>, Vec<Ballot>) {
        let mut electors = Vec::new();
        let mut ballots = Vec::new();
        let sides = [(Side::Public, 1, public), (Side::Private, 101, industry)];
        for (side, first, choices) in sides {
            for (id, choice) in (first..).zip(choices) {
                electors.push(Elector {
                    organisation_id: id,
                    side,
                    recused: false,
                });
                if let Some(choice) = choice {
                    ballots.push(ballot(id, *choice, id));
                }
            }
        }
        (electors, ballots)
    }

    fn outcome(
        rules: &Rules,
        public: &[Option<BallotChoice>],
        industry: &[Option<BallotChoice>],
    ) -> MotionOutcome {
        let (electors, ballots) = motion(public, industry);
        tally(rules, &electors, &ballots).outcome
    }

    #[test]
    fn quorum_is_rounded_up_and_never_below_one_ballot() {
        assert_eq!(quorum_needed(50, 5), 3);
        assert_eq!(quorum_needed(50, 4), 2);
        assert_eq!(quorum_needed(60, 17), 11);
        assert_eq!(quorum_needed(100, 7), 7);
        assert_eq!(quorum_needed(0, 7), 1);
        assert_eq!(quorum_needed(50, 0), 1);
        assert_eq!(quorum_needed(150, 4), 4);
        assert_eq!(quorum_needed(-5, 4), 1);
    }

    #[test]
    fn quorum_counts_every_ballot_cast() {
        let simple = rules(50, Threshold::Simple, false);
        // 3 of 5 needed.
        assert_eq!(
            outcome(&simple, &[Y, Y, O, O, O], &[]),
            MotionOutcome::NoQuorum
        );
        assert_eq!(
            outcome(&simple, &[Y, Y, A, O, O], &[]),
            MotionOutcome::Carried
        );
        assert_eq!(
            outcome(&simple, &[N, N, N, O, O], &[]),
            MotionOutcome::Failed
        );
    }

    #[test]
    fn no_quorum_whatever_the_votes() {
        let consensus = rules(100, Threshold::Consensus, false);
        assert_eq!(
            outcome(&consensus, &[Y, Y, Y, O], &[]),
            MotionOutcome::NoQuorum
        );
    }

    #[test]
    fn a_recused_organisation_leaves_the_electorate_and_its_ballot_is_ignored() {
        let (mut electors, mut ballots) = motion(&[Y, N, O], &[]);
        electors[2].recused = true;
        ballots.push(ballot(3, BallotChoice::No, 10));
        let result = tally(&rules(50, Threshold::Absolute, false), &electors, &ballots);
        assert_eq!(result.electorate, 2);
        assert_eq!(result.recused, 1);
        assert_eq!((result.yes, result.no, result.not_voted), (1, 1, 0));
        assert_eq!(result.ignored, vec![3]);
        // One yes of two is not more than half.
        assert_eq!(result.outcome, MotionOutcome::Failed);
    }

    #[test]
    fn the_last_ballot_counts_by_time_then_by_order() {
        let (electors, _) = motion(&[O, O], &[]);
        let ballots = [
            ballot(1, BallotChoice::No, 30),
            ballot(1, BallotChoice::Yes, 10),
            ballot(2, BallotChoice::Yes, 20),
            ballot(2, BallotChoice::Abstain, 20),
        ];
        let result = tally(&rules(50, Threshold::Simple, false), &electors, &ballots);
        assert_eq!((result.yes, result.no, result.abstain), (0, 1, 1));
        assert_eq!(result.outcome, MotionOutcome::Failed);
    }

    #[test]
    fn a_ballot_from_outside_the_electorate_is_ignored() {
        let (electors, mut ballots) = motion(&[Y, N], &[]);
        ballots.push(ballot(999, BallotChoice::Yes, 50));
        ballots.push(ballot(999, BallotChoice::Yes, 51));
        let result = tally(&rules(50, Threshold::Simple, false), &electors, &ballots);
        assert_eq!((result.yes, result.no), (1, 1));
        assert_eq!(result.ignored, vec![999]);
        assert_eq!(result.outcome, MotionOutcome::Failed);
    }

    #[test]
    fn a_proxy_ballot_counts_for_the_organisation_that_gave_the_proxy() {
        let (electors, _) = motion(&[O, O], &[]);
        let ballots = [
            ballot(1, BallotChoice::No, 1),
            Ballot {
                proxy_holder: Some(1),
                ..ballot(2, BallotChoice::Yes, 2)
            },
        ];
        let result = tally(&rules(100, Threshold::Simple, false), &electors, &ballots);
        assert_eq!((result.yes, result.no, result.not_voted), (1, 1, 0));
    }

    #[test]
    fn an_organisation_listed_twice_is_one_elector() {
        let (mut electors, ballots) = motion(&[Y, N], &[]);
        electors.push(electors[0]);
        let result = tally(&rules(50, Threshold::Simple, false), &electors, &ballots);
        assert_eq!((result.electorate, result.yes, result.no), (2, 1, 1));
    }

    #[test]
    fn abstentions_count_for_quorum_but_not_for_the_threshold() {
        let two_thirds = rules(60, Threshold::TwoThirds, false);
        assert_eq!(
            outcome(&two_thirds, &[Y, A, A], &[A, O]),
            MotionOutcome::Carried
        );
        assert_eq!(
            outcome(&two_thirds, &[Y, A], &[O, O, O]),
            MotionOutcome::NoQuorum
        );
        let simple = rules(50, Threshold::Simple, false);
        assert_eq!(
            outcome(&simple, &[Y, N, A, A, A], &[]),
            MotionOutcome::Failed
        );
        // Abstentions alone carry nothing.
        for threshold in Threshold::ALL {
            assert_eq!(
                outcome(&rules(50, *threshold, false), &[A, A, A], &[]),
                MotionOutcome::Failed,
                "{threshold:?}"
            );
        }
    }

    #[test]
    fn an_absolute_majority_counts_the_whole_electorate() {
        let absolute = rules(50, Threshold::Absolute, false);
        assert_eq!(
            outcome(&absolute, &[Y, Y, A, A], &[]),
            MotionOutcome::Failed
        );
        assert_eq!(
            outcome(&absolute, &[Y, Y, Y, A, O], &[]),
            MotionOutcome::Carried
        );
        assert_eq!(
            outcome(&absolute, &[Y, Y, O, O, O], &[]),
            MotionOutcome::NoQuorum
        );
    }

    #[test]
    fn two_thirds_holds_at_exactly_two_thirds() {
        let two_thirds = rules(50, Threshold::TwoThirds, false);
        assert_eq!(
            outcome(&two_thirds, &[Y, Y, N], &[]),
            MotionOutcome::Carried
        );
        assert_eq!(
            outcome(&two_thirds, &[Y, Y, Y, Y, N, N], &[]),
            MotionOutcome::Carried
        );
        assert_eq!(
            outcome(&two_thirds, &[Y, Y, Y, N, N], &[]),
            MotionOutcome::Failed
        );
        assert_eq!(
            outcome(&two_thirds, &[Y, Y, Y, Y, Y, N, N, N], &[]),
            MotionOutcome::Failed
        );
    }

    #[test]
    fn consensus_fails_on_one_no() {
        let consensus = rules(50, Threshold::Consensus, false);
        assert_eq!(
            outcome(&consensus, &[Y, Y, Y, A, O], &[]),
            MotionOutcome::Carried
        );
        assert_eq!(
            outcome(&consensus, &[Y, Y, Y, N, O], &[]),
            MotionOutcome::Failed
        );
    }

    #[test]
    fn dual_majority_fails_on_one_side_although_the_overall_majority_holds() {
        let dual = rules(50, Threshold::Simple, true);
        let single = rules(50, Threshold::Simple, false);
        let (public, industry) = (&[Y, Y, Y, Y][..], &[Y, N, N][..]);
        assert_eq!(outcome(&single, public, industry), MotionOutcome::Carried);
        assert_eq!(outcome(&dual, public, industry), MotionOutcome::Failed);
        assert_eq!(
            outcome(&dual, &[Y, Y, N], &[Y, A, O]),
            MotionOutcome::Carried
        );
    }

    #[test]
    fn dual_absolute_majority_uses_each_sides_electorate() {
        let dual = rules(50, Threshold::Absolute, true);
        // Overall 4 of 6, but industry 1 of 3.
        assert_eq!(
            outcome(&dual, &[Y, Y, Y], &[Y, A, O]),
            MotionOutcome::Failed
        );
        assert_eq!(
            outcome(&dual, &[Y, Y, O], &[Y, Y, O]),
            MotionOutcome::Carried
        );
    }

    #[test]
    fn non_profit_members_are_industry() {
        let (mut electors, ballots) = motion(&[Y, Y], &[N, Y]);
        electors[2].side = Side::NonProfit;
        let result = tally(&rules(50, Threshold::Simple, true), &electors, &ballots);
        assert_eq!(result.by_side.industry.electorate, 2);
        assert_eq!(
            (result.by_side.industry.yes, result.by_side.industry.no),
            (1, 1)
        );
        assert_eq!(result.outcome, MotionOutcome::Failed);
    }

    #[test]
    fn a_side_with_no_electors_does_not_block_a_dual_majority() {
        let dual = rules(50, Threshold::TwoThirds, true);
        assert_eq!(outcome(&dual, &[Y, Y, N], &[]), MotionOutcome::Carried);
        let (mut electors, ballots) = motion(&[Y, Y, N], &[N]);
        electors[3].recused = true;
        let result = tally(&dual, &electors, &ballots);
        assert_eq!(result.by_side.industry.electorate, 0);
        assert_eq!(result.ignored, vec![101]);
        assert_eq!(result.outcome, MotionOutcome::Carried);
    }

    #[test]
    fn an_empty_electorate_has_no_quorum_even_at_zero_percent() {
        for quorum in [0, 50, 100] {
            let result = tally(
                &rules(quorum, Threshold::Simple, false),
                &[],
                &[ballot(1, BallotChoice::Yes, 1)],
            );
            assert_eq!(result.electorate, 0);
            assert_eq!(result.ignored, vec![1]);
            assert!(!result.quorum_reached);
            assert_eq!(result.outcome, MotionOutcome::NoQuorum);
        }
        let (mut electors, ballots) = motion(&[Y], &[]);
        electors[0].recused = true;
        let result = tally(&rules(0, Threshold::Simple, false), &electors, &ballots);
        assert_eq!(result.outcome, MotionOutcome::NoQuorum);
        assert_eq!(
            result.explain(&rules(0, Threshold::Simple, false)),
            "No quorum: no member could vote."
        );
    }

    #[test]
    fn zero_percent_quorum_still_needs_a_ballot() {
        let none = rules(0, Threshold::Simple, false);
        assert_eq!(outcome(&none, &[O, O, O], &[]), MotionOutcome::NoQuorum);
        assert_eq!(outcome(&none, &[Y, O, O], &[]), MotionOutcome::Carried);
    }

    #[test]
    fn the_explanation_names_the_counts_quorum_and_rule() {
        let dual = rules(50, Threshold::TwoThirds, true);
        let (electors, ballots) = motion(&[Y, Y, Y, Y, N, O], &[Y, Y, Y, Y, N, A]);
        let result = tally(&dual, &electors, &ballots);
        assert_eq!(
            result.explain(&dual),
            "Carried: 8 yes, 2 no, 1 abstention of 12 members (quorum 6 reached); \
             two-thirds of yes and no needed among public and among industry members."
        );
        let (electors, ballots) = motion(&[Y, Y, Y, Y], &[Y, N, N]);
        let simple = rules(50, Threshold::Simple, true);
        assert_eq!(
            tally(&simple, &electors, &ballots).explain(&simple),
            "Failed: 5 yes, 2 no, 0 abstentions of 7 members (quorum 4 reached); \
             more yes than no needed among public and among industry members, \
             not met among industry members."
        );
        let (mut electors, ballots) = motion(&[Y, O, O, O], &[]);
        electors[3].recused = true;
        let absolute = rules(50, Threshold::Absolute, false);
        assert_eq!(
            tally(&absolute, &electors, &ballots).explain(&absolute),
            "No quorum: 1 yes, 0 no, 0 abstentions of 3 members, 1 recused (quorum 2 not \
             reached); yes from more than half of the members needed."
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn threshold() -> impl Strategy<Value = Threshold> {
            prop::sample::select(Threshold::ALL.to_vec())
        }

        fn choice() -> impl Strategy<Value = BallotChoice> {
            prop::sample::select(BallotChoice::ALL.to_vec())
        }

        fn any_rules() -> impl Strategy<Value = Rules> {
            (0..=100i64, threshold(), any::<bool>()).prop_map(|(q, t, d)| rules(q, t, d))
        }

        /// Up to 12 electors with ids 1..=12, some recused, of any side.
        fn electorate() -> impl Strategy<Value = Vec<Elector>> {
            prop::collection::vec(
                (
                    prop::sample::select(Side::ALL.to_vec()),
                    prop::bool::weighted(0.15),
                ),
                0..12,
            )
            .prop_map(|electors| {
                (1..)
                    .zip(electors)
                    .map(|(organisation_id, (side, recused))| Elector {
                        organisation_id,
                        side,
                        recused,
                    })
                    .collect()
            })
        }

        /// Up to 30 ballots from organisations 1..=14 (13 and 14 are never electors), at
        /// distinct instants when `distinct`.
        fn ballots() -> impl Strategy<Value = Vec<Ballot>> {
            prop::collection::vec(
                (1..=14i64, choice(), 0..20i64, prop::option::of(1..=14i64)),
                0..30,
            )
            .prop_map(|ballots| {
                ballots
                    .into_iter()
                    .map(|(id, choice, seconds, proxy_holder)| Ballot {
                        proxy_holder,
                        ..ballot(id, choice, seconds)
                    })
                    .collect()
            })
        }

        fn counted(result: &Tally) -> [i64; 4] {
            [result.yes, result.no, result.abstain, result.not_voted]
        }

        /// Organisations that may vote.
        fn voters(electors: &[Elector]) -> Vec<i64> {
            electors
                .iter()
                .filter(|e| !e.recused)
                .map(|e| e.organisation_id)
                .collect()
        }

        proptest! {
            #[test]
            fn no_ballot_is_counted_twice(rules in any_rules(), electors in electorate(), ballots in ballots()) {
                let result = tally(&rules, &electors, &ballots);
                let recused = electors.iter().filter(|e| e.recused).count();
                prop_assert_eq!(result.yes + result.no + result.abstain + result.not_voted, result.electorate);
                prop_assert_eq!(result.electorate + result.recused, i64::try_from(electors.len()).unwrap_or(i64::MAX));
                prop_assert_eq!(result.recused, i64::try_from(recused).unwrap_or(i64::MAX));
                let sides = [result.by_side.public, result.by_side.industry];
                prop_assert_eq!(sides.iter().map(|s| s.electorate).sum::<i64>(), result.electorate);
                prop_assert_eq!(sides.iter().map(|s| s.yes).sum::<i64>(), result.yes);
                prop_assert_eq!(sides.iter().map(|s| s.no).sum::<i64>(), result.no);
                prop_assert_eq!(sides.iter().map(|s| s.abstain).sum::<i64>(), result.abstain);
                // At most one counted ballot per voter who cast any.
                let voters = voters(&electors);
                let voted: BTreeSet<i64> = ballots.iter().map(|b| b.organisation_id).filter(|id| voters.contains(id)).collect();
                prop_assert_eq!(result.yes + result.no + result.abstain, i64::try_from(voted.len()).unwrap_or(i64::MAX));
                prop_assert_eq!(result.quorum_reached, result.outcome != MotionOutcome::NoQuorum);
                // Whatever is ignored comes from a non-voter.
                prop_assert!(result.ignored.iter().all(|id| !voters.contains(id)));
            }

            #[test]
            fn a_changed_ballot_moves_one_count(
                rules in any_rules(),
                electors in electorate(),
                ballots in ballots(),
                pick in any::<prop::sample::Index>(),
                new_choice in choice(),
            ) {
                let voters = voters(&electors);
                prop_assume!(!voters.is_empty());
                let who = voters[pick.index(voters.len())];
                let before = tally(&rules, &electors, &ballots);
                let mut changed = ballots.clone();
                changed.push(ballot(who, new_choice, 100));
                let after = tally(&rules, &electors, &changed);
                let delta: Vec<i64> = counted(&after).iter().zip(counted(&before)).map(|(a, b)| a - b).collect();
                prop_assert_eq!(delta.iter().sum::<i64>(), 0);
                prop_assert!(delta.iter().map(|d| d.abs()).sum::<i64>() <= 2);
                prop_assert!(delta.iter().all(|d| (-1..=1).contains(d)));
                prop_assert_eq!(after.electorate, before.electorate);
                prop_assert_eq!(&after.ignored, &before.ignored);
            }

            #[test]
            fn an_added_abstention_never_turns_carried_into_failed_or_back(
                rules in any_rules(),
                electors in electorate(),
                ballots in ballots(),
                pick in any::<prop::sample::Index>(),
            ) {
                let before = tally(&rules, &electors, &ballots);
                prop_assume!(before.quorum_reached);
                let voted: BTreeSet<i64> = ballots.iter().map(|b| b.organisation_id).collect();
                let silent: Vec<i64> = voters(&electors).into_iter().filter(|id| !voted.contains(id)).collect();
                prop_assume!(!silent.is_empty());
                let mut more = ballots.clone();
                more.push(ballot(silent[pick.index(silent.len())], BallotChoice::Abstain, 100));
                let after = tally(&rules, &electors, &more);
                prop_assert_eq!(after.abstain, before.abstain + 1);
                prop_assert_eq!(after.outcome, before.outcome);
            }

            #[test]
            fn the_order_of_ballots_with_distinct_times_does_not_matter(
                rules in any_rules(),
                electors in electorate(),
                ballots in ballots(),
                seed in any::<u64>(),
            ) {
                // Give each ballot its own instant, then shuffle the list.
                let timed: Vec<Ballot> = ballots.iter().zip(0..).map(|(b, i)| Ballot { cast_at: at(i * 7 % 101), ..*b }).collect();
                let mut shuffled = timed.clone();
                let mut state = seed | 1;
                for i in (1..shuffled.len()).rev() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
                    shuffled.swap(i, j);
                }
                prop_assert_eq!(tally(&rules, &electors, &timed), tally(&rules, &electors, &shuffled));
            }

            #[test]
            fn a_carried_dual_majority_motion_also_carries_without_it(
                rules in any_rules(),
                electors in electorate(),
                ballots in ballots(),
            ) {
                let dual = Rules { dual_majority: true, ..rules };
                let single = Rules { dual_majority: false, ..rules };
                let with = tally(&dual, &electors, &ballots);
                let without = tally(&single, &electors, &ballots);
                if with.outcome == MotionOutcome::Carried {
                    prop_assert_eq!(without.outcome, MotionOutcome::Carried);
                }
                prop_assert_eq!(with.quorum_reached, without.quorum_reached);
            }

            #[test]
            fn ballots_from_outside_the_electorate_never_change_the_result(
                rules in any_rules(),
                electors in electorate(),
                ballots in ballots(),
                outsiders in prop::collection::vec((13..=14i64, choice(), 0..200i64), 0..10),
            ) {
                let mut more = ballots.clone();
                more.extend(outsiders.iter().map(|(id, choice, seconds)| ballot(*id, *choice, *seconds)));
                // Ballots of recused members are outsiders too.
                for elector in electors.iter().filter(|e| e.recused) {
                    more.push(ballot(elector.organisation_id, BallotChoice::Yes, 300));
                }
                let before = tally(&rules, &electors, &ballots);
                let after = tally(&rules, &electors, &more);
                prop_assert_eq!(
                    Tally { ignored: Vec::new(), ..after.clone() },
                    Tally { ignored: Vec::new(), ..before.clone() }
                );
                prop_assert!(before.ignored.iter().all(|id| after.ignored.contains(id)));
            }
        }
    }
}
