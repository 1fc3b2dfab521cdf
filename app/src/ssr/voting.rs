//! Closing motions: the one place where a tally becomes a stored, audited outcome, whether a
//! convener closes the motion, the deadline task finds it due, or a page reads it after its
//! deadline before the task has run.
//!
//! Closing takes the row locks of the whole electorate first (`db::motions::lock_electorate`),
//! so that a ballot being cast finishes before the tally reads the ballots, and a ballot cast
//! while the motion closes waits and is then refused as outside the window. The outcome is
//! computed once by `domain::tally`; a carried motion to adopt a plan version in review marks
//! the version adopted in the same transaction, and one to accept a proposed commitment
//! accepts it.

use crate::domain::Timestamp;
use crate::domain::motion::{MotionKind, MotionOutcome, MotionStatus};
use crate::domain::plan::{CommitmentStatus, PlanVersionStatus};
use crate::domain::tally::{self, Ballot, Elector, Rules, Tally};
use crate::ssr::audit::{self, AuditEvent};
use crate::ssr::db::motions::{self as q, MotionClosing, MotionRow};
use crate::ssr::db::{self, Conn, Database, DbError};

/// Who closes a motion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closer {
    /// A convener, now.
    Person(i64),
    /// The deadline passed (the motion closes as of its deadline).
    Deadline,
}

/// The rules stored with a motion.
pub fn rules_of(motion: &MotionRow) -> Rules {
    Rules {
        quorum_percent: motion.quorum_percent,
        threshold: motion.threshold,
        dual_majority: motion.dual_majority != 0,
    }
}

/// The tally of a motion's current electorate and ballot history.
pub async fn current_tally(conn: &mut Conn, motion: &MotionRow) -> Result<Tally, DbError> {
    let electorate: Vec<Elector> = q::list_electorate(conn, motion.id)
        .await?
        .into_iter()
        .map(|e| Elector {
            organisation_id: e.organisation_id,
            side: e.side,
            recused: e.recused_at.is_some(),
        })
        .collect();
    let ballots = q::list_ballots(conn, motion.id).await?;
    Ok(tally_of(motion, &electorate, &ballots))
}

/// The tally of a motion from its electorate and ballot history as already read.
pub fn tally_of(motion: &MotionRow, electorate: &[Elector], ballots: &[q::BallotRow]) -> Tally {
    let ballots: Vec<Ballot> = ballots
        .iter()
        .map(|b| Ballot {
            organisation_id: b.organisation_id,
            choice: b.choice,
            cast_at: b.cast_at,
            proxy_holder: b.proxy_holder_id,
        })
        .collect();
    tally::tally(&rules_of(motion), electorate, &ballots)
}

/// Closes an open motion inside the caller's write transaction: locks the electorate,
/// checks that the motion is still open, tallies, stores and audits the outcome, and adopts
/// the plan version a carried adoption motion names. Returns the tally, or `Conflict` when
/// the motion is no longer open (someone closed it first).
pub async fn close(
    conn: &mut Conn,
    motion_id: i64,
    closer: Closer,
    now: Timestamp,
) -> Result<Tally, DbError> {
    q::lock_electorate(conn, motion_id, now).await?;
    let motion = q::find_motion(conn, motion_id, -1)
        .await?
        .ok_or(DbError::NotFound)?;
    if motion.status != MotionStatus::Open {
        return Err(DbError::Conflict(format!(
            "the motion is {}, not open",
            motion.status.label().to_lowercase()
        )));
    }
    let tally = current_tally(conn, &motion).await?;
    let (closed_by, closed_at, actor_label) = match closer {
        Closer::Person(id) => (Some(id), now, format!("person #{id}")),
        Closer::Deadline => (None, motion.closes_at.min(now), "deadline".to_owned()),
    };
    q::close_motion_with_outcome(
        conn,
        MotionClosing::from_tally(motion_id, &tally, closed_by, closed_at),
    )
    .await?;
    audit::record(
        conn,
        AuditEvent::new("close", "motion", Some(motion_id))
            .by(closed_by, actor_label.clone())
            .in_partnership(motion.partnership_id)
            .before(serde_json::json!({ "status": motion.status }))
            .after(serde_json::json!({
                "status": MotionStatus::Closed,
                "outcome": tally.outcome,
                "electorate": tally.electorate,
                "recused": tally.recused,
                "yes": tally.yes,
                "no": tally.no,
                "abstain": tally.abstain,
                "quorum_needed": tally.quorum_needed,
                "explanation": tally.explain(&rules_of(&motion)),
            })),
    )
    .await?;
    if tally.outcome == MotionOutcome::Carried {
        match (motion.kind, motion.plan_version_id, motion.commitment_id) {
            (MotionKind::AdoptPlanVersion, Some(version_id), _) => {
                adopt_version(
                    conn,
                    &motion,
                    version_id,
                    closed_by,
                    &actor_label,
                    closed_at,
                )
                .await?;
            }
            (MotionKind::AcceptCommitment, _, Some(commitment_id)) => {
                accept_commitment(
                    conn,
                    &motion,
                    commitment_id,
                    closed_by,
                    &actor_label,
                    closed_at,
                )
                .await?;
            }
            _ => {}
        }
    }
    Ok(tally)
}

