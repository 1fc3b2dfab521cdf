//! Commitments (an organisation's pledge towards an objective, by its stable key) and their
//! dated progress updates: writes, and the TLP-filtered list of a partnership.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::access::Resource;
use crate::domain::plan::CommitmentStatus;
use crate::domain::{Date, Timestamp, Tlp};
use crate::ssr::access::Visibility;

/// A commitment to record.
#[derive(Clone, Debug)]
pub struct NewCommitment {
    /// The partnership.
    pub partnership_id: i64,
    /// The committing organisation (registered in the partnership).
    pub organisation_id: i64,
    /// The objective's stable key.
    pub objective_key_id: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// What will be delivered.
    pub deliverable: String,
    /// Start date.
    pub start_date: Date,
    /// Due date (not before the start).
    pub due_date: Date,
    /// Status.
    pub status: CommitmentStatus,
    /// TLP label.
    pub tlp: Tlp,
    /// Who proposed it.
    pub proposed_by_person_id: Option<i64>,
    /// Who accepted it (secretariat), if accepted by a person.
    pub accepted_by_person_id: Option<i64>,
    /// The motion that accepted it, if accepted by a vote.
    pub accepted_by_motion_id: Option<i64>,
    /// When it was accepted; required unless proposed or withdrawn.
    pub accepted_at: Option<Timestamp>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Records a commitment and returns its id.
pub async fn insert_commitment(conn: &mut Conn, new: NewCommitment) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO commitments
            (partnership_id, organisation_id, objective_key_id, title, description, deliverable,
             start_date, due_date, status, tlp, proposed_by_person_id, accepted_by_person_id,
             accepted_by_motion_id, accepted_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.organisation_id)
    .bind(new.objective_key_id)
    .bind(new.title)
    .bind(new.description)
    .bind(new.deliverable)
    .bind(new.start_date)
    .bind(new.due_date)
    .bind(new.status)
    .bind(new.tlp)
    .bind(new.proposed_by_person_id)
    .bind(new.accepted_by_person_id)
    .bind(new.accepted_by_motion_id)
    .bind(new.accepted_at)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the due date is before the start date, or an accepted commitment lacks its acceptance",
        )
    })
}

/// A progress report on a commitment.
#[derive(Clone, Debug)]
pub struct NewProgressUpdate {
    /// The commitment.
    pub commitment_id: i64,
    /// The day the progress refers to.
    pub reported_on: Date,
    /// Completion, 0 to 100.
    pub percent: i64,
    /// Markdown.
    pub narrative: String,
    /// A link to evidence (may be empty).
    pub evidence_url: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Who reported.
    pub author_person_id: Option<i64>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Records a progress update and returns its id.
pub async fn insert_progress_update(
    conn: &mut Conn,
    new: NewProgressUpdate,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO progress_updates
            (commitment_id, reported_on, percent, narrative, evidence_url, tlp, author_person_id,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         RETURNING id",
    )
    .bind(new.commitment_id)
    .bind(new.reported_on)
    .bind(new.percent)
    .bind(new.narrative)
    .bind(new.evidence_url)
    .bind(new.tlp)
    .bind(new.author_person_id)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the percentage must be between 0 and 100"))
}

/// A commitment as listed on a partnership's page.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CommitmentListRow {
    /// Primary key.
    pub id: i64,
    /// Title.
    pub title: String,
    /// The committing organisation.
    pub organisation_name: String,
    /// The objective's stable key, e.g. `G1.O3`.
    pub objective_key: String,
    /// Status.
    pub status: CommitmentStatus,
    /// Due date.
    pub due_date: Date,
    /// TLP label.
    pub tlp: Tlp,
}

