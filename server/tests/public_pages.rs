//! The public slice through every layer: pages rendered on the server, the organisation
//! filter's server function, 404s and the health check — on SQLite and PostgreSQL.

mod common;

use reqwest::StatusCode;

db_test!(home_page_lists_both_demo_partnerships, true, |app| {
    let (status, html) = app.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<h1>Healthcare cybersecurity partnerships</h1>"),
        "{html}"
    );
    assert!(
        html.contains("US Healthcare and Public Health Sector Partnership"),
        "{html}"
    );
    assert!(html.contains("href=\"/p/us-hph\""), "{html}");
    assert_eq!(
        html.matches("class=\"card\"").count(),
        2,
        "two partnership cards: {html}"
    );
});

db_test!(partnership_page_shows_its_registry, true, |app| {
    let (status, html) = app.get("/p/us-hph").await;
    assert_eq!(status, StatusCode::OK);
    for heading in [
        "Councils",
        "Working groups",
        "Focal points",
        "Organisations",
    ] {
        assert!(
            html.contains(&format!(">{heading}</h2>")),
            "missing {heading}"
        );
    }
    assert!(html.contains("Government Coordinating Council"));
    assert!(html.contains("Sector Coordinating Council"));
    assert!(html.contains("Joint Cybersecurity Working Group"));
    assert!(html.contains("National focal point"));
    assert!(html.contains("Food and Drug Administration"));
    // the island and its hydration script are in the page
    assert!(html.contains("<leptos-island"), "island marker");
    assert!(html.contains("id=\"organisation-list\""));
});

db_test!(
    the_filter_query_narrows_the_server_rendered_list,
    true,
    |app| {
        let (status, html) = app.get("/p/us-hph?q=isac").await;
        assert_eq!(status, StatusCode::OK);
        let list = html
            .split("id=\"organisation-list\"")
            .nth(1)
            .expect("list rendered");
        let list = list.split("</ul>").next().expect("list closes");
        assert!(list.to_lowercase().contains("isac"), "{list}");
        assert!(!list.contains("Food and Drug Administration"), "{list}");
        assert!(html.contains("value=\"isac\""), "the input keeps the query");
    }
);

db_test!(
    the_filter_server_function_answers_matching_organisations,
    true,
    |app| {
        let (status, body) = app
            .call(
                "filter_organisations",
                &[("slug", "us-hph"), ("query", "ISAC")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let orgs: Vec<serde_json::Value> = serde_json::from_str(&body).expect("JSON list");
        assert!(!orgs.is_empty());
        for org in &orgs {
            let text = org.to_string().to_lowercase();
            assert!(text.contains("isac"), "{org}");
        }
        let (_, all) = app
            .call("filter_organisations", &[("slug", "us-hph"), ("query", "")])
            .await;
        let all: Vec<serde_json::Value> = serde_json::from_str(&all).expect("JSON list");
        assert!(all.len() > orgs.len());
    }
);

db_test!(
    the_filter_server_function_refuses_bad_input_clearly,
    true,
    |app| {
        let (status, body) = app
            .call(
                "filter_organisations",
                &[("slug", "no-such-partnership"), ("query", "")],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        assert_eq!(body, "\"NotFound\"");
        let long = "x".repeat(2000);
        let (status, body) = app
            .call(
                "filter_organisations",
                &[("slug", "us-hph"), ("query", &long)],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"q\""), "names the field: {body}");
        let (status, body) = app
            .call("filter_organisations", &[("slug", "us-hph")])
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a missing argument: {body}"
        );
        assert!(body.contains("\"request\""), "{body}");
        assert!(!body.to_lowercase().contains("panicked"), "{body}");
    }
);

db_test!(unknown_paths_and_partnerships_are_404_pages, true, |app| {
    for path in ["/no-such-page", "/p/no-such-partnership", "/p/US-HPH"] {
        let (status, html) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("Page not found"), "{path}: {html}");
        assert!(html.contains("<html"), "a whole page for {path}");
    }
});

db_test!(health_check_answers_when_the_database_does, false, |app| {
    let (status, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
});

db_test!(an_empty_registry_says_so, false, |app| {
    let (status, html) = app.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("No partnership has been published yet."),
        "{html}"
    );
});

db_test!(
    signed_out_readers_see_no_direct_contact_details_above_clear,
    true,
    |app| {
        let (_, html) = app.get("/p/us-hph").await;
        // Focal points' direct contact details are TLP:GREEN in the demo data: withheld in SQL.
        let (status, body) = app
            .call(
                "get_partnership_overview",
                &[("slug", "us-hph"), ("query", "")],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let overview: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        for fp in overview["focal_points"].as_array().expect("focal points") {
            if fp["contact_tlp"] != "clear" {
                assert!(fp["email"].is_null() && fp["phone"].is_null(), "{fp}");
            }
        }
        for label in ["TLP:GREEN", "TLP:AMBER", "TLP:RED"] {
            assert!(
                !html.contains(&format!(">{label}<")),
                "{label} badge on a public page"
            );
        }
    }
);

db_test!(
    responses_carry_security_headers_and_a_request_id,
    false,
    |app| {
        let res = app.client.get(app.url("/")).send().await.expect("GET");
        let headers = res.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert!(headers.contains_key("x-request-id"));
    }
);

db_test!(oversized_bodies_are_refused, false, |app| {
    let big = "q=".to_owned() + &"x".repeat(300 * 1024);
    let res = app
        .client
        .post(app.url("/api/filter_organisations"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
});

db_test!(missing_records_are_404_for_browsers_too, true, |app| {
    // Browsers send Accept: text/html; only form posts get redirects instead of statuses.
    for path in ["/p/no-such-partnership", "/invitations/accept?token=nope"] {
        let res = app
            .client
            .get(app.url(path))
            .header("accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
});
