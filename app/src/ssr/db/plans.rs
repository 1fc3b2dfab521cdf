//! Writes of the Sector-Specific Plan: the plan, its versions, their sections (with every
//! save kept as a revision), goals, objectives and measures, and the stable keys that let
//! goals and objectives (and the commitments towards them) follow from version to version.
//!
//! The life-cycle rules the schema cannot hold (who may publish, when a draft may be
//! submitted) belong to the server functions; the ones it can hold are CHECK constraints.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::partnership::Side;
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

/// A plan version's header.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct VersionRow {
    /// Primary key.
    pub id: i64,
    /// The plan.
    pub plan_id: i64,
    /// Version number.
    pub number: i64,
    /// Title.
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// Life-cycle state.
    pub status: PlanVersionStatus,
    /// TLP label.
    pub tlp: Tlp,
    /// The motion that adopted it.
    pub adopted_by_motion_id: Option<i64>,
    /// When it went to review.
    pub submitted_at: Option<Timestamp>,
    /// When it was adopted.
    pub adopted_at: Option<Timestamp>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
    /// When it was started.
    pub created_at: Timestamp,
}

/// One version of a plan by number.
pub async fn find_version(
    conn: &mut Conn,
    plan_id: i64,
    number: i64,
) -> Result<Option<VersionRow>, DbError> {
    let row = sqlx::query_as::<_, VersionRow>(
        "SELECT id, plan_id, number, title, summary, status, tlp, adopted_by_motion_id,
                submitted_at, adopted_at, published_at, created_at
         FROM plan_versions WHERE plan_id = $1 AND number = $2",
    )
    .bind(plan_id)
    .bind(number)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The plan's versions, newest first.
pub async fn list_versions(conn: &mut Conn, plan_id: i64) -> Result<Vec<VersionRow>, DbError> {
    let rows = sqlx::query_as::<_, VersionRow>(
        "SELECT id, plan_id, number, title, summary, status, tlp, adopted_by_motion_id,
                submitted_at, adopted_at, published_at, created_at
         FROM plan_versions WHERE plan_id = $1 ORDER BY number DESC",
    )
    .bind(plan_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The next free version number of a plan.
pub async fn next_version_number(conn: &mut Conn, plan_id: i64) -> Result<i64, DbError> {
    let next = sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM plan_versions WHERE plan_id = $1",
    )
    .bind(plan_id)
    .fetch_one(conn)
    .await?;
    Ok(next)
}

/// Copies the content of version `from` into the empty version `to`: sections (each at
/// revision 1, its first revision row unattributed: carried over), goals, objectives and
/// measures, keeping the stable keys so that commitments follow. Five statements, whatever
/// the size of the plan.
pub async fn copy_version_content(
    conn: &mut Conn,
    from: i64,
    to: i64,
    now: Timestamp,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO plan_sections
            (plan_version_id, key, position, title, body, tlp, owner_organisation_id, revision,
             created_at, updated_at)
         SELECT $2, key, position, title, body, tlp, owner_organisation_id, 1, $3, $3
         FROM plan_sections WHERE plan_version_id = $1",
    )
    .bind(from)
    .bind(to)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO section_revisions
            (section_id, revision, title, body, author_person_id, author_organisation_id,
             author_side, created_at, updated_at)
         SELECT s.id, 1, s.title, s.body, NULL, NULL, NULL, $2, $2
         FROM plan_sections s WHERE s.plan_version_id = $1",
    )
    .bind(to)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO goals
            (plan_version_id, goal_key_id, number, title, description, tlp, owner_organisation_id,
             weight, revision, created_at, updated_at)
         SELECT $2, goal_key_id, number, title, description, tlp, owner_organisation_id, weight, 1, $3, $3
         FROM goals WHERE plan_version_id = $1",
    )
    .bind(from)
    .bind(to)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO objectives
            (goal_id, plan_version_id, objective_key_id, number, title, description, tlp,
             owner_organisation_id, weight, revision, created_at, updated_at)
         SELECT ng.id, $2, o.objective_key_id, o.number, o.title, o.description, o.tlp,
                o.owner_organisation_id, o.weight, 1, $3, $3
         FROM objectives o
         JOIN goals og ON og.id = o.goal_id
         JOIN goals ng ON ng.plan_version_id = $2 AND ng.goal_key_id = og.goal_key_id
         WHERE o.plan_version_id = $1",
    )
    .bind(from)
    .bind(to)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO measures
            (objective_id, position, indicator, baseline, target, unit, due_date, tlp,
             created_at, updated_at)
         SELECT nobj.id, m.position, m.indicator, m.baseline, m.target, m.unit, m.due_date, m.tlp, $3, $3
         FROM measures m
         JOIN objectives oo ON oo.id = m.objective_id
         JOIN objectives nobj ON nobj.plan_version_id = $2 AND nobj.objective_key_id = oo.objective_key_id
         WHERE oo.plan_version_id = $1",
    )
    .bind(from)
    .bind(to)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A section of a version, with who saved it last.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct SectionRow {
    /// Primary key.
    pub id: i64,
    /// The version.
    pub plan_version_id: i64,
    /// Stable key.
    pub key: String,
    /// Order.
    pub position: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation.
    pub owner_organisation_id: Option<i64>,
    /// Current revision.
    pub revision: i64,
    /// Who saved the current revision (`None` when carried over).
    pub last_author: Option<String>,
    /// When.
    pub updated_at: Timestamp,
}

