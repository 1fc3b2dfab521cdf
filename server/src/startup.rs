//! Building the router and serving it. Integration tests use [`spawn`] to run the real
//! application on port 0.

use crate::config::Config;
use crate::mailer::{self, SmtpConfig};
use crate::render_cache::{self, RenderCache};
use crate::security::{self, CspNonce, SiteSecurity};
use app::app::{App, shell};
use app::ssr::auth::{self, SignInLimiter, password, session_store::DbSessionStore};
use app::ssr::db::{Database, OpenError};
use app::ssr::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use leptos::config::{Env, LeptosOptions};
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Instrument;

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Why the server could not start, in one line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Configuration.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The database.
    #[error(transparent)]
    Database(#[from] OpenError),
    /// The address.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Serving failed after start.
    #[error("the server stopped with an error: {0}")]
    Serve(std::io::Error),
}

/// Leptos' options for a site root, without reading `Cargo.toml` (the binary must run
/// without the source tree).
pub fn leptos_options(site_root: &Path, addr: SocketAddr) -> LeptosOptions {
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") | Ok("dev") | Ok("development") => Env::DEV,
        _ => Env::PROD,
    };
    LeptosOptions::builder()
        .output_name("concordat")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(env)
        .build()
}

/// Opens the database and applies pending migrations.
pub async fn open_database(config: &Config) -> Result<Database, OpenError> {
    let db = Database::connect(&config.database_url, config.max_connections).await?;
    db.migrate().await?;
    Ok(db)
}

/// The whole application as an axum router.
///
/// Layers, outermost first: security headers and the CSP nonce (so that static files, 404s
/// and errors get them too), static assets, the render cache (signed-out reads answered
/// from memory; see [`render_cache`]), request id, tracing, the cross-site request check,
/// the client address, the body limit, cookies and sessions, session upkeep.
pub fn router(state: AppState) -> Router {
    let cache = Arc::new(RenderCache::default());
    let site = Arc::new(SiteSecurity::new(&state.site_url, state.trusted_proxy));
    let limiter = SignInLimiter::default();
    let routes = generate_route_list(App);
    let context = LeptosContext {
        state: state.clone(),
        limiter,
    };
    let app_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let site_root = state.leptos_options.site_root.to_string();
    let static_files = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(if site.https {
            "__Host-concordat_session"
        } else {
            "concordat_session"
        })
        .with_secure(site.https)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(auth::IDLE_LIFETIME));

    Router::new()
        .route("/healthz", get(healthz))
        .route("/p/{slug}/participation.csv", get(crate::exports::participation_csv))
        .route("/p/{slug}/commitments.csv", get(crate::exports::commitments_csv))
        .route("/p/{slug}/groups/{group}/motions.ics", get(crate::exports::group_motions_ics))
        .route("/p/{slug}/feed.atom", get(crate::feeds::partnership_atom))
        .nest("/api/v1", crate::api_v1::routes())
        .leptos_routes_with_context(&state, routes, context.provider(), app_shell)
        .fallback(static_or_not_found)
        .with_state(state.clone())
        .layer(axum::middleware::from_fn(security::session_upkeep))
        .layer(sessions)
        .layer(Extension(context))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(site.clone(), security::client_address))
        .layer(axum::middleware::from_fn_with_state(site.clone(), security::refuse_cross_site))
        .layer(PropagateRequestIdLayer::new(HeaderName::from_static("x-request-id")))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            let id = req
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(HeaderName::from_static("x-request-id"), MakeRequestUuid))
        .layer(axum::middleware::from_fn_with_state(cache, render_cache::serve_cached))
        .layer(axum::middleware::from_fn(move |req, next| static_files_first(req, next, static_files.clone())))
        .layer(axum::middleware::from_fn_with_state(site, security::security_headers))
}

/// What every page render and server function finds in its Leptos context: the state, the
/// per-address sign-in limiter, and the request's CSP nonce (as Leptos' own nonce, so that
/// the hydration scripts carry the nonce of the header).
#[derive(Clone)]
struct LeptosContext {
    state: AppState,
    limiter: SignInLimiter,
}

impl LeptosContext {
    fn provide(&self) {
        provide_context(self.state.clone());
        provide_context(self.limiter.clone());
        let nonce = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
        if let Some(nonce) = nonce {
            provide_context(Nonce::from_value(nonce.0));
        }
    }

    fn provider(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let context = self.clone();
        move || context.provide()
    }
}

/// Serves a compiled asset when one exists at the path; everything else goes to the app.
async fn static_files_first(
    req: Request<Body>,
    next: axum::middleware::Next,
    files: ServeDir,
) -> Response {
    let path = req.uri().path();
    let is_asset = path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/favicon.ico";
    if is_asset && req.method() == axum::http::Method::GET {
        match files.oneshot(req).await {
            Ok(res) => return res.map(Body::new),
            Err(err) => match err {},
        }
    }
    next.run(req).await
}

/// Anything no route matched: the application's 404 page.
async fn static_or_not_found(
    State(state): State<AppState>,
    Extension(context): Extension<LeptosContext>,
    req: Request<Body>,
) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(context.provider(), move || {
        shell(options.clone())
    });
    let mut res = handler(req).await;
    if res.status() == StatusCode::OK {
        *res.status_mut() = StatusCode::NOT_FOUND;
    }
    res
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], "ok").into_response(),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CACHE_CONTROL, "no-store")],
                "database unavailable",
            )
                .into_response()
        }
    }
}

