//! Editing the outline of a draft plan version: its goals, their objectives and the
//! objectives' measures.
//!
//! The whole outline of a version is read in one flat join and assembled here (a version's
//! outline is bounded; the caller decides record by record what the viewer may see, as the
//! plan readers do). Goals and objectives are saved against the revision the author
//! started from (a stale save is refused, no lost update); measures carry no revision and
//! may be deleted while the version is a draft. New goals and objectives get a fresh
//! stable key (`G<n>`, `G<n>.O<m>`), never one the plan used before, so that commitments
//! towards a retired objective never follow a new one. Inserting rows is
//! [`super::plans`]' (`insert_goal`, `insert_objective`, `insert_measure`).

use super::{Conn, DbError};
use crate::domain::{Date, Timestamp, Tlp};

/// One row of the outline join: a goal, maybe one of its objectives, maybe one of that
/// objective's measures.
#[derive(Clone, Debug, sqlx::FromRow)]
struct OutlineRow {
    goal_id: i64,
    goal_key: String,
    goal_number: i64,
    goal_title: String,
    goal_description: String,
    goal_tlp: Tlp,
    goal_owner: Option<i64>,
    goal_revision: i64,
    objective_id: Option<i64>,
    objective_key: Option<String>,
    objective_number: Option<i64>,
    objective_title: Option<String>,
    objective_description: Option<String>,
    objective_tlp: Option<Tlp>,
    objective_owner: Option<i64>,
    objective_revision: Option<i64>,
    measure_id: Option<i64>,
    measure_position: Option<i64>,
    indicator: Option<String>,
    baseline: Option<f64>,
    target: Option<f64>,
    unit: Option<String>,
    due_date: Option<Date>,
    measure_tlp: Option<Tlp>,
}

/// A measure of a draft's objective.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow, serde::Serialize)]
pub struct MeasureRow {
    /// Primary key.
    pub id: i64,
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
    /// Unit of baseline and target.
    pub unit: String,
    /// When the target should be met.
    pub due_date: Option<Date>,
    /// TLP label.
    pub tlp: Tlp,
}

/// An objective of a draft, with its measures in order.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ObjectiveRow {
    /// Primary key.
    pub id: i64,
    /// Its goal.
    pub goal_id: i64,
    /// Stable key across versions.
    pub key: String,
    /// Number in its goal (the 2 of 1.2).
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation.
    pub owner_organisation_id: Option<i64>,
    /// Current revision (what a save is based on).
    pub revision: i64,
    /// Its measures.
    pub measures: Vec<MeasureRow>,
}

/// A goal of a draft, with its objectives in order.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct GoalRow {
    /// Primary key.
    pub id: i64,
    /// Stable key across versions.
    pub key: String,
    /// Number in the version.
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation.
    pub owner_organisation_id: Option<i64>,
    /// Current revision (what a save is based on).
    pub revision: i64,
    /// Its objectives.
    pub objectives: Vec<ObjectiveRow>,
}

