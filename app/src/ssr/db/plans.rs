//! Writes of the Sector-Specific Plan: the plan, its versions, their sections (with every
//! save kept as a revision), goals, objectives and measures, and the stable keys that let
//! goals and objectives (and the commitments towards them) follow from version to version.
//!
//! The life-cycle rules the schema cannot hold (who may publish, when a draft may be
//! submitted) belong to the server functions; the ones it can hold are CHECK constraints.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::plan::PlanVersionStatus;
use crate::domain::{Date, Timestamp, Tlp};

/// A partnership's plan to create (one per partnership).
#[derive(Clone, Debug)]
pub struct NewPlan {
    /// The partnership.
    pub partnership_id: i64,
    /// Title.
    pub title: String,
    /// The working group whose motions adopt versions of the plan.
    pub working_group_id: Option<i64>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Creates a plan and returns its id.
pub async fn insert_plan(conn: &mut Conn, new: NewPlan) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO plans (partnership_id, title, working_group_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.title)
    .bind(new.working_group_id)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the partnership already has a plan"))
}

/// Creates the stable key of a goal (e.g. `G1`) and returns its id.
pub async fn insert_goal_key(
    conn: &mut Conn,
    plan_id: i64,
    key: &str,
    created_at: Timestamp,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO goal_keys (plan_id, key, created_at, updated_at)
         VALUES ($1, $2, $3, $3)
         RETURNING id",
    )
    .bind(plan_id)
    .bind(key)
    .bind(created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the plan already has a goal with this key"))
}

/// Creates the stable key of an objective (e.g. `G1.O1`) and returns its id.
pub async fn insert_objective_key(
    conn: &mut Conn,
    plan_id: i64,
    key: &str,
    created_at: Timestamp,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO objective_keys (plan_id, key, created_at, updated_at)
         VALUES ($1, $2, $3, $3)
         RETURNING id",
    )
    .bind(plan_id)
    .bind(key)
    .bind(created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the plan already has an objective with this key"))
}

/// A plan version to create, as a draft or in review (adoption and publication are
/// separate steps: [`mark_version_adopted`], [`mark_version_published`]).
#[derive(Clone, Debug)]
pub struct NewPlanVersion {
    /// The plan.
    pub plan_id: i64,
    /// Version number, unique in the plan.
    pub number: i64,
    /// Title.
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// Draft or in review.
    pub status: PlanVersionStatus,
    /// The version this one was copied from.
    pub based_on_version_id: Option<i64>,
    /// TLP label of the version.
    pub tlp: Tlp,
    /// Who started it.
    pub created_by_person_id: Option<i64>,
    /// When it was submitted for review.
    pub submitted_at: Option<Timestamp>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Creates a plan version and returns its id.
pub async fn insert_plan_version(conn: &mut Conn, new: NewPlanVersion) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO plan_versions
            (plan_id, number, title, summary, status, based_on_version_id, tlp,
             created_by_person_id, submitted_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         RETURNING id",
    )
    .bind(new.plan_id)
    .bind(new.number)
    .bind(new.title)
    .bind(new.summary)
    .bind(new.status)
    .bind(new.based_on_version_id)
    .bind(new.tlp)
    .bind(new.created_by_person_id)
    .bind(new.submitted_at)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the plan already has a version with this number, or the status is invalid",
        )
    })
}

/// Marks a version in review as adopted by a (carried) motion.
pub async fn mark_version_adopted(
    conn: &mut Conn,
    version_id: i64,
    motion_id: i64,
    adopted_at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE plan_versions
         SET status = 'adopted', adopted_by_motion_id = $2, adopted_at = $3, updated_at = $3
         WHERE id = $1 AND status = 'in_review'",
    )
    .bind(version_id)
    .bind(motion_id)
    .bind(adopted_at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "only a version in review can be adopted".to_owned(),
        ))
    }
}

