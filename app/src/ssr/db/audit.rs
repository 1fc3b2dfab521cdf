//! The audit trail's storage: appending to the hash chain, reading it back in chain order
//! for verification, and the filtered, paginated list the admin page shows.
//!
//! Hashing and the rules of the chain live in [`crate::ssr::audit`]; this module only moves
//! rows. `audit_events` is append-only: the database refuses UPDATE and DELETE (triggers),
//! so there is no `update_*` or `delete_*` here.
//!
//! Filters are written once as `(CAST($n AS …) IS NULL OR column = $n)`, so that one static
//! SQL text serves every combination of filters on both databases (the cast gives
//! PostgreSQL the type of a NULL parameter).

use super::{Conn, DbError};
use crate::domain::Timestamp;

/// The key of the PostgreSQL advisory lock that serialises appends to the chain
/// (the ASCII bytes of `concaudt`).
const CHAIN_LOCK_KEY: i64 = i64::from_be_bytes(*b"concaudt");

/// One event to append, with its place in the chain already computed.
#[derive(Clone, Debug)]
pub struct NewAuditEvent {
    /// The id the event takes: one more than the last event's (it is part of the hash).
    pub id: i64,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// Who acted, when a person did.
    pub actor_person_id: Option<i64>,
    /// Who acted, as text (e-mail, `system`, a client address).
    pub actor_label: String,
    /// What was done (`create`, `sign_in`, …).
    pub action: String,
    /// The kind of record acted on (`organisation`, `session`, …).
    pub record_type: String,
    /// The record acted on.
    pub record_id: Option<i64>,
    /// The partnership the record belongs to.
    pub partnership_id: Option<i64>,
    /// The record before the change, as JSON text.
    pub before_json: Option<String>,
    /// The record after the change, as JSON text.
    pub after_json: Option<String>,
    /// The hash of the previous event (64 zeros for the first).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// The last event of the chain: where the next one attaches.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ChainHead {
    /// Its id.
    pub id: i64,
    /// Its hash.
    pub hash: String,
}

/// An event exactly as stored, every column as text (the id excepted), for verification:
/// a tampered value that no longer parses is reported as a broken event, not as an error.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StoredAuditEvent {
    /// Primary key.
    pub id: i64,
    /// `occurred_at` as stored.
    pub occurred_at: String,
    /// `actor_person_id` as text.
    pub actor_person_id: Option<String>,
    /// `actor_label` as stored.
    pub actor_label: String,
    /// `action` as stored.
    pub action: String,
    /// `record_type` as stored.
    pub record_type: String,
    /// `record_id` as text.
    pub record_id: Option<String>,
    /// `partnership_id` as text.
    pub partnership_id: Option<String>,
    /// `before_json` as stored.
    pub before_json: Option<String>,
    /// `after_json` as stored.
    pub after_json: Option<String>,
    /// `prev_hash` as stored.
    pub prev_hash: String,
    /// `hash` as stored.
    pub hash: String,
}

/// An event as the admin page lists it, with the actor's current e-mail address.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditEventRow {
    /// Primary key (its position in the chain).
    pub id: i64,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// Who acted, when a person did.
    pub actor_person_id: Option<i64>,
    /// Who acted, as recorded.
    pub actor_label: String,
    /// The acting person's e-mail address today, when a person acted.
    pub actor_email: Option<String>,
    /// What was done.
    pub action: String,
    /// The kind of record acted on.
    pub record_type: String,
    /// The record acted on.
    pub record_id: Option<i64>,
    /// The partnership the record belongs to.
    pub partnership_id: Option<i64>,
    /// That partnership's short name.
    pub partnership_name: Option<String>,
    /// The record before the change, as JSON text.
    pub before_json: Option<String>,
    /// The record after the change, as JSON text.
    pub after_json: Option<String>,
    /// The previous event's hash.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// What to list; every field left `None` matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Events by this person.
    pub actor_person_id: Option<i64>,
    /// Events whose actor has this e-mail address today, or was recorded with this label
    /// (e.g. a client address for failed sign-ins).
    pub actor: Option<String>,
    /// Events on this kind of record.
    pub record_type: Option<String>,
    /// Events on the record with this id.
    pub record_id: Option<i64>,
    /// Events with this action.
    pub action: Option<String>,
    /// Events at or after this instant.
    pub from: Option<Timestamp>,
    /// Events strictly before this instant.
    pub to: Option<Timestamp>,
}

