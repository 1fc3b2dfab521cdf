//! HTTP sessions (the rows behind `ssr::auth::session_store`). The `id` column holds the
//! SHA-256 of the session id, never the id itself, so that reading the table does not give
//! anyone a working cookie; `person_id` links a person to all of their sessions.

use super::{Conn, DbError};
use crate::domain::Timestamp;

/// A session as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    /// The session's data: a JSON object, as bytes.
    pub data: Vec<u8>,
    /// When the session ends unless it is used again.
    pub expires_at: Timestamp,
}

/// A session to write.
#[derive(Clone, Debug)]
pub struct SessionWrite<'a> {
    /// The hex SHA-256 of the session id.
    pub id_hash: &'a str,
    /// The signed-in person, if any.
    pub person_id: Option<i64>,
    /// The session's data: a JSON object, as bytes.
    pub data: Vec<u8>,
    /// When the session ends unless it is used again.
    pub expires_at: Timestamp,
    /// When the person signed in (for the absolute expiry).
    pub signed_in_at: Option<Timestamp>,
    /// Now.
    pub now: Timestamp,
}

/// Inserts a new session; `false` when the id is already taken (the caller draws another).
pub async fn insert_session(conn: &mut Conn, new: SessionWrite<'_>) -> Result<bool, DbError> {
    let done = sqlx::query(
        "INSERT INTO sessions
            (id, person_id, data, expires_at, signed_in_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(new.id_hash)
    .bind(new.person_id)
    .bind(new.data)
    .bind(new.expires_at)
    .bind(new.signed_in_at)
    .bind(new.now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Updates an existing session. A session deleted meanwhile (signed out everywhere) stays
/// deleted: this never recreates it. Returns whether a row was updated.
pub async fn update_session(conn: &mut Conn, session: SessionWrite<'_>) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE sessions
         SET person_id = $2, data = $3, expires_at = $4, signed_in_at = $5, updated_at = $6
         WHERE id = $1",
    )
    .bind(session.id_hash)
    .bind(session.person_id)
    .bind(session.data)
    .bind(session.expires_at)
    .bind(session.signed_in_at)
    .bind(session.now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A live session: not past its idle expiry, and signed in no earlier than
/// `signed_in_after` (the absolute expiry) when signed in at all.
pub async fn find_live_session(
    conn: &mut Conn,
    id_hash: &str,
    now: Timestamp,
    signed_in_after: Timestamp,
) -> Result<Option<SessionRow>, DbError> {
    Ok(sqlx::query_as::<_, SessionRow>(
        "SELECT data, expires_at FROM sessions
         WHERE id = $1 AND expires_at > $2 AND (signed_in_at IS NULL OR signed_in_at > $3)",
    )
    .bind(id_hash)
    .bind(now)
    .bind(signed_in_after)
    .fetch_optional(conn)
    .await?)
}

/// Deletes one session.
pub async fn delete_session(conn: &mut Conn, id_hash: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes every session of a person ("sign out everywhere", a password change or reset, a
/// disabled account); returns how many there were.
pub async fn delete_sessions_of_person(conn: &mut Conn, person_id: i64) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1")
        .bind(person_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Deletes every session of a person but one (after a password change, the session that
/// changed it stays signed in).
pub async fn delete_other_sessions_of_person(
    conn: &mut Conn,
    person_id: i64,
    keep_id_hash: &str,
) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id <> $2")
        .bind(person_id)
        .bind(keep_id_hash)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Deletes sessions past their idle expiry, or signed in before `signed_in_before` (the
/// absolute expiry); returns how many.
pub async fn delete_expired_sessions(
    conn: &mut Conn,
    now: Timestamp,
    signed_in_before: Timestamp,
) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR signed_in_at <= $2")
        .bind(now)
        .bind(signed_in_before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// How many live sessions a person has (for the account page and tests).
pub async fn count_sessions_of_person(
    conn: &mut Conn,
    person_id: i64,
    now: Timestamp,
) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM sessions WHERE person_id = $1 AND expires_at > $2",
    )
    .bind(person_id)
    .bind(now)
    .fetch_one(conn)
    .await?)
}
