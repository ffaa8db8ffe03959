//! The production window of a project: the first build-up day and the last dismantle day
//! around the show dates. Transports outside it are flagged; both are optional and default
//! to the show's own start and end.

use sea_orm_migration::prelude::*;

use super::schema::{Cols, name};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000004_project_build_up_window"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let c = Cols {
            backend: manager.get_database_backend(),
        };
        // SQLite adds one column per ALTER TABLE statement.
        for column in ["build_up_date", "dismantle_date"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(name("projects"))
                        .add_column(c.date_null(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
