//! `project_rollups.bom_changes`: a per-project counter that every write to the project's BOM
//! lines moves on, kept by the same triggers as `bom_total` (in the same transaction as the
//! write, cascades and imports included).
//!
//! Why: the BOM tree of a 1,000-line project took 8 ms to build and send (527 KB of JSON) and
//! the web app reads it again on every visit to the tab. With the counter, a rendered tree
//! stays valid exactly as long as the counter has not moved (`eventmgr_app::bom::tree_cache`),
//! on every replica, without any message between them.
//!
//! The counter only ever grows; a project starts at 0.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000010_bom_changes"
    }
}

/// Whole cents of a money value stored as TEXT (SQLite), exactly as the rollup migration
/// (`m20261124_000009_project_rollups`) computes them: the recreated triggers must keep
/// `bom_total` as before.
fn cents(value: &str) -> String {
    format!("CAST(ROUND(CAST({value} AS REAL) * 100) AS INTEGER)")
}

fn sqlite_sql() -> Vec<String> {
    let add = format!("bom_total = bom_total + {}", cents("NEW.total_price"));
    let take = format!("bom_total = bom_total - {}", cents("OLD.total_price"));
    let bump = "bom_changes = bom_changes + 1";
    vec![
        "ALTER TABLE project_rollups ADD COLUMN bom_changes INTEGER NOT NULL DEFAULT 0".to_owned(),
        "DROP TRIGGER rollup_bom_items_ai".to_owned(),
        "DROP TRIGGER rollup_bom_items_ad".to_owned(),
        "DROP TRIGGER rollup_bom_items_au".to_owned(),
        format!(
            "CREATE TRIGGER rollup_bom_items_ai AFTER INSERT ON bom_items BEGIN
                UPDATE project_rollups SET {add}, {bump} WHERE project_id = NEW.project_id;
            END"
        ),
        format!(
            "CREATE TRIGGER rollup_bom_items_ad AFTER DELETE ON bom_items BEGIN
                UPDATE project_rollups SET {take}, {bump} WHERE project_id = OLD.project_id;
            END"
        ),
        // A line moved to another project changes both projects' trees.
        format!(
            "CREATE TRIGGER rollup_bom_items_au AFTER UPDATE ON bom_items BEGIN
                UPDATE project_rollups SET {take}, {bump} WHERE project_id = OLD.project_id;
                UPDATE project_rollups SET {add}, {bump} WHERE project_id = NEW.project_id;
            END"
        ),
    ]
}

fn postgres_sql() -> Vec<String> {
    vec![
        "ALTER TABLE project_rollups ADD COLUMN bom_changes BIGINT NOT NULL DEFAULT 0".to_owned(),
        "CREATE OR REPLACE FUNCTION eventmgr_rollup_bom_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE project_rollups SET bom_total = bom_total - OLD.total_price, bom_changes = bom_changes + 1
            WHERE project_id = OLD.project_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE project_rollups SET bom_total = bom_total + NEW.total_price, bom_changes = bom_changes + 1
            WHERE project_id = NEW.project_id;
    END IF;
    RETURN NULL;
END $$"
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => sqlite_sql(),
            _ => postgres_sql(),
        };
        for sql in statements {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
