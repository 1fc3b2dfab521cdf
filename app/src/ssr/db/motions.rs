//! Writes of motions and everything cast on them: the electorate (fixed when a motion
//! opens), recusals, proxies, ballots (the last one counts, earlier ones stay as history)
//! and the stored outcome.
//!
//! The tally itself is domain logic; [`close_motion_with_outcome`] stores what it computed.
//! The schema refuses a ballot unless the motion is open and the ballot's time is inside
//! its window.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::motion::{BallotChoice, BallotMode, MotionKind, MotionOutcome, Threshold};
use crate::domain::partnership::Side;
use crate::domain::{Timestamp, Tlp};

/// What a motion decides on (its kind follows from it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    fn plan_version_id(self) -> Option<i64> {
        if let MotionSubject::AdoptPlanVersion(id) = self {
            Some(id)
        } else {
            None
        }
    }

    fn commitment_id(self) -> Option<i64> {
        if let MotionSubject::AcceptCommitment(id) = self {
            Some(id)
        } else {
            None
        }
    }

    fn focal_point_id(self) -> Option<i64> {
        if let MotionSubject::AppointFocalPoint(id) = self {
            Some(id)
        } else {
            None
        }
    }
}

/// A motion to create as a draft.
#[derive(Clone, Debug)]
pub struct NewMotion {
    /// The working group that votes.
    pub working_group_id: i64,
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
    /// Who proposed it.
    pub proposed_by_person_id: Option<i64>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Creates a draft motion and returns its id.
pub async fn insert_motion(conn: &mut Conn, new: NewMotion) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO motions
            (working_group_id, kind, title, body, tlp, status, opens_at, closes_at, quorum_percent,
             threshold, dual_majority, ballot_mode, plan_version_id, commitment_id, focal_point_id,
             proposed_by_person_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         RETURNING id",
    )
    .bind(new.working_group_id)
    .bind(new.subject.kind())
    .bind(new.title)
    .bind(new.body)
    .bind(new.tlp)
    .bind(new.opens_at)
    .bind(new.closes_at)
    .bind(new.quorum_percent)
    .bind(new.threshold)
    .bind(i64::from(new.dual_majority))
    .bind(new.ballot_mode)
    .bind(new.subject.plan_version_id())
    .bind(new.subject.commitment_id())
    .bind(new.subject.focal_point_id())
    .bind(new.proposed_by_person_id)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(e, "the voting window must close after it opens, and the quorum be 0 to 100")
    })
}

/// Opens a draft motion at `opened_at` and fixes its electorate: the group's voting
/// organisations seated on that day, with their side. Returns the electorate's size.
pub async fn open_motion(
    conn: &mut Conn,
    motion_id: i64,
    opened_at: Timestamp,
) -> Result<i64, DbError> {
    let done = sqlx::query(
        "UPDATE motions SET status = 'open', opened_at = $2, updated_at = $2
         WHERE id = $1 AND status = 'draft'",
    )
    .bind(motion_id)
    .bind(opened_at)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(DbError::Conflict(
            "only a draft motion can be opened".to_owned(),
        ));
    }
    let seated = sqlx::query(
        "INSERT INTO motion_electorate (motion_id, organisation_id, side, created_at, updated_at)
         SELECT DISTINCT mo.id, m.organisation_id, o.side, $2, $2
         FROM motions mo
         JOIN working_group_memberships m ON m.working_group_id = mo.working_group_id
         JOIN organisations o ON o.id = m.organisation_id
         WHERE mo.id = $1 AND m.is_voting = 1
           AND m.term_start <= $3 AND (m.term_end IS NULL OR m.term_end >= $3)",
    )
    .bind(motion_id)
    .bind(opened_at)
    .bind(opened_at.date())
    .execute(&mut *conn)
    .await?;
    i64::try_from(seated.rows_affected())
        .map_err(|_| DbError::Corrupt("electorate size".to_owned()))
}

/// One organisation of a motion's electorate.
#[derive(Clone, Debug)]
pub struct NewElectorateMember {
    /// The motion.
    pub motion_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its side when the motion opened.
    pub side: Side,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Adds one organisation to a motion's electorate (when it is not taken from the group's
/// seats by [`open_motion`]); returns the row's id.
pub async fn insert_electorate_member(
    conn: &mut Conn,
    new: NewElectorateMember,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO motion_electorate (motion_id, organisation_id, side, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         RETURNING id",
    )
    .bind(new.motion_id)
    .bind(new.organisation_id)
    .bind(new.side)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the organisation is already in the electorate"))
}

/// A member of a motion's electorate, as read back.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ElectorateRow {
    /// The organisation.
    pub organisation_id: i64,
    /// Its side when the motion opened.
    pub side: Side,
    /// When it recused itself, if it did.
    pub recused_at: Option<Timestamp>,
}

