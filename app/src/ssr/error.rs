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
pub fn respond_with(err: AppError) -> AppError {
    if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(err.status_code());
    }
    err
}
