//! The tamper-evident audit trail: every change appends an [`AuditEvent`] in the same
//! transaction as the change, and the events form a hash chain that [`verify`] checks from
//! the database alone.
//!
//! Each stored event holds `prev_hash`, the hash of the event before it (64 zeros for the
//! first), and `hash = hex(SHA-256(prev_hash ‖ canonical JSON of its content))`. The content
//! is the JSON object of `id`, `occurred_at`, `actor_person_id`, `actor_label`, `action`,
//! `record_type`, `record_id`, `partnership_id`, `before` and `after`, written with sorted
//! keys and no whitespace ([`canonical_json`]). The id is part of the content, so moving,
//! removing or inserting an event breaks the chain; `before` and `after` are hashed as parsed
//! back from their stored text, so what is verified is exactly what is stored.
//!
//! The database refuses UPDATE and DELETE on `audit_events`; the chain is what catches
//! someone who gets past that (with the database owner's rights, say). It cannot tell that
//! the newest events were removed: keep the head (`concordat audit verify` prints the count)
//! somewhere else when that matters.
//!
//! SQL is in [`crate::ssr::db::audit`]; this module holds the rules of the chain.

use crate::domain::Timestamp;
use crate::ssr::db::audit::{self as store, NewAuditEvent, StoredAuditEvent};
use crate::ssr::db::{Conn, DbError};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How many events [`verify`] reads per query.
const VERIFY_BATCH: i64 = 1000;

/// A record as the JSON of an event's `before` or `after`. Records are plain data, so this
/// fails only on a bug; the client learns nothing of it.
pub fn snapshot(record: &impl serde::Serialize) -> Result<Value, crate::error::AppError> {
    serde_json::to_value(record).map_err(|err| {
        tracing::error!(error = %err, "an audit snapshot could not be serialised");
        crate::error::AppError::Internal
    })
}

/// One change to record: who did what to which record, with the record before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEvent {
    /// Who acted; `None` for the system or an anonymous visitor.
    pub actor_person_id: Option<i64>,
    /// Who acted, as text: the e-mail address, `system`, `seed-demo`, or the client address
    /// of a failed sign-in.
    pub actor_label: String,
    /// What was done, a snake_case verb: `create`, `update`, `delete`, `sign_in`,
    /// `sign_in_failed`, `sign_out`, `password_change`, `role_grant`, `label_change`,
    /// `ballot`, `invite`, …
    pub action: String,
    /// The kind of record acted on, table-like: `organisation`, `person`, `session`, …
    pub record_type: String,
    /// The record acted on.
    pub record_id: Option<i64>,
    /// The partnership the record belongs to.
    pub partnership_id: Option<i64>,
    /// The record (or the fields that changed) before the change.
    pub before: Option<Value>,
    /// The record (or the fields that changed) after the change.
    pub after: Option<Value>,
}

impl AuditEvent {
    /// An event by the system (no person, label `system`); refine it with the builder
    /// methods, e.g. `AuditEvent::new("update", "council", Some(id)).by(Some(pid), email)`.
    pub fn new(
        action: impl Into<String>,
        record_type: impl Into<String>,
        record_id: Option<i64>,
    ) -> Self {
        Self {
            actor_person_id: None,
            actor_label: "system".to_owned(),
            action: action.into(),
            record_type: record_type.into(),
            record_id,
            partnership_id: None,
            before: None,
            after: None,
        }
    }

    /// Sets the actor: a person (or `None`) and how to name them.
    pub fn by(mut self, person_id: Option<i64>, label: impl Into<String>) -> Self {
        self.actor_person_id = person_id;
        self.actor_label = label.into();
        self
    }

    /// The event's actor is the viewer of the current request (`public` when signed out);
    /// the audit page shows the person's current e-mail beside it.
    pub fn by_viewer(self, viewer: &crate::ssr::access::Viewer) -> Self {
        let person_id = viewer.actor().person_id;
        let label = match person_id {
            Some(id) => format!("person #{id}"),
            None => "public".to_owned(),
        };
        self.by(person_id, label)
    }

    /// Sets the partnership the record belongs to.
    pub fn in_partnership(mut self, partnership_id: i64) -> Self {
        self.partnership_id = Some(partnership_id);
        self
    }

    /// Sets the record before the change.
    pub fn before(mut self, value: Value) -> Self {
        self.before = Some(value);
        self
    }

