//! PostgreSQL `LISTEN` on the project event channel: how a replica hears about changes
//! committed through any other replica. (SQLite has one process, so it needs no listener.)

use crate::repo::events::EVENTS_CHANNEL;
use crate::{Backend, Store, StoreError};

/// A dedicated connection listening for committed project events.
pub struct EventListener {
    inner: sqlx::postgres::PgListener,
}

impl EventListener {
    /// The next notification's JSON payload. Errors when the connection is lost and could
    /// not be re-established (the listener reconnects by itself; notifications sent while
    /// it was away are lost, which the caller must treat as "tell clients to refetch").
    pub async fn recv(&mut self) -> Result<String, StoreError> {
        let notification = self
            .inner
            .recv()
            .await
            .map_err(|e| StoreError::Unavailable(format!("listen: {e}")))?;
        Ok(notification.payload().to_owned())
    }
}

impl Store {
    /// Listens for project events; `None` on SQLite.
    pub async fn listen_events(&self) -> Result<Option<EventListener>, StoreError> {
        if self.backend() != Backend::Postgres {
            return Ok(None);
        }
        let pool = self.conn().get_postgres_connection_pool();
        let mut inner = sqlx::postgres::PgListener::connect_with(pool)
            .await
            .map_err(|e| StoreError::Unavailable(format!("listen: {e}")))?;
        inner
            .listen(EVENTS_CHANNEL)
            .await
            .map_err(|e| StoreError::Unavailable(format!("listen: {e}")))?;
        Ok(Some(EventListener { inner }))
    }
}
