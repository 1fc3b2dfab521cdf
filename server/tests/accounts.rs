//! Accounts through HTTP, on SQLite and PostgreSQL: sign-in and its one generic failure,
//! session rotation and expiry, sign-out (here and everywhere), the per-account lockout and
//! the per-address limit, password change and reset, the account pages, and the audit
//! events they leave.

mod common;

use common::{DEMO_PASSWORD, TestApp};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CACHE_CONTROL, COOKIE, LOCATION, SET_COOKIE};

const SECRETARIAT: &str = "secretariat@aspr.example";
const MEMBER: &str = "member@apexmed.example";
const COOKIE_NAME: &str = "concordat_session";

/// action, actor_person_id, record_id, actor_label, after_json
type AuditRow = (String, Option<i64>, Option<i64>, String, Option<String>);

/// A POST of a form to a server function from `client`, as a fetch would send it.
async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("origin", format!("http://{}", app.addr))
        .form(form)
        .send()
        .await
        .expect("POST")
}

/// The same as a browser's plain HTML form post (accepts text/html, says same-origin).
async fn form_post(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("sec-fetch-site", "same-origin")
        .header("referer", app.url("/account/sign-in"))
        .header(
            ACCEPT,
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        )
        .form(form)
        .send()
        .await
        .expect("POST")
}

async fn sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    post(
        app,
        client,
        "sign_in",
        &[("email", email), ("password", password)],
    )
    .await
}

/// The session id a response sets, if any.
fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers().get_all(SET_COOKIE).iter().find_map(|v| {
        let text = v.to_str().ok()?;
        let value = text.strip_prefix(&format!("{COOKIE_NAME}="))?;
        let value = value.split(';').next()?;
        (!value.is_empty()).then(|| value.to_owned())
    })
}

/// Who `client` is signed in as (the e-mail address), per the `current_account` endpoint.
async fn whoami(app: &TestApp, client: &reqwest::Client) -> Option<String> {
    let res = post(app, client, "current_account", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.expect("JSON");
    body.get("email")
        .and_then(|e| e.as_str())
        .map(str::to_owned)
}

/// Who a bare session id is signed in as (a client with no cookie jar of its own).
async fn whoami_with_cookie(app: &TestApp, session_id: &str) -> Option<String> {
    let res = reqwest::Client::new()
        .post(app.url("/api/current_account"))
        .header("origin", format!("http://{}", app.addr))
        .header(COOKIE, format!("{COOKIE_NAME}={session_id}"))
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.expect("JSON");
    body.get("email")
        .and_then(|e| e.as_str())
        .map(str::to_owned)
}

async fn password_hash_of(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar::<_, String>("SELECT password_hash FROM people WHERE email = $1")
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .expect("password hash")
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar::<_, String>("SELECT action FROM audit_events ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .expect("audit events")
}

/// The token of the newest password reset mail to `to`.
async fn reset_token_mailed_to(app: &TestApp, to: &str) -> String {
    let mut conn = app.db.pool().acquire().await.expect("connection");
    let mails = app::ssr::db::mail::list_mail(&mut conn, 50)
        .await
        .expect("outbox");
    let mail = mails
        .into_iter()
        .find(|m| m.to_address == to)
        .expect("a reset mail");
    assert!(
        mail.body_text
            .contains("http://concordat.test/account/reset?token="),
        "{}",
        mail.body_text
    );
    let token = mail
        .body_text
        .split("token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("token in the link")
        .to_owned();
    assert_eq!(token.len(), 64);
    token
}

db_test!(
    stored_password_hashes_are_argon2id_at_owasp_parameters,
    true,
    |app| {
        assert!(
            password_hash_of(app, SECRETARIAT)
                .await
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
        );
        // A password changed through the application is stored the same way.
        let client = TestApp::client();
        assert_eq!(
            sign_in(app, &client, SECRETARIAT, DEMO_PASSWORD)
                .await
                .status(),
            StatusCode::OK
        );
        let res = post(
            app,
            &client,
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "a brand new passphrase"),
                ("confirm_password", "a brand new passphrase"),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let hash = password_hash_of(app, SECRETARIAT).await;
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(!hash.contains("a brand new passphrase"));
    }
);

db_test!(
    sign_in_issues_a_new_session_id_and_the_old_one_stops_working,
    true,
    |app| {
        let client = TestApp::client();
        assert_eq!(whoami(app, &client).await, None);
        let res = sign_in(app, &client, SECRETARIAT, DEMO_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK);
        let first = session_cookie(&res).expect("a session cookie");
        assert_eq!(whoami(app, &client).await.as_deref(), Some(SECRETARIAT));
        assert_eq!(
            whoami_with_cookie(app, &first).await.as_deref(),
            Some(SECRETARIAT)
        );

        // Signing in again (as someone else, on the same browser) rotates the id.
        let res = sign_in(app, &client, MEMBER, DEMO_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK);
        let second = session_cookie(&res).expect("a new session cookie");
        assert_ne!(first, second);
        assert_eq!(whoami(app, &client).await.as_deref(), Some(MEMBER));
        assert_eq!(
            whoami_with_cookie(app, &first).await,
            None,
            "the id from before the sign-in is refused"
        );
        assert_eq!(
            whoami_with_cookie(app, &second).await.as_deref(),
            Some(MEMBER)
        );
        // Made-up ids are refused too.
        assert_eq!(
            whoami_with_cookie(app, "AAAAAAAAAAAAAAAAAAAAAA").await,
            None
        );
        assert_eq!(whoami_with_cookie(app, "not-an-id").await, None);
    }
);

db_test!(
    the_session_cookie_is_http_only_and_same_site_strict,
    true,
    |app| {
        let res = sign_in(app, &TestApp::client(), SECRETARIAT, DEMO_PASSWORD).await;
        let cookie = res
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(COOKIE_NAME))
            .expect("session cookie")
            .to_owned();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Strict"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
        assert!(
            cookie.contains("Max-Age=1800"),
            "30 minutes idle expiry: {cookie}"
        );
        assert!(
            !cookie.contains("Secure"),
            "the test site is http: {cookie}"
        );
        // The database keeps a hash of the id, never the id.
        let id = session_cookie(&res).expect("id");
        let stored: Vec<String> = sqlx::query_scalar("SELECT id FROM sessions")
            .fetch_all(app.db.pool())
            .await
            .expect("sessions");
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0], id);
        assert_eq!(stored[0].len(), 64);
    }
);

