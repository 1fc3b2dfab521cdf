//! The pages that read the Sector-Specific Plan, through HTTP on SQLite and PostgreSQL: the
//! published plan, any version, one goal, the list of versions and the comparison of two
//! versions — each showing what the viewer's role and the records' TLP labels allow, and
//! rendering hostile Markdown inert.
//!
//! The demo data (server/src/seed/us.rs) gives `us-hph` version 1 (published, TLP:CLEAR)
//! and version 2 (a TLP:GREEN draft that changes the risk landscape, renames objective
//! 1.7 and adds objective 4.6).

mod common;

use app::domain::{Timestamp, Tlp};
use app::ssr::db::plans::{self, NewSection};
use common::TestApp;
use reqwest::StatusCode;

/// GET a page as `client`; returns status and body.
async fn get_as(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let res = client.get(app.url(path)).send().await.expect("GET");
    let status = res.status();
    (status, res.text().await.expect("body"))
}

/// The page's `<main>` element, where the routed content is.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.rfind("</main>").expect("</main>");
    &html[start..end]
}

/// The id of version `number` of the US plan.
async fn version_id(app: &TestApp, number: i64) -> i64 {
    sqlx::query_scalar::<_, i64>(
        "SELECT v.id FROM plan_versions v JOIN plans p ON p.id = v.plan_id
         JOIN partnerships pa ON pa.id = p.partnership_id
         WHERE pa.slug = 'us-hph' AND v.number = $1",
    )
    .bind(number)
    .fetch_one(app.db.pool())
    .await
    .expect("version")
}

