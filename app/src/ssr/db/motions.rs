//! Writes of motions and everything cast on them: the electorate (fixed when a motion
//! opens), recusals, proxies, ballots (the last one counts, earlier ones stay as history)
//! and the stored outcome.
//!
//! The tally itself is domain logic; [`close_motion_with_outcome`] stores what it computed.
//! The schema refuses a ballot unless the motion is open and the ballot's time is inside
//! its window.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::motion::{
    BallotChoice, BallotMode, MotionDraft, MotionKind, MotionOutcome, MotionStatus, Threshold,
};
use crate::domain::partnership::Side;
use crate::domain::{Timestamp, Tlp};

/// A motion to create as a draft.
#[derive(Clone, Debug)]
pub struct NewMotion {
    /// The working group that votes.
    pub working_group_id: i64,
    /// Its text and rules.
    pub draft: MotionDraft,
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
    .bind(new.draft.subject.kind())
    .bind(new.draft.title)
    .bind(new.draft.body)
    .bind(new.draft.tlp)
    .bind(new.draft.opens_at)
    .bind(new.draft.closes_at)
    .bind(new.draft.quorum_percent)
    .bind(new.draft.threshold)
    .bind(i64::from(new.draft.dual_majority))
    .bind(new.draft.ballot_mode)
    .bind(new.draft.subject.plan_version_id())
    .bind(new.draft.subject.commitment_id())
    .bind(new.draft.subject.focal_point_id())
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

/// The ballot triggers raise plain errors on both databases; recognise them by their text.
fn ballot_error(err: sqlx::Error) -> DbError {
    let message = match &err {
        sqlx::Error::Database(db_err) => db_err.message().to_owned(),
        _ => String::new(),
    };
    if message.contains("ballot outside the voting window") {
        DbError::Conflict("the motion is not open for ballots".to_owned())
    } else if message.contains("ballot from outside the electorate") {
        DbError::Conflict(
            "the organisation is not in the motion's electorate (or recused itself, or the proxy \
             is no longer valid)"
                .to_owned(),
        )
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

impl MotionClosing {
    /// The closing of `motion_id` with what `tally` counted.
    pub fn from_tally(
        motion_id: i64,
        tally: &crate::domain::tally::Tally,
        closed_by_person_id: Option<i64>,
        closed_at: Timestamp,
    ) -> Self {
        Self {
            motion_id,
            outcome: tally.outcome,
            electorate_size: tally.electorate,
            yes_count: tally.yes,
            no_count: tally.no,
            abstain_count: tally.abstain,
            closed_by_person_id,
            closed_at,
        }
    }
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

/// The columns of [`MotionRow`], with the group and the partnership it belongs to. `$1` in
/// the query that uses it is the reading person's id (for TLP:RED recipients; -1 for none).
/// A `macro_rules!` literal, so that the SQL stays a literal.
macro_rules! motion_select {
    () => {
        "SELECT mo.id, mo.working_group_id, w.partnership_id, w.council_id, w.slug AS group_slug,
                w.name AS group_name, mo.kind, mo.title, mo.body, mo.tlp, mo.status, mo.opens_at,
                mo.closes_at, mo.quorum_percent, mo.threshold, mo.dual_majority, mo.ballot_mode,
                mo.plan_version_id, mo.commitment_id, mo.focal_point_id, mo.outcome,
                mo.electorate_size, mo.yes_count, mo.no_count, mo.abstain_count,
                mo.proposed_by_person_id, pp.display_name AS proposed_by, mo.opened_at,
                mo.closed_at, pc.display_name AS closed_by, mo.created_at, mo.updated_at,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'motion'
                                  AND r.record_id = mo.id AND r.person_id = $1) THEN 1 ELSE 0 END AS named
         FROM motions mo
         JOIN working_groups w ON w.id = mo.working_group_id
         LEFT JOIN people pp ON pp.id = mo.proposed_by_person_id
         LEFT JOIN people pc ON pc.id = mo.closed_by_person_id "
    };
}

/// A motion as read, with where it belongs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MotionRow {
    /// Id.
    pub id: i64,
    /// The working group that votes.
    pub working_group_id: i64,
    /// Its partnership.
    pub partnership_id: i64,
    /// Its council (`None` for a joint group).
    pub council_id: Option<i64>,
    /// The group's URL key.
    pub group_slug: String,
    /// The group's name.
    pub group_name: String,
    /// What is decided.
    pub kind: MotionKind,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Draft, open, closed or withdrawn.
    pub status: MotionStatus,
    /// Start of the voting window.
    pub opens_at: Timestamp,
    /// End of the voting window (exclusive).
    pub closes_at: Timestamp,
    /// Share of the electorate that must cast a ballot.
    pub quorum_percent: i64,
    /// Threshold.
    pub threshold: Threshold,
    /// 1 when the threshold must hold on both sides.
    pub dual_majority: i64,
    /// Roll call or anonymous.
    pub ballot_mode: BallotMode,
    /// The plan version to adopt.
    pub plan_version_id: Option<i64>,
    /// The commitment to accept.
    pub commitment_id: Option<i64>,
    /// The focal point to appoint.
    pub focal_point_id: Option<i64>,
    /// How it ended.
    pub outcome: Option<MotionOutcome>,
    /// Stored with the outcome.
    pub electorate_size: Option<i64>,
    /// Stored with the outcome.
    pub yes_count: Option<i64>,
    /// Stored with the outcome.
    pub no_count: Option<i64>,
    /// Stored with the outcome.
    pub abstain_count: Option<i64>,
    /// Who drafted it.
    pub proposed_by_person_id: Option<i64>,
    /// Their name.
    pub proposed_by: Option<String>,
    /// When it opened.
    pub opened_at: Option<Timestamp>,
    /// When it closed.
    pub closed_at: Option<Timestamp>,
    /// Who closed it (`None` at its deadline).
    pub closed_by: Option<String>,
    /// Drafted.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// 1 when the reading person is a named TLP:RED recipient.
    pub named: i64,
}

/// One motion, whatever its label (the caller decides who may see it).
pub async fn find_motion(
    conn: &mut Conn,
    motion_id: i64,
    person_id: i64,
) -> Result<Option<MotionRow>, DbError> {
    let row = sqlx::query_as::<_, MotionRow>(concat!(motion_select!(), "WHERE mo.id = $2"))
        .bind(person_id)
        .bind(motion_id)
        .fetch_optional(conn)
        .await?;
    Ok(row)
}

/// A working group's motions, newest window first, whatever their label.
pub async fn list_group_motions(
    conn: &mut Conn,
    working_group_id: i64,
    person_id: i64,
) -> Result<Vec<MotionRow>, DbError> {
    let rows = sqlx::query_as::<_, MotionRow>(concat!(
        motion_select!(),
        "WHERE mo.working_group_id = $2 ORDER BY mo.closes_at DESC, mo.id DESC"
    ))
    .bind(person_id)
    .bind(working_group_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A partnership's closed motions (what was decided), latest first, at most `limit`,
/// whatever their label.
pub async fn list_closed_motions(
    conn: &mut Conn,
    partnership_id: i64,
    limit: i64,
    person_id: i64,
) -> Result<Vec<MotionRow>, DbError> {
    let rows = sqlx::query_as::<_, MotionRow>(concat!(
        motion_select!(),
        "WHERE w.partnership_id = $2 AND mo.status = 'closed'
         ORDER BY mo.closed_at DESC, mo.id DESC LIMIT $3"
    ))
    .bind(person_id)
    .bind(partnership_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Open motions whose deadline has passed at `now`.
pub async fn list_due_motions(conn: &mut Conn, now: Timestamp) -> Result<Vec<i64>, DbError> {
    let ids = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM motions WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at",
    )
    .bind(now)
    .fetch_all(conn)
    .await?;
    Ok(ids)
}

/// Saves a draft motion; a `Conflict` once it has opened (the rules are locked then, which
/// the database also holds).
pub async fn update_draft_motion(
    conn: &mut Conn,
    motion_id: i64,
    draft: MotionDraft,
    updated_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE motions
         SET kind = $2, title = $3, body = $4, tlp = $5, opens_at = $6, closes_at = $7,
             quorum_percent = $8, threshold = $9, dual_majority = $10, ballot_mode = $11,
             plan_version_id = $12, commitment_id = $13, focal_point_id = $14, updated_at = $15
         WHERE id = $1 AND status = 'draft'",
    )
    .bind(motion_id)
    .bind(draft.subject.kind())
    .bind(draft.title)
    .bind(draft.body)
    .bind(draft.tlp)
    .bind(draft.opens_at)
    .bind(draft.closes_at)
    .bind(draft.quorum_percent)
    .bind(draft.threshold)
    .bind(i64::from(draft.dual_majority))
    .bind(draft.ballot_mode)
    .bind(draft.subject.plan_version_id())
    .bind(draft.subject.commitment_id())
    .bind(draft.subject.focal_point_id())
    .bind(updated_at)
    .execute(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the rules of a motion are locked once it opens"))?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "the rules of a motion are locked once it opens".to_owned(),
        ))
    }
}

/// Withdraws a draft or open motion.
pub async fn withdraw_motion(
    conn: &mut Conn,
    motion_id: i64,
    at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE motions SET status = 'withdrawn', updated_at = $2
         WHERE id = $1 AND status IN ('draft', 'open')",
    )
    .bind(motion_id)
    .bind(at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "only a draft or open motion can be withdrawn".to_owned(),
        ))
    }
}

