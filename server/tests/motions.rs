//! Working-group motions and voting through the HTTP endpoints, on SQLite and PostgreSQL:
//! a convener drafts, edits and opens a dual-majority two-thirds motion; representatives
//! vote, change a ballot, recuse, give and use a proxy; the refusals the issue names (voting
//! after close, a second person of one organisation voting, an organisation outside the
//! electorate, changing the rules after opening) each come with a clear message; the convener
//! closes it and the stored outcome is the tally's; a motion past its deadline closes when
//! read; a carried adoption motion adopts its plan version; 64 organisations (two people
//! each, racing) vote at once and every acknowledged ballot is stored exactly once.

mod common;

use app::api::motions::{GroupMotions, MotionDetail, format_utc_minute};
use app::domain::motion::{BallotChoice, BallotMode, MotionOutcome, MotionStatus, Threshold};
use app::domain::partnership::{OrganisationFields, OrganisationKind, Side, SizeClass};
use app::domain::plan::PlanVersionStatus;
use app::domain::{Timestamp, Tlp};
use app::ssr::access::Viewer;
use app::ssr::db::{Conn, audit, motions, organisations, partnerships, people, working_groups};
use common::{TestApp, active_markup};
use reqwest::StatusCode;
use std::collections::HashMap;

async fn events(app: &TestApp, action: &str) -> usize {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let filter = audit::AuditFilter {
        action: Some(action.to_owned()),
        record_type: Some("motion".to_owned()),
        ..Default::default()
    };
    audit::list_events(&mut conn, &filter, 10_000, 0)
        .await
        .expect("events")
        .len()
}