    /// Sets the record after the change.
    pub fn after(mut self, value: Value) -> Self {
        self.after = Some(value);
        self
    }
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// How many events were checked (up to and including the first broken one).
    pub events_checked: u64,
    /// The first event that does not fit the chain, if any.
    pub first_broken: Option<BrokenEvent>,
}

impl VerifyReport {
    /// Whether the whole chain is intact.
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// An event that does not fit the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenEvent {
    /// Its id.
    pub id: i64,
    /// What is wrong, in one line for the operator.
    pub reason: String,
}

/// Appends one event to the chain and returns its id.
///
/// Call it inside the write transaction of the change (`Database::begin_write`), so that the
/// event commits or rolls back with it. On PostgreSQL it takes an advisory lock held until
/// that transaction ends, so concurrent writers queue instead of forking the chain; on
/// SQLite the write transaction already holds the database's write lock.
pub async fn record(conn: &mut Conn, event: AuditEvent) -> Result<i64, DbError> {
    store::lock_chain(conn).await?;
    let head = store::find_chain_head(conn).await?;
    let (id, prev_hash) = match head {
        Some(head) => (head.id + 1, head.hash),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let occurred_at = Timestamp::now();
    let before_json = event.before.as_ref().map(canonical_json);
    let after_json = event.after.as_ref().map(canonical_json);
    let content = Content {
        id,
        occurred_at: occurred_at.to_db_text(),
        actor_person_id: event.actor_person_id,
        actor_label: &event.actor_label,
        action: &event.action,
        record_type: &event.record_type,
        record_id: event.record_id,
        partnership_id: event.partnership_id,
        // What is hashed is what will be read back from the stored text.
        before: parse_stored(before_json.as_deref())
            .map_err(|e| DbError::Corrupt(format!("audit before: {e}")))?,
        after: parse_stored(after_json.as_deref())
            .map_err(|e| DbError::Corrupt(format!("audit after: {e}")))?,
    };
    let hash = chain_hash(&prev_hash, &content.to_json());
    store::insert_audit_event(
        conn,
        NewAuditEvent {
            id,
            occurred_at,
            actor_person_id: event.actor_person_id,
            actor_label: event.actor_label,
            action: event.action,
            record_type: event.record_type,
            record_id: event.record_id,
            partnership_id: event.partnership_id,
            before_json,
            after_json,
            prev_hash,
            hash,
        },
    )
    .await
}

/// Verifies the whole chain from the database alone, in id order: each event must follow
/// the one before it (ids without gaps, `prev_hash` equal to its hash, 64 zeros for the
/// first) and its stored hash must be the hash of its stored content. Stops at the first
/// event that does not fit.
pub async fn verify(conn: &mut Conn) -> Result<VerifyReport, DbError> {
    let mut checked: u64 = 0;
    let mut previous: Option<(i64, String)> = None;
    loop {
        let after_id = previous.as_ref().map_or(0, |(id, _)| *id);
        let batch = store::list_chain(conn, after_id, VERIFY_BATCH).await?;
        if batch.is_empty() {
            break;
        }
        for event in batch {
            checked += 1;
            if let Err(reason) = check_event(&event, previous.as_ref()) {
                return Ok(VerifyReport {
                    events_checked: checked,
                    first_broken: Some(BrokenEvent {
                        id: event.id,
                        reason,
                    }),
                });
            }
            previous = Some((event.id, event.hash));
        }
    }
    Ok(VerifyReport {
        events_checked: checked,
        first_broken: None,
    })
}

/// Why `event` does not follow `previous` (its id and hash), if it does not.
fn check_event(event: &StoredAuditEvent, previous: Option<&(i64, String)>) -> Result<(), String> {
    match previous {
        None if event.prev_hash != GENESIS_HASH => {
            return Err(format!(
                "it is the first event but its prev_hash is not {GENESIS_HASH} \
                 (earlier events were removed or it was altered)"
            ));
        }
        Some((previous_id, _)) if event.id != previous_id + 1 => {
            return Err(format!(
                "it follows event #{previous_id}: the events in between are missing"
            ));
        }
        Some((previous_id, previous_hash)) if &event.prev_hash != previous_hash => {
            return Err(format!(
                "its prev_hash does not match the hash of event #{previous_id}"
            ));
        }
        _ => {}
    }
    let content = Content::of_stored(event)?;
    let expected = chain_hash(&event.prev_hash, &content.to_json());
    if expected != event.hash {
        return Err("its content does not match its hash (it was altered)".to_owned());
    }
    Ok(())
}

/// The hashed content of an event.
struct Content<'a> {
    id: i64,
    occurred_at: String,
    actor_person_id: Option<i64>,
    actor_label: &'a str,
    action: &'a str,
    record_type: &'a str,
    record_id: Option<i64>,
    partnership_id: Option<i64>,
    before: Option<Value>,
    after: Option<Value>,
}

