//! Invitations through the HTTP endpoints: the secretariat invites, the mail waits in the
//! outbox, the link works once and makes an account that can sign in; nobody else may
//! invite. On SQLite and PostgreSQL.

mod common;

use app::ssr::db::mail;
use common::{DEMO_PASSWORD, TestApp};
use reqwest::StatusCode;

async fn sign_in(app: &TestApp, email: &str, password: &str) -> StatusCode {
    app.call("sign_in", &[("email", email), ("password", password)])
        .await
        .0
}

async fn newest_mail_to(app: &TestApp, to: &str) -> mail::MailRow {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    mail::list_mail(&mut conn, 50)
        .await
        .expect("outbox")
        .into_iter()
        .find(|m| m.to_address == to)
        .expect("a mail to the invited address")
}

fn token_in(body: &str) -> String {
    let start = body.find("token=").expect("a link with a token") + "token=".len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

const INVITE: &[(&str, &str)] = &[
    ("partnership", "us-hph"),
    ("organisation", "lakeview"),
    ("email", "New.Person@Lakeview.example"),
    ("name", "Noor Haddad"),
];

db_test!(an_invited_person_accepts_once_and_signs_in, true, |app| {
    assert_eq!(
        sign_in(app, "secretariat@aspr.example", DEMO_PASSWORD).await,
        StatusCode::OK
    );
    let (status, body) = app.call("invite_person", INVITE).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let sent: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(sent["email"], "new.person@lakeview.example");

    let mail = newest_mail_to(app, "new.person@lakeview.example").await;
    assert!(
        mail.body_text.contains("/invitations/accept?token="),
        "{}",
        mail.body_text
    );
    let token = token_in(&mail.body_text);
    assert_eq!(token.len(), 64);

    let (status, page) = app.get(&format!("/invitations/accept?token={token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Noor Haddad") && page.contains("Lakeview"),
        "{page}"
    );

    let (status, body) = app
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("password", "a long new password"),
                ("confirm", "a long new password"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = app
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("password", "a long new password"),
                ("confirm", "a long new password"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the link works once");
    let (status, page) = app.get(&format!("/invitations/accept?token={token}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("This invitation link does not work"));

    let fresh = TestApp::client();
    let (status, _) = app
        .call_with(
            &fresh,
            "sign_in",
            &[
                ("email", "new.person@lakeview.example"),
                ("password", "a long new password"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "the new account signs in");
});

db_test!(only_the_secretariat_may_invite, true, |app| {
    let (status, _) = app.call("invite_person", INVITE).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out");
    assert_eq!(
        sign_in(app, "member@apexmed.example", DEMO_PASSWORD).await,
        StatusCode::OK
    );
    let (status, _) = app.call("invite_person", INVITE).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a member");
    let (status, _) = app
        .call("list_invitable_organisations", &[("partnership", "us-hph")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
});

db_test!(
    the_irish_secretariat_cannot_invite_to_the_us_partnership,
    true,
    |app| {
        assert_eq!(
            sign_in(app, "secretariat@health-ie.example", DEMO_PASSWORD).await,
            StatusCode::OK
        );
        let (status, _) = app.call("invite_person", INVITE).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    bad_invitations_name_their_fields_and_save_nothing,
    true,
    |app| {
        assert_eq!(
            sign_in(app, "secretariat@aspr.example", DEMO_PASSWORD).await,
            StatusCode::OK
        );
        let (status, body) = app
            .call(
                "invite_person",
                &[
                    ("partnership", "us-hph"),
                    ("organisation", "lakeview"),
                    ("email", "nope"),
                    ("name", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("\"email\"") && body.contains("\"name\""),
            "{body}"
        );
        let (status, body) = app
            .call(
                "invite_person",
                &[
                    ("partnership", "us-hph"),
                    ("organisation", "no-such-org"),
                    ("email", "x@y.example"),
                    ("name", "X"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"organisation\""), "{body}");
        let (status, body) = app
            .call(
                "invite_person",
                &[
                    ("partnership", "us-hph"),
                    ("organisation", "lakeview"),
                    ("email", "member@apexmed.example"),
                    ("name", "Chris"),
                ],
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "an existing account: {body}"
        );
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let outbox = mail::list_mail(&mut conn, 50).await.expect("outbox");
        assert!(
            outbox
                .iter()
                .all(|m| m.to_address != "x@y.example" && m.to_address != "member@apexmed.example")
        );
        let (status, body) = app
            .call(
                "accept_invitation",
                &[
                    ("token", "0000"),
                    ("password", "short"),
                    ("confirm", "other"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"password\""), "{body}");
    }
);