/// A carried adoption motion adopts its version when the version is in review (a version
/// still in draft, or already adopted, is left as it is; the motion page says so).
async fn adopt_version(
    conn: &mut Conn,
    motion: &MotionRow,
    version_id: i64,
    by: Option<i64>,
    actor_label: &str,
    at: Timestamp,
) -> Result<(), DbError> {
    let Some(version) = q::find_plan_version_brief(conn, version_id).await? else {
        return Ok(());
    };
    if version.status != PlanVersionStatus::InReview {
        return Ok(());
    }
    db::plans::mark_version_adopted(conn, version_id, motion.id, at).await?;
    audit::record(
        conn,
        AuditEvent::new("adopt", "plan_version", Some(version_id))
            .by(by, actor_label)
            .in_partnership(motion.partnership_id)
            .before(serde_json::json!({ "status": version.status }))
            .after(
                serde_json::json!({ "status": PlanVersionStatus::Adopted, "motion_id": motion.id }),
            ),
    )
    .await?;
    Ok(())
}

/// A carried motion to accept a commitment accepts it when it is still proposed (one the
/// secretariat accepted meanwhile, or that was withdrawn, is left as it is).
async fn accept_commitment(
    conn: &mut Conn,
    motion: &MotionRow,
    commitment_id: i64,
    by: Option<i64>,
    actor_label: &str,
    at: Timestamp,
) -> Result<(), DbError> {
    let Some(row) = db::commitments::find_commitment(conn, commitment_id, -1).await? else {
        return Ok(());
    };
    if row.status != CommitmentStatus::Proposed {
        return Ok(());
    }
    db::commitments::accept_commitment(conn, commitment_id, None, Some(motion.id), at).await?;
    audit::record(
        conn,
        AuditEvent::new("accept", "commitment", Some(commitment_id))
            .by(by, actor_label)
            .in_partnership(motion.partnership_id)
            .before(serde_json::json!({ "status": row.status }))
            .after(
                serde_json::json!({ "status": CommitmentStatus::Accepted, "motion_id": motion.id }),
            ),
    )
    .await?;
    Ok(())
}

/// Closes every open motion whose deadline has passed, each in its own transaction; returns
/// how many this call closed. Safe to run from several app servers at once: a motion
/// another server closed first is skipped.
pub async fn close_due_motions(database: &Database) -> Result<usize, DbError> {
    let now = Timestamp::now();
    let due = {
        let mut conn = database.pool().acquire().await?;
        q::list_due_motions(&mut conn, now).await?
    };
    let mut closed = 0;
    for motion_id in due {
        let mut tx = database.begin_write().await?;
        match close(&mut tx, motion_id, Closer::Deadline, now).await {
            Ok(_) => {
                tx.commit().await?;
                crate::ssr::changes::changed();
                closed += 1;
            }
            Err(DbError::Conflict(_)) => tx.rollback().await?,
            Err(err) => return Err(err),
        }
    }
    Ok(closed)
}
