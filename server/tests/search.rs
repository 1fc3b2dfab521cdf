//! Full-text search on SQLite (FTS5) and PostgreSQL (tsvector): plan content, commitments
//! and motions are found with highlighted snippets; what the SQL lets through agrees with the
//! access rules of the record pages for every demo account; the public never finds labelled
//! or draft content; hostile queries get a clear answer, never a 500; changes to a record are
//! found at once (the triggers keep the index in step).

mod common;

use app::api::plan_content::may_read_version;
use app::api::search::SearchResults;
use app::domain::access::{Action, Resource, can, can_see};
use app::domain::motion::MotionStatus;
use app::domain::records::RecordType;
use app::domain::search::SearchTerms;
use app::domain::{Timestamp, Tlp};
use app::ssr::access::Viewer;
use app::ssr::db::{Backend, Conn, access, commitments, motions, partnerships, people};
use app::ssr::db::{plan_content, search};
use common::TestApp;
use reqwest::StatusCode;
use std::collections::BTreeSet;

/// The demo accounts with a role each (see `server/src/seed`).
const DEMO_ACCOUNTS: &[&str] = &[
    "admin@concordat.example",
    "secretariat@aspr.example",
    "convener@aspr.example",
    "representative@lakeview.example",
    "member@apexmed.example",
    "secretariat@health-ie.example",
];

async fn viewer(conn: &mut Conn, email: Option<&str>) -> Viewer {
    let Some(email) = email else {
        return Viewer::public();
    };
    let person = people::find_person_by_email(conn, email)
        .await
        .expect("query")
        .expect("demo account");
    let actor = access::load_actor(conn, person.id, Timestamp::now().date())
        .await
        .expect("query")
        .expect("active person");
    Viewer::from_actor(actor)
}

/// Searches through the HTTP endpoint as `client`; panics unless the answer is 200.
async fn find(app: &TestApp, client: &reqwest::Client, q: &str) -> SearchResults {
    let (status, body) = app.call_with(client, "search", &[("q", q)]).await;
    assert_eq!(status, StatusCode::OK, "{q}: {body}");
    serde_json::from_str(&body).expect("results")
}

fn titles(results: &SearchResults) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| app::domain::search::plain_text(&h.title))
        .collect()
}

/// Every indexed record matching `q`, whoever may see it, read straight from the index.
async fn all_matches(app: &TestApp, conn: &mut Conn, q: &str) -> BTreeSet<(String, i64)> {
    let terms = SearchTerms::parse(q).expect("query");
    let rows: Vec<(String, i64)> = match app.backend {
        common::Backend::Sqlite => sqlx::query_as(
            "SELECT d.kind, d.record_id FROM search_fts
             JOIN search_documents d ON d.id = search_fts.rowid
             WHERE search_fts MATCH $1",
        )
        .bind(terms.fts5_query()),
        common::Backend::Postgres => sqlx::query_as(
            "SELECT kind, record_id FROM search_documents
             WHERE document @@ plainto_tsquery('english', $1)",
        )
        .bind(terms.plain_query()),
    }
    .fetch_all(&mut *conn)
    .await
    .expect("index");
    rows.into_iter().collect()
}