/// The commitments of a partnership the viewer may see, by due date, at most `limit`.
/// The TLP filter is `domain::access::can_see` in SQL: the owning body of a commitment is
/// the working group that deliberates the partnership's plan.
pub async fn list_visible_commitments(
    conn: &mut Conn,
    partnership_id: i64,
    vis: Visibility,
    limit: i64,
) -> Result<Vec<CommitmentListRow>, DbError> {
    let rows = sqlx::query_as::<_, CommitmentListRow>(
        "SELECT k.id, k.title, o.name AS organisation_name, ok.key AS objective_key, k.status,
                k.due_date, k.tlp
         FROM commitments k
         JOIN organisations o ON o.id = k.organisation_id
         JOIN objective_keys ok ON ok.id = k.objective_key_id
         WHERE k.partnership_id = $6
           AND (k.tlp = 'clear' OR ($4 = 1 AND k.tlp <> 'red')
                OR (k.partnership_id = $3 AND (k.tlp = 'green'
                    OR (k.tlp IN ('amber', 'amber_strict') AND k.organisation_id = $2)
                    OR (k.tlp = 'amber' AND (
                        EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = k.partnership_id
                            AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                        OR EXISTS (SELECT 1 FROM plans pl JOIN working_group_memberships m ON m.working_group_id = pl.working_group_id
                            WHERE pl.partnership_id = k.partnership_id AND m.organisation_id = $2
                              AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))
                        OR EXISTS (SELECT 1 FROM plans pl JOIN working_group_conveners cv ON cv.working_group_id = pl.working_group_id
                            WHERE pl.partnership_id = k.partnership_id AND cv.person_id = $1
                              AND cv.term_start <= $5 AND (cv.term_end IS NULL OR cv.term_end >= $5))))))
                OR (k.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                    WHERE r.record_type = 'commitment' AND r.record_id = k.id AND r.person_id = $1)))
         ORDER BY k.due_date, k.id
         LIMIT $7",
    )
    .bind(vis.person_id)
    .bind(vis.organisation_id)
    .bind(vis.member_of_partnership)
    .bind(vis.is_admin)
    .bind(vis.today)
    .bind(partnership_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A commitment's authorisation facts: owned by its organisation, deliberated by the
/// working group that adopts the partnership's plan (the owning body for TLP:AMBER).
/// `named` is 1 when the reader is a named TLP:RED recipient.
pub fn resource(
    partnership_id: i64,
    organisation_id: i64,
    working_group_id: Option<i64>,
    tlp: Tlp,
    named: i64,
) -> Resource {
    Resource {
        partnership_id,
        council_id: None,
        working_group_id,
        owner_organisation_id: Some(organisation_id),
        tlp,
        actor_is_named_recipient: named != 0,
        plan_version_id: None,
    }
}

#[derive(sqlx::FromRow)]
struct CommitmentResourceRow {
    id: i64,
    partnership_id: i64,
    organisation_id: i64,
    working_group_id: Option<i64>,
    tlp: Tlp,
    named: i64,
}

impl CommitmentResourceRow {
    fn resource(&self) -> Resource {
        resource(
            self.partnership_id,
            self.organisation_id,
            self.working_group_id,
            self.tlp,
            self.named,
        )
    }
}

/// Every commitment of a partnership with the facts that authorise actions on it (owner,
/// owning working group, label, whether `person_id` is a named recipient). For deciding
/// single actions and for checking the SQL filters against `domain::access::can_see`.
pub async fn list_commitment_resources(
    conn: &mut Conn,
    partnership_id: i64,
    person_id: i64,
) -> Result<Vec<(i64, Resource)>, DbError> {
    let rows = sqlx::query_as::<_, CommitmentResourceRow>(
        "SELECT k.id, k.partnership_id, k.organisation_id, pl.working_group_id, k.tlp,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'commitment'
                                  AND r.record_id = k.id AND r.person_id = $2) THEN 1 ELSE 0 END AS named
         FROM commitments k
         LEFT JOIN plans pl ON pl.partnership_id = k.partnership_id
         WHERE k.partnership_id = $1
         ORDER BY k.id",
    )
    .bind(partnership_id)
    .bind(person_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.resource())).collect())
}

