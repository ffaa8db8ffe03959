//! Work management: a kanban column may stand for a task status (`maps_to_status`), and the
//! project event feed behind live updates.
//!
//! `project_events` keeps every change of a project's live records for a retention window,
//! so a reconnecting client resumes from its `Last-Event-ID`. On PostgreSQL a trigger sends
//! each new row as a `NOTIFY` when its transaction commits, which reaches every replica's
//! listener; uncommitted or rolled-back changes are never announced.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

use super::schema::{Cols, index, name};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000005_work_management"
    }
}

/// The PostgreSQL channel the event trigger notifies on.
pub const EVENTS_CHANNEL: &str = "eventmgr_project_events";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let c = Cols { backend };
        manager
            .alter_table(
                Table::alter()
                    .table(name("kanban_columns"))
                    .add_column(c.text_null("maps_to_status", 20))
                    .to_owned(),
            )
            .await?;

        let mut id = ColumnDef::new(name("id"));
        id.big_integer().not_null().auto_increment().primary_key();
        let mut version = ColumnDef::new(name("version"));
        version.big_integer().null();
        manager
            .create_table(
                Table::create()
                    .table(name("project_events"))
                    .col(&mut id)
                    .col(c.uuid("project_id"))
                    .col(c.text("event_type", 40))
                    .col(c.uuid("entity_id"))
                    .col(&mut version)
                    .col(c.timestamp("created_at"))
                    .to_owned(),
            )
            .await?;
        // No foreign key to projects: the feed outlives a purged project long enough to tell
        // its subscribers, and pruning removes it later.
        manager
            .create_index(index("project_events", &["project_id", "id"]))
            .await?;
        manager
            .create_index(index("project_events", &["created_at"]))
            .await?;

        if backend == DbBackend::Postgres {
            let conn = manager.get_connection();
            conn.execute_unprepared(&format!(
                "CREATE FUNCTION eventmgr_notify_project_event() RETURNS trigger AS $$
                 BEGIN
                   PERFORM pg_notify('{EVENTS_CHANNEL}', json_build_object(
                     'id', NEW.id, 'project_id', NEW.project_id, 'event_type', NEW.event_type,
                     'entity_id', NEW.entity_id, 'version', NEW.version)::text);
                   RETURN NEW;
                 END $$ LANGUAGE plpgsql"
            ))
            .await?;
            conn.execute_unprepared(
                "CREATE TRIGGER trg_project_events_notify AFTER INSERT ON project_events
                 FOR EACH ROW EXECUTE FUNCTION eventmgr_notify_project_event()",
            )
            .await?;
        }
        Ok(())
    }
}