/// What `viewer` may see of every indexed record, decided in Rust by the rules the record
/// pages use: `may_read_version` and `can_see` for plan content (record, version, the goal of
/// an objective), `can_see` for commitments, `can_see` and the draft rule for motions, and
/// the partnership's own label for all.
async fn visible_by_the_rules(conn: &mut Conn, viewer: &Viewer) -> BTreeSet<(String, i64)> {
    let vis = viewer.visibility();
    let actor = viewer.actor();
    let mut out = BTreeSet::new();
    let every: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM partnerships")
        .fetch_all(&mut *conn)
        .await
        .expect("partnerships");
    for (partnership_id, slug) in every {
        if partnerships::find_partnership_by_slug(conn, &slug, vis)
            .await
            .expect("partnership")
            .is_none()
        {
            continue;
        }
        if let Some(plan) = plan_content::find_plan(conn, partnership_id)
            .await
            .expect("plan")
        {
            let resource = |version_id: i64, owner: Option<i64>, tlp: Tlp, named: bool| Resource {
                partnership_id,
                council_id: None,
                working_group_id: plan.working_group_id,
                owner_organisation_id: owner,
                tlp,
                actor_is_named_recipient: named,
                plan_version_id: Some(version_id),
            };
            for version in plan_content::list_plan_versions(conn, plan.id, vis.person_id)
                .await
                .expect("versions")
            {
                let facts = resource(version.id, None, version.tlp, version.named != 0);
                if !may_read_version(actor, &facts, version.status) {
                    continue;
                }
                let content = plan_content::load_version_content(conn, version.id)
                    .await
                    .expect("content");
                let named = plan_content::list_named_records(conn, version.id, vis.person_id)
                    .await
                    .expect("named");
                let sees = |kind: RecordType, id: i64, owner: Option<i64>, tlp: Tlp| {
                    can_see(
                        actor,
                        &resource(version.id, owner, tlp, named.contains(&(kind, id))),
                    )
                };
                for s in content.sections {
                    if sees(
                        RecordType::PlanSection,
                        s.id,
                        s.owner_organisation_id,
                        s.tlp,
                    ) {
                        out.insert(("plan_section".to_owned(), s.id));
                    }
                }
                for g in content.goals {
                    if !sees(RecordType::Goal, g.id, g.owner_organisation_id, g.tlp) {
                        continue;
                    }
                    out.insert(("goal".to_owned(), g.id));
                    for o in g.objectives {
                        if sees(RecordType::Objective, o.id, o.owner_organisation_id, o.tlp) {
                            out.insert(("objective".to_owned(), o.id));
                        }
                    }
                }
            }
        }
        for (id, resource) in
            commitments::list_commitment_resources(conn, partnership_id, vis.person_id)
                .await
                .expect("commitments")
        {
            if can_see(actor, &resource) {
                out.insert(("commitment".to_owned(), id));
            }
        }
    }
    let motion_ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM motions")
        .fetch_all(&mut *conn)
        .await
        .expect("motions");
    for id in motion_ids {
        let m = motions::find_motion(conn, id, vis.person_id)
            .await
            .expect("motion")
            .expect("exists");
        let partnership_visible = {
            let slug: String = sqlx::query_scalar("SELECT slug FROM partnerships WHERE id = $1")
                .bind(m.partnership_id)
                .fetch_one(&mut *conn)
                .await
                .expect("slug");
            partnerships::find_partnership_by_slug(conn, &slug, vis)
                .await
                .expect("partnership")
                .is_some()
        };
        let resource = Resource {
            partnership_id: m.partnership_id,
            council_id: m.council_id,
            working_group_id: Some(m.working_group_id),
            owner_organisation_id: None,
            tlp: m.tlp,
            actor_is_named_recipient: m.named != 0,
            plan_version_id: None,
        };
        if partnership_visible
            && can(actor, Action::View, &resource)
            && (m.status != MotionStatus::Draft || can(actor, Action::DraftMotion, &resource))
        {
            out.insert(("motion".to_owned(), id));
        }
    }
    out
}

/// The search, straight from the database layer, every page at once.
async fn searched(
    app: &TestApp,
    conn: &mut Conn,
    viewer: &Viewer,
    q: &str,
) -> BTreeSet<(String, i64)> {
    let backend = match app.backend {
        common::Backend::Sqlite => Backend::Sqlite,
        common::Backend::Postgres => Backend::Postgres,
    };
    let terms = SearchTerms::parse(q).expect("query");
    search::search(conn, backend, &terms, viewer.visibility(), None, 10_000, 0)
        .await
        .expect("search")
        .into_iter()
        .map(|row| (row.kind.code().to_owned(), row.record_id))
        .collect()
}

db_test!(
    the_sql_filter_agrees_with_the_access_rules_for_every_demo_account,
    true,
    |app| {
        let mut conn = app.db.pool().acquire().await.expect("conn");
        // Words found in content of every label, version status and kind in the demo data.
        let queries = [
            "security",
            "ransomware",
            "plan",
            "incident",
            "devices",
            "workforce",
        ];
        let mut kinds_seen = BTreeSet::new();
        let mut hidden_from_someone = 0;
        let mut found_by: Vec<(Option<&str>, usize)> = Vec::new();
        for email in std::iter::once(None).chain(DEMO_ACCOUNTS.iter().map(|e| Some(*e))) {
            let viewer = viewer(&mut conn, email).await;
            let allowed = visible_by_the_rules(&mut conn, &viewer).await;
            let mut total = 0;
            for q in queries {
                let matching = all_matches(app, &mut conn, q).await;
                let expected: BTreeSet<(String, i64)> =
                    matching.intersection(&allowed).cloned().collect();
                let got = searched(app, &mut conn, &viewer, q).await;
                assert_eq!(got, expected, "{email:?} searching {q:?}");
                hidden_from_someone += matching.len() - got.len();
                total += got.len();
                kinds_seen.extend(got.iter().map(|(kind, _)| kind.clone()));
            }
            found_by.push((email, total));
        }
        // The comparison must have had something to compare.
        assert_eq!(
            kinds_seen.len(),
            5,
            "every kind of record was found: {kinds_seen:?}"
        );
        assert!(hidden_from_someone > 0, "some matches were hidden");
        let public = found_by[0].1;
        let most = found_by.iter().map(|(_, n)| *n).max().unwrap_or_default();
        assert!(
            public > 0 && public < most,
            "the public finds something, and less than members: {found_by:?}"
        );
    }
);