/// Sets a commitment's label; returns the label it had, or `NotFound`.
pub async fn update_commitment_tlp(
    conn: &mut Conn,
    commitment_id: i64,
    tlp: Tlp,
    now: Timestamp,
) -> Result<Tlp, DbError> {
    let before = sqlx::query_scalar::<_, Tlp>("SELECT tlp FROM commitments WHERE id = $1")
        .bind(commitment_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(DbError::NotFound)?;
    sqlx::query(
        "UPDATE commitments SET tlp = $2, revision = revision + 1, updated_at = $3 WHERE id = $1",
    )
    .bind(commitment_id)
    .bind(tlp)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(before)
}

/// One commitment's authorisation facts (see [`list_commitment_resources`]).
pub async fn find_commitment_resource(
    conn: &mut Conn,
    commitment_id: i64,
    person_id: i64,
) -> Result<Option<Resource>, DbError> {
    let row = sqlx::query_as::<_, CommitmentResourceRow>(
        "SELECT k.id, k.partnership_id, k.organisation_id, pl.working_group_id, k.tlp,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'commitment'
                                  AND r.record_id = k.id AND r.person_id = $2) THEN 1 ELSE 0 END AS named
         FROM commitments k
         LEFT JOIN plans pl ON pl.partnership_id = k.partnership_id
         WHERE k.id = $1",
    )
    .bind(commitment_id)
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.resource()))
}

/// The columns of [`CommitmentRow`]; `$1` in the query that uses it is the reading person's
/// id (for TLP:RED recipients). A `macro_rules!` literal, so that the SQL stays a literal.
macro_rules! commitment_select {
    () => {
        "SELECT k.id, k.partnership_id, k.organisation_id, o.name AS organisation_name,
                o.slug AS organisation_slug, o.side AS organisation_side,
                o.size_class AS organisation_size, k.objective_key_id, ok.key AS objective_key,
                k.title, k.description, k.deliverable, k.start_date, k.due_date, k.status, k.tlp,
                pp.display_name AS proposed_by, pa.display_name AS accepted_by,
                k.accepted_by_motion_id, k.accepted_at, k.revision, k.created_at, k.updated_at,
                (SELECT u.percent FROM progress_updates u WHERE u.commitment_id = k.id
                 ORDER BY u.reported_on DESC, u.id DESC LIMIT 1) AS last_percent,
                (SELECT MAX(u.reported_on) FROM progress_updates u WHERE u.commitment_id = k.id)
                    AS last_reported_on,
                pl.working_group_id,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'commitment'
                                  AND r.record_id = k.id AND r.person_id = $1) THEN 1 ELSE 0 END AS named
         FROM commitments k
         JOIN organisations o ON o.id = k.organisation_id
         JOIN objective_keys ok ON ok.id = k.objective_key_id
         LEFT JOIN plans pl ON pl.partnership_id = k.partnership_id
         LEFT JOIN people pp ON pp.id = k.proposed_by_person_id
         LEFT JOIN people pa ON pa.id = k.accepted_by_person_id "
    };
}

/// A commitment with what its pages show.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CommitmentRow {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// The committing organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// Its URL key.
    pub organisation_slug: String,
    /// Its side.
    pub organisation_side: crate::domain::partnership::Side,
    /// Its size class.
    pub organisation_size: crate::domain::partnership::SizeClass,
    /// The objective's stable key.
    pub objective_key_id: i64,
    /// The key, e.g. `G1.O3`.
    pub objective_key: String,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// What will be delivered.
    pub deliverable: String,
    /// Start.
    pub start_date: Date,
    /// Due.
    pub due_date: Date,
    /// Status.
    pub status: CommitmentStatus,
    /// Label.
    pub tlp: Tlp,
    /// Who proposed it.
    pub proposed_by: Option<String>,
    /// Who accepted it (the secretariat), if a person did.
    pub accepted_by: Option<String>,
    /// The motion that accepted it, if one did.
    pub accepted_by_motion_id: Option<i64>,
    /// When it was accepted.
    pub accepted_at: Option<Timestamp>,
    /// Optimistic-locking revision.
    pub revision: i64,
    /// Proposed.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// The percentage of the latest progress update.
    pub last_percent: Option<i64>,
    /// The date of the latest progress update.
    pub last_reported_on: Option<Date>,
    /// The working group that deliberates the plan (the owning body for TLP:AMBER).
    pub working_group_id: Option<i64>,
    /// 1 when the reading person is a named TLP:RED recipient.
    pub named: i64,
}

