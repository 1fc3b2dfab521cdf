//! Changing a TLP label over HTTP: lowering is the secretariat's alone and is audited;
//! raising is open to the owning organisation's representatives. SQLite and PostgreSQL.

mod common;

use app::domain::Tlp;
use app::domain::access::Resource;
use app::ssr::access::Viewer;
use app::ssr::db::{commitments, partnerships, people};
use common::{DEMO_PASSWORD, TestApp};
use reqwest::StatusCode;

async fn sign_in(app: &TestApp, email: &str) {
    let (status, body) = app
        .call("sign_in", &[("email", email), ("password", DEMO_PASSWORD)])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A US commitment with `label`, owned by the organisation of `owner_email` (or by any
/// organisation when `None`).
async fn commitment(app: &TestApp, label: Tlp, owner_email: Option<&str>) -> (i64, Resource) {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let us =
        partnerships::find_partnership_by_slug(&mut conn, "us-hph", Viewer::public().visibility())
            .await
            .expect("query")
            .expect("us");
    let owner = match owner_email {
        Some(email) => {
            people::find_person_by_email(&mut conn, email)
                .await
                .expect("query")
                .expect("person")
                .organisation_id
        }
        None => None,
    };
    let all = commitments::list_commitment_resources(&mut conn, us.id, -1)
        .await
        .expect("resources");
    let labels: Vec<Tlp> = all.iter().map(|(_, r)| r.tlp).collect();
    let raw: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, tlp FROM commitments WHERE partnership_id = $1 ORDER BY id")
            .bind(us.id)
            .fetch_all(&mut *conn)
            .await
            .expect("raw");
    eprintln!("DEBUG {:?} raw={raw:?}", app.backend);
    all.into_iter()
        .find(|(_, r)| r.tlp == label && (owner.is_none() || r.owner_organisation_id == owner))
        .unwrap_or_else(|| panic!("no demo commitment labelled {label:?} among {labels:?}"))
}

db_test!(
    only_the_secretariat_lowers_a_label_and_it_is_audited,
    true,
    |app| {
        let (id, _) = commitment(app, Tlp::Green, None).await;
        let id_text = id.to_string();
        let (status, _) = app
            .call(
                "set_commitment_label",
                &[("commitment_id", &id_text), ("tlp", "clear")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        sign_in(app, "member@apexmed.example").await;
        let (status, _) = app
            .call(
                "set_commitment_label",
                &[("commitment_id", &id_text), ("tlp", "clear")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a member may not lower");

        let secretariat = TestApp::client();
        let (status, _) = app
            .call_with(
                &secretariat,
                "sign_in",
                &[
                    ("email", "secretariat@aspr.example"),
                    ("password", DEMO_PASSWORD),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = app
            .call_with(
                &secretariat,
                "set_commitment_label",
                &[("commitment_id", &id_text), ("tlp", "clear")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = app
            .call_with(
                &secretariat,
                "set_commitment_label",
                &[("commitment_id", &id_text), ("tlp", "purple")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"tlp\""));

        let mut conn = app.db.pool().acquire().await.expect("conn");
        let filter = app::ssr::db::audit::AuditFilter {
            action: Some("label_change".to_owned()),
            record_type: Some("commitment".to_owned()),
            record_id: Some(id),
            ..Default::default()
        };
        let events = app::ssr::db::audit::list_events(&mut conn, &filter, 10, 0)
            .await
            .expect("events");
        assert_eq!(events.len(), 1, "one audited change");
        assert!(
            events[0]
                .before_json
                .as_deref()
                .is_some_and(|b| b.contains("green"))
        );
        assert!(
            events[0]
                .after_json
                .as_deref()
                .is_some_and(|a| a.contains("clear"))
        );
    }
);

db_test!(
    a_representative_raises_its_organisations_label,
    true,
    |app| {
        let (id, _) = commitment(app, Tlp::Clear, Some("representative@lakeview.example")).await;
        sign_in(app, "representative@lakeview.example").await;
        let id_text = id.to_string();
        let (status, body) = app
            .call(
                "set_commitment_label",
                &[("commitment_id", &id_text), ("tlp", "green")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = app
            .call(
                "set_commitment_label",
                &[("commitment_id", &id_text), ("tlp", "clear")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "but may not lower it again");
    }
);

db_test!(a_label_the_viewer_cannot_see_is_not_found, true, |app| {
    let (id, _) = commitment(app, Tlp::Red, None).await;
    sign_in(app, "member@apexmed.example").await;
    let (status, _) = app
        .call(
            "set_commitment_label",
            &[("commitment_id", &id.to_string()), ("tlp", "red")],
        )
        .await;
    assert!(status == StatusCode::NOT_FOUND, "{status}");
});
