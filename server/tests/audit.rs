//! The tamper-evident audit trail, on SQLite and PostgreSQL: the demo data leaves a chain
//! that verifies; rolled-back events leave no trace; the database refuses UPDATE and DELETE;
//! someone who gets past that (by dropping or disabling the triggers, as the database owner
//! could) is caught by `verify`, which names the altered event; concurrent writers extend
//! one chain; `concordat audit verify` reports all of this with its exit status.

mod common;

use app::domain::Timestamp;
use app::ssr::audit::{self, AuditEvent, VerifyReport};
use app::ssr::db::audit::{AuditFilter, count_events, list_events};
use app::ssr::db::{Database, people};
use common::{Backend, TestApp};
use serde_json::json;
use std::collections::HashSet;
use std::time::Duration;

async fn verify(db: &Database) -> VerifyReport {
    let mut conn = db.pool().acquire().await.expect("conn");
    audit::verify(&mut conn).await.expect("verify runs")
}

/// Appends one event in its own write transaction.
async fn append(db: &Database, event: AuditEvent) -> i64 {
    let mut tx = db.begin_write().await.expect("begin");
    let id = audit::record(&mut tx, event).await.expect("record");
    tx.commit().await.expect("commit");
    id
}

fn test_event(n: i64) -> AuditEvent {
    AuditEvent::new("update", "council", Some(n))
        .by(None, "test")
        .before(json!({"name": "Before", "n": n}))
        .after(json!({"name": "After", "n": n, "ratio": 0.1, "tags": ["é", "\"quoted\""]}))
}

/// Lets the test change stored events, as an attacker with the database owner's rights
/// could: SQLite drops the append-only triggers, PostgreSQL disables them.
async fn disable_append_only_triggers(app: &TestApp) {
    let statements: &[&str] = match app.backend {
        Backend::Sqlite => &[
            "DROP TRIGGER audit_events_no_update",
            "DROP TRIGGER audit_events_no_delete",
        ],
        Backend::Postgres => &[
            "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update",
            "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_delete",
        ],
    };
    for statement in statements {
        sqlx::query(statement)
            .execute(app.db.pool())
            .await
            .expect("disable trigger");
    }
}

/// `text` with exactly one byte changed: its last ASCII digit or letter, bumped or with its
/// case swapped (so that JSON stays JSON and the length stays the same).
fn one_byte_changed(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let at = bytes
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .expect("an alphanumeric byte");
    bytes[at] = match bytes[at] {
        b'9' => b'0',
        digit @ b'0'..=b'8' => digit + 1,
        letter => letter ^ 0x20,
    };
    String::from_utf8(bytes).expect("still UTF-8")
}

/// A text column that can be read and written by event id, with static SQL.
struct Column {
    name: &'static str,
    select: &'static str,
    update: &'static str,
}

const TEXT_COLUMNS: &[Column] = &[
    Column {
        name: "actor_label",
        select: "SELECT actor_label FROM audit_events WHERE id = $1",
        update: "UPDATE audit_events SET actor_label = $1 WHERE id = $2",
    },
    Column {
        name: "after_json",
        select: "SELECT after_json FROM audit_events WHERE id = $1",
        update: "UPDATE audit_events SET after_json = $1 WHERE id = $2",
    },
    Column {
        name: "occurred_at",
        select: "SELECT occurred_at FROM audit_events WHERE id = $1",
        update: "UPDATE audit_events SET occurred_at = $1 WHERE id = $2",
    },
    Column {
        name: "record_type",
        select: "SELECT record_type FROM audit_events WHERE id = $1",
        update: "UPDATE audit_events SET record_type = $1 WHERE id = $2",
    },
    Column {
        name: "prev_hash",
        select: "SELECT prev_hash FROM audit_events WHERE id = $1",
        update: "UPDATE audit_events SET prev_hash = $1 WHERE id = $2",
    },
    Column {
        name: "hash",
        select: "SELECT hash FROM audit_events WHERE id = $1",
        update: "UPDATE audit_events SET hash = $1 WHERE id = $2",
    },
];

