//! Authentication: passwords ([`password`]), sessions ([`session_store`] and the helpers
//! here), per-address limits on guessing ([`rate_limit`]), and who is signed in.
//!
//! Sessions are tower-sessions sessions stored in the application database. A signed-in
//! session holds the person's id and the instant they signed in; it ends after
//! [`IDLE_LIFETIME`] without a request (tower-sessions' `OnInactivity` expiry, refreshed
//! by [`keep_alive`]) and at the latest [`ABSOLUTE_LIFETIME`] after signing in. The decision
//! what a signed-in person may do is not made here but in `ssr::access`.

pub mod password;
pub mod rate_limit;
pub mod session_store;

use crate::domain::Timestamp;
use rate_limit::AddressLimiter;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, LazyLock};
use tower_sessions::Session;

/// The session key of the signed-in person's id.
pub const PERSON_ID_KEY: &str = "person_id";
/// The session key of the instant the person signed in.
pub const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// The session key of the last time the idle expiry was pushed back.
pub const LAST_SEEN_KEY: &str = "last_seen_at";

/// A session ends after this long without a request.
pub const IDLE_LIFETIME: time::Duration = time::Duration::minutes(30);
/// A session ends this long after signing in, however busy.
pub const ABSOLUTE_LIFETIME: chrono::TimeDelta = chrono::TimeDelta::seconds(12 * 60 * 60);
/// The idle expiry is pushed back (one database write) at most this often per session.
pub const KEEP_ALIVE_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// The client's address as the security middleware determined it (the TCP peer, or the
/// `X-Forwarded-For` entry added by the configured trusted proxy); a request extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The per-address failure counts of this app server, provided to server functions as
/// context by the router.
#[derive(Clone, Debug, Default)]
pub struct SignInLimiter(pub Arc<AddressLimiter>);

/// The person signed in on the current request, or `None`.
///
/// Reads the tower-sessions [`Session`] of the request (page rendering and server
/// functions alike, through `leptos_axum::extract`) and checks the absolute expiry. It
/// does not check that the account is still active: load the person for that (disabling
/// an account should also end its sessions, `ssr::db::sessions::delete_sessions_of_person`).
pub async fn signed_in_person_id() -> Option<i64> {
    let session = current_session().await?;
    session_person_id(&session).await
}

/// The tower-sessions session of the current request (`None` outside a request, or when
/// the router has no session layer).
pub async fn current_session() -> Option<Session> {
    leptos_axum::extract::<Session>().await.ok()
}

/// The person signed in on `session`, if the session is within its absolute lifetime.
pub async fn session_person_id(session: &Session) -> Option<i64> {
    let person_id = session.get::<i64>(PERSON_ID_KEY).await.ok().flatten()?;
    let signed_in_at = session
        .get::<Timestamp>(SIGNED_IN_AT_KEY)
        .await
        .ok()
        .flatten()?;
    within_absolute_lifetime(signed_in_at, Timestamp::now()).then_some(person_id)
}

/// Whether a session signed in at `signed_in_at` may still be used at `now`.
pub fn within_absolute_lifetime(signed_in_at: Timestamp, now: Timestamp) -> bool {
    now.as_datetime() - signed_in_at.as_datetime() < ABSOLUTE_LIFETIME
}

/// Signs `person_id` in on `session`: a new session id (the old one stops working, so a
/// planted cookie gains nothing), then the person and the time.
pub async fn start_session(
    session: &Session,
    person_id: i64,
    now: Timestamp,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.clear().await;
    session.insert(PERSON_ID_KEY, person_id).await?;
    session.insert(SIGNED_IN_AT_KEY, now).await?;
    session.insert(LAST_SEEN_KEY, now).await?;
    Ok(())
}

/// Run by the router after every request: when the session is signed in, pushes its idle
/// expiry back (at most every [`KEEP_ALIVE_EVERY`], which saves it and renews the cookie).
/// Returns whether the session is signed in.
pub async fn keep_alive(session: &Session) -> bool {
    if session_person_id(session).await.is_none() {
        return false;
    }
    let now = Timestamp::now();
    let last_seen = session.get::<Timestamp>(LAST_SEEN_KEY).await.ok().flatten();
    let due =
        last_seen.is_none_or(|seen| now.as_datetime() - seen.as_datetime() >= KEEP_ALIVE_EVERY);
    if due && let Err(err) = session.insert(LAST_SEEN_KEY, now).await {
        tracing::warn!(error = %err, "could not refresh the session");
    }
    true
}

/// The client address of the current request.
pub fn client_addr() -> IpAddr {
    use leptos::prelude::use_context;
    let parts = use_context::<http::request::Parts>();
    parts
        .as_ref()
        .and_then(|p| p.extensions.get::<ClientAddr>().map(|a| a.0))
        .or_else(|| {
            parts.as_ref().and_then(|p| {
                p.extensions
                    .get::<axum::extract::ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip())
            })
        })
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// The per-address limiter of this app server.
pub fn address_limiter() -> Arc<AddressLimiter> {
    // Outside the router (a unit test calling a function directly) one process-wide
    // limiter stands in.
    static FALLBACK: LazyLock<Arc<AddressLimiter>> = LazyLock::new(Arc::default);
    leptos::prelude::use_context::<SignInLimiter>()
        .map(|l| l.0)
        .unwrap_or_else(|| FALLBACK.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_lasts_twelve_hours_from_sign_in_at_most() {
        let signed_in = Timestamp::now();
        let later = |secs| {
            Timestamp::from_datetime(signed_in.as_datetime() + chrono::TimeDelta::seconds(secs))
        };
        assert!(within_absolute_lifetime(signed_in, later(11 * 3600 + 3599)));
        assert!(!within_absolute_lifetime(signed_in, later(12 * 3600)));
    }
}
