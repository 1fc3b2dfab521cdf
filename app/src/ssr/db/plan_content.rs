//! Reads of the Sector-Specific Plan for its readers: a partnership's plan, its versions,
//! and the whole content of one version (sections, goals, objectives, measures) with the
//! TLP:RED records the viewer is named on.
//!
//! The content of one version is read in a fixed number of queries whatever its size (one
//! for the sections, one flat join of goals, objectives and measures assembled here, one
//! for the viewer's TLP:RED namings), and the caller decides what the viewer may see record
//! by record with `domain::access` (a version's content is bounded). Writes of the plan are
//! in [`super::plans`].

use super::{Conn, DbError};
use crate::domain::plan::PlanVersionStatus;
use crate::domain::records::RecordType;
use crate::domain::{Date, Timestamp, Tlp};
use std::collections::HashSet;

/// A partnership's plan.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PlanRow {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// Title.
    pub title: String,
    /// The working group whose motions adopt its versions.
    pub working_group_id: Option<i64>,
    /// That group's URL key.
    pub working_group_slug: Option<String>,
}

/// The plan of a partnership, if it has one.
pub async fn find_plan(conn: &mut Conn, partnership_id: i64) -> Result<Option<PlanRow>, DbError> {
    let row = sqlx::query_as::<_, PlanRow>(
        "SELECT p.id, p.partnership_id, p.title, p.working_group_id,
                w.slug AS working_group_slug
         FROM plans p LEFT JOIN working_groups w ON w.id = p.working_group_id
         WHERE p.partnership_id = $1",
    )
    .bind(partnership_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A version of a plan, with whether the viewer is one of its named TLP:RED recipients.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PlanVersionRow {
    /// Primary key.
    pub id: i64,
    /// Number in the plan (1, 2, ...).
    pub number: i64,
    /// Title.
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// Where it stands in its life cycle.
    pub status: PlanVersionStatus,
    /// TLP label of the version.
    pub tlp: Tlp,
    /// When it was started.
    pub created_at: Timestamp,
    /// When it was submitted for review.
    pub submitted_at: Option<Timestamp>,
    /// When its adoption motion carried.
    pub adopted_at: Option<Timestamp>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
    /// When a later version replaced it.
    pub superseded_at: Option<Timestamp>,
    /// 1 when the viewer is a named TLP:RED recipient of the version.
    pub named: i64,
}

/// Every version of a plan, newest first, with the namings of `person_id` (-1 for the
/// public). A plan has a handful of versions; the caller keeps those the viewer may read.
pub async fn list_plan_versions(
    conn: &mut Conn,
    plan_id: i64,
    person_id: i64,
) -> Result<Vec<PlanVersionRow>, DbError> {
    let rows = sqlx::query_as::<_, PlanVersionRow>(
        "SELECT v.id, v.number, v.title, v.summary, v.status, v.tlp, v.created_at, v.submitted_at,
                v.adopted_at, v.published_at, v.superseded_at,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'plan_version'
                                  AND r.record_id = v.id AND r.person_id = $2) THEN 1 ELSE 0 END AS named
         FROM plan_versions v
         WHERE v.plan_id = $1
         ORDER BY v.number DESC",
    )
    .bind(plan_id)
    .bind(person_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A section of a version.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct SectionRow {
    /// Primary key.
    pub id: i64,
    /// Stable key across versions.
    pub key: String,
    /// Order in the version.
    pub position: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// TLP label.
    pub tlp: Tlp,
    /// The owning organisation.
    pub owner_organisation_id: Option<i64>,
}

/// One row of the flat join of a version's goals, objectives and measures.
#[derive(Clone, Debug, sqlx::FromRow)]
struct GoalTreeRow {
    goal_id: i64,
    goal_key: String,
    goal_number: i64,
    goal_title: String,
    goal_description: String,
    goal_tlp: Tlp,
    goal_owner: Option<i64>,
    goal_weight: f64,
    objective_id: Option<i64>,
    objective_key: Option<String>,
    objective_number: Option<i64>,
    objective_title: Option<String>,
    objective_description: Option<String>,
    objective_tlp: Option<Tlp>,
    objective_owner: Option<i64>,
    objective_weight: Option<f64>,
    measure_id: Option<i64>,
    indicator: Option<String>,
    baseline: Option<f64>,
    target: Option<f64>,
    unit: Option<String>,
    due_date: Option<Date>,
    measure_tlp: Option<Tlp>,
}

/// A measure of an objective.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureRecord {
    /// Primary key.
    pub id: i64,
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

/// An objective of a goal, with its measures in order.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveRecord {
    /// Primary key.
    pub id: i64,
    /// Stable key across versions (from `objective_keys`).
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
    /// Roll-up weight among its goal's objectives.
    pub weight: f64,
    /// Its measures.
    pub measures: Vec<MeasureRecord>,
}

/// A goal of a version, with its objectives in order.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalRecord {
    /// Primary key.
    pub id: i64,
    /// Stable key across versions (from `goal_keys`).
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
    /// Roll-up weight among the version's goals.
    pub weight: f64,
    /// Its objectives.
    pub objectives: Vec<ObjectiveRecord>,
}

/// Everything one version contains, as stored (not yet filtered for a viewer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VersionContent {
    /// Sections in position order.
    pub sections: Vec<SectionRow>,
    /// Goals in number order.
    pub goals: Vec<GoalRecord>,
}

