//! Accounts: what sign-in needs to know about a person, the per-account lockout after
//! repeated wrong passwords, password changes, and one-time password reset tokens.
//! Creating people lives in [`super::people`]; sessions in [`super::sessions`].

use super::{Conn, DbError};
use crate::domain::Timestamp;

/// A person as sign-in sees them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SignInRow {
    /// Primary key.
    pub id: i64,
    /// Name as shown to others.
    pub display_name: String,
    /// Sign-in name, lower case.
    pub email: String,
    /// Argon2id PHC string; `None` until a password is set.
    pub password_hash: Option<String>,
    /// 0 when the account is disabled.
    pub is_active: i64,
    /// Wrong passwords in a row since the last success or lock.
    pub failed_sign_ins: i64,
    /// Sign-in is refused until then.
    pub locked_until: Option<Timestamp>,
}

impl SignInRow {
    /// Whether the account is locked at `now`.
    pub fn is_locked(&self, now: Timestamp) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }
}

/// The person with this (lower-case) e-mail address.
pub async fn find_sign_in_by_email(
    conn: &mut Conn,
    email: &str,
) -> Result<Option<SignInRow>, DbError> {
    Ok(sqlx::query_as::<_, SignInRow>(
        "SELECT id, display_name, email, password_hash, is_active, failed_sign_ins, locked_until
         FROM people WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(conn)
    .await?)
}

/// The person with this id.
pub async fn find_sign_in_by_id(conn: &mut Conn, id: i64) -> Result<Option<SignInRow>, DbError> {
    Ok(sqlx::query_as::<_, SignInRow>(
        "SELECT id, display_name, email, password_hash, is_active, failed_sign_ins, locked_until
         FROM people WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// After a wrong password: counts it, and when it is the `limit`-th in a row locks the
/// account until `lock_until` (and starts counting afresh). Returns the lock in force
/// after this failure, if any.
pub async fn record_failed_sign_in(
    conn: &mut Conn,
    person_id: i64,
    limit: i64,
    lock_until: Timestamp,
) -> Result<Option<Timestamp>, DbError> {
    // In an UPDATE every right-hand side sees the row as it was, on both databases.
    let locked = sqlx::query_scalar::<_, Option<Timestamp>>(
        "UPDATE people
         SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0
                                    ELSE failed_sign_ins + 1 END,
             locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3
                                 ELSE locked_until END
         WHERE id = $1
         RETURNING locked_until",
    )
    .bind(person_id)
    .bind(limit)
    .bind(lock_until)
    .fetch_optional(conn)
    .await?;
    Ok(locked.flatten())
}

/// After a right password: clears the failure count and records the sign-in time. Returns
/// `false` (and changes nothing) when the account is disabled or became locked meanwhile.
pub async fn record_successful_sign_in(
    conn: &mut Conn,
    person_id: i64,
    now: Timestamp,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE people
         SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = $2
         WHERE id = $1 AND is_active = 1 AND (locked_until IS NULL OR locked_until <= $2)",
    )
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets a new password hash; also lifts any lock (whoever sets the password has proved who
/// they are).
pub async fn update_password_hash(
    conn: &mut Conn,
    person_id: i64,
    password_hash: &str,
    now: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE people
         SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL, updated_at = $3
         WHERE id = $1",
    )
    .bind(person_id)
    .bind(password_hash)
    .bind(now)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Who a signed-in person is, for the header and the account page.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    /// Primary key.
    pub id: i64,
    /// Name as shown to others.
    pub display_name: String,
    /// Sign-in name.
    pub email: String,
    /// Job title (may be empty).
    pub job_title: String,
    /// Their organisation's name; `None` for a platform operator.
    pub organisation_name: Option<String>,
    /// 1 for a platform operator.
    pub is_admin: i64,
    /// When they last signed in.
    pub last_sign_in_at: Option<Timestamp>,
}

/// An active person's account details.
pub async fn find_active_account(
    conn: &mut Conn,
    person_id: i64,
) -> Result<Option<AccountRow>, DbError> {
    Ok(sqlx::query_as::<_, AccountRow>(
        "SELECT p.id, p.display_name, p.email, p.job_title, o.name AS organisation_name,
                p.is_admin, p.last_sign_in_at
         FROM people p
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.id = $1 AND p.is_active = 1",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await?)
}

/// A usable password reset: the person it is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PasswordResetRow {
    /// Primary key.
    pub id: i64,
    /// Whose password it resets.
    pub person_id: i64,
}

/// Stores a reset token's hash; returns the reset's id.
pub async fn insert_password_reset(
    conn: &mut Conn,
    person_id: i64,
    token_hash: &str,
    expires_at: Timestamp,
    now: Timestamp,
) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO password_resets (person_id, token_hash, expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         RETURNING id",
    )
    .bind(person_id)
    .bind(token_hash)
    .bind(expires_at)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// The reset with this token hash, if it is unused and unexpired at `now` and its person
/// is active.
pub async fn find_usable_password_reset(
    conn: &mut Conn,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<PasswordResetRow>, DbError> {
    Ok(sqlx::query_as::<_, PasswordResetRow>(
        "SELECT r.id, r.person_id
         FROM password_resets r
         JOIN people p ON p.id = r.person_id
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2
           AND p.is_active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Uses a reset: marks it and every other open reset of the same person used. Returns
/// `false` when it was used (or expired) meanwhile.
pub async fn use_password_reset(
    conn: &mut Conn,
    reset: PasswordResetRow,
    now: Timestamp,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE password_resets SET used_at = $2, updated_at = $2
         WHERE id = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(reset.id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE password_resets SET used_at = $2, updated_at = $2
         WHERE person_id = $1 AND used_at IS NULL",
    )
    .bind(reset.person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}
