//! The open-data JSON API, version 1, under `/api/v1`: read-only, paginated, described by
//! an OpenAPI 3 document at `/api/v1/openapi.json` that is generated from these handlers and
//! the record types of `app::api::open_data` (so the document cannot drift from the code).
//!
//! A request without credentials reads as the public: only what is published and labelled
//! TLP:CLEAR. A request with `Authorization: Bearer <personal API token>` reads as the
//! token's owner, filtered by TLP by the same rule as the pages. Session cookies are not
//! used here, so a page can never be made to read the API as its visitor, and public answers
//! may be cached.

use app::api::open_data::{
    self, Commitment, Council, Decision, DirectContact, FocalPoint, Goal, Measure, Objective,
    Partnership, PlanVersion, ProgressUpdate, WorkingGroup,
};
use app::domain::Timestamp;
use app::error::AppError;
use app::ssr::access::{self, Viewer};
use app::ssr::db::api_tokens;
use app::ssr::state::AppState;
use app::ssr::tokens::hash_token;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

/// Items per page when the client does not say.
pub const DEFAULT_PER_PAGE: usize = 50;
/// The most items one page may hold.
pub const MAX_PER_PAGE: usize = 200;

/// The API's routes, relative to `/api/v1` (where the application's router nests them).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/partnerships", get(list_partnerships))
        .route("/partnerships/{slug}", get(get_partnership))
        .route("/partnerships/{slug}/councils", get(list_councils))
        .route(
            "/partnerships/{slug}/working-groups",
            get(list_working_groups),
        )
        .route("/partnerships/{slug}/focal-points", get(list_focal_points))
        .route(
            "/partnerships/{slug}/plan-versions",
            get(list_plan_versions),
        )
        .route(
            "/partnerships/{slug}/plan-versions/{number}/goals",
            get(list_goals),
        )
        .route(
            "/partnerships/{slug}/plan-versions/{number}/objectives",
            get(list_objectives),
        )
        .route("/partnerships/{slug}/commitments", get(list_commitments))
        .route("/partnerships/{slug}/commitments/{id}", get(get_commitment))
        .route(
            "/partnerships/{slug}/commitments/{id}/progress",
            get(list_progress_updates),
        )
        .route("/partnerships/{slug}/decisions", get(list_decisions))
        .fallback(api_not_found)
}

/// The OpenAPI document of this API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Concordat open data API",
        version = "1",
        description = "What a healthcare cybersecurity public-private partnership has \
            published: its councils, working groups, focal points, Sector-Specific Plan \
            versions, goals, objectives, commitments, progress and decisions. Without \
            credentials it answers with what the public may see (TLP:CLEAR). With a personal \
            API token (`Authorization: Bearer ...`, created on the account page) it answers \
            with what the token's owner may see. Lists are paginated with `page` and \
            `per_page`; a `Link` header names the next and previous pages."
    ),
    paths(
        openapi_json,
        list_partnerships,
        get_partnership,
        list_councils,
        list_working_groups,
        list_focal_points,
        list_plan_versions,
        list_goals,
        list_objectives,
        list_commitments,
        get_commitment,
        list_progress_updates,
        list_decisions,
    ),
    components(schemas(
        Partnership, Council, WorkingGroup, FocalPoint, DirectContact, PlanVersion, Goal,
        Objective, Measure, Commitment, ProgressUpdate, Decision, Pagination, ApiError,
        ApiErrorBody, PartnershipPage, CouncilPage, WorkingGroupPage, FocalPointPage,
        PlanVersionPage, GoalPage, ObjectivePage, CommitmentPage, ProgressUpdatePage,
        DecisionPage,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "registry", description = "Partnerships, councils, working groups and focal points"),
        (name = "plan", description = "Versions of the Sector-Specific Plan, goals and objectives"),
        (name = "commitments", description = "Commitments and their progress"),
        (name = "decisions", description = "What the working groups decided"),
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "personal_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal API token; the API then answers with what its owner may see.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Where a page sits in its list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Pagination {
    /// This page's number, from 1.
    pub page: usize,
    /// Items per page.
    pub per_page: usize,
    /// Items in the whole list.
    pub total: usize,
    /// Pages in the whole list (0 for an empty list).
    pub total_pages: usize,
    /// The next page's URL, absent on the last page.
    pub next: Option<String>,
    /// The previous page's URL, absent on the first page.
    pub prev: Option<String>,
}

