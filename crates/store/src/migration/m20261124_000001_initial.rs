//! The initial schema: every table of the data model, with foreign keys and the indexes that
//! back every foreign key and every documented filter and sort.

use sea_orm_migration::prelude::*;

use super::schema::{Cols, fk, index, name, unique_index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000001_initial"
    }
}

use ForeignKeyAction::{Cascade, Restrict, SetNull};

struct Builder<'a, 'b> {
    manager: &'a SchemaManager<'b>,
}

impl Builder<'_, '_> {
    async fn table(
        &self,
        table: &str,
        columns: Vec<ColumnDef>,
        keys: Vec<ForeignKeyCreateStatement>,
    ) -> Result<(), DbErr> {
        let mut statement = Table::create();
        statement.table(name(table));
        for mut column in columns {
            statement.col(&mut column);
        }
        for mut key in keys {
            statement.foreign_key(&mut key);
        }
        self.manager.create_table(statement).await
    }

    async fn indexes(&self, statements: Vec<IndexCreateStatement>) -> Result<(), DbErr> {
        for statement in statements {
            self.manager.create_index(statement).await?;
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let c = Cols {
            backend: manager.get_database_backend(),
        };
        let b = Builder { manager };
        let stamps = || c.versioned().to_vec();

        // --- identity -----------------------------------------------------------------------
        b.table(
            "user_roles",
            [
                vec![
                    c.id(),
                    c.text("name", 64),
                    c.text_null("description", 500),
                    c.json("permissions"),
                    c.bool("is_builtin", false),
                ],
                stamps(),
            ]
            .concat(),
            vec![],
        )
        .await?;
        b.indexes(vec![unique_index("user_roles", &["name"])])
            .await?;

        b.table(
            "clients",
            [
                vec![
                    c.id(),
                    c.text("name", 200),
                    c.text_null("contact_person", 200),
                    c.text_null("email", 254),
                    c.text_null("phone", 50),
                    c.text_null("address", 1000),
                    c.long_text_null("notes"),
                ],
                stamps(),
                vec![c.timestamp_null("deleted_at")],
            ]
            .concat(),
            vec![],
        )
        .await?;
        b.indexes(vec![
            index("clients", &["name"]),
            index("clients", &["deleted_at"]),
            index("clients", &["created_at"]),
        ])
        .await?;

        b.table(
            "users",
            [
                vec![
                    c.id(),
                    c.text("email", 254),
                    c.text("username", 64),
                    c.text("first_name", 100),
                    c.text("last_name", 100),
                    c.text_null("password_hash", 255),
                    c.uuid("role_id"),
                    c.uuid_null("client_id"),
                    c.bool("is_active", true),
                    c.text_null("locale", 10),
                    c.text_null("mfa_secret", 255),
                    c.bool("mfa_enabled", false),
                    c.timestamp_null("last_login_at"),
                ],
                stamps(),
                vec![c.timestamp_null("deleted_at")],
            ]
            .concat(),
            vec![
                fk("users", "role_id", "user_roles", Restrict),
                fk("users", "client_id", "clients", SetNull),
            ],
        )
        .await?;
        b.indexes(vec![
            unique_index("users", &["email"]),
            unique_index("users", &["username"]),
            index("users", &["role_id"]),
            index("users", &["client_id"]),
        ])
        .await?;

        // --- projects -----------------------------------------------------------------------
        b.table(
            "projects",
            [
                vec![
                    c.id(),
                    c.text("name", 200),
                    c.long_text_null("description"),
                    c.text("status", 20),
                    c.date("start_date"),
                    c.date("end_date"),
                    c.text_null("venue", 200),
                    c.text_null("location", 500),
                    c.money("budget"),
                    c.text("currency", 3),
                    c.uuid_null("manager_id"),
                    c.uuid_null("client_id"),
                    c.uuid_null("created_by"),
                ],
                stamps(),
                vec![c.timestamp_null("deleted_at")],
            ]
            .concat(),
            vec![
                fk("projects", "manager_id", "users", SetNull),
                fk("projects", "client_id", "clients", Restrict),
                fk("projects", "created_by", "users", SetNull),
            ],
        )
        .await?;
        b.indexes(vec![
            index("projects", &["status"]),
            index("projects", &["client_id"]),
            index("projects", &["manager_id"]),
            index("projects", &["created_by"]),
            index("projects", &["start_date"]),
            index("projects", &["end_date"]),
            index("projects", &["name"]),
            index("projects", &["created_at"]),
            index("projects", &["deleted_at"]),
        ])
        .await?;

        b.table(
            "project_members",
            [
                vec![c.uuid("project_id"), c.uuid("user_id"), c.text("role", 20)],
                stamps(),
            ]
            .concat(),
            vec![
                fk("project_members", "project_id", "projects", Cascade),
                fk("project_members", "user_id", "users", Cascade),
            ],
        )
        .await?;
        b.indexes(vec![
            unique_index("project_members", &["project_id", "user_id"]),
            index("project_members", &["user_id"]),
        ])
        .await?;

        b.table(
            "workflow_stages",
            [
                vec![
                    c.id(),
                    c.uuid("project_id"),
                    c.text("name", 100),
                    c.long_text_null("description"),
                    c.int("position"),
                    c.text("status", 20),
                    c.timestamp_null("started_at"),
                    c.timestamp_null("completed_at"),
                ],
                stamps(),
            ]
            .concat(),
            vec![fk("workflow_stages", "project_id", "projects", Cascade)],
        )
        .await?;
        b.indexes(vec![index("workflow_stages", &["project_id", "position"])])
            .await?;
        // At most one ACTIVE stage per project, enforced by the database itself.
        manager
            .get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX uq_workflow_stages_one_active ON workflow_stages (project_id) WHERE status = 'ACTIVE'")
            .await?;

        // --- production planning ----------------------------------------------------------
        b.table(
            "suppliers",
            [
                vec![
                    c.id(),
                    c.text("name", 200),
                    c.text_null("contact_person", 200),
                    c.text_null("email", 254),
                    c.text_null("phone", 50),
                    c.text_null("address", 1000),
                    c.text_null("category", 100),
                    c.decimal_null("rating", 3, 2),
                    c.bool("is_active", true),
                    c.long_text_null("notes"),
                ],
                stamps(),
                vec![c.timestamp_null("deleted_at")],
            ]
            .concat(),
            vec![],
        )
        .await?;
        b.indexes(vec![
            index("suppliers", &["name"]),
            index("suppliers", &["category"]),
            index("suppliers", &["is_active"]),
            index("suppliers", &["deleted_at"]),
        ])
        .await?;

        b.table(
            "bom_items",
            [
                vec![
                    c.id(),
                    c.uuid("project_id"),
                    c.uuid_null("parent_id"),
                    c.uuid_null("supplier_id"),
                    c.text("name", 200),
                    c.long_text_null("description"),
                    c.text_null("category", 100),
                    c.decimal("quantity", 15, 3),
                    c.text("unit", 20),
                    c.money("unit_price"),
                    c.money("total_price"),
                    c.text("status", 20),
                    c.int("position"),
                    c.long_text_null("notes"),
                ],
                stamps(),
            ]
            .concat(),
            vec![
                fk("bom_items", "project_id", "projects", Cascade),
                fk("bom_items", "parent_id", "bom_items", Restrict),
                fk("bom_items", "supplier_id", "suppliers", Restrict),
            ],
        )
        .await?;
        b.indexes(vec![
            index("bom_items", &["project_id", "position"]),
            index("bom_items", &["parent_id"]),
            index("bom_items", &["supplier_id"]),
            index("bom_items", &["project_id", "status"]),
            index("bom_items", &["project_id", "category"]),
        ])
        .await?;

        b.table(
            "permits",
            [
                vec![
                    c.id(),
                    c.uuid("project_id"),
                    c.text("name", 200),
                    c.text("permit_type", 30),
                    c.text_null("authority", 200),
                    c.text_null("reference_number", 100),
                    c.text("status", 20),
                    c.date_null("application_date"),
                    c.date_null("approval_date"),
                    c.date_null("expiry_date"),
                    c.money("cost"),
                    c.long_text_null("notes"),
                ],
                stamps(),
            ]
            .concat(),
            vec![fk("permits", "project_id", "projects", Cascade)],
        )
        .await?;
        b.indexes(vec![
            index("permits", &["project_id", "status"]),
            index("permits", &["project_id", "permit_type"]),
            index("permits", &["expiry_date"]),
        ])
        .await?;

        b.table(
            "logistics",
            [
                vec![
                    c.id(),
                    c.uuid("project_id"),
                    c.uuid_null("supplier_id"),
                    c.text("logistics_type", 20),
                    c.text("description", 500),
                    c.text_null("from_location", 500),
                    c.text_null("to_location", 500),
                    c.timestamp_null("scheduled_at"),
                    c.timestamp_null("actual_at"),
                    c.text("status", 20),
                    c.money("cost"),
                    c.text_null("vehicle", 100),
                    c.text_null("contact", 200),
                    c.long_text_null("notes"),
                ],
                stamps(),
            ]
            .concat(),
            vec![
                fk("logistics", "project_id", "projects", Cascade),
                fk("logistics", "supplier_id", "suppliers", Restrict),
            ],
        )
        .await?;
        b.indexes(vec![
            index("logistics", &["project_id", "status"]),
            index("logistics", &["supplier_id"]),
            index("logistics", &["project_id", "scheduled_at"]),
        ])
        .await?;

        b.table(
            "logistics_items",
            vec![
                c.uuid("logistics_id"),
                c.uuid("bom_item_id"),
                c.timestamp("created_at"),
            ],
            vec![
                fk("logistics_items", "logistics_id", "logistics", Cascade),
                fk("logistics_items", "bom_item_id", "bom_items", Cascade),
            ],
        )
        .await?;
        b.indexes(vec![
            unique_index("logistics_items", &["logistics_id", "bom_item_id"]),
            index("logistics_items", &["bom_item_id"]),
        ])
        .await?;

        // --- documents ----------------------------------------------------------------------
        b.table(
            "files",
            [
                vec![
                    c.id(),
                    c.uuid("project_id"),
                    c.text("name", 255),
                    c.text("original_name", 255),
                    c.bigint("size_bytes"),
                    c.text("mime_type", 255),
                    c.text("sha256", 64),
                    c.text_null("category", 50),
                    c.text("storage_key", 500),
                    c.uuid_null("uploaded_by"),
                    c.long_text_null("description"),
                ],
                stamps(),
                vec![c.timestamp_null("deleted_at")],
            ]
            .concat(),
            vec![
                fk("files", "project_id", "projects", Cascade),
                fk("files", "uploaded_by", "users", SetNull),
            ],
        )
        .await?;
        b.indexes(vec![
            index("files", &["project_id", "created_at"]),
            index("files", &["uploaded_by"]),
            index("files", &["project_id", "category"]),
            index("files", &["sha256"]),
        ])
        .await?;

        // --- work management ----------------------------------------------------------------
        b.table(
            "tasks",
            [
                vec![
                    c.id(),
                    c.uuid("project_id"),
                    c.uuid_null("workflow_stage_id"),
                    c.text("title", 200),
                    c.long_text_null("description"),
                    c.text("status", 20),
                    c.text("priority", 20),
                    c.uuid_null("assignee_id"),
                    c.date_null("start_date"),
                    c.date_null("due_date"),
                    c.decimal_null("estimated_hours", 10, 2),
                    c.decimal_null("actual_hours", 10, 2),
                    c.uuid_null("created_by"),
                    c.timestamp_null("completed_at"),
                ],
                stamps(),
            ]
            .concat(),
            vec![
                fk("tasks", "project_id", "projects", Cascade),
                fk("tasks", "workflow_stage_id", "workflow_stages", SetNull),
                fk("tasks", "assignee_id", "users", SetNull),
                fk("tasks", "created_by", "users", SetNull),
            ],
        )
        .await?;
        b.indexes(vec![
            index("tasks", &["project_id", "status"]),
            index("tasks", &["assignee_id"]),
            index("tasks", &["project_id", "due_date"]),
            index("tasks", &["project_id", "priority"]),
            index("tasks", &["workflow_stage_id"]),
            index("tasks", &["created_by"]),
        ])
        .await?;

        b.table(
            "task_dependencies",
            vec![
                c.uuid("task_id"),
                c.uuid("depends_on_id"),
                c.timestamp("created_at"),
            ],
            vec![
                fk("task_dependencies", "task_id", "tasks", Cascade),
                fk("task_dependencies", "depends_on_id", "tasks", Cascade),
            ],
        )
        .await?;
        b.indexes(vec![
            unique_index("task_dependencies", &["task_id", "depends_on_id"]),
            index("task_dependencies", &["depends_on_id"]),
        ])
        .await?;

        b.table(
            "kanban_boards",
            [
                vec![
                    c.id(),
                    c.uuid("project_id"),
                    c.text("name", 200),
                    c.long_text_null("description"),
                ],
                stamps(),
            ]
            .concat(),
            vec![fk("kanban_boards", "project_id", "projects", Cascade)],
        )
        .await?;
        b.indexes(vec![index("kanban_boards", &["project_id"])])
            .await?;

        // Columns and cards are ordered by a fractional key (text that sorts between its
        // neighbours), so a move rewrites one row instead of renumbering the whole column.
        b.table(
            "kanban_columns",
            [
                vec![
                    c.id(),
                    c.uuid("board_id"),
                    c.text("name", 100),
                    c.text("color", 7),
                    c.int_null("wip_limit"),
                    c.text("position", 64),
                ],
                stamps(),
            ]
            .concat(),
            vec![fk("kanban_columns", "board_id", "kanban_boards", Cascade)],
        )
        .await?;
        b.indexes(vec![unique_index(
            "kanban_columns",
            &["board_id", "position"],
        )])
        .await?;

        b.table(
            "kanban_cards",
            [
                vec![
                    c.id(),
                    c.uuid("column_id"),
                    c.text("title", 200),
                    c.long_text_null("description"),
                    c.uuid_null("assignee_id"),
                    c.text("priority", 20),
                    c.date_null("due_date"),
                    c.uuid_null("task_id"),
                    c.text("position", 64),
                ],
                stamps(),
            ]
            .concat(),
            vec![
                fk("kanban_cards", "column_id", "kanban_columns", Cascade),
                fk("kanban_cards", "assignee_id", "users", SetNull),
                fk("kanban_cards", "task_id", "tasks", SetNull),
            ],
        )
        .await?;
        b.indexes(vec![
            unique_index("kanban_cards", &["column_id", "position"]),
            index("kanban_cards", &["assignee_id"]),
            index("kanban_cards", &["task_id"]),
        ])
        .await?;

        // --- sessions and tokens ------------------------------------------------------------
        b.table(
            "sessions",
            vec![
                c.id(),
                c.uuid("user_id"),
                c.text_null("user_agent", 500),
                c.text_null("ip", 64),
                c.timestamp("created_at"),
                c.timestamp("last_used_at"),
                c.timestamp("expires_at"),
                c.timestamp_null("revoked_at"),
            ],
            vec![fk("sessions", "user_id", "users", Cascade)],
        )
        .await?;
        b.indexes(vec![
            index("sessions", &["user_id"]),
            index("sessions", &["expires_at"]),
        ])
        .await?;

        b.table(
            "refresh_tokens",
            vec![
                c.id(),
                c.uuid("session_id"),
                c.text("token_hash", 64),
                c.timestamp("created_at"),
                c.timestamp("expires_at"),
                c.timestamp_null("used_at"),
            ],
            vec![fk("refresh_tokens", "session_id", "sessions", Cascade)],
        )
        .await?;
        b.indexes(vec![
            unique_index("refresh_tokens", &["token_hash"]),
            index("refresh_tokens", &["session_id"]),
        ])
        .await?;

        b.table(
            "api_tokens",
            vec![
                c.id(),
                c.uuid("user_id"),
                c.text("name", 100),
                c.text("token_hash", 64),
                c.text("token_prefix", 16),
                c.json("scopes"),
                c.timestamp("created_at"),
                c.timestamp_null("expires_at"),
                c.timestamp_null("last_used_at"),
                c.timestamp_null("revoked_at"),
            ],
            vec![fk("api_tokens", "user_id", "users", Cascade)],
        )
        .await?;
        b.indexes(vec![
            unique_index("api_tokens", &["token_hash"]),
            index("api_tokens", &["user_id"]),
        ])
        .await?;

        // --- cross-cutting ------------------------------------------------------------------
        // The audit log keeps no foreign keys: it must outlive what it describes.
        b.table(
            "audit_log",
            vec![
                c.id(),
                c.timestamp("occurred_at"),
                c.uuid_null("actor_id"),
                c.text_null("actor_label", 254),
                c.text("action", 50),
                c.text("entity_type", 50),
                c.uuid_null("entity_id"),
                c.uuid_null("project_id"),
                c.json_null("changes"),
                c.text_null("request_id", 64),
                c.text_null("ip", 64),
            ],
            vec![],
        )
        .await?;
        b.indexes(vec![
            index("audit_log", &["entity_type", "entity_id"]),
            index("audit_log", &["actor_id"]),
            index("audit_log", &["occurred_at"]),
            index("audit_log", &["project_id"]),
        ])
        .await?;

        // One row per (caller, key): the first request's answer, replayed for retries.
        b.table(
            "idempotency_keys",
            vec![
                c.uuid("user_id"),
                c.text("idempotency_key", 255),
                c.text("request_hash", 64),
                c.int_null("status_code"),
                c.json_null("response_headers"),
                c.binary_null("response_body"),
                c.timestamp("created_at"),
                c.timestamp("expires_at"),
            ],
            vec![fk("idempotency_keys", "user_id", "users", Cascade)],
        )
        .await?;
        b.indexes(vec![
            unique_index("idempotency_keys", &["user_id", "idempotency_key"]),
            index("idempotency_keys", &["expires_at"]),
        ])
        .await?;

        Ok(())
    }
}
