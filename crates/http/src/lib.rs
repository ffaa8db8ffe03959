//! HTTP edge of Event Manager: axum routers per feature, the extractors and middleware that
//! implement the API conventions once for everyone (problem+json, request ids, pagination,
//! versions, idempotency, limits), metrics and the OpenAPI document.

pub mod extract;
mod linger;
pub mod metrics;
mod middleware;
mod negotiate;
pub mod openapi;
pub mod problem;
pub mod request_id;
pub mod routes;
pub mod web;
mod write_lane;
mod write_race;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use eventmgr_app::{App, AppError};
use tower::ServiceBuilder;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::problem::ApiError;

/// JSON bodies above this size are refused with 413.
pub const JSON_BODY_LIMIT: usize = 1024 * 1024;

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub metrics: Arc<metrics::Metrics>,
}

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// A request that takes longer is answered with 503.
    pub request_timeout: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            request_timeout: Duration::from_secs(30),
        }
    }
}

fn api_v1(state: AppState, write_lane: Option<write_lane::WriteLane>) -> Router<AppState> {
    use axum::routing::{delete, patch};
    use routes::{auth, clients, members, projects, users};
    // Everything under /projects/{id}: the project guard runs first, before any body is read,
    // so an outsider gets 404 and a read-only member 403 whatever the route does. Routes
    // added here cannot forget it.
    let project_scoped = Router::new()
        .route(
            "/projects/{id}",
            get(projects::get)
                .patch(projects::update)
                .delete(projects::delete),
        )
        .route("/projects/{id}/restore", post(projects::restore))
        .route("/projects/{id}/transition", post(projects::transition))
        .route(
            "/projects/{id}/workflow-stages",
            get(routes::stages::list).post(routes::stages::create),
        )
        .route(
            "/projects/{id}/tasks",
            get(routes::tasks::list).post(routes::tasks::create),
        )
        .route("/projects/{id}/schedule", get(routes::tasks::schedule))
        .route(
            "/projects/{id}/boards",
            get(routes::kanban::list_boards).post(routes::kanban::create_board),
        )
        .route("/projects/{id}/events", get(routes::events::stream))
        .route(
            "/projects/{id}/members",
            get(members::list).post(members::add),
        )
        .route("/projects/{id}/summary", get(projects::summary))
        .route(
            "/projects/{id}/bom-items",
            get(routes::bom::list).post(routes::bom::create),
        )
        .route(
            "/projects/{id}/bom-items/import",
            post(routes::bom::import).layer(DefaultBodyLimit::max(routes::bom::IMPORT_BODY_LIMIT)),
        )
        .route("/projects/{id}/bom-items/export", get(routes::bom::export))
        .route(
            "/projects/{id}/files",
            get(routes::files::list).post(routes::files::upload),
        )
        .route(
            "/projects/{id}/permits",
            get(routes::permits::list).post(routes::permits::create),
        )
        .route(
            "/projects/{id}/logistics",
            get(routes::logistics::list).post(routes::logistics::create),
        )
        .route(
            "/projects/{id}/members/{user_id}",
            patch(members::update).delete(members::remove),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::project_guard,
        ));
    // Records addressed by their own id but owned by a project: the same guard, after
    // looking up the project. The kind comes from the first path segment.
    let project_owned = Router::new()
        .route(
            "/bom-items/{id}",
            get(routes::bom::get)
                .patch(routes::bom::update)
                .delete(routes::bom::delete),
        )
        .route(
            "/permits/{id}",
            get(routes::permits::get)
                .patch(routes::permits::update)
                .delete(routes::permits::delete),
        )
        .route(
            "/logistics/{id}",
            get(routes::logistics::get)
                .patch(routes::logistics::update)
                .delete(routes::logistics::delete),
        )
        .route(
            "/tasks/{id}",
            get(routes::tasks::get)
                .patch(routes::tasks::update)
                .delete(routes::tasks::delete),
        )
        .route(
            "/tasks/{id}/dependencies",
            get(routes::tasks::dependencies).post(routes::tasks::add_dependency),
        )
        .route(
            "/tasks/{id}/dependencies/{depends_on_id}",
            delete(routes::tasks::remove_dependency),
        )
        .route(
            "/workflow-stages/{id}",
            get(routes::stages::get)
                .patch(routes::stages::update)
                .delete(routes::stages::delete),
        )
        .route(
            "/boards/{id}",
            get(routes::kanban::get_board)
                .patch(routes::kanban::update_board)
                .delete(routes::kanban::delete_board),
        )
        .route(
            "/boards/{id}/columns",
            get(routes::kanban::list_columns).post(routes::kanban::create_column),
        )
        .route(
            "/columns/{id}",
            get(routes::kanban::get_column)
                .patch(routes::kanban::update_column)
                .delete(routes::kanban::delete_column),
        )
        .route(
            "/columns/{id}/cards",
            get(routes::kanban::list_cards).post(routes::kanban::create_card),
        )
        .route(
            "/cards/{id}",
            get(routes::kanban::get_card)
                .patch(routes::kanban::update_card)
                .delete(routes::kanban::delete_card),
        )
        .route("/cards/{id}/move", post(routes::kanban::move_card))
        .route(
            "/files/{id}",
            get(routes::files::get)
                .patch(routes::files::update)
                .delete(routes::files::delete),
        )
        .route("/files/{id}/restore", post(routes::files::restore))
        .route("/files/{id}/content", get(routes::files::content))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::owned_guard,
        ));
    let protected = Router::new()
        .route("/auth/me", get(auth::me))
        .route("/auth/sse-ticket", post(auth::sse_ticket))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/password/change", post(auth::change_password))
        .route("/auth/mfa/setup", post(auth::mfa_setup))
        .route(
            "/auth/tokens",
            get(auth::list_tokens).post(auth::create_token),
        )
        .route("/auth/tokens/{id}", delete(auth::revoke_token))
        .route("/auth/mfa/enable", post(auth::mfa_enable))
        .route("/auth/mfa/disable", post(auth::mfa_disable))
        .route(
            "/auth/sessions",
            get(auth::sessions).delete(auth::revoke_all_sessions),
        )
        .route("/auth/sessions/{id}", delete(auth::revoke_session))
        .route("/users", get(users::list).post(users::create))
        .route(
            "/users/{id}",
            get(users::get).patch(users::update).delete(users::delete),
        )
        .route("/users/{id}/reset-link", post(auth::reset_link))
        .route("/roles", get(users::list_roles).post(users::create_role))
        .route(
            "/roles/{id}",
            get(users::get_role)
                .patch(users::update_role)
                .delete(users::delete_role),
        )
        .route("/audit-log", get(routes::audit_log::list))
        .route("/clients", get(clients::list).post(clients::create))
        .route(
            "/clients/{id}",
            get(clients::get)
                .patch(clients::update)
                .delete(clients::delete),
        )
        .route("/clients/{id}/restore", post(clients::restore))
        .route(
            "/suppliers",
            get(routes::suppliers::list).post(routes::suppliers::create),
        )
        .route(
            "/suppliers/{id}",
            get(routes::suppliers::get)
                .patch(routes::suppliers::update)
                .delete(routes::suppliers::delete),
        )
        .route("/suppliers/{id}/restore", post(routes::suppliers::restore))
        .route("/projects", get(projects::list).post(projects::create))
        .route("/tasks", get(routes::tasks::list_all))
        .route("/search", get(routes::search::search))
        .route("/statuses", get(routes::statuses::list))
        .route("/dashboard", get(routes::dashboard::get))
        .merge(project_scoped)
        .merge(project_owned)
        // Layers run bottom-up: authenticate first, then the idempotency check needs the
        // actor; a write that lost a race runs again inside it, so only its final answer
        // is kept for replay.
        .route_layer(axum::middleware::from_fn(write_race::rerun_raced_writes))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::idempotency,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state,
            middleware::require_auth,
        ))
        // Outermost, so that a write's authentication and guards run on the lane too.
        .route_layer(axum::middleware::from_fn_with_state(
            write_lane,
            write_lane::middleware,
        ));
    Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/refresh", post(auth::refresh))
        .route("/auth/password/reset-request", post(auth::reset_request))
        .route("/auth/password/reset", post(auth::reset_password))
        .merge(protected)
}

