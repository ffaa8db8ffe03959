//! `project_rollups`: per project, what its BOM, permits and logistics add up to, kept by
//! database triggers in the same transaction as every write to those tables (cascades and
//! imports included, so no code path can forget it).
//!
//! Why: the dashboard summed 1,000 BOM lines per running project on every request — about
//! 0.3 ms per project at bench size M, more than half of the whole dashboard. Reading the
//! rollups is one primary-key lookup per project.
//!
//! Amounts are exact: PostgreSQL keeps `NUMERIC`; SQLite keeps whole cents as `INTEGER`,
//! converted exactly as `repo::sums::money_sum` converts them, so `repo::sums::read_sum`
//! reads both. A store test compares the rollups with sums over the rows after every kind of
//! write.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000009_project_rollups"
    }
}

/// A rolled-up table: its money column and the rollup column it feeds.
struct Rolled {
    table: &'static str,
    money: &'static str,
    total: &'static str,
}

const ROLLED: [Rolled; 3] = [
    Rolled {
        table: "bom_items",
        money: "total_price",
        total: "bom_total",
    },
    Rolled {
        table: "permits",
        money: "cost",
        total: "permits_total",
    },
    Rolled {
        table: "logistics",
        money: "cost",
        total: "logistics_total",
    },
];

/// Whole cents of a money value stored as TEXT (SQLite), as `money_sum` computes them.
fn cents(value: &str) -> String {
    format!("CAST(ROUND(CAST({value} AS REAL) * 100) AS INTEGER)")
}

/// `SET` clause adding (`sign` `+`) or taking away (`-`) one row's amount.
fn set_clause(r: &Rolled, sign: char, amount: &str) -> String {
    format!("{total} = {total} {sign} {amount}", total = r.total)
}

fn sqlite_sql() -> Vec<String> {
    let mut sql = vec![
        "CREATE TABLE project_rollups (
            project_id uuid_text NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
            bom_total INTEGER NOT NULL DEFAULT 0,
            permits_total INTEGER NOT NULL DEFAULT 0,
            logistics_total INTEGER NOT NULL DEFAULT 0
        )"
        .to_owned(),
        "CREATE TRIGGER rollup_projects_ai AFTER INSERT ON projects BEGIN
            INSERT INTO project_rollups (project_id) VALUES (NEW.id);
        END"
        .to_owned(),
    ];
    for r in &ROLLED {
        let (table, money) = (r.table, r.money);
        let add = set_clause(r, '+', &cents(&format!("NEW.{money}")));
        let take = set_clause(r, '-', &cents(&format!("OLD.{money}")));
        sql.push(format!(
            "CREATE TRIGGER rollup_{table}_ai AFTER INSERT ON {table} BEGIN
                UPDATE project_rollups SET {add} WHERE project_id = NEW.project_id;
            END"
        ));
        sql.push(format!(
            "CREATE TRIGGER rollup_{table}_ad AFTER DELETE ON {table} BEGIN
                UPDATE project_rollups SET {take} WHERE project_id = OLD.project_id;
            END"
        ));
        sql.push(format!(
            "CREATE TRIGGER rollup_{table}_au AFTER UPDATE ON {table} BEGIN
                UPDATE project_rollups SET {take} WHERE project_id = OLD.project_id;
                UPDATE project_rollups SET {add} WHERE project_id = NEW.project_id;
            END"
        ));
    }
    sql.push(backfill(DatabaseBackend::Sqlite));
    sql
}

fn postgres_sql() -> Vec<String> {
    let mut sql = vec![
        "CREATE TABLE project_rollups (
            project_id UUID NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
            bom_total NUMERIC NOT NULL DEFAULT 0,
            permits_total NUMERIC NOT NULL DEFAULT 0,
            logistics_total NUMERIC NOT NULL DEFAULT 0
        )"
        .to_owned(),
        "CREATE OR REPLACE FUNCTION eventmgr_rollup_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO project_rollups (project_id) VALUES (NEW.id);
    RETURN NULL;
END $$"
            .to_owned(),
        "CREATE TRIGGER eventmgr_rollup_projects AFTER INSERT ON projects FOR EACH ROW EXECUTE FUNCTION eventmgr_rollup_projects()".to_owned(),
    ];
    for r in &ROLLED {
        let (table, money) = (r.table, r.money);
        sql.push(format!(
            "CREATE OR REPLACE FUNCTION eventmgr_rollup_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE project_rollups SET {take} WHERE project_id = OLD.project_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE project_rollups SET {add} WHERE project_id = NEW.project_id;
    END IF;
    RETURN NULL;
END $$",
            take = set_clause(r, '-', &format!("OLD.{money}")),
            add = set_clause(r, '+', &format!("NEW.{money}")),
        ));
        sql.push(format!(
            "CREATE TRIGGER eventmgr_rollup_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION eventmgr_rollup_{table}()"
        ));
    }
    sql.push(backfill(DatabaseBackend::Postgres));
    sql
}

/// One rollup row per existing project, summed from its rows.
fn backfill(backend: DatabaseBackend) -> String {
    let sums: Vec<String> = ROLLED
        .iter()
        .map(|r| {
            let amount = match backend {
                DatabaseBackend::Sqlite => cents(r.money),
                _ => r.money.to_owned(),
            };
            format!(
                "(SELECT COALESCE(SUM({amount}), 0) FROM {table} WHERE project_id = p.id)",
                table = r.table
            )
        })
        .collect();
    format!(
        "INSERT INTO project_rollups (project_id, bom_total, permits_total, logistics_total) SELECT p.id, {} FROM projects p",
        sums.join(", ")
    )
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
