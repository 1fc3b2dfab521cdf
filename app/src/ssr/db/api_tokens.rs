//! Personal API tokens: a person's key to the JSON API. Only the SHA-256 of a token is
//! stored; the token is shown once, when it is created.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::Timestamp;

/// A token to record.
#[derive(Clone, Debug)]
pub struct NewApiToken {
    /// Its owner.
    pub person_id: i64,
    /// What the owner calls it ("reporting script").
    pub name: String,
    /// SHA-256 (hex) of the token.
    pub token_hash: String,
    /// Its first characters, to tell tokens apart.
    pub token_prefix: String,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// Now.
    pub created_at: Timestamp,
}

/// Records a token. Returns its id.
pub async fn insert_api_token(conn: &mut Conn, new: NewApiToken) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO api_tokens
            (person_id, name, token_hash, token_prefix, expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         RETURNING id",
    )
    .bind(new.person_id)
    .bind(new.name)
    .bind(new.token_hash)
    .bind(new.token_prefix)
    .bind(new.expires_at)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "this token could not be stored; try again"))
}

/// A person's token as its owner sees it (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ApiTokenRow {
    /// Primary key.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its first characters.
    pub token_prefix: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// When it last opened the API.
    pub last_used_at: Option<Timestamp>,
    /// When its owner revoked it.
    pub revoked_at: Option<Timestamp>,
}

/// A person's tokens, newest first (revoked and expired ones included, for the record).
pub async fn list_api_tokens(conn: &mut Conn, person_id: i64) -> Result<Vec<ApiTokenRow>, DbError> {
    Ok(sqlx::query_as::<_, ApiTokenRow>(
        "SELECT id, name, token_prefix, created_at, expires_at, last_used_at, revoked_at
         FROM api_tokens WHERE person_id = $1
         ORDER BY created_at DESC, id DESC
         LIMIT 100",
    )
    .bind(person_id)
    .fetch_all(conn)
    .await?)
}

/// The person a token speaks for: the token hashes to `token_hash`, is neither revoked nor
/// expired at `now`, and its owner's account is active. Records the use (at most once a
/// minute, so that a busy script does not turn every read into a write).
pub async fn authenticate_api_token(
    conn: &mut Conn,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<i64>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Found {
        id: i64,
        person_id: i64,
        last_used_at: Option<Timestamp>,
    }
    let found = sqlx::query_as::<_, Found>(
        "SELECT t.id, t.person_id, t.last_used_at
         FROM api_tokens t JOIN people p ON p.id = t.person_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2
           AND p.is_active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(found) = found else {
        return Ok(None);
    };
    let stale = found
        .last_used_at
        .is_none_or(|at| now.as_datetime() - at.as_datetime() >= chrono::Duration::seconds(60));
    if stale {
        sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
            .bind(found.id)
            .bind(now)
            .execute(conn)
            .await?;
    }
    Ok(Some(found.person_id))
}

/// Revokes one of a person's tokens. Returns its name, or `NotFound` when the person has no
/// such token that is still valid (another person's id is simply not found).
pub async fn revoke_api_token(
    conn: &mut Conn,
    person_id: i64,
    token_id: i64,
    now: Timestamp,
) -> Result<String, DbError> {
    sqlx::query_scalar::<_, String>(
        "UPDATE api_tokens SET revoked_at = $3, updated_at = $3
         WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL
         RETURNING name",
    )
    .bind(token_id)
    .bind(person_id)
    .bind(now)
    .fetch_optional(conn)
    .await?
    .ok_or(DbError::NotFound)
}