/// The goals of a version with their objectives and measures, in number order, in one
/// query (not filtered for a viewer: the caller applies `domain::access` per record).
pub async fn list_outline(conn: &mut Conn, version_id: i64) -> Result<Vec<GoalRow>, DbError> {
    let rows = sqlx::query_as::<_, OutlineRow>(
        "SELECT g.id AS goal_id, gk.key AS goal_key, g.number AS goal_number,
                g.title AS goal_title, g.description AS goal_description, g.tlp AS goal_tlp,
                g.owner_organisation_id AS goal_owner, g.revision AS goal_revision,
                o.id AS objective_id, ok.key AS objective_key, o.number AS objective_number,
                o.title AS objective_title, o.description AS objective_description,
                o.tlp AS objective_tlp, o.owner_organisation_id AS objective_owner,
                o.revision AS objective_revision,
                m.id AS measure_id, m.position AS measure_position, m.indicator, m.baseline,
                m.target, m.unit, m.due_date, m.tlp AS measure_tlp
         FROM goals g
         JOIN goal_keys gk ON gk.id = g.goal_key_id
         LEFT JOIN objectives o ON o.goal_id = g.id
         LEFT JOIN objective_keys ok ON ok.id = o.objective_key_id
         LEFT JOIN measures m ON m.objective_id = o.id
         WHERE g.plan_version_id = $1
         ORDER BY g.number, g.id, o.number, o.id, m.position, m.id",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await?;
    assemble(rows)
}

/// Folds the flat, ordered rows of the outline join into goals, objectives and measures.
fn assemble(rows: Vec<OutlineRow>) -> Result<Vec<GoalRow>, DbError> {
    let mut goals: Vec<GoalRow> = Vec::new();
    for row in rows {
        if goals.last().is_none_or(|g| g.id != row.goal_id) {
            goals.push(GoalRow {
                id: row.goal_id,
                key: row.goal_key.clone(),
                number: row.goal_number,
                title: row.goal_title.clone(),
                description: row.goal_description.clone(),
                tlp: row.goal_tlp,
                owner_organisation_id: row.goal_owner,
                revision: row.goal_revision,
                objectives: Vec::new(),
            });
        }
        let Some(objective_id) = row.objective_id else {
            continue;
        };
        let goal = goals
            .last_mut()
            .ok_or_else(|| DbError::Corrupt("objective row without a goal".to_owned()))?;
        if goal.objectives.last().is_none_or(|o| o.id != objective_id) {
            let (
                Some(key),
                Some(number),
                Some(title),
                Some(description),
                Some(tlp),
                Some(revision),
            ) = (
                row.objective_key,
                row.objective_number,
                row.objective_title,
                row.objective_description,
                row.objective_tlp,
                row.objective_revision,
            )
            else {
                return Err(DbError::Corrupt(
                    "objective row with missing columns".to_owned(),
                ));
            };
            goal.objectives.push(ObjectiveRow {
                id: objective_id,
                goal_id: goal.id,
                key,
                number,
                title,
                description,
                tlp,
                owner_organisation_id: row.objective_owner,
                revision,
                measures: Vec::new(),
            });
        }
        let Some(measure_id) = row.measure_id else {
            continue;
        };
        let objective = goal
            .objectives
            .last_mut()
            .ok_or_else(|| DbError::Corrupt("measure row without an objective".to_owned()))?;
        let (Some(position), Some(indicator), Some(unit), Some(tlp)) = (
            row.measure_position,
            row.indicator,
            row.unit,
            row.measure_tlp,
        ) else {
            return Err(DbError::Corrupt(
                "measure row with missing columns".to_owned(),
            ));
        };
        objective.measures.push(MeasureRow {
            id: measure_id,
            objective_id,
            position,
            indicator,
            baseline: row.baseline,
            target: row.target,
            unit,
            due_date: row.due_date,
            tlp,
        });
    }
    Ok(goals)
}

/// A goal or objective of a version, by id, without its children.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow, serde::Serialize)]
pub struct OutlineItemRow {
    /// Primary key.
    pub id: i64,
    /// The goal (for an objective: its goal; for a goal: itself).
    pub goal_id: i64,
    /// Stable key across versions.
    pub key: String,
    /// The goal's number in the version.
    pub goal_number: i64,
    /// Number (a goal's in the version, an objective's in its goal).
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation.
    pub owner_organisation_id: Option<i64>,
    /// Current revision.
    pub revision: i64,
}

/// A goal of the version by id (`None` when it belongs to another version).
pub async fn find_goal(
    conn: &mut Conn,
    version_id: i64,
    goal_id: i64,
) -> Result<Option<OutlineItemRow>, DbError> {
    let row = sqlx::query_as::<_, OutlineItemRow>(
        "SELECT g.id, g.id AS goal_id, gk.key, g.number AS goal_number, g.number, g.title,
                g.description, g.tlp, g.owner_organisation_id, g.revision
         FROM goals g JOIN goal_keys gk ON gk.id = g.goal_key_id
         WHERE g.plan_version_id = $1 AND g.id = $2",
    )
    .bind(version_id)
    .bind(goal_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// An objective of the version by id (`None` when it belongs to another version).
pub async fn find_objective(
    conn: &mut Conn,
    version_id: i64,
    objective_id: i64,
) -> Result<Option<OutlineItemRow>, DbError> {
    let row = sqlx::query_as::<_, OutlineItemRow>(
        "SELECT o.id, o.goal_id, ok.key, g.number AS goal_number, o.number, o.title,
                o.description, o.tlp, o.owner_organisation_id, o.revision
         FROM objectives o
         JOIN objective_keys ok ON ok.id = o.objective_key_id
         JOIN goals g ON g.id = o.goal_id
         WHERE o.plan_version_id = $1 AND o.id = $2",
    )
    .bind(version_id)
    .bind(objective_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A measure of the version by id, with where it sits (`None` when it belongs to another
/// version).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow, serde::Serialize)]
pub struct MeasureItemRow {
    /// Primary key.
    pub id: i64,
    /// The objective.
    pub objective_id: i64,
    /// The objective's number in its goal.
    pub objective_number: i64,
    /// The goal's number.
    pub goal_number: i64,
    /// The objective's owning organisation (a measure's owner is its objective's).
    pub objective_owner: Option<i64>,
    /// Order among the objective's measures.
    pub position: i64,
    /// What is measured.
    pub indicator: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value aimed for.
    pub target: Option<f64>,
    /// Unit.
    pub unit: String,
    /// When the target should be met.
    pub due_date: Option<Date>,
    /// TLP label.
    pub tlp: Tlp,
}

/// A measure of the version by id.
pub async fn find_measure(
    conn: &mut Conn,
    version_id: i64,
    measure_id: i64,
) -> Result<Option<MeasureItemRow>, DbError> {
    let row = sqlx::query_as::<_, MeasureItemRow>(
        "SELECT m.id, m.objective_id, o.number AS objective_number, g.number AS goal_number,
                o.owner_organisation_id AS objective_owner, m.position, m.indicator,
                m.baseline, m.target, m.unit, m.due_date, m.tlp
         FROM measures m
         JOIN objectives o ON o.id = m.objective_id
         JOIN goals g ON g.id = o.goal_id
         WHERE o.plan_version_id = $1 AND m.id = $2",
    )
    .bind(version_id)
    .bind(measure_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The new text and label of a goal or objective, saved against a revision.
#[derive(Clone, Debug)]
pub struct ItemEdit {
    /// The goal or objective.
    pub id: i64,
    /// The revision the author started from.
    pub expected_revision: i64,
    /// New title.
    pub title: String,
    /// New Markdown description.
    pub description: String,
    /// New label.
    pub tlp: Tlp,
    /// When.
    pub saved_at: Timestamp,
}

/// Saves a goal and returns its new revision. A save against a stale revision is refused
/// with [`DbError::Conflict`] naming the goal (no lost update).
pub async fn update_goal(conn: &mut Conn, edit: ItemEdit, name: &str) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "UPDATE goals
         SET title = $3, description = $4, tlp = $5, revision = revision + 1, updated_at = $6
         WHERE id = $1 AND revision = $2
         RETURNING revision",
    )
    .bind(edit.id)
    .bind(edit.expected_revision)
    .bind(edit.title)
    .bind(edit.description)
    .bind(edit.tlp)
    .bind(edit.saved_at)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| stale(name))
}

/// Saves an objective and returns its new revision; a stale save is refused as for goals.
pub async fn update_objective(conn: &mut Conn, edit: ItemEdit, name: &str) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "UPDATE objectives
         SET title = $3, description = $4, tlp = $5, revision = revision + 1, updated_at = $6
         WHERE id = $1 AND revision = $2
         RETURNING revision",
    )
    .bind(edit.id)
    .bind(edit.expected_revision)
    .bind(edit.title)
    .bind(edit.description)
    .bind(edit.tlp)
    .bind(edit.saved_at)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| stale(name))
}

fn stale(name: &str) -> DbError {
    DbError::Conflict(
        [
            name,
            " was changed by someone else since you opened it. Reload the page to see their \
             change, then make yours again.",
        ]
        .concat(),
    )
}

/// The next goal number of a version.
pub async fn next_goal_number(conn: &mut Conn, version_id: i64) -> Result<i64, DbError> {
    let next = sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM goals WHERE plan_version_id = $1",
    )
    .bind(version_id)
    .fetch_one(conn)
    .await?;
    Ok(next)
}

/// The next objective number of a goal.
pub async fn next_objective_number(conn: &mut Conn, goal_id: i64) -> Result<i64, DbError> {
    let next = sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM objectives WHERE goal_id = $1",
    )
    .bind(goal_id)
    .fetch_one(conn)
    .await?;
    Ok(next)
}

