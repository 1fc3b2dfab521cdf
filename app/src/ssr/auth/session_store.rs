//! tower-sessions' [`SessionStore`] over the application database (SQLite or PostgreSQL via
//! sqlx `Any`), so that app servers keep no session state of their own.
//!
//! A row is keyed by the SHA-256 of the session id (a leaked table gives no cookie), holds
//! the session's data as JSON bytes, and copies two of its values into columns: the person
//! (so that all of a person's sessions can be ended at once) and the sign-in time (for the
//! absolute expiry, which tower-sessions does not have). The SQL is in
//! [`crate::ssr::db::sessions`].

use super::{ABSOLUTE_LIFETIME, PERSON_ID_KEY, SIGNED_IN_AT_KEY};
use crate::domain::Timestamp;
use crate::ssr::db::{Database, DbError, sessions as q};
use async_trait::async_trait;
use chrono::DateTime;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// Sessions in the `sessions` table.
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Database,
}

impl DbSessionStore {
    /// A store over `db`.
    pub fn new(db: Database) -> Self {
        Self { db }
    }

    /// Deletes expired sessions (idle or absolute); returns how many.
    pub async fn delete_expired(&self) -> Result<u64, DbError> {
        let now = Timestamp::now();
        let signed_in_before = Timestamp::from_datetime(now.as_datetime() - ABSOLUTE_LIFETIME);
        let mut conn = self.db.pool().acquire().await?;
        q::delete_expired_sessions(&mut conn, now, signed_in_before).await
    }

    async fn write(&self, record: &Record, create: bool) -> session_store::Result<bool> {
        let id_hash = hash_id(&record.id);
        let data = serde_json::to_vec(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let row = q::SessionWrite {
            id_hash: &id_hash,
            person_id: record.data.get(PERSON_ID_KEY).and_then(|v| v.as_i64()),
            data,
            expires_at: to_timestamp(record.expiry_date),
            signed_in_at: record
                .data
                .get(SIGNED_IN_AT_KEY)
                .and_then(|v| serde_json::from_value::<Timestamp>(v.clone()).ok()),
            now: Timestamp::now(),
        };
        let mut conn = self.db.pool().acquire().await.map_err(backend)?;
        let written = if create {
            q::insert_session(&mut conn, row).await
        } else {
            q::update_session(&mut conn, row).await
        };
        written.map_err(backend)
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // 128 random bits rarely collide, but when they do, draw again rather than overwrite
        // someone else's session.
        while !self.write(record, true).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        // An update only: a session deleted meanwhile (signed out everywhere, password
        // changed) is not brought back by a request that was already under way.
        self.write(record, false).await.map(|_| ())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = Timestamp::now();
        let signed_in_after = Timestamp::from_datetime(now.as_datetime() - ABSOLUTE_LIFETIME);
        let mut conn = self.db.pool().acquire().await.map_err(backend)?;
        let Some(row) = q::find_live_session(&mut conn, &hash_id(id), now, signed_in_after)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_slice(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: to_offset(row.expires_at),
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let mut conn = self.db.pool().acquire().await.map_err(backend)?;
        q::delete_session(&mut conn, &hash_id(id))
            .await
            .map_err(backend)
    }
}

/// The stored key of a session id: hex SHA-256 of its cookie form.
pub fn hash_id(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn backend(err: impl Into<DbError>) -> session_store::Error {
    // Logged by tower-sessions; the client gets a bare 500.
    session_store::Error::Backend(err.into().to_string())
}

fn to_timestamp(at: OffsetDateTime) -> Timestamp {
    let at = DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond()).unwrap_or_default();
    Timestamp::from_datetime(at)
}

fn to_offset(at: Timestamp) -> OffsetDateTime {
    let micros = i128::from(at.as_datetime().timestamp_micros());
    OffsetDateTime::from_unix_timestamp_nanos(micros * 1000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_survive_the_round_trip_to_the_database_form() {
        let now = Timestamp::now();
        assert_eq!(to_timestamp(to_offset(now)), now);
    }

    #[test]
    fn stored_keys_are_hashes_not_ids() {
        let id = Id::default();
        let key = hash_id(&id);
        assert_eq!(key.len(), 64);
        assert!(!key.contains(&id.to_string()));
        assert_eq!(key, hash_id(&id));
    }
}
