//! The weights with which progress rolls up the published plan: objective → goal → plan.
//! Equal by default; the secretariat sets them on the published version (a reporting
//! choice, not plan text, so it needs no new version and no vote). Every change is audited,
//! and a draft copied from the published version carries its weights forward.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The largest weight.
pub const MAX_WEIGHT: f64 = 100.0;

/// An objective's weight in the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveWeight {
    /// Row id (the form field is `input[objectives][<id>]`).
    pub id: i64,
    /// Number in the version, e.g. `1.2`.
    pub number: String,
    /// Title.
    pub title: String,
    /// Current weight.
    pub weight: f64,
}

/// A goal's weight and its objectives' in the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalWeight {
    /// Row id (the form field is `input[goals][<id>]`).
    pub id: i64,
    /// Number in the version.
    pub number: i64,
    /// Title.
    pub title: String,
    /// Current weight.
    pub weight: f64,
    /// Its objectives.
    pub objectives: Vec<ObjectiveWeight>,
}

/// The weights page: the published version's goals and objectives with their weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanWeights {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// The published version's number.
    pub version_number: i64,
    /// Its title.
    pub version_title: String,
    /// Its goals in order.
    pub goals: Vec<GoalWeight>,
}

/// The weights as posted: row id → the text typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WeightsInput {
    /// Goal id → weight.
    #[serde(default)]
    pub goals: HashMap<String, String>,
    /// Objective id → weight.
    #[serde(default)]
    pub objectives: HashMap<String, String>,
}

/// The form field (and error key) of a goal's weight.
pub fn goal_field(id: i64) -> String {
    format!("goal-{id}")
}

/// The form field (and error key) of an objective's weight.
pub fn objective_field(id: i64) -> String {
    format!("objective-{id}")
}

/// A weight typed by a person: a number from 0 to [`MAX_WEIGHT`].
pub fn parse_weight(text: &str) -> Result<f64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter a weight from 0 to 100.".to_owned());
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(w) if w.is_finite() && (0.0..=MAX_WEIGHT).contains(&w) => Ok(w),
        _ => Err(format!(
            "The weight must be a number from 0 to 100, not \u{201c}{text}\u{201d}."
        )),
    }
}

/// Checks posted weights against the version's goals and objectives: every one must be
/// given and valid, the goals' weights must not all be zero, nor the objectives' of any goal
/// that has some. Returns (goal id, weight) and (objective id, weight), or every field's
/// error.
#[expect(clippy::type_complexity, reason = "two plain lists of (id, weight)")]
pub fn validate_weights(
    goals: &[GoalWeight],
    input: &WeightsInput,
) -> Result<(Vec<(i64, f64)>, Vec<(i64, f64)>), crate::error::FieldErrors> {
    let mut errors = crate::error::FieldErrors::new();
    let mut goal_weights = Vec::new();
    let mut objective_weights = Vec::new();
    let take =
        |field: String, given: Option<&String>, errors: &mut crate::error::FieldErrors| match given
            .map(|t| parse_weight(t))
        {
            Some(Ok(w)) => Some(w),
            Some(Err(message)) => {
                errors.insert(field, vec![message]);
                None
            }
            None => {
                errors.insert(field, vec!["Enter a weight from 0 to 100.".to_owned()]);
                None
            }
        };
    for goal in goals {
        if let Some(w) = take(
            goal_field(goal.id),
            input.goals.get(&goal.id.to_string()),
            &mut errors,
        ) {
            goal_weights.push((goal.id, w));
        }
        let mut sum = 0.0;
        let mut complete = true;
        for o in &goal.objectives {
            match take(
                objective_field(o.id),
                input.objectives.get(&o.id.to_string()),
                &mut errors,
            ) {
                Some(w) => {
                    sum += w;
                    objective_weights.push((o.id, w));
                }
                None => complete = false,
            }
        }
        if complete && !goal.objectives.is_empty() && sum == 0.0 {
            errors.insert(
                objective_field(goal.objectives[0].id),
                vec![format!(
                    "Goal {}'s objectives cannot all weigh 0: give at least one a weight.",
                    goal.number
                )],
            );
        }
    }
    if errors.is_empty() && !goals.is_empty() && goal_weights.iter().all(|(_, w)| *w == 0.0) {
        errors.insert(
            goal_field(goals[0].id),
            vec!["The goals cannot all weigh 0: give at least one a weight.".to_owned()],
        );
    }
    if errors.is_empty() {
        Ok((goal_weights, objective_weights))
    } else {
        Err(errors)
    }
}

/// The published version's weights, for the secretariat.
#[server(endpoint = "get_plan_weights")]
pub async fn get_plan_weights(
    /// The partnership's URL key.
    partnership: String,
) -> Result<PlanWeights, AppError> {
    crate::ssr::error::serve(imp::get_plan_weights(partnership)).await
}

