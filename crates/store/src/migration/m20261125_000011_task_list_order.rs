//! An index in the order of the task list's default sort (`due_date,-priority`: undated
//! tasks last, then the most urgent first, then the id), for the list of every visible
//! project's tasks. At size L (200,000 tasks) an administrator's first page sorted all of
//! them (320 ms on SQLite); with the index it reads one page's rows in order.
//!
//! The expressions are the ones `repo::page` orders by, with the same constants written
//! into the SQL, so that both databases match them; `repo::tasks`' tests check that the
//! list's query uses the index.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000011_task_list_order"
    }
}

/// The priority's rank, as `SortKind::Ranked(PRIORITIES)` orders it.
const PRIORITY_RANK: &str = "(CASE WHEN priority = 'LOW' THEN 0 WHEN priority = 'MEDIUM' THEN 1 \
     WHEN priority = 'HIGH' THEN 2 WHEN priority = 'CRITICAL' THEN 3 ELSE 4 END)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let due = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => "IFNULL(due_date, '9999-12-31')",
            _ => "(COALESCE(due_date, '9999-12-31'))",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE INDEX tasks_due_priority_order ON tasks ({due}, {PRIORITY_RANK} DESC, id)"
            ))
            .await?;
        Ok(())
    }
}
