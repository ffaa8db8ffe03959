//! A second full-text index on PostgreSQL over every kind of record except BOM items and
//! tasks, so that a search for the rarer kinds does not read every BOM line's entries.
//!
//! BOM items and tasks are nine in ten search documents (size L: 1,000,000 and 200,000 of
//! 1.3 million). When an administrator's broad search (`kabel`, `moving head`) fills its
//! sample with them, the kinds missing from it — projects, permits, files, clients,
//! suppliers — are looked for on their own (`repo::search::find_per_kind`). Through the one
//! GIN index that meant building a bitmap of all 80,000–300,000 matches to keep none of them
//! (24–42 ms of a 50–100 ms request). This index holds only those kinds' 100,000 documents,
//! and a query that names only them uses it (4 ms). SQLite's FTS5 match stops at its limit
//! and needs nothing of the kind.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000013_search_minor_kinds"
    }
}

/// The kinds that make up most search documents; the index covers every other kind.
pub(crate) const MAJOR_KINDS: [&str; 2] = ["bom_item", "task"];

/// The index's condition, written exactly as a query must repeat it for PostgreSQL to use
/// the index whatever its parameters (`alias.` prefixes the column).
pub(crate) fn minor_kinds_condition(alias: &str) -> String {
    let kinds: Vec<String> = MAJOR_KINDS.iter().map(|k| format!("'{k}'")).collect();
    format!("{alias}entity_type NOT IN ({})", kinds.join(", "))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE INDEX search_docs_document_minor ON search_docs USING GIN (document) WHERE {}",
                    minor_kinds_condition("")
                ))
                .await?;
        }
        Ok(())
    }
}