/// Sets the published version's weights (the secretariat). Audited.
#[server(endpoint = "save_plan_weights")]
pub async fn save_plan_weights(
    /// The partnership's URL key.
    partnership: String,
    /// The weights.
    input: WeightsInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::save_plan_weights(partnership, input)).await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::partnerships::visible_partnership;
    use crate::domain::Timestamp;
    use crate::domain::Tlp;
    use crate::domain::access::{Action, Resource};
    use crate::domain::plan::PlanVersionStatus;
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::{Conn, DbError, plan_content as q, plans};
    use crate::ssr::state::AppState;
    use serde_json::json;

    /// The partnership, its published version and that version's weights, for a viewer
    /// who may set them.
    async fn load(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
    ) -> Result<(i64, PlanWeights), AppError> {
        let p = visible_partnership(conn, viewer, partnership).await?;
        viewer.authorize(Action::SetWeights, &Resource::partnership(p.id, Tlp::Green))?;
        let plan = q::find_plan(conn, p.id).await?.ok_or(AppError::NotFound)?;
        let version = q::list_plan_versions(conn, plan.id, viewer.visibility().person_id)
            .await?
            .into_iter()
            .find(|v| v.status == PlanVersionStatus::Published)
            .ok_or_else(|| {
                AppError::Conflict(
                    "The plan has no published version yet: weights are set on the published \
                     version."
                        .to_owned(),
                )
            })?;
        let content = q::load_version_content(conn, version.id).await?;
        let goals = content
            .goals
            .into_iter()
            .map(|g| GoalWeight {
                id: g.id,
                number: g.number,
                title: g.title,
                weight: g.weight,
                objectives: g
                    .objectives
                    .into_iter()
                    .map(|o| ObjectiveWeight {
                        id: o.id,
                        number: format!("{}.{}", g.number, o.number),
                        title: o.title,
                        weight: o.weight,
                    })
                    .collect(),
            })
            .collect();
        Ok((
            version.id,
            PlanWeights {
                partnership_slug: p.slug,
                partnership_short_name: p.short_name,
                version_number: version.number,
                version_title: version.title,
                goals,
            },
        ))
    }

    pub async fn get_plan_weights(partnership: String) -> Result<PlanWeights, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let (_, weights) = load(&mut tx, &viewer, &partnership).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(weights)
    }

    pub async fn save_plan_weights(
        partnership: String,
        input: WeightsInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (version_id, current) = load(&mut tx, &viewer, &partnership).await?;
        let (goals, objectives) =
            validate_weights(&current.goals, &input).map_err(AppError::Invalid)?;
        let changed =
            plans::update_weights(&mut tx, version_id, &goals, &objectives, Timestamp::now())
                .await?;
        if changed > 0 {
            let before: Vec<_> = current
                .goals
                .iter()
                .map(|g| {
                    json!({
                        "goal": g.number,
                        "weight": g.weight,
                        "objectives": g.objectives.iter().map(|o| json!({ "objective": o.number, "weight": o.weight })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let event = AuditEvent::new("plan_weights_set", "plan_version", Some(version_id))
                .by_viewer(&viewer)
                .before(json!(before))
                .after(json!({ "goals": goals, "objectives": objectives }));
            audit::record(&mut tx, event).await?;
        }
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "/p/{}/plan/weights?saved={}",
            current.partnership_slug,
            if changed > 0 { "saved" } else { "unchanged" }
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Vec<GoalWeight> {
        let objective = |id: i64, number: &str| ObjectiveWeight {
            id,
            number: number.to_owned(),
            title: "o".to_owned(),
            weight: 1.0,
        };
        vec![
            GoalWeight {
                id: 1,
                number: 1,
                title: "g1".to_owned(),
                weight: 1.0,
                objectives: vec![objective(11, "1.1"), objective(12, "1.2")],
            },
            GoalWeight {
                id: 2,
                number: 2,
                title: "g2".to_owned(),
                weight: 1.0,
                objectives: vec![objective(21, "2.1")],
            },
        ]
    }

    fn input(goals: &[(&str, &str)], objectives: &[(&str, &str)]) -> WeightsInput {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        WeightsInput {
            goals: map(goals),
            objectives: map(objectives),
        }
    }

    #[test]
    fn weights_are_numbers_from_zero_to_a_hundred() {
        assert_eq!(parse_weight(" 2.5 "), Ok(2.5));
        assert_eq!(parse_weight("0"), Ok(0.0));
        assert_eq!(parse_weight("1,5"), Ok(1.5));
        for bad in ["", "-1", "101", "NaN", "inf", "two"] {
            assert!(parse_weight(bad).is_err(), "{bad:?} refused");
        }
    }

    #[test]
    fn every_weight_is_checked_and_each_error_names_its_field() {
        let ok = validate_weights(
            &plan(),
            &input(
                &[("1", "3"), ("2", "1")],
                &[("11", "1"), ("12", "0"), ("21", "2")],
            ),
        )
        .expect("valid");
        assert_eq!(ok.0, vec![(1, 3.0), (2, 1.0)]);
        assert_eq!(ok.1, vec![(11, 1.0), (12, 0.0), (21, 2.0)]);

        let errors = validate_weights(
            &plan(),
            &input(&[("1", "x")], &[("11", "1"), ("12", "200"), ("21", "1")]),
        )
        .expect_err("invalid");
        assert_eq!(
            errors.keys().cloned().collect::<Vec<_>>(),
            ["goal-1", "goal-2", "objective-12"]
        );
    }

    #[test]
    fn zero_everywhere_is_refused_because_nothing_would_count() {
        let errors = validate_weights(
            &plan(),
            &input(
                &[("1", "0"), ("2", "0")],
                &[("11", "1"), ("12", "1"), ("21", "1")],
            ),
        )
        .expect_err("all goals zero");
        assert!(errors.contains_key("goal-1"));
        let errors = validate_weights(
            &plan(),
            &input(
                &[("1", "1"), ("2", "1")],
                &[("11", "0"), ("12", "0"), ("21", "1")],
            ),
        )
        .expect_err("a goal's objectives all zero");
        assert!(errors.contains_key("objective-11"));
    }
}
