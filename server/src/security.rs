//! The security middleware every response passes through: headers and the
//! Content-Security-Policy with a per-request nonce, the cross-site request check (CSRF),
//! the client address, and session upkeep (idle expiry, `Cache-Control: no-store` while
//! signed in). The router in `startup` puts them in place.

use app::ssr::auth::{self, ClientAddr};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand_core::{OsRng, RngCore};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tower_sessions::Session;

/// What the middleware needs to know about the site.
#[derive(Clone, Debug)]
pub struct SiteSecurity {
    /// The site's origin, `scheme://host[:port]`, from the configured site URL.
    pub origin: String,
    /// Whether the site is served over https (HSTS, `Secure` cookies).
    pub https: bool,
    /// The reverse proxy whose `X-Forwarded-For` is believed.
    pub trusted_proxy: Option<IpAddr>,
}

impl SiteSecurity {
    /// From the public site URL (e.g. `https://concordat.example.org/`) and the trusted
    /// proxy, if any.
    pub fn new(site_url: &str, trusted_proxy: Option<IpAddr>) -> Self {
        Self {
            origin: origin_of(site_url).unwrap_or_default(),
            https: site_url.trim().to_ascii_lowercase().starts_with("https://"),
            trusted_proxy,
        }
    }
}

/// The nonce of this request's Content-Security-Policy; a request extension that the
/// router's Leptos context turns into `leptos::nonce::Nonce`, so that the hydration
/// scripts carry the same nonce as the header.
#[derive(Clone, Debug)]
pub struct CspNonce(pub Arc<str>);

/// A fresh nonce: 128 random bits, hex (hex digits are valid base64 characters, as CSP
/// nonces must be).
pub fn new_nonce() -> CspNonce {
    let mut bytes = [0_u8; 16];
    OsRng.fill_bytes(&mut bytes);
    let mut text = String::with_capacity(32);
    for byte in bytes {
        text.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        text.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xf)]));
    }
    CspNonce(text.into())
}

/// The Content-Security-Policy for a nonce.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// Outermost: gives the request a CSP nonce, and every response (pages, server functions,
/// static files, 404s, errors) the security headers. Account pages are never cached.
pub async fn security_headers(
    State(site): State<Arc<SiteSecurity>>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let nonce = new_nonce();
    req.extensions_mut().insert(nonce.clone());
    let is_account_page = req.uri().path().starts_with("/account");
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce.0)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if site.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    if is_account_page {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Refuses a state-changing request that a browser sent from another site (CSRF).
///
/// Unsafe methods (anything but GET, HEAD, OPTIONS and TRACE) pass only when the browser
/// says the request is same-origin (`Sec-Fetch-Site: same-origin`, or `none` for one the
/// person started themselves); `same-site` is refused too, since a sibling subdomain is not
/// this origin. Browsers without Fetch Metadata are judged by `Origin`, or failing that
/// `Referer`, which must be this site (its configured URL, or the `Host` it was asked for).
/// A request with none of these headers is not from a browser page and passes: it carries
/// no one's cookies by accident.
pub async fn refuse_cross_site(
    State(site): State<Arc<SiteSecurity>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if is_safe_method(req.method()) || is_same_origin_request(req.headers(), &site) {
        next.run(req).await
    } else {
        tracing::warn!(
            method = %req.method(),
            path = %req.uri().path(),
            sec_fetch_site = ?req.headers().get("sec-fetch-site"),
            origin = ?req.headers().get(header::ORIGIN),
            "cross-site request refused"
        );
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Cross-site request refused.\n",
        )
            .into_response()
    }
}

fn is_safe_method(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Whether the headers show a request from this site's own pages (or from no page at all).
pub fn is_same_origin_request(headers: &HeaderMap, site: &SiteSecurity) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(fetch_site) = headers.get("sec-fetch-site") {
        return matches!(fetch_site.to_str(), Ok("same-origin" | "none"));
    }
    let claimed = match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => Some(origin.to_owned()),
        (None, Some(referer)) => match origin_of(referer) {
            Some(origin) => Some(origin),
            None => return false,
        },
        (None, None) => None,
    };
    let Some(claimed) = claimed else {
        return true;
    };
    let claimed = claimed.to_ascii_lowercase();
    if !site.origin.is_empty() && claimed == site.origin {
        return true;
    }
    // The Host the browser asked for: right behind a proxy that keeps it, and in tests and
    // development, where the site URL may name another spelling of the same address.
    match (text(header::HOST), claimed.split_once("://")) {
        (Some(host), Some(("http" | "https", authority))) => authority == host.to_ascii_lowercase(),
        _ => false,
    }
}

/// `scheme://host[:port]` of a URL, lower case; `None` when it is not an http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // No user information in an origin.
    let authority = authority.rsplit('@').next().unwrap_or_default();
    if authority.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// Records the client's address as a [`ClientAddr`] request extension: the TCP peer, or,