macro_rules! page_of {
    ($name:ident, $item:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone, Debug, Serialize, ToSchema)]
        pub struct $name {
            /// The items of this page.
            pub data: Vec<$item>,
            /// Where this page sits in the list.
            pub pagination: Pagination,
        }

        impl Paged for $name {
            type Item = $item;
            fn new(data: Vec<$item>, pagination: Pagination) -> Self {
                Self { data, pagination }
            }
        }
    };
}

/// A page type of the API.
trait Paged: Serialize {
    type Item;
    fn new(data: Vec<Self::Item>, pagination: Pagination) -> Self;
}

page_of!(PartnershipPage, Partnership, "A page of partnerships.");
page_of!(CouncilPage, Council, "A page of councils.");
page_of!(WorkingGroupPage, WorkingGroup, "A page of working groups.");
page_of!(FocalPointPage, FocalPoint, "A page of focal points.");
page_of!(PlanVersionPage, PlanVersion, "A page of plan versions.");
page_of!(GoalPage, Goal, "A page of goals.");
page_of!(ObjectivePage, Objective, "A page of objectives.");
page_of!(CommitmentPage, Commitment, "A page of commitments.");
page_of!(
    ProgressUpdatePage,
    ProgressUpdate,
    "A page of progress updates."
);
page_of!(DecisionPage, Decision, "A page of decisions.");

/// What went wrong.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// A stable code: `not_found`, `invalid`, `unauthorized`, `internal`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// The query parameter or header at fault, for `invalid` and `unauthorized`.
    pub field: Option<String>,
}

/// An error answer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// The error.
    pub error: ApiError,
}

/// An error answer with its status.
#[derive(Debug)]
pub struct ApiFailure {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<&'static str>,
}

impl ApiFailure {
    fn invalid(field: &'static str, message: String) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "invalid",
            message,
            field: Some(field),
        }
    }

    fn not_found() -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: "There is no such record, or it is not visible to you.".to_owned(),
            field: None,
        }
    }

    fn bad_token() -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            message: "The API token is not valid: it is unknown, revoked or expired, or the \
                      Authorization header is not \"Bearer <token>\"."
                .to_owned(),
            field: Some("Authorization"),
        }
    }
}

impl From<AppError> for ApiFailure {
    fn from(err: AppError) -> Self {
        match err {
            // Not visible and not there are one answer, so that labels leak nothing.
            AppError::NotFound | AppError::Forbidden | AppError::Unauthenticated => {
                Self::not_found()
            }
            AppError::Invalid(fields) => {
                let message = fields
                    .values()
                    .flatten()
                    .next()
                    .cloned()
                    .unwrap_or_else(|| "the request is invalid".to_owned());
                Self {
                    status: StatusCode::BAD_REQUEST,
                    code: "invalid",
                    message,
                    field: None,
                }
            }
            // Logged where it arose; the client learns nothing of the inside.
            _ => Self {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                code: "internal",
                message: "Something went wrong on our side; please try again.".to_owned(),
                field: None,
            },
        }
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let body = ApiErrorBody {
            error: ApiError {
                status: self.status.as_u16(),
                code: self.code.to_owned(),
                message: self.message,
                field: self.field.map(str::to_owned),
            },
        };
        let mut res = (self.status, Json(body)).into_response();
        let headers = res.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        }
        res
    }
}

/// Who is asking: the public, or the owner of a valid personal API token.
pub struct ApiViewer {
    viewer: Viewer,
    with_token: bool,
}

impl FromRequestParts<AppState> for ApiViewer {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Self {
                viewer: Viewer::public(),
                with_token: false,
            });
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                let (scheme, token) = v.trim().split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then_some(token.trim())
            })
            .filter(|t| !t.is_empty() && t.len() <= 200)
            .ok_or_else(ApiFailure::bad_token)?;
        let mut conn = state
            .db
            .pool()
            .acquire()
            .await
            .map_err(|e| ApiFailure::from(AppError::from(app::ssr::db::DbError::from(e))))?;
        let person =
            api_tokens::authenticate_api_token(&mut conn, &hash_token(token), Timestamp::now())
                .await
                .map_err(|e| ApiFailure::from(AppError::from(e)))?
                .ok_or_else(ApiFailure::bad_token)?;
        drop(conn);
        let viewer = access::for_person(&state.db, Some(person)).await?;
        if !viewer.is_signed_in() {
            // The account was deactivated between the two reads.
            return Err(ApiFailure::bad_token());
        }
        Ok(Self {
            viewer,
            with_token: true,
        })
    }
}

