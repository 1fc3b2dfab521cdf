//! The security baseline through HTTP, on SQLite and PostgreSQL: cross-site requests
//! refused, same-origin ones served; security headers and a nonce'd Content-Security-Policy
//! on every kind of response; https-only settings; no internal error text in any answer.

mod common;

use common::{DEMO_PASSWORD, TestApp};
use reqwest::StatusCode;
use reqwest::header::{
    CONTENT_SECURITY_POLICY, HeaderMap, REFERRER_POLICY, SET_COOKIE, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};

const SIGN_IN: [(&str, &str); 2] = [
    ("email", "secretariat@aspr.example"),
    ("password", DEMO_PASSWORD),
];

/// The nonce in a CSP header, checking the rest of the policy on the way.
fn csp_nonce(headers: &HeaderMap) -> String {
    let csp = headers
        .get(CONTENT_SECURITY_POLICY)
        .expect("a Content-Security-Policy header")
        .to_str()
        .expect("text");
    for directive in [
        "default-src 'self'",
        "'strict-dynamic' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("script-src has a nonce");
    assert!(nonce.len() >= 22, "{nonce}");
    nonce.to_owned()
}

fn assert_security_headers(headers: &HeaderMap, what: &str) {
    csp_nonce(headers);
    assert_eq!(
        headers.get(X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()),
        Some(&b"nosniff"[..]),
        "{what}"
    );
    assert_eq!(
        headers.get(X_FRAME_OPTIONS).map(|v| v.as_bytes()),
        Some(&b"DENY"[..]),
        "{what}"
    );
    assert!(headers.get(REFERRER_POLICY).is_some(), "{what}");
}

db_test!(
    a_cross_site_post_to_a_server_function_is_refused,
    true,
    |app| {
        for fetch_site in ["cross-site", "same-site"] {
            let res = TestApp::client()
                .post(app.url("/api/sign_in"))
                .header("sec-fetch-site", fetch_site)
                .header("origin", format!("http://{}", app.addr))
                .form(&SIGN_IN)
                .send()
                .await
                .expect("POST");
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{fetch_site}");
            assert!(
                res.headers().get(SET_COOKIE).is_none(),
                "nothing happened: {fetch_site}"
            );
            assert_security_headers(res.headers(), "a 403");
            assert_eq!(
                res.text().await.expect("body"),
                "Cross-site request refused.\n"
            );
        }
        // The same for any unsafe method and any route, not only server functions.
        let res = TestApp::client()
            .delete(app.url("/p/us-hph"))
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .expect("DELETE");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        // Reading is not refused: links from other sites work.
        let res = TestApp::client()
            .get(app.url("/p/us-hph"))
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
    }
);

db_test!(
    a_foreign_origin_without_fetch_metadata_is_refused,
    true,
    |app| {
        for (header, value) in [
            ("origin", "https://evil.example"),
            ("origin", "null"),
            ("referer", "https://evil.example/page"),
        ] {
            let res = TestApp::client()
                .post(app.url("/api/sign_in"))
                .header(header, value)
                .form(&SIGN_IN)
                .send()
                .await
                .expect("POST");
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{header}: {value}");
            assert!(res.headers().get(SET_COOKIE).is_none());
        }
    }
);

db_test!(same_origin_posts_are_served, true, |app| {
    let same_origin = [
        ("sec-fetch-site", "same-origin".to_owned()),
        ("origin", format!("http://{}", app.addr)),
        ("referer", app.url("/account/sign-in")),
        // the configured site URL (here http://concordat.test) is this site too
        ("origin", "http://concordat.test".to_owned()),
    ];
    for (header, value) in same_origin {
        let res = TestApp::client()
            .post(app.url("/api/sign_in"))
            .header(header, value.as_str())
            .form(&SIGN_IN)
            .send()
            .await
            .expect("POST");
        assert_eq!(res.status(), StatusCode::OK, "{header}: {value}");
        assert!(res.headers().get(SET_COOKIE).is_some());
    }
    // A server function called by the island's fetch (same-origin) works too.
    let res = TestApp::client()
        .post(app.url("/api/filter_organisations"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("slug", "us-hph"), ("query", "isac")])
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::OK);
});

db_test!(
    security_headers_are_on_every_kind_of_response,
    true,
    |app| {
        let client = TestApp::client();
        let page = client.get(app.url("/")).send().await.expect("GET /");
        assert_eq!(page.status(), StatusCode::OK);
        assert_security_headers(page.headers(), "an HTML page");
        assert!(
            page.headers().get(STRICT_TRANSPORT_SECURITY).is_none(),
            "http site"
        );

        let server_fn = app
            .client
            .post(app.url("/api/filter_organisations"))
            .header("origin", format!("http://{}", app.addr))
            .form(&[("slug", "us-hph"), ("query", "")])
            .send()
            .await
            .expect("POST");
        assert_eq!(server_fn.status(), StatusCode::OK);
        assert_security_headers(server_fn.headers(), "a server function");

        let static_file = client
            .get(app.url("/pkg/concordat.css"))
            .send()
            .await
            .expect("GET css");
        assert_eq!(static_file.status(), StatusCode::OK);
        assert_security_headers(static_file.headers(), "a static file");

        let missing = client
            .get(app.url("/no-such-page"))
            .send()
            .await
            .expect("GET 404");
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_security_headers(missing.headers(), "a 404");

        let missing_asset = client
            .get(app.url("/pkg/missing.js"))
            .send()
            .await
            .expect("GET missing asset");
        assert_eq!(missing_asset.status(), StatusCode::NOT_FOUND);
        assert_security_headers(missing_asset.headers(), "a missing asset");

        let health = client.get(app.url("/healthz")).send().await.expect("GET");
        assert_security_headers(health.headers(), "the health check");
    }
);