/// when the peer is the configured trusted proxy, the last address it added to
/// `X-Forwarded-For` (entries before it were written by the client and prove nothing).
pub async fn client_address(
    State(site): State<Arc<SiteSecurity>>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let addr = client_addr_of(peer, req.headers(), site.trusted_proxy);
    req.extensions_mut().insert(ClientAddr(addr));
    next.run(req).await
}

/// The client address from the TCP peer and the headers (see [`client_address`]).
pub fn client_addr_of(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted_proxy: Option<IpAddr>,
) -> IpAddr {
    let peer = peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if trusted_proxy.is_none() || trusted_proxy != Some(peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|last| last.trim().parse::<IpAddr>().ok())
        .unwrap_or(peer)
}

/// Inside the session layer: loads the session before the handler runs, and after it
/// pushes a signed-in session's idle expiry back and marks responses to a signed-in person
/// `Cache-Control: no-store` (they may hold what only that person may see).
///
/// Loading first matters: tower-sessions loads lazily while holding a lock, and a page
/// renders several resources concurrently, each asking who is signed in; a resource that
/// took the lock and then waits for the database while the renderer waits on another
/// resource that wants the lock would never finish. Loaded, the lock is only ever held
/// for a moment.
pub async fn session_upkeep(session: Session, req: Request<Body>, next: Next) -> Response {
    let _ = auth::session_person_id(&session).await;
    let mut res = next.run(req).await;
    if auth::keep_alive(&session).await {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteSecurity {
        SiteSecurity::new("https://concordat.example.org/", None)
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).expect("header value"));
        }
        map
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let site = site();
        assert!(is_same_origin_request(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &site
        ));
        assert!(is_same_origin_request(
            &headers(&[("sec-fetch-site", "none")]),
            &site
        ));
        assert!(!is_same_origin_request(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &site
        ));
        assert!(!is_same_origin_request(
            &headers(&[("sec-fetch-site", "same-site")]),
            &site
        ));
        // Fetch metadata wins over a matching Origin.
        assert!(!is_same_origin_request(
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://concordat.example.org")
            ]),
            &site
        ));
    }

    #[test]
    fn origin_or_referer_must_be_this_site() {
        let site = site();
        let ok = |pairs: &[(&'static str, &str)]| is_same_origin_request(&headers(pairs), &site);
        assert!(ok(&[("origin", "https://concordat.example.org")]));
        assert!(ok(&[("origin", "https://CONCORDAT.example.org")]));
        assert!(!ok(&[("origin", "https://evil.example")]));
        assert!(!ok(&[("origin", "null")]));
        assert!(!ok(&[(
            "origin",
            "https://concordat.example.org.evil.example"
        )]));
        assert!(ok(&[("referer", "https://concordat.example.org/account")]));
        assert!(!ok(&[(
            "referer",
            "https://evil.example/concordat.example.org"
        )]));
        assert!(!ok(&[("referer", "not a url")]));
        assert!(ok(&[
            ("origin", "http://127.0.0.1:4000"),
            ("host", "127.0.0.1:4000")
        ]));
        assert!(!ok(&[
            ("origin", "http://127.0.0.1:4001"),
            ("host", "127.0.0.1:4000")
        ]));
        assert!(ok(&[]), "no browser headers: not a cross-site page");
    }

    #[test]
    fn origins_are_scheme_and_authority() {
        assert_eq!(
            origin_of("https://Example.org:8443/a?b#c").as_deref(),
            Some("https://example.org:8443")
        );
        assert_eq!(origin_of("ftp://example.org"), None);
        assert_eq!(origin_of("https://"), None);
        assert!(SiteSecurity::new("HTTPS://x.example", None).https);
        assert!(!SiteSecurity::new("http://x.example", None).https);
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_the_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.5".parse().expect("address");
        let other: IpAddr = "198.51.100.9".parse().expect("address");
        let xff = headers(&[("x-forwarded-for", "203.0.113.1, 192.0.2.44")]);
        assert_eq!(
            client_addr_of(Some(proxy), &xff, Some(proxy)),
            "192.0.2.44".parse::<IpAddr>().expect("address"),
            "the entry the proxy added"
        );
        assert_eq!(client_addr_of(Some(other), &xff, Some(proxy)), other);
        assert_eq!(client_addr_of(Some(proxy), &xff, None), proxy);
        assert_eq!(
            client_addr_of(
                Some(proxy),
                &headers(&[("x-forwarded-for", "garbage")]),
                Some(proxy)
            ),
            proxy
        );
    }

    #[test]
    fn nonces_are_fresh_and_valid_in_a_policy() {
        let a = new_nonce();
        let b = new_nonce();
        assert_ne!(a.0, b.0);
        assert_eq!(a.0.len(), 32);
        let csp = content_security_policy(&a.0);
        assert!(csp.contains(&format!("'nonce-{}'", a.0)));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}