/// The next measure position of an objective.
pub async fn next_measure_position(conn: &mut Conn, objective_id: i64) -> Result<i64, DbError> {
    let next = sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM measures WHERE objective_id = $1",
    )
    .bind(objective_id)
    .fetch_one(conn)
    .await?;
    Ok(next)
}

/// The next free goal key of a plan: `G<n>` with `n` one more than the highest the plan
/// has ever used (in any version), so that a retired key is never given to a new goal.
pub async fn next_goal_key(conn: &mut Conn, plan_id: i64) -> Result<String, DbError> {
    let keys = sqlx::query_scalar::<_, String>("SELECT key FROM goal_keys WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_all(conn)
        .await?;
    Ok(next_key("G", &keys))
}

/// The next free objective key under a goal key: `<goal key>.O<m>`, `m` one more than the
/// highest the plan has ever used under that goal key.
pub async fn next_objective_key(
    conn: &mut Conn,
    plan_id: i64,
    goal_key: &str,
) -> Result<String, DbError> {
    let keys = sqlx::query_scalar::<_, String>("SELECT key FROM objective_keys WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_all(conn)
        .await?;
    Ok(next_key(&[goal_key, ".O"].concat(), &keys))
}

/// `prefix` followed by one more than the highest number any of `keys` has after `prefix`.
fn next_key(prefix: &str, keys: &[String]) -> String {
    let highest = keys
        .iter()
        .filter_map(|k| k.strip_prefix(prefix))
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|rest| rest.parse::<i64>().ok())
        .max()
        .unwrap_or(0);
    [prefix, &(highest + 1).to_string()].concat()
}

/// The new values of a measure.
#[derive(Clone, Debug)]
pub struct MeasureEdit {
    /// The measure.
    pub id: i64,
    /// What is measured.
    pub indicator: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value aimed for.
    pub target: Option<f64>,
    /// Unit.
    pub unit: String,
    /// When the target should be met.
    pub due_date: Option<Date>,
    /// TLP label.
    pub tlp: Tlp,
    /// When.
    pub saved_at: Timestamp,
}

/// Saves a measure (measures carry no revision: the last save wins).
pub async fn update_measure(conn: &mut Conn, edit: MeasureEdit) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE measures
         SET indicator = $2, baseline = $3, target = $4, unit = $5, due_date = $6, tlp = $7,
             updated_at = $8
         WHERE id = $1",
    )
    .bind(edit.id)
    .bind(edit.indicator)
    .bind(edit.baseline)
    .bind(edit.target)
    .bind(edit.unit)
    .bind(edit.due_date)
    .bind(edit.tlp)
    .bind(edit.saved_at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Deletes a measure of a draft, with its TLP:RED recipient list (which has no foreign key
/// to follow, and must not pass to a later measure that reuses the id).
pub async fn delete_measure(conn: &mut Conn, measure_id: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM tlp_red_recipients WHERE record_type = 'measure' AND record_id = $1")
        .bind(measure_id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM measures WHERE id = $1")
        .bind(measure_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|k| (*k).to_owned()).collect()
    }

    #[test]
    fn a_new_key_follows_the_highest_ever_used() {
        assert_eq!(next_key("G", &[]), "G1");
        assert_eq!(next_key("G", &keys(&["G1", "G2", "G4"])), "G5");
        // Other shapes of key are not counted.
        assert_eq!(next_key("G", &keys(&["G1", "GX", "G", "G2a", "g9"])), "G2");
        assert_eq!(
            next_key("G4.O", &keys(&["G4.O1", "G4.O6", "G40.O9", "G1.O7"])),
            "G4.O7"
        );
    }

    fn row(goal: i64, objective: Option<i64>, measure: Option<i64>) -> OutlineRow {
        OutlineRow {
            goal_id: goal,
            goal_key: ["G", &goal.to_string()].concat(),
            goal_number: goal,
            goal_title: "Goal".to_owned(),
            goal_description: String::new(),
            goal_tlp: Tlp::Clear,
            goal_owner: None,
            goal_revision: 1,
            objective_id: objective,
            objective_key: objective.map(|o| ["O", &o.to_string()].concat()),
            objective_number: objective,
            objective_title: objective.map(|_| "Objective".to_owned()),
            objective_description: objective.map(|_| String::new()),
            objective_tlp: objective.map(|_| Tlp::Green),
            objective_owner: None,
            objective_revision: objective.map(|_| 2),
            measure_id: measure,
            measure_position: measure,
            indicator: measure.map(|_| "Indicator".to_owned()),
            baseline: measure.map(|_| 1.0),
            target: None,
            unit: measure.map(|_| "%".to_owned()),
            due_date: None,
            measure_tlp: measure.map(|_| Tlp::Green),
        }
    }

    #[test]
    fn flat_rows_fold_into_goals_objectives_and_measures() {
        let goals = assemble(vec![
            row(1, Some(10), Some(100)),
            row(1, Some(10), Some(101)),
            row(1, Some(11), None),
            row(2, None, None),
        ])
        .expect("assembled");
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[0].objectives.len(), 2);
        assert_eq!(goals[0].objectives[0].measures.len(), 2);
        assert_eq!(goals[0].objectives[0].revision, 2);
        assert_eq!(goals[0].objectives[0].goal_id, 1);
        assert!(goals[0].objectives[1].measures.is_empty());
        assert!(goals[1].objectives.is_empty());
    }
}
