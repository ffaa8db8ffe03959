//! Multi-factor login state, the per-role MFA requirement, API token scopes already exist;
//! and the audit log's hash chain (each entry hashes the previous one, so editing or deleting
//! a row is detectable) plus the user agent of each entry.

use sea_orm_migration::prelude::*;

use super::schema::{Cols, fk, index, name, unique_index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000003_mfa_roles_audit_chain"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let c = Cols {
            backend: manager.get_database_backend(),
        };
        // SQLite adds one column per ALTER TABLE statement.
        manager
            .alter_table(
                Table::alter()
                    .table(name("user_roles"))
                    .add_column(c.bool("require_mfa", false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(name("users"))
                    .add_column(ColumnDef::new(name("mfa_last_step")).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(name("users"))
                    .add_column(c.text_null("mfa_pending_secret", 255))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(name("audit_log"))
                    .add_column(c.text_null("user_agent", 500))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(name("audit_log"))
                    .add_column(ColumnDef::new(name("seq")).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(name("audit_log"))
                    .add_column(c.text_null("prev_hash", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(name("audit_log"))
                    .add_column(c.text_null("hash", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index("audit_log", &["seq"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(name("mfa_recovery_codes"))
                    .col(c.id())
                    .col(c.uuid("user_id"))
                    .col(c.text("code_hash", 64))
                    .col(c.timestamp("created_at"))
                    .col(c.timestamp_null("used_at"))
                    .foreign_key(&mut fk(
                        "mfa_recovery_codes",
                        "user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("mfa_recovery_codes", &["user_id"]))
            .await?;
        Ok(())
    }
}
