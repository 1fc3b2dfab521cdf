//! Group commit (`Database::write_batched`), on SQLite (where writes submitted together share
//! a transaction) and PostgreSQL (a transaction each): every caller gets its own answer, a
//! write that fails leaves nothing behind and takes no other write with it, and the audit
//! chain that all of them extend stays whole.

mod common;

use app::error::AppError;
use app::ssr::audit::{self, AuditEvent};
use app::ssr::db::Conn;
use std::collections::HashSet;

/// Audits one event; every seventh write then fails after having written.
async fn write(conn: &mut Conn, n: i64) -> Result<i64, AppError> {
    let id = audit::record(
        conn,
        AuditEvent::new("batched", "test", Some(n)).by(None, "group commit test"),
    )
    .await?;
    if n % 7 == 3 {
        return Err(AppError::Conflict(format!("write {n} refused")));
    }
    Ok(id)
}

db_test!(
    batched_writes_are_answered_each_and_fail_alone,
    false,
    |app| {
        let mut writes = tokio::task::JoinSet::new();
        for n in 0..100_i64 {
            let db = app.db.clone();
            writes.spawn(async move {
                let answer = db
                    .write_batched(move |conn| Box::pin(async move { write(conn, n).await }))
                    .await;
                (n, answer)
            });
        }
        let mut stored = HashSet::new();
        while let Some(done) = writes.join_next().await {
            let (n, answer) = done.expect("task");
            match answer {
                Ok(id) => {
                    assert_ne!(n % 7, 3, "write {n} should have failed");
                    assert!(stored.insert(n), "write {n} answered twice");
                    assert!(id > 0);
                }
                Err(AppError::Conflict(message)) => {
                    assert_eq!(n % 7, 3, "write {n} failed: {message}");
                    assert_eq!(message, format!("write {n} refused"));
                }
                Err(other) => panic!("write {n}: {other:?}"),
            }
        }
        assert_eq!(stored.len(), 100 - 14);

        let mut conn = app.db.pool().acquire().await.expect("conn");
        let kept: Vec<i64> = sqlx::query_scalar(
            "SELECT record_id FROM audit_events WHERE action = 'batched' ORDER BY record_id",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("audited");
        let mut expected: Vec<i64> = stored.into_iter().collect();
        expected.sort_unstable();
        assert_eq!(kept, expected, "exactly the answered writes are stored");
        let report = audit::verify(&mut conn).await.expect("verify");
        assert_eq!(report.first_broken, None, "{report:?}");

        let (transactions, writes) = app.db.batch_counts();
        if app.backend == common::Backend::Sqlite {
            assert_eq!(writes, 100);
            assert!(
                transactions < writes,
                "100 writes at once took {transactions} transactions"
            );
        }
    }
);