async fn read_text(app: &TestApp, column: &Column, id: i64) -> String {
    sqlx::query_scalar::<_, String>(column.select)
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .expect("read column")
}

async fn write_text(app: &TestApp, column: &Column, id: i64, value: &str) {
    sqlx::query(column.update)
        .bind(value)
        .bind(id)
        .execute(app.db.pool())
        .await
        .expect("tamper");
}

db_test!(the_demo_database_has_an_intact_chain, true, |app| {
    let report = verify(&app.db).await;
    assert_eq!(report.first_broken, None);
    assert!(report.events_checked > 100, "{report:?}");
    let line = server::cli::verify_audit_chain(&app.db)
        .await
        .expect("intact");
    assert_eq!(
        line,
        format!(
            "Audit chain intact: {} events verified.",
            report.events_checked
        )
    );

    let mut conn = app.db.pool().acquire().await.expect("conn");
    let by_type = |record_type: &str| AuditFilter {
        record_type: Some(record_type.to_owned()),
        action: Some("create".to_owned()),
        actor: Some("seed-demo".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        count_events(&mut conn, &by_type("partnership"))
            .await
            .expect("count"),
        2
    );
    for record_type in [
        "organisation",
        "person",
        "council",
        "working_group",
        "focal_point",
        "plan_version",
        "commitment",
        "motion",
    ] {
        let count = count_events(&mut conn, &by_type(record_type))
            .await
            .expect("count");
        assert!(count > 0, "no create event for {record_type}");
    }
});

db_test!(
    events_of_a_rolled_back_transaction_leave_no_trace,
    false,
    |app| {
        assert_eq!(
            verify(&app.db).await,
            VerifyReport {
                events_checked: 0,
                first_broken: None
            }
        );
        assert_eq!(append(&app.db, test_event(1)).await, 1);
        assert_eq!(append(&app.db, test_event(2)).await, 2);

        let mut tx = app.db.begin_write().await.expect("begin");
        audit::record(&mut tx, test_event(3)).await.expect("record");
        audit::record(&mut tx, test_event(4)).await.expect("record");
        tx.rollback().await.expect("rollback");

        let report = verify(&app.db).await;
        assert_eq!(report.events_checked, 2);
        assert!(report.is_intact());
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let all = AuditFilter::default();
        assert_eq!(count_events(&mut conn, &all).await.expect("count"), 2);
        drop(conn);

        // The chain goes on from the last committed event.
        assert_eq!(append(&app.db, test_event(5)).await, 3);
        let report = verify(&app.db).await;
        assert_eq!(report.events_checked, 3);
        assert!(report.is_intact());
    }
);

db_test!(
    the_database_refuses_to_change_or_remove_audit_events,
    true,
    |app| {
        let refusals = [
            "UPDATE audit_events SET actor_label = 'someone else' WHERE id = 1",
            "UPDATE audit_events SET after_json = NULL",
            "DELETE FROM audit_events WHERE id = 1",
            "DELETE FROM audit_events",
        ];
        for statement in refusals {
            let err = sqlx::query(statement)
                .execute(app.db.pool())
                .await
                .expect_err(statement);
            assert!(
                err.to_string().contains("append-only"),
                "{statement}: {err}"
            );
        }
        if app.backend == Backend::Postgres {
            let err = sqlx::query("TRUNCATE audit_events")
                .execute(app.db.pool())
                .await
                .expect_err("TRUNCATE");
            assert!(err.to_string().contains("append-only"), "{err}");
        }
        assert!(verify(&app.db).await.is_intact());
    }
);

db_test!(
    one_changed_byte_in_one_event_breaks_the_chain_at_that_event,
    true,
    |app| {
        let before = verify(&app.db).await;
        assert!(before.is_intact());
        let total = i64::try_from(before.events_checked).expect("count");
        let target = total / 2;
        disable_append_only_triggers(app).await;

        for column in TEXT_COLUMNS {
            let original = read_text(app, column, target).await;
            let tampered = one_byte_changed(&original);
            assert_eq!(tampered.len(), original.len());
            write_text(app, column, target, &tampered).await;

            let report = verify(&app.db).await;
            let broken = report
                .first_broken
                .unwrap_or_else(|| panic!("a changed {} went unnoticed", column.name));
            assert_eq!(broken.id, target, "{}: {}", column.name, broken.reason);
            assert_eq!(
                report.events_checked,
                before.events_checked / 2,
                "{}",
                column.name
            );
            let err = server::cli::verify_audit_chain(&app.db)
                .await
                .expect_err("broken");
            assert!(
                err.to_string()
                    .starts_with(&format!("audit chain broken at event #{target}: ")),
                "{err}"
            );

            // Put the byte back: the chain is whole again, so the byte alone was detected.
            write_text(app, column, target, &original).await;
            assert!(verify(&app.db).await.is_intact(), "{}", column.name);
        }

        // An integer column too.
        sqlx::query("UPDATE audit_events SET record_id = record_id + 1 WHERE id = $1")
            .bind(target)
            .execute(app.db.pool())
            .await
            .expect("tamper");
        let report = verify(&app.db).await;
        assert_eq!(report.first_broken.map(|b| b.id), Some(target));
    }
);

db_test!(
    a_removed_event_breaks_the_chain_at_the_next_one,
    true,
    |app| {
        let before = verify(&app.db).await;
        let total = i64::try_from(before.events_checked).expect("count");
        let target = total / 2;
        disable_append_only_triggers(app).await;
        sqlx::query("DELETE FROM audit_events WHERE id = $1")
            .bind(target)
            .execute(app.db.pool())
            .await
            .expect("delete");

        let broken = verify(&app.db).await.first_broken.expect("detected");
        assert_eq!(broken.id, target + 1);
        assert!(broken.reason.contains("missing"), "{}", broken.reason);
    }
);

db_test!(twenty_concurrent_writers_extend_one_chain, false, |app| {
    let mut tasks = Vec::new();
    for n in 0..20 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin_write().await.expect("begin");
            let id = audit::record(&mut tx, test_event(n)).await.expect("record");
            // Hold the transaction open a little, so that the writers overlap.
            tokio::time::sleep(Duration::from_millis(5)).await;
            tx.commit().await.expect("commit");
            id
        }));
    }
    let mut ids = Vec::new();
    for task in tasks {
        ids.push(task.await.expect("task"));
    }
    ids.sort_unstable();
    assert_eq!(ids, (1..=20).collect::<Vec<i64>>());

    let report = verify(&app.db).await;
    assert_eq!(
        report,
        VerifyReport {
            events_checked: 20,
            first_broken: None
        }
    );
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let rows = list_events(&mut conn, &AuditFilter::default(), 100, 0)
        .await
        .expect("list");
    assert_eq!(rows.len(), 20);
    let prev_hashes: HashSet<&str> = rows.iter().map(|r| r.prev_hash.as_str()).collect();
    assert_eq!(prev_hashes.len(), 20);
});

