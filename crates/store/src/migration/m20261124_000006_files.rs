//! Documents: files can be shared with the client's users, and an image keeps the storage
//! key of its preview thumbnail once one has been made.

use sea_orm_migration::prelude::*;

use super::schema::{Cols, name};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000006_files"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let c = Cols {
            backend: manager.get_database_backend(),
        };
        // SQLite adds one column per ALTER TABLE statement.
        for column in [
            c.bool("shared_with_client", false),
            c.text_null("thumbnail_key", 500),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(name("files"))
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
