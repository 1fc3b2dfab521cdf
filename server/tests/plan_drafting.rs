//! Drafting the plan through the HTTP endpoints: two authors save the same section (the
//! second save is refused and its text kept for its author), invited co-authors and the
//! secretariat may edit while others may not, a draft with unresolved comments is not
//! submitted unless the secretariat overrides (audited), adoption needs a carried motion (the
//! server says so, and the database refuses it otherwise), publication supersedes the
//! version in force in one transaction. SQLite and PostgreSQL.

mod common;

use app::api::plans::{SectionEditor, Workspace};
use app::domain::Timestamp;
use app::domain::motion::{BallotMode, MotionOutcome, Threshold};
use app::domain::plan::PlanVersionStatus;
use app::ssr::access::Viewer;
use app::ssr::db::{Conn, audit, motions, partnerships, plan_content, plans};
use common::{TestApp, active_markup};
use reqwest::StatusCode;

async fn events(app: &TestApp, action: &str, record_type: &str) -> usize {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let filter = audit::AuditFilter {
        action: Some(action.to_owned()),
        record_type: Some(record_type.to_owned()),
        ..Default::default()
    };
    audit::list_events(&mut conn, &filter, 1000, 0)
        .await
        .expect("events")
        .len()
}

/// The demo US partnership's plan.
async fn us_plan(conn: &mut Conn) -> plan_content::PlanRow {
    let p = partnerships::find_partnership_by_slug(conn, "us-hph", Viewer::public().visibility())
        .await
        .expect("partnership")
        .expect("us-hph");
    plan_content::find_plan(conn, p.id)
        .await
        .expect("plan")
        .expect("us plan")
}

