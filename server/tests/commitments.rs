//! Commitments through the HTTP endpoints, on SQLite and PostgreSQL: a representative
//! proposes one towards an objective of the published plan, the secretariat accepts it,
//! progress reports move it (and its goal's progress), transitions are checked, bad input is
//! refused field by field, and the lists flag overdue and stale commitments.

mod common;

use app::api::commitments::{CommitmentDetail, CommitmentForm, CommitmentList};
use app::api::plan_content::PlanGoalPage;
use app::domain::plan::CommitmentStatus;
use common::TestApp;
use reqwest::StatusCode;

async fn form(app: &TestApp, client: &reqwest::Client) -> CommitmentForm {
    let (status, body) = app
        .call_with(client, "get_commitment_form", &[("partnership", "us-hph")])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("form")
}

async fn list(app: &TestApp, client: &reqwest::Client, show: &str) -> CommitmentList {
    let (status, body) = app
        .call_with(
            client,
            "get_commitments",
            &[("partnership", "us-hph"), ("show", show)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("list")
}

async fn detail(app: &TestApp, client: &reqwest::Client, id: i64) -> CommitmentDetail {
    let id = id.to_string();
    let (status, body) = app
        .call_with(
            client,
            "get_commitment",
            &[("partnership", "us-hph"), ("commitment", &id)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("detail")
}

async fn goal_page(app: &TestApp, client: &reqwest::Client, goal: &str) -> PlanGoalPage {
    let (status, body) = app
        .call_with(
            client,
            "get_plan_goal",
            &[("slug", "us-hph"), ("number", "1"), ("goal", goal)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("goal page")
}

async fn report(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    percent: &str,
) -> (StatusCode, String) {
    let id = id.to_string();
    let today = app::domain::Timestamp::now().date().to_db_text();
    app.call_with(
        client,
        "report_progress",
        &[
            ("partnership", "us-hph"),
            ("commitment", &id),
            ("input[reported_on]", &today),
            ("input[percent]", percent),
            ("input[narrative]", "Drills run at **two** sites."),
            ("input[evidence_url]", ""),
            ("input[tlp]", "clear"),
        ],
    )
    .await
}

db_test!(
    a_commitment_from_proposal_to_completion_moves_its_goal,
    true,
    |app| {
        let lakeview = app.signed_in("representative@lakeview.example").await;
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let member = app.signed_in("member@apexmed.example").await;

        // Only a representative proposes, towards an objective of the published plan.
        let (status, _) = app
            .call_with(&member, "get_commitment_form", &[("partnership", "us-hph")])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let f = form(app, &lakeview).await;
        let (objective, label) = f.objectives.first().cloned().expect("an objective");
        assert!(label.starts_with("1.1 "), "{label}");
        let title = "Run a downtime drill in every Lakeview hospital";
        let mut fields = vec![
            ("partnership", "us-hph"),
            ("input[objective]", objective.as_str()),
            ("input[title]", title),
            ("input[description]", "Twice a year, with the local EMS."),
            ("input[deliverable]", "Drill reports"),
            ("input[start_date]", "2026-01-01"),
            ("input[due_date]", "2025-12-31"),
            ("input[tlp]", "clear"),
        ];
        let (status, body) = app
            .call_with(&lakeview, "propose_commitment", &fields)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("due_date"), "{body}");
        fields[6] = ("input[due_date]", "2030-06-30");
        let (status, body) = app
            .call_with(&lakeview, "propose_commitment", &fields)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id = list(app, &lakeview, "proposed")
            .await
            .commitments
            .into_iter()
            .find(|c| c.title == title)
            .expect("listed as proposed")
            .id;

        // Only the secretariat accepts; the owner cannot report before that.
        let (status, body) = report(app, &lakeview, id, "10").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let sid = id.to_string();
        let (status, _) = app
            .call_with(
                &lakeview,
                "accept_commitment",
                &[("partnership", "us-hph"), ("commitment", &sid)],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = app
            .call_with(
                &secretariat,
                "accept_commitment",
                &[("partnership", "us-hph"), ("commitment", &sid)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            detail(app, &lakeview, id).await.summary.status,
            CommitmentStatus::Accepted
        );

        // Progress: a bad report is refused by field; a good one starts the work and moves the goal.
        let public = TestApp::client();
        let before = goal_page(app, &public, "1").await;
        let (status, body) = report(app, &lakeview, id, "150").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("percent"), "{body}");
        let (status, body) = report(app, &lakeview, id, "100").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let d = detail(app, &public, id).await;
        assert_eq!(d.summary.status, CommitmentStatus::InProgress);
        assert_eq!(d.summary.percent, Some(100));
        assert!(
            d.updates[0]
                .narrative_html
                .as_deref()
                .unwrap_or_default()
                .contains("<strong>two</strong>")
        );
        let after = goal_page(app, &public, "1").await;
        let key = &after.objectives[0].key;
        assert!(
            after.objectives[0].commitments.iter().any(|c| c.id == id),
            "objective {key} lacks it"
        );
        assert!(
            after.progress.percent > before.progress.percent
                || before.progress.percent == Some(100.0),
            "{:?} → {:?}",
            before.progress,
            after.progress
        );

        // Transitions: the secretariat cannot complete it; the owner can, and then it is final.
        let change = |client: &reqwest::Client, from: &'static str, to: &'static str| {
            let client = client.clone();
            let sid = sid.clone();
            async move {
                app.call_with(
                    &client,
                    "change_commitment_status",
                    &[
                        ("partnership", "us-hph"),
                        ("commitment", &sid),
                        ("from", from),
                        ("to", to),
                    ],
                )
                .await
            }
        };
        let (status, body) = change(&secretariat, "in_progress", "completed").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = change(&lakeview, "accepted", "completed").await;
        assert_eq!(
            status,
            StatusCode::CONFLICT,
            "a stale status is refused: {body}"
        );
        let (status, body) = change(&lakeview, "in_progress", "completed").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = change(&lakeview, "completed", "in_progress").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = report(app, &lakeview, id, "100").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
    }
);

db_test!(
    lists_flag_overdue_and_stale_commitments_and_hide_labels,
    true,
    |app| {
        let public = TestApp::client();
        let all = list(app, &public, "all").await;
        assert!(
            all.commitments
                .iter()
                .all(|c| c.tlp == app::domain::Tlp::Clear),
            "the public sees CLEAR only"
        );
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let all = list(app, &secretariat, "all").await;
        let overdue = list(app, &secretariat, "overdue").await;
        assert_eq!(overdue.commitments.len(), all.counts[0]);
        assert!(
            overdue
                .commitments
                .iter()
                .all(|c| c.overdue && c.status.is_open())
        );
        // Roll-ups: every counted commitment is in one side, one size class and one
        // organisation; proposed and withdrawn ones are not counted.
        let counted = all
            .commitments
            .iter()
            .filter(|c| {
                !matches!(
                    c.status,
                    CommitmentStatus::Proposed | CommitmentStatus::Withdrawn
                )
            })
            .count();
        for rows in [&all.by_side, &all.by_size, &all.by_organisation] {
            assert_eq!(
                rows.iter().map(|r| r.counted).sum::<usize>(),
                counted,
                "{rows:?}"
            );
            assert!(
                rows.iter()
                    .all(|r| r.percent.is_some_and(|p| (0..=100).contains(&p)))
            );
        }
        assert!(all.by_side.iter().any(|r| r.label == "Public"));
        assert!(all.by_side.iter().any(|r| r.label == "Private"));
        let stale = list(app, &secretariat, "stale").await;
        assert!(stale.commitments.iter().all(|c| c.stale));
        let (status, page) = app.get("/p/us-hph/commitments").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Commitments of"), "{page}");
        // The published plan shows each goal's progress and a chart of all goals.
        let (status, plan) = app.get("/p/us-hph/plan").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            plan.contains("Progress of goal 1"),
            "no goal bar on the plan page"
        );
        assert!(
            plan.contains(r#"id="goals-progress""#),
            "no goals chart on the plan page"
        );
    }
);

db_test!(
    the_commitments_csv_has_its_columns_and_neutralises_formulas,
    true,
    |app| {
        let lakeview = app.signed_in("representative@lakeview.example").await;
        let f = form(app, &lakeview).await;
        let objective = f.objectives[0].0.clone();
        let title = r#"=HYPERLINK("http://evil.example","Click, here")"#;
        let (status, body) = app
            .call_with(
                &lakeview,
                "propose_commitment",
                &[
                    ("partnership", "us-hph"),
                    ("input[objective]", objective.as_str()),
                    ("input[title]", title),
                    ("input[description]", ""),
                    ("input[deliverable]", "@SUM(1)\nsecond line"),
                    ("input[start_date]", "2026-01-01"),
                    ("input[due_date]", "2027-01-01"),
                    ("input[tlp]", "green"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let res = lakeview
            .get(app.url("/p/us-hph/commitments.csv"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.headers()[reqwest::header::CONTENT_DISPOSITION]
                .to_str()
                .expect("header")
                .contains("us-hph-commitments.csv")
        );
        let csv = res.text().await.expect("csv");
        let header = csv.lines().next().expect("header");
        assert_eq!(
            header,
            "id,title,organisation,side,size_class,objective_key,status,start_date,due_date,percent,last_report,overdue,stale,tlp,deliverable"
        );
        assert!(
            csv.contains(r#","'=HYPERLINK(""http://evil.example"",""Click, here"")","#),
            "the formula is not neutralised and quoted: {csv}"
        );
        assert!(csv.contains("\"'@SUM(1)\nsecond line\"\r\n"), "{csv}");
        assert!(csv.ends_with("\r\n"));
        // The public's CSV has no TLP:GREEN row.
        let (status, public_csv) = app.get("/p/us-hph/commitments.csv").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !public_csv.contains("HYPERLINK"),
            "a GREEN commitment is in the public CSV"
        );
        assert!(
            public_csv
                .lines()
                .skip(1)
                .all(|l| l.is_empty() || l.contains(",TLP:CLEAR,")),
            "{public_csv}"
        );
    }
);
