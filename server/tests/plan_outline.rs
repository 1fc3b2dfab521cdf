//! Editing the goals, objectives and measures of a draft through the HTTP endpoints: saves
//! are audited and refused when stale, new goals and objectives get fresh stable keys,
//! every bad field is named with nothing written, only the draft is edited and only by its
//! authors, and lowering a label is the secretariat's. SQLite and PostgreSQL.

mod common;

use app::api::plan_outline::{GoalDraft, ObjectiveDraft, PlanOutline};
use app::error::AppError;
use app::ssr::db::audit;
use common::TestApp;
use reqwest::StatusCode;

async fn events(app: &TestApp, action: &str, record_type: &str) -> usize {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let filter = audit::AuditFilter {
        action: Some(action.to_owned()),
        record_type: Some(record_type.to_owned()),
        ..Default::default()
    };
    audit::list_events(&mut conn, &filter, 10_000, 0)
        .await
        .expect("events")
        .len()
}

/// Every audit event, to check that a refused change wrote nothing.
async fn all_events(app: &TestApp) -> usize {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    audit::list_events(&mut conn, &audit::AuditFilter::default(), 100_000, 0)
        .await
        .expect("events")
        .len()
}

async fn outline(app: &TestApp, client: &reqwest::Client, number: &str) -> PlanOutline {
    let (status, body) = app
        .call_with(
            client,
            "get_plan_outline",
            &[("slug", "us-hph"), ("number", number)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("outline")
}

fn goal(outline: &PlanOutline, number: i64) -> &GoalDraft {
    outline
        .goals
        .iter()
        .find(|g| g.number == number)
        .expect("goal")
}

fn objective(outline: &PlanOutline, goal_number: i64, number: i64) -> &ObjectiveDraft {
    goal(outline, goal_number)
        .objectives
        .iter()
        .find(|o| o.number == number)
        .expect("objective")
}

/// The fields an `Invalid` answer names.
fn invalid_fields(body: &str) -> Vec<String> {
    match serde_json::from_str::<AppError>(body) {
        Ok(AppError::Invalid(fields)) => fields.keys().cloned().collect(),
        other => panic!("expected Invalid, got {other:?} from {body}"),
    }
}

async fn update_goal(
    app: &TestApp,
    client: &reqwest::Client,
    version: &str,
    goal: &GoalDraft,
    revision: i64,
    title: &str,
    tlp: &str,
) -> (StatusCode, String) {
    let (id, revision) = (goal.id.to_string(), revision.to_string());
    app.call_with(
        client,
        "update_plan_goal",
        &[
            ("partnership", "us-hph"),
            ("number", version),
            ("goal", id.as_str()),
            ("revision", revision.as_str()),
            ("title", title),
            ("description", goal.description.as_str()),
            ("tlp", tlp),
        ],
    )
    .await
}

async fn add_measure(
    app: &TestApp,
    client: &reqwest::Client,
    objective: &ObjectiveDraft,
    fields: [(&str, &str); 6],
) -> (StatusCode, String) {
    let id = objective.id.to_string();
    let mut form = vec![
        ("partnership", "us-hph"),
        ("number", "2"),
        ("objective", id.as_str()),
    ];
    let fields = fields.map(|(name, value)| (format!("input[{name}]"), value));
    form.extend(fields.iter().map(|(name, value)| (name.as_str(), *value)));
    app.call_with(client, "add_plan_measure", &form).await
}

db_test!(
    the_secretariat_edits_a_goal_and_a_stale_save_is_refused,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let co_author = app.signed_in("representative@lakeview.example").await;
        let before = outline(app, &secretariat, "2").await;
        let goal_1 = goal(&before, 1).clone();
        let updates = events(app, "update", "goal").await;

        let (status, body) = update_goal(
            app,
            &secretariat,
            "2",
            &goal_1,
            goal_1.revision,
            "Essential and enhanced performance goals",
            goal_1.tlp.code(),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = outline(app, &secretariat, "2").await;
        assert_eq!(
            goal(&after, 1).title,
            "Essential and enhanced performance goals"
        );
        assert_eq!(goal(&after, 1).revision, goal_1.revision + 1);
        assert_eq!(goal(&after, 1).key, "G1");
        assert_eq!(events(app, "update", "goal").await, updates + 1);

        // The co-author opened the goal before that save: theirs is refused, nothing changes.
        let written = all_events(app).await;
        let (status, body) = update_goal(
            app,
            &co_author,
            "2",
            &goal_1,
            goal_1.revision,
            "Industry's title",
            goal_1.tlp.code(),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(
            body.contains("Goal 1 was changed by someone else"),
            "{body}"
        );
        let now = outline(app, &co_author, "2").await;
        assert_eq!(
            goal(&now, 1).title,
            "Essential and enhanced performance goals"
        );
        assert_eq!(goal(&now, 1).revision, goal_1.revision + 1);
        assert_eq!(all_events(app).await, written);

        // Based on the current revision, the co-author's save goes through.
        let (status, body) = update_goal(
            app,
            &co_author,
            "2",
            goal(&now, 1),
            goal_1.revision + 1,
            "Industry's title",
            goal_1.tlp.code(),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        // The published version still has its own title.
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let title = sqlx::query_scalar::<_, String>(
            "SELECT g.title FROM goals g
             JOIN plan_versions v ON v.id = g.plan_version_id
             JOIN plans p ON p.id = v.plan_id
             JOIN partnerships ps ON ps.id = p.partnership_id
             WHERE ps.slug = 'us-hph' AND v.number = 1 AND g.number = 1",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("title");
        assert_eq!(title, "Essential cybersecurity performance goals");
    }
);

db_test!(
    added_goals_and_objectives_get_new_stable_keys_and_numbers,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let before = outline(app, &secretariat, "2").await;
        let goals = before.goals.len() as i64;
        let created = events(app, "create", "goal").await;

        let (status, body) = app
            .call_with(
                &secretariat,
                "add_plan_goal",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("title", "Medical device security"),
                    (
                        "description",
                        "Connected devices are *patched* and monitored.",
                    ),
                    ("tlp", "green"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "create", "goal").await, created + 1);
        let after = outline(app, &secretariat, "2").await;
        let new_goal = goal(&after, goals + 1).clone();
        assert_eq!(new_goal.title, "Medical device security");
        assert_eq!(new_goal.key, format!("G{}", goals + 1));
        assert_eq!(new_goal.revision, 1);
        assert!(new_goal.objectives.is_empty());

        // An objective under the new goal, and one more under goal 4 (which has six).
        for (goal_id, title) in [
            (new_goal.id, "Inventory of connected devices"),
            (
                goal(&after, 4).id,
                "Shared incident exercises with suppliers",
            ),
        ] {
            let goal_id = goal_id.to_string();
            let (status, body) = app
                .call_with(
                    &secretariat,
                    "add_plan_objective",
                    &[
                        ("partnership", "us-hph"),
                        ("number", "2"),
                        ("goal", goal_id.as_str()),
                        ("title", title),
                        ("description", ""),
                        ("tlp", "clear"),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        let after = outline(app, &secretariat, "2").await;
        let first = objective(&after, goals + 1, 1).clone();
        assert_eq!(first.key, format!("G{}.O1", goals + 1));
        assert_eq!(first.title, "Inventory of connected devices");
        let goal_4 = goal(&after, 4);
        let last = goal_4.objectives.last().expect("objectives");
        assert_eq!(last.title, "Shared incident exercises with suppliers");
        assert_eq!(last.number, 7);
        assert_eq!(last.key, "G4.O7");
        assert_eq!(events(app, "create", "objective").await, 2);

        // A measure on the new objective, then edited, then deleted.
        let (status, body) = add_measure(
            app,
            &secretariat,
            &first,
            [
                ("indicator", "Hospitals with a device inventory"),
                ("baseline", "12"),
                ("target", "80.5"),
                ("unit", "%"),
                ("due_date", "2028-12-31"),
                ("tlp", "green"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = outline(app, &secretariat, "2").await;
        let measures = &objective(&after, goals + 1, 1).measures;
        assert_eq!(measures.len(), 1);
        let measure = measures[0].clone();
        assert_eq!(measure.indicator, "Hospitals with a device inventory");
        assert_eq!((measure.baseline, measure.target), (Some(12.0), Some(80.5)));
        assert_eq!(
            measure.due_date.map(|d| d.to_db_text()).as_deref(),
            Some("2028-12-31")
        );
        assert_eq!(events(app, "create", "measure").await, 1);

        let id = measure.id.to_string();
        let (status, body) = app
            .call_with(
                &secretariat,
                "update_plan_measure",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("measure", id.as_str()),
                    (
                        "input[indicator]",
                        "Hospitals with a complete device inventory",
                    ),
                    ("input[baseline]", ""),
                    ("input[target]", "90"),
                    ("input[unit]", "%"),
                    ("input[due_date]", ""),
                    ("input[tlp]", "green"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = outline(app, &secretariat, "2").await;
        let edited = &objective(&after, goals + 1, 1).measures[0];
        assert_eq!(
            edited.indicator,
            "Hospitals with a complete device inventory"
        );
        assert_eq!(
            (edited.baseline, edited.target, edited.due_date),
            (None, Some(90.0), None)
        );
        assert_eq!(events(app, "update", "measure").await, 1);

        let (status, body) = app
            .call_with(
                &secretariat,
                "delete_plan_measure",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("measure", id.as_str()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = outline(app, &secretariat, "2").await;
        assert!(objective(&after, goals + 1, 1).measures.is_empty());
        assert_eq!(events(app, "delete", "measure").await, 1);

        // The workspace links to the page, and the page lists the new goal.
        let (status, page) = {
            let res = secretariat
                .get(app.url("/p/us-hph/plan/v/2/outline"))
                .send()
                .await
                .expect("GET");
            (res.status(), res.text().await.expect("body"))
        };
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Medical device security"), "outline page");
        assert!(page.contains(r#"id="edit-goal-1""#), "outline page");
        let res = secretariat
            .get(app.url("/p/us-hph/plan/v/2/workspace"))
            .send()
            .await
            .expect("GET");
        assert!(
            res.text()
                .await
                .expect("body")
                .contains(r#"id="edit-outline""#)
        );
    }
);

db_test!(bad_fields_are_named_and_nothing_is_written, true, |app| {
    let secretariat = app.signed_in("secretariat@aspr.example").await;
    let before = outline(app, &secretariat, "2").await;
    let written = all_events(app).await;
    let goal_1 = goal(&before, 1).clone();
    let objective_1_1 = objective(&before, 1, 1).clone();

    let (status, body) = update_goal(
        app,
        &secretariat,
        "2",
        &goal_1,
        goal_1.revision,
        "   ",
        "clear",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        invalid_fields(&body).contains(&"title".to_owned()),
        "{body}"
    );

    let (status, body) = update_goal(
        app,
        &secretariat,
        "2",
        &goal_1,
        goal_1.revision,
        "Goal",
        "purple",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(invalid_fields(&body).contains(&"tlp".to_owned()), "{body}");

    let good = [
        ("indicator", "Members with MFA"),
        ("baseline", "10"),
        ("target", "90"),
        ("unit", "%"),
        ("due_date", "2027-06-30"),
        ("tlp", "green"),
    ];
    for (field, value) in [
        ("target", "abc"),
        ("due_date", "2026-13-40"),
        ("tlp", "purple"),
        ("indicator", ""),
    ] {
        let mut fields = good;
        for entry in &mut fields {
            if entry.0 == field {
                entry.1 = value;
            }
        }
        let (status, body) = add_measure(app, &secretariat, &objective_1_1, fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        let named = invalid_fields(&body);
        assert!(named.contains(&field.to_owned()), "{field}: {body}");
        // One message per wrong field, plus the form it came from.
        assert_eq!(named.len(), 2, "{body}");
    }

    let (status, body) = app
        .call_with(
            &secretariat,
            "add_plan_goal",
            &[
                ("partnership", "us-hph"),
                ("number", "2"),
                ("title", ""),
                ("description", ""),
                ("tlp", "purple"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let named = invalid_fields(&body);
    assert!(named.contains(&"title".to_owned()) && named.contains(&"tlp".to_owned()));

    assert_eq!(outline(app, &secretariat, "2").await, before);
    assert_eq!(all_events(app).await, written);
});

db_test!(
    only_the_draft_is_edited_and_only_by_its_authors,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let draft = outline(app, &secretariat, "2").await;
        let goal_1 = goal(&draft, 1).clone();

        // The published version is not a draft.
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let published_goal = sqlx::query_scalar::<_, i64>(
            "SELECT g.id FROM goals g
             JOIN plan_versions v ON v.id = g.plan_version_id
             JOIN plans p ON p.id = v.plan_id
             JOIN partnerships ps ON ps.id = p.partnership_id
             WHERE ps.slug = 'us-hph' AND v.number = 1 AND v.status = 'published'
               AND g.number = 1",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("goal 1 of version 1");
        drop(conn);
        let published = GoalDraft {
            id: published_goal,
            ..goal_1.clone()
        };
        let (status, body) =
            update_goal(app, &secretariat, "1", &published, 1, "Rewritten", "clear").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("only a draft can be edited"), "{body}");
        let (status, body) = app
            .call_with(
                &secretariat,
                "get_plan_outline",
                &[("slug", "us-hph"), ("number", "1")],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");

        // A member who was not invited, and the public.
        let member = app.signed_in("member@apexmed.example").await;
        let written = all_events(app).await;
        let (status, body) = update_goal(
            app,
            &member,
            "2",
            &goal_1,
            goal_1.revision,
            "Not invited",
            "clear",
        )
        .await;
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            "{status}: {body}"
        );
        let (status, _) = app
            .call_with(
                &member,
                "get_plan_outline",
                &[("slug", "us-hph"), ("number", "2")],
            )
            .await;
        assert!(status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND);
        let public = TestApp::client();
        let (status, body) = update_goal(
            app,
            &public,
            "2",
            &goal_1,
            goal_1.revision,
            "Anonymous",
            "clear",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        let id = objective(&draft, 1, 1).id.to_string();
        let (status, _) = app
            .call_with(
                &public,
                "add_plan_measure",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("objective", id.as_str()),
                    ("input[indicator]", "x"),
                    ("input[baseline]", ""),
                    ("input[target]", ""),
                    ("input[unit]", ""),
                    ("input[due_date]", ""),
                    ("input[tlp]", "green"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // A record of another version answers 404 even to the secretariat.
        let (status, _) = update_goal(
            app,
            &secretariat,
            "2",
            &published,
            1,
            "Wrong version",
            "clear",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(all_events(app).await, written);
        assert_eq!(outline(app, &secretariat, "2").await, draft);
    }
);

db_test!(lowering_a_label_is_the_secretariats_alone, true, |app| {
    let secretariat = app.signed_in("secretariat@aspr.example").await;
    let co_author = app.signed_in("representative@lakeview.example").await;
    let draft = outline(app, &co_author, "2").await;
    let goal_2 = goal(&draft, 2).clone();
    assert_eq!(goal_2.tlp.code(), "clear");

    // Raising the label is open to the co-author.
    let (status, body) = update_goal(
        app,
        &co_author,
        "2",
        &goal_2,
        goal_2.revision,
        &goal_2.title,
        "green",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let raised = outline(app, &co_author, "2").await;
    assert_eq!(goal(&raised, 2).tlp.code(), "green");

    // Lowering it again is not.
    let written = all_events(app).await;
    let revision = goal_2.revision + 1;
    let (status, body) = update_goal(
        app,
        &co_author,
        "2",
        &goal_2,
        revision,
        &goal_2.title,
        "clear",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(
        goal(&outline(app, &co_author, "2").await, 2).tlp.code(),
        "green"
    );
    assert_eq!(all_events(app).await, written);

    // A measure's label likewise.
    let measure = objective(&draft, 4, 6)
        .measures
        .first()
        .expect("a measure")
        .clone();
    assert_eq!(measure.tlp.code(), "green");
    let id = measure.id.to_string();
    let form = |tlp: &'static str| {
        vec![
            ("partnership", "us-hph"),
            ("number", "2"),
            ("measure", id.as_str()),
            ("input[indicator]", measure.indicator.as_str()),
            ("input[baseline]", "0"),
            ("input[target]", "60"),
            ("input[unit]", "people"),
            ("input[due_date]", "2028-06-30"),
            ("input[tlp]", tlp),
        ]
    };
    let (status, body) = app
        .call_with(&co_author, "update_plan_measure", &form("clear"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // The secretariat may lower both; each change of label is audited.
    let labels = events(app, "label_change", "goal").await;
    let (status, body) = update_goal(
        app,
        &secretariat,
        "2",
        &goal_2,
        revision,
        &goal_2.title,
        "clear",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(events(app, "label_change", "goal").await, labels + 1);
    let (status, body) = app
        .call_with(&secretariat, "update_plan_measure", &form("clear"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let now = outline(app, &secretariat, "2").await;
    assert_eq!(goal(&now, 2).tlp.code(), "clear");
    assert_eq!(objective(&now, 4, 6).measures[0].tlp.code(), "clear");

    // A label that would hide the goal from its own author is refused.
    let (status, body) = update_goal(
        app,
        &co_author,
        "2",
        goal(&now, 2),
        goal(&now, 2).revision,
        &goal_2.title,
        "red",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(invalid_fields(&body).contains(&"tlp".to_owned()), "{body}");
});

/// Posts a form as a browser without JavaScript would (`Accept: text/html`, a Referer) and
/// returns where the answer redirects to.
async fn post_as_browser(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> String {
    let res = client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("origin", format!("http://{}", app.addr))
        .header("accept", "text/html")
        .header("referer", app.url("/p/us-hph/plan/v/2/outline"))
        .form(form)
        .send()
        .await
        .expect("POST");
    assert!(res.status().is_redirection(), "{}", res.status());
    res.headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("a Location")
        .to_owned()
}

async fn page(app: &TestApp, client: &reqwest::Client, location: &str) -> String {
    let url = if location.starts_with("http") {
        location.to_owned()
    } else {
        app.url(location)
    };
    let res = client.get(url).send().await.expect("GET");
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.expect("body")
}

db_test!(the_page_works_with_plain_html_forms, true, |app| {
    let secretariat = app.signed_in("secretariat@aspr.example").await;
    let html = page(app, &secretariat, "/p/us-hph/plan/v/2/outline").await;
    for id in [
        "goal-1",
        "edit-goal-1",
        "edit-goal-1-title",
        "edit-goal-1-description",
        "edit-goal-1-tlp",
        "objective-1-1",
        "edit-objective-1-1-title",
        "add-objective-1",
        "add-measure-1-1",
        "add-measure-1-1-indicator",
        "add-goal",
        "add-goal-title",
    ] {
        assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
    }
    let draft = outline(app, &secretariat, "2").await;
    let goal_1 = goal(&draft, 1).clone();
    let measure = objective(&draft, 1, 1).measures[0].clone();
    assert!(html.contains(&format!(r#"id="edit-measure-{}-due-date""#, measure.id)));
    assert!(html.contains(&format!(r#"id="delete-measure-{}""#, measure.id)));

    // A failed save comes back to the page with the message beside the field of that form.
    let (id, revision) = (goal_1.id.to_string(), goal_1.revision.to_string());
    let location = post_as_browser(
        app,
        &secretariat,
        "update_plan_goal",
        &[
            ("partnership", "us-hph"),
            ("number", "2"),
            ("goal", id.as_str()),
            ("revision", revision.as_str()),
            ("title", ""),
            ("description", ""),
            ("tlp", "clear"),
        ],
    )
    .await;
    assert!(location.contains("__err="), "{location}");
    let html = page(app, &secretariat, &location).await;
    assert!(html.contains(r#"id="error-summary""#));
    assert!(html.contains(r#"id="edit-goal-1-title-error""#));
    assert!(!html.contains(r#"id="edit-goal-2-title-error""#));
    assert!(!html.contains(r#"id="add-goal-title-error""#));
    // The form-naming entry is not shown as a message.
    assert!(!html.contains("<li>edit-goal-1</li>"));

    // A successful one comes back with "Saved." at the record.
    let location = post_as_browser(
        app,
        &secretariat,
        "update_plan_measure",
        &[
            ("partnership", "us-hph"),
            ("number", "2"),
            ("measure", measure.id.to_string().as_str()),
            ("input[indicator]", "Updated indicator"),
            ("input[baseline]", "1"),
            ("input[target]", "2"),
            ("input[unit]", "%"),
            ("input[due_date]", "2027-01-31"),
            ("input[tlp]", measure.tlp.code()),
        ],
    )
    .await;
    assert!(
        location.ends_with(&format!(
            "/p/us-hph/plan/v/2/outline?saved=measure-{0}#measure-{0}",
            measure.id
        )),
        "{location}"
    );
    let html = page(app, &secretariat, &location).await;
    assert!(html.contains(r#"id="saved-status""#) && html.contains("Saved."));
    assert!(html.contains("Updated indicator"));
});
