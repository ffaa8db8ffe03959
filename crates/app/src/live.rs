//! Live updates: every change of a project's live records (tasks, boards, columns, cards,
//! stages, BOM items, permits, transports) is written to the project event feed in the
//! change's own transaction, then pushed to every subscriber of that project.
//!
//! How an event reaches the subscribers of this process (the [`Hub`]):
//! - PostgreSQL: a trigger `NOTIFY`s each event row when its transaction commits; every
//!   replica `LISTEN`s, so a change made through replica A reaches subscribers on B, and a
//!   rolled-back change is never announced. Payloads carry the whole event, so the order in
//!   which concurrent transactions commit does not matter.
//! - SQLite: one process, one writer. After a commit the use case pokes the hub, which reads
//!   the feed past the last id it delivered (ids commit in order with one writer). A poll
//!   every second covers anything else that writes (the CLI's demo, for instance).
//!
//! Reconnecting clients resume from `Last-Event-ID` out of the feed, which keeps events for
//! [`RETENTION`]; older positions are told to refetch.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use eventmgr_store::entity::project_event;
use eventmgr_store::repo::events;
use eventmgr_store::{Backend, Conn};
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, broadcast};
use uuid::Uuid;

use crate::{App, AppError};

/// How long the feed keeps events for resuming clients.
pub const RETENTION: chrono::Duration = chrono::Duration::hours(24);

/// Events buffered per subscriber before it is told it fell behind.
const CHANNEL_CAPACITY: usize = 4096;

/// One change, as subscribers receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LiveEvent {
    /// The feed position (`id:` of the SSE message, the `Last-Event-ID` to resume from).
    #[serde(skip_serializing)]
    #[serde(default)]
    pub seq: i64,
    #[serde(rename = "type")]
    #[schema(example = "card.moved")]
    pub event_type: String,
    /// The changed record.
    pub id: Uuid,
    pub project_id: Uuid,
    /// The record's version after the change (absent for deletions and links).
    pub version: Option<i64>,
}

impl From<project_event::Model> for LiveEvent {
    fn from(m: project_event::Model) -> Self {
        LiveEvent {
            seq: m.id,
            event_type: m.event_type,
            id: m.entity_id,
            project_id: m.project_id,
            version: m.version,
        }
    }
}

/// The payload the PostgreSQL trigger sends.
#[derive(Deserialize)]
struct Notification {
    id: i64,
    project_id: Uuid,
    event_type: String,
    entity_id: Uuid,
    version: Option<i64>,
}

/// Fans events out to this process's subscribers.
pub struct Hub {
    sender: broadcast::Sender<LiveEvent>,
    poke: Notify,
    /// SQLite: the last feed id delivered.
    delivered: AtomicI64,
    /// Turns true when the server shuts down: open streams end so that the graceful
    /// shutdown does not wait for them forever.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
            poke: Notify::new(),
            delivered: AtomicI64::new(-1),
            closing: tokio::sync::watch::channel(false).0,
        }
    }
}

impl Hub {
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }

    /// Resolves (changes to true) when the server begins to shut down.
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Ends every open stream.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    fn deliver(&self, event: LiveEvent) {
        // No subscribers is not an error.
        let _ = self.sender.send(event);
    }
}

/// Appends an event to the feed inside the caller's transaction.
pub(crate) async fn emit<C: Conn>(
    db: &C,
    project_id: Uuid,
    event_type: &str,
    entity_id: Uuid,
    version: Option<i64>,
) -> Result<(), AppError> {
    events::append(db, project_id, event_type, entity_id, version).await?;
    Ok(())
}

/// Where a resuming client stands.
pub enum Resume {
    /// The events after its position, oldest first.
    Events(Vec<LiveEvent>),
    /// Its position is older than the feed keeps: it must refetch.
    TooOld,
}

impl App {
    /// Call after committing a transaction that emitted events (SQLite delivers on the poke;
    /// PostgreSQL on the commit itself).
    pub(crate) fn announce(&self) {
        if self.store.backend() == Backend::Sqlite {
            self.live.poke.notify_one();
        }
    }

    pub fn subscribe_live(&self) -> broadcast::Receiver<LiveEvent> {
        self.live.subscribe()
    }

    /// The events of `project_id` after feed position `after` (the client's Last-Event-ID).
    /// The caller has checked access to the project.
    pub async fn resume_live(&self, project_id: Uuid, after: i64) -> Result<Resume, AppError> {
        let db = self.store.conn();
        // Positions are global; if the oldest kept event is newer than the position, events
        // in between may have been pruned.
        let oldest = events::oldest_id(db).await?;
        match oldest {
            Some(oldest) if after.saturating_add(1) >= oldest => {}
            None if after == 0 => {}
            _ => return Ok(Resume::TooOld),
        }
        let rows = events::of_project_after(db, project_id, after, 10_000).await?;
        if rows.len() == 10_000 {
            return Ok(Resume::TooOld);
        }
        Ok(Resume::Events(
            rows.into_iter().map(LiveEvent::from).collect(),
        ))
    }

    /// Runs the hub's feed until the process ends: the PostgreSQL listener or the SQLite
    /// reader, plus pruning of events past the retention window. Spawn it once per server.
    pub async fn run_live_feed(&self) {
        let prune = {
            let app = self.clone();
            async move {
                loop {
                    let cutoff = chrono::Utc::now() - RETENTION;
                    if let Err(e) = events::prune(app.store.conn(), cutoff).await {
                        tracing::warn!(error = %e, "pruning the event feed failed");
                    }
                    tokio::time::sleep(Duration::from_secs(600)).await;
                }
            }
        };
        let feed = async {
            match self.store.backend() {
                Backend::Postgres => self.listen_postgres().await,
                Backend::Sqlite => self.read_sqlite().await,
            }
        };
        tokio::join!(prune, feed);
    }

    async fn listen_postgres(&self) {
        loop {
            match self.store.listen_events().await {
                Ok(Some(mut listener)) => loop {
                    match listener.recv().await {
                        Ok(payload) => match serde_json::from_str::<Notification>(&payload) {
                            Ok(n) => self.live.deliver(LiveEvent {
                                seq: n.id,
                                event_type: n.event_type,
                                id: n.entity_id,
                                project_id: n.project_id,
                                version: n.version,
                            }),
                            Err(e) => tracing::warn!(error = %e, "unreadable event notification"),
                        },
                        Err(e) => {
                            tracing::warn!(error = %e, "event listener lost its connection");
                            break;
                        }
                    }
                },
                Ok(None) => return,
                Err(e) => tracing::warn!(error = %e, "cannot listen for events"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn read_sqlite(&self) {
        let db = self.store.conn();
        if self.live.delivered.load(Ordering::SeqCst) < 0 {
            let latest = events::latest_id(db).await.unwrap_or(0);
            self.live.delivered.store(latest, Ordering::SeqCst);
        }
        loop {
            let _ = tokio::time::timeout(Duration::from_secs(1), self.live.poke.notified()).await;
            loop {
                let after = self.live.delivered.load(Ordering::SeqCst);
                match events::after(db, after, 500).await {
                    Ok(rows) => {
                        let more = rows.len() == 500;
                        for row in rows {
                            self.live.delivered.store(row.id, Ordering::SeqCst);
                            self.live.deliver(LiveEvent::from(row));
                        }
                        if !more {
                            break;
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "reading the event feed failed");
                        break;
                    }
                }
            }
        }
    }
}
