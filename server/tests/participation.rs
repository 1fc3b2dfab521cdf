//! The participation report through every layer: the server function, the page and the CSV
//! export, checked against counts written by hand in SQL over the demo data, for the public
//! and for a signed-in member, on SQLite and PostgreSQL.

mod common;

use app::api::participation::ParticipationReport;
use app::domain::Timestamp;
use app::domain::participation::{Breakdown, CSV_HEADER, ParticipationRow};
use app::domain::partnership::SizeClass;
use common::TestApp;
use reqwest::StatusCode;
use std::collections::BTreeMap;

/// Registered, taking part, seats, voting rights.
type Counts = (i64, i64, i64, i64);

async fn report_for(app: &TestApp, client: &reqwest::Client, slug: &str) -> ParticipationReport {
    let (status, body) = app
        .call_with(client, "get_participation_report", &[("slug", slug)])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a participation report")
}

/// The seats on TLP:CLEAR bodies of `slug` whose term covers today, counted by hand per
/// value of the organisations' `column`, next to the registered organisations.
async fn clear_counts_by(app: &TestApp, slug: &str, column: &str) -> BTreeMap<String, Counts> {
    assert!(
        ["side", "kind", "size_class"].contains(&column),
        "a known column"
    );
    let today = Timestamp::now().date().to_string();
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let registered: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT o.{column}, COUNT(*)
         FROM organisations o JOIN partnerships p ON p.id = o.partnership_id
         WHERE p.slug = $1
         GROUP BY o.{column}"
    ))
    .bind(slug)
    .fetch_all(&mut *conn)
    .await
    .expect("registered organisations");
    let seated: Vec<(String, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT o.{column}, COUNT(DISTINCT s.organisation_id), COUNT(*),
                CAST(SUM(s.is_voting) AS BIGINT)
         FROM (
             SELECT m.organisation_id, 0 AS is_voting
             FROM council_memberships m
             JOIN councils c ON c.id = m.council_id
             JOIN partnerships p ON p.id = c.partnership_id
             WHERE p.slug = $1 AND c.tlp = 'clear'
               AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)
             UNION ALL
             SELECT m.organisation_id, m.is_voting
             FROM working_group_memberships m
             JOIN working_groups w ON w.id = m.working_group_id
             JOIN partnerships p ON p.id = w.partnership_id
             WHERE p.slug = $1 AND w.tlp = 'clear'
               AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)
         ) s
         JOIN organisations o ON o.id = s.organisation_id
         GROUP BY o.{column}"
    ))
    .bind(slug)
    .bind(&today)
    .fetch_all(&mut *conn)
    .await
    .expect("seats");
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for (category, n) in registered {
        counts.entry(category).or_default().0 = n;
    }
    for (category, taking_part, seats, voting) in seated {
        let entry = counts.entry(category).or_default();
        (entry.1, entry.2, entry.3) = (taking_part, seats, voting);
    }
    counts
}

/// Distinct organisations holding a current seat on a TLP:CLEAR body of `slug`.
async fn clear_organisations_taking_part(app: &TestApp, slug: &str) -> i64 {
    let today = Timestamp::now().date().to_string();
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(DISTINCT s.organisation_id) FROM (
             SELECT m.organisation_id FROM council_memberships m
             JOIN councils c ON c.id = m.council_id JOIN partnerships p ON p.id = c.partnership_id
             WHERE p.slug = $1 AND c.tlp = 'clear'
               AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)
             UNION ALL
             SELECT m.organisation_id FROM working_group_memberships m
             JOIN working_groups w ON w.id = m.working_group_id JOIN partnerships p ON p.id = w.partnership_id
             WHERE p.slug = $1 AND w.tlp = 'clear'
               AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)
         ) s",
    )
    .bind(slug)
    .bind(&today)
    .fetch_one(&mut *conn)
    .await
    .expect("organisations taking part");
    n
}

fn counts_of(row: &ParticipationRow) -> Counts {
    (
        row.registered,
        row.taking_part,
        row.seats,
        row.voting_rights,
    )
}