impl CommitmentRow {
    /// The authorisation facts of the commitment.
    pub fn resource(&self) -> Resource {
        resource(
            self.partnership_id,
            self.organisation_id,
            self.working_group_id,
            self.tlp,
            self.named,
        )
    }
}

/// One commitment, whatever its label (the caller decides who may see it).
pub async fn find_commitment(
    conn: &mut Conn,
    commitment_id: i64,
    person_id: i64,
) -> Result<Option<CommitmentRow>, DbError> {
    let row = sqlx::query_as::<_, CommitmentRow>(concat!(commitment_select!(), "WHERE k.id = $2"))
        .bind(person_id)
        .bind(commitment_id)
        .fetch_optional(conn)
        .await?;
    Ok(row)
}

/// Every commitment of a partnership, by objective key and due date, whatever its label.
pub async fn list_partnership_commitments(
    conn: &mut Conn,
    partnership_id: i64,
    person_id: i64,
) -> Result<Vec<CommitmentRow>, DbError> {
    let rows = sqlx::query_as::<_, CommitmentRow>(concat!(
        commitment_select!(),
        "WHERE k.partnership_id = $2 ORDER BY ok.key, k.due_date, k.id"
    ))
    .bind(person_id)
    .bind(partnership_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A progress update as read.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProgressRow {
    /// Primary key.
    pub id: i64,
    /// The day it reports on.
    pub reported_on: Date,
    /// Percent done.
    pub percent: i64,
    /// Markdown.
    pub narrative: String,
    /// A link to evidence.
    pub evidence_url: String,
    /// Label of the narrative.
    pub tlp: Tlp,
    /// Who reported.
    pub author: Option<String>,
    /// When.
    pub created_at: Timestamp,
    /// 1 when the reading person is a named TLP:RED recipient.
    pub named: i64,
}

/// A commitment's progress updates, newest first.
pub async fn list_progress_updates(
    conn: &mut Conn,
    commitment_id: i64,
    person_id: i64,
) -> Result<Vec<ProgressRow>, DbError> {
    let rows = sqlx::query_as::<_, ProgressRow>(
        "SELECT u.id, u.reported_on, u.percent, u.narrative, u.evidence_url, u.tlp,
                p.display_name AS author, u.created_at,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'progress_update'
                                  AND r.record_id = u.id AND r.person_id = $2) THEN 1 ELSE 0 END AS named
         FROM progress_updates u LEFT JOIN people p ON p.id = u.author_person_id
         WHERE u.commitment_id = $1
         ORDER BY u.reported_on DESC, u.id DESC",
    )
    .bind(commitment_id)
    .bind(person_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Accepts a proposed commitment, by a person of the secretariat or by a carried motion.
pub async fn accept_commitment(
    conn: &mut Conn,
    commitment_id: i64,
    by_person_id: Option<i64>,
    by_motion_id: Option<i64>,
    at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE commitments
         SET status = 'accepted', accepted_by_person_id = $2, accepted_by_motion_id = $3,
             accepted_at = $4, revision = revision + 1, updated_at = $4
         WHERE id = $1 AND status = 'proposed'",
    )
    .bind(commitment_id)
    .bind(by_person_id)
    .bind(by_motion_id)
    .bind(at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "only a proposed commitment can be accepted".to_owned(),
        ))
    }
}

/// Moves a commitment from `from` to `to` (the transition is checked by the caller); a
/// `Conflict` when it is no longer in `from` (someone changed it meanwhile).
pub async fn change_commitment_status(
    conn: &mut Conn,
    commitment_id: i64,
    from: CommitmentStatus,
    to: CommitmentStatus,
    at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE commitments SET status = $3, revision = revision + 1, updated_at = $4
         WHERE id = $1 AND status = $2",
    )
    .bind(commitment_id)
    .bind(from)
    .bind(to)
    .bind(at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "the commitment's status was changed meanwhile; reload it".to_owned(),
        ))
    }
}

