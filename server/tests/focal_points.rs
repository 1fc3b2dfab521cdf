//! Focal points through the HTTP endpoints: the secretariat appoints, edits and ends terms;
//! one active national focal point per partnership (checked first, and held by the unique
//! index against a concurrent appointment); every change audited; direct contact details
//! only for those their label allows. SQLite and PostgreSQL.

mod common;

use app::ssr::db::{audit, focal_points, people};
use common::TestApp;
use reqwest::StatusCode;
use serde_json::Value;

async fn events(app: &TestApp, action: &str) -> usize {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let filter = audit::AuditFilter {
        action: Some(action.to_owned()),
        record_type: Some("focal_point".to_owned()),
        ..Default::default()
    };
    audit::list_events(&mut conn, &filter, 1000, 0)
        .await
        .expect("events")
        .len()
}

/// The `before` and `after` of the newest `action` event on a focal point.
async fn last_change(app: &TestApp, action: &str) -> (Value, Value) {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let filter = audit::AuditFilter {
        action: Some(action.to_owned()),
        record_type: Some("focal_point".to_owned()),
        ..Default::default()
    };
    let events = audit::list_events(&mut conn, &filter, 1, 0)
        .await
        .expect("events");
    let event = events.first().expect("an event");
    let parse = |json: &Option<String>| {
        json.as_deref().map_or(Value::Null, |text| {
            serde_json::from_str(text).expect("JSON")
        })
    };
    (parse(&event.before_json), parse(&event.after_json))
}

async fn focal_point_count(app: &TestApp) -> i64 {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM focal_points")
        .fetch_one(&mut *conn)
        .await
        .expect("count")
}

async fn person(app: &TestApp, email: &str) -> people::PersonRecord {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let id = people::find_person_by_email(&mut conn, email)
        .await
        .expect("query")
        .expect("person")
        .id;
    people::find_person_record(&mut conn, id)
        .await
        .expect("query")
        .expect("record")
}

/// The page data of us-hph as `client` sees it.
async fn page(app: &TestApp, client: &reqwest::Client) -> Value {
    let (status, body) = app
        .call_with(client, "get_focal_points", &[("slug", "us-hph")])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("JSON")
}

fn entries<'a>(page: &'a Value, list: &str) -> &'a Vec<Value> {
    page[list].as_array().expect("a list of focal points")
}

fn find<'a>(page: &'a Value, list: &str, person: &str, kind: &str) -> Option<&'a Value> {
    entries(page, list)
        .iter()
        .find(|f| f["person_name"] == person && f["kind"] == kind)
}

/// The id of the national focal point in office.
fn national_id(page: &Value) -> i64 {
    entries(page, "current")
        .iter()
        .find(|f| f["kind"] == "national_focal_point")
        .and_then(|f| f["id"].as_i64())
        .expect("a national focal point in office")
}

fn appointment<'a>(
    kind: &'a str,
    person_id: &'a str,
    scope: &'a str,
    term_start: &'a str,
    term_end: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("partnership", "us-hph"),
        ("kind", kind),
        ("person_id", person_id),
        ("scope", scope),
        ("title", "Liaison for the test"),
        ("term_start", term_start),
        ("term_end", term_end),
        ("public_channel", "https://cisa.example/contact"),
        ("email", "jordan.park@cisa.example"),
        ("phone", "+1 202 555 0150"),
        ("contact_tlp", "green"),
    ]
}