/// How many records of `table` the published US version has with one of `labels`.
async fn published_count(app: &TestApp, table: &str, labels: &[&str]) -> usize {
    let query = match table {
        "plan_sections" => {
            "SELECT s.tlp FROM plan_sections s JOIN plan_versions v ON v.id = s.plan_version_id
             JOIN plans p ON p.id = v.plan_id JOIN partnerships pa ON pa.id = p.partnership_id
             WHERE pa.slug = 'us-hph' AND v.status = 'published'"
        }
        "goals" => {
            "SELECT g.tlp FROM goals g JOIN plan_versions v ON v.id = g.plan_version_id
             JOIN plans p ON p.id = v.plan_id JOIN partnerships pa ON pa.id = p.partnership_id
             WHERE pa.slug = 'us-hph' AND v.status = 'published'"
        }
        // objectives under a goal with one of the same labels
        "objectives" => {
            "SELECT CASE WHEN g.tlp = o.tlp THEN o.tlp ELSE g.tlp || '/' || o.tlp END
             FROM objectives o JOIN goals g ON g.id = o.goal_id
             JOIN plan_versions v ON v.id = o.plan_version_id
             JOIN plans p ON p.id = v.plan_id JOIN partnerships pa ON pa.id = p.partnership_id
             WHERE pa.slug = 'us-hph' AND v.status = 'published'"
        }
        other => panic!("no table {other}"),
    };
    let rows: Vec<String> = sqlx::query_scalar(query)
        .fetch_all(app.db.pool())
        .await
        .expect("count");
    rows.iter()
        .filter(|label| label.split('/').all(|l| labels.contains(&l)))
        .count()
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

db_test!(
    the_public_sees_only_the_clear_records_of_the_published_plan,
    true,
    |app| {
        let (status, html) = app.get("/p/us-hph/plan").await;
        assert_eq!(status, StatusCode::OK, "{html}");
        let main = main_of(&html);
        let sections = published_count(app, "plan_sections", &["clear"]).await;
        let goals = published_count(app, "goals", &["clear"]).await;
        let objectives = published_count(app, "objectives", &["clear"]).await;
        assert!(
            sections >= 3 && goals >= 4 && objectives >= 20,
            "the seed changed"
        );
        assert_eq!(count(main, "class=\"plan-section\""), sections, "{main}");
        assert_eq!(count(main, "class=\"plan-goal\""), goals, "{main}");
        assert_eq!(
            count(main, "class=\"plan-objective\""),
            objectives,
            "{main}"
        );
        assert!(main.contains("HPH Sector-Specific Plan 2025"));
        assert!(main.contains("Sector overview and unique operating conditions"));
        // TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT and TLP:RED records are not shown
        for hidden in [
            "Implementation and progress reporting",
            "Incident coordination roster",
            "Shared security services for rural",
            "Regional mutual aid for incident response",
            "Criteria for allocating safety-net funding",
            "ASPR duty officer",
        ] {
            assert!(!html.contains(hidden), "{hidden} is shown to the public");
        }
        // the page says so, and has its table of contents and measure tables
        assert!(main.contains("id=\"public-notice\""));
        assert!(main.contains("aria-label=\"Contents\""));
        assert!(main.contains("href=\"#goal-1\""));
        assert!(main.contains("href=\"#section-overview\""));
        assert!(main.contains("<caption>Measures of objective 1.1</caption>"));
        assert!(main.contains("Objective 1.2: Email security"));
        assert!(main.contains("tlp tlp-clear"));
        assert!(!main.contains("tlp tlp-green"));
        // the partnership page links to the plan
        let (_, partnership) = app.get("/p/us-hph").await;
        assert!(partnership.contains("href=\"/p/us-hph/plan\""));
    }
);

db_test!(a_draft_version_is_not_found_for_the_public, true, |app| {
    for path in [
        "/p/us-hph/plan/v/2",
        "/p/us-hph/plan/v/2/goals/1",
        "/p/us-hph/plan/compare?from=1&to=2",
        "/p/us-hph/plan/v/9",
        "/p/us-hph/plan/v/x",
        "/p/nowhere/plan",
    ] {
        let (status, html) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!html.contains("2027 (draft)"), "{path}");
    }
    let (status, _) = app
        .call("get_plan_version", &[("slug", "us-hph"), ("number", "2")])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // the published one is there, and the list of versions shows it alone
    let (status, html) = app.get("/p/us-hph/plan/v/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("This is the current plan"), "{html}");
    let (status, html) = app.get("/p/us-hph/plan/versions").await;
    assert_eq!(status, StatusCode::OK);
    let table = main_of(&html);
    assert!(table.contains("href=\"/p/us-hph/plan/v/1\""));
    assert!(!table.contains("href=\"/p/us-hph/plan/v/2\""));
    assert!(
        !table.contains("id=\"compare-form\""),
        "one version: nothing to compare"
    );
    let (status, body) = app.call("list_plan_versions", &[("slug", "us-hph")]).await;
    assert_eq!(status, StatusCode::OK);
    let list: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(list["versions"].as_array().map(Vec::len), Some(1), "{body}");
});

db_test!(a_member_sees_green_records_but_not_drafts, true, |app| {
    let member = app.signed_in("member@apexmed.example").await;
    let (status, html) = get_as(app, &member, "/p/us-hph/plan").await;
    assert_eq!(status, StatusCode::OK);
    let main = main_of(&html);
    let sections = published_count(app, "plan_sections", &["clear", "green"]).await;
    assert!(sections > published_count(app, "plan_sections", &["clear"]).await);
    assert_eq!(count(main, "class=\"plan-section\""), sections, "{main}");
    assert!(main.contains("Implementation and progress reporting"));
    assert!(main.contains("Shared security services for rural"));
    assert!(main.contains("tlp tlp-green"));
    // not named on the TLP:RED roster; not of the organisation owning the AMBER+STRICT objective
    assert!(!main.contains("Incident coordination roster"));
    assert!(!main.contains("Criteria for allocating safety-net funding"));
    assert!(!main.contains("id=\"public-notice\""));
    // the draft is for the secretariat and its invited co-authors
    let (status, _) = get_as(app, &member, "/p/us-hph/plan/v/2").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // an invited co-author of the draft reads it
    let co_author = app.signed_in("representative@lakeview.example").await;
    let (status, html) = get_as(app, &co_author, "/p/us-hph/plan/v/2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"version-status\""));
    assert!(html.contains("Grow the health-sector cybersecurity workforce"));
});