async fn group_motions(app: &TestApp, client: &reqwest::Client) -> GroupMotions {
    let (status, body) = app
        .call_with(
            client,
            "get_group_motions",
            &[("partnership", "us-hph"), ("group", "joint-cwg")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("group motions")
}

async fn motion(app: &TestApp, client: &reqwest::Client, id: i64) -> MotionDetail {
    let id = id.to_string();
    let (status, body) = app
        .call_with(
            client,
            "get_motion",
            &[("partnership", "us-hph"), ("motion", &id)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("motion")
}

fn motion_form<'a>(fields: &'a [(&'a str, &'a str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| (format!("input[{k}]"), (*v).to_owned()))
        .collect()
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(String, String)],
) -> (StatusCode, String) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call_with(client, endpoint, &pairs).await
}

async fn vote(
    app: &TestApp,
    client: &reqwest::Client,
    motion: i64,
    choice: &str,
    extra: &[(&str, &str)],
) -> (StatusCode, String) {
    let id = motion.to_string();
    let mut form = vec![
        ("partnership", "us-hph"),
        ("motion", id.as_str()),
        ("choice", choice),
    ];
    form.extend_from_slice(extra);
    app.call_with(client, "cast_ballot", &form).await
}

async fn act(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    motion: i64,
    extra: &[(&str, &str)],
) -> (StatusCode, String) {
    let id = motion.to_string();
    let mut form = vec![("partnership", "us-hph"), ("motion", id.as_str())];
    form.extend_from_slice(extra);
    app.call_with(client, endpoint, &form).await
}

/// Drafts a general resolution in the joint group as its public convener; returns its id.
async fn draft(
    app: &TestApp,
    convener: &reqwest::Client,
    title: &str,
    tlp: &str,
    threshold: &str,
    dual: bool,
    mode: &str,
) -> i64 {
    let now = Timestamp::now();
    let opens = format_utc_minute(Timestamp::from_datetime(
        now.as_datetime() - chrono::Duration::minutes(5),
    ));
    let closes = format_utc_minute(Timestamp::from_datetime(
        now.as_datetime() + chrono::Duration::days(7),
    ));
    let mut fields = vec![
        ("subject", "general"),
        ("title", title),
        ("body", "The group **endorses** it."),
        ("tlp", tlp),
        ("opens_at", opens.as_str()),
        ("closes_at", closes.as_str()),
        ("quorum_percent", "50"),
        ("threshold", threshold),
        ("ballot_mode", mode),
    ];
    if dual {
        fields.push(("dual_majority", "true"));
    }
    let mut form = vec![
        ("partnership".to_owned(), "us-hph".to_owned()),
        ("group".to_owned(), "joint-cwg".to_owned()),
    ];
    form.extend(motion_form(&fields));
    let (status, body) = post(app, convener, "draft_motion", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    group_motions(app, convener)
        .await
        .drafts
        .into_iter()
        .find(|m| m.title == title)
        .expect("the draft is listed for its convener")
        .id
}

async fn stored(app: &TestApp, id: i64) -> motions::MotionRow {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    motions::find_motion(&mut conn, id, -1)
        .await
        .expect("motion")
        .expect("exists")
}

db_test!(
    a_dual_majority_two_thirds_motion_from_draft_to_outcome,
    true,
    |app| {
        app.everyone_can_sign_in().await;
        let convener = app.signed_in("convener@aspr.example").await;
        let id = draft(
            app,
            &convener,
            "Endorse the joint exercise calendar",
            "clear",
            "two_thirds",
            true,
            "roll_call",
        )
        .await;

        // Others do not see a draft; a member cannot draft.
        let public = TestApp::client();
        let (status, _) = act(app, &public, "get_motion", id, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let lakeview = app.signed_in("representative@lakeview.example").await;
        let (status, _) = act(app, &lakeview, "get_motion", id, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, body) = act(app, &lakeview, "open_motion", id, &[]).await;
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            "{status} {body}"
        );

        // The rules are editable while a draft: quorum 60 %.
        let detail = motion(app, &convener, id).await;
        let mut input = detail.edit.expect("the convener may edit the draft").input;
        input.quorum_percent = "60".into();
        let edit = |input: &app::api::motions::MotionInput| {
            let mut form = vec![
                ("partnership".to_owned(), "us-hph".to_owned()),
                ("motion".to_owned(), id.to_string()),
            ];
            let dual = input.dual_majority.clone().unwrap_or_default();
            let fields = [
                ("subject", input.subject.as_str()),
                ("title", input.title.as_str()),
                ("body", input.body.as_str()),
                ("tlp", input.tlp.as_str()),
                ("opens_at", input.opens_at.as_str()),
                ("closes_at", input.closes_at.as_str()),
                ("quorum_percent", input.quorum_percent.as_str()),
                ("threshold", input.threshold.as_str()),
                ("dual_majority", dual.as_str()),
                ("ballot_mode", input.ballot_mode.as_str()),
            ];
            form.extend(motion_form(&fields));
            form
        };
        let (status, body) = post(app, &convener, "update_motion", &edit(&input)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(stored(app, id).await.quorum_percent, 60);
        // A bad field is named.
        let mut bad = input.clone();
        bad.quorum_percent = "150".into();
        let (status, body) = post(app, &convener, "update_motion", &edit(&bad)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("quorum_percent"), "{body}");

        // Opening fixes the electorate: the group's 16 voting organisations.
        let (status, body) = act(app, &convener, "open_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let m = motion(app, &convener, id).await;
        assert_eq!(m.status, MotionStatus::Open);
        assert_eq!(m.electorate.len(), 16);
        assert_eq!(events(app, "open").await, 1);

        // Changing the rules after opening is refused, in words.
        input.quorum_percent = "10".into();
        let (status, body) = post(app, &convener, "update_motion", &edit(&input)).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("locked"), "{body}");
        assert_eq!(stored(app, id).await.quorum_percent, 60);
        // … and the database refuses it too.
        {
            let mut conn = app.db.pool().acquire().await.expect("conn");
            let result = sqlx::query("UPDATE motions SET quorum_percent = 10 WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await;
            assert!(result.is_err(), "the rules trigger lets a change through");
        }

        // Public side: 4 yes, 1 no, and the alternate of an organisation that voted is refused.
        let public_reps = [
            ("convener@aspr.example", "yes"),
            ("jordan.park@cisa.example", "yes"),
            ("samuel.hart@fda.example", "yes"),
            ("gregory.shaw@cms.example", "no"),
            ("omar.haddad@405d.example", "yes"),
        ];
        let mut clients = HashMap::new();
        for (email, choice) in public_reps {
            let client = if email == "convener@aspr.example" {
                convener.clone()
            } else {
                app.signed_in(email).await
            };
            let (status, body) = vote(app, &client, id, choice, &[]).await;
            assert_eq!(status, StatusCode::OK, "{email}: {body}");
            clients.insert(email, client);
        }
        let priya = app.signed_in("priya.natarajan@aspr.example").await;
        let (status, body) = vote(app, &priya, id, "no", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("already voted"), "{body}");

        // CMS changes its ballot knowingly: the history keeps both.
        let cms = &clients["gregory.shaw@cms.example"];
        let current = motion(app, cms, id)
            .await
            .voter
            .expect("panel")
            .current
            .expect("ballot");
        let replaces = current.id.to_string();
        let (status, body) = vote(app, cms, id, "yes", &[("replaces", &replaces)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let panel = motion(app, cms, id).await.voter.expect("panel");
        assert_eq!(panel.history.len(), 2);
        assert_eq!(panel.current.expect("current").choice, BallotChoice::Yes);
        assert_eq!(events(app, "ballot_change").await, 1);

        // Industry side: Cardiolink recuses, Bluestone gives its proxy to Chartwell, which uses it.
        let cardiolink = app.signed_in("zoe.walsh@cardiolink.example").await;
        let (status, body) = act(
            app,
            &cardiolink,
            "recuse_from_motion",
            id,
            &[("reason", "We supply the exercise platform.")],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = vote(app, &cardiolink, id, "no", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("recused"), "{body}");

        let bluestone = app.signed_in("yasmin.farouk@bluestone.example").await;
        let chartwell = app.signed_in("rebecca.stone@chartwell.example").await;
        let chartwell_id = motion(app, &bluestone, id)
            .await
            .electorate
            .iter()
            .find(|e| e.slug == "chartwell")
            .expect("chartwell votes")
            .organisation_id;
        let bluestone_id = motion(app, &bluestone, id)
            .await
            .electorate
            .iter()
            .find(|e| e.slug == "bluestone")
            .expect("bluestone votes")
            .organisation_id;
        let (status, body) = act(
            app,
            &bluestone,
            "give_proxy",
            id,
            &[("to", &chartwell_id.to_string())],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = vote(app, &bluestone, id, "yes", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("proxy"), "{body}");
        let (status, body) = vote(
            app,
            &chartwell,
            id,
            "yes",
            &[("organisation", &bluestone_id.to_string())],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = act(app, &bluestone, "revoke_proxy", id, &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("cannot be revoked"), "{body}");
        // A proxy is not for anyone: Lakeview holds none of Bluestone's.
        let (status, body) = vote(
            app,
            &lakeview,
            id,
            "no",
            &[("organisation", &bluestone_id.to_string())],
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");

        for (email, choice) in [
            ("representative@lakeview.example", "yes"),
            ("grace.liu@summitregional.example", "yes"),
            ("emily.carter@northwind.example", "no"),
            ("sophie.martin@apexmed.example", "yes"),
            ("mei.chen@pulsewave.example", "abstain"),
            ("rebecca.stone@chartwell.example", "yes"),
            ("noah.fischer@healthisac.example", "no"),
        ] {
            let client = app.signed_in(email).await;
            let (status, body) = vote(app, &client, id, choice, &[]).await;
            assert_eq!(status, StatusCode::OK, "{email}: {body}");
        }

        // An organisation seated after the motion opened is outside its electorate; an observer
        // (no voting seat) may not vote at all.
        {
            let mut conn = app.db.pool().acquire().await.expect("conn");
            let (group, astp) = group_and_org(&mut conn, "joint-cwg", "astp-onc").await;
            sqlx::query("UPDATE working_group_memberships SET is_voting = 1 WHERE working_group_id = $1 AND organisation_id = $2")
            .bind(group)
            .bind(astp)
            .execute(&mut *conn)
            .await
            .expect("make ONC a voting member");
        }
        let onc = app.signed_in("kwame.mensah@onc.example").await;
        let (status, body) = vote(app, &onc, id, "yes", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("not in this motion's electorate"), "{body}");
        let observer = app.signed_in("lukas.weber@greatlakes.example").await;
        let (status, _) = vote(app, &observer, id, "yes", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The live roll call shows each ballot; the convener closes the motion.
        let live = motion(app, &lakeview, id).await;
        let tally = live.tally.expect("a roll-call motion shows its live tally");
        assert_eq!((tally.yes, tally.no, tally.abstain), (10, 2, 1));
        let (status, body) = act(app, &lakeview, "close_motion", id, &[]).await;
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            "{status} {body}"
        );
        let (status, body) = act(app, &convener, "close_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        // Public: 5 yes, no "no" (CMS changed its ballot; state health did not vote): two-thirds
        // holds. Industry: 5 yes (Bluestone's by proxy), 2 no, 1 abstention of 9 (Cardiolink
        // recused): 5 of 7 is more than two-thirds. Quorum: 60 % of 15 is 9 ballots; 13 cast.
        let row = stored(app, id).await;
        assert_eq!(row.status, MotionStatus::Closed);
        assert_eq!(row.outcome, Some(MotionOutcome::Carried));
        assert_eq!(row.electorate_size, Some(15));
        assert_eq!(
            (row.yes_count, row.no_count, row.abstain_count),
            (Some(10), Some(2), Some(1))
        );
        assert_eq!(events(app, "close").await, 1);
        assert_eq!(events(app, "ballot").await, 13);
        assert_eq!(events(app, "recuse").await, 1);
        assert_eq!(events(app, "proxy_grant").await, 1);

        // Voting after close is refused, and the outcome does not change.
        let (status, body) = vote(app, &onc, id, "no", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, body) = vote(app, &lakeview, id, "no", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("closed"), "{body}");
        let (status, body) = act(app, &convener, "close_motion", id, &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");

        // The public record shows it, with its outcome.
        let (status, page) = app.get("/p/us-hph/decisions").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Endorse the joint exercise calendar"),
            "decisions page lacks the motion"
        );
        let (status, page) = app.get(&format!("/p/us-hph/motions/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Outcome: Carried"),
            "motion page lacks the outcome"
        );
        assert!(
            active_markup(&page)
                .iter()
                .all(|tag| tag.starts_with("<script")),
            "{:?}",
            active_markup(&page)
        );
    }
);

async fn group_and_org(conn: &mut Conn, group: &str, org: &str) -> (i64, i64) {
    let p = partnerships::find_partnership_by_slug(conn, "us-hph", Viewer::public().visibility())
        .await
        .expect("partnership")
        .expect("us-hph");
    let g = working_groups::find_working_group(conn, p.id, group, -1)
        .await
        .expect("group")
        .expect("exists");
    let o: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE partnership_id = $1 AND slug = $2")
            .bind(p.id)
            .bind(org)
            .fetch_one(&mut *conn)
            .await
            .expect("organisation");
    (g.id, o)
}

db_test!(
    an_amber_anonymous_motion_shows_counts_only_at_close_and_never_to_the_public,
    true,
    |app| {
        let convener = app.signed_in("convener@aspr.example").await;
        let id = draft(
            app,
            &convener,
            "Share the tabletop findings",
            "amber",
            "simple",
            false,
            "anonymous",
        )
        .await;
        let (status, body) = act(app, &convener, "open_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let lakeview = app.signed_in("representative@lakeview.example").await;
        let (status, body) = vote(app, &lakeview, id, "yes", &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let open = motion(app, &lakeview, id).await;
        assert!(
            open.tally.is_none(),
            "an open anonymous motion shows no counts"
        );
        assert_eq!(open.turnout, Some((1, 16)));
        assert!(
            open.electorate.iter().all(|e| e.ballot.is_none()),
            "anonymous ballots are not shown"
        );
        // The voter still sees its own ballot.
        assert_eq!(
            open.voter.expect("panel").current.expect("own").choice,
            BallotChoice::Yes
        );
        let (status, _) = act(app, &TestApp::client(), "get_motion", id, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, body) = act(app, &convener, "close_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let closed = motion(app, &lakeview, id).await;
        assert_eq!(closed.outcome, Some(MotionOutcome::NoQuorum));
        assert!(closed.tally.is_some());
        assert!(
            closed.electorate.iter().all(|e| e.ballot.is_none()),
            "still anonymous once closed"
        );
        let (_, page) = app.get("/p/us-hph/decisions").await;
        assert!(
            !page.contains("Share the tabletop findings"),
            "an AMBER decision is public"
        );
    }
);

db_test!(a_motion_past_its_deadline_closes_when_read, true, |app| {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let (group, lakeview_org) = group_and_org(&mut conn, "joint-cwg", "lakeview").await;
    let now = Timestamp::now();
    let id = motions::insert_motion(
        &mut conn,
        motions::NewMotion {
            working_group_id: group,
            draft: app::domain::motion::MotionDraft {
                subject: app::domain::motion::MotionSubject::GeneralResolution,
                title: "A short vote".into(),
                body: String::new(),
                tlp: Tlp::Clear,
                opens_at: Timestamp::from_datetime(now.as_datetime() - chrono::Duration::hours(1)),
                closes_at: Timestamp::from_datetime(
                    now.as_datetime() + chrono::Duration::seconds(2),
                ),
                quorum_percent: 0,
                threshold: Threshold::Simple,
                dual_majority: false,
                ballot_mode: BallotMode::RollCall,
            },
            proposed_by_person_id: None,
            created_at: now,
        },
    )
    .await
    .expect("motion");
    motions::open_motion(&mut conn, id, now)
        .await
        .expect("open");
    drop(conn);
    let lakeview = app.signed_in("representative@lakeview.example").await;
    let (status, body) = vote(app, &lakeview, id, "yes", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    // Nobody closed it and no task ran: reading it closes it, once.
    let m = motion(app, &TestApp::client(), id).await;
    assert_eq!(m.status, MotionStatus::Closed);
    assert_eq!(m.outcome, Some(MotionOutcome::Carried));
    assert_eq!(m.closed_by, None);
    assert_eq!(m.closed_at, Some(stored(app, id).await.closes_at));
    let _ = motion(app, &TestApp::client(), id).await;
    assert_eq!(events(app, "close").await, 1);
    let (status, body) = vote(app, &lakeview, id, "no", &[]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("closed"), "{body}");
    // The database refuses a ballot outside the window whatever the server says.
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let result = motions::insert_ballot(
        &mut conn,
        motions::NewBallot {
            motion_id: id,
            organisation_id: lakeview_org,
            choice: BallotChoice::No,
            cast_by_person_id: None,
            proxy_id: None,
            cast_at: Timestamp::now(),
        },
    )
    .await;
    assert!(result.is_err(), "a ballot after close was stored");
});

db_test!(
    a_carried_adoption_motion_adopts_the_version_in_the_same_transaction,
    true,
    |app| {
        app.everyone_can_sign_in().await;
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let convener = app.signed_in("convener@aspr.example").await;
        let version_id: i64 = {
            let mut conn = app.db.pool().acquire().await.expect("conn");
            sqlx::query_scalar(
            "SELECT v.id FROM plan_versions v JOIN plans p ON p.id = v.plan_id
             JOIN partnerships x ON x.id = p.partnership_id WHERE x.slug = 'us-hph' AND v.number = 2",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("version 2")
        };
        let subject = format!("adopt_plan_version:{version_id}");
        let now = Timestamp::now();
        let opens = format_utc_minute(Timestamp::from_datetime(
            now.as_datetime() - chrono::Duration::minutes(5),
        ));
        let closes = format_utc_minute(Timestamp::from_datetime(
            now.as_datetime() + chrono::Duration::days(3),
        ));
        let mut form = vec![
            ("partnership".to_owned(), "us-hph".to_owned()),
            ("group".to_owned(), "joint-cwg".to_owned()),
        ];
        form.extend(motion_form(&[
            ("subject", subject.as_str()),
            ("title", "Adopt version 2"),
            ("body", ""),
            ("tlp", "clear"),
            ("opens_at", opens.as_str()),
            ("closes_at", closes.as_str()),
            ("quorum_percent", "25"),
            ("threshold", "simple"),
            ("ballot_mode", "roll_call"),
        ]));
        let (status, body) = post(app, &convener, "draft_motion", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id = group_motions(app, &convener)
            .await
            .drafts
            .into_iter()
            .find(|m| m.title == "Adopt version 2")
            .expect("draft")
            .id;
        // Version 2 is still a draft: the motion cannot open yet.
        let (status, body) = act(app, &convener, "open_motion", id, &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("submit it"), "{body}");
        let (status, body) = app
            .call_with(
                &secretariat,
                "submit_plan_version",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("override_comments", "yes"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = act(app, &convener, "open_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        for email in [
            "convener@aspr.example",
            "representative@lakeview.example",
            "jordan.park@cisa.example",
            "grace.liu@summitregional.example",
        ] {
            let client = app.signed_in(email).await;
            let (status, body) = vote(app, &client, id, "yes", &[]).await;
            assert_eq!(status, StatusCode::OK, "{email}: {body}");
        }
        let (status, body) = act(app, &convener, "close_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let version = motions::find_plan_version_brief(&mut conn, version_id)
            .await
            .expect("read")
            .expect("v2");
        assert_eq!(version.status, PlanVersionStatus::Adopted);
        drop(conn);
        let m = motion(app, &convener, id).await;
        assert!(m.adoption_note.expect("note").contains("adopted"));
        // The secretariat publishes it; version 1 is superseded.
        let (status, body) = app
            .call_with(
                &secretariat,
                "publish_plan_version",
                &[("partnership", "us-hph"), ("number", "2")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
);

/// Creates a working group of `n` voting organisations in the demo partnership, each with a
/// principal and an alternate who can sign in, and an open motion; returns the motion and
/// the people's e-mail addresses by organisation.
async fn crowd(app: &TestApp, n: usize) -> (i64, Vec<(i64, [String; 2])>) {
    let hash = app::ssr::auth::password::hash_blocking(common::DEMO_PASSWORD).expect("hash");
    let mut tx = app.db.begin_write().await.expect("tx");
    let p =
        partnerships::find_partnership_by_slug(&mut tx, "us-hph", Viewer::public().visibility())
            .await
            .expect("partnership")
            .expect("us-hph");
    let now = Timestamp::now();
    let group = working_groups::insert_working_group(
        &mut tx,
        working_groups::NewWorkingGroup {
            partnership_id: p.id,
            council_id: None,
            slug: "load-wg".into(),
            name: "Load working group".into(),
            short_name: String::new(),
            summary: String::new(),
            charter: String::new(),
            charter_tlp: Tlp::Clear,
            tlp: Tlp::Clear,
            created_at: now,
        },
    )
    .await
    .expect("group");
    let mut members = Vec::new();
    for i in 0..n {
        let side = if i % 2 == 0 {
            Side::Public
        } else {
            Side::Private
        };
        let org = organisations::insert_organisation(
            &mut tx,
            organisations::NewOrganisation {
                partnership_id: p.id,
                slug: format!("load-org-{i}"),
                fields: OrganisationFields {
                    name: format!("Load organisation {i}"),
                    short_name: String::new(),
                    kind: if side == Side::Public {
                        OrganisationKind::GovernmentAgency
                    } else {
                        OrganisationKind::HealthcareProvider
                    },
                    side,
                    size_class: SizeClass::Medium,
                    country: "US".into(),
                    segment: String::new(),
                    website: String::new(),
                    description: String::new(),
                },
                created_at: now,
            },
        )
        .await
        .expect("organisation");
        let mut emails = Vec::new();
        let mut ids = Vec::new();
        for role in ["principal", "alternate"] {
            let email = format!("{role}{i}@load.example");
            let id = people::insert_person(
                &mut tx,
                people::NewPerson {
                    organisation_id: Some(org),
                    display_name: format!("{role} {i}"),
                    email: email.clone(),
                    job_title: String::new(),
                    phone: String::new(),
                    password_hash: Some(hash.clone()),
                    is_admin: false,
                    created_at: now,
                },
            )
            .await
            .expect("person");
            emails.push(email);
            ids.push(id);
        }
        working_groups::insert_working_group_membership(
            &mut tx,
            working_groups::NewWorkingGroupMembership {
                working_group_id: group,
                partnership_id: p.id,
                organisation_id: org,
                is_voting: true,
                principal_person_id: Some(ids[0]),
                alternate_person_id: Some(ids[1]),
                term_start: now.date(),
                term_end: None,
                created_at: now,
            },
        )
        .await
        .expect("seat");
        members.push((org, [emails[0].clone(), emails[1].clone()]));
    }
    let motion = motions::insert_motion(
        &mut tx,
        motions::NewMotion {
            working_group_id: group,
            draft: app::domain::motion::MotionDraft {
                subject: app::domain::motion::MotionSubject::GeneralResolution,
                title: "Sixty-four at once".into(),
                body: String::new(),
                tlp: Tlp::Clear,
                opens_at: Timestamp::from_datetime(
                    now.as_datetime() - chrono::Duration::minutes(1),
                ),
                closes_at: Timestamp::from_datetime(now.as_datetime() + chrono::Duration::hours(1)),
                quorum_percent: 50,
                threshold: Threshold::Simple,
                dual_majority: true,
                ballot_mode: BallotMode::RollCall,
            },
            proposed_by_person_id: None,
            created_at: now,
        },
    )
    .await
    .expect("motion");
    let size = motions::open_motion(&mut tx, motion, now)
        .await
        .expect("open");
    assert_eq!(size, n as i64);
    tx.commit().await.expect("commit");
    (motion, members)
}

db_test!(
    sixty_four_concurrent_voters_lose_and_duplicate_nothing,
    true,
    |app| {
        let (motion_id, members) = crowd(app, 64).await;
        // Two people of each organisation sign in and race to cast its first ballot.
        let mut voters = Vec::new();
        for (org, emails) in &members {
            for (k, email) in emails.iter().enumerate() {
                let client = app.signed_in(email).await;
                let choice = if (org + k as i64) % 3 == 0 {
                    "no"
                } else {
                    "yes"
                };
                voters.push((*org, choice, client));
            }
        }
        let url = app.url("/api/cast_ballot");
        let origin = app.url("");
        let tasks: Vec<_> = voters
            .into_iter()
            .map(|(org, choice, client)| {
                let url = url.clone();
                let origin = origin.trim_end_matches('/').to_owned();
                tokio::spawn(async move {
                    let res = client
                        .post(url)
                        .header("origin", origin)
                        .form(&[
                            ("partnership", "us-hph"),
                            ("motion", &motion_id.to_string()),
                            ("choice", choice),
                        ])
                        .send()
                        .await
                        .expect("POST");
                    let status = res.status();
                    let body = res.text().await.expect("body");
                    (org, choice, status, body)
                })
            })
            .collect();
        let mut acknowledged: HashMap<i64, Vec<&'static str>> = HashMap::new();
        for task in tasks {
            let (org, choice, status, body) = task.await.expect("task");
            match status {
                StatusCode::OK => acknowledged.entry(org).or_default().push(choice),
                StatusCode::CONFLICT => assert!(
                    body.contains("already voted") || body.contains("at the same time"),
                    "{body}"
                ),
                other => panic!("unexpected {other}: {body}"),
            }
        }
        // Every organisation got exactly one ballot acknowledged (the other person was told it
        // had already voted), and the database holds exactly those, once each.
        assert_eq!(acknowledged.len(), 64, "an organisation got no ballot in");
        assert!(
            acknowledged.values().all(|v| v.len() == 1),
            "{acknowledged:?}"
        );
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let ballots = motions::list_ballots(&mut conn, motion_id)
            .await
            .expect("ballots");
        assert_eq!(ballots.len(), 64, "a ballot was lost or duplicated");
        for b in &ballots {
            assert_eq!(b.is_current, 1);
            assert_eq!(acknowledged[&b.organisation_id], vec![b.choice.code()]);
        }
        let tally = motion(app, &TestApp::client(), motion_id)
            .await
            .tally
            .expect("a roll-call motion shows its tally");
        assert_eq!(tally.yes + tally.no, 64);
        // Ballots share transactions on SQLite (group commit); each is audited in the one
        // chain, in order, once.
        let report = app::ssr::audit::verify(&mut conn).await.expect("verify");
        assert_eq!(report.first_broken, None, "{report:?}");
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'ballot' AND record_id = $1",
        )
        .bind(motion_id)
        .fetch_one(&mut *conn)
        .await
        .expect("count");
        assert_eq!(audited, 64);
    }
);

db_test!(
    the_calendar_feed_lists_the_open_motions_the_reader_may_see,
    true,
    |app| {
        let public = TestApp::client();
        let res = public
            .get(app.url("/p/us-hph/groups/joint-cwg/motions.ics"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.headers()[reqwest::header::CONTENT_TYPE]
                .to_str()
                .expect("type")
                .starts_with("text/calendar")
        );
        let feed = res.text().await.expect("feed");
        assert!(feed.starts_with("BEGIN:VCALENDAR\r\n"), "{feed}");
        // The demo's open motion is TLP:GREEN: not in the public feed, in a member's.
        assert!(!feed.contains("BEGIN:VEVENT"), "{feed}");
        let lakeview = app.signed_in("representative@lakeview.example").await;
        let feed = lakeview
            .get(app.url("/p/us-hph/groups/joint-cwg/motions.ics"))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("feed");
        assert_eq!(feed.matches("BEGIN:VEVENT").count(), 1, "{feed}");
        assert!(
            feed.replace("\r\n ", "")
                .contains("SUMMARY:Voting closes: Endorse the ransomware recovery playbook"),
            "{feed}"
        );
        let (status, _) = app.get("/p/us-hph/groups/no-such-group/motions.ics").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    a_proxy_is_revocable_until_used_and_every_step_is_audited,
    true,
    |app| {
        app.everyone_can_sign_in().await;
        let convener = app.signed_in("convener@aspr.example").await;
        let id = draft(
            app,
            &convener,
            "Publish the exercise report",
            "green",
            "simple",
            false,
            "roll_call",
        )
        .await;
        let (status, body) = act(app, &convener, "open_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let lakeview = app.signed_in("representative@lakeview.example").await;
        let summit = motion(app, &lakeview, id)
            .await
            .electorate
            .iter()
            .find(|e| e.slug == "summit")
            .expect("summit votes")
            .organisation_id
            .to_string();
        let (status, body) = act(app, &lakeview, "give_proxy", id, &[("to", &summit)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // A second proxy while one is live, and a proxy to oneself, are refused.
        let (status, body) = act(app, &lakeview, "give_proxy", id, &[("to", &summit)]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, body) = act(app, &lakeview, "revoke_proxy", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = act(app, &lakeview, "revoke_proxy", id, &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        // Summit no longer holds it.
        let grace = app.signed_in("grace.liu@summitregional.example").await;
        let lakeview_org = motion(app, &lakeview, id)
            .await
            .electorate
            .iter()
            .find(|e| e.slug == "lakeview")
            .expect("lakeview votes")
            .organisation_id
            .to_string();
        let (status, body) = vote(app, &grace, id, "yes", &[("organisation", &lakeview_org)]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("does not hold"), "{body}");
        let (status, body) = vote(app, &lakeview, id, "no", &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // Once voted, a proxy has nothing left to cast.
        let (status, body) = act(app, &lakeview, "give_proxy", id, &[("to", &summit)]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, body) = act(app, &convener, "withdraw_motion", id, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = vote(app, &grace, id, "yes", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("withdrawn"), "{body}");
        assert_eq!(events(app, "proxy_grant").await, 1);
        assert_eq!(events(app, "proxy_revoke").await, 1);
        assert_eq!(events(app, "withdraw").await, 1);
    }
);