db_test!(
    the_secretariat_appoints_an_srma_liaison_and_it_is_shown_and_audited,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let managed = page(app, &secretariat).await;
        let scopes = managed["manage"]["scopes"].as_array().expect("scopes");
        let council = scopes
            .iter()
            .filter_map(|s| s[0].as_str())
            .find(|value| value.starts_with("council:"))
            .expect("a council to choose");
        assert!(
            !managed["manage"]["people"]
                .as_array()
                .expect("people")
                .is_empty()
        );
        let jordan = person(app, "jordan.park@cisa.example").await.id.to_string();
        let before = events(app, "appoint").await;
        let form = appointment("srma_liaison", &jordan, council, "2026-01-15", "");
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "appoint").await, before + 1);
        let (_, after) = last_change(app, "appoint").await;
        assert_eq!(after["kind"], "srma_liaison");
        assert_eq!(after["person_name"], "Jordan Park");

        let public = page(app, &TestApp::client()).await;
        assert!(public["manage"].is_null(), "the public gets no pickers");
        let entry = find(&public, "current", "Jordan Park", "srma_liaison").expect("in office");
        assert_eq!(entry["title"], "Liaison for the test");
        assert_eq!(
            entry["organisation_name"],
            "Cybersecurity and Infrastructure Security Agency"
        );
        assert_eq!(entry["scope"], council);
        assert_eq!(entry["public_channel"], "https://cisa.example/contact");
        assert!(
            entry["contact"].is_null(),
            "TLP:GREEN contact details are not for the public"
        );

        // Editing keeps kind and person, and is audited with before and after.
        let id = entry["id"].as_i64().expect("id").to_string();
        let edit = [
            ("partnership", "us-hph"),
            ("id", id.as_str()),
            ("scope", "partnership"),
            ("title", "SRMA liaison to CISA"),
            ("term_start", "2026-01-15"),
            ("term_end", ""),
            ("public_channel", "liaison@cisa.example"),
            ("email", "jordan.park@cisa.example"),
            ("phone", ""),
            ("contact_tlp", "amber"),
        ];
        let updates = events(app, "update").await;
        let (status, body) = app
            .call_with(&secretariat, "update_focal_point", &edit)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "update").await, updates + 1);
        let (before, after) = last_change(app, "update").await;
        assert_eq!(before["title"], "Liaison for the test");
        assert_eq!(after["title"], "SRMA liaison to CISA");
        let managed = page(app, &secretariat).await;
        let entry = find(&managed, "current", "Jordan Park", "srma_liaison").expect("still there");
        assert_eq!(entry["title"], "SRMA liaison to CISA");
        assert_eq!(entry["scope"], "partnership");
        assert_eq!(entry["contact_tlp"], "amber");
        assert_eq!(entry["contact"]["email"], "jordan.park@cisa.example");
    }
);

db_test!(
    a_second_active_national_focal_point_is_refused_naming_the_one_in_office,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let priya = person(app, "priya.natarajan@aspr.example")
            .await
            .id
            .to_string();
        let (rows, appointed) = (focal_point_count(app).await, events(app, "appoint").await);
        let form = appointment(
            "national_focal_point",
            &priya,
            "partnership",
            "2026-12-01",
            "",
        );
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert!(
            status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::CONFLICT,
            "{status}: {body}"
        );
        assert!(body.contains("\"kind\""), "{body}");
        assert!(
            body.contains(
                "Thomas Greaves (HHS Administration for Strategic Preparedness and Response) \
                 has been the active national focal point since 1 Apr 2024."
            ),
            "{body}"
        );
        assert_eq!(focal_point_count(app).await, rows, "nothing is inserted");
        assert_eq!(
            events(app, "appoint").await,
            appointed,
            "nothing is audited"
        );
    }
);

db_test!(
    ending_the_national_focal_points_term_lets_another_be_appointed,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let thomas = national_id(&page(app, &secretariat).await).to_string();
        let ended = events(app, "end_term").await;
        let end = [
            ("partnership", "us-hph"),
            ("id", thomas.as_str()),
            ("term_end", "2026-06-30"),
        ];
        let (status, body) = app
            .call_with(&secretariat, "end_focal_point_term", &end)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "end_term").await, ended + 1);
        let (before, after) = last_change(app, "end_term").await;
        assert!(before["term_end"].is_null(), "{before}");
        assert_eq!(after["term_end"], "2026-06-30");
        assert_eq!(after["person_name"], "Thomas Greaves");

        let (status, body) = app
            .call_with(&secretariat, "end_focal_point_term", &end)
            .await;
        assert_eq!(
            status,
            StatusCode::CONFLICT,
            "an ended term cannot end again: {body}"
        );
        assert!(body.contains("already ended on 30 Jun 2026"), "{body}");

        let priya = person(app, "priya.natarajan@aspr.example")
            .await
            .id
            .to_string();
        let form = appointment(
            "national_focal_point",
            &priya,
            "partnership",
            "2026-07-01",
            "",
        );
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let public = page(app, &TestApp::client()).await;
        let past = find(&public, "past", "Thomas Greaves", "national_focal_point")
            .expect("the former national focal point is in the history");
        assert_eq!(past["term_end"], "2026-06-30");
        assert!(find(&public, "past", "Robert Kline", "national_focal_point").is_some());
        assert!(
            find(
                &public,
                "current",
                "Priya Natarajan",
                "national_focal_point"
            )
            .is_some()
        );
        assert!(find(&public, "current", "Thomas Greaves", "national_focal_point").is_none());

        // The page shows both tables and, signed out, no management forms.
        let (status, html) = app.get("/p/us-hph/focal-points").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("id=\"focal-points-current\"")
                && html.contains("id=\"focal-points-past\""),
            "{html}"
        );
        assert!(html.contains("Priya Natarajan") && html.contains("Past focal points"));
        assert!(!html.contains("appoint-focal-point"), "{html}");
    }
);

