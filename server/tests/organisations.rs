//! Organisations and people through the HTTP endpoints: registering and editing
//! organisations, editing and deactivating people, granting the secretariat role — each
//! authorised, validated per field and audited. SQLite and PostgreSQL.

mod common;

use app::ssr::db::{audit, people};
use common::{DEMO_PASSWORD, TestApp};
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

const NEW_ORG: &[(&str, &str)] = &[
    ("partnership", "us-hph"),
    ("slug", "bayside-clinic"),
    ("input[name]", "Bayside Community Clinic (demo)"),
    ("input[short_name]", "Bayside"),
    ("input[kind]", "healthcare_provider"),
    ("input[side]", "private"),
    ("input[size_class]", "small"),
    ("input[country]", "us"),
    ("input[segment]", "Direct patient care"),
    ("input[website]", ""),
    ("input[description]", "A *small* clinic."),
];

db_test!(
    the_secretariat_registers_an_organisation_and_it_is_audited,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let before = events(app, "create", "organisation").await;
        let (status, body) = app
            .call_with(&secretariat, "create_organisation", NEW_ORG)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "create", "organisation").await, before + 1);
        let (status, page) = app.get("/p/us-hph/o/bayside-clinic").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Bayside Community Clinic (demo)") && page.contains("(SME)"),
            "{page}"
        );
        assert!(
            !page.contains(">People</h2>"),
            "the public does not see its people"
        );
        let (status, body) = app
            .call_with(&secretariat, "create_organisation", NEW_ORG)
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a second one with the same name: {body}"
        );
    }
);

db_test!(
    bad_organisations_name_every_field_and_save_nothing,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let bad: Vec<(&str, &str)> = NEW_ORG
            .iter()
            .map(|(k, v)| match *k {
                "slug" => (*k, "Not A Slug"),
                "input[kind]" => (*k, "spaceship"),
                "input[country]" => (*k, "USA"),
                "input[website]" => (*k, "javascript:alert(1)"),
                _ => (*k, *v),
            })
            .collect();
        let (status, body) = app
            .call_with(&secretariat, "create_organisation", &bad)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        for field in ["slug", "kind", "country", "website"] {
            assert!(body.contains(&format!("\"{field}\"")), "{field}: {body}");
        }
        let (status, _) = app.get("/p/us-hph/o/not-a-slug").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    members_and_the_public_may_not_manage_organisations,
    true,
    |app| {
        let (status, _) = app.call("create_organisation", NEW_ORG).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let member = app.signed_in("member@apexmed.example").await;
        let (status, _) = app.call_with(&member, "create_organisation", NEW_ORG).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app
            .call_with(
                &member,
                "get_person",
                &[("partnership", "us-hph"), ("person_id", "1")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    deactivating_a_person_ends_their_sessions_and_is_audited,
    true,
    |app| {
        let member = app.signed_in("member@apexmed.example").await;
        let (status, me) = app.call_with(&member, "current_account", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(me.contains("member@apexmed.example"), "{me}");
        let person_id = {
            let mut conn = app.db.pool().acquire().await.expect("conn");
            people::find_person_by_email(&mut conn, "member@apexmed.example")
                .await
                .expect("q")
                .expect("p")
                .id
        };
        let id = person_id.to_string();
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let form = [
            ("partnership", "us-hph"),
            ("person_id", id.as_str()),
            ("name", "Chris Doyle"),
            ("job_title", "Engineer"),
            ("phone", ""),
        ];
        let (status, body) = app.call_with(&secretariat, "update_person", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, me) = app.call_with(&member, "current_account", &[]).await;
        assert!(!me.contains("member@apexmed.example"), "signed out: {me}");
        let (status, _) = app
            .call_with(
                &TestApp::client(),
                "sign_in",
                &[
                    ("email", "member@apexmed.example"),
                    ("password", DEMO_PASSWORD),
                ],
            )
            .await;
        assert_ne!(
            status,
            StatusCode::OK,
            "a deactivated account cannot sign in"
        );
        assert!(events(app, "update", "person").await >= 1);
        let bad = [
            ("partnership", "us-hph"),
            ("person_id", id.as_str()),
            ("name", " "),
            ("job_title", ""),
            ("phone", ""),
        ];
        let (status, body) = app.call_with(&secretariat, "update_person", &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"name\""));
    }
);

db_test!(only_operators_grant_the_secretariat_role, true, |app| {
    let person_id = {
        let mut conn = app.db.pool().acquire().await.expect("conn");
        people::find_person_by_email(&mut conn, "member@apexmed.example")
            .await
            .expect("q")
            .expect("p")
            .id
    };
    let id = person_id.to_string();
    let form = [
        ("partnership", "us-hph"),
        ("person_id", id.as_str()),
        ("grant", "yes"),
    ];
    let secretariat = app.signed_in("secretariat@aspr.example").await;
    let (status, _) = app
        .call_with(&secretariat, "set_secretariat_role", &form)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = app.signed_in("admin@concordat.example").await;
    let (status, body) = app.call_with(&admin, "set_secretariat_role", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(events(app, "role_change", "person").await, 1);
    let (status, body) = app
        .call_with(
            &admin,
            "get_person",
            &[("partnership", "us-hph"), ("person_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"is_secretariat\":true"), "{body}");
    // The new secretariat may now invite people.
    let promoted = app.signed_in("member@apexmed.example").await;
    let (status, _) = app
        .call_with(
            &promoted,
            "list_invitable_organisations",
            &[("partnership", "us-hph")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
});