/// An objective of the published plan a commitment can be made towards.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ObjectiveChoiceRow {
    /// The stable key's id.
    pub objective_key_id: i64,
    /// The stable key.
    pub key: String,
    /// The published version's number.
    pub version_number: i64,
    /// The goal's number.
    pub goal_number: i64,
    /// The objective's number.
    pub number: i64,
    /// Title.
    pub title: String,
    /// Label.
    pub tlp: Tlp,
}

/// The objectives of the partnership's published plan version, in order.
pub async fn list_published_objectives(
    conn: &mut Conn,
    partnership_id: i64,
) -> Result<Vec<ObjectiveChoiceRow>, DbError> {
    let rows = sqlx::query_as::<_, ObjectiveChoiceRow>(
        "SELECT ob.objective_key_id, ok.key, v.number AS version_number, g.number AS goal_number, ob.number, ob.title, ob.tlp
         FROM plans pl
         JOIN plan_versions v ON v.plan_id = pl.id AND v.status = 'published'
         JOIN goals g ON g.plan_version_id = v.id
         JOIN objectives ob ON ob.goal_id = g.id
         JOIN objective_keys ok ON ok.id = ob.objective_key_id
         WHERE pl.partnership_id = $1
         ORDER BY g.number, ob.number",
    )
    .bind(partnership_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A progress update with its commitment's authorisation facts (for feeds, which carry the
/// percentage, part of the commitment's record, and not the narrative).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RecentProgressRow {
    /// The update's primary key.
    pub id: i64,
    /// The commitment.
    pub commitment_id: i64,
    /// The commitment's title.
    pub commitment_title: String,
    /// The committing organisation's name.
    pub organisation_name: String,
    /// The day reported on.
    pub reported_on: Date,
    /// Percent complete.
    pub percent: i64,
    /// When it was recorded.
    pub created_at: Timestamp,
    /// The partnership.
    pub partnership_id: i64,
    /// The committing organisation.
    pub organisation_id: i64,
    /// The working group that adopts the partnership's plan.
    pub working_group_id: Option<i64>,
    /// The commitment's label.
    pub commitment_tlp: Tlp,
    /// 1 when the reader is a named TLP:RED recipient of the commitment.
    pub commitment_named: i64,
}

impl RecentProgressRow {
    /// The commitment's authorisation facts.
    pub fn commitment_resource(&self) -> Resource {
        resource(
            self.partnership_id,
            self.organisation_id,
            self.working_group_id,
            self.commitment_tlp,
            self.commitment_named,
        )
    }
}

/// The latest `limit` progress updates of a partnership's commitments, newest first, with
/// the namings of `person_id` (-1 for the public); the caller keeps those the reader may see.
pub async fn list_recent_progress_updates(
    conn: &mut Conn,
    partnership_id: i64,
    person_id: i64,
    limit: i64,
) -> Result<Vec<RecentProgressRow>, DbError> {
    let rows = sqlx::query_as::<_, RecentProgressRow>(
        "SELECT u.id, u.commitment_id, k.title AS commitment_title, o.name AS organisation_name,
                u.reported_on, u.percent, u.created_at,
                k.partnership_id, k.organisation_id, pl.working_group_id, k.tlp AS commitment_tlp,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'commitment'
                                  AND r.record_id = k.id AND r.person_id = $2) THEN 1 ELSE 0 END AS commitment_named
         FROM progress_updates u
         JOIN commitments k ON k.id = u.commitment_id
         JOIN organisations o ON o.id = k.organisation_id
         LEFT JOIN plans pl ON pl.partnership_id = k.partnership_id
         WHERE k.partnership_id = $1
         ORDER BY u.created_at DESC, u.id DESC
         LIMIT $3",
    )
    .bind(partnership_id)
    .bind(person_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
