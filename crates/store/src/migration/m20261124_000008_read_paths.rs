//! Indexes for the two reads the size-M benchmark found scanning far more than they return.
//!
//! - **The dashboard's recent changes** of a member: their projects' audit entries newest
//!   first. With an index on `project_id` alone the database read every entry of those
//!   projects in full (thousands, each with its change JSON) to sort them and keep 12:
//!   8 ms. `(project_id, seq)` lets it sort the entries' `seq` numbers from the index alone
//!   and read only the 12 rows it returns (0.2 ms). It replaces the `project_id` index,
//!   whose every use it serves.
//! - **Search by a member on SQLite**: FTS5 found every match in every project and each was
//!   then looked up and dropped unless it was in one of the caller's projects — a member
//!   of 5 of 100 projects paid for all 100 (16 ms for "moving head"). The full-text table
//!   now indexes each document's project as a `scope` token (`p` and the project id in
//!   hex, `shared` for clients and suppliers), so the match itself is limited to the
//!   caller's projects: an intersection of doclists inside FTS5. The SQL filter on
//!   `project_id` stays the authority on what a caller may see; the token only narrows.
//!   (PostgreSQL gets the caller's projects as a list instead: `repo::search::find`.)

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000008_read_paths"
    }
}

/// The `scope` token of a search document, from its `project_id` (SQLite).
const SCOPE_SQL: &str =
    "CASE WHEN project_id IS NULL THEN 'shared' ELSE 'p' || lower(hex(project_id)) END";

fn sqlite_search_scope() -> Vec<String> {
    vec![
        "DROP TRIGGER search_docs_ai".to_owned(),
        "DROP TRIGGER search_docs_ad".to_owned(),
        "DROP TABLE search_fts".to_owned(),
        format!("ALTER TABLE search_docs ADD COLUMN scope TEXT GENERATED ALWAYS AS ({SCOPE_SQL}) VIRTUAL"),
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, entity_type, scope, content='search_docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')".to_owned(),
        "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
            INSERT INTO search_fts (rowid, title, body, entity_type, scope) VALUES (NEW.id, NEW.title, NEW.body, NEW.entity_type, NEW.scope);
        END"
        .to_owned(),
        "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, body, entity_type, scope) VALUES ('delete', OLD.id, OLD.title, OLD.body, OLD.entity_type, OLD.scope);
        END"
        .to_owned(),
        "INSERT INTO search_fts (search_fts) VALUES ('rebuild')".to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_project_id_seq")
                    .table(Alias::new("audit_log"))
                    .col(Alias::new("project_id"))
                    .col(Alias::new("seq"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_audit_log_project_id")
                    .table(Alias::new("audit_log"))
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let db = manager.get_connection();
            for sql in sqlite_search_scope() {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }
}