/// Takes the row lock of one organisation's place in the electorate, so that ballots,
/// recusals and proxies of one organisation, and the closing of the motion, happen one
/// after the other (PostgreSQL; SQLite's write lock already serialises them). Returns
/// whether the organisation is in the electorate and has not recused itself.
pub async fn lock_elector(
    conn: &mut Conn,
    motion_id: i64,
    organisation_id: i64,
    at: Timestamp,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE motion_electorate SET updated_at = $3
         WHERE motion_id = $1 AND organisation_id = $2 AND recused_at IS NULL",
    )
    .bind(motion_id)
    .bind(organisation_id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes the row locks of the whole electorate: closing waits for ballots being cast, and
/// ballots cast while it closes wait for it (and are then refused as outside the window).
pub async fn lock_electorate(
    conn: &mut Conn,
    motion_id: i64,
    at: Timestamp,
) -> Result<(), DbError> {
    sqlx::query("UPDATE motion_electorate SET updated_at = $2 WHERE motion_id = $1")
        .bind(motion_id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// One organisation of the electorate, for pages.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ElectorDetailRow {
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// Its URL key.
    pub organisation_slug: String,
    /// Its side when the motion opened.
    pub side: Side,
    /// When it recused itself.
    pub recused_at: Option<Timestamp>,
    /// Why.
    pub recusal_reason: String,
    /// Who declared it.
    pub recused_by: Option<String>,
}

/// The electorate with names, ordered by name.
pub async fn list_electorate_detail(
    conn: &mut Conn,
    motion_id: i64,
) -> Result<Vec<ElectorDetailRow>, DbError> {
    let rows = sqlx::query_as::<_, ElectorDetailRow>(
        "SELECT e.organisation_id, o.name AS organisation_name, o.slug AS organisation_slug,
                e.side, e.recused_at, e.recusal_reason, p.display_name AS recused_by
         FROM motion_electorate e
         JOIN organisations o ON o.id = e.organisation_id
         LEFT JOIN people p ON p.id = e.recused_by_person_id
         WHERE e.motion_id = $1
         ORDER BY o.name, e.organisation_id",
    )
    .bind(motion_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One ballot of a motion's history.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BallotRow {
    /// Id.
    pub id: i64,
    /// The organisation whose vote it is.
    pub organisation_id: i64,
    /// Yes, no or abstain.
    pub choice: BallotChoice,
    /// Who cast it.
    pub cast_by_person_id: Option<i64>,
    /// Their name.
    pub cast_by: Option<String>,
    /// The organisation that cast it as proxy, if it was.
    pub proxy_holder_id: Option<i64>,
    /// When.
    pub cast_at: Timestamp,
    /// 1 for the ballot that counts.
    pub is_current: i64,
}

/// Every ballot of a motion, oldest first.
pub async fn list_ballots(conn: &mut Conn, motion_id: i64) -> Result<Vec<BallotRow>, DbError> {
    let rows = sqlx::query_as::<_, BallotRow>(
        "SELECT b.id, b.organisation_id, b.choice, b.cast_by_person_id, p.display_name AS cast_by,
                x.to_organisation_id AS proxy_holder_id, b.cast_at, b.is_current
         FROM ballots b
         LEFT JOIN people p ON p.id = b.cast_by_person_id
         LEFT JOIN proxies x ON x.id = b.proxy_id
         WHERE b.motion_id = $1
         ORDER BY b.cast_at, b.id",
    )
    .bind(motion_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The ballot of `organisation_id` that counts on a motion, if it has cast one.
pub async fn find_current_ballot(
    conn: &mut Conn,
    motion_id: i64,
    organisation_id: i64,
) -> Result<Option<BallotRow>, DbError> {
    let row = sqlx::query_as::<_, BallotRow>(
        "SELECT b.id, b.organisation_id, b.choice, b.cast_by_person_id, p.display_name AS cast_by,
                x.to_organisation_id AS proxy_holder_id, b.cast_at, b.is_current
         FROM ballots b
         LEFT JOIN people p ON p.id = b.cast_by_person_id
         LEFT JOIN proxies x ON x.id = b.proxy_id
         WHERE b.motion_id = $1 AND b.organisation_id = $2 AND b.is_current = 1",
    )
    .bind(motion_id)
    .bind(organisation_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A proxy as read.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProxyRow {
    /// Id.
    pub id: i64,
    /// The organisation that gave its vote.
    pub from_organisation_id: i64,
    /// The organisation that casts it.
    pub to_organisation_id: i64,
    /// Who granted it.
    pub granted_by: Option<String>,
    /// When.
    pub granted_at: Timestamp,
    /// When it was revoked.
    pub revoked_at: Option<Timestamp>,
    /// When it was first used.
    pub used_at: Option<Timestamp>,
}

/// Every proxy of a motion, oldest first.
pub async fn list_proxies(conn: &mut Conn, motion_id: i64) -> Result<Vec<ProxyRow>, DbError> {
    let rows = sqlx::query_as::<_, ProxyRow>(
        "SELECT x.id, x.from_organisation_id, x.to_organisation_id, p.display_name AS granted_by,
                x.granted_at, x.revoked_at, x.used_at
         FROM proxies x
         LEFT JOIN people p ON p.id = x.granted_by_person_id
         WHERE x.motion_id = $1
         ORDER BY x.granted_at, x.id",
    )
    .bind(motion_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Revokes a live proxy that has not been used.
pub async fn revoke_proxy(conn: &mut Conn, proxy_id: i64, at: Timestamp) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE proxies SET revoked_at = $2, updated_at = $2
         WHERE id = $1 AND revoked_at IS NULL AND used_at IS NULL",
    )
    .bind(proxy_id)
    .bind(at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "the proxy has been used or revoked already".to_owned(),
        ))
    }
}

/// Something a new motion of a group can decide on, with what names it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SubjectRow {
    /// The kind of motion that decides on it.
    pub kind: MotionKind,
    /// The record.
    pub id: i64,
    /// A version number (plan versions only).
    pub number: Option<i64>,
    /// The record's title (a version's or commitment's title, a person's name).
    pub title: String,
    /// The organisation, for commitments and focal points.
    pub organisation_name: Option<String>,
}

/// What a group's new motion can decide on: the draft and in-review versions of the plan it
/// adopts, the partnership's proposed commitments, and its focal points in office (on
/// `today`).
pub async fn list_motion_subjects(
    conn: &mut Conn,
    partnership_id: i64,
    working_group_id: i64,
    today: crate::domain::Date,
) -> Result<Vec<SubjectRow>, DbError> {
    let rows = sqlx::query_as::<_, SubjectRow>(
        "SELECT 'adopt_plan_version' AS kind, v.id, v.number, v.title, NULL AS organisation_name
         FROM plan_versions v JOIN plans p ON p.id = v.plan_id
         WHERE p.partnership_id = $1 AND p.working_group_id = $2
           AND v.status IN ('draft', 'in_review')
         UNION ALL
         SELECT 'accept_commitment' AS kind, c.id, NULL AS number, c.title, o.name AS organisation_name
         FROM commitments c JOIN organisations o ON o.id = c.organisation_id
         WHERE c.partnership_id = $1 AND c.status = 'proposed'
         UNION ALL
         SELECT 'appoint_focal_point' AS kind, f.id, NULL AS number, pe.display_name AS title,
                o.name AS organisation_name
         FROM focal_points f JOIN people pe ON pe.id = f.person_id
         JOIN organisations o ON o.id = f.organisation_id
         WHERE f.partnership_id = $1 AND (f.term_end IS NULL OR f.term_end >= $3)
         ORDER BY 1, 3, 4",
    )
    .bind(partnership_id)
    .bind(working_group_id)
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The plan version a motion adopts: its number, status and the plan's partnership.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AdoptedVersionRow {
    /// The version.
    pub id: i64,
    /// Its number.
    pub number: i64,
    /// Its title.
    pub title: String,
    /// Its state.
    pub status: crate::domain::plan::PlanVersionStatus,
}

/// The plan version with this id.
pub async fn find_plan_version_brief(
    conn: &mut Conn,
    version_id: i64,
) -> Result<Option<AdoptedVersionRow>, DbError> {
    let row = sqlx::query_as::<_, AdoptedVersionRow>(
        "SELECT id, number, title, status FROM plan_versions WHERE id = $1",
    )
    .bind(version_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A partnership's open motions, soonest deadline first, whatever their label.
pub async fn list_open_motions(
    conn: &mut Conn,
    partnership_id: i64,
    person_id: i64,
) -> Result<Vec<MotionRow>, DbError> {
    let rows = sqlx::query_as::<_, MotionRow>(concat!(
        motion_select!(),
        "WHERE w.partnership_id = $2 AND mo.status = 'open' ORDER BY mo.closes_at, mo.id"
    ))
    .bind(person_id)
    .bind(partnership_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Where an organisation stands on one open motion whose electorate it is in.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ElectorStateRow {
    /// The motion.
    pub motion_id: i64,
    /// 1 when it recused itself.
    pub recused: i64,
    /// 1 when it has a current ballot.
    pub voted: i64,
    /// 1 when it gave a proxy that is still live.
    pub proxy_given: i64,
}

/// The open motions whose electorate `organisation_id` is in, with whether it voted.
pub async fn list_elector_states(
    conn: &mut Conn,
    organisation_id: i64,
) -> Result<Vec<ElectorStateRow>, DbError> {
    let rows = sqlx::query_as::<_, ElectorStateRow>(
        "SELECT e.motion_id,
                CASE WHEN e.recused_at IS NULL THEN 0 ELSE 1 END AS recused,
                CASE WHEN EXISTS (SELECT 1 FROM ballots b WHERE b.motion_id = e.motion_id
                                  AND b.organisation_id = e.organisation_id AND b.is_current = 1)
                     THEN 1 ELSE 0 END AS voted,
                CASE WHEN EXISTS (SELECT 1 FROM proxies x WHERE x.motion_id = e.motion_id
                                  AND x.from_organisation_id = e.organisation_id AND x.revoked_at IS NULL)
                     THEN 1 ELSE 0 END AS proxy_given
         FROM motion_electorate e JOIN motions mo ON mo.id = e.motion_id
         WHERE e.organisation_id = $1 AND mo.status = 'open'",
    )
    .bind(organisation_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