async fn editor(app: &TestApp, client: &reqwest::Client, key: &str) -> SectionEditor {
    let (status, body) = app
        .call_with(
            client,
            "get_section_editor",
            &[("slug", "us-hph"), ("number", "2"), ("key", key)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("editor")
}

async fn workspace(app: &TestApp, client: &reqwest::Client, number: &str) -> Workspace {
    let (status, body) = app
        .call_with(
            client,
            "get_plan_workspace",
            &[("slug", "us-hph"), ("number", number)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("workspace")
}

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    key: &str,
    revision: i64,
    body: &str,
) -> (StatusCode, String) {
    let revision = revision.to_string();
    app.call_with(
        client,
        "save_plan_section",
        &[
            ("partnership", "us-hph"),
            ("number", "2"),
            ("key", key),
            ("revision", revision.as_str()),
            ("title", "The risk landscape"),
            ("body", body),
        ],
    )
    .await
}

db_test!(
    the_second_of_two_saves_from_one_revision_is_refused_and_nothing_typed_is_lost,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        // An invited co-author from industry.
        let representative = app.signed_in("representative@lakeview.example").await;
        let opened_by_secretariat = editor(app, &secretariat, "risk-landscape").await;
        let opened_by_representative = editor(app, &representative, "risk-landscape").await;
        assert_eq!(
            opened_by_secretariat.revision,
            opened_by_representative.revision
        );
        let base = opened_by_secretariat.revision;

        let (status, body) = save(
            app,
            &secretariat,
            "risk-landscape",
            base,
            "Government's text.",
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = save(
            app,
            &representative,
            "risk-landscape",
            base,
            "Industry's text.",
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("Dana Whitfield saved this section"), "{body}");
        assert!(body.contains("has not been lost"), "{body}");

        // The saved text is the first author's; the second author's is kept for them.
        let now = editor(app, &representative, "risk-landscape").await;
        assert_eq!(now.body, "Government's text.");
        assert_eq!(now.revision, base + 1);
        let conflict = now.conflict.expect("the refused save is kept");
        assert_eq!(conflict.body, "Industry's text.");
        assert_eq!(conflict.base_revision, base);
        // Only for its author.
        assert!(
            editor(app, &secretariat, "risk-landscape")
                .await
                .conflict
                .is_none()
        );

        // Merging and saving against the new revision works and clears the conflict.
        let (status, body) = save(
            app,
            &representative,
            "risk-landscape",
            base + 1,
            "Government's text.\n\nIndustry's text.",
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let merged = editor(app, &representative, "risk-landscape").await;
        assert!(merged.conflict.is_none());
        assert_eq!(merged.revision, base + 2);

        // Who wrote what: government and industry both contributed to version 2.
        let ws = workspace(app, &secretariat, "2").await;
        let count = |side: app::domain::partnership::Side| {
            ws.contributions
                .iter()
                .filter(|(s, _)| *s == side)
                .map(|(_, n)| *n)
                .sum::<i64>()
        };
        assert!(count(app::domain::partnership::Side::Public) >= 1);
        assert!(count(app::domain::partnership::Side::Private) >= 1);
        assert!(events(app, "update", "plan_section").await >= 2);
    }
);

db_test!(
    only_the_secretariat_and_invited_co_authors_edit_a_draft,
    true,
    |app| {
        let member = app.signed_in("member@apexmed.example").await;
        let (status, _) = save(app, &member, "risk-landscape", 1, "Not invited.").await;
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            "{status}"
        );
        let (status, _) = app
            .call(
                "save_plan_section",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("key", "risk-landscape"),
                    ("revision", "1"),
                    ("title", "x"),
                    ("body", "y"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // Another partnership's secretariat neither.
        let irish = app.signed_in("secretariat@health-ie.example").await;
        let (status, _) = save(app, &irish, "risk-landscape", 1, "Not ours.").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // The published version is not a draft: nobody edits it.
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let (status, body) = app
            .call_with(
                &secretariat,
                "add_plan_section",
                &[
                    ("partnership", "us-hph"),
                    ("number", "1"),
                    ("key", "annex"),
                    ("title", "Annex"),
                    ("tlp", "clear"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("only a draft can be edited"), "{body}");
    }
);

db_test!(
    a_new_draft_waits_for_the_open_one_and_copies_the_published_version,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let start = [
            ("partnership", "us-hph"),
            ("base", "published"),
            ("title", "HPH Sector-Specific Plan 2029"),
        ];
        let (status, body) = app
            .call_with(&secretariat, "start_plan_draft", &start)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("Version 2"), "{body}");

        // Take version 2 through review, adoption (by a carried motion) and publication,
        // then start version 3 from it.
        submit_with_override(app, &secretariat).await;
        adopt_with_motion(app, &secretariat).await;
        let (status, body) = app
            .call_with(
                &secretariat,
                "publish_plan_version",
                &[("partnership", "us-hph"), ("number", "2")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        {
            let mut conn = app.db.pool().acquire().await.expect("conn");
            let plan = us_plan(&mut conn).await;
            let versions = plans::list_versions(&mut conn, plan.id)
                .await
                .expect("versions");
            let status_of = |n: i64| versions.iter().find(|v| v.number == n).map(|v| v.status);
            assert_eq!(status_of(2), Some(PlanVersionStatus::Published));
            assert_eq!(status_of(1), Some(PlanVersionStatus::Superseded));
        }
        let (status, body) = app
            .call_with(&secretariat, "start_plan_draft", &start)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v2 = workspace(app, &secretariat, "2").await;
        let v3 = workspace(app, &secretariat, "3").await;
        assert_eq!(v3.version.status, PlanVersionStatus::Draft);
        let titles = |w: &Workspace| {
            w.sections
                .iter()
                .map(|s| s.title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(&v2), titles(&v3));
        assert_eq!(v2.goals.len(), v3.goals.len());
        assert_eq!(
            v2.goals.iter().map(|g| g.children.len()).sum::<usize>(),
            v3.goals.iter().map(|g| g.children.len()).sum::<usize>()
        );
        assert_eq!(events(app, "start_draft", "plan_version").await, 1);
    }
);

async fn submit_with_override(app: &TestApp, secretariat: &reqwest::Client) {
    let ws = workspace(app, secretariat, "2").await;
    let mut form = vec![("partnership", "us-hph"), ("number", "2")];
    if ws.unresolved_comments > 0 {
        let (status, body) = app
            .call_with(secretariat, "submit_plan_version", &form)
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("unresolved"), "{body}");
        form.push(("override_comments", "yes"));
    }
    let (status, body) = app
        .call_with(secretariat, "submit_plan_version", &form)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Carries a motion of the joint working group to adopt version 2 (as the motions issue's
/// pages will), then records the adoption.
async fn adopt_with_motion(app: &TestApp, secretariat: &reqwest::Client) {
    let adopt = [("partnership", "us-hph"), ("number", "2")];
    let (status, body) = app
        .call_with(secretariat, "adopt_plan_version", &adopt)
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("No carried motion"), "{body}");

    let mut tx = app.db.begin_write().await.expect("tx");
    let plan = us_plan(&mut tx).await;
    let version = plans::find_version(&mut tx, plan.id, 2)
        .await
        .expect("version")
        .expect("v2");
    let now = Timestamp::now();
    let opens = Timestamp::from_datetime(now.as_datetime() - chrono::Duration::days(7));
    let motion = motions::insert_motion(
        &mut tx,
        motions::NewMotion {
            working_group_id: plan.working_group_id.expect("adopting group"),
            draft: app::domain::motion::MotionDraft {
                subject: app::domain::motion::MotionSubject::AdoptPlanVersion(version.id),
                title: "Adopt version 2".to_owned(),
                body: String::new(),
                tlp: app::domain::Tlp::Clear,
                opens_at: opens,
                closes_at: now,
                quorum_percent: 50,
                threshold: Threshold::Simple,
                dual_majority: false,
                ballot_mode: BallotMode::RollCall,
            },
            proposed_by_person_id: None,
            created_at: opens,
        },
    )
    .await
    .expect("motion");
    // A motion that is not carried does not adopt: the database refuses it.
    let refused = plans::mark_version_adopted(&mut tx, version.id, motion, now).await;
    assert!(refused.is_err(), "adopted by a draft motion");
    tx.rollback().await.expect("rollback");

    let mut tx = app.db.begin_write().await.expect("tx");
    let motion = motions::insert_motion(
        &mut tx,
        motions::NewMotion {
            working_group_id: plan.working_group_id.expect("adopting group"),
            draft: app::domain::motion::MotionDraft {
                subject: app::domain::motion::MotionSubject::AdoptPlanVersion(version.id),
                title: "Adopt version 2".to_owned(),
                body: String::new(),
                tlp: app::domain::Tlp::Clear,
                opens_at: opens,
                closes_at: now,
                quorum_percent: 50,
                threshold: Threshold::Simple,
                dual_majority: false,
                ballot_mode: BallotMode::RollCall,
            },
            proposed_by_person_id: None,
            created_at: opens,
        },
    )
    .await
    .expect("motion");
    let electorate = motions::open_motion(&mut tx, motion, opens)
        .await
        .expect("open");
    motions::close_motion_with_outcome(
        &mut tx,
        motions::MotionClosing {
            motion_id: motion,
            outcome: MotionOutcome::Carried,
            electorate_size: electorate,
            yes_count: electorate,
            no_count: 0,
            abstain_count: 0,
            closed_by_person_id: None,
            closed_at: now,
        },
    )
    .await
    .expect("close");
    tx.commit().await.expect("commit");

    let (status, body) = app
        .call_with(secretariat, "adopt_plan_version", &adopt)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(events(app, "adopt", "plan_version").await, 1);
}

db_test!(
    comments_block_submission_until_resolved_or_overridden,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let representative = app.signed_in("representative@lakeview.example").await;
        let ws = workspace(app, &representative, "2").await;
        assert!(ws.can_comment && ws.can_edit && !ws.can_manage);
        let section = ws.sections.first().expect("a section");
        let target = format!("section:{}", section.id);
        let (status, body) = app
            .call_with(
                &representative,
                "add_plan_comment",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("target", target.as_str()),
                    ("parent", ""),
                    ("body", "Please cite the 2026 incident figures."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // An empty comment names its field.
        let (status, body) = app
            .call_with(
                &representative,
                "add_plan_comment",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("target", target.as_str()),
                    ("parent", ""),
                    ("body", "  "),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("body"), "{body}");

        let ws = workspace(app, &secretariat, "2").await;
        assert!(ws.unresolved_comments >= 1);
        let form = [("partnership", "us-hph"), ("number", "2")];
        let (status, body) = app
            .call_with(&secretariat, "submit_plan_version", &form)
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        // Only the secretariat submits.
        let (status, _) = app
            .call_with(
                &representative,
                "submit_plan_version",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("override_comments", "yes"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Resolve every thread, then submit without override.
        let ws = workspace(app, &secretariat, "2").await;
        let threads: Vec<i64> = ws
            .sections
            .iter()
            .flat_map(|s| s.comments.iter())
            .chain(ws.goals.iter().flat_map(|g| {
                g.comments
                    .iter()
                    .chain(g.children.iter().flat_map(|o| o.comments.iter()))
            }))
            .filter(|c| c.resolved_by.is_none())
            .map(|c| c.id)
            .collect();
        for id in &threads {
            let id = id.to_string();
            let (status, body) = app
                .call_with(
                    &secretariat,
                    "resolve_plan_comment",
                    &[
                        ("partnership", "us-hph"),
                        ("number", "2"),
                        ("comment", id.as_str()),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        let ws = workspace(app, &secretariat, "2").await;
        assert_eq!(ws.unresolved_comments, 0, "every visible thread resolved");
        let (status, body) = app
            .call_with(&secretariat, "submit_plan_version", &form)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "submit", "plan_version").await, 1);
        assert_eq!(events(app, "submit_override", "plan_version").await, 0);
        // In review, the draft is no longer editable.
        let (status, _) = save(app, &representative, "risk-landscape", 1, "Too late.").await;
        assert_eq!(status, StatusCode::CONFLICT);
    }
);

db_test!(
    hostile_markdown_in_a_section_is_inert_in_the_editor_preview,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let (status, html) = app
            .call_with(
                &secretariat,
                "preview_markdown",
                &[(
                    "text",
                    "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
                )],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{html}");
        let lower = html.to_lowercase();
        // Nothing active survives: no script element, no event handler, no javascript: URL
        // (the unlinked text of the payload may remain, as text).
        assert!(!lower.contains("<script"), "{html}");
        assert!(!lower.contains("onerror="), "{html}");
        assert!(!lower.contains("href=\\\"javascript"), "{html}");
        assert!(!lower.contains("href=\"javascript"), "{html}");
    }
);

db_test!(
    hostile_markdown_in_a_section_is_inert_in_the_workspace_editor_and_history,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let opened = editor(app, &secretariat, "risk-landscape").await;
        let hostile = "Hostile: <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n\
                       [click](javascript:alert(1)) <a href=\"javascript:alert(1)\">here</a>";
        let (status, body) = save(
            app,
            &secretariat,
            "risk-landscape",
            opened.revision,
            hostile,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let session = |path: &str| {
            let client = secretariat.clone();
            let url = app.url(path);
            async move {
                let res = client.get(url).send().await.expect("GET");
                assert_eq!(res.status(), StatusCode::OK);
                res.text().await.expect("body")
            }
        };
        for path in [
            "/p/us-hph/plan/v/2/workspace",
            "/p/us-hph/plan/v/2/sections/risk-landscape/edit",
            "/p/us-hph/plan/v/2/sections/risk-landscape/history",
        ] {
            let html = session(path).await;
            if !path.ends_with("workspace") {
                assert!(
                    html.contains("Hostile:"),
                    "{path} does not show the section"
                );
            }
            let active = active_markup(&html);
            assert!(active.is_empty(), "{path} has active markup: {active:?}");
        }
        // The check itself finds what it looks for.
        assert_eq!(
            active_markup("<p>x</p><img src=x onerror=alert(1)>").len(),
            1
        );
        assert_eq!(active_markup("<script>alert(1)</script>").len(), 1);
        assert_eq!(
            active_markup("<a href=\"javascript:alert(1)\">x</a>").len(),
            1
        );
        assert!(active_markup("<p>&lt;script&gt; onerror=x</p>").is_empty());
    }
);
