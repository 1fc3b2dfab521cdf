//! Notifications through the HTTP endpoints and the sweep, on SQLite and PostgreSQL: opening
//! a motion tells the members of its working group but not the convener who opened it nor
//! anyone outside the group; a kind turned off tells nobody, e-mail turned on queues a mail
//! in the outbox in the same transaction; the sweep reminds an organisation that has not
//! voted on a motion closing within 48 hours once (a second run tells nobody), and not once
//! it has voted; an overdue commitment tells its organisation once; a comment on a section
//! tells its author, a reply tells the commenter; nobody marks another's notification read;
//! signed out, every endpoint refuses.

mod common;

use app::api::motions::format_utc_minute;
use app::api::notifications::{NotificationPage, PreferenceView};
use app::api::plans::Workspace;
use app::domain::notification::{Channels, NotificationKind};
use app::domain::{Date, Timestamp};
use app::ssr::db::{mail, notifications, people};
use app::ssr::notify;
use common::{TestApp, active_markup};
use reqwest::StatusCode;

async fn person_id(app: &TestApp, email: &str) -> i64 {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    people::find_person_by_email(&mut conn, email)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("{email} exists"))
        .id
}

/// Every notification of a person listed in the application, newest first.
async fn listed(app: &TestApp, email: &str) -> Vec<notifications::NotificationRow> {
    let person = person_id(app, email).await;
    let mut conn = app.db.pool().acquire().await.expect("conn");
    notifications::list_notifications(&mut conn, person, 1000, 0)
        .await
        .expect("notifications")
}

/// How many notifications (listed or mailed only) a person has for an event key.
async fn with_key(app: &TestApp, email: &str, key: &str) -> i64 {
    let person = person_id(app, email).await;
    let mut conn = app.db.pool().acquire().await.expect("conn");
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM notifications WHERE person_id = $1 AND dedupe_key = $2",
    )
    .bind(person)
    .bind(key)
    .fetch_one(&mut *conn)
    .await
    .expect("count")
}

async fn outbox(app: &TestApp) -> Vec<mail::MailRow> {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    mail::list_mail(&mut conn, 1000).await.expect("outbox")
}