db_test!(
    a_term_that_ends_before_it_starts_is_refused_naming_term_end,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let jordan = person(app, "jordan.park@cisa.example").await.id.to_string();
        let rows = focal_point_count(app).await;
        let form = appointment(
            "srma_liaison",
            &jordan,
            "partnership",
            "2026-05-01",
            "2026-04-30",
        );
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"term_end\""), "{body}");
        assert!(!body.contains("\"term_start\""), "{body}");
        assert_eq!(focal_point_count(app).await, rows);

        let thomas = national_id(&page(app, &secretariat).await).to_string();
        let (status, body) = app
            .call_with(
                &secretariat,
                "end_focal_point_term",
                &[
                    ("partnership", "us-hph"),
                    ("id", thomas.as_str()),
                    ("term_end", "2024-03-31"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("\"term_end\"") && body.contains("Thomas Greaves"),
            "{body}"
        );
    }
);

db_test!(
    bad_fields_each_get_a_message_and_save_nothing,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let rows = focal_point_count(app).await;
        let form = [
            ("partnership", "us-hph"),
            ("kind", "ambassador"),
            ("person_id", ""),
            ("scope", "council:999999"),
            ("title", ""),
            ("term_start", "soon"),
            ("term_end", ""),
            ("public_channel", "javascript:alert(1)"),
            ("email", "not an address"),
            ("phone", ""),
            ("contact_tlp", "purple"),
        ];
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        for field in [
            "kind",
            "person_id",
            "term_start",
            "public_channel",
            "email",
            "contact_tlp",
        ] {
            assert!(body.contains(&format!("\"{field}\"")), "{field}: {body}");
        }
        // A council of another partnership (or none) is not a scope here.
        let jordan = person(app, "jordan.park@cisa.example").await.id.to_string();
        let form = appointment("srma_liaison", &jordan, "council:999999", "2026-01-01", "");
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"scope\""), "{body}");
        assert_eq!(focal_point_count(app).await, rows);
    }
);