/// Serialises appends to the chain until the end of the caller's transaction.
///
/// On PostgreSQL two transactions could otherwise read the same head and fork the chain:
/// this takes a transaction-scoped advisory lock. On SQLite, write transactions begin with
/// `BEGIN IMMEDIATE` and are already serialised, so this does nothing.
pub async fn lock_chain(conn: &mut Conn) -> Result<(), DbError> {
    if conn.backend_name() == "PostgreSQL" {
        // Selected FROM the function so that no column of type `void` (which the `Any`
        // driver cannot represent) comes back.
        sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1)")
            .bind(CHAIN_LOCK_KEY)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// The last event of the chain, or `None` when the chain is empty.
pub async fn find_chain_head(conn: &mut Conn) -> Result<Option<ChainHead>, DbError> {
    let head = sqlx::query_as::<_, ChainHead>(
        "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(conn)
    .await?;
    Ok(head)
}

/// Appends one event and returns its id.
pub async fn insert_audit_event(conn: &mut Conn, new: NewAuditEvent) -> Result<i64, DbError> {
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO audit_events
            (id, occurred_at, actor_person_id, actor_label, action, record_type, record_id,
             partnership_id, before_json, after_json, prev_hash, hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $2, $2)
         RETURNING id",
    )
    .bind(new.id)
    .bind(new.occurred_at)
    .bind(new.actor_person_id)
    .bind(new.actor_label)
    .bind(new.action)
    .bind(new.record_type)
    .bind(new.record_id)
    .bind(new.partnership_id)
    .bind(new.before_json)
    .bind(new.after_json)
    .bind(new.prev_hash)
    .bind(new.hash)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Up to `limit` events with an id greater than `after_id`, in chain order (keyset
/// pagination, so that verifying a long chain never holds it all in memory).
pub async fn list_chain(
    conn: &mut Conn,
    after_id: i64,
    limit: i64,
) -> Result<Vec<StoredAuditEvent>, DbError> {
    let rows = sqlx::query_as::<_, StoredAuditEvent>(
        "SELECT id, occurred_at, CAST(actor_person_id AS TEXT) AS actor_person_id, actor_label,
                action, record_type, CAST(record_id AS TEXT) AS record_id,
                CAST(partnership_id AS TEXT) AS partnership_id, before_json, after_json,
                prev_hash, hash
         FROM audit_events
         WHERE id > $1
         ORDER BY id
         LIMIT $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Events matching `filter`, newest first, `limit` of them from `offset`.
pub async fn list_events(
    conn: &mut Conn,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEventRow>, DbError> {
    let rows = sqlx::query_as::<_, AuditEventRow>(
        "SELECT e.id, e.occurred_at, e.actor_person_id, e.actor_label, p.email AS actor_email,
                e.action, e.record_type, e.record_id, e.partnership_id,
                ps.short_name AS partnership_name, e.before_json, e.after_json, e.prev_hash,
                e.hash
         FROM audit_events e
         LEFT JOIN people p ON p.id = e.actor_person_id
         LEFT JOIN partnerships ps ON ps.id = e.partnership_id
         WHERE (CAST($1 AS BIGINT) IS NULL OR e.actor_person_id = $1)
           AND (CAST($2 AS TEXT) IS NULL OR p.email = $2 OR e.actor_label = $2)
           AND (CAST($3 AS TEXT) IS NULL OR e.record_type = $3)
           AND (CAST($4 AS BIGINT) IS NULL OR e.record_id = $4)
           AND (CAST($5 AS TEXT) IS NULL OR e.action = $5)
           AND (CAST($6 AS TEXT) IS NULL OR e.occurred_at >= $6)
           AND (CAST($7 AS TEXT) IS NULL OR e.occurred_at < $7)
         ORDER BY e.id DESC
         LIMIT $8 OFFSET $9",
    )
    .bind(filter.actor_person_id)
    .bind(filter.actor.as_deref())
    .bind(filter.record_type.as_deref())
    .bind(filter.record_id)
    .bind(filter.action.as_deref())
    .bind(filter.from)
    .bind(filter.to)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// How many events match `filter` (for pagination).
pub async fn count_events(conn: &mut Conn, filter: &AuditFilter) -> Result<i64, DbError> {
    let count = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*)
         FROM audit_events e
         LEFT JOIN people p ON p.id = e.actor_person_id
         WHERE (CAST($1 AS BIGINT) IS NULL OR e.actor_person_id = $1)
           AND (CAST($2 AS TEXT) IS NULL OR p.email = $2 OR e.actor_label = $2)
           AND (CAST($3 AS TEXT) IS NULL OR e.record_type = $3)
           AND (CAST($4 AS BIGINT) IS NULL OR e.record_id = $4)
           AND (CAST($5 AS TEXT) IS NULL OR e.action = $5)
           AND (CAST($6 AS TEXT) IS NULL OR e.occurred_at >= $6)
           AND (CAST($7 AS TEXT) IS NULL OR e.occurred_at < $7)",
    )
    .bind(filter.actor_person_id)
    .bind(filter.actor.as_deref())
    .bind(filter.record_type.as_deref())
    .bind(filter.record_id)
    .bind(filter.action.as_deref())
    .bind(filter.from)
    .bind(filter.to)
    .fetch_one(conn)
    .await?;
    Ok(count)
}
