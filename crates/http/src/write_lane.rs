//! On SQLite, writes run on a thread of their own, so that the one write transaction SQLite
//! allows at a time is not stretched by readers' work.
//!
//! SQLite's writers take turns (`eventmgr_store::Tx`). A write transaction is about ten
//! statements, and between two of them its task waits to be polled again. On the shared
//! runtime it waited behind every reader task that was ready — tree rendering, JSON, gzip —
//! so under the benchmark's team mix (`bench team`, 64 users, size M) a write held the turn
//! for 5.8 ms of wall time for well under a millisecond of work, and writes were capped at
//! ~170/s with p50 340 ms in the writers' queue. Here each write request runs on a
//! single-threaded runtime on its own OS thread: the kernel schedules that mostly idle
//! thread as soon as it wakes, whatever the readers are doing.
//!
//! Only small writes take the lane: JSON or bodiless requests other than GET, HEAD and
//! OPTIONS. Uploads and spreadsheet imports stream and parse large bodies and stay on the
//! shared runtime, where their work cannot hold up the other writes. PostgreSQL has no
//! single writer and no lane.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::runtime::Handle;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tracing::Instrument;

use crate::problem::ApiError;
use crate::request_id;

/// The writers' runtime; its thread ends when the last router holding it is dropped.
#[derive(Clone)]
pub struct WriteLane {
    inner: Arc<LaneThread>,
}

struct LaneThread {
    handle: Handle,
    /// Dropping it (with the last [`WriteLane`]) lets the thread's runtime shut down.
    _stop: oneshot::Sender<()>,
}

impl WriteLane {
    /// Starts the thread and its runtime.
    pub fn start() -> std::io::Result<WriteLane> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .thread_name("eventmgr-writes")
            .build()?;
        let handle = runtime.handle().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        std::thread::Builder::new()
            .name("eventmgr-writes".to_owned())
            .spawn(move || {
                // Either a send or the sender's drop ends the wait.
                let _ = runtime.block_on(stopped);
            })?;
        Ok(WriteLane {
            inner: Arc::new(LaneThread {
                handle,
                _stop: stop,
            }),
        })
    }
}

/// Aborts the lane's task when the request's own future is dropped (the client went away,
/// the deadline passed): the write is cancelled and rolled back, as it was before it ran on
/// another thread, instead of committing after its caller gave up.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Middleware: runs small writes on the lane; everything else passes through.
pub async fn middleware(
    State(lane): State<Option<WriteLane>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(lane) = lane else {
        return next.run(request).await;
    };
    if !is_small_write(&request) {
        return next.run(request).await;
    }
    // The request's id and log span go along: audit entries and log lines name the request.
    let work = request_id::carry(next.run(request)).instrument(tracing::Span::current());
    let mut task = AbortOnDrop(lane.inner.handle.spawn(work));
    match (&mut task.0).await {
        Ok(response) => response,
        // A panic goes on to the panic layer outside, as it would have without the lane.
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        // Cancelled: only when the lane's runtime is shutting down with the server.
        Err(_) => ApiError::Timeout.into_response(),
    }
}

fn is_small_write(request: &Request) -> bool {
    !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) && crate::write_race::holds_whole_body(request)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    fn thread_name() -> String {
        std::thread::current().name().unwrap_or("?").to_owned()
    }

    fn app(lane: Option<WriteLane>, flag: Arc<AtomicBool>) -> Router {
        Router::new()
            .route(
                "/name",
                get(|| async { thread_name() }).post(|| async { thread_name() }),
            )
            .route(
                "/id",
                axum::routing::post(|| async { request_id::current().unwrap_or_default() }),
            )
            .route(
                "/slow",
                axum::routing::post(move || {
                    let flag = flag.clone();
                    async move {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        flag.store(true, Ordering::SeqCst);
                        "done"
                    }
                }),
            )
            .layer(axum::middleware::from_fn_with_state(lane, middleware))
            .layer(axum::middleware::from_fn(request_id::middleware))
    }

    async fn body_text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn request(method: &str, uri: &str) -> Request<Body> {
        Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap()
    }

    #[tokio::test]
    async fn small_writes_run_on_the_lane_and_reads_do_not() {
        let lane = WriteLane::start().unwrap();
        let app = app(Some(lane), Arc::default());
        let write = app.clone().oneshot(request("POST", "/name")).await.unwrap();
        assert_eq!(body_text(write).await, "eventmgr-writes");
        let read = app.clone().oneshot(request("GET", "/name")).await.unwrap();
        assert_ne!(body_text(read).await, "eventmgr-writes");
        // A body that is neither JSON nor empty (an upload) stays on the shared runtime.
        let upload = Request::builder()
            .method("POST")
            .uri("/name")
            .header("content-type", "multipart/form-data; boundary=x")
            .header("content-length", "3")
            .body(Body::from("abc"))
            .unwrap();
        let upload = app.oneshot(upload).await.unwrap();
        assert_ne!(body_text(upload).await, "eventmgr-writes");
    }

    /// Audit entries and log lines of a write name its request, as they did before the lane.
    #[tokio::test]
    async fn a_write_on_the_lane_keeps_its_request_id() {
        let app = app(Some(WriteLane::start().unwrap()), Arc::default());
        let request = Request::builder()
            .method("POST")
            .uri("/id")
            .header(request_id::HEADER, "req-42")
            .body(Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(body_text(response).await, "req-42");
    }

    #[tokio::test]
    async fn without_a_lane_writes_stay_on_the_shared_runtime() {
        let response = app(None, Arc::default())
            .oneshot(request("POST", "/name"))
            .await
            .unwrap();
        assert_ne!(body_text(response).await, "eventmgr-writes");
    }

    /// A caller that gives up (client gone, deadline passed) cancels the write on the lane,
    /// as dropping the handler's future did before writes had a lane.
    #[tokio::test]
    async fn a_dropped_request_cancels_its_write() {
        let lane = WriteLane::start().unwrap();
        let flag = Arc::new(AtomicBool::new(false));
        let app = app(Some(lane), flag.clone());
        let cut = tokio::time::timeout(
            Duration::from_millis(20),
            app.clone().oneshot(request("POST", "/slow")),
        )
        .await;
        assert!(cut.is_err());
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(
            !flag.load(Ordering::SeqCst),
            "the write ran on after its caller left"
        );
        // Not cut short, the same write completes.
        let response = app.oneshot(request("POST", "/slow")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(flag.load(Ordering::SeqCst));
    }

    /// The last router that holds the lane lets it go (and with it, its thread).
    #[tokio::test]
    async fn the_router_lets_the_lane_go() {
        let lane = WriteLane::start().unwrap();
        let weak = Arc::downgrade(&lane.inner);
        drop(app(Some(lane), Arc::default()));
        assert!(weak.upgrade().is_none());
    }
}
