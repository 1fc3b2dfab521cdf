//! The mail outbox: messages are written here in the same transaction as what they announce
//! (a password reset, an invitation), so none is lost when sending fails. A sender (SMTP,
//! when configured) marks them sent; the admin pages list them.

use super::{Conn, DbError};
use crate::domain::Timestamp;

/// A message to queue.
#[derive(Clone, Debug)]
pub struct NewMail {
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
    /// When it was queued.
    pub created_at: Timestamp,
}

/// A queued or sent message.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MailRow {
    /// Primary key.
    pub id: i64,
    /// The recipient's address.
    pub to_address: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body_text: String,
    /// When it was queued.
    pub created_at: Timestamp,
    /// When it was sent; `None` while waiting.
    pub sent_at: Option<Timestamp>,
    /// Sending attempts so far.
    pub attempts: i64,
    /// What went wrong on the last failed attempt.
    pub last_error: Option<String>,
}

/// Queues a message; returns its id.
pub async fn insert_mail(conn: &mut Conn, mail: NewMail) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO mail_outbox (to_address, subject, body_text, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         RETURNING id",
    )
    .bind(mail.to)
    .bind(mail.subject)
    .bind(mail.body)
    .bind(mail.created_at)
    .fetch_one(conn)
    .await?)
}

/// The newest `limit` messages, newest first.
pub async fn list_mail(conn: &mut Conn, limit: i64) -> Result<Vec<MailRow>, DbError> {
    Ok(sqlx::query_as::<_, MailRow>(
        "SELECT id, to_address, subject, body_text, created_at, sent_at, attempts, last_error
         FROM mail_outbox
         ORDER BY id DESC
         LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Up to `limit` messages still waiting, with fewer than `max_attempts` failed attempts,
/// oldest first (for the sender).
pub async fn list_unsent_mail(
    conn: &mut Conn,
    limit: i64,
    max_attempts: i64,
) -> Result<Vec<MailRow>, DbError> {
    Ok(sqlx::query_as::<_, MailRow>(
        "SELECT id, to_address, subject, body_text, created_at, sent_at, attempts, last_error
         FROM mail_outbox
         WHERE sent_at IS NULL AND attempts < $1
         ORDER BY created_at, id
         LIMIT $2",
    )
    .bind(max_attempts)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Marks a waiting message sent at `at`; `NotFound` when there is no such waiting message.
pub async fn mark_mail_sent(conn: &mut Conn, id: i64, at: Timestamp) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET sent_at = $1, updated_at = $1
         WHERE id = $2 AND sent_at IS NULL",
    )
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Records a failed attempt: one more attempt, and what went wrong.
pub async fn record_mail_failure(
    conn: &mut Conn,
    id: i64,
    error_text: &str,
    at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, updated_at = $2
         WHERE id = $3",
    )
    .bind(error_text)
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}