db_test!(
    the_secretariat_reads_drafts_and_what_it_is_named_on,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let (status, html) = get_as(app, &secretariat, "/p/us-hph/plan/v/2").await;
        assert_eq!(status, StatusCode::OK);
        let main = main_of(&html);
        assert!(main.contains("HPH Sector-Specific Plan 2027 (draft)"));
        assert!(
            main.contains("Draft: this version is being written"),
            "{main}"
        );
        assert!(main.contains("Grow the health-sector cybersecurity workforce"));
        assert!(main.contains("voice cloning"), "the draft's edited section");
        assert!(
            main.contains("href=\"/p/us-hph/plan/compare?from=1&amp;to=2\""),
            "{main}"
        );
        // named on the TLP:RED roster
        assert!(main.contains("Incident coordination roster"));
        let (status, html) = get_as(app, &secretariat, "/p/us-hph/plan/versions").await;
        assert_eq!(status, StatusCode::OK);
        let main = main_of(&html);
        assert!(main.contains("href=\"/p/us-hph/plan/v/2\""));
        assert!(main.contains("href=\"/p/us-hph/plan/v/1\""));
        assert!(main.contains("id=\"compare-form\""));
        assert!(main.contains("name=\"from\"") && main.contains("name=\"to\""));
        // one goal on its own page
        let (status, html) = get_as(app, &secretariat, "/p/us-hph/plan/v/2/goals/4").await;
        assert_eq!(status, StatusCode::OK);
        let main = main_of(&html);
        assert!(main.contains("Goal 4: A safety net for under-resourced organisations"));
        assert!(main.contains("Objective 4.6: Grow the health-sector cybersecurity workforce"));
        assert!(main.contains("<caption>Measures of objective 4.6</caption>"));
        let (status, _) = get_as(app, &secretariat, "/p/us-hph/plan/v/2/goals/9").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    the_comparison_lists_what_the_seed_changed_between_versions,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let (status, body) = app
            .call_with(
                &secretariat,
                "compare_plan_versions",
                &[("slug", "us-hph"), ("from", "1"), ("to", "2")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let comparison: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        let items = comparison["items"].as_array().expect("items");
        let change_of = |key: &str| {
            items
                .iter()
                .find(|item| item["key"] == key)
                .map(|item| item["change"].as_str().unwrap_or_default().to_owned())
        };
        assert_eq!(change_of("risk-landscape").as_deref(), Some("Changed"));
        assert_eq!(change_of("G1.O7").as_deref(), Some("Changed"));
        assert_eq!(change_of("G4.O6").as_deref(), Some("Added"));
        assert_eq!(change_of("overview").as_deref(), Some("Unchanged"));
        assert_eq!(change_of("G2").as_deref(), Some("Unchanged"));
        let changed: Vec<&str> = items
            .iter()
            .filter(|item| item["change"] != "Unchanged")
            .filter_map(|item| item["key"].as_str())
            .collect();
        // the new objective's measure may be listed with it; nothing else changed
        assert!(
            changed
                .iter()
                .all(|k| ["risk-landscape", "G1.O7", "G4.O6"].contains(k) || k.starts_with("G4.O6")),
            "{changed:?}"
        );

        let (status, html) = get_as(
            app,
            &secretariat,
            "/p/us-hph/plan/compare?from=1&to=2&view=unified",
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let main = main_of(&html);
        assert!(main.contains("Risk landscape"));
        assert!(
            main.contains("voice cloning"),
            "the inserted words are shown"
        );
        assert!(main.contains("Grow the health-sector cybersecurity workforce"));
        assert!(main.contains("id=\"toggle-view\""));
        assert!(
            main.contains("view=side"),
            "the link toggles to side by side"
        );
        let (status, html) = get_as(app, &secretariat, "/p/us-hph/plan/compare?from=1&to=2").await;
        assert_eq!(status, StatusCode::OK);
        assert!(main_of(&html).contains("view=unified"));
        // a version compared with itself is refused with a message naming the field
        let (status, body) = app
            .call_with(
                &secretariat,
                "compare_plan_versions",
                &[("slug", "us-hph"), ("from", "1"), ("to", "1")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"to\""), "{body}");
        let (status, html) = get_as(app, &secretariat, "/p/us-hph/plan/compare?from=1&to=1").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(main_of(&html).contains("id=\"compare-form\""));
    }
);

/// Makes version 2 the published plan (labelled TLP:CLEAR) and version 1 superseded, as a
/// publication would, directly in the database (the publication flow has its own tests).
async fn publish_version_2(app: &TestApp) {
    let (v1, v2) = (version_id(app, 1).await, version_id(app, 2).await);
    let now = Timestamp::now();
    sqlx::query(
        "UPDATE plan_versions SET status = 'superseded', superseded_at = $2, updated_at = $2
         WHERE id = $1",
    )
    .bind(v1)
    .bind(now)
    .execute(app.db.pool())
    .await
    .expect("supersede version 1");
    sqlx::query(
        "UPDATE plan_versions SET status = 'published', tlp = 'clear',
                adopted_by_motion_id = (SELECT w.adopted_by_motion_id FROM plan_versions w WHERE w.id = $3),
                adopted_at = $2, published_at = $2, updated_at = $2
         WHERE id = $1",
    )
    .bind(v2)
    .bind(now)
    .bind(v1)
    .execute(app.db.pool())
    .await
    .expect("publish version 2");
}

db_test!(
    superseded_versions_stay_readable_and_comparable_by_the_public,
    true,
    |app| {
        publish_version_2(app).await;
        let (status, html) = app.get("/p/us-hph/plan").await;
        assert_eq!(status, StatusCode::OK);
        let main = main_of(&html);
        assert!(main.contains("HPH Sector-Specific Plan 2027 (draft)"));
        assert!(main.contains("voice cloning"));
        assert!(
            main.contains("href=\"/p/us-hph/plan/compare?from=1&amp;to=2\""),
            "{main}"
        );
        // the added objective is TLP:GREEN
        assert!(!main.contains("Grow the health-sector cybersecurity workforce"));

        let (status, html) = app.get("/p/us-hph/plan/v/1").await;
        assert_eq!(status, StatusCode::OK);
        let main = main_of(&html);
        assert!(main.contains("Superseded on"), "{main}");
        assert!(main.contains("read the current plan"));

        let (status, html) = app.get("/p/us-hph/plan/compare?from=1&to=2").await;
        assert_eq!(status, StatusCode::OK);
        let main = main_of(&html);
        assert!(main.contains("voice cloning"));
        assert!(
            !main.contains("Grow the health-sector cybersecurity workforce"),
            "the comparison shows only what the viewer may see"
        );
        let (_, html) = app.get("/p/us-hph/plan/versions").await;
        let main = main_of(&html);
        assert!(main.contains("id=\"compare-form\""));
        assert!(main.contains("Superseded"));
    }
);

const HOSTILE: &str = "Before <script>alert('section')</script> the middle \
<img src=x onerror=\"alert(1)\"> and [a link](javascript:alert(1)) after.\n\n\
<script>document.write('block')</script>\n\n\
<a href=\"JaVaScRiPt:alert(2)\" onclick=\"alert(3)\">second link</a>";

fn assert_inert(path: &str, html: &str) {
    let main = main_of(html).to_lowercase();
    assert!(!main.contains("<script"), "{path}: {main}");
    assert!(!main.contains("onerror"), "{path}: {main}");
    assert!(!main.contains("onclick"), "{path}: {main}");
    assert!(!main.contains("javascript:"), "{path}: {main}");
}

db_test!(
    hostile_markdown_comes_out_inert_on_every_plan_page,
    true,
    |app| {
        let (v1, v2) = (version_id(app, 1).await, version_id(app, 2).await);
        let mut conn = app.db.pool().acquire().await.expect("conn");
        for (version, body) in [
            (v1, HOSTILE.to_owned()),
            (v2, [HOSTILE, " Changed."].concat()),
        ] {
            plans::insert_section(
                &mut conn,
                NewSection {
                    plan_version_id: version,
                    key: "hostile".to_owned(),
                    position: 99,
                    title: "Hostile section".to_owned(),
                    body,
                    tlp: Tlp::Clear,
                    owner_organisation_id: None,
                    author_person_id: None,
                    created_at: Timestamp::now(),
                },
            )
            .await
            .expect("insert the hostile section");
        }
        sqlx::query("UPDATE goals SET description = $1 WHERE plan_version_id = $2 AND number = 1")
            .bind(HOSTILE)
            .bind(v1)
            .execute(&mut *conn)
            .await
            .expect("hostile goal description");
        sqlx::query(
            "UPDATE objectives SET description = $1 WHERE plan_version_id = $2 AND number = 1",
        )
        .bind(HOSTILE)
        .bind(v2)
        .execute(&mut *conn)
        .await
        .expect("hostile objective description");
        drop(conn);

        for path in [
            "/p/us-hph/plan",
            "/p/us-hph/plan/v/1",
            "/p/us-hph/plan/v/1/goals/1",
        ] {
            let (status, html) = app.get(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(html.contains("Hostile section") || path.contains("goals"));
            assert!(
                html.contains("second link"),
                "{path}: the harmless text stays"
            );
            assert_inert(path, &html);
        }
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        for path in [
            "/p/us-hph/plan/v/2",
            "/p/us-hph/plan/v/2/goals/1",
            "/p/us-hph/plan/compare?from=1&to=2",
            "/p/us-hph/plan/compare?from=1&to=2&view=unified",
        ] {
            let (status, html) = get_as(app, &secretariat, path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_inert(path, &html);
        }
        let (_, html) = get_as(app, &secretariat, "/p/us-hph/plan/compare?from=1&to=2").await;
        assert!(html.contains("Hostile section"), "the section is compared");
    }
);