/// The content of one version in two queries: its sections, and one flat join of goals,
/// objectives and measures assembled into a tree here.
pub async fn load_version_content(
    conn: &mut Conn,
    version_id: i64,
) -> Result<VersionContent, DbError> {
    let sections = sqlx::query_as::<_, SectionRow>(
        "SELECT s.id, s.key, s.position, s.title, s.body, s.tlp, s.owner_organisation_id
         FROM plan_sections s
         WHERE s.plan_version_id = $1
         ORDER BY s.position, s.id",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await?;
    let rows = sqlx::query_as::<_, GoalTreeRow>(
        "SELECT g.id AS goal_id, gk.key AS goal_key, g.number AS goal_number, g.title AS goal_title,
                g.description AS goal_description, g.tlp AS goal_tlp,
                g.owner_organisation_id AS goal_owner, g.weight AS goal_weight,
                o.id AS objective_id, ok.key AS objective_key, o.number AS objective_number,
                o.title AS objective_title, o.description AS objective_description,
                o.tlp AS objective_tlp, o.owner_organisation_id AS objective_owner,
                o.weight AS objective_weight,
                m.id AS measure_id, m.indicator, m.baseline, m.target, m.unit, m.due_date,
                m.tlp AS measure_tlp
         FROM goals g
         JOIN goal_keys gk ON gk.id = g.goal_key_id
         LEFT JOIN objectives o ON o.goal_id = g.id
         LEFT JOIN objective_keys ok ON ok.id = o.objective_key_id
         LEFT JOIN measures m ON m.objective_id = o.id
         WHERE g.plan_version_id = $1
         ORDER BY g.number, g.id, o.number, o.id, m.position, m.id",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(VersionContent {
        sections,
        goals: assemble_goals(rows)?,
    })
}