db_test!(
    wrong_password_and_unknown_account_get_the_same_answer,
    true,
    |app| {
        let client = TestApp::client();
        let wrong = sign_in(app, &client, SECRETARIAT, "not the password").await;
        let wrong_status = wrong.status();
        assert!(session_cookie(&wrong).is_none());
        let wrong_body = wrong.text().await.expect("body");
        let unknown = sign_in(app, &client, "nobody@nowhere.example", DEMO_PASSWORD).await;
        let unknown_status = unknown.status();
        let unknown_body = unknown.text().await.expect("body");
        assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown_status, wrong_status);
        assert_eq!(unknown_body, wrong_body);
        assert_eq!(wrong_body, "\"BadCredentials\"");

        // A plain form post goes back to the form with the same code either way.
        let wrong = form_post(
            app,
            &client,
            "sign_in",
            &[("email", SECRETARIAT), ("password", "nope nope")],
        )
        .await;
        let unknown = form_post(
            app,
            &client,
            "sign_in",
            &[
                ("email", "nobody@nowhere.example"),
                ("password", "nope nope"),
            ],
        )
        .await;
        for res in [&wrong, &unknown] {
            assert_eq!(res.status(), StatusCode::FOUND);
            assert_eq!(
                res.headers().get(LOCATION).expect("location"),
                "/account/sign-in?error=credentials"
            );
        }
        let (_, page) = app.get("/account/sign-in?error=credentials").await;
        assert!(
            page.contains("The e-mail address or password is not right."),
            "{page}"
        );
        assert_eq!(whoami(app, &client).await, None);
    }
);

