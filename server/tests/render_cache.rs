//! The render cache: signed-out reads are served from memory with a fresh CSP nonce each
//! time, signed-in ones never are, a write shows at once, and a change published by another
//! app server through the database is adopted.
//!
//! The change generation is process-wide, so the tests of this binary run one at a time (a
//! lock): no other test's writes can make a stale page look refreshed.

mod common;

use common::TestApp;
use reqwest::StatusCode;
use server::render_cache::CACHE_HEADER;

static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// GET as a signed-out visitor: status, cache header, CSP nonce and body.
async fn read(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (StatusCode, String, String, String) {
    let res = client.get(app.url(path)).send().await.expect("GET");
    let status = res.status();
    let cache = res
        .headers()
        .get(CACHE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let csp = res
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or("")
        .to_owned();
    (status, cache, nonce, res.text().await.expect("body"))
}

db_test!(
    public_pages_are_kept_until_a_write_changes_them,
    true,
    |app| {
        let _serial = SERIAL.lock().await;
        let visitor = TestApp::client();
        let (status, first, _, body) = read(app, &visitor, "/p/us-hph").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(first, "stored");
        assert!(!body.contains("Cache Test Working Group"));

        let (_, second, nonce_a, body_a) = read(app, &visitor, "/p/us-hph").await;
        let (_, third, nonce_b, body_b) = read(app, &visitor, "/p/us-hph").await;
        assert_eq!((second.as_str(), third.as_str()), ("hit", "hit"));
        assert_ne!(nonce_a, nonce_b, "every answer gets its own nonce");
        assert!(nonce_a.len() >= 16);
        assert!(
            body_a.contains(&format!("nonce=\"{nonce_a}\"")),
            "the page carries the header's nonce"
        );
        assert!(!body_a.contains(&nonce_b));
        assert_eq!(body_a.replace(&nonce_a, "N"), body_b.replace(&nonce_b, "N"));

        // Signed in, the page is the person's own: never kept, never served from the cache.
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        for _ in 0..2 {
            let res = secretariat
                .get(app.url("/p/us-hph"))
                .send()
                .await
                .expect("GET");
            assert!(res.headers().get(CACHE_HEADER).is_none());
        }

        // A write shows at once.
        let (status, body) = app
            .call_with(
                &secretariat,
                "create_working_group",
                &[
                    ("partnership", "us-hph"),
                    ("slug", "cache-test-wg"),
                    ("input[name]", "Cache Test Working Group"),
                    ("input[short_name]", "CTWG"),
                    ("input[council]", ""),
                    ("input[summary]", "Checks the render cache."),
                    ("input[charter]", "Purpose."),
                    ("input[charter_tlp]", "clear"),
                    ("input[tlp]", "clear"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, after, _, body) = read(app, &visitor, "/p/us-hph").await;
        assert_eq!(after, "stored", "the write invalidated the kept page");
        assert!(body.contains("Cache Test Working Group"));

        // What is never kept: account pages, pages that answer an error.
        let (_, account, _, _) = read(app, &visitor, "/account/sign-in").await;
        assert_eq!(account, "");
        for _ in 0..2 {
            let (status, cache, _, _) = read(app, &visitor, "/p/no-such-partnership").await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert_eq!(cache, "");
        }
    }
);

db_test!(
    a_change_published_by_another_server_is_adopted,
    true,
    |app| {
        let _serial = SERIAL.lock().await;
        let visitor = TestApp::client();
        let _ = read(app, &visitor, "/api/v1/partnerships").await;
        let (_, cache, _, _) = read(app, &visitor, "/api/v1/partnerships").await;
        assert_eq!(cache, "hit");

        // Another app server committed something and said so in the database.
        let before = app::ssr::changes::generation();
        let mut conn = app.db.pool().acquire().await.expect("connection");
        app::ssr::db::changes::bump_generation(&mut conn, app::domain::Timestamp::now())
            .await
            .expect("bump");
        drop(conn);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while app::ssr::changes::generation() == before {
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not adopt the other server's change within 5 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let (_, cache, _, _) = read(app, &visitor, "/api/v1/partnerships").await;
        assert_eq!(cache, "stored", "rendered again after the change");
    }
);

db_test!(
    a_page_missing_from_the_cache_is_rendered_once_for_everyone_waiting,
    true,
    |app| {
        let _serial = SERIAL.lock().await;
        // Another server's change (or the deadline sweep) may move the generation during a
        // round and honestly cause a second render; a round without one must render once.
        for round in 0..5 {
            app::ssr::changes::changed();
            let before = app::ssr::changes::generation();
            let mut reads = tokio::task::JoinSet::new();
            for _ in 0..32 {
                let url = app.url("/p/us-hph/plan");
                reads.spawn(async move {
                    let res = TestApp::client().get(url).send().await.expect("GET");
                    let cache = res
                        .headers()
                        .get(CACHE_HEADER)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    (res.status(), cache)
                });
            }
            let mut stored = 0;
            while let Some(read) = reads.join_next().await {
                let (status, cache) = read.expect("read");
                assert_eq!(status, StatusCode::OK);
                assert!(cache == "stored" || cache == "hit", "{cache:?}");
                stored += usize::from(cache == "stored");
            }
            if app::ssr::changes::generation() == before {
                assert_eq!(stored, 1, "32 readers at once, rendered {stored} times");
                break;
            }
            assert!(round < 4, "the generation never kept still");
        }
    }
);