/// Drafts a general resolution in the joint group as its public convener, voting from five
/// minutes ago for `hours`; returns its id.
async fn draft(app: &TestApp, convener: &reqwest::Client, title: &str, hours: i64) -> i64 {
    let now = Timestamp::now();
    let opens = format_utc_minute(Timestamp::from_datetime(
        now.as_datetime() - chrono::Duration::minutes(5),
    ));
    let closes = format_utc_minute(Timestamp::from_datetime(
        now.as_datetime() + chrono::Duration::hours(hours),
    ));
    let form = [
        ("partnership", "us-hph"),
        ("group", "joint-cwg"),
        ("input[subject]", "general"),
        ("input[title]", title),
        ("input[body]", "The group endorses it."),
        ("input[tlp]", "green"),
        ("input[opens_at]", opens.as_str()),
        ("input[closes_at]", closes.as_str()),
        ("input[quorum_percent]", "50"),
        ("input[threshold]", "simple"),
        ("input[ballot_mode]", "roll_call"),
    ];
    let (status, body) = app.call_with(convener, "draft_motion", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut conn = app.db.pool().acquire().await.expect("conn");
    sqlx::query_scalar::<_, i64>("SELECT id FROM motions WHERE title = $1")
        .bind(title)
        .fetch_one(&mut *conn)
        .await
        .expect("the draft")
}

async fn open(app: &TestApp, convener: &reqwest::Client, motion: i64) {
    let id = motion.to_string();
    let (status, body) = app
        .call_with(
            convener,
            "open_motion",
            &[("partnership", "us-hph"), ("motion", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn vote_yes(app: &TestApp, voter: &reqwest::Client, motion: i64) {
    let id = motion.to_string();
    let (status, body) = app
        .call_with(
            voter,
            "cast_ballot",
            &[
                ("partnership", "us-hph"),
                ("motion", id.as_str()),
                ("choice", "yes"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Saves the person's channels: `choices` lists the ticked boxes, e.g. `motion_opened.email`.
async fn save_preferences(app: &TestApp, client: &reqwest::Client, choices: &[&str]) {
    let names: Vec<String> = choices.iter().map(|c| format!("choices[{c}]")).collect();
    let form: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "on")).collect();
    let (status, body) = app
        .call_with(client, "save_notification_preferences", &form)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn page(app: &TestApp, client: &reqwest::Client) -> NotificationPage {
    let (status, body) = app.call_with(client, "list_notifications", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("notification page")
}

db_test!(
    opening_a_motion_tells_the_group_but_not_the_opener_nor_outsiders,
    true,
    |app| {
        app.everyone_can_sign_in().await;
        let mails_before = outbox(app).await.len();
        let convener = app.signed_in("convener@aspr.example").await;
        let id = draft(app, &convener, "Endorse the exercise calendar", 24 * 7).await;
        // A draft tells nobody.
        assert!(listed(app, "jordan.park@cisa.example").await.is_empty());
        open(app, &convener, id).await;

        let path = format!("/p/us-hph/motions/{id}");
        // Principals and alternates of seated organisations, voting or observing.
        for member in [
            "jordan.park@cisa.example",
            "michelle.okafor@cisa.example",
            "representative@lakeview.example",
            "ben.adeyemi@lakeview.example",
            "priya.natarajan@aspr.example",
            "kwame.mensah@onc.example",
        ] {
            let told = listed(app, member).await;
            assert_eq!(told.len(), 1, "{member}: {told:?}");
            assert_eq!(told[0].kind, NotificationKind::MotionOpened);
            assert_eq!(told[0].title, "Endorse the exercise calendar");
            assert_eq!(told[0].link_path, path);
            assert!(told[0].read_at.is_none());
        }
        // Not the convener who opened it; not a member of a seated organisation who holds no
        // seat; not the chair of a council; not someone of another partnership.
        for outsider in [
            "convener@aspr.example",
            "member@apexmed.example",
            "thomas.greaves@aspr.example",
            "conor.byrne@health-ie.example",
        ] {
            assert!(
                listed(app, outsider).await.is_empty(),
                "{outsider} was told"
            );
        }
        // E-mail is off unless chosen.
        assert_eq!(outbox(app).await.len(), mails_before);

        // The member sees it, counted in the header and listed on the page.
        let cisa = app.signed_in("jordan.park@cisa.example").await;
        let (status, body) = app
            .call_with(&cisa, "count_unread_notifications", &[])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body.trim(), "1");
        let list = page(app, &cisa).await;
        assert_eq!(list.unread, 1);
        assert_eq!(list.items.len(), 1);
        assert_eq!(list.items[0].link.as_deref(), Some(path.as_str()));
        assert!(!list.items[0].read);
        let res = cisa
            .get(app.url("/notifications"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.expect("body");
        assert!(html.contains("Endorse the exercise calendar"), "{html}");
        assert!(html.contains(&format!("href=\"{path}\"")));
        assert!(html.contains("Mark all as read"));
        assert!(
            html.contains("aria-label=\"Notifications, 1 unread\"")
                && html.contains("<span class=\"unread-count\">1</span>"),
            "the header link reads \"Notifications, 1 unread\": {html}"
        );
        assert!(active_markup(&html).is_empty());

        // Marking it read: once, then it is no longer counted.
        let note = list.items[0].id.to_string();
        let (status, body) = app
            .call_with(&cisa, "mark_notification_read", &[("id", note.as_str())])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let list = page(app, &cisa).await;
        assert_eq!(list.unread, 0);
        assert!(list.items[0].read);
        // Twice is harmless.
        let (status, _) = app
            .call_with(&cisa, "mark_notification_read", &[("id", note.as_str())])
            .await;
        assert_eq!(status, StatusCode::OK);
    }
);

db_test!(
    a_kind_turned_off_tells_nobody_and_email_queues_a_mail_with_the_action,
    true,
    |app| {
        app.everyone_can_sign_in().await;
        let cisa = app.signed_in("jordan.park@cisa.example").await;
        let lakeview = app.signed_in("representative@lakeview.example").await;
        let summit = app.signed_in("grace.liu@summitregional.example").await;
        // CISA's principal wants nothing about opened motions; Lakeview's wants them here
        // and by mail; Summit's by mail only.
        save_preferences(
            app,
            &cisa,
            &["motion_closing.in_app", "comment_on_text.in_app"],
        )
        .await;
        save_preferences(
            app,
            &lakeview,
            &[
                "motion_opened.in_app",
                "motion_opened.email",
                "motion_closing.in_app",
            ],
        )
        .await;
        save_preferences(app, &summit, &["motion_opened.email"]).await;
        let (status, body) = app
            .call_with(&cisa, "get_notification_preferences", &[])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let saved: Vec<PreferenceView> = serde_json::from_str(&body).expect("preferences");
        let of = |kind| {
            saved
                .iter()
                .find(|p| p.kind == kind)
                .expect("every kind")
                .channels
        };
        assert_eq!(
            of(NotificationKind::MotionOpened),
            Channels {
                in_app: false,
                email: false
            }
        );
        assert_eq!(
            of(NotificationKind::MotionClosing),
            Channels {
                in_app: true,
                email: false
            }
        );
        assert_eq!(
            of(NotificationKind::CommitmentOverdue),
            Channels {
                in_app: false,
                email: false
            }
        );

        let mails_before = outbox(app).await.len();
        let convener = app.signed_in("convener@aspr.example").await;
        let id = draft(app, &convener, "Adopt the supplier questionnaire", 24 * 7).await;
        open(app, &convener, id).await;
        let key = format!("motion_opened:{id}");

        assert!(listed(app, "jordan.park@cisa.example").await.is_empty());
        assert_eq!(with_key(app, "jordan.park@cisa.example", &key).await, 0);
        // CISA's alternate chose nothing: the defaults hold for them.
        assert_eq!(listed(app, "michelle.okafor@cisa.example").await.len(), 1);
        assert_eq!(
            listed(app, "representative@lakeview.example").await.len(),
            1
        );
        // Mail only: remembered, not listed, not counted.
        assert!(
            listed(app, "grace.liu@summitregional.example")
                .await
                .is_empty()
        );
        assert_eq!(
            with_key(app, "grace.liu@summitregional.example", &key).await,
            1
        );
        assert_eq!(page(app, &summit).await.unread, 0);

        let mails = outbox(app).await;
        assert_eq!(mails.len(), mails_before + 2, "{mails:?}");
        for to in [
            "representative@lakeview.example",
            "grace.liu@summitregional.example",
        ] {
            let mail = mails
                .iter()
                .find(|m| m.to_address == to)
                .unwrap_or_else(|| panic!("a mail to {to}"));
            assert_eq!(
                mail.subject,
                "[TLP:GREEN] Motion opened: Adopt the supplier questionnaire"
            );
            assert!(
                mail.body_text
                    .contains(&format!("http://concordat.test/p/us-hph/motions/{id}")),
                "{}",
                mail.body_text
            );
            assert!(mail.sent_at.is_none());
        }

        // Everything off, by an empty form: nothing is listed or mailed any more.
        save_preferences(app, &lakeview, &[]).await;
        let (_, body) = app
            .call_with(&lakeview, "get_notification_preferences", &[])
            .await;
        let saved: Vec<PreferenceView> = serde_json::from_str(&body).expect("preferences");
        assert!(saved.iter().all(|p| !p.channels.any()), "{saved:?}");
        let second = draft(app, &convener, "Endorse the tabletop schedule", 24 * 7).await;
        open(app, &convener, second).await;
        assert_eq!(
            with_key(
                app,
                "representative@lakeview.example",
                &format!("motion_opened:{second}")
            )
            .await,
            0
        );
        // Summit's principal still gets mail: the second motion made one more.
        assert_eq!(outbox(app).await.len(), mails_before + 3);
    }
);

db_test!(
    the_sweep_reminds_an_organisation_that_has_not_voted_once_and_not_after_it_voted,
    true,
    |app| {
        app.everyone_can_sign_in().await;
        let convener = app.signed_in("convener@aspr.example").await;
        let soon = draft(app, &convener, "Approve the incident playbook", 24).await;
        let later = draft(app, &convener, "Approve the training plan", 24 * 7).await;
        open(app, &convener, soon).await;
        open(app, &convener, later).await;
        // Lakeview votes on the motion closing soon before any reminder.
        let lakeview = app.signed_in("representative@lakeview.example").await;
        vote_yes(app, &lakeview, soon).await;

        let now = Timestamp::now();
        let first = notify::sweep(&app.db, "http://concordat.test", now)
            .await
            .expect("sweep");
        assert!(first.notified >= 2, "{first:?}");
        let soon_key = format!("motion_closing:{soon}");
        let later_key = format!("motion_closing:{later}");
        for (email, expected) in [
            ("jordan.park@cisa.example", 1),
            ("michelle.okafor@cisa.example", 1),
            // the convener's own organisation has not voted either
            ("convener@aspr.example", 1),
            // voted
            ("representative@lakeview.example", 0),
            ("ben.adeyemi@lakeview.example", 0),
            // an observer's organisation is not in the electorate
            ("kwame.mensah@onc.example", 0),
            // not a representative
            ("member@apexmed.example", 0),
        ] {
            assert_eq!(with_key(app, email, &soon_key).await, expected, "{email}");
            // A week away is not soon.
            assert_eq!(with_key(app, email, &later_key).await, 0, "{email}");
        }
        let reminder = listed(app, "jordan.park@cisa.example")
            .await
            .into_iter()
            .find(|n| n.kind == NotificationKind::MotionClosing)
            .expect("a reminder");
        assert_eq!(reminder.title, "Approve the incident playbook");
        assert_eq!(reminder.link_path, format!("/p/us-hph/motions/{soon}"));
        assert!(reminder.detail.contains("has not voted"), "{reminder:?}");

        // A second run tells nobody again, and does not even read those already told: the
        // keys the SQL builds are the domain's.
        let second = notify::sweep(&app.db, "http://concordat.test", now)
            .await
            .expect("sweep");
        assert_eq!(second.notified, 0, "{second:?}");
        assert_eq!(
            with_key(app, "jordan.park@cisa.example", &soon_key).await,
            1
        );
        let told = [
            person_id(app, "jordan.park@cisa.example").await,
            person_id(app, "michelle.okafor@cisa.example").await,
            person_id(app, "convener@aspr.example").await,
        ];
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let left = notifications::list_vote_reminder_candidates(
            &mut conn,
            now,
            app::domain::notification::closing_soon_horizon(now),
            now.date(),
            NotificationKind::MotionClosing.default_channels(),
        )
        .await
        .expect("candidates");
        drop(conn);
        assert!(
            !left
                .iter()
                .any(|c| c.motion_id == soon && told.contains(&c.person_id)),
            "{left:?}"
        );
        // Nor those whose organisation voted.
        assert!(!left.iter().any(|c| c.voted != 0), "{left:?}");

        // Six days on, the other motion closes within 48 hours: CISA votes first, and is
        // not reminded; Summit, which has not voted, is.
        let cisa = app.signed_in("jordan.park@cisa.example").await;
        vote_yes(app, &cisa, later).await;
        let six_days_on = Timestamp::from_datetime(now.as_datetime() + chrono::Duration::days(6));
        notify::sweep(&app.db, "http://concordat.test", six_days_on)
            .await
            .expect("sweep");
        assert_eq!(
            with_key(app, "jordan.park@cisa.example", &later_key).await,
            0
        );
        assert_eq!(
            with_key(app, "grace.liu@summitregional.example", &later_key).await,
            1
        );
    }
);

db_test!(
    an_overdue_commitment_tells_its_organisation_once,
    true,
    |app| {
        let today = Timestamp::now().date();
        let yesterday = Date::parse(
            &(today.as_naive() - chrono::Duration::days(1))
                .format("%Y-%m-%d")
                .to_string(),
        )
        .expect("date");
        let start = Date::parse(
            &(today.as_naive() - chrono::Duration::days(90))
                .format("%Y-%m-%d")
                .to_string(),
        )
        .expect("date");
        let lakeview = person_id(app, "representative@lakeview.example").await;
        let (commitment, organisation) = {
            let mut conn = app.db.pool().acquire().await.expect("conn");
            // One of the organisation's commitments in progress, due yesterday.
            let row = sqlx::query_as::<_, (i64, i64)>(
                "SELECT k.id, k.organisation_id FROM commitments k
                 JOIN people p ON p.organisation_id = k.organisation_id
                 WHERE p.id = $1 AND k.status IN ('accepted', 'in_progress', 'at_risk')
                   AND k.tlp IN ('clear', 'green', 'amber')
                 ORDER BY k.id LIMIT 1",
            )
            .bind(lakeview)
            .fetch_optional(&mut *conn)
            .await
            .expect("query")
            .expect("the demo data has an open commitment of Lakeview");
            sqlx::query("UPDATE commitments SET start_date = $1, due_date = $2 WHERE id = $3")
                .bind(start)
                .bind(yesterday)
                .bind(row.0)
                .execute(&mut *conn)
                .await
                .expect("due yesterday");
            row
        };
        let key = format!("commitment_overdue:{commitment}:{}", yesterday.to_db_text());
        let now = Timestamp::now();
        notify::sweep(&app.db, "http://concordat.test", now)
            .await
            .expect("sweep");
        notify::sweep(&app.db, "http://concordat.test", now)
            .await
            .expect("sweep");
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let told: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT p.organisation_id, COUNT(*) FROM notifications n
             JOIN people p ON p.id = n.person_id
             WHERE n.dedupe_key = $1
             GROUP BY p.organisation_id",
        )
        .bind(&key)
        .fetch_all(&mut *conn)
        .await
        .expect("told");
        drop(conn);
        // Every active person of the organisation, once each, and nobody else.
        assert_eq!(told.len(), 1, "{told:?}");
        assert_eq!(told[0].0, organisation);
        assert!(told[0].1 >= 2, "{told:?}");
        assert_eq!(
            with_key(app, "representative@lakeview.example", &key).await,
            1
        );
        let note = listed(app, "representative@lakeview.example")
            .await
            .into_iter()
            .find(|n| {
                n.kind == NotificationKind::CommitmentOverdue
                    && n.link_path.ends_with(&format!("/commitments/{commitment}"))
            })
            .expect("listed");
        assert!(note.detail.contains("was due on"), "{note:?}");
    }
);

db_test!(
    a_comment_tells_the_author_of_the_section_and_a_reply_the_commenter,
    true,
    |app| {
        let secretariat = app.signed_in("secretariat@aspr.example").await;
        let representative = app.signed_in("representative@lakeview.example").await;
        // The secretariat writes a revision of the section.
        let (status, body) = app
            .call_with(
                &secretariat,
                "get_section_editor",
                &[
                    ("slug", "us-hph"),
                    ("number", "2"),
                    ("key", "risk-landscape"),
                ],
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
                    ("key", "risk-landscape"),
                    ("revision", revision.as_str()),
                    ("title", "The risk landscape"),
                    ("body", "Ransomware remains the main risk."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (status, body) = app
            .call_with(
                &representative,
                "get_plan_workspace",
                &[("slug", "us-hph"), ("number", "2")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let ws: Workspace = serde_json::from_str(&body).expect("workspace");
        let section = ws
            .sections
            .iter()
            .find(|s| s.key == "risk-landscape")
            .expect("the section");
        let target = format!("section:{}", section.id);
        let (status, body) = app
            .call_with(
                &representative,
                "add_plan_comment",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("target", target.as_str()),
                    ("parent", ""),
                    ("body", "Please cite the 2026 incident figures."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let told = listed(app, "secretariat@aspr.example").await;
        let note = told
            .iter()
            .find(|n| n.kind == NotificationKind::CommentOnText)
            .expect("the section's author is told");
        assert_eq!(note.title, "The risk landscape");
        assert!(
            note.link_path
                .starts_with("/p/us-hph/plan/v/2/workspace#comment-"),
            "{note:?}"
        );
        let comment: i64 = note
            .link_path
            .rsplit('-')
            .next()
            .and_then(|id| id.parse().ok())
            .expect("the comment's id");
        // Not the commenter.
        assert!(
            !listed(app, "representative@lakeview.example")
                .await
                .iter()
                .any(|n| n.kind == NotificationKind::CommentOnText)
        );

        // The secretariat replies: the commenter is told, the secretariat is not told again.
        let parent = comment.to_string();
        let (status, body) = app
            .call_with(
                &secretariat,
                "add_plan_comment",
                &[
                    ("partnership", "us-hph"),
                    ("number", "2"),
                    ("target", ""),
                    ("parent", parent.as_str()),
                    ("body", "Added in the next revision."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let replies: Vec<_> = listed(app, "representative@lakeview.example")
            .await
            .into_iter()
            .filter(|n| n.kind == NotificationKind::CommentOnText)
            .collect();
        assert_eq!(replies.len(), 1, "{replies:?}");
        assert!(replies[0].detail.contains("reply"), "{replies:?}");
        assert_eq!(
            listed(app, "secretariat@aspr.example")
                .await
                .iter()
                .filter(|n| n.kind == NotificationKind::CommentOnText)
                .count(),
            1
        );
    }
);

db_test!(
    nobody_marks_another_persons_notification_read,
    true,
    |app| {
        app.everyone_can_sign_in().await;
        let convener = app.signed_in("convener@aspr.example").await;
        let id = draft(app, &convener, "Endorse the exercise calendar", 24 * 7).await;
        open(app, &convener, id).await;
        let theirs = listed(app, "jordan.park@cisa.example").await;
        assert_eq!(theirs.len(), 1);
        let note = theirs[0].id.to_string();

        let lakeview = app.signed_in("representative@lakeview.example").await;
        let (status, body) = app
            .call_with(
                &lakeview,
                "mark_notification_read",
                &[("id", note.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        // "Mark all" marks only one's own.
        let (status, body) = app
            .call_with(&lakeview, "mark_all_notifications_read", &[])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(page(app, &lakeview).await.unread, 0);
        let theirs = listed(app, "jordan.park@cisa.example").await;
        assert!(theirs[0].read_at.is_none(), "still unread: {theirs:?}");

        // A form post (a browser) is sent back to the list with an error, and nothing changes.
        let res = lakeview
            .post(app.url("/api/mark_notification_read"))
            .header("origin", format!("http://{}", app.addr))
            .header("accept", "text/html")
            .form(&[("id", note.as_str())])
            .send()
            .await
            .expect("POST");
        assert!(res.status().is_redirection(), "{}", res.status());
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(location.starts_with("/notifications?error="), "{location}");
        assert!(
            listed(app, "jordan.park@cisa.example").await[0]
                .read_at
                .is_none()
        );
    }
);

db_test!(
    signed_out_every_notification_endpoint_refuses,
    true,
    |app| {
        let public = TestApp::client();
        for (endpoint, form) in [
            ("list_notifications", vec![]),
            ("count_unread_notifications", vec![]),
            ("mark_notification_read", vec![("id", "1")]),
            ("mark_all_notifications_read", vec![]),
            ("get_notification_preferences", vec![]),
            (
                "save_notification_preferences",
                vec![("choices[motion_opened.email]", "on")],
            ),
        ] {
            let (status, body) = app.call_with(&public, endpoint, &form).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint}: {body}");
        }
        for path in ["/notifications", "/account/notifications"] {
            let res = public.get(app.url(path)).send().await.expect("GET");
            let html = res.text().await.expect("body");
            assert!(html.contains("You are not signed in"), "{path}: {html}");
            assert!(!html.contains("unread-count"), "{path}");
        }
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let preferences: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notification_preferences")
            .fetch_one(&mut *conn)
            .await
            .expect("count");
        assert_eq!(preferences, 0);
    }
);

db_test!(
    the_settings_page_is_a_labelled_table_of_checkboxes,
    true,
    |app| {
        let member = app.signed_in("member@apexmed.example").await;
        save_preferences(app, &member, &["commitment_overdue.email"]).await;
        let res = member
            .get(app.url("/account/notifications"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.expect("body");
        assert!(html.contains("<legend>Which notifications you get, and how</legend>"));
        assert!(html.contains("<th scope=\"col\">By e-mail</th>"), "{html}");
        for kind in NotificationKind::ALL {
            for channel in ["in_app", "email"] {
                let id = format!("{}-{channel}", kind.code());
                assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
                assert!(html.contains(&format!("for=\"{id}\"")), "{id}");
            }
        }
        // Only the box chosen is ticked.
        assert_eq!(html.matches(" checked").count(), 1, "{html}");
        assert!(active_markup(&html).is_empty());
    }
);
