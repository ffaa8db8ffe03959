//! Which project a row addressed by its own id (`/bom-items/{id}`, `/permits/{id}`, ...)
//! belongs to: the key the project-access guard needs before anything else is read.

use sea_orm::Statement;
use uuid::Uuid;

use crate::{Conn, StoreError};

/// Tables whose rows belong to one project through a `project_id` column.
pub const PROJECT_OWNED_TABLES: [&str; 3] = ["bom_items", "permits", "logistics"];

/// The `project_id` of row `id` in `table`, or `None` when there is no such row.
/// `table` must be one of [`PROJECT_OWNED_TABLES`] (it is spliced into the SQL).
pub async fn project_of<C: Conn>(
    db: &C,
    table: &'static str,
    id: Uuid,
) -> Result<Option<Uuid>, StoreError> {
    if !PROJECT_OWNED_TABLES.contains(&table) {
        return Err(StoreError::Corrupt(format!(
            "{table} is not a project-owned table"
        )));
    }
    let backend = db.get_database_backend();
    let sql = format!("SELECT project_id FROM {table} WHERE id = $1");
    let row = db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [id.into()]))
        .await?;
    Ok(row
        .map(|r| r.try_get::<Uuid>("", "project_id"))
        .transpose()?)
}
