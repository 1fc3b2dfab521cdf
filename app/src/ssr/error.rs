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
