//! Group commit for small, frequent writes (ballots) on SQLite.
//!
//! SQLite has one writer at a time and, with `synchronous = FULL`, syncs the log to disk at
//! every commit; a busy writer's waiters sleep in SQLite's busy handler and wake late. So
//! instead of one transaction per write, writes submitted while a batch is being written
//! queue up and go together into the next one: one `BEGIN IMMEDIATE`, each write in a
//! savepoint of its own (a write that fails is rolled back alone, and its caller gets its
//! own error), one commit, one sync. Nobody is answered before the commit that holds their
//! write has succeeded, and if that commit fails, everyone in the batch gets the error.
//!
//! There is no background task: the first waiter to take the gate writes the queue as it
//! finds it, in a task of its own, so that a request dropped halfway (the client went away)
//! cannot abandon the others' writes. On PostgreSQL, which has row locks and concurrent
//! writers, each write simply gets a transaction of its own.

use super::{Backend, Conn, Database, DbError};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// A future borrowing the connection for `'c`.
pub type ConnFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// Most writes in one transaction: bounds how long the first of them waits for its answer.
const MAX_BATCH: usize = 256;

/// The writes waiting for the next batch, and the gate that lets one batch run at a time.
#[derive(Debug, Default)]
pub(super) struct Batcher {
    queue: Mutex<Vec<Job>>,
    gate: Arc<tokio::sync::Mutex<()>>,
    transactions: AtomicU64,
    writes: AtomicU64,
}

/// One queued write: `run` does it inside the batch's transaction and says whether it
/// succeeded; `answer` then tells its caller, with the batch's fate.
struct Job {
    run: Run,
    answer: Answer,
}

/// Does a write; says whether it succeeded.
type Run = Box<dyn for<'c> FnOnce(&'c mut Conn) -> ConnFuture<'c, bool> + Send>;
/// Tells a write's caller its result, given its batch's failure if the batch failed.
type Answer = Box<dyn FnOnce(Option<&DbError>) + Send>;

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl Database {
    /// Does `work` in a write transaction, possibly shared with other writes submitted at
    /// the same time (SQLite; see the module). `work` must do only what its own result
    /// needs and leave the connection usable: an `Err` rolls back its own changes only.
    /// Answers once the transaction holding the write has committed.
    pub async fn write_batched<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: for<'c> FnOnce(&'c mut Conn) -> ConnFuture<'c, Result<T, E>> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        if self.backend == Backend::Postgres {
            let mut tx = self.begin_write().await?;
            let value = work(&mut tx).await?;
            tx.commit().await.map_err(DbError::from)?;
            return Ok(value);
        }
        let (reply, mut answered) = oneshot::channel::<Result<T, E>>();
        let slot = Arc::new(Mutex::new(None::<Result<T, E>>));
        let filled = Arc::clone(&slot);
        let job = Job {
            run: Box::new(move |conn| {
                Box::pin(async move {
                    let result = work(conn).await;
                    let ok = result.is_ok();
                    *lock(&filled) = Some(result);
                    ok
                })
            }),
            answer: Box::new(move |failed| {
                let result = match (failed, lock(&slot).take()) {
                    (_, Some(Err(own))) => Err(own),
                    (None, Some(Ok(value))) => Ok(value),
                    (Some(batch), _) => Err(E::from(batch_failed(batch))),
                    (None, None) => Err(E::from(not_run())),
                };
                let _ = reply.send(result);
            }),
        };
        let batcher = &self.batcher;
        lock(&batcher.queue).push(job);
        let gate = Arc::clone(&batcher.gate).lock_owned().await;
        if let Ok(result) = answered.try_recv() {
            // A batch that was already under way took this write along.
            return result;
        }
        let jobs = std::mem::take(&mut *lock(&batcher.queue));
        let db = self.clone();
        // Written in a task of its own, holding the gate until everyone has been answered.
        let writing = tokio::spawn(async move {
            db.write_batch(jobs).await;
            drop(gate);
        });
        if let Err(panicked) = writing.await {
            tracing::error!(error = %panicked, "a batch of writes panicked");
        }
        answered.await.unwrap_or_else(|_| Err(E::from(not_run())))
    }

    /// How many batched transactions have committed or failed, and how many writes they
    /// held (SQLite only; for tests and benchmarks).
    pub fn batch_counts(&self) -> (u64, u64) {
        (
            self.batcher.transactions.load(Ordering::Relaxed),
            self.batcher.writes.load(Ordering::Relaxed),
        )
    }

    async fn write_batch(&self, jobs: Vec<Job>) {
        if jobs.is_empty() {
            return;
        }
        let mut jobs = jobs.into_iter();
        let mut done = Vec::with_capacity(jobs.len());
        let failure = async {
            let mut tx = self.begin_write().await?;
            for Job { run, answer } in jobs.by_ref().take(MAX_BATCH) {
                done.push(answer);
                sqlx::query("SAVEPOINT batched").execute(&mut *tx).await?;
                let ok = run(&mut tx).await;
                if !ok {
                    sqlx::query("ROLLBACK TO SAVEPOINT batched")
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query("RELEASE SAVEPOINT batched")
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok::<(), DbError>(())
        }
        .await
        .err();
        self.batcher.transactions.fetch_add(1, Ordering::Relaxed);
        self.batcher
            .writes
            .fetch_add(done.len() as u64, Ordering::Relaxed);
        if let Some(err) = &failure {
            tracing::error!(error = %err, writes = done.len(), "a batch of writes failed");
        }
        for answer in done {
            answer(failure.as_ref());
        }
        // Past the batch size, or not reached because the batch failed: each on its own.
        let rest: Vec<Job> = jobs.collect();
        if !rest.is_empty() {
            if failure.is_some() {
                for job in rest {
                    (job.answer)(failure.as_ref());
                }
            } else {
                Box::pin(self.write_batch(rest)).await;
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The error given to a write that its batch never ran (it stopped before it, or panicked).
fn not_run() -> DbError {
    DbError::Sqlx(sqlx::Error::Protocol(
        "the write was not run: its batch stopped before it".to_owned(),
    ))
}

/// The error given to a write whose batch did not commit.
fn batch_failed(cause: &DbError) -> DbError {
    let mut message = "the write's transaction did not commit: ".to_owned();
    message.push_str(&cause.to_string());
    DbError::Sqlx(sqlx::Error::Protocol(message))
}
