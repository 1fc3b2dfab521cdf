//! The render cache: what signed-out visitors read (public pages, the public API, feeds and
//! downloads) is rendered once and served from memory until something changes.
//!
//! - **What is kept:** answers `200` to a `GET` without a session cookie and without an
//!   `Authorization` header, that set no cookie and do not say `no-store` or `private`, of at
//!   most [`MAX_ENTRY_BYTES`]; never `/account…`, the server functions under `/api/` (except
//!   the public `/api/v1`) or `/healthz`. Everyone such a request could come from sees the
//!   same page, so one copy serves them all.
//! - **Until when:** an entry is served only while the change generation
//!   ([`app::ssr::changes`]) is the one it was rendered under, and for at most [`MAX_AGE`]
//!   (pages also show what time does: "overdue", "closes in 3 hours"). Every request with an
//!   unsafe method moves the generation when it has been answered, i.e. after its
//!   transaction committed; so does closing motions at their deadline, and other app servers'
//!   changes arrive through the database ([`follow_other_servers`]).
//! - **The CSP nonce:** each response still gets a fresh nonce. The body is kept cut at the
//!   nonce it was rendered with and joined with the new one on the way out.
//! - **Memory:** at most [`MAX_TOTAL_BYTES`] in all; when full, stale entries go first, then
//!   everything.

use crate::security::CspNonce;
use app::domain::Timestamp;
use app::ssr::changes;
use app::ssr::db::{Database, changes as db_changes};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The largest answer kept.
pub const MAX_ENTRY_BYTES: usize = 2 * 1024 * 1024;
/// The most kept in all.
pub const MAX_TOTAL_BYTES: usize = 24 * 1024 * 1024;
/// The longest an entry is served, whatever happens.
pub const MAX_AGE: Duration = Duration::from_secs(30);
/// How often [`follow_other_servers`] looks at the database.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(250);
/// The tracing span the follower's queries run in.
pub const FOLLOWER_SPAN: &str = "render_cache_follower";
/// Set on answers served from the cache (`hit`) or kept in it (`stored`).
pub const CACHE_HEADER: &str = "x-render-cache";

/// The session cookies' names (plain and `__Host-` for HTTPS).
const SESSION_COOKIE: &str = "concordat_session";

/// One kept answer.
struct Entry {
    generation: u64,
    stored_at: Instant,
    headers: HeaderMap,
    /// The body cut where the nonce was: `parts[0] nonce parts[1] nonce … parts[n]`.
    parts: Vec<Bytes>,
    size: usize,
}

impl Entry {
    fn is_current(&self, generation: u64) -> bool {
        self.generation == generation && self.stored_at.elapsed() < MAX_AGE
    }

    fn response(&self, nonce: &str) -> Response {
        let joins = self.parts.len().saturating_sub(1);
        let mut body = Vec::with_capacity(self.size + joins * nonce.len());
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(part);
        }
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = self.headers.clone();
        res.headers_mut()
            .insert(CACHE_HEADER, HeaderValue::from_static("hit"));
        res
    }
}

/// The cache of one server.
#[derive(Default)]
pub struct RenderCache {
    entries: RwLock<HashMap<String, Arc<Entry>>>,
    /// The pages being rendered for the cache now: a request that misses while one is under
    /// way waits for it rather than render the same page again (a stampede of misses after
    /// every change would otherwise take a database connection each).
    rendering: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl RenderCache {
    fn get(&self, key: &str, generation: u64) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|e| e.is_current(generation))
            .cloned()
    }

    fn put(&self, key: String, entry: Entry) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        let total: usize = entries.values().map(|e| e.size).sum();
        if total + entry.size > MAX_TOTAL_BYTES {
            let generation = changes::generation();
            entries.retain(|_, e| e.is_current(generation));
            let total: usize = entries.values().map(|e| e.size).sum();
            if total + entry.size > MAX_TOTAL_BYTES {
                entries.clear();
            }
        }
        entries.insert(key, Arc::new(entry));
    }

    /// The lock of rendering `key`: the request that takes it renders; the others wait.
    fn render_lock(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut rendering = self.rendering.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(rendering.entry(key.to_owned()).or_default())
    }

    /// `key` has been rendered (or failed to be): forget its lock unless someone waits on it.
    fn rendered(&self, key: &str) {
        let mut rendering = self.rendering.lock().unwrap_or_else(|e| e.into_inner());
        if rendering
            .get(key)
            .is_some_and(|lock| Arc::strong_count(lock) == 1)
        {
            rendering.remove(key);
        }
    }

    /// How many answers are kept (for tests).
    pub fn len(&self) -> usize {
        self.entries.read().map(|e| e.len()).unwrap_or_default()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The key of a request whose answer may be kept, or `None`.
fn cache_key(req: &Request<Body>) -> Option<String> {
    if req.method() != Method::GET {
        return None;
    }
    let path = req.uri().path();
    let public_api = path.starts_with("/api/v1/") || path == "/api/v1";
    if (path.starts_with("/api/") && !public_api)
        || path.starts_with("/account")
        || path == "/healthz"
    {
        return None;
    }
    let headers = req.headers();
    if headers.contains_key(header::AUTHORIZATION) {
        return None;
    }
    let has_session = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains(SESSION_COOKIE));
    if has_session {
        return None;
    }
    Some(match req.uri().query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    })
}

/// Whether an answer may be kept (before its body is read).
fn keepable(res: &Response) -> bool {
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return false;
    }
    let cache_control = res
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    !(cache_control.contains("no-store") || cache_control.contains("private"))
}

