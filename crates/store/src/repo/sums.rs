//! Exact sums of money columns computed by the database.
//!
//! PostgreSQL sums `NUMERIC` exactly. SQLite keeps money as TEXT (see `decimal.rs`) and its
//! `SUM` over text would go through floating point, so there each amount is turned into
//! whole cents first (exact: amounts have at most 15 significant digits, well inside an
//! `f64`'s 2^53) and the cents are summed as 64-bit integers.

use rust_decimal::Decimal;
use sea_orm::{DatabaseBackend, QueryResult, Statement};
use uuid::Uuid;

use crate::{Conn, StoreError};

/// A SQL expression summing the money column `column` (aliased by the caller), rendered
/// for `backend` as text that [`read_sum`] parses.
pub fn money_sum(backend: DatabaseBackend, column: &str) -> String {
    match backend {
        DatabaseBackend::Sqlite => format!(
            "CAST(COALESCE(SUM(CAST(ROUND(CAST({column} AS REAL) * 100) AS INTEGER)), 0) AS TEXT)"
        ),
        _ => format!("CAST(COALESCE(SUM({column}), 0) AS TEXT)"),
    }
}

/// Reads a sum rendered by [`money_sum`] from column `alias` of `row`, as an amount with two
/// decimals.
pub fn read_sum(
    backend: DatabaseBackend,
    row: &QueryResult,
    alias: &str,
) -> Result<Decimal, StoreError> {
    let text: String = row.try_get("", alias)?;
    let bad = || StoreError::Corrupt(format!("sum {alias} is not a number: {text}"));
    let mut value = match backend {
        DatabaseBackend::Sqlite => Decimal::new(text.parse::<i64>().map_err(|_| bad())?, 2),
        _ => text.parse::<Decimal>().map_err(|_| bad())?,
    };
    value.rescale(2);
    Ok(value)
}

/// Count and exact sum of `money_column` of a project's rows in `table`, per `status`.
/// `table` and `money_column` are fixed names from the calling repository.
pub(crate) async fn count_and_sum_by_status<C: Conn>(
    db: &C,
    table: &'static str,
    money_column: &'static str,
    project_id: Uuid,
) -> Result<Vec<(String, i64, Decimal)>, StoreError> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT status, COUNT(*) AS n, {} AS total FROM {table} WHERE project_id = $1 GROUP BY status",
        money_sum(backend, money_column)
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [project_id.into()],
        ))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("", "status")?,
                row.try_get("", "n")?,
                read_sum(backend, row, "total")?,
            ))
        })
        .collect()
}
