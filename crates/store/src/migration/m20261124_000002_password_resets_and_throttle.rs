//! Password reset tokens (single use, short-lived, stored hashed) and the failed-login
//! counters that throttle guessing across replicas.

use sea_orm_migration::prelude::*;

use super::schema::{Cols, fk, index, name, unique_index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000002_password_resets_and_throttle"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let c = Cols {
            backend: manager.get_database_backend(),
        };
        manager
            .create_table(
                Table::create()
                    .table(name("password_resets"))
                    .col(c.id())
                    .col(c.uuid("user_id"))
                    .col(c.text("token_hash", 64))
                    .col(c.uuid_null("created_by"))
                    .col(c.timestamp("created_at"))
                    .col(c.timestamp("expires_at"))
                    .col(c.timestamp_null("used_at"))
                    .foreign_key(&mut fk(
                        "password_resets",
                        "user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index("password_resets", &["token_hash"]))
            .await?;
        manager
            .create_index(index("password_resets", &["user_id"]))
            .await?;

        // One row per throttled key ("account:<email>" or "ip:<address>").
        manager
            .create_table(
                Table::create()
                    .table(name("login_throttle"))
                    .col(
                        ColumnDef::new(name("throttle_key"))
                            .string_len(300)
                            .not_null()
                            .primary_key(),
                    )
                    .col(c.int("failures"))
                    .col(c.timestamp("last_failure_at"))
                    .col(c.timestamp_null("locked_until"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
