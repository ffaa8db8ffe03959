//! SeaORM entities: the read shape of each table used by the repositories.

pub mod api_token;
pub mod audit_log;
pub mod bom_item;
pub mod client;
pub mod file;
pub mod idempotency_key;
pub mod kanban_board;
pub mod kanban_card;
pub mod kanban_column;
pub mod login_throttle;
pub mod mfa_recovery_code;
pub mod password_reset;
pub mod permit;
pub mod project;
pub mod project_event;
pub mod project_member;
pub mod refresh_token;
pub mod session;
pub mod supplier;
pub mod task;
pub mod task_dependency;
pub mod transport;
pub mod transport_item;
pub mod user;
pub mod user_role;
pub mod workflow_stage;