/// The report's rows as a map, leaving out rows that are all zero (the SQL has none).
fn report_counts(breakdown: &Breakdown) -> BTreeMap<String, Counts> {
    breakdown
        .rows
        .iter()
        .filter(|r| counts_of(r) != (0, 0, 0, 0))
        .map(|r| (r.code.clone(), counts_of(r)))
        .collect()
}

fn sum(counts: &BTreeMap<String, Counts>) -> Counts {
    counts.values().fold((0, 0, 0, 0), |a, c| {
        (a.0 + c.0, a.1 + c.1, a.2 + c.2, a.3 + c.3)
    })
}

db_test!(
    the_public_report_matches_a_hand_written_count_over_the_demo_data,
    true,
    |app| {
        let report = report_for(app, &app.client, "us-hph").await;
        let p = &report.participation;
        let taking_part = clear_organisations_taking_part(app, "us-hph").await;
        for (breakdown, column) in [
            (&p.by_side, "side"),
            (&p.by_kind, "kind"),
            (&p.by_size, "size_class"),
        ] {
            let expected = clear_counts_by(app, "us-hph", column).await;
            assert_eq!(report_counts(breakdown), expected, "by {column}");
            let (registered, _, seats, voting) = sum(&expected);
            assert_eq!(
                counts_of(&breakdown.total),
                (registered, taking_part, seats, voting),
                "totals by {column}"
            );
            // Each share is rounded on its own: 100 % give or take half a tenth per row.
            let shares: i64 = breakdown.rows.iter().map(|r| r.voting_share_tenths).sum();
            let slack = (breakdown.rows.len() as i64 + 1) / 2;
            assert!(
                (shares - 1000).abs() <= slack,
                "voting shares by {column} add up to {shares}"
            );
            for row in &breakdown.rows {
                let tenths = (row.voting_rights as f64 * 1000.0 / voting as f64).round() as i64;
                assert_eq!(row.voting_share_tenths, tenths, "{row:?}");
            }
        }
        // The demo data is not trivial: this would catch a report of zeros.
        let total = &p.by_side.total;
        assert!(total.seats > 40 && total.voting_rights > 10, "{total:?}");
        assert!(total.taking_part > 20 && total.registered >= total.taking_part);
        assert!(total.seats > total.taking_part, "some hold several seats");

        let by_size = clear_counts_by(app, "us-hph", "size_class").await;
        let sme: Counts = by_size
            .iter()
            .filter(|(code, _)| SizeClass::from_code(code).is_some_and(SizeClass::is_sme))
            .fold((0, 0, 0, 0), |a, (_, c)| {
                (a.0 + c.0, a.1 + c.1, a.2 + c.2, a.3 + c.3)
            });
        assert!(sme.1 > 0, "the demo data has SMEs taking part");
        assert_eq!(
            (
                p.sme.registered,
                p.sme.taking_part,
                p.sme.seats,
                p.sme.voting_rights
            ),
            sme
        );
        let expected_share = (sme.3 * 2000 + total.voting_rights) / (2 * total.voting_rights);
        assert_eq!(p.sme.voting_share_tenths, expected_share);
        assert!(!report.viewer_is_signed_in);
    }
);

