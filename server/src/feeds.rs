//! News feeds served outside Leptos: the Atom feed of a partnership's publications,
//! decisions and progress. Like the exports, the handler reads the session itself (a feed
//! reader has none and sees what the public sees) and calls the same builder the API uses.

use app::api::open_data::build_feed;
use app::error::AppError;
use app::ssr::access;
use app::ssr::auth;
use app::ssr::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `GET /p/{slug}/feed.atom`: the partnership's news as Atom. 404 for a partnership that
/// does not exist or that the requester may not see.
pub async fn partnership_atom(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Response {
    let person_id = auth::session_person_id(&session).await;
    let feed = match access::for_person(&state.db, person_id).await {
        Ok(viewer) => build_feed(&state.db, &viewer, &slug, &state.site_url).await,
        Err(err) => Err(err),
    };
    match feed {
        Ok(text) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (
                    header::CACHE_CONTROL,
                    if person_id.is_some() {
                        "private, no-store"
                    } else {
                        "public, max-age=300"
                    },
                ),
            ],
            text,
        )
            .into_response(),
        Err(AppError::NotFound) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "not found",
        )
            .into_response(),
        Err(err) => (
            err.status_code(),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            err.to_string(),
        )
            .into_response(),
    }
}
