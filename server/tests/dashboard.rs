//! The member and secretariat dashboards on the demo data, on SQLite and PostgreSQL: the
//! secretariat sees what needs attention, a member organisation sees the ballots it owes
//! and its commitments, the public is asked to sign in.

mod common;

use app::api::dashboard::Dashboard;
use common::TestApp;
use reqwest::StatusCode;

async fn dashboard(app: &TestApp, client: &reqwest::Client) -> Dashboard {
    let (status, body) = app
        .call_with(client, "get_dashboard", &[("partnership", "us-hph")])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("dashboard")
}

db_test!(dashboards_show_each_role_what_it_must_act_on, true, |app| {
    let (status, _) = app
        .call("get_dashboard", &[("partnership", "us-hph")])
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let secretariat = app.signed_in("secretariat@aspr.example").await;
    let d = dashboard(app, &secretariat).await;
    let panel = d.secretariat.expect("the secretariat's panel");
    assert!(
        panel.attention.iter().all(|c| c.overdue
            || c.stale
            || c.status == app::domain::plan::CommitmentStatus::AtRisk)
    );
    assert!(
        panel.closing_soon.iter().any(|m| m
            .title
            .starts_with("Endorse the ransomware recovery playbook")),
        "{:?}",
        panel.closing_soon
    );
    assert!(
        panel.versions.iter().any(|v| v.number == 2),
        "the draft of version 2"
    );

    // Northwind has not voted on the open demo motion; Lakeview has.
    let northwind = app.signed_in("emily.carter@northwind.example").await;
    let d = dashboard(app, &northwind).await;
    assert!(d.secretariat.is_none());
    let member = d.member.expect("a member's panel");
    assert_eq!(member.organisation_name, "Northwind Pharmaceuticals (demo)");
    assert!(member.ballots_due.iter().any(|m| {
        m.title
            .starts_with("Endorse the ransomware recovery playbook")
    }));
    let lakeview = app.signed_in("representative@lakeview.example").await;
    let member = dashboard(app, &lakeview).await.member.expect("panel");
    assert!(member.ballots_due.iter().all(|m| {
        !m.title
            .starts_with("Endorse the ransomware recovery playbook")
    }));
    assert!(
        member
            .commitments
            .iter()
            .all(|c| c.organisation_name == "Lakeview Health System (demo)")
    );

    let (status, page) = app.get("/p/us-hph/dashboard").await;
    assert!(
        status == StatusCode::OK || status == StatusCode::UNAUTHORIZED,
        "{status}"
    );
    assert!(page.contains("Sign in"), "the public is asked to sign in");
});

// More signed-in page loads at once than the pool has connections (the test pool has 8).
// Each page renders its parts by polling them once and then in order; a part polled once
// and set aside used to keep its place in the pool's queue while its page waited on an
// earlier part, so pages waited on each other until acquisitions timed out (10 s, then
// 500). Now every one is answered.
db_test!(
    more_page_loads_at_once_than_connections_are_all_answered,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let member = app.signed_in("emily.carter@northwind.example").await;
        let mut loads = tokio::task::JoinSet::new();
        for i in 0..64 {
            let client = if i % 2 == 0 {
                secretariat.clone()
            } else {
                member.clone()
            };
            let url = app.url(match i % 3 {
                0 => "/p/us-hph/dashboard",
                1 => "/notifications",
                _ => "/p/us-hph",
            });
            loads.spawn(async move {
                let res = client.get(url).send().await.expect("GET");
                (res.status(), res.text().await.expect("body"))
            });
        }
        while let Some(answer) = loads.join_next().await {
            let (status, body) = answer.expect("load");
            assert_eq!(status, StatusCode::OK, "{body}");
            assert!(!body.contains("something went wrong on our side"), "{body}");
        }
    }
);