/// A running server: where it listens and how to stop it.
pub struct Running {
    /// The bound address (the real port when asked for port 0).
    pub addr: SocketAddr,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<Result<(), std::io::Error>>,
    /// Publishes and adopts changes for the render cache.
    follower: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Asks the server to stop, and waits until in-flight requests have finished.
    pub async fn stop(self) -> Result<(), StartError> {
        let _ = self.shutdown.send(());
        let result = self.task.await;
        self.follower.abort();
        match result {
            Ok(result) => result.map_err(StartError::Serve),
            Err(join) => Err(StartError::Serve(std::io::Error::other(join.to_string()))),
        }
    }
}

/// Binds `addr` and serves `state` in the background until [`Running::stop`].
pub async fn spawn(state: AppState, addr: SocketAddr) -> Result<Running, StartError> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Listen { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| StartError::Listen { addr, source })?;
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let state_db = state.db.clone();
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let follower = tokio::spawn(
        render_cache::follow_other_servers(state_db, render_cache::FOLLOW_EVERY)
            .instrument(tracing::info_span!(render_cache::FOLLOWER_SPAN)),
    );
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Running {
        addr,
        shutdown,
        task,
        follower,
    })
}

/// `concordat serve`: opens the database, serves until SIGTERM or Ctrl-C, then finishes
/// in-flight requests and closes the pool.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let db = open_database(&config).await?;
    tracing::info!(backend = db.backend().name(), "database ready");
    let state = AppState {
        leptos_options: leptos_options(&config.site_root, config.addr),
        db: db.clone(),
        site_url: config.site_url.trim_end_matches('/').to_owned(),
        trusted_proxy: config.trusted_proxy,
    };
    // The first sign-in attempt for an unknown account must not cost more than the others.
    password::warm_up().await;
    let cleanup = tokio::spawn(delete_expired_sessions_every(
        DbSessionStore::new(db.clone()),
        SESSION_CLEANUP_EVERY,
    ));
    let deadlines = tokio::spawn(close_due_motions_every(db.clone(), MOTION_DEADLINES_EVERY));
    let reminders = tokio::spawn(notify_due_every(
        db.clone(),
        state.site_url.clone(),
        NOTIFICATION_SWEEP_EVERY,
    ));
    let mailer = match &config.smtp_addr {
        Some(addr) => {
            tracing::info!(smtp = %addr, from = %config.mail_from, "sending the mail outbox");
            Some(tokio::spawn(mailer::send_every(
                db.clone(),
                SmtpConfig::new(addr.clone(), config.mail_from.clone()),
                mailer::SEND_EVERY,
            )))
        }
        None => {
            tracing::info!("CONCORDAT_SMTP_ADDR is not set: mail stays in the outbox");
            None
        }
    };
    let running = spawn(state, config.addr).await?;
    tracing::info!(addr = %running.addr, site_url = %config.site_url, "Concordat is listening");
    shutdown_signal().await;
    tracing::info!("shutting down: finishing in-flight requests");
    running.stop().await?;
    cleanup.abort();
    deadlines.abort();
    reminders.abort();
    if let Some(mailer) = mailer {
        mailer.abort();
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// How often `serve` deletes expired sessions.
pub const SESSION_CLEANUP_EVERY: Duration = Duration::from_secs(10 * 60);

/// Deletes expired sessions now and then, for ever (a task that `serve` starts).
pub async fn delete_expired_sessions_every(store: DbSessionStore, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match store.delete_expired().await {
            Ok(0) => {}
            Ok(n) => tracing::debug!(deleted = n, "expired sessions deleted"),
            Err(err) => tracing::warn!(error = %err, "could not delete expired sessions"),
        }
    }
}

/// How often `serve` closes motions whose deadline has passed. Pages close a due motion
/// when they read it anyway; this makes the outcome (and a carried plan adoption) happen
/// even when nobody looks.
pub const MOTION_DEADLINES_EVERY: Duration = Duration::from_secs(30);

/// Closes due motions now and then, for ever (a task that `serve` starts). Several app
/// servers may run it at once: each motion closes once.
pub async fn close_due_motions_every(db: Database, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match app::ssr::voting::close_due_motions(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(closed = n, "motions closed at their deadline"),
            Err(err) => tracing::warn!(error = %err, "could not close due motions"),
        }
    }
}

/// How often `serve` looks for what has become due with time: motions closing within 48
/// hours that an organisation has not voted on, commitments past their due date.
pub const NOTIFICATION_SWEEP_EVERY: Duration = Duration::from_secs(60);

/// Notifies, now and then, for ever, whoever is to be told of what has become due (a task
/// that `serve` starts; `app::ssr::notify::sweep` does one round). Several app servers may
/// run it at once: each person is told of each event once.
pub async fn notify_due_every(db: Database, site_url: String, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match app::ssr::notify::sweep(&db, &site_url, app::domain::Timestamp::now()).await {
            Ok(report) if report.notified > 0 => {
                tracing::info!(notified = report.notified, "due notifications written")
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "could not write due notifications"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