/// Publishes an adopted version; the plan's formerly published version becomes superseded.
/// Run it in a transaction with the caller's other changes.
pub async fn mark_version_published(
    conn: &mut Conn,
    version_id: i64,
    published_at: Timestamp,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE plan_versions
         SET status = 'superseded', superseded_at = $2, updated_at = $2
         WHERE status = 'published'
           AND plan_id = (SELECT v.plan_id FROM plan_versions v WHERE v.id = $1)",
    )
    .bind(version_id)
    .bind(published_at)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(
        "UPDATE plan_versions
         SET status = 'published', published_at = $2, updated_at = $2
         WHERE id = $1 AND status = 'adopted'",
    )
    .bind(version_id)
    .bind(published_at)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "only an adopted version can be published".to_owned(),
        ))
    }
}

/// Invites a co-author to a draft version; returns the invitation's id.
pub async fn insert_plan_version_editor(
    conn: &mut Conn,
    plan_version_id: i64,
    person_id: i64,
    invited_by_person_id: Option<i64>,
    created_at: Timestamp,
) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO plan_version_editors
            (plan_version_id, person_id, invited_by_person_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         RETURNING id",
    )
    .bind(plan_version_id)
    .bind(person_id)
    .bind(invited_by_person_id)
    .bind(created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "this person is already a co-author of the version"))
}

/// A section to add to a version.
#[derive(Clone, Debug)]
pub struct NewSection {
    /// The version.
    pub plan_version_id: i64,
    /// Stable key across versions, unique in the version.
    pub key: String,
    /// Order in the version.
    pub position: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation (for TLP:AMBER and TLP:AMBER+STRICT).
    pub owner_organisation_id: Option<i64>,
    /// Who wrote it (their organisation and side are recorded with the revision).
    pub author_person_id: Option<i64>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Adds a section at revision 1, with its first revision row; returns the section's id.
pub async fn insert_section(conn: &mut Conn, new: NewSection) -> Result<i64, DbError> {
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO plan_sections
            (plan_version_id, key, position, title, body, tlp, owner_organisation_id, revision,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)
         RETURNING id",
    )
    .bind(new.plan_version_id)
    .bind(new.key)
    .bind(new.position)
    .bind(&new.title)
    .bind(&new.body)
    .bind(new.tlp)
    .bind(new.owner_organisation_id)
    .bind(new.created_at)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "the version already has a section with this key"))?;
    insert_section_revision(
        conn,
        id,
        1,
        &new.title,
        &new.body,
        new.author_person_id,
        new.created_at,
    )
    .await?;
    Ok(id)
}

/// A save of a section's text against the revision the author started from.
#[derive(Clone, Debug)]
pub struct SectionEdit {
    /// The section.
    pub section_id: i64,
    /// The revision the author edited.
    pub expected_revision: i64,
    /// New title.
    pub title: String,
    /// New Markdown body.
    pub body: String,
    /// Who saved.
    pub author_person_id: Option<i64>,
    /// When.
    pub saved_at: Timestamp,
}

/// Saves a section as a new revision and returns the revision number. A save against a
/// stale revision is refused with [`DbError::Conflict`] (no lost update).
pub async fn update_section(conn: &mut Conn, edit: SectionEdit) -> Result<i64, DbError> {
    let revision = sqlx::query_scalar::<_, i64>(
        "UPDATE plan_sections
         SET title = $3, body = $4, revision = revision + 1, updated_at = $5
         WHERE id = $1 AND revision = $2
         RETURNING revision",
    )
    .bind(edit.section_id)
    .bind(edit.expected_revision)
    .bind(&edit.title)
    .bind(&edit.body)
    .bind(edit.saved_at)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| {
        DbError::Conflict("the section was changed by someone else since you opened it".to_owned())
    })?;
    insert_section_revision(
        conn,
        edit.section_id,
        revision,
        &edit.title,
        &edit.body,
        edit.author_person_id,
        edit.saved_at,
    )
    .await?;
    Ok(revision)
}

