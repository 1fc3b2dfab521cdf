//! Authorisation against the demo data: the TLP filters written in SQL agree with the one
//! rule in `domain::access`, for every demo account and the public, on both databases.

mod common;

use app::domain::access::can_see;
use app::domain::{Timestamp, Tlp};
use app::ssr::access::Viewer;
use app::ssr::db::{access, commitments, partnerships, people};
use std::collections::BTreeSet;

const DEMO_ACCOUNTS: &[&str] = &[
    "admin@concordat.example",
    "secretariat@aspr.example",
    "convener@aspr.example",
    "representative@lakeview.example",
    "member@apexmed.example",
    "secretariat@health-ie.example",
];

async fn viewer(app: &common::TestApp, email: Option<&str>) -> Viewer {
    let Some(email) = email else {
        return Viewer::public();
    };
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let person = people::find_person_by_email(&mut conn, email)
        .await
        .expect("query")
        .expect("demo account");
    let actor = access::load_actor(&mut conn, person.id, Timestamp::now().date())
        .await
        .expect("query")
        .expect("active person");
    Viewer::from_actor(actor)
}

db_test!(
    sql_commitment_filters_agree_with_the_access_rule,
    true,
    |app| {
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let public_view = Viewer::public().visibility();
        let all = partnerships::list_partnerships(&mut conn, public_view)
            .await
            .expect("partnerships");
        assert_eq!(all.len(), 2);
        let mut labels_seen = BTreeSet::new();
        for email in std::iter::once(None).chain(DEMO_ACCOUNTS.iter().map(|e| Some(*e))) {
            let viewer = viewer(app, email).await;
            let vis = viewer.visibility();
            for partnership in &all {
                let listed: BTreeSet<i64> =
                    commitments::list_visible_commitments(&mut conn, partnership.id, vis, 10_000)
                        .await
                        .expect("list")
                        .into_iter()
                        .map(|k| k.id)
                        .collect();
                let resources = commitments::list_commitment_resources(
                    &mut conn,
                    partnership.id,
                    vis.person_id,
                )
                .await
                .expect("resources");
                let expected: BTreeSet<i64> = resources
                    .iter()
                    .filter(|(_, r)| can_see(viewer.actor(), r))
                    .map(|(id, _)| *id)
                    .collect();
                for (_, r) in &resources {
                    labels_seen.insert(r.tlp);
                }
                assert_eq!(listed, expected, "{email:?} in {}", partnership.slug);
            }
        }
        assert_eq!(
            labels_seen.len(),
            Tlp::ALL.len(),
            "the demo data has commitments of every label"
        );
    }
);

db_test!(
    the_public_sees_only_clear_commitments_and_a_member_sees_green,
    true,
    |app| {
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let us = partnerships::find_partnership_by_slug(
            &mut conn,
            "us-hph",
            Viewer::public().visibility(),
        )
        .await
        .expect("query")
        .expect("us");
        let public = commitments::list_visible_commitments(
            &mut conn,
            us.id,
            Viewer::public().visibility(),
            1000,
        )
        .await
        .expect("list");
        assert!(!public.is_empty());
        assert!(public.iter().all(|k| k.tlp == Tlp::Clear));
        let member = viewer(app, Some("member@apexmed.example")).await;
        let seen =
            commitments::list_visible_commitments(&mut conn, us.id, member.visibility(), 1000)
                .await
                .expect("list");
        assert!(
            seen.iter().any(|k| k.tlp == Tlp::Green),
            "a member sees GREEN"
        );
        let own_org = member.actor().organisation_id;
        let resources =
            commitments::list_commitment_resources(&mut conn, us.id, member.visibility().person_id)
                .await
                .expect("resources");
        let strict_elsewhere: Vec<i64> = resources
            .iter()
            .filter(|(_, r)| r.tlp == Tlp::AmberStrict && r.owner_organisation_id != own_org)
            .map(|(id, _)| *id)
            .collect();
        assert!(
            !strict_elsewhere.is_empty(),
            "demo data has AMBER+STRICT of another organisation"
        );
        assert!(seen.iter().all(|k| !strict_elsewhere.contains(&k.id)));
    }
);
