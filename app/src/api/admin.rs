//! Platform operators' views: the mail outbox.

use crate::domain::Timestamp;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A message of the outbox, as the operator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// When it was queued.
    pub queued: Timestamp,
    /// When it was sent, if it was.
    pub sent: Option<Timestamp>,
    /// Failed attempts so far.
    pub attempts: i64,
}

/// The newest messages of the mail outbox. Operators only.
#[server(endpoint = "list_outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxMessage>, AppError> {
    crate::ssr::error::serve(imp::list_outbox()).await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::ssr::access::require_admin;
    use crate::ssr::db::{DbError, mail};
    use crate::ssr::state::AppState;

    /// Most messages listed.
    const LIMIT: i64 = 200;

    pub async fn list_outbox() -> Result<Vec<OutboxMessage>, AppError> {
        require_admin().await?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let rows = mail::list_mail(&mut conn, LIMIT).await?;
        Ok(rows
            .into_iter()
            .map(|m| OutboxMessage {
                to: m.to_address,
                subject: m.subject,
                body: m.body_text,
                queued: m.created_at,
                sent: m.sent_at,
                attempts: m.attempts,
            })
            .collect())
    }
}
