//! Turning internal failures into client-safe [`AppError`]s, logging the detail here.

use crate::error::AppError;
use crate::ssr::db::DbError;

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::NotFound => AppError::NotFound,
            DbError::Conflict(message) => AppError::Conflict(message),
            DbError::Sqlx(source) => {
                tracing::error!(error = %source, "database error");
                AppError::Internal
            }
            DbError::Corrupt(detail) => {
                tracing::error!(%detail, "unreadable row in the database");
                AppError::Internal
            }
        }
    }
}

/// Runs a server function's work as a task of its own (under the caller's reactive owner,
/// so that it sees the request's context), then shapes its error with [`respond_with`].
///
/// Why a task: a page renders its `Suspend`s by polling each future once and then, in
/// order, to completion. A future polled once and set aside can hold its place in the
/// connection pool's fair queue, or a connection, while the request that would poll it
/// waits on an earlier part of the page for a connection: with more pages rendering at
/// once than the pool has connections, they wait on each other until acquisitions time
/// out. A task of its own is always polled, takes a connection, uses it and gives it back.
///
/// The task ends with its caller: a part the page drops unrendered does not go on using the
/// database.
pub async fn serve<T: Send + 'static>(
    work: impl Future<Output = Result<T, AppError>> + Send + 'static,
) -> Result<T, AppError> {
    let mut task = AbortOnDrop(tokio::spawn(
        leptos::reactive::computed::ScopedFuture::new_untracked(work),
    ));
    match (&mut task.0).await {
        Ok(result) => result.map_err(respond_with),
        Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
        Err(_) => Err(respond_with(AppError::Internal)),
    }
}

/// A task that is cancelled when its handle is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Sets the HTTP status of the current server-function response from an error, so that
/// clients (and tests) see 404, 403, 422 … rather than a blanket 500.
///
/// Not for a plain HTML form post (a browser without JavaScript, or a page's plain form):
/// server_fn answers those with a redirect back to the form, the error encoded in the
/// query (`__err`), which the page shows next to the fields (see
/// `components::form_feedback`); a 4xx status would stop the browser from following it.
pub fn respond_with(err: AppError) -> AppError {
    use leptos::prelude::use_context;
    let is_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.method == http::Method::POST
            && parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
    });
    if !is_form_post && let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(err.status_code());
    }
    err
}