db_test!(
    the_page_scripts_carry_the_nonce_of_the_header,
    true,
    |app| {
        let res = TestApp::client()
            .get(app.url("/p/us-hph"))
            .send()
            .await
            .expect("GET");
        let nonce = csp_nonce(res.headers());
        let html = res.text().await.expect("body");
        let scripts: Vec<&str> = html.split("<script").skip(1).collect();
        assert!(!scripts.is_empty(), "the hydration script is in the page");
        for script in scripts {
            let tag = script.split('>').next().unwrap_or_default();
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "a script without the page's nonce: <script{tag}>"
            );
        }
        // A nonce is used once.
        let again = TestApp::client()
            .get(app.url("/p/us-hph"))
            .send()
            .await
            .expect("GET");
        assert_ne!(csp_nonce(again.headers()), nonce);
    }
);

db_test!(
    responses_to_a_signed_in_person_are_not_cached,
    true,
    |app| {
        let (status, _) = app.call("sign_in", &SIGN_IN).await;
        assert_eq!(status, StatusCode::OK);
        for res in [
            app.client
                .get(app.url("/p/us-hph"))
                .send()
                .await
                .expect("GET"),
            app.client
                .post(app.url("/api/filter_organisations"))
                .header("origin", format!("http://{}", app.addr))
                .form(&[("slug", "us-hph"), ("query", "")])
                .send()
                .await
                .expect("POST"),
        ] {
            assert_eq!(
                res.headers()
                    .get(reqwest::header::CACHE_CONTROL)
                    .map(|v| v.as_bytes()),
                Some(&b"no-store"[..]),
                "{}",
                res.url()
            );
        }
        let anonymous = TestApp::client()
            .get(app.url("/p/us-hph"))
            .send()
            .await
            .expect("GET");
        assert_ne!(
            anonymous
                .headers()
                .get(reqwest::header::CACHE_CONTROL)
                .map(|v| v.as_bytes()),
            Some(&b"no-store"[..]),
            "public pages may be cached"
        );
    }
);

db_test!(no_answer_contains_internal_error_text, true, |app| {
    let leaks = |body: &str| {
        let lower = body.to_lowercase();
        [
            "panicked",
            "sqlx",
            "sqlite",
            "postgres",
            "pool",
            "syntax error",
            "deserializ",
            "missing field",
            "backtrace",
        ]
        .into_iter()
        .find(|needle| lower.contains(needle))
    };
    // Arguments missing, of the wrong shape, or not a form at all.
    for body in ["", "email=only", "%%%", "password=x&password=y&email[]=1"] {
        let res = TestApp::client()
            .post(app.url("/api/sign_in"))
            .header("origin", format!("http://{}", app.addr))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST");
        let status = res.status();
        let text = res.text().await.expect("body");
        // server_fn answers arguments it cannot read before our code runs (with 500);
        // what matters here is that the answer is generic.
        assert!(!status.is_success(), "{body:?}: {status} {text}");
        assert!(
            text == "\"Internal\"" || text.contains("could not be read"),
            "{body:?}: {text}"
        );
        assert_eq!(leaks(&text), None, "{body:?}: {text}");
    }
    let res = TestApp::client()
        .post(app.url("/api/sign_in"))
        .header("origin", format!("http://{}", app.addr))
        .header("content-type", "application/json")
        .body("{\"email\": 1")
        .send()
        .await
        .expect("POST");
    let text = res.text().await.expect("body");
    assert_eq!(leaks(&text), None, "{text}");

    // The database gone: the pool is closed under the running server.
    app.db.close().await;
    let res = TestApp::client()
        .post(app.url("/api/sign_in"))
        .header("origin", format!("http://{}", app.addr))
        .form(&SIGN_IN)
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let text = res.text().await.expect("body");
    assert_eq!(text, "\"Internal\"");
    for path in ["/", "/p/us-hph", "/account"] {
        let res = TestApp::client()
            .get(app.url(path))
            .send()
            .await
            .expect("GET");
        let text = res.text().await.expect("body");
        assert_eq!(leaks(&text), None, "{path}: {text}");
    }
    let res = TestApp::client()
        .post(app.url("/api/filter_organisations"))
        .header("origin", format!("http://{}", app.addr))
        .form(&[("slug", "us-hph"), ("query", "")])
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.text().await.expect("body"), "\"Internal\"");
});

mod an_https_site {
    use super::*;

    async fn run(backend: common::Backend) {
        let Some(app) = TestApp::spawn_with(backend, true, |state| {
            state.site_url = "https://concordat.example.org".to_owned();
        })
        .await
        else {
            return;
        };
        let res = TestApp::client()
            .post(app.url("/api/sign_in"))
            .header("origin", "https://concordat.example.org")
            .form(&SIGN_IN)
            .send()
            .await
            .expect("POST");
        assert_eq!(res.status(), StatusCode::OK);
        let cookie = res
            .headers()
            .get(SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .expect("a session cookie")
            .to_owned();
        assert!(cookie.starts_with("__Host-concordat_session="), "{cookie}");
        assert!(cookie.contains("Secure"), "{cookie}");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Strict"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
        assert!(!cookie.contains("Domain="), "{cookie}");
        let hsts = res
            .headers()
            .get(STRICT_TRANSPORT_SECURITY)
            .expect("HSTS")
            .to_str()
            .expect("text");
        assert!(hsts.starts_with("max-age="), "{hsts}");
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