/// The page asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The page number, from 1 (default 1).
    #[param(value_type = Option<u32>, minimum = 1, example = 1)]
    page: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200, example = 50)]
    per_page: Option<String>,
}

impl PageParams {
    /// The page number and size, or a clear error naming the parameter.
    fn parse(&self) -> Result<(usize, usize), ApiFailure> {
        let page = match self.page.as_deref().map(str::trim) {
            None | Some("") => 1,
            Some(text) => match text.parse::<usize>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(ApiFailure::invalid(
                        "page",
                        format!("page must be a whole number from 1, not {text:?}"),
                    ));
                }
            },
        };
        let per_page = match self.per_page.as_deref().map(str::trim) {
            None | Some("") => DEFAULT_PER_PAGE,
            Some(text) => match text.parse::<usize>() {
                Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => n,
                _ => {
                    return Err(ApiFailure::invalid(
                        "per_page",
                        format!(
                            "per_page must be a whole number from 1 to {MAX_PER_PAGE}, not {text:?}"
                        ),
                    ));
                }
            },
        };
        Ok((page, per_page))
    }
}

/// One page of `items` as the answer, with its pagination, a `Link` header and caching
/// that suits the requester.
fn page_response<P: Paged>(
    who: &ApiViewer,
    path: &str,
    params: &PageParams,
    items: Vec<P::Item>,
) -> Result<Response, ApiFailure> {
    let (page, per_page) = params.parse()?;
    let total = items.len();
    let total_pages = total.div_ceil(per_page);
    let url = |n: usize| format!("{path}?page={n}&per_page={per_page}");
    let next = (page < total_pages).then(|| url(page + 1));
    let prev = (page > 1).then(|| url((page - 1).min(total_pages.max(1))));
    let data: Vec<P::Item> = items
        .into_iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .collect();
    let mut links = Vec::new();
    if let Some(next) = &next {
        links.push(format!("<{next}>; rel=\"next\""));
    }
    if let Some(prev) = &prev {
        links.push(format!("<{prev}>; rel=\"prev\""));
    }
    let body = P::new(
        data,
        Pagination {
            page,
            per_page,
            total,
            total_pages,
            next,
            prev,
        },
    );
    let mut res = json_response(who, &body);
    if !links.is_empty()
        && let Ok(value) = HeaderValue::from_str(&links.join(", "))
    {
        res.headers_mut().insert(header::LINK, value);
    }
    Ok(res)
}

/// A JSON answer: cacheable for a minute when public, never stored when read with a token.
fn json_response<T: Serialize>(who: &ApiViewer, body: &T) -> Response {
    let mut res = Json(body).into_response();
    let headers: &mut HeaderMap = res.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if who.with_token {
            "private, no-store"
        } else {
            "public, max-age=60"
        }),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Authorization"));
    res
}

/// `GET /api/v1/...` with no such route.
async fn api_not_found() -> ApiFailure {
    ApiFailure::not_found()
}

/// The OpenAPI 3 document of this API.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "registry",
    responses((status = 200, description = "The OpenAPI 3 document of this API", content_type = "application/json"))
)]
async fn openapi_json() -> Response {
    let mut res = Json(ApiDoc::openapi()).into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    res
}