/// The electorate of a motion, recused organisations included.
pub async fn list_electorate(
    conn: &mut Conn,
    motion_id: i64,
) -> Result<Vec<ElectorateRow>, DbError> {
    let rows = sqlx::query_as::<_, ElectorateRow>(
        "SELECT organisation_id, side, recused_at
         FROM motion_electorate
         WHERE motion_id = $1
         ORDER BY organisation_id",
    )
    .bind(motion_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Records that an organisation declared a conflict of interest: it leaves the electorate
/// of this motion.
pub async fn recuse_electorate_member(
    conn: &mut Conn,
    motion_id: i64,
    organisation_id: i64,
    recused_by_person_id: Option<i64>,
    reason: &str,
    recused_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE motion_electorate
         SET recused_at = $3, recused_by_person_id = $4, recusal_reason = $5, updated_at = $3
         WHERE motion_id = $1 AND organisation_id = $2 AND recused_at IS NULL",
    )
    .bind(motion_id)
    .bind(organisation_id)
    .bind(recused_at)
    .bind(recused_by_person_id)
    .bind(reason)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// A proxy: one organisation of the electorate lets another cast its ballot.
#[derive(Clone, Debug)]
pub struct NewProxy {
    /// The motion.
    pub motion_id: i64,
    /// The organisation that gives its vote.
    pub from_organisation_id: i64,
    /// The organisation that casts it.
    pub to_organisation_id: i64,
    /// Who granted it.
    pub granted_by_person_id: Option<i64>,
    /// When.
    pub granted_at: Timestamp,
}

/// Records a proxy and returns its id.
pub async fn insert_proxy(conn: &mut Conn, new: NewProxy) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO proxies
            (motion_id, from_organisation_id, to_organisation_id, granted_by_person_id, granted_at,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5, $5)
         RETURNING id",
    )
    .bind(new.motion_id)
    .bind(new.from_organisation_id)
    .bind(new.to_organisation_id)
    .bind(new.granted_by_person_id)
    .bind(new.granted_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the organisation has already given a proxy for this motion",
        )
    })
}

/// Records that a proxy was used to cast a ballot.
pub async fn mark_proxy_used(
    conn: &mut Conn,
    proxy_id: i64,
    used_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE proxies SET used_at = $2, updated_at = $2
         WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(proxy_id)
    .bind(used_at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// A ballot to cast (or to change an earlier one).
#[derive(Clone, Debug)]
pub struct NewBallot {
    /// The motion.
    pub motion_id: i64,
    /// The voting organisation (in the electorate).
    pub organisation_id: i64,
    /// Yes, no or abstain.
    pub choice: BallotChoice,
    /// The representative who cast it.
    pub cast_by_person_id: Option<i64>,
    /// The proxy used, when another organisation cast it.
    pub proxy_id: Option<i64>,
    /// When (inside the motion's window).
    pub cast_at: Timestamp,
}

/// Casts a ballot and returns its id. An earlier ballot of the same organisation stays as
/// history and stops counting. Run it in a write transaction.
pub async fn insert_ballot(conn: &mut Conn, new: NewBallot) -> Result<i64, DbError> {
    sqlx::query(
        "UPDATE ballots SET is_current = 0, updated_at = $3
         WHERE motion_id = $1 AND organisation_id = $2 AND is_current = 1",
    )
    .bind(new.motion_id)
    .bind(new.organisation_id)
    .bind(new.cast_at)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO ballots
            (motion_id, organisation_id, choice, cast_by_person_id, proxy_id, cast_at, is_current,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $6, $6)
         RETURNING id",
    )
    .bind(new.motion_id)
    .bind(new.organisation_id)
    .bind(new.choice)
    .bind(new.cast_by_person_id)
    .bind(new.proxy_id)
    .bind(new.cast_at)
    .fetch_one(conn)
    .await
    .map_err(ballot_error)
}

/// The window trigger raises a plain error on both databases; recognise it by its text.
fn ballot_error(err: sqlx::Error) -> DbError {
    let outside_window = matches!(
        &err,
        sqlx::Error::Database(db_err) if db_err.message().contains("ballot outside the voting window")
    );
    if outside_window {
        DbError::Conflict("the motion is not open for ballots".to_owned())
    } else {
        conflict_on_constraint(
            err,
            "the organisation's ballot was changed at the same time; try again",
        )
    }
}

/// The outcome of a motion, as computed by the tally.
#[derive(Clone, Debug)]
pub struct MotionClosing {
    /// The motion.
    pub motion_id: i64,
    /// Carried, failed or no quorum.
    pub outcome: MotionOutcome,
    /// The electorate without recused organisations.
    pub electorate_size: i64,
    /// Current yes ballots.
    pub yes_count: i64,
    /// Current no ballots.
    pub no_count: i64,
    /// Current abstentions.
    pub abstain_count: i64,
    /// Who closed it (`None` when it closed at its deadline).
    pub closed_by_person_id: Option<i64>,
    /// When.
    pub closed_at: Timestamp,
}

/// Closes an open motion and stores its outcome.
pub async fn close_motion_with_outcome(
    conn: &mut Conn,
    closing: MotionClosing,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE motions
         SET status = 'closed', outcome = $2, electorate_size = $3, yes_count = $4, no_count = $5,
             abstain_count = $6, closed_by_person_id = $7, closed_at = $8, updated_at = $8
         WHERE id = $1 AND status = 'open'",
    )
    .bind(closing.motion_id)
    .bind(closing.outcome)
    .bind(closing.electorate_size)
    .bind(closing.yes_count)
    .bind(closing.no_count)
    .bind(closing.abstain_count)
    .bind(closing.closed_by_person_id)
    .bind(closing.closed_at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "only an open motion can be closed".to_owned(),
        ))
    }
}