/// Records one revision of a section, with the author's organisation and side at that time.
async fn insert_section_revision(
    conn: &mut Conn,
    section_id: i64,
    revision: i64,
    title: &str,
    body: &str,
    author_person_id: Option<i64>,
    saved_at: Timestamp,
) -> Result<i64, DbError> {
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO section_revisions
            (section_id, revision, title, body, author_person_id, author_organisation_id,
             author_side, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5,
                 (SELECT p.organisation_id FROM people p WHERE p.id = $5),
                 (SELECT o.side FROM people p JOIN organisations o ON o.id = p.organisation_id
                   WHERE p.id = $5),
                 $6, $6)
         RETURNING id",
    )
    .bind(section_id)
    .bind(revision)
    .bind(title)
    .bind(body)
    .bind(author_person_id)
    .bind(saved_at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A goal of a version.
#[derive(Clone, Debug)]
pub struct NewGoal {
    /// The version.
    pub plan_version_id: i64,
    /// Its stable key.
    pub goal_key_id: i64,
    /// Number in the version (1, 2, ...).
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation (for TLP:AMBER and TLP:AMBER+STRICT).
    pub owner_organisation_id: Option<i64>,
    /// Roll-up weight among the version's goals.
    pub weight: f64,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Adds a goal and returns its id.
pub async fn insert_goal(conn: &mut Conn, new: NewGoal) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO goals
            (plan_version_id, goal_key_id, number, title, description, tlp, owner_organisation_id,
             weight, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         RETURNING id",
    )
    .bind(new.plan_version_id)
    .bind(new.goal_key_id)
    .bind(new.number)
    .bind(new.title)
    .bind(new.description)
    .bind(new.tlp)
    .bind(new.owner_organisation_id)
    .bind(new.weight)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(e, "the version already has a goal with this number or key")
    })
}

/// An objective of a goal.
#[derive(Clone, Debug)]
pub struct NewObjective {
    /// The goal.
    pub goal_id: i64,
    /// The goal's version.
    pub plan_version_id: i64,
    /// Its stable key.
    pub objective_key_id: i64,
    /// Number in the goal (the 2 of 1.2).
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation (for TLP:AMBER and TLP:AMBER+STRICT).
    pub owner_organisation_id: Option<i64>,
    /// Roll-up weight among the goal's objectives.
    pub weight: f64,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Adds an objective and returns its id.
pub async fn insert_objective(conn: &mut Conn, new: NewObjective) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO objectives
            (goal_id, plan_version_id, objective_key_id, number, title, description, tlp,
             owner_organisation_id, weight, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         RETURNING id",
    )
    .bind(new.goal_id)
    .bind(new.plan_version_id)
    .bind(new.objective_key_id)
    .bind(new.number)
    .bind(new.title)
    .bind(new.description)
    .bind(new.tlp)
    .bind(new.owner_organisation_id)
    .bind(new.weight)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(
            e,
            "the goal already has an objective with this number, or the version one with this key",
        )
    })
}

/// A measure of an objective.
#[derive(Clone, Debug)]
pub struct NewMeasure {
    /// The objective.
    pub objective_id: i64,
    /// Order among the objective's measures.
    pub position: i64,
    /// What is measured.
    pub indicator: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value aimed for.
    pub target: Option<f64>,
    /// Unit of baseline and target, e.g. `%`.
    pub unit: String,
    /// When the target should be met.
    pub due_date: Option<Date>,
    /// TLP label.
    pub tlp: Tlp,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Adds a measure and returns its id.
pub async fn insert_measure(conn: &mut Conn, new: NewMeasure) -> Result<i64, DbError> {
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO measures
            (objective_id, position, indicator, baseline, target, unit, due_date, tlp,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         RETURNING id",
    )
    .bind(new.objective_id)
    .bind(new.position)
    .bind(new.indicator)
    .bind(new.baseline)
    .bind(new.target)
    .bind(new.unit)
    .bind(new.due_date)
    .bind(new.tlp)
    .bind(new.created_at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}
