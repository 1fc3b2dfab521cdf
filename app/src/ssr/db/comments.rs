//! Writes of comments (threaded remarks on exactly one section, goal, objective, commitment
//! or motion) and of the named recipients of TLP:RED records.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::records::RecordType;
use crate::domain::{Timestamp, Tlp};

/// What a comment is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentTarget {
    /// A plan section.
    Section(i64),
    /// A goal.
    Goal(i64),
    /// An objective.
    Objective(i64),
    /// A commitment.
    Commitment(i64),
    /// A motion.
    Motion(i64),
}

impl CommentTarget {
    /// The five nullable target columns, in table order, with exactly one set.
    fn columns(self) -> [Option<i64>; 5] {
        let mut columns = [None; 5];
        let (index, id) = match self {
            CommentTarget::Section(id) => (0, id),
            CommentTarget::Goal(id) => (1, id),
            CommentTarget::Objective(id) => (2, id),
            CommentTarget::Commitment(id) => (3, id),
            CommentTarget::Motion(id) => (4, id),
        };
        columns[index] = Some(id);
        columns
    }
}

/// A comment to post.
#[derive(Clone, Debug)]
pub struct NewComment {
    /// The partnership of the thing commented on.
    pub partnership_id: i64,
    /// The comment this one replies to (on the same target).
    pub parent_comment_id: Option<i64>,
    /// What it is on.
    pub target: CommentTarget,
    /// The author.
    pub author_person_id: Option<i64>,
    /// Markdown, 1 to 20,000 characters.
    pub body: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Posts a comment and returns its id.
pub async fn insert_comment(conn: &mut Conn, new: NewComment) -> Result<i64, DbError> {
    let [section, goal, objective, commitment, motion] = new.target.columns();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO comments
            (partnership_id, parent_comment_id, section_id, goal_id, objective_id, commitment_id,
             motion_id, author_person_id, body, tlp, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.parent_comment_id)
    .bind(section)
    .bind(goal)
    .bind(objective)
    .bind(commitment)
    .bind(motion)
    .bind(new.author_person_id)
    .bind(new.body)
    .bind(new.tlp)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "a comment needs a text of 1 to 20,000 characters"))
}

/// Marks a comment resolved.
pub async fn resolve_comment(
    conn: &mut Conn,
    comment_id: i64,
    resolved_by_person_id: Option<i64>,
    resolved_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE comments
         SET resolved_at = $2, resolved_by_person_id = $3, updated_at = $2
         WHERE id = $1 AND resolved_at IS NULL",
    )
    .bind(comment_id)
    .bind(resolved_at)
    .bind(resolved_by_person_id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Names a person as a recipient of a TLP:RED record; returns the row's id.
pub async fn insert_red_recipient(
    conn: &mut Conn,
    record_type: RecordType,
    record_id: i64,
    person_id: i64,
    created_at: Timestamp,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO tlp_red_recipients (record_type, record_id, person_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         RETURNING id",
    )
    .bind(record_type)
    .bind(record_id)
    .bind(person_id)
    .bind(created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "this person is already a recipient of the record"))
}

/// A comment on a section, goal or objective of a plan version, with its author.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct VersionCommentRow {
    /// Primary key.
    pub id: i64,
    /// The comment it answers.
    pub parent_comment_id: Option<i64>,
    /// The section it is on.
    pub section_id: Option<i64>,
    /// The goal it is on.
    pub goal_id: Option<i64>,
    /// The objective it is on.
    pub objective_id: Option<i64>,
    /// The author's name.
    pub author_name: Option<String>,
    /// The author's organisation.
    pub author_organisation_id: Option<i64>,
    /// The author's organisation's name.
    pub author_organisation: Option<String>,
    /// Text.
    pub body: String,
    /// TLP label.
    pub tlp: Tlp,
    /// When resolved.
    pub resolved_at: Option<Timestamp>,
    /// Who resolved it.
    pub resolved_by: Option<String>,
    /// When written.
    pub created_at: Timestamp,
    /// The version the commented record belongs to.
    pub plan_version_id: i64,
}

