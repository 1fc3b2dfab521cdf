//! The secretariat's progress weights on the demo data, on SQLite and PostgreSQL: only the
//! secretariat sets them, every field is checked and named, and the roll-up follows them.

mod common;

use app::api::plan_weights::PlanWeights;
use common::TestApp;
use reqwest::StatusCode;
use serde_json::Value;

fn refs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn public_json(app: &TestApp, path: &str) -> Value {
    let (status, body) = app.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

db_test!(
    the_secretariat_sets_weights_and_progress_follows_them,
    true,
    |app| {
        let args = [("partnership", "us-hph")];
        let (status, _) = app.call("get_plan_weights", &args).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let member = app.signed_in("emily.carter@northwind.example").await;
        let (status, _) = app.call_with(&member, "get_plan_weights", &args).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app
            .call_with(
                &member,
                "save_plan_weights",
                &[("partnership", "us-hph"), ("input[goals][1]", "2")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let (status, body) = app.call_with(&secretariat, "get_plan_weights", &args).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let weights: PlanWeights = serde_json::from_str(&body).expect("weights");
        assert!(
            weights.goals.iter().all(|g| g.weight == 1.0),
            "equal by default"
        );

        // A goal whose objectives progress differently, as the public sees them.
        let base = format!(
            "/api/v1/partnerships/us-hph/plan-versions/{}",
            weights.version_number
        );
        let objectives = public_json(app, &format!("{base}/objectives?per_page=200")).await;
        let progress_of = |key: &str| {
            objectives["data"]
                .as_array()
                .expect("objectives")
                .iter()
                .find(|o| o["key"] == key)
                .and_then(|o| o["progress_percent"].as_f64())
        };
        let goals = public_json(app, &format!("{base}/goals")).await;
        let (goal_key, first_key) = goals["data"]
            .as_array()
            .expect("goals")
            .iter()
            .find_map(|g| {
                let keys: Vec<&str> = g["objective_keys"]
                    .as_array()?
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                let first = *keys.first()?;
                let p = progress_of(first)?;
                let differs = keys[1..]
                    .iter()
                    .any(|k| progress_of(k).is_some_and(|q| (q - p).abs() > 1.0));
                differs.then(|| {
                    (
                        g["key"].as_str().unwrap_or_default().to_owned(),
                        first.to_owned(),
                    )
                })
            })
            .expect("a goal whose objectives progress differently");
        let goal = weights
            .goals
            .iter()
            .find(|g| {
                goals["data"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|v| v["key"] == goal_key.as_str() && v["number"] == g.number)
            })
            .expect("the goal in the form");

        // Every weight is checked; each bad one is named.
        let mut form: Vec<(String, String)> = vec![("partnership".into(), "us-hph".into())];
        for g in &weights.goals {
            form.push((format!("input[goals][{}]", g.id), "1".into()));
            for o in &g.objectives {
                form.push((format!("input[objectives][{}]", o.id), "1".into()));
            }
        }
        let bad: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| {
                if *k == format!("input[goals][{}]", goal.id) {
                    (k.clone(), "lots".to_owned())
                } else {
                    (k.clone(), v.clone())
                }
            })
            .collect();
        let (status, body) = app
            .call_with(&secretariat, "save_plan_weights", &refs(&bad))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains(&format!("goal-{}", goal.id)), "{body}");

        // Only the goal's first objective counts: the goal's progress becomes that objective's.
        let mut form = form.clone();
        for (k, v) in form.iter_mut() {
            for (i, o) in goal.objectives.iter().enumerate() {
                if *k == format!("input[objectives][{}]", o.id) {
                    *v = if i == 0 { "1".into() } else { "0".into() };
                }
            }
        }
        let (status, body) = app
            .call_with(&secretariat, "save_plan_weights", &refs(&form))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let goals = public_json(app, &format!("{base}/goals")).await;
        let now = goals["data"]
            .as_array()
            .expect("goals")
            .iter()
            .find(|g| g["key"] == goal_key.as_str())
            .and_then(|g| g["progress_percent"].as_f64())
            .expect("progress");
        let expected = progress_of(&first_key).expect("the first objective's progress");
        assert!((now - expected).abs() < 0.01, "{now} != {expected}");

        // Saved once, audited once; saving the same again changes nothing.
        let (status, _) = app
            .call_with(&secretariat, "save_plan_weights", &refs(&form))
            .await;
        assert_eq!(status, StatusCode::OK);
        let audited = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'plan_weights_set'",
        )
        .fetch_one(app.db.pool())
        .await
        .expect("count");
        assert_eq!(audited, 1);
    }
);
