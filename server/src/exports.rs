//! File exports served outside Leptos: plain axum handlers that read the session
//! themselves, build the viewer with `app::ssr::access::for_person`, and call the same report
//! builders as the pages, so that a download and its page always agree.

use app::api::commitments::build_commitments_csv;
use app::api::motions::build_group_calendar;
use app::api::participation::build_report;
use app::error::AppError;
use app::ssr::access;
use app::ssr::auth;
use app::ssr::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `GET /p/{slug}/participation.csv`: the participation report of a partnership as CSV,
/// counted on the bodies the requester may see. 404 for a partnership that does not exist
/// or that the requester may not see.
pub async fn participation_csv(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Response {
    let person_id = auth::session_person_id(&session).await;
    let report = match access::for_person(&state.db, person_id).await {
        Ok(viewer) => build_report(&state.db, &viewer, &slug).await,
        Err(err) => Err(err),
    };
    match report {
        Ok(report) => csv_response(report.participation.to_csv(), &report.csv_file_name()),
        Err(err) => error_response(&err),
    }
}

/// `GET /p/{slug}/commitments.csv`: the commitments of a partnership the requester may see,
/// as CSV (cells that a spreadsheet would run as formulas are neutralised). 404 for a
/// partnership that does not exist or that the requester may not see.
pub async fn commitments_csv(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Response {
    let person_id = auth::session_person_id(&session).await;
    let export = match access::for_person(&state.db, person_id).await {
        Ok(viewer) => build_commitments_csv(&state.db, &viewer, &slug).await,
        Err(err) => Err(err),
    };
    match export {
        Ok((csv, file_name)) => csv_response(csv, &file_name),
        Err(err) => error_response(&err),
    }
}

/// A CSV download under `file_name` (a checked slug and a fixed suffix).
fn csv_response(csv: String, file_name: &str) -> Response {
    let disposition = ["attachment; filename=\"", file_name, "\""].concat();
    let mut res = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        csv,
    )
        .into_response();
    // The name is made of a checked slug, so this cannot fail; should it, the download
    // still works under the browser's own name.
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    res
}

/// `GET /p/{slug}/groups/{group}/motions.ics`: the iCalendar feed of the group's open
/// motions the requester may see, one event per voting window (a calendar subscribed
/// without a session sees the public ones). 404 for a group that does not exist or that the
/// requester may not see.
pub async fn group_motions_ics(
    State(state): State<AppState>,
    session: Session,
    Path((slug, group)): Path<(String, String)>,
) -> Response {
    let person_id = auth::session_person_id(&session).await;
    let feed = match access::for_person(&state.db, person_id).await {
        Ok(viewer) => {
            build_group_calendar(&state.db, &viewer, &slug, &group, &state.site_url).await
        }
        Err(err) => Err(err),
    };
    match feed {
        Ok(text) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            text,
        )
            .into_response(),
        Err(err) => error_response(&err),
    }
}

/// A plain-text answer with the error's status; internal detail was logged where it arose.
fn error_response(err: &AppError) -> Response {
    let status = err.status_code();
    let message = match err {
        AppError::NotFound => "not found".to_owned(),
        other => other.to_string(),
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}