db_test!(
    members_are_forbidden_and_the_public_must_sign_in,
    true,
    |app| {
        let jordan = person(app, "jordan.park@cisa.example").await.id.to_string();
        let form = appointment("srma_liaison", &jordan, "partnership", "2026-01-01", "");
        let rows = focal_point_count(app).await;
        let (status, _) = app.call("appoint_focal_point", &form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let member = app.signed_in("member@apexmed.example").await;
        let (status, _) = app.call_with(&member, "appoint_focal_point", &form).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let thomas = national_id(&page(app, &member).await).to_string();
        let end = [
            ("partnership", "us-hph"),
            ("id", thomas.as_str()),
            ("term_end", "2026-06-30"),
        ];
        let (status, _) = app.call_with(&member, "end_focal_point_term", &end).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app.call("end_focal_point_term", &end).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let edit = [
            ("partnership", "us-hph"),
            ("id", thomas.as_str()),
            ("scope", "partnership"),
            ("title", "Taken over"),
            ("term_start", "2024-04-01"),
            ("contact_tlp", "clear"),
        ];
        let (status, _) = app.call_with(&member, "update_focal_point", &edit).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The secretariat of another partnership manages only its own.
        let ireland = app.signed_in("secretariat@health-ie.example").await;
        let (status, _) = app.call_with(&ireland, "appoint_focal_point", &form).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(focal_point_count(app).await, rows);
        assert!(page(app, &member).await["manage"].is_null());
    }
);

db_test!(
    people_of_another_partnership_or_the_wrong_side_are_refused,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let rows = focal_point_count(app).await;
        let irish = person(app, "conor.byrne@health-ie.example")
            .await
            .id
            .to_string();
        let form = appointment("srma_liaison", &irish, "partnership", "2026-01-01", "");
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("\"person_id\"") && body.contains("of this partnership"),
            "{body}"
        );

        // An industry expert is not from government, a national focal point is.
        let jordan = person(app, "jordan.park@cisa.example").await.id.to_string();
        let form = appointment(
            "industry_senior_expert",
            &jordan,
            "partnership",
            "2026-01-01",
            "",
        );
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"person_id\""), "{body}");
        let sandra = person(app, "representative@lakeview.example")
            .await
            .id
            .to_string();
        let form = appointment(
            "national_focal_point",
            &sandra,
            "partnership",
            "2020-01-01",
            "2020-12-31",
        );
        let (status, body) = app
            .call_with(&secretariat, "appoint_focal_point", &form)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("\"person_id\"") && body.contains("government"),
            "{body}"
        );
        assert_eq!(focal_point_count(app).await, rows);
    }
);

db_test!(direct_contact_details_follow_their_label, true, |app| {
    let public = page(app, &TestApp::client()).await;
    let thomas =
        find(&public, "current", "Thomas Greaves", "national_focal_point").expect("in office");
    assert_eq!(thomas["contact_tlp"], "green");
    assert!(thomas["contact"].is_null(), "{thomas}");
    assert_eq!(thomas["public_channel"], "hph-partnership@aspr.example");
    let text = public.to_string();
    assert!(!text.contains("thomas.greaves@aspr.example"), "{text}");
    let (_, html) = app.get("/p/us-hph/focal-points").await;
    assert!(
        !html.contains("thomas.greaves@aspr.example") && html.contains("Thomas Greaves"),
        "{html}"
    );

    let member = app.signed_in("member@apexmed.example").await;
    let seen = page(app, &member).await;
    let thomas =
        find(&seen, "current", "Thomas Greaves", "national_focal_point").expect("in office");
    assert_eq!(thomas["contact"]["email"], "thomas.greaves@aspr.example");
    assert_eq!(thomas["contact"]["phone"], "+1 202 555 0110");
});

