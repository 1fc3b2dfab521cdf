//! Invariants the database itself holds, on SQLite and PostgreSQL alike: whatever the
//! server code does, these refusals come from constraints, indexes and triggers.

mod common;

use app::domain::motion::{BallotChoice, BallotMode, MotionDraft, MotionSubject, Threshold};
use app::domain::partnership::{FocalPointKind, Side};
use app::domain::{Date, Timestamp, Tlp};
use app::ssr::access::Viewer;
use app::ssr::db::motions::{self, NewBallot, NewMotion};
use app::ssr::db::{DbError, councils, focal_points, partnerships, people};
use chrono::Duration;
use common::TestApp;

struct Us {
    partnership_id: i64,
    public_org: i64,
    private_org: i64,
}

async fn us(app: &TestApp) -> Us {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let vis = Viewer::public().visibility();
    let p = partnerships::find_partnership_by_slug(&mut conn, "us-hph", vis)
        .await
        .expect("query")
        .expect("demo partnership");
    let orgs = partnerships::list_organisations(&mut conn, p.id, "", 1000)
        .await
        .expect("orgs");
    let side = |s: Side| {
        orgs.iter()
            .find(|o| o.side == s)
            .map(|o| o.id)
            .expect("org of side")
    };
    Us {
        partnership_id: p.id,
        public_org: side(Side::Public),
        private_org: side(Side::Private),
    }
}

async fn new_person(app: &TestApp, organisation_id: i64, email: &str) -> i64 {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    people::insert_person(
        &mut conn,
        people::NewPerson {
            organisation_id: Some(organisation_id),
            display_name: "Test Person".to_owned(),
            email: email.to_owned(),
            job_title: String::new(),
            phone: String::new(),
            password_hash: None,
            is_admin: false,
            created_at: Timestamp::now(),
        },
    )
    .await
    .expect("insert person")
}

fn focal_point(us: &Us, person_id: i64, term_end: Option<Date>) -> focal_points::NewFocalPoint {
    focal_points::NewFocalPoint {
        partnership_id: us.partnership_id,
        kind: FocalPointKind::National,
        person_id,
        organisation_id: us.public_org,
        council_id: None,
        working_group_id: None,
        title: "Acting national focal point".to_owned(),
        term_start: Date::from_ymd(2020, 1, 1).expect("date"),
        term_end,
        public_channel: String::new(),
        email: String::new(),
        phone: String::new(),
        contact_tlp: Tlp::Green,
        created_at: Timestamp::now(),
    }
}

db_test!(
    a_second_active_national_focal_point_is_refused,
    true,
    |app| {
        let us = us(app).await;
        let person = new_person(app, us.public_org, "second.nfp@test.example").await;
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let err = focal_points::insert_focal_point(&mut conn, focal_point(&us, person, None))
            .await
            .expect_err("the demo partnership already has one");
        assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
        // An ended term is history, not a second active one.
        let ended = Date::from_ymd(2021, 12, 31);
        focal_points::insert_focal_point(&mut conn, focal_point(&us, person, ended))
            .await
            .expect("a past national focal point is fine");
    }
);

db_test!(
    a_representative_must_belong_to_the_member_organisation,
    true,
    |app| {
        let us = us(app).await;
        let outsider = new_person(app, us.private_org, "outsider@test.example").await;
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let council = councils::insert_council(
            &mut conn,
            councils::NewCouncil {
                partnership_id: us.partnership_id,
                slug: "test-council".to_owned(),
                name: "Test Council".to_owned(),
                short_name: "TC".to_owned(),
                kind: app::domain::partnership::CouncilKind::Other,
                description: String::new(),
                chair_person_id: None,
                secretariat_organisation_id: None,
                tlp: Tlp::Clear,
                created_at: Timestamp::now(),
            },
        )
        .await
        .expect("council");
        let seat = |principal| councils::NewCouncilMembership {
            council_id: council,
            partnership_id: us.partnership_id,
            organisation_id: us.public_org,
            principal_person_id: principal,
            alternate_person_id: None,
            term_start: Date::from_ymd(2025, 1, 1).expect("date"),
            term_end: None,
            notes: String::new(),
            created_at: Timestamp::now(),
        };
        let refused = councils::insert_council_membership(&mut conn, seat(Some(outsider))).await;
        assert!(
            refused.is_err(),
            "a person of another organisation cannot represent it"
        );
        councils::insert_council_membership(&mut conn, seat(None))
            .await
            .expect("a seat without a representative");
        let twice = councils::insert_council_membership(&mut conn, seat(None)).await;
        assert!(
            matches!(twice, Err(DbError::Conflict(_))),
            "one open seat per organisation: {twice:?}"
        );
    }
);

