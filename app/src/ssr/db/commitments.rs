//! Writes of commitments (an organisation's pledge towards an objective, by its stable key)
//! and of their dated progress updates.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::plan::CommitmentStatus;
use crate::domain::{Date, Timestamp, Tlp};

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
