//! The change generation shared by the app servers (see [`crate::ssr::changes`]).

use super::{Conn, DbError};
use crate::domain::Timestamp;

/// Moves the shared generation on: this server committed changes.
pub async fn bump_generation(conn: &mut Conn, now: Timestamp) -> Result<(), DbError> {
    sqlx::query("UPDATE change_generation SET n = n + 1, updated_at = $1 WHERE id = 1")
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The shared generation now.
pub async fn read_generation(conn: &mut Conn) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT n FROM change_generation WHERE id = 1")
            .fetch_one(conn)
            .await?,
    )
}