db_test!(ballots_count_once_and_only_inside_the_window, true, |app| {
    let us = us(app).await;
    let now = Timestamp::now();
    let mut tx = app.db.begin_write().await.expect("tx");
    let vis = Viewer::public().visibility();
    let groups = partnerships::list_working_groups(&mut tx, us.partnership_id, vis)
        .await
        .expect("groups");
    let group = groups
        .iter()
        .find(|g| g.is_joint == 1)
        .expect("joint group");
    let motion = motions::insert_motion(
        &mut tx,
        NewMotion {
            working_group_id: group.id,
            draft: MotionDraft {
                subject: MotionSubject::GeneralResolution,
                title: "Test resolution".to_owned(),
                body: String::new(),
                tlp: Tlp::Green,
                opens_at: now,
                closes_at: Timestamp::from_datetime(now.as_datetime() + Duration::days(7)),
                quorum_percent: 50,
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
    let size = motions::open_motion(&mut tx, motion, now)
        .await
        .expect("open");
    assert!(size > 0, "the joint group has voting members");
    let voter = motions::list_electorate(&mut tx, motion)
        .await
        .expect("electorate")[0]
        .organisation_id;
    let ballot = |choice, at| NewBallot {
        motion_id: motion,
        organisation_id: voter,
        choice,
        cast_by_person_id: None,
        proxy_id: None,
        cast_at: at,
    };
    tx.commit().await.expect("commit");
    // Each attempt in its own transaction: on PostgreSQL an error aborts the transaction.
    let attempt = |new: NewBallot| async move {
        let mut tx = app.db.begin_write().await.expect("tx");
        let result = motions::insert_ballot(&mut tx, new).await;
        if result.is_ok() {
            tx.commit().await.expect("commit");
        }
        result
    };
    let before = Timestamp::from_datetime(now.as_datetime() - Duration::minutes(1));
    let early = attempt(ballot(BallotChoice::Yes, before)).await;
    assert!(
        matches!(early, Err(DbError::Conflict(_))),
        "before the window: {early:?}"
    );
    let after = Timestamp::from_datetime(now.as_datetime() + Duration::days(8));
    let late = attempt(ballot(BallotChoice::Yes, after)).await;
    assert!(
        matches!(late, Err(DbError::Conflict(_))),
        "after the window: {late:?}"
    );
    let inside = Timestamp::from_datetime(now.as_datetime() + Duration::minutes(1));
    attempt(ballot(BallotChoice::Yes, inside))
        .await
        .expect("first ballot");
    let later = Timestamp::from_datetime(now.as_datetime() + Duration::minutes(2));
    attempt(ballot(BallotChoice::No, later))
        .await
        .expect("changed ballot");
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let electorate = motions::list_electorate(&mut conn, motion)
        .await
        .expect("electorate");
    if !electorate
        .iter()
        .any(|e| e.organisation_id == us.private_org)
    {
        let stranger = attempt(NewBallot {
            organisation_id: us.private_org,
            ..ballot(BallotChoice::Yes, inside)
        })
        .await;
        assert!(stranger.is_err(), "only the electorate votes");
    }
});