/// Every comment on the sections, goals and objectives of a version, oldest first.
pub async fn list_version_comments(
    conn: &mut Conn,
    version_id: i64,
) -> Result<Vec<VersionCommentRow>, DbError> {
    let rows = sqlx::query_as::<_, VersionCommentRow>(
        "SELECT c.id, c.parent_comment_id, c.section_id, c.goal_id, c.objective_id,
                a.display_name AS author_name, a.organisation_id AS author_organisation_id,
                ao.name AS author_organisation, c.body, c.tlp, c.resolved_at,
                r.display_name AS resolved_by, c.created_at,
                COALESCE(s.plan_version_id, g.plan_version_id, ob.plan_version_id) AS plan_version_id
         FROM comments c
         LEFT JOIN plan_sections s ON s.id = c.section_id
         LEFT JOIN goals g ON g.id = c.goal_id
         LEFT JOIN objectives ob ON ob.id = c.objective_id
         LEFT JOIN people a ON a.id = c.author_person_id
         LEFT JOIN organisations ao ON ao.id = a.organisation_id
         LEFT JOIN people r ON r.id = c.resolved_by_person_id
         WHERE COALESCE(s.plan_version_id, g.plan_version_id, ob.plan_version_id) = $1
         ORDER BY c.created_at, c.id",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One comment on a plan record, or `None` (also for comments on commitments and motions).
pub async fn find_version_comment(
    conn: &mut Conn,
    comment_id: i64,
) -> Result<Option<VersionCommentRow>, DbError> {
    let row = sqlx::query_as::<_, VersionCommentRow>(
        "SELECT c.id, c.parent_comment_id, c.section_id, c.goal_id, c.objective_id,
                a.display_name AS author_name, a.organisation_id AS author_organisation_id,
                ao.name AS author_organisation, c.body, c.tlp, c.resolved_at,
                r.display_name AS resolved_by, c.created_at,
                COALESCE(s.plan_version_id, g.plan_version_id, ob.plan_version_id) AS plan_version_id
         FROM comments c
         LEFT JOIN plan_sections s ON s.id = c.section_id
         LEFT JOIN goals g ON g.id = c.goal_id
         LEFT JOIN objectives ob ON ob.id = c.objective_id
         LEFT JOIN people a ON a.id = c.author_person_id
         LEFT JOIN organisations ao ON ao.id = a.organisation_id
         LEFT JOIN people r ON r.id = c.resolved_by_person_id
         WHERE c.id = $1 AND COALESCE(s.plan_version_id, g.plan_version_id, ob.plan_version_id) IS NOT NULL",
    )
    .bind(comment_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A plan version being written, with its unresolved comment threads.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenVersionRow {
    /// Version number.
    pub number: i64,
    /// Title.
    pub title: String,
    /// Draft or in review.
    pub status: crate::domain::plan::PlanVersionStatus,
    /// Unresolved top-level comments.
    pub unresolved: i64,
}

/// The partnership's versions in draft or in review, with their unresolved threads.
pub async fn list_open_versions(
    conn: &mut Conn,
    partnership_id: i64,
) -> Result<Vec<OpenVersionRow>, DbError> {
    let rows = sqlx::query_as::<_, OpenVersionRow>(
        "SELECT v.number, v.title, v.status,
                (SELECT COUNT(*) FROM comments c
                 LEFT JOIN plan_sections s ON s.id = c.section_id
                 LEFT JOIN goals g ON g.id = c.goal_id
                 LEFT JOIN objectives ob ON ob.id = c.objective_id
                 WHERE c.parent_comment_id IS NULL AND c.resolved_at IS NULL
                   AND COALESCE(s.plan_version_id, g.plan_version_id, ob.plan_version_id) = v.id)
                    AS unresolved
         FROM plan_versions v JOIN plans p ON p.id = v.plan_id
         WHERE p.partnership_id = $1 AND v.status IN ('draft', 'in_review')
         ORDER BY v.number",
    )
    .bind(partnership_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
