//! Councils and working groups through the HTTP endpoints: the secretariat builds a council
//! and a joint working group, appoints conveners and seats members; every refusal (a
//! representative of another organisation, a term that ends before it starts, a charter with
//! a script, a second convener for one side, a voting member from outside the councils)
//! names its field and writes nothing; members and the public may not manage rosters; the
//! public directory shows what is TLP:CLEAR. SQLite and PostgreSQL.

mod common;

use app::api::councils::{BodyFormData, CouncilDetail};
use app::api::working_groups::WorkingGroupDetail;
use app::ssr::db::audit;
use common::{TestApp, active_markup};
use reqwest::StatusCode;

/// Events of this kind recorded by the secretariat (the demo seed records its own).
async fn events(app: &TestApp, action: &str, record_type: &str) -> usize {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let filter = audit::AuditFilter {
        actor: Some("secretariat@aspr.example".to_owned()),
        action: Some(action.to_owned()),
        record_type: Some(record_type.to_owned()),
        ..Default::default()
    };
    audit::list_events(&mut conn, &filter, 1000, 0)
        .await
        .expect("events")
        .len()
}

async fn form_data(app: &TestApp, client: &reqwest::Client) -> BodyFormData {
    let (status, body) = app
        .call_with(client, "get_body_form", &[("partnership", "us-hph")])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("form data")
}

async fn council(app: &TestApp, client: &reqwest::Client, slug: &str) -> CouncilDetail {
    let (status, body) = app
        .call_with(
            client,
            "get_council",
            &[("partnership", "us-hph"), ("council", slug)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("council")
}

async fn group(app: &TestApp, client: &reqwest::Client, slug: &str) -> WorkingGroupDetail {
    let (status, body) = app
        .call_with(
            client,
            "get_working_group",
            &[("partnership", "us-hph"), ("group", slug)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("group")
}

fn person(data: &BodyFormData, name: &str) -> String {
    data.choices
        .people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no person {name}"))
        .id
        .to_string()
}

fn organisation(data: &BodyFormData, name_starts: &str) -> String {
    data.choices
        .organisations
        .iter()
        .find(|o| o.name.starts_with(name_starts))
        .unwrap_or_else(|| panic!("no organisation {name_starts}"))
        .id
        .to_string()
}

fn field_error(body: &str, field: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(body).expect("error JSON");
    value["Invalid"][field][0]
        .as_str()
        .unwrap_or_else(|| panic!("no message for {field}: {body}"))
        .to_owned()
}

const COUNCIL: &[(&str, &str)] = &[
    ("partnership", "us-hph"),
    ("slug", "regional-council"),
    ("input[name]", "Regional Health Security Council"),
    ("input[short_name]", "RHSC"),
    ("input[kind]", "other"),
    ("input[description]", "Regional bodies *coordinate* here."),
    ("input[chair]", ""),
    ("input[secretariat_organisation]", ""),
    ("input[tlp]", "clear"),
];

db_test!(
    the_secretariat_builds_a_council_and_its_roster_with_history,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let (status, body) = app.call_with(&secretariat, "create_council", COUNCIL).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "create", "council").await, 1);

        let data = form_data(app, &secretariat).await;
        let lakeview = organisation(&data, "Lakeview");
        let seat = [
            ("partnership", "us-hph"),
            ("council", "regional-council"),
            ("input[organisation]", lakeview.as_str()),
            ("input[principal]", &person(&data, "Sandra Kowalski")),
            ("input[alternate]", &person(&data, "Ben Adeyemi")),
            ("input[term_start]", "2025-01-01"),
            ("input[term_end]", ""),
        ];
        let (status, body) = app
            .call_with(&secretariat, "add_council_member", &seat)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "create", "council_membership").await, 1);

        let detail = council(app, &secretariat, "regional-council").await;
        assert_eq!(detail.roster.current.len(), 1);
        let held = &detail.roster.current[0];
        assert_eq!(held.principal.as_deref(), Some("Sandra Kowalski"));
        assert_eq!(held.alternate.as_deref(), Some("Ben Adeyemi"));

        // A second open seat for the same organisation is refused, naming it.
        let (status, body) = app
            .call_with(&secretariat, "add_council_member", &seat)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(field_error(&body, "organisation").contains("already holds a seat"));

        // Ending the seat keeps it in the history.
        let seat_id = held.id.to_string();
        let end = [
            ("partnership", "us-hph"),
            ("council", "regional-council"),
            ("seat", seat_id.as_str()),
            ("term_end", "2025-06-30"),
        ];
        let (status, body) = app
            .call_with(&secretariat, "end_council_member", &end)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let detail = council(app, &secretariat, "regional-council").await;
        assert!(detail.roster.current.is_empty());
        assert_eq!(detail.roster.past.len(), 1);
        assert_eq!(events(app, "end_term", "council_membership").await, 1);
        // Ending it again is a clear conflict.
        let (status, body) = app
            .call_with(&secretariat, "end_council_member", &end)
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("already ended"), "{body}");

        // The public sees the council and its members, but not the representatives.
        let public = TestApp::client();
        let detail = council(app, &public, "regional-council").await;
        assert_eq!(detail.roster.past[0].principal, None);
        assert!(detail.manage.is_none());
        let (status, page) = app.get("/p/us-hph/councils/regional-council").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Regional Health Security Council"));
        assert!(page.contains("Past members"));
        assert!(!page.contains("Seat an organisation"));
    }
);