db_test!(
    the_event_list_filters_by_each_field_newest_first,
    true,
    |app| {
        let admin_email = "admin@concordat.example";
        let mut conn = app.db.pool().acquire().await.expect("conn");
        let admin = people::find_person_by_email(&mut conn, admin_email)
            .await
            .expect("query")
            .expect("demo admin");
        let seeded = count_events(&mut conn, &AuditFilter::default())
            .await
            .expect("count");
        drop(conn);

        let first = append(
            &app.db,
            AuditEvent::new("update", "council", Some(7))
                .by(Some(admin.id), admin_email)
                .before(json!({"name": "Old"}))
                .after(json!({"name": "New"})),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(5)).await;
        let second = append(
            &app.db,
            AuditEvent::new("sign_in_failed", "session", None).by(None, "203.0.113.9"),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(5)).await;
        let middle = Timestamp::now();
        tokio::time::sleep(Duration::from_millis(5)).await;
        let third = append(
            &app.db,
            AuditEvent::new("label_change", "council", Some(8))
                .by(Some(admin.id), admin_email)
                .before(json!({"tlp": "amber"}))
                .after(json!({"tlp": "green"})),
        )
        .await;

        let mut conn = app.db.pool().acquire().await.expect("conn");
        let mut ids = async |filter: AuditFilter| -> Vec<i64> {
            let rows = list_events(&mut conn, &filter, 1000, 0)
                .await
                .expect("list");
            let count = count_events(&mut conn, &filter).await.expect("count");
            assert_eq!(
                usize::try_from(count).expect("count"),
                rows.len(),
                "{filter:?}"
            );
            rows.iter().map(|r| r.id).collect()
        };
        let text = |s: &str| Some(s.to_owned());
        let newest = ids(AuditFilter::default()).await;
        assert_eq!(newest.len(), usize::try_from(seeded + 3).expect("count"));
        assert_eq!(newest[..3], [third, second, first]);
        assert_eq!(
            ids(AuditFilter {
                actor_person_id: Some(admin.id),
                ..AuditFilter::default()
            })
            .await,
            [third, first]
        );
        assert_eq!(
            ids(AuditFilter {
                actor: text(admin_email),
                ..AuditFilter::default()
            })
            .await,
            [third, first]
        );
        assert_eq!(
            ids(AuditFilter {
                actor: text("203.0.113.9"),
                ..AuditFilter::default()
            })
            .await,
            [second]
        );
        assert_eq!(
            ids(AuditFilter {
                action: text("sign_in_failed"),
                ..AuditFilter::default()
            })
            .await,
            [second]
        );
        assert_eq!(
            ids(AuditFilter {
                record_type: text("council"),
                record_id: Some(8),
                ..AuditFilter::default()
            })
            .await,
            [third]
        );
        assert_eq!(
            ids(AuditFilter {
                from: Some(middle),
                ..AuditFilter::default()
            })
            .await,
            [third]
        );
        let before_middle = ids(AuditFilter {
            to: Some(middle),
            ..AuditFilter::default()
        })
        .await;
        assert_eq!(before_middle.len(), newest.len() - 1);
        assert_eq!(before_middle[..2], [second, first]);
        assert_eq!(
            ids(AuditFilter {
                actor_person_id: Some(admin.id),
                action: text("update"),
                record_type: text("council"),
                record_id: Some(7),
                from: Some(Timestamp::from_datetime(
                    middle.as_datetime() - chrono::Duration::hours(1)
                )),
                to: Some(middle),
                ..AuditFilter::default()
            })
            .await,
            [first]
        );

        // Pages, newest first.
        let page = list_events(&mut conn, &AuditFilter::default(), 2, 1)
            .await
            .expect("page");
        assert_eq!(
            page.iter().map(|r| r.id).collect::<Vec<_>>(),
            [second, first]
        );
        let event = &page[1];
        assert_eq!(event.actor_email.as_deref(), Some(admin_email));
        assert_eq!(event.before_json.as_deref(), Some(r#"{"name":"Old"}"#));
        assert_eq!(event.after_json.as_deref(), Some(r#"{"name":"New"}"#));
        assert_eq!(event.record_id, Some(7));
        assert_eq!(page[0].actor_email, None);
        assert_eq!(page[0].actor_label, "203.0.113.9");
    }
);

/// Runs `concordat audit verify` against `url`; returns the exit code and what it printed.
async fn run_cli_verify(url: &str) -> (Option<i32>, String) {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_concordat"))
            .args(["audit", "verify"])
            .env("DATABASE_URL", url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run concordat");
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        (output.status.code(), text)
    })
    .await
    .expect("join")
}

async fn cli_verifies_then_names_the_tampered_event(backend: Backend) {
    let Some(test_db) = common::TestDb::create(backend).await else {
        return;
    };
    let db = Database::connect(&test_db.url, 2).await.expect("open");
    db.migrate().await.expect("migrate");
    server::seed::seed_demo(
        &db,
        server::seed::SeedOptions {
            if_empty: false,
            password: Some(common::DEMO_PASSWORD.to_owned()),
        },
    )
    .await
    .expect("seed");
    let total = verify(&db).await.events_checked;

    let (code, output) = run_cli_verify(&test_db.url).await;
    assert_eq!(code, Some(0), "{output}");
    assert!(
        output.contains(&format!("Audit chain intact: {total} events verified.")),
        "{output}"
    );

    let target = i64::try_from(total / 3).expect("id");
    let disable = match backend {
        Backend::Sqlite => "DROP TRIGGER audit_events_no_update",
        Backend::Postgres => "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update",
    };
    sqlx::query(disable)
        .execute(db.pool())
        .await
        .expect("disable trigger");
    let label: String = sqlx::query_scalar("SELECT actor_label FROM audit_events WHERE id = $1")
        .bind(target)
        .fetch_one(db.pool())
        .await
        .expect("read");
    sqlx::query("UPDATE audit_events SET actor_label = $1 WHERE id = $2")
        .bind(one_byte_changed(&label))
        .bind(target)
        .execute(db.pool())
        .await
        .expect("tamper");
    db.close().await;

    let (code, output) = run_cli_verify(&test_db.url).await;
    assert_eq!(code, Some(1), "{output}");
    assert!(
        output.contains(&format!(
            "concordat: error: audit chain broken at event #{target}: "
        )),
        "{output}"
    );
    test_db.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_verifies_the_chain_and_names_a_tampered_event_sqlite() {
    cli_verifies_then_names_the_tampered_event(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_verifies_the_chain_and_names_a_tampered_event_postgres() {
    cli_verifies_then_names_the_tampered_event(Backend::Postgres).await;
}

async fn sign_in(app: &TestApp, client: &reqwest::Client, email: &str) {
    let (status, body) = app
        .call_with(
            client,
            "sign_in",
            &[("email", email), ("password", common::DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{body}");
}

db_test!(only_operators_may_list_audit_events, true, |app| {
    use reqwest::StatusCode;
    let partnerships = [
        ("query[record_type]", "partnership"),
        ("query[action]", "create"),
    ];
    let (status, body) = app.call("list_audit_events", &partnerships).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    let member = TestApp::client();
    sign_in(app, &member, "member@apexmed.example").await;
    let (status, body) = app
        .call_with(&member, "list_audit_events", &partnerships)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    let operator = TestApp::client();
    sign_in(app, &operator, "admin@concordat.example").await;
    let (status, body) = app
        .call_with(&operator, "list_audit_events", &partnerships)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(page["total"], 2, "{body}");
    assert_eq!(page["events"][0]["record_type"], "partnership");
    assert_eq!(page["events"][0]["actor_label"], "seed-demo");

    let (status, body) = app
        .call_with(
            &operator,
            "list_audit_events",
            &[("query[record_id]", "seven"), ("query[from]", "30/11/2026")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("record_id") && body.contains("from"),
        "{body}"
    );
});

db_test!(
    the_audit_page_lists_filters_and_pages_events_for_operators,
    true,
    |app| {
        use reqwest::StatusCode;
        let (status, body) = app.get("/admin/audit").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(body.contains("Sign in"), "{body}");

        sign_in(app, &app.client, "admin@concordat.example").await;
        let (status, body) = app.get("/admin/audit").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("<table class=\"audit-events\""), "{body}");
        assert!(body.contains("page 1 of"), "{body}");
        assert!(
            body.contains("rel=\"next\""),
            "more than one page of demo events"
        );

        let (status, body) = app
            .get("/admin/audit?record_type=partnership&action=create&actor=seed-demo")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("2 events, page 1 of 1"), "{body}");
        assert!(body.contains("<details>"), "{body}");
        assert!(body.contains(r#"<pre>{"name":"US Healthcare"#), "{body}");
        assert!(!body.contains("rel=\"next\""), "{body}");

        let (status, body) = app.get("/admin/audit?from=yesterday&record_id=x").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("Enter a date as YYYY-MM-DD."), "{body}");
        assert!(body.contains("value=\"yesterday\""), "{body}");
    }
);