db_test!(
    plan_content_commitments_and_motions_are_found_with_highlights,
    true,
    |app| {
        let public = TestApp::client();
        // A goal and an objective of the published plan.
        let found = find(app, &public, "essential performance goals").await;
        let goal = found
            .hits
            .iter()
            .find(|h| h.kind == RecordType::Goal)
            .expect("the essential goals");
        assert_eq!(goal.href, "/p/us-hph/plan/v/1/goals/1");
        assert!(
            goal.title
                .iter()
                .any(|s| s.highlighted && s.text.to_lowercase().contains("essential")),
            "{:?}",
            goal.title
        );
        let found = find(app, &public, "multifactor authentication").await;
        assert!(
            found
                .hits
                .iter()
                .any(|h| h.kind == RecordType::Objective && h.href.contains("#objective-1-")),
            "{:?}",
            titles(&found)
        );
        // A section, with a snippet highlighting the match in its body.
        let found = find(app, &public, "ambulances").await;
        let section = found
            .hits
            .iter()
            .find(|h| h.href == "/p/us-hph/plan/v/1#section-overview")
            .expect("the overview");
        assert_eq!(section.kind, RecordType::PlanSection);
        assert!(section.context.contains("Plan version 1"), "{section:?}");
        assert!(
            section
                .snippet
                .iter()
                .any(|s| s.highlighted && s.text.to_lowercase().starts_with("ambulance")),
            "{:?}",
            section.snippet
        );
        // A commitment and a motion.
        let found = find(app, &public, "known exploited vulnerabilities").await;
        assert!(
            found.hits.iter().any(|h| h.kind == RecordType::Commitment
                && h.href.starts_with("/p/us-hph/commitments/")),
            "{:?}",
            titles(&found)
        );
        let found = find(app, &public, "adopt version").await;
        assert!(
            found
                .hits
                .iter()
                .any(|h| h.kind == RecordType::Motion && h.href.starts_with("/p/us-hph/motions/")),
            "{:?}",
            titles(&found)
        );
        // One partnership only.
        let (status, body) = app
            .call("search", &[("q", "security"), ("partnership", "ie-health")])
            .await;
        if status == StatusCode::OK {
            let results: SearchResults = serde_json::from_str(&body).expect("results");
            assert!(
                results
                    .hits
                    .iter()
                    .all(|h| h.partnership_slug == "ie-health")
            );
        } else {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        }
        let (status, body) = app
            .call(
                "search",
                &[("q", "security"), ("partnership", "no-such-place")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("partnership"), "{body}");
    }
);

db_test!(
    the_public_never_finds_labelled_or_draft_content,
    true,
    |app| {
        let public = TestApp::client();
        for q in [
            "security",
            "cybersecurity",
            "ransomware",
            "plan",
            "hospitals",
            "devices",
            "incident",
            "workforce",
            "passcode",
        ] {
            let mut page = 1;
            loop {
                let page_text = page.to_string();
                let (status, body) = app
                    .call_with(&public, "search", &[("q", q), ("page", &page_text)])
                    .await;
                assert_eq!(status, StatusCode::OK, "{body}");
                let results: SearchResults = serde_json::from_str(&body).expect("results");
                for hit in &results.hits {
                    assert_eq!(hit.tlp, Tlp::Clear, "{q}: {hit:?}");
                    if hit.href.contains("/plan/v/") {
                        assert!(
                            hit.context.contains("(Published)")
                                || hit.context.contains("(Superseded)"),
                            "{q}: {hit:?}"
                        );
                    }
                    assert!(!hit.context.contains("Draft"), "{q}: {hit:?}");
                }
                if !results.has_next {
                    break;
                }
                page += 1;
            }
        }
        // Words that are only in the draft of version 2 (TLP:GREEN) or in TLP:RED content.
        for q in ["voice cloning", "passcode", "apprenticeships"] {
            assert!(find(app, &public, q).await.hits.is_empty(), "{q}");
        }
    }
);

db_test!(
    members_find_what_their_rights_allow_and_no_more,
    true,
    |app| {
        // A member of another organisation, on no body: TLP:GREEN of the partnership, not the
        // draft of version 2, not TLP:RED.
        let member = app.signed_in("member@apexmed.example").await;
        let green = find(app, &member, "stale ninety days").await;
        assert!(
            green.hits.iter().any(|h| h.tlp == Tlp::Green),
            "{:?}",
            titles(&green)
        );
        assert!(find(app, &member, "voice cloning").await.hits.is_empty());
        assert!(find(app, &member, "passcode").await.hits.is_empty());
        // An invited co-author of the draft finds it.
        let co_author = app.signed_in("representative@lakeview.example").await;
        let draft = find(app, &co_author, "voice cloning").await;
        let hit = draft.hits.first().expect("the draft's risk landscape");
        assert_eq!(hit.href, "/p/us-hph/plan/v/2#section-risk-landscape");
        assert!(hit.context.contains("(Draft)"), "{hit:?}");
        // A named recipient finds TLP:RED; a platform operator does not.
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let red = find(app, &secretariat, "passcode").await;
        assert!(
            red.hits.iter().any(|h| h.tlp == Tlp::Red),
            "{:?}",
            titles(&red)
        );
        let admin = app.signed_in("admin@concordat.example").await;
        assert!(
            find(app, &admin, "passcode")
                .await
                .hits
                .iter()
                .all(|h| h.tlp != Tlp::Red)
        );
        // Another partnership's secretariat sees none of the US partnership's TLP:GREEN.
        let irish = app.signed_in("secretariat@health-ie.example").await;
        let found = find(app, &irish, "stale ninety days").await;
        assert!(
            found
                .hits
                .iter()
                .all(|h| h.partnership_slug != "us-hph" || h.tlp == Tlp::Clear),
            "{:?}",
            found.hits
        );
    }
);

db_test!(
    hostile_queries_get_a_clear_answer_never_a_server_error,
    true,
    |app| {
        let long = "ransomware ".repeat(20);
        let cases: &[(&str, bool)] = &[
            ("\"", false),
            ("\"\"", false),
            ("a OR", true),
            ("NEAR(", true),
            ("NEAR(ransomware plan, 2)", true),
            ("*", false),
            ("**", false),
            ("ransom*", true),
            ("'; DROP TABLE search_documents; --", true),
            ("title:ransomware", true),
            ("-ransomware +plan", true),
            ("ransomware AND NOT plan", true),
            ("^ransomware", true),
            ("(ransomware", true),
            ("\"ransomware", true),
            ("ünïcödé 医療 données", true),
            ("🙂🙂", false),
            ("ab\u{0}cd", true),
            ("\u{2}ransomware\u{3}", true),
            ("x", false),
            ("  ", false),
            (long.as_str(), false),
        ];
        for (q, valid) in cases {
            let (status, body) = app.call("search", &[("q", q)]).await;
            if *valid {
                assert_eq!(status, StatusCode::OK, "{q:?}: {body}");
                let _: SearchResults = serde_json::from_str(&body).expect("results");
            } else {
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{q:?}: {body}");
                assert!(body.contains("\"q\""), "{q:?}: {body}");
            }
        }
        // Bad pages are refused by field; nothing above touched the index.
        let (status, body) = app.call("search", &[("q", "plan"), ("page", "0")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("page"), "{body}");
        let (status, body) = app.call("search", &[("q", "plan"), ("page", "x")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            !find(app, &TestApp::client(), "ransomware")
                .await
                .hits
                .is_empty()
        );
        // The page itself answers too, with the form and the message.
        let (status, html) = app.get("/search?q=%22").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("Enter at least 2 characters"), "{html}");
        let (status, html) = app.get("/search?q=NEAR%28%22%2A").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("No results for"), "{html}");
    }
);

db_test!(
    the_search_page_shows_marked_hits_and_an_empty_state,
    true,
    |app| {
        let (status, html) = app.get("/search").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("role=\"search\""), "{html}");
        assert!(html.contains("Type a word or two"), "{html}");
        let (status, html) = app.get("/search?q=ambulances&partnership=us-hph").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<mark>ambulances</mark>"), "{html}");
        assert!(
            html.contains("href=\"/p/us-hph/plan/v/1#section-overview\""),
            "{html}"
        );
        assert!(common::active_markup(&html).is_empty());
        let (_, html) = app.get("/search?q=zzzqqqxxx").await;
        assert!(html.contains("No results for “zzzqqqxxx”"), "{html}");
    }
);