/// Answers 503 when producing a response takes longer than `limit` — except file uploads,
/// which take as long as their bytes take (they end on their size limit or when the client
/// stalls). Streamed answers (downloads, events) are bounded only until their head is sent.
async fn deadline(
    axum::extract::State(limit): axum::extract::State<Duration>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if routes::files::is_upload(&request) {
        return next.run(request).await;
    }
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout.into_response(),
    }
}

/// Compress what is worth it, but never file downloads: they are sent as stored, so that
/// `Content-Length`, `Range` and `ETag` mean the stored bytes.
fn compressible() -> impl tower_http::compression::Predicate {
    use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
    // Answers under 1 KiB go as they are: gzip saves a few hundred bytes on loopback-fast
    // networks and cost 5 % of the server's CPU on small reads (`bench probe`).
    SizeAbove::new(1024)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(
            |_: axum::http::StatusCode,
             _: axum::http::Version,
             headers: &axum::http::HeaderMap,
             _: &axum::http::Extensions| {
                !headers.contains_key(axum::http::header::ACCEPT_RANGES)
            },
        )
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
    ApiError::App(AppError::Internal("handler panicked".to_owned())).into_response()
}

/// The whole HTTP application.
pub fn router(app: App, settings: HttpSettings) -> Router {
    let write_lane = match app.store.backend() {
        eventmgr_app::store::Backend::Sqlite => match write_lane::WriteLane::start() {
            Ok(lane) => Some(lane),
            Err(error) => {
                // Writes still work on the shared runtime, only slower under load.
                tracing::warn!(%error, "could not start the writers' thread; writes share the runtime");
                None
            }
        },
        eventmgr_app::store::Backend::Postgres => None,
    };
    let state = AppState {
        app,
        metrics: Arc::new(metrics::Metrics::default()),
    };
    // One access-log line per request, carrying the request id like every line inside it.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &axum::http::Request<_>| {
            let id = request.headers().get(request_id::HEADER).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
        })
        .on_request(())
        .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Micros));
    Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .route("/metrics", get(metrics::render))
        .nest("/api/v1", api_v1(state.clone(), write_lane))
        .merge(SwaggerUi::new("/api/docs").url("/api/v1/openapi.json", openapi::ApiDoc::openapi()))
        .fallback(web::fallback)
        .method_not_allowed_fallback(middleware::method_not_allowed)
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(axum::middleware::from_fn(linger::middleware))
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn(request_id::middleware))
                .layer(trace)
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    metrics::middleware,
                ))
                // The fastest level: on the 527 KB BOM tree of a 1,000-line project, gzip's
                // default level took 3.5 ms of CPU, a third of the request (`bench probe`);
                // level 1 makes the answer a little larger for a fraction of that. The web
                // app's assets are compressed at build time, at the highest level.
                .layer(
                    CompressionLayer::new()
                        .quality(CompressionLevel::Fastest)
                        .compress_when(compressible()),
                )
                .layer(CatchPanicLayer::custom(panic_response))
                .layer(axum::middleware::from_fn_with_state(
                    settings.request_timeout,
                    deadline,
                )),
        )
        .with_state(state)
}