db_test!(
    a_concurrent_national_appointment_is_refused_with_the_same_message,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let thomas = national_id(&page(app, &secretariat).await).to_string();
        let (status, body) = app
            .call_with(
                &secretariat,
                "end_focal_point_term",
                &[
                    ("partnership", "us-hph"),
                    ("id", thomas.as_str()),
                    ("term_end", "2026-06-30"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        // Another writer appoints Robert Kline and holds its transaction open while the
        // secretariat appoints Priya Natarajan.
        let robert = person(app, "robert.kline@aspr.example").await;
        let mut tx = app.db.begin_write().await.expect("begin");
        focal_points::insert_focal_point(
            &mut tx,
            focal_points::NewFocalPoint {
                partnership_id: robert.partnership_id.expect("partnership"),
                kind: app::domain::partnership::FocalPointKind::National,
                person_id: robert.id,
                organisation_id: robert.organisation_id.expect("organisation"),
                council_id: None,
                working_group_id: None,
                title: "Acting national focal point".to_owned(),
                term_start: app::domain::Date::parse("2026-07-01").expect("date"),
                term_end: None,
                public_channel: String::new(),
                email: String::new(),
                phone: String::new(),
                contact_tlp: app::domain::Tlp::Green,
                created_at: app::domain::Timestamp::now(),
            },
        )
        .await
        .expect("insert");
        let priya = person(app, "priya.natarajan@aspr.example")
            .await
            .id
            .to_string();
        let url = app.url("/api/appoint_focal_point");
        let origin = format!("http://{}", app.addr);
        let form: Vec<(String, String)> = appointment(
            "national_focal_point",
            &priya,
            "partnership",
            "2026-07-01",
            "",
        )
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let client = secretariat.clone();
        let request = tokio::spawn(async move {
            let res = client
                .post(url)
                .header("origin", origin)
                .form(&form)
                .send()
                .await
                .expect("POST");
            let status = res.status();
            (status, res.text().await.expect("body"))
        });
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        tx.commit().await.expect("commit");
        let (status, body) = request.await.expect("request task");
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("\"kind\"")
                && body.contains(
                    "Robert Kline (HHS Administration for Strategic Preparedness and Response)"
                ),
            "{body}"
        );
        let public = page(app, &TestApp::client()).await;
        let nationals: Vec<_> = entries(&public, "current")
            .iter()
            .filter(|f| f["kind"] == "national_focal_point")
            .collect();
        assert_eq!(nationals.len(), 1, "{nationals:?}");
        assert_eq!(nationals[0]["person_name"], "Robert Kline");
    }
);

/// Posts a form as a browser without JavaScript would (`Accept: text/html`, a Referer) and
/// returns where the answer redirects to.
async fn post_as_browser(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    referer: &str,
    form: &[(&str, &str)],
) -> String {
    let res = client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("origin", format!("http://{}", app.addr))
        .header("accept", "text/html")
        .header("referer", app.url(referer))
        .form(form)
        .send()
        .await
        .expect("POST");
    assert!(res.status().is_redirection(), "{}", res.status());
    res.headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("a Location")
        .to_owned()
}

async fn get_as(app: &TestApp, client: &reqwest::Client, location: &str) -> String {
    let url = if location.starts_with("http") {
        location.to_owned()
    } else {
        app.url(location)
    };
    let res = client.get(url).send().await.expect("GET");
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.expect("body")
}

db_test!(the_page_works_with_plain_html_forms, true, |app| {
    let secretariat = app.signed_in("secretariat@aspr.example").await;
    let html = get_as(app, &secretariat, "/p/us-hph/focal-points").await;
    for id in [
        "appoint-focal-point",
        "fp-kind",
        "fp-person",
        "fp-scope",
        "fp-title",
        "fp-term-start",
        "fp-term-end",
        "fp-channel",
        "fp-email",
        "fp-phone",
        "fp-contact-tlp",
        "focal-points-current",
        "focal-points-past",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(html.contains("End term"), "an End term form per active row");
    assert!(html.contains("thomas.greaves@aspr.example"));

    // A refused appointment comes back to the page with the message beside the field.
    let priya = person(app, "priya.natarajan@aspr.example")
        .await
        .id
        .to_string();
    let form = appointment(
        "national_focal_point",
        &priya,
        "partnership",
        "2026-12-01",
        "",
    );
    let page_path = "/p/us-hph/focal-points";
    let location =
        post_as_browser(app, &secretariat, "appoint_focal_point", page_path, &form).await;
    assert!(location.contains("__err="), "{location}");
    let html = get_as(app, &secretariat, &location).await;
    assert!(
        html.contains("There is a problem")
            && html.contains("has been the active national focal point since 1 Apr 2024")
            && html.contains("id=\"fp-kind-error\""),
        "{html}"
    );

    // The edit form of one row, and a save that says so.
    let thomas = national_id(&page(app, &secretariat).await);
    let edit_path = format!("/p/us-hph/focal-points?edit={thomas}");
    let html = get_as(app, &secretariat, &edit_path).await;
    assert!(
        html.contains("id=\"edit-focal-point\"") && html.contains("id=\"fp-edit-title\""),
        "{html}"
    );
    let id = thomas.to_string();
    let end = [
        ("partnership", "us-hph"),
        ("id", id.as_str()),
        ("term_end", "2026-06-30"),
    ];
    let location =
        post_as_browser(app, &secretariat, "end_focal_point_term", page_path, &end).await;
    assert!(
        location.ends_with("/p/us-hph/focal-points?saved=1"),
        "{location}"
    );
    let html = get_as(app, &secretariat, &location).await;
    assert!(html.contains("Saved."), "{html}");
});