/// The sections of a version in order.
pub async fn list_sections(conn: &mut Conn, version_id: i64) -> Result<Vec<SectionRow>, DbError> {
    let rows = sqlx::query_as::<_, SectionRow>(
        "SELECT s.id, s.plan_version_id, s.key, s.position, s.title, s.body, s.tlp,
                s.owner_organisation_id, s.revision, p.display_name AS last_author, s.updated_at
         FROM plan_sections s
         LEFT JOIN section_revisions r ON r.section_id = s.id AND r.revision = s.revision
         LEFT JOIN people p ON p.id = r.author_person_id
         WHERE s.plan_version_id = $1
         ORDER BY s.position, s.id",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One section of a version by key.
pub async fn find_section(
    conn: &mut Conn,
    version_id: i64,
    key: &str,
) -> Result<Option<SectionRow>, DbError> {
    let row = sqlx::query_as::<_, SectionRow>(
        "SELECT s.id, s.plan_version_id, s.key, s.position, s.title, s.body, s.tlp,
                s.owner_organisation_id, s.revision, p.display_name AS last_author, s.updated_at
         FROM plan_sections s
         LEFT JOIN section_revisions r ON r.section_id = s.id AND r.revision = s.revision
         LEFT JOIN people p ON p.id = r.author_person_id
         WHERE s.plan_version_id = $1 AND s.key = $2",
    )
    .bind(version_id)
    .bind(key)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The next position after the version's last section.
pub async fn next_section_position(conn: &mut Conn, version_id: i64) -> Result<i64, DbError> {
    let next = sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM plan_sections WHERE plan_version_id = $1",
    )
    .bind(version_id)
    .fetch_one(conn)
    .await?;
    Ok(next)
}

/// One saved revision of a section, attributed.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct RevisionRow {
    /// Revision number.
    pub revision: i64,
    /// Title then.
    pub title: String,
    /// Markdown then.
    pub body: String,
    /// Who saved it (`None` when carried over from the earlier version).
    pub author_name: Option<String>,
    /// Their organisation.
    pub author_organisation: Option<String>,
    /// Their organisation's side then.
    pub author_side: Option<Side>,
    /// When.
    pub created_at: Timestamp,
}

/// Every revision of a section, newest first.
pub async fn list_section_revisions(
    conn: &mut Conn,
    section_id: i64,
) -> Result<Vec<RevisionRow>, DbError> {
    let rows = sqlx::query_as::<_, RevisionRow>(
        "SELECT r.revision, r.title, r.body, p.display_name AS author_name, o.name AS author_organisation,
                r.author_side, r.created_at
         FROM section_revisions r
         LEFT JOIN people p ON p.id = r.author_person_id
         LEFT JOIN organisations o ON o.id = r.author_organisation_id
         WHERE r.section_id = $1
         ORDER BY r.revision DESC",
    )
    .bind(section_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// How many revisions of a version's sections each side saved (carried-over text is not
/// counted): `(side, revisions)`.
pub async fn count_contributions(
    conn: &mut Conn,
    version_id: i64,
) -> Result<Vec<(Side, i64)>, DbError> {
    let rows = sqlx::query_as::<_, (Side, i64)>(
        "SELECT r.author_side, COUNT(*) FROM section_revisions r
         JOIN plan_sections s ON s.id = r.section_id
         WHERE s.plan_version_id = $1 AND r.author_side IS NOT NULL
         GROUP BY r.author_side ORDER BY r.author_side",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A refused save kept for its author (see the `section_conflicts` table).
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct ConflictRow {
    /// Primary key.
    pub id: i64,
    /// The revision the author started from.
    pub base_revision: i64,
    /// The title they typed.
    pub title: String,
    /// The text they typed.
    pub body: String,
    /// When the save was refused.
    pub created_at: Timestamp,
}

/// Keeps a refused save of `person_id` so that it can be shown beside the current text.
pub async fn insert_section_conflict(
    conn: &mut Conn,
    section_id: i64,
    person_id: i64,
    base_revision: i64,
    title: &str,
    body: &str,
    now: Timestamp,
) -> Result<i64, DbError> {
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO section_conflicts
            (section_id, person_id, base_revision, title, body, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         RETURNING id",
    )
    .bind(section_id)
    .bind(person_id)
    .bind(base_revision)
    .bind(title)
    .bind(body)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// The person's latest unresolved refused save of a section.
pub async fn find_open_conflict(
    conn: &mut Conn,
    section_id: i64,
    person_id: i64,
) -> Result<Option<ConflictRow>, DbError> {
    let row = sqlx::query_as::<_, ConflictRow>(
        "SELECT id, base_revision, title, body, created_at FROM section_conflicts
         WHERE section_id = $1 AND person_id = $2 AND resolved_at IS NULL
         ORDER BY id DESC LIMIT 1",
    )
    .bind(section_id)
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Marks the person's refused saves of a section as dealt with (after a successful save).
pub async fn resolve_conflicts(
    conn: &mut Conn,
    section_id: i64,
    person_id: i64,
    now: Timestamp,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE section_conflicts SET resolved_at = $3, updated_at = $3
         WHERE section_id = $1 AND person_id = $2 AND resolved_at IS NULL",
    )
    .bind(section_id)
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// An invited co-author of a version.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EditorRow {
    /// The person.
    pub person_id: i64,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: Option<String>,
}

/// The invited co-authors of a version, by name.
pub async fn list_version_editors(
    conn: &mut Conn,
    version_id: i64,
) -> Result<Vec<EditorRow>, DbError> {
    let rows = sqlx::query_as::<_, EditorRow>(
        "SELECT p.id AS person_id, p.display_name AS name, o.name AS organisation
         FROM plan_version_editors e
         JOIN people p ON p.id = e.person_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE e.plan_version_id = $1
         ORDER BY lower(p.display_name), p.id",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Sends a draft to review; `Conflict` unless it is a draft.
pub async fn submit_version(
    conn: &mut Conn,
    version_id: i64,
    now: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE plan_versions SET status = 'in_review', submitted_at = $2, updated_at = $2
         WHERE id = $1 AND status = 'draft'",
    )
    .bind(version_id)
    .bind(now)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(
            "only a draft can be submitted for review".to_owned(),
        ))
    }
}

/// The closed, carried motion to adopt this version, if there is one.
pub async fn find_carried_adoption_motion(
    conn: &mut Conn,
    version_id: i64,
) -> Result<Option<i64>, DbError> {
    let id = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM motions
         WHERE plan_version_id = $1 AND kind = 'adopt_plan_version' AND status = 'closed'
           AND outcome = 'carried'
         ORDER BY closed_at DESC, id DESC LIMIT 1",
    )
    .bind(version_id)
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// Sets the roll-up weights of goals and objectives of one version, as (row id, weight).
/// Rows of another version are left alone; returns how many rows changed.
pub async fn update_weights(
    conn: &mut Conn,
    version_id: i64,
    goals: &[(i64, f64)],
    objectives: &[(i64, f64)],
    now: Timestamp,
) -> Result<u64, DbError> {
    let mut changed = 0;
    for (id, weight) in goals {
        changed += sqlx::query(
            "UPDATE goals SET weight = $3, updated_at = $4
             WHERE id = $1 AND plan_version_id = $2 AND weight <> $3",
        )
        .bind(id)
        .bind(version_id)
        .bind(weight)
        .bind(now)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    for (id, weight) in objectives {
        changed += sqlx::query(
            "UPDATE objectives SET weight = $3, updated_at = $4
             WHERE id = $1 AND plan_version_id = $2 AND weight <> $3",
        )
        .bind(id)
        .bind(version_id)
        .bind(weight)
        .bind(now)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(changed)
}