/// Cuts `body` at every occurrence of `nonce`.
fn split_at_nonce(body: &Bytes, nonce: &str) -> Vec<Bytes> {
    let needle = nonce.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    if needle.is_empty() {
        return vec![body.clone()];
    }
    while i + needle.len() <= body.len() {
        if &body[i..i + needle.len()] == needle {
            parts.push(body.slice(start..i));
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(body.slice(start..));
    parts
}

/// The middleware: serves kept answers, keeps new ones, and moves the change generation
/// after every request that may have changed something.
pub async fn serve_cached(
    State(cache): State<Arc<RenderCache>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let method = req.method().clone();
    if !(method == Method::GET || method == Method::HEAD || method == Method::OPTIONS) {
        let res = next.run(req).await;
        changes::changed();
        return res;
    }
    let nonce = req.extensions().get::<CspNonce>().cloned();
    let (Some(key), Some(nonce)) = (cache_key(&req), nonce) else {
        return next.run(req).await;
    };
    if let Some(entry) = cache.get(&key, changes::generation()) {
        return entry.response(&nonce.0);
    }
    // One request renders a missing page; those arriving meanwhile wait for it and take its
    // copy. If it could not be kept (an error page, say), they render their own at once.
    let lock = cache.render_lock(&key);
    let res = match Arc::clone(&lock).try_lock_owned() {
        Ok(turn) => {
            let generation = changes::generation();
            let res = render_and_keep(&cache, key.clone(), &nonce, generation, req, next).await;
            drop(turn);
            res
        }
        Err(_) => {
            drop(lock.lock().await);
            let generation = changes::generation();
            match cache.get(&key, generation) {
                Some(entry) => entry.response(&nonce.0),
                None => render_and_keep(&cache, key.clone(), &nonce, generation, req, next).await,
            }
        }
    };
    drop(lock);
    cache.rendered(&key);
    res
}

/// Renders a page and keeps the answer when it may be kept.
async fn render_and_keep(
    cache: &RenderCache,
    key: String,
    nonce: &CspNonce,
    generation: u64,
    req: Request<Body>,
    next: Next,
) -> Response {
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(error = %err, path = %key, "reading a page to cache it failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if bytes.len() <= MAX_ENTRY_BYTES {
        let mut headers = parts.headers.clone();
        headers.remove("x-request-id");
        headers.remove(header::CONTENT_LENGTH);
        cache.put(
            key,
            Entry {
                generation,
                stored_at: Instant::now(),
                headers,
                parts: split_at_nonce(&bytes, &nonce.0),
                size: bytes.len(),
            },
        );
        parts
            .headers
            .insert(CACHE_HEADER, HeaderValue::from_static("stored"));
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// For ever: publishes this server's changes to the database and adopts other servers'
/// (a task that [`crate::startup::spawn`] starts beside the server).
pub async fn follow_other_servers(db: Database, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut seen: Option<i64> = None;
    loop {
        ticks.tick().await;
        let Ok(mut conn) = db.pool().acquire().await else {
            continue;
        };
        let mut published = false;
        if changes::take_unpublished() {
            match db_changes::bump_generation(&mut conn, Timestamp::now()).await {
                Ok(()) => published = true,
                Err(err) => tracing::warn!(error = %err, "could not publish a change"),
            }
        }
        match db_changes::read_generation(&mut conn).await {
            Ok(now) => {
                // Our own bump accounts for one step; anything more came from elsewhere.
                let expected = seen.map(|n| n + i64::from(published));
                if seen.is_some() && Some(now) != expected {
                    changes::changed_elsewhere();
                }
                seen = Some(now);
            }
            Err(err) => tracing::warn!(error = %err, "could not read the change generation"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_cut_at_every_nonce_and_joined_with_another() {
        let body = Bytes::from_static(b"<script nonce=\"abc\">1</script><script nonce=\"abc\">");
        let parts = split_at_nonce(&body, "abc");
        assert_eq!(parts.len(), 3);
        let entry = Entry {
            generation: 1,
            stored_at: Instant::now(),
            headers: HeaderMap::new(),
            size: body.len(),
            parts,
        };
        assert!(entry.is_current(1));
        assert!(!entry.is_current(2));
        let res = entry.response("XYZ");
        assert_eq!(res.headers()[CACHE_HEADER], "hit");
    }

    #[test]
    fn a_body_without_the_nonce_is_one_part() {
        let body = Bytes::from_static(b"{\"data\":[]}");
        assert_eq!(split_at_nonce(&body, "abc"), vec![body.clone()]);
    }

    fn request(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::builder().method(Method::GET).uri(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).expect("request")
    }

    #[test]
    fn only_signed_out_reads_of_public_addresses_are_kept() {
        assert_eq!(
            cache_key(&request("/p/us-hph", &[])).as_deref(),
            Some("/p/us-hph")
        );
        assert_eq!(
            cache_key(&request("/p/us-hph?q=isac", &[])).as_deref(),
            Some("/p/us-hph?q=isac")
        );
        assert!(cache_key(&request("/api/v1/partnerships", &[])).is_some());
        assert!(cache_key(&request("/p/us-hph", &[("cookie", "concordat_session=x")])).is_none());
        assert!(
            cache_key(&request(
                "/p/us-hph",
                &[("cookie", "__Host-concordat_session=x")]
            ))
            .is_none()
        );
        assert!(
            cache_key(&request(
                "/api/v1/partnerships",
                &[("authorization", "Bearer t")]
            ))
            .is_none()
        );
        assert!(cache_key(&request("/account", &[])).is_none());
        assert!(cache_key(&request("/api/sign_in", &[])).is_none());
        assert!(cache_key(&request("/healthz", &[])).is_none());
    }
}