impl<'a> Content<'a> {
    /// The content of a stored event, or why it cannot be read.
    fn of_stored(event: &'a StoredAuditEvent) -> Result<Self, String> {
        let integer = |column: &str, text: &Option<String>| -> Result<Option<i64>, String> {
            text.as_deref()
                .map(|t| {
                    t.parse::<i64>()
                        .map_err(|_| format!("its {column} {t:?} is not an integer"))
                })
                .transpose()
        };
        Ok(Self {
            id: event.id,
            occurred_at: event.occurred_at.clone(),
            actor_person_id: integer("actor_person_id", &event.actor_person_id)?,
            actor_label: &event.actor_label,
            action: &event.action,
            record_type: &event.record_type,
            record_id: integer("record_id", &event.record_id)?,
            partnership_id: integer("partnership_id", &event.partnership_id)?,
            before: parse_stored(event.before_json.as_deref())
                .map_err(|e| format!("its before_json is not JSON ({e})"))?,
            after: parse_stored(event.after_json.as_deref())
                .map_err(|e| format!("its after_json is not JSON ({e})"))?,
        })
    }

    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("id".to_owned(), Value::from(self.id));
        map.insert(
            "occurred_at".to_owned(),
            Value::from(self.occurred_at.as_str()),
        );
        map.insert(
            "actor_person_id".to_owned(),
            Value::from(self.actor_person_id),
        );
        map.insert("actor_label".to_owned(), Value::from(self.actor_label));
        map.insert("action".to_owned(), Value::from(self.action));
        map.insert("record_type".to_owned(), Value::from(self.record_type));
        map.insert("record_id".to_owned(), Value::from(self.record_id));
        map.insert(
            "partnership_id".to_owned(),
            Value::from(self.partnership_id),
        );
        map.insert(
            "before".to_owned(),
            self.before.clone().unwrap_or(Value::Null),
        );
        map.insert(
            "after".to_owned(),
            self.after.clone().unwrap_or(Value::Null),
        );
        Value::Object(map)
    }
}

fn parse_stored(text: Option<&str>) -> Result<Option<Value>, serde_json::Error> {
    text.map(serde_json::from_str).transpose()
}

/// `hex(SHA-256(prev_hash ‖ canonical_json(content)))`, lower-case.
pub fn chain_hash(prev_hash: &str, content: &Value) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical_json(content).as_bytes());
    hex::encode(hasher.finalize())
}

/// `value` as JSON with the keys of every object sorted (by their UTF-8 bytes) and no
/// whitespace. Written out here rather than left to `serde_json`'s map order, which another
/// crate enabling its `preserve_order` feature would silently change.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_scalar(&Value::String(key.clone()), out);
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => write_scalar(scalar, out),
    }
}

/// A string, number, boolean or null, as `serde_json` writes it (compact, deterministic).
fn write_scalar(value: &Value, out: &mut String) {
    out.push_str(&value.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_has_no_whitespace() {
        let value = json!({"b": 1, "a": {"z": [true, null, "x y"], "c": 1.5}, "A": "é\"\n"});
        assert_eq!(
            canonical_json(&value),
            r#"{"A":"é\"\n","a":{"c":1.5,"z":[true,null,"x y"]},"b":1}"#
        );
    }

    #[test]
    fn the_hash_is_sha256_of_the_previous_hash_then_the_canonical_content() {
        // Computed independently: printf '%s{}' "$(printf '0%.0s' {1..64})" | sha256sum
        assert_eq!(
            chain_hash(GENESIS_HASH, &json!({})),
            "5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75"
        );
        // printf '1d8c{"a":1}' | sha256sum
        assert_eq!(
            chain_hash("1d8c", &json!({"a": 1})),
            "9da026095dae5b5db4e7b52e6f6a6dc1a0061836303ad4a7832b0886b7ccdec1"
        );
    }
}