db_test!(changes_to_a_record_are_found_at_once, true, |app| {
    let secretariat = app.signed_in("secretariat@aspr.example").await;
    let public = TestApp::client();
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let us =
        partnerships::find_partnership_by_slug(&mut conn, "us-hph", Viewer::public().visibility())
            .await
            .expect("query")
            .expect("us");
    let (organisation_id, objective_key_id): (i64, i64) = sqlx::query_as(
        "SELECT o.id, ok.id FROM organisations o, objective_keys ok
             JOIN plans pl ON pl.id = ok.plan_id
             WHERE o.partnership_id = $1 AND pl.partnership_id = $1 ORDER BY o.id, ok.id LIMIT 1",
    )
    .bind(us.id)
    .fetch_one(&mut *conn)
    .await
    .expect("an organisation and an objective");
    let now = Timestamp::now();

    // Inserted: found.
    let id = commitments::insert_commitment(
        &mut conn,
        commitments::NewCommitment {
            partnership_id: us.id,
            organisation_id,
            objective_key_id,
            title: "Quarterly zephyrine tabletop exercise".to_owned(),
            description: "With the local **emergency** services.".to_owned(),
            deliverable: "A lessons-learned report".to_owned(),
            start_date: now.date(),
            due_date: now.date(),
            status: app::domain::plan::CommitmentStatus::Proposed,
            tlp: Tlp::Clear,
            proposed_by_person_id: None,
            accepted_by_person_id: None,
            accepted_by_motion_id: None,
            accepted_at: None,
            created_at: now,
        },
    )
    .await
    .expect("insert");
    let found = find(app, &public, "zephyrine").await;
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].href, format!("/p/us-hph/commitments/{id}"));
    assert!(
        !find(app, &public, "lessons learned report")
            .await
            .hits
            .is_empty()
    );

    // Relabelled: gone for the public, there for its partnership's secretariat.
    commitments::update_commitment_tlp(&mut conn, id, Tlp::Green, now)
        .await
        .expect("relabel");
    assert!(find(app, &public, "zephyrine").await.hits.is_empty());
    assert_eq!(find(app, &secretariat, "zephyrine").await.hits.len(), 1);

    // Edited: the new words are found, the old ones no longer.
    sqlx::query("UPDATE commitments SET title = $2, tlp = 'clear' WHERE id = $1")
        .bind(id)
        .bind("Quarterly quillwort tabletop exercise")
        .execute(&mut *conn)
        .await
        .expect("edit");
    assert!(find(app, &public, "zephyrine").await.hits.is_empty());
    assert_eq!(find(app, &public, "quillwort").await.hits.len(), 1);

    // Deleted: gone.
    sqlx::query("DELETE FROM commitments WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .expect("delete");
    assert!(find(app, &public, "quillwort").await.hits.is_empty());

    // A section of the draft saved by the secretariat: the new text is found.
    let (status, body) = app
        .call_with(
            &secretariat,
            "get_section_editor",
            &[("slug", "us-hph"), ("number", "2"), ("key", "supply-chain")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let editor: app::api::plans::SectionEditor = serde_json::from_str(&body).expect("editor");
    let revision = editor.revision.to_string();
    let (status, body) = app
        .call_with(
            &secretariat,
            "save_plan_section",
            &[
                ("partnership", "us-hph"),
                ("number", "2"),
                ("key", "supply-chain"),
                ("revision", revision.as_str()),
                ("title", "Supply chain and third parties"),
                (
                    "body",
                    "Hosted services now include the xerophyte clearinghouse.",
                ),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let found = find(app, &secretariat, "xerophyte").await;
    assert_eq!(found.hits.len(), 1, "{:?}", titles(&found));
    assert_eq!(
        found.hits[0].href,
        "/p/us-hph/plan/v/2#section-supply-chain"
    );
    // Still a draft: the public does not find it.
    assert!(find(app, &public, "xerophyte").await.hits.is_empty());
});