db_test!(
    bad_seats_are_refused_field_by_field_and_nothing_is_saved,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let data = form_data(app, &secretariat).await;
        let before = council(app, &secretariat, "hscc").await;
        let apex = organisation(&data, "Apex");
        // A representative of another organisation (Lakeview's CISO for Apex).
        let sandra = person(&data, "Sandra Kowalski");
        let (status, body) = app
            .call_with(
                &secretariat,
                "add_council_member",
                &[
                    ("partnership", "us-hph"),
                    ("council", "gcc"),
                    ("input[organisation]", apex.as_str()),
                    ("input[principal]", sandra.as_str()),
                    ("input[alternate]", ""),
                    ("input[term_start]", "2025-05-01"),
                    ("input[term_end]", "2025-04-30"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let principal = field_error(&body, "principal");
        assert!(
            principal.contains("Sandra Kowalski is not a person of Apex"),
            "{principal}"
        );
        assert!(field_error(&body, "term_end").contains("cannot end"));
        // Apex is private: the GCC does not seat it.
        assert!(field_error(&body, "organisation").contains("public organisations only"));

        // Same on the SCC with only the term wrong.
        let karl = person(&data, "Karl Lindgren");
        let (status, body) = app
            .call_with(
                &secretariat,
                "add_council_member",
                &[
                    ("partnership", "us-hph"),
                    ("council", "hscc"),
                    ("input[organisation]", apex.as_str()),
                    ("input[principal]", karl.as_str()),
                    ("input[alternate]", karl.as_str()),
                    ("input[term_start]", "2025-05-01"),
                    ("input[term_end]", "2025-04-30"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(field_error(&body, "alternate").contains("someone other than the principal"));
        assert!(field_error(&body, "term_end").contains("cannot end"));

        let after = council(app, &secretariat, "hscc").await;
        assert_eq!(before.roster, after.roster, "nothing half-saved");
        assert_eq!(events(app, "create", "council_membership").await, 0);
    }
);

db_test!(
    a_joint_group_gets_conveners_from_both_sides_and_voting_members_from_the_councils,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let mut new_group = vec![
            ("partnership", "us-hph"),
            ("slug", "supply-chain-wg"),
            ("input[name]", "Supply Chain Working Group"),
            ("input[short_name]", "SCWG"),
            ("input[council]", ""),
            ("input[summary]", "Suppliers and buyers."),
            (
                "input[charter]",
                "## Purpose\n\nHello <script>alert(1)</script>",
            ),
            ("input[charter_tlp]", "clear"),
            ("input[tlp]", "clear"),
        ];
        let (status, body) = app
            .call_with(&secretariat, "create_working_group", &new_group)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(field_error(&body, "charter").contains("a script tag"));
        assert_eq!(events(app, "create", "working_group").await, 0);
        let (status, _) = app.get("/p/us-hph/groups/supply-chain-wg").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "nothing was created");

        new_group[6].1 = "## Purpose\n\nSecure the **supply chain**.";
        let (status, body) = app
            .call_with(&secretariat, "create_working_group", &new_group)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let data = form_data(app, &secretariat).await;
        let secretariat_ref = &secretariat;
        let appoint = |person_id: String| async move {
            app.call_with(
                secretariat_ref,
                "appoint_convener",
                &[
                    ("partnership", "us-hph"),
                    ("group", "supply-chain-wg"),
                    ("person", person_id.as_str()),
                    ("term_start", "2025-01-01"),
                    ("term_end", ""),
                ],
            )
            .await
        };
        for name in ["Elena Ruiz", "Stefan Novak"] {
            let (status, body) = appoint(person(&data, name)).await;
            assert_eq!(status, StatusCode::OK, "{name}: {body}");
        }
        // A second public convener is refused, naming the one in office.
        let (status, body) = appoint(person(&data, "Jordan Park")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            field_error(&body, "person").contains("Elena Ruiz already convenes"),
            "{body}"
        );
        assert_eq!(events(app, "appoint", "working_group_convener").await, 2);

        // Voting members from both councils.
        for (org, principal) in [
            ("HHS Administration", "Priya Natarajan"),
            ("Lakeview", "Sandra Kowalski"),
        ] {
            let org_id = organisation(&data, org);
            let principal_id = person(&data, principal);
            let (status, body) = app
                .call_with(
                    &secretariat,
                    "add_group_member",
                    &[
                        ("partnership", "us-hph"),
                        ("group", "supply-chain-wg"),
                        ("input[organisation]", org_id.as_str()),
                        ("input[voting]", "true"),
                        ("input[principal]", principal_id.as_str()),
                        ("input[alternate]", ""),
                        ("input[term_start]", "2025-01-01"),
                        ("input[term_end]", ""),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{org}: {body}");
        }

        // An organisation without a council seat cannot vote, but may observe.
        let (status, body) = app
            .call_with(
                &secretariat,
                "create_organisation",
                &[
                    ("partnership", "us-hph"),
                    ("slug", "bayside-clinic"),
                    ("input[name]", "Bayside Community Clinic (demo)"),
                    ("input[short_name]", "Bayside"),
                    ("input[kind]", "healthcare_provider"),
                    ("input[side]", "private"),
                    ("input[size_class]", "small"),
                    ("input[country]", "us"),
                    ("input[segment]", ""),
                    ("input[website]", ""),
                    ("input[description]", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let data = form_data(app, &secretariat).await;
        let bayside = organisation(&data, "Bayside");
        let mut seat = vec![
            ("partnership", "us-hph"),
            ("group", "supply-chain-wg"),
            ("input[organisation]", bayside.as_str()),
            ("input[voting]", "true"),
            ("input[principal]", ""),
            ("input[alternate]", ""),
            ("input[term_start]", "2025-01-01"),
            ("input[term_end]", ""),
        ];
        let (status, body) = app.call_with(&secretariat, "add_group_member", &seat).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            field_error(&body, "voting").contains("holds no seat"),
            "{body}"
        );
        seat.remove(3);
        let (status, body) = app.call_with(&secretariat, "add_group_member", &seat).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        // Making the observer a voting member is refused the same way; changing a
        // representative is audited with before and after.
        let detail = group(app, &secretariat, "supply-chain-wg").await;
        let seat_of = |name: &str| {
            detail
                .roster
                .current
                .iter()
                .find(|s| s.organisation_name.starts_with(name))
                .unwrap_or_else(|| panic!("no seat of {name}"))
                .id
                .to_string()
        };
        let (bayside_seat, lakeview_seat) = (seat_of("Bayside"), seat_of("Lakeview"));
        let (status, body) = app
            .call_with(
                &secretariat,
                "update_group_member",
                &[
                    ("partnership", "us-hph"),
                    ("group", "supply-chain-wg"),
                    ("seat", bayside_seat.as_str()),
                    ("voting", "true"),
                    ("principal", ""),
                    ("alternate", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            field_error(&body, "voting").contains("holds no seat"),
            "{body}"
        );
        let ben = person(&data, "Ben Adeyemi");
        let (status, body) = app
            .call_with(
                &secretariat,
                "update_group_member",
                &[
                    ("partnership", "us-hph"),
                    ("group", "supply-chain-wg"),
                    ("seat", lakeview_seat.as_str()),
                    ("voting", "true"),
                    ("principal", ben.as_str()),
                    ("alternate", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(events(app, "update", "working_group_membership").await, 1);

        let detail = group(app, &secretariat, "supply-chain-wg").await;
        assert!(detail.is_joint);
        assert!(
            detail
                .roster
                .current
                .iter()
                .any(|s| s.principal.as_deref() == Some("Ben Adeyemi"))
        );
        assert_eq!(detail.conveners.len(), 2);
        let voting: Vec<_> = detail
            .roster
            .current
            .iter()
            .filter(|s| s.is_voting)
            .map(|s| s.side)
            .collect();
        assert_eq!(voting.len(), 2);
        assert_eq!(detail.roster.current.len(), 3);
        assert_eq!(events(app, "create", "working_group_membership").await, 3);

        // The public directory, without JavaScript: the group, its conveners, its charter.
        let (status, page) = app.get("/p/us-hph/groups/supply-chain-wg").await;
        assert_eq!(status, StatusCode::OK);
        for text in [
            "Supply Chain Working Group",
            "Elena Ruiz",
            "Stefan Novak",
            "<strong>supply chain</strong>",
            "Bayside",
        ] {
            assert!(page.contains(text), "{text} missing");
        }
        assert!(
            !page.contains("Priya Natarajan"),
            "representatives are TLP:GREEN"
        );
        let (_, partnership) = app.get("/p/us-hph").await;
        assert!(partnership.contains("/p/us-hph/groups/supply-chain-wg"));
    }
);

db_test!(only_the_secretariat_manages_rosters, true, |app| {
    let member = app.signed_in("member@apexmed.example").await;
    let (status, body) = app.call_with(&member, "create_council", COUNCIL).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = app.call("create_council", COUNCIL).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let end = [
        ("partnership", "us-hph"),
        ("group", "joint-cwg"),
        ("seat", "1"),
        ("term_end", "2025-06-30"),
    ];
    let (status, _) = app.call_with(&member, "end_group_member", &end).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A member sees representatives; the management forms stay hidden.
    let detail = group(app, &member, "joint-cwg").await;
    assert!(detail.roster.shows_representatives);
    assert!(detail.manage.is_none());
    // Another partnership's secretariat cannot manage this one.
    let irish = app.signed_in("secretariat@health-ie.example").await;
    let (status, _) = app.call_with(&irish, "create_council", COUNCIL).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(events(app, "create", "council").await, 0);
    let irish_events = {
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let filter = audit::AuditFilter {
            actor: Some("secretariat@health-ie.example".to_owned()),
            record_type: Some("council".to_owned()),
            ..Default::default()
        };
        audit::list_events(&mut conn, &filter, 10, 0)
            .await
            .expect("events")
            .len()
    };
    assert_eq!(irish_events, 0);
});

db_test!(a_charter_the_viewer_may_not_read_is_withheld, true, |app| {
    // The demo's medical-device task group has a TLP:GREEN charter.
    let public = TestApp::client();
    let (status, body) = app
        .call_with(
            &public,
            "get_working_group",
            &[("partnership", "us-hph"), ("group", "mdsec-task-group")],
        )
        .await;
    if status == StatusCode::OK {
        let detail: WorkingGroupDetail = serde_json::from_str(&body).expect("group");
        assert_eq!(detail.charter_html, None);
    } else {
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    }
    let member = app.signed_in("member@apexmed.example").await;
    let detail = group(app, &member, "mdsec-task-group").await;
    assert!(detail.charter_html.is_some());
    // Unknown bodies are 404s.
    let (status, _) = app.get("/p/us-hph/councils/no-such-council").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

db_test!(
    names_and_texts_cannot_break_out_of_the_title_or_a_text_area,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let name = "Council </title><script>alert(1)</script>";
        let description = "Text </textarea><img src=x onerror=alert(1)> end";
        let (status, body) = app
            .call_with(
                &secretariat,
                "create_council",
                &[
                    ("partnership", "us-hph"),
                    ("slug", "hostile-council"),
                    ("input[name]", name),
                    ("input[short_name]", ""),
                    ("input[kind]", "other"),
                    ("input[description]", description),
                    ("input[chair]", ""),
                    ("input[secretariat_organisation]", ""),
                    ("input[tlp]", "clear"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // The secretariat's page has the edit form, with the description in a text area.
        let res = secretariat
            .get(app.url("/p/us-hph/councils/hostile-council"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.expect("body");
        assert!(html.contains("<textarea"), "the edit form is shown");
        assert!(
            html.contains("<title>Council &lt;/title&gt;&lt;script&gt;"),
            "the title is escaped"
        );
        let active = active_markup(&html);
        assert!(active.is_empty(), "active markup: {active:?}");
    }
);