/// Folds the flat, ordered rows of the goal join into goals, objectives and measures.
fn assemble_goals(rows: Vec<GoalTreeRow>) -> Result<Vec<GoalRecord>, DbError> {
    let mut goals: Vec<GoalRecord> = Vec::new();
    for row in rows {
        if goals.last().is_none_or(|g| g.id != row.goal_id) {
            goals.push(GoalRecord {
                id: row.goal_id,
                key: row.goal_key.clone(),
                number: row.goal_number,
                title: row.goal_title.clone(),
                description: row.goal_description.clone(),
                tlp: row.goal_tlp,
                owner_organisation_id: row.goal_owner,
                weight: row.goal_weight,
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
            let (Some(key), Some(number), Some(title), Some(description), Some(tlp)) = (
                row.objective_key,
                row.objective_number,
                row.objective_title,
                row.objective_description,
                row.objective_tlp,
            ) else {
                return Err(DbError::Corrupt(
                    "objective row with missing columns".to_owned(),
                ));
            };
            goal.objectives.push(ObjectiveRecord {
                id: objective_id,
                key,
                number,
                title,
                description,
                tlp,
                owner_organisation_id: row.objective_owner,
                weight: row.objective_weight.unwrap_or(1.0),
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
        let (Some(indicator), Some(unit), Some(tlp)) = (row.indicator, row.unit, row.measure_tlp)
        else {
            return Err(DbError::Corrupt(
                "measure row with missing columns".to_owned(),
            ));
        };
        objective.measures.push(MeasureRecord {
            id: measure_id,
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

/// The records of one version a person is a named TLP:RED recipient of, as
/// `(record type, record id)` pairs, in one query. Empty for the public.
pub async fn list_named_records(
    conn: &mut Conn,
    version_id: i64,
    person_id: i64,
) -> Result<HashSet<(RecordType, i64)>, DbError> {
    if person_id < 0 {
        return Ok(HashSet::new());
    }
    let rows = sqlx::query_as::<_, (RecordType, i64)>(
        "SELECT r.record_type, r.record_id FROM tlp_red_recipients r
         WHERE r.person_id = $2 AND (
            (r.record_type = 'plan_section' AND r.record_id IN
                (SELECT s.id FROM plan_sections s WHERE s.plan_version_id = $1))
            OR (r.record_type = 'goal' AND r.record_id IN
                (SELECT g.id FROM goals g WHERE g.plan_version_id = $1))
            OR (r.record_type = 'objective' AND r.record_id IN
                (SELECT o.id FROM objectives o WHERE o.plan_version_id = $1))
            OR (r.record_type = 'measure' AND r.record_id IN
                (SELECT m.id FROM measures m JOIN objectives o ON o.id = m.objective_id
                  WHERE o.plan_version_id = $1)))",
    )
    .bind(version_id)
    .bind(person_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(goal: i64, objective: Option<i64>, measure: Option<i64>) -> GoalTreeRow {
        GoalTreeRow {
            goal_id: goal,
            goal_key: ["G", &goal.to_string()].concat(),
            goal_number: goal,
            goal_title: "Goal".to_owned(),
            goal_description: String::new(),
            goal_tlp: Tlp::Clear,
            goal_owner: None,
            goal_weight: 1.0,
            objective_id: objective,
            objective_key: objective.map(|o| ["O", &o.to_string()].concat()),
            objective_number: objective,
            objective_title: objective.map(|_| "Objective".to_owned()),
            objective_description: objective.map(|_| String::new()),
            objective_tlp: objective.map(|_| Tlp::Green),
            objective_owner: None,
            objective_weight: objective.map(|_| 2.0),
            measure_id: measure,
            indicator: measure.map(|_| "Indicator".to_owned()),
            baseline: measure.map(|_| 1.0),
            target: measure.map(|_| 2.0),
            unit: measure.map(|_| "%".to_owned()),
            due_date: None,
            measure_tlp: measure.map(|_| Tlp::Green),
        }
    }

    #[test]
    fn flat_rows_fold_into_goals_objectives_and_measures() {
        let goals = assemble_goals(vec![
            row(1, Some(10), Some(100)),
            row(1, Some(10), Some(101)),
            row(1, Some(11), None),
            row(2, None, None),
            row(3, Some(30), Some(300)),
        ])
        .expect("well-formed rows");
        assert_eq!(goals.len(), 3);
        assert_eq!(goals[0].objectives.len(), 2);
        assert_eq!(goals[0].objectives[0].measures.len(), 2);
        assert!(goals[0].objectives[1].measures.is_empty());
        assert!(goals[1].objectives.is_empty());
        assert_eq!(goals[2].objectives[0].key, "O30");
        assert_eq!(goals[2].objectives[0].measures[0].id, 300);
    }

    #[test]
    fn an_objective_row_with_missing_columns_is_corrupt() {
        let mut broken = row(1, Some(10), None);
        broken.objective_title = None;
        assert!(matches!(
            assemble_goals(vec![broken]),
            Err(DbError::Corrupt(_))
        ));
    }
}