db_test!(
    a_member_counts_the_bodies_only_members_may_see,
    true,
    |app| {
        let member = app.signed_in("member@apexmed.example").await;
        let public = report_for(app, &app.client, "us-hph").await;
        let as_member = report_for(app, &member, "us-hph").await;
        assert!(as_member.viewer_is_signed_in);
        let seats = |r: &ParticipationReport| r.participation.by_side.total.seats;
        assert!(seats(&as_member) >= seats(&public));

        // Relabel a working group with seats TLP:GREEN: the public loses its seats, the
        // member keeps them.
        let group_seats = {
            let mut conn = app.db.pool().acquire().await.expect("conn");
            sqlx::query("UPDATE working_groups SET tlp = 'green' WHERE slug = 'mdsec-task-group'")
                .execute(&mut *conn)
                .await
                .expect("relabel");
            let today = Timestamp::now().date().to_string();
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM working_group_memberships m
                 JOIN working_groups w ON w.id = m.working_group_id
                 WHERE w.slug = 'mdsec-task-group'
                   AND m.term_start <= $1 AND (m.term_end IS NULL OR m.term_end >= $1)",
            )
            .bind(&today)
            .fetch_one(&mut *conn)
            .await
            .expect("count");
            n
        };
        assert!(group_seats > 0, "the task group has current seats");
        let public_after = report_for(app, &app.client, "us-hph").await;
        let member_after = report_for(app, &member, "us-hph").await;
        assert_eq!(seats(&public_after), seats(&public) - group_seats);
        assert_eq!(seats(&member_after), seats(&as_member));
        assert!(seats(&member_after) > seats(&public_after));
        assert_eq!(
            public_after.working_group_count + 1,
            member_after.working_group_count
        );
        // The hand-written count over TLP:CLEAR bodies follows the relabelling too.
        let expected = clear_counts_by(app, "us-hph", "side").await;
        assert_eq!(sum(&expected).2, seats(&public_after));

        // The member's CSV counts what the member's page counts.
        let res = member
            .get(app.url("/p/us-hph/participation.csv"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        let csv = res.text().await.expect("body");
        let total = &member_after.participation.by_side.total;
        let line = format!(
            "side,Total,{},{},{},{},100.0,100.0",
            total.registered, total.taking_part, total.seats, total.voting_rights
        );
        assert!(csv.lines().any(|l| l == line), "{line} in {csv}");
    }
);

db_test!(
    the_csv_export_is_an_attachment_with_the_page_figures,
    true,
    |app| {
        let res = app
            .client
            .get(app.url("/p/us-hph/participation.csv"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("content-type"), "text/csv; charset=utf-8");
        let disposition = header("content-disposition");
        assert!(
            disposition.starts_with("attachment; filename=\"participation-us-hph-")
                && disposition.ends_with(".csv\""),
            "{disposition}"
        );
        let csv = res.text().await.expect("body");
        let mut lines = csv.split("\r\n");
        assert_eq!(lines.next(), Some(CSV_HEADER.join(",").as_str()));

        let report = report_for(app, &app.client, "us-hph").await;
        assert_eq!(csv, report.participation.to_csv(), "page and CSV agree");
        assert!(csv.lines().any(|l| l.starts_with("sme,")), "{csv}");

        for path in [
            "/p/no-such-partnership/participation.csv",
            "/p/US-HPH/participation.csv",
        ] {
            let res = app.client.get(app.url(path)).send().await.expect("GET");
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
);

db_test!(an_unknown_partnership_has_no_report, true, |app| {
    let (status, body) = app
        .call(
            "get_participation_report",
            &[("slug", "no-such-partnership")],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = app.get("/p/no-such-partnership/participation").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

db_test!(
    the_report_page_has_a_chart_tables_and_the_csv_link,
    true,
    |app| {
        let (status, html) = app.get("/p/us-hph/participation").await;
        assert_eq!(status, StatusCode::OK);
        for id in [
            "participation-summary",
            "participation-sme",
            "participation-definitions",
            "participation-side-table",
            "participation-kind-table",
            "participation-size-class-table",
            "participation-side-chart",
            "participation-side-chart-title",
            "participation-side-chart-desc",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "missing #{id}");
        }
        assert!(html.contains("href=\"/p/us-hph/participation.csv\""));
        assert!(html.contains("href=\"/p/us-hph\""), "breadcrumb");
        assert!(html.contains("role=\"img\""));
        assert!(
            html.contains("<th scope=\"row\">Public</th>"),
            "row headers"
        );
        assert!(html.contains("Micro (SME)"));
        assert!(!html.contains(" style="), "no inline style attributes");
        assert!(!html.contains("NaN"));
    }
);