db_test!(
    a_form_sign_in_redirects_home_and_the_header_shows_the_name,
    true,
    |app| {
        let client = TestApp::client();
        let res = form_post(
            app,
            &client,
            "sign_in",
            &[
                ("email", "  Secretariat@ASPR.example "),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers().get(LOCATION).expect("location"), "/");
        let res = client.get(app.url("/")).send().await.expect("GET");
        assert_eq!(
            res.headers().get(CACHE_CONTROL).map(|v| v.as_bytes()),
            Some(&b"no-store"[..]),
            "pages for a signed-in person are not cached"
        );
        let html = res.text().await.expect("body");
        assert!(html.contains("action=\"/api/sign_out\""), "{html}");
        assert!(html.contains(">Sign out</button>"), "{html}");
        assert!(!html.contains("href=\"/account/sign-in\""), "{html}");

        let (_, anonymous) = app.get("/").await;
        assert!(anonymous.contains("href=\"/account/sign-in\""));
        assert!(!anonymous.contains("/api/sign_out"));
    }
);

db_test!(
    twenty_wrong_passwords_lock_the_account_for_a_while,
    true,
    |app| {
        let client = TestApp::client();
        for attempt in 1..=20 {
            let res = sign_in(app, &client, SECRETARIAT, "wrong password").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
        }
        let res = sign_in(app, &client, SECRETARIAT, DEMO_PASSWORD).await;
        assert_eq!(
            res.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "the right password is refused while locked"
        );
        assert!(session_cookie(&res).is_none());
        assert_eq!(res.text().await.expect("body"), "\"RateLimited\"");
        assert_eq!(whoami(app, &client).await, None);

        // Other accounts are not affected.
        assert_eq!(
            sign_in(app, &TestApp::client(), MEMBER, DEMO_PASSWORD)
                .await
                .status(),
            StatusCode::OK
        );

        // The lock is in the database (so it holds across app servers) and lasts 15 minutes.
        let locked_until: String =
            sqlx::query_scalar("SELECT locked_until FROM people WHERE email = $1")
                .bind(SECRETARIAT)
                .fetch_one(app.db.pool())
                .await
                .expect("lock");
        let locked_until = app::domain::Timestamp::parse_db_text(&locked_until).expect("timestamp");
        let minutes = (locked_until.as_datetime() - chrono::Utc::now()).num_minutes();
        assert!((13..=15).contains(&minutes), "{minutes}");
        let actions = audit_actions(app).await;
        assert_eq!(
            actions.iter().filter(|a| *a == "account_lock").count(),
            1,
            "{actions:?}"
        );

        // Once the lock has passed, the right password works again.
        sqlx::query("UPDATE people SET locked_until = $1 WHERE email = $2")
            .bind("2000-01-01T00:00:00.000000Z")
            .bind(SECRETARIAT)
            .execute(app.db.pool())
            .await
            .expect("expire the lock");
        assert_eq!(
            sign_in(app, &client, SECRETARIAT, DEMO_PASSWORD)
                .await
                .status(),
            StatusCode::OK
        );
    }
);

db_test!(
    thirty_failures_from_one_address_refuse_it_for_a_while,
    true,
    |app| {
        let client = TestApp::client();
        for attempt in 1..=30 {
            let email = format!("nobody{attempt}@nowhere.example");
            let res = sign_in(app, &client, &email, "whatever it is").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
        }
        let res = sign_in(app, &client, MEMBER, DEMO_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        let res = post(app, &client, "request_password_reset", &[("email", MEMBER)]).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        let res = form_post(
            app,
            &client,
            "sign_in",
            &[("email", MEMBER), ("password", DEMO_PASSWORD)],
        )
        .await;
        assert_eq!(
            res.headers().get(LOCATION).expect("location"),
            "/account/sign-in?error=rate_limited"
        );
        let (_, page) = app.get("/account/sign-in?error=rate_limited").await;
        assert!(page.contains("Too many attempts."), "{page}");
    }
);

db_test!(sign_out_ends_the_session, true, |app| {
    let client = TestApp::client();
    let res = sign_in(app, &client, SECRETARIAT, DEMO_PASSWORD).await;
    let id = session_cookie(&res).expect("session");
    assert_eq!(whoami(app, &client).await.as_deref(), Some(SECRETARIAT));
    let res = post(app, &client, "sign_out", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(whoami(app, &client).await, None);
    assert_eq!(
        whoami_with_cookie(app, &id).await,
        None,
        "the old cookie is dead"
    );
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(left, 0);
    let actions = audit_actions(app).await;
    assert!(actions.contains(&"sign_in".to_owned()), "{actions:?}");
    assert!(actions.contains(&"sign_out".to_owned()), "{actions:?}");
    // A form post goes to the sign-in page, which says so.
    let res = form_post(app, &client, "sign_out", &[]).await;
    assert_eq!(
        res.headers().get(LOCATION).expect("location"),
        "/account/sign-in?done=signed_out"
    );
});

db_test!(
    sign_out_everywhere_ends_the_other_browsers_sessions,
    true,
    |app| {
        let laptop = TestApp::client();
        let phone = TestApp::client();
        let other_person = TestApp::client();
        sign_in(app, &laptop, SECRETARIAT, DEMO_PASSWORD).await;
        sign_in(app, &phone, SECRETARIAT, DEMO_PASSWORD).await;
        sign_in(app, &other_person, MEMBER, DEMO_PASSWORD).await;
        assert_eq!(whoami(app, &phone).await.as_deref(), Some(SECRETARIAT));

        let res = post(app, &laptop, "sign_out_everywhere", &[]).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(whoami(app, &laptop).await, None);
        assert_eq!(
            whoami(app, &phone).await,
            None,
            "the other browser is signed out"
        );
        assert_eq!(
            whoami(app, &other_person).await.as_deref(),
            Some(MEMBER),
            "other people are not"
        );
        // Signed out, there is nobody to sign out everywhere.
        let res = post(app, &laptop, "sign_out_everywhere", &[]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(
            audit_actions(app)
                .await
                .contains(&"sign_out_everywhere".to_owned())
        );
    }
);

db_test!(
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    true,
    |app| {
        let here = TestApp::client();
        let elsewhere = TestApp::client();
        sign_in(app, &here, SECRETARIAT, DEMO_PASSWORD).await;
        sign_in(app, &elsewhere, SECRETARIAT, DEMO_PASSWORD).await;

        let new = "correct horse battery staple";
        let res = post(
            app,
            &here,
            "change_password",
            &[
                ("current_password", "not my password"),
                ("new_password", new),
                ("confirm_password", new),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = res.text().await.expect("body");
        assert!(body.contains("current_password"), "{body}");
        assert!(
            body.contains("This is not your current password."),
            "{body}"
        );

        let res = post(
            app,
            &here,
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", new),
                ("confirm_password", new),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            whoami(app, &here).await.as_deref(),
            Some(SECRETARIAT),
            "still signed in here"
        );
        assert_eq!(whoami(app, &elsewhere).await, None, "signed out elsewhere");
        let fresh = TestApp::client();
        assert_eq!(
            sign_in(app, &fresh, SECRETARIAT, DEMO_PASSWORD)
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            sign_in(app, &fresh, SECRETARIAT, new).await.status(),
            StatusCode::OK
        );

        // Signed out, the change is refused.
        let res = post(
            app,
            &TestApp::client(),
            "change_password",
            &[
                ("current_password", new),
                ("new_password", "yet another passphrase"),
                ("confirm_password", "yet another passphrase"),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
);

db_test!(each_invalid_field_gets_its_own_message, true, |app| {
    let client = TestApp::client();
    let res = post(app, &client, "sign_in", &[("email", ""), ("password", "")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.expect("JSON");
    assert_eq!(
        body["Invalid"]["email"][0], "Enter your e-mail address.",
        "{body}"
    );
    assert_eq!(body["Invalid"]["password"][0], "Enter your password.");

    sign_in(app, &client, SECRETARIAT, DEMO_PASSWORD).await;
    let res = post(
        app,
        &client,
        "change_password",
        &[
            ("current_password", DEMO_PASSWORD),
            ("new_password", "short"),
            ("confirm_password", "different"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.expect("JSON");
    assert_eq!(
        body["Invalid"]["new_password"][0],
        "Choose a password of 8 to 128 characters."
    );
    assert_eq!(
        body["Invalid"]["confirm_password"][0],
        "The two new passwords are not the same."
    );

    let res = post(
        app,
        &client,
        "request_password_reset",
        &[("email", "not an address")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.expect("body");
    assert!(body.contains("Enter an e-mail address such as"), "{body}");

    // The account page shows each field's message next to it, tied by aria-describedby.
    let res = form_post(
        app,
        &client,
        "change_password",
        &[
            ("current_password", DEMO_PASSWORD),
            ("new_password", "short"),
            ("confirm_password", "different"),
        ],
    )
    .await;
    let location = res
        .headers()
        .get(LOCATION)
        .expect("location")
        .to_str()
        .expect("text")
        .to_owned();
    assert_eq!(
        location,
        "/account?error=invalid&invalid=confirm_password.mismatch&invalid=new_password.password_length"
    );
    let html = client
        .get(app.url(&location))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    assert!(html.contains("id=\"error-summary\""), "{html}");
    assert!(html.contains("id=\"new-password-error\""), "{html}");
    assert!(
        html.contains("aria-describedby=\"new-password-hint new-password-error\""),
        "{html}"
    );
    assert!(html.contains("href=\"#confirm-password\""), "{html}");
});

db_test!(a_password_reset_link_works_once, true, |app| {
    let client = TestApp::client();
    let signed_in_elsewhere = TestApp::client();
    sign_in(app, &signed_in_elsewhere, MEMBER, DEMO_PASSWORD).await;

    let res = post(app, &client, "request_password_reset", &[("email", MEMBER)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let known_body = res.text().await.expect("body");
    // The same answer for an address without an account, and no mail for it.
    let res = post(
        app,
        &client,
        "request_password_reset",
        &[("email", "nobody@nowhere.example")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.expect("body"), known_body);
    let mut conn = app.db.pool().acquire().await.expect("connection");
    let mails = app::ssr::db::mail::list_mail(&mut conn, 50)
        .await
        .expect("outbox");
    drop(conn);
    assert_eq!(mails.len(), 1, "{mails:?}");

    let token = reset_token_mailed_to(app, MEMBER).await;
    // Only the token's hash is stored.
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM password_resets")
        .fetch_all(app.db.pool())
        .await
        .expect("resets");
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);

    let (status, page) = app.get(&format!("/account/reset?token={token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"token\""), "{page}");

    let new = "a new password from the link";
    let form = [
        ("token", token.as_str()),
        ("new_password", new),
        ("confirm_password", new),
    ];
    let res = post(app, &client, "reset_password", &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        whoami(app, &signed_in_elsewhere).await,
        None,
        "a reset ends every session"
    );
    assert_eq!(
        sign_in(app, &TestApp::client(), MEMBER, new).await.status(),
        StatusCode::OK
    );

    let again = post(app, &client, "reset_password", &form).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "a link works once");
    let res = form_post(app, &client, "reset_password", &form).await;
    assert_eq!(
        res.headers()
            .get(LOCATION)
            .expect("location")
            .to_str()
            .expect("text"),
        format!("/account/reset?token={token}&error=bad_link")
    );

    // Neither the passwords nor the token are in the audit trail.
    let trail: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT action, after_json FROM audit_events ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .expect("audit");
    let actions: Vec<&str> = trail.iter().map(|(a, _)| a.as_str()).collect();
    assert!(actions.contains(&"password_reset_request"), "{actions:?}");
    assert!(actions.contains(&"password_reset"), "{actions:?}");
    for (_, after) in &trail {
        let after = after.clone().unwrap_or_default();
        for secret in [token.as_str(), new, DEMO_PASSWORD, stored[0].as_str()] {
            assert!(!after.contains(secret), "{after}");
        }
    }
});

db_test!(a_password_reset_link_expires_after_an_hour, true, |app| {
    let client = TestApp::client();
    post(app, &client, "request_password_reset", &[("email", MEMBER)]).await;
    let token = reset_token_mailed_to(app, MEMBER).await;
    let expires_at: String = sqlx::query_scalar("SELECT expires_at FROM password_resets")
        .fetch_one(app.db.pool())
        .await
        .expect("reset");
    let expires_at = app::domain::Timestamp::parse_db_text(&expires_at).expect("timestamp");
    let minutes = (expires_at.as_datetime() - chrono::Utc::now()).num_minutes();
    assert!((58..=60).contains(&minutes), "{minutes}");

    sqlx::query("UPDATE password_resets SET expires_at = $1")
        .bind("2000-01-01T00:00:00.000000Z")
        .execute(app.db.pool())
        .await
        .expect("expire the link");
    let new = "a new password from the link";
    let res = post(
        app,
        &client,
        "reset_password",
        &[
            ("token", token.as_str()),
            ("new_password", new),
            ("confirm_password", new),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        sign_in(app, &client, MEMBER, DEMO_PASSWORD).await.status(),
        StatusCode::OK,
        "the password is unchanged"
    );
});

db_test!(
    sign_ins_and_failures_are_audited_without_secrets,
    true,
    |app| {
        let client = TestApp::client();
        sign_in(app, &client, SECRETARIAT, "typed-a-wrong-password").await;
        sign_in(app, &client, "typo@aspr.example", "another-wrong-one").await;
        sign_in(app, &client, SECRETARIAT, DEMO_PASSWORD).await;
        post(app, &client, "sign_out", &[]).await;
        let trail: Vec<AuditRow> = sqlx::query_as(
            "SELECT action, actor_person_id, record_id, actor_label, after_json
             FROM audit_events ORDER BY id",
        )
        .fetch_all(app.db.pool())
        .await
        .expect("audit");
        let recent: Vec<_> = trail
            .iter()
            .filter(|(action, ..)| action.starts_with("sign_"))
            .collect();
        let actions: Vec<&str> = recent.iter().map(|(a, ..)| a.as_str()).collect();
        assert_eq!(
            actions,
            ["sign_in_failed", "sign_in_failed", "sign_in", "sign_out"]
        );
        let secretariat_id: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
            .bind(SECRETARIAT)
            .fetch_one(app.db.pool())
            .await
            .expect("id");
        assert_eq!(recent[0].2, Some(secretariat_id), "the account tried");
        assert_eq!(recent[0].1, None, "nobody known did it");
        assert_eq!(recent[1].2, None, "no such account");
        assert_eq!(recent[2].1, Some(secretariat_id));
        assert_eq!(recent[2].3, SECRETARIAT);
        for (_, _, _, label, after) in &trail {
            let text = format!("{label} {}", after.clone().unwrap_or_default());
            for secret in [
                "typed-a-wrong-password",
                "another-wrong-one",
                DEMO_PASSWORD,
                "typo@aspr.example",
            ] {
                assert!(!text.contains(secret), "{text}");
            }
        }
    }
);

db_test!(the_account_pages_render_and_are_never_cached, true, |app| {
    for path in [
        "/account/sign-in",
        "/account/forgot",
        "/account/reset?token=abc",
        "/account",
    ] {
        let res = app.client.get(app.url(path)).send().await.expect("GET");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(
            res.headers().get(CACHE_CONTROL).map(|v| v.as_bytes()),
            Some(&b"no-store"[..]),
            "{path}"
        );
    }
    let (_, html) = app.get("/account/sign-in").await;
    assert!(html.contains("action=\"/api/sign_in\""), "{html}");
    assert!(html.contains("<label for=\"sign-in-email\">"), "{html}");
    assert!(html.contains("autocomplete=\"current-password\""), "{html}");
    let (_, html) = app.get("/account").await;
    assert!(html.contains("You are not signed in."), "{html}");

    sign_in(app, &app.client, SECRETARIAT, DEMO_PASSWORD).await;
    let (_, html) = app.get("/account").await;
    assert!(html.contains(SECRETARIAT), "{html}");
    assert!(html.contains("action=\"/api/change_password\""), "{html}");
    assert!(
        html.contains("action=\"/api/sign_out_everywhere\""),
        "{html}"
    );
    assert!(html.contains("autocomplete=\"new-password\""), "{html}");
});

mod behind_a_trusted_proxy {
    use super::*;

    async fn run(backend: common::Backend) {
        let Some(app) = TestApp::spawn_with(backend, true, |state| {
            state.trusted_proxy = Some("127.0.0.1".parse().expect("address"));
        })
        .await
        else {
            return;
        };
        let attempt = |client_addr: &'static str, email: &'static str, password: &'static str| {
            let app = &app;
            async move {
                TestApp::client()
                    .post(app.url("/api/sign_in"))
                    .header("origin", format!("http://{}", app.addr))
                    .header("x-forwarded-for", format!("198.51.100.1, {client_addr}"))
                    .form(&[("email", email), ("password", password)])
                    .send()
                    .await
                    .expect("POST")
                    .status()
            }
        };
        for _ in 0..30 {
            assert_eq!(
                attempt("192.0.2.10", "nobody@nowhere.example", "guess").await,
                StatusCode::UNAUTHORIZED
            );
        }
        assert_eq!(
            attempt("192.0.2.10", MEMBER, DEMO_PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS,
            "the client the proxy names is limited"
        );
        assert_eq!(
            attempt("192.0.2.11", MEMBER, DEMO_PASSWORD).await,
            StatusCode::OK,
            "another client behind the same proxy is not"
        );
        app.stop().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        run(common::Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        run(common::Backend::Postgres).await;
    }
}
