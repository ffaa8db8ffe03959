//! `GET /projects/{id}/events`: live updates as Server-Sent Events.
//!
//! The stream subscribes to the process's hub *before* reading the backlog for a resuming
//! client (`Last-Event-ID` header, or `?last_event_id=`), so an event committed in between
//! arrives at least once; duplicates are dropped by feed id. A position older than the feed
//! keeps, or a subscriber that fell behind the hub, gets `event: reset`: refetch everything.
//! Streams end after [`MAX_STREAM`] so that access is re-checked on reconnect (browsers
//! reconnect by themselves and send `Last-Event-ID`); membership is also re-checked every
//! [`RECHECK`] while the stream is open.

use std::collections::{HashSet, VecDeque};
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use eventmgr_app::access::Need;
use eventmgr_app::live::{LiveEvent, Resume};
use eventmgr_app::{Actor, App};
use futures::Stream;
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::Instant;
use uuid::Uuid;

use crate::AppState;
use crate::extract::{ApiPath, ApiQuery, CurrentActor};
use crate::problem::ApiError;

const MAX_STREAM: Duration = Duration::from_secs(600);
const RECHECK: Duration = Duration::from_secs(30);

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Resume after this event id (what `Last-Event-ID` carries; the header wins).
    pub last_event_id: Option<i64>,
    /// A ticket from `POST /auth/sse-ticket`, for clients that cannot send the
    /// `Authorization` header (a browser's `EventSource`).
    pub ticket: Option<String>,
}

fn sse_event(event: &LiveEvent) -> Event {
    Event::default()
        .event(event.event_type.clone())
        .id(event.seq.to_string())
        .json_data(event)
        .unwrap_or_else(|_| Event::default().comment("unserialisable event"))
}

fn reset_event(project_id: Uuid) -> Event {
    Event::default()
        .event("reset")
        .data(serde_json::json!({ "type": "reset", "project_id": project_id }).to_string())
}

struct StreamState {
    app: App,
    actor: Actor,
    project_id: Uuid,
    receiver: broadcast::Receiver<LiveEvent>,
    closing: tokio::sync::watch::Receiver<bool>,
    pending: VecDeque<Event>,
    seen: HashSet<i64>,
    ends_at: Instant,
    next_check: Instant,
}

impl StreamState {
    async fn next_event(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            let wake = self.next_check.min(self.ends_at);
            if *self.closing.borrow() {
                return None;
            }
            tokio::select! {
                _ = self.closing.changed() => return None,
                received = self.receiver.recv() => match received {
                    Ok(event) => {
                        if event.project_id == self.project_id && self.seen.insert(event.seq) {
                            return Some(sse_event(&event));
                        }
                    }
                    Err(RecvError::Lagged(_)) => return Some(reset_event(self.project_id)),
                    Err(RecvError::Closed) => return None,
                },
                () = tokio::time::sleep_until(wake) => {
                    if Instant::now() >= self.ends_at {
                        return None;
                    }
                    self.next_check = Instant::now() + RECHECK;
                    let still = self
                        .app
                        .project_access(&self.actor, self.project_id, Need::Read)
                        .await;
                    if still.is_err() {
                        return None;
                    }
                }
            }
        }
    }
}

#[utoipa::path(get, path = "/api/v1/projects/{id}/events", tag = "live", security(("bearer" = [])),
    params(("id" = Uuid, Path), EventsQuery,
        ("Last-Event-ID" = Option<i64>, Header, description = "Resume after this event")),
    responses((status = 200, description = "text/event-stream of `{type, id, project_id, version}` events", content_type = "text/event-stream")))]
pub async fn stream(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(project_id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<EventsQuery>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let from_header = match headers.get("last-event-id") {
        Some(value) => Some(
            value
                .to_str()
                .ok()
                .and_then(|v| v.trim().parse::<i64>().ok())
                .ok_or_else(|| ApiError::bad_request("Last-Event-ID must be an event id"))?,
        ),
        None => None,
    };
    let last_event_id = from_header.or(query.last_event_id);
    // Subscribe first, then read the backlog: nothing committed in between is missed.
    let receiver = state.app.subscribe_live();
    let mut pending = VecDeque::from([Event::default().comment("connected")]);
    let mut seen = HashSet::new();
    if let Some(after) = last_event_id {
        match state.app.resume_live(project_id, after).await? {
            Resume::Events(events) => {
                for event in events {
                    seen.insert(event.seq);
                    pending.push_back(sse_event(&event));
                }
            }
            Resume::TooOld => pending.push_back(reset_event(project_id)),
        }
    }
    let now = Instant::now();
    let initial = StreamState {
        app: state.app.clone(),
        actor,
        project_id,
        receiver,
        closing: state.app.live.closing(),
        pending,
        seen,
        ends_at: now + MAX_STREAM,
        next_check: now + RECHECK,
    };
    let stream = futures::stream::unfold(initial, |mut s| async move {
        let event = s.next_event().await?;
        Some((Ok(event), s))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