/// Partnerships.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships",
    tag = "registry",
    params(PageParams),
    responses(
        (status = 200, description = "The partnerships visible to the requester, by name", body = PartnershipPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_partnerships(
    State(state): State<AppState>,
    who: ApiViewer,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let items = open_data::list_partnerships(&state.db, &who.viewer).await?;
    page_response::<PartnershipPage>(&who, "/api/v1/partnerships", &params, items)
}

/// One partnership.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}",
    tag = "registry",
    params(("slug" = String, Path, description = "The partnership's URL key")),
    responses(
        (status = 200, description = "The partnership", body = Partnership),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such partnership visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn get_partnership(
    State(state): State<AppState>,
    who: ApiViewer,
    Path(slug): Path<String>,
) -> Result<Response, ApiFailure> {
    let item = open_data::get_partnership(&state.db, &who.viewer, &slug).await?;
    Ok(json_response(&who, &item))
}

/// A partnership's councils.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/councils",
    tag = "registry",
    params(("slug" = String, Path, description = "The partnership's URL key"), PageParams),
    responses(
        (status = 200, description = "The councils visible to the requester, GCC first", body = CouncilPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such partnership visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_councils(
    State(state): State<AppState>,
    who: ApiViewer,
    Path(slug): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let items = open_data::list_councils(&state.db, &who.viewer, &slug).await?;
    let path = format!("/api/v1/partnerships/{slug}/councils");
    page_response::<CouncilPage>(&who, &path, &params, items)
}

/// A partnership's working groups.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/working-groups",
    tag = "registry",
    params(("slug" = String, Path, description = "The partnership's URL key"), PageParams),
    responses(
        (status = 200, description = "The working groups visible to the requester, by name", body = WorkingGroupPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such partnership visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_working_groups(
    State(state): State<AppState>,
    who: ApiViewer,
    Path(slug): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let items = open_data::list_working_groups(&state.db, &who.viewer, &slug).await?;
    let path = format!("/api/v1/partnerships/{slug}/working-groups");
    page_response::<WorkingGroupPage>(&who, &path, &params, items)
}

/// A partnership's focal points.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/focal-points",
    tag = "registry",
    params(("slug" = String, Path, description = "The partnership's URL key"), PageParams),
    responses(
        (status = 200, description = "Focal points, current terms first; direct contacts only where their label lets the requester see them", body = FocalPointPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such partnership visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_focal_points(
    State(state): State<AppState>,
    who: ApiViewer,
    Path(slug): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let items = open_data::list_focal_points(&state.db, &who.viewer, &slug).await?;
    let path = format!("/api/v1/partnerships/{slug}/focal-points");
    page_response::<FocalPointPage>(&who, &path, &params, items)
}

/// The versions of a partnership's Sector-Specific Plan.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/plan-versions",
    tag = "plan",
    params(("slug" = String, Path, description = "The partnership's URL key"), PageParams),
    responses(
        (status = 200, description = "The plan versions the requester may read (the public: published and superseded ones), newest first", body = PlanVersionPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such partnership or plan visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_plan_versions(
    State(state): State<AppState>,
    who: ApiViewer,
    Path(slug): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let items = open_data::list_plan_versions(&state.db, &who.viewer, &slug).await?;
    let path = format!("/api/v1/partnerships/{slug}/plan-versions");
    page_response::<PlanVersionPage>(&who, &path, &params, items)
}

/// The goals of a plan version.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/plan-versions/{number}/goals",
    tag = "plan",
    params(
        ("slug" = String, Path, description = "The partnership's URL key"),
        ("number" = i64, Path, description = "The version's number"),
        PageParams,
    ),
    responses(
        (status = 200, description = "The version's goals the requester may see, in order, with their progress", body = GoalPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such version readable by the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_goals(
    State(state): State<AppState>,
    who: ApiViewer,
    Path((slug, number)): Path<(String, String)>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let n = version_number(&number)?;
    let items = open_data::list_goals(&state.db, &who.viewer, &slug, n).await?;
    let path = format!("/api/v1/partnerships/{slug}/plan-versions/{n}/goals");
    page_response::<GoalPage>(&who, &path, &params, items)
}

/// The objectives of a plan version.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/plan-versions/{number}/objectives",
    tag = "plan",
    params(
        ("slug" = String, Path, description = "The partnership's URL key"),
        ("number" = i64, Path, description = "The version's number"),
        PageParams,
    ),
    responses(
        (status = 200, description = "The version's objectives the requester may see, in order, with their measures and progress", body = ObjectivePage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such version readable by the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_objectives(
    State(state): State<AppState>,
    who: ApiViewer,
    Path((slug, number)): Path<(String, String)>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let n = version_number(&number)?;
    let items = open_data::list_objectives(&state.db, &who.viewer, &slug, n).await?;
    let path = format!("/api/v1/partnerships/{slug}/plan-versions/{n}/objectives");
    page_response::<ObjectivePage>(&who, &path, &params, items)
}

/// A partnership's commitments.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/commitments",
    tag = "commitments",
    params(("slug" = String, Path, description = "The partnership's URL key"), PageParams),
    responses(
        (status = 200, description = "The commitments the requester may see, by due date", body = CommitmentPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such partnership visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_commitments(
    State(state): State<AppState>,
    who: ApiViewer,
    Path(slug): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let items = open_data::list_commitments(&state.db, &who.viewer, &slug).await?;
    let path = format!("/api/v1/partnerships/{slug}/commitments");
    page_response::<CommitmentPage>(&who, &path, &params, items)
}

/// One commitment.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/commitments/{id}",
    tag = "commitments",
    params(
        ("slug" = String, Path, description = "The partnership's URL key"),
        ("id" = i64, Path, description = "The commitment's identifier"),
    ),
    responses(
        (status = 200, description = "The commitment", body = Commitment),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such commitment visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn get_commitment(
    State(state): State<AppState>,
    who: ApiViewer,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, ApiFailure> {
    let id = record_id(&id)?;
    let item = open_data::get_commitment(&state.db, &who.viewer, &slug, id).await?;
    Ok(json_response(&who, &item))
}

/// The progress updates of a commitment.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/commitments/{id}/progress",
    tag = "commitments",
    params(
        ("slug" = String, Path, description = "The partnership's URL key"),
        ("id" = i64, Path, description = "The commitment's identifier"),
        PageParams,
    ),
    responses(
        (status = 200, description = "The progress updates the requester may see, latest first", body = ProgressUpdatePage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such commitment visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_progress_updates(
    State(state): State<AppState>,
    who: ApiViewer,
    Path((slug, id)): Path<(String, String)>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let id = record_id(&id)?;
    let items = open_data::list_progress_updates(&state.db, &who.viewer, &slug, id).await?;
    let path = format!("/api/v1/partnerships/{slug}/commitments/{id}/progress");
    page_response::<ProgressUpdatePage>(&who, &path, &params, items)
}

/// What a partnership's working groups decided.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/decisions",
    tag = "decisions",
    params(("slug" = String, Path, description = "The partnership's URL key"), PageParams),
    responses(
        (status = 200, description = "Closed motions the requester may see, latest first, with their outcome and tally", body = DecisionPage),
        (status = 400, description = "A query parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "The API token is not valid", body = ApiErrorBody),
        (status = 404, description = "No such partnership visible to the requester", body = ApiErrorBody),
    ),
    security((), ("personal_token" = []))
)]
async fn list_decisions(
    State(state): State<AppState>,
    who: ApiViewer,
    Path(slug): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiFailure> {
    let items = open_data::list_decisions(&state.db, &who.viewer, &slug).await?;
    let path = format!("/api/v1/partnerships/{slug}/decisions");
    page_response::<DecisionPage>(&who, &path, &params, items)
}

/// A version number from the path: a positive whole number, or 404 (no such version).
fn version_number(text: &str) -> Result<i64, ApiFailure> {
    text.parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(ApiFailure::not_found)
}

/// A record id from the path: a positive whole number, or 404 (no such record).
fn record_id(text: &str) -> Result<i64, ApiFailure> {
    version_number(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(page: Option<&str>, per_page: Option<&str>) -> PageParams {
        PageParams {
            page: page.map(str::to_owned),
            per_page: per_page.map(str::to_owned),
        }
    }

    #[test]
    fn pages_default_and_refuse_nonsense_naming_the_parameter() {
        assert_eq!(params(None, None).parse().ok(), Some((1, DEFAULT_PER_PAGE)));
        assert_eq!(params(Some("3"), Some("10")).parse().ok(), Some((3, 10)));
        for (page, per_page, field) in [
            (Some("0"), None, "page"),
            (Some("-1"), None, "page"),
            (Some("two"), None, "page"),
            (None, Some("0"), "per_page"),
            (None, Some("201"), "per_page"),
            (None, Some("1e3"), "per_page"),
        ] {
            let err = params(page, per_page).parse().expect_err("refused");
            assert_eq!(err.field, Some(field));
            assert_eq!(err.status, StatusCode::BAD_REQUEST);
        }
    }

    #[test]
    fn the_document_lists_every_route_with_its_schemas() {
        let doc = serde_json::to_value(ApiDoc::openapi()).expect("serialises");
        let paths = doc["paths"].as_object().expect("paths");
        assert_eq!(paths.len(), 13);
        assert!(paths.contains_key("/api/v1/partnerships/{slug}/plan-versions/{number}/goals"));
        assert!(doc["components"]["schemas"]["CommitmentPage"].is_object());
        assert!(doc["components"]["securitySchemes"]["personal_token"].is_object());
    }
}
