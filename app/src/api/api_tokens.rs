//! Personal API tokens: a signed-in person creates, lists and revokes the tokens with which
//! scripts read the JSON API (`/api/v1`) as them. The token is shown once: it is handed to
//! the next reading of the token list through the session (so that it also reaches a
//! browser without JavaScript, whose form post is answered with a redirect), and only its
//! SHA-256 is stored.

use crate::domain::Timestamp;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How long a new token may live, in days.
pub const EXPIRY_CHOICES: [i64; 3] = [30, 90, 365];

/// The longest token name.
pub const MAX_NAME_CHARS: usize = 100;

/// One of the person's tokens (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenView {
    /// Identifier (for revoking).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its first characters, to tell it apart.
    pub prefix: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// When it last read the API.
    pub last_used_at: Option<Timestamp>,
    /// When it was revoked.
    pub revoked_at: Option<Timestamp>,
    /// Still usable now.
    pub active: bool,
}

/// A token just created: shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreshToken {
    /// Its name.
    pub name: String,
    /// The token.
    pub token: String,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// The person's tokens, and the one just created if this is the first reading since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenList {
    /// Newest first.
    pub tokens: Vec<ApiTokenView>,
    /// The token created just before, shown once.
    pub fresh: Option<FreshToken>,
}

/// The validated input of a new token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTokenInput {
    /// Its name, trimmed.
    pub name: String,
    /// Days until it expires (one of [`EXPIRY_CHOICES`]).
    pub days: i64,
}

/// Checks a new token's name and lifetime: `Err((field, code))` names the field at fault.
pub fn validate_new_token(
    name: &str,
    expires_in_days: &str,
) -> Result<NewTokenInput, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let name = name.trim();
    if name.is_empty() {
        errors.push(("token_name".to_owned(), "required".to_owned()));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(("token_name".to_owned(), "length".to_owned()));
    }
    let days = expires_in_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| EXPIRY_CHOICES.contains(d));
    if days.is_none() {
        errors.push(("expires_in_days".to_owned(), "choice".to_owned()));
    }
    match days {
        Some(days) if errors.is_empty() => Ok(NewTokenInput {
            name: name.to_owned(),
            days,
        }),
        _ => Err(errors),
    }
}

/// The signed-in person's API tokens.
#[server(endpoint = "list_api_tokens")]
pub async fn list_api_tokens() -> Result<ApiTokenList, AppError> {
    crate::ssr::error::serve(imp::list_api_tokens()).await
}

/// Creates a personal API token; it is shown once, on the token list.
#[server(endpoint = "create_api_token")]
pub async fn create_api_token(
    /// What the token is for.
    token_name: String,
    /// 30, 90 or 365.
    expires_in_days: String,
) -> Result<(), AppError> {
    let outcome = imp::create_api_token(&token_name, &expires_in_days).await;
    crate::api::account::answer(outcome, "/account/tokens?done=created", "/account/tokens")
}

/// Revokes one of the signed-in person's API tokens.
#[server(endpoint = "revoke_api_token")]
pub async fn revoke_api_token(
    /// The token's identifier.
    id: i64,
) -> Result<(), AppError> {
    let outcome = imp::revoke_api_token(id).await;
    crate::api::account::answer(outcome, "/account/tokens?done=revoked", "/account/tokens")
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::account::Failure;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::auth;
    use crate::ssr::db::{DbError, api_tokens as q};
    use crate::ssr::state::AppState;
    use crate::ssr::tokens;
    use serde_json::json;
    use tower_sessions::Session;

    /// The session key under which a new token waits to be shown once.
    const FRESH_KEY: &str = "fresh_api_token";

    /// Tokens start with this, so that secret scanners (and people) recognise them.
    const TOKEN_PREFIX: &str = "cct_";

    async fn signed_in() -> Result<(Session, i64), AppError> {
        let session = auth::current_session().await.ok_or_else(|| {
            tracing::error!("no session layer on this request");
            AppError::Internal
        })?;
        let person = auth::session_person_id(&session)
            .await
            .ok_or(AppError::Unauthenticated)?;
        Ok((session, person))
    }

    fn session_error(err: tower_sessions::session::Error) -> AppError {
        tracing::error!(error = %err, "session store failed");
        AppError::Internal
    }

    pub async fn list_api_tokens() -> Result<ApiTokenList, AppError> {
        let (session, person) = signed_in().await?;
        let fresh = session
            .remove::<FreshToken>(FRESH_KEY)
            .await
            .map_err(session_error)?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let rows = q::list_api_tokens(&mut conn, person).await?;
        let now = Timestamp::now();
        Ok(ApiTokenList {
            tokens: rows
                .into_iter()
                .map(|r| ApiTokenView {
                    active: r.revoked_at.is_none() && r.expires_at > now,
                    id: r.id,
                    name: r.name,
                    prefix: r.token_prefix,
                    created_at: r.created_at,
                    expires_at: r.expires_at,
                    last_used_at: r.last_used_at,
                    revoked_at: r.revoked_at,
                })
                .collect(),
            fresh,
        })
    }

    pub async fn create_api_token(name: &str, days: &str) -> Result<(), Failure> {
        let (session, person) = signed_in().await?;
        let input = validate_new_token(name, days).map_err(Failure::invalid_fields)?;
        let (secret, _) = tokens::new_token();
        let token = [TOKEN_PREFIX, &secret].concat();
        let now = Timestamp::now();
        let expires_at =
            Timestamp::from_datetime(now.as_datetime() + chrono::Duration::days(input.days));
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let id = q::insert_api_token(
            &mut tx,
            q::NewApiToken {
                person_id: person,
                name: input.name.clone(),
                token_hash: tokens::hash_token(&token),
                token_prefix: token.chars().take(10).collect(),
                expires_at,
                created_at: now,
            },
        )
        .await?;
        let event = AuditEvent::new("api_token_created", "api_token", Some(id))
            .by(Some(person), format!("person #{person}"))
            .after(json!({ "name": input.name, "expires_at": expires_at }));
        audit::record(&mut tx, event).await?;
        tx.commit().await.map_err(DbError::from)?;
        session
            .insert(
                FRESH_KEY,
                FreshToken {
                    name: input.name,
                    token,
                    expires_at,
                },
            )
            .await
            .map_err(session_error)?;
        Ok(())
    }

    pub async fn revoke_api_token(id: i64) -> Result<(), Failure> {
        let (_, person) = signed_in().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let name = q::revoke_api_token(&mut tx, person, id, Timestamp::now()).await?;
        let event = AuditEvent::new("api_token_revoked", "api_token", Some(id))
            .by(Some(person), format!("person #{person}"))
            .after(json!({ "name": name }));
        audit::record(&mut tx, event).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_needs_a_name_and_one_of_the_lifetimes() {
        assert_eq!(
            validate_new_token("  reporting script ", "90"),
            Ok(NewTokenInput {
                name: "reporting script".to_owned(),
                days: 90
            })
        );
        let codes = |name: &str, days: &str| {
            validate_new_token(name, days)
                .expect_err("refused")
                .into_iter()
                .map(|(f, c)| format!("{f}.{c}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(" ", "30"), ["token_name.required"]);
        assert_eq!(codes(&"x".repeat(101), "30"), ["token_name.length"]);
        assert_eq!(codes("ok", "7"), ["expires_in_days.choice"]);
        assert_eq!(
            codes("", "forever"),
            ["token_name.required", "expires_in_days.choice"]
        );
    }
}
