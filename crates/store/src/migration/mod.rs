//! Schema migrations, written once and rendered for each backend by sea-query.

use sea_orm_migration::prelude::*;

mod m20261124_000001_initial;
mod m20261124_000002_password_resets_and_throttle;
mod m20261124_000003_mfa_roles_audit_chain;
mod m20261124_000004_project_build_up_window;
pub(crate) mod m20261124_000005_work_management;
mod m20261124_000006_files;
pub(crate) mod m20261124_000007_search;
mod m20261124_000008_read_paths;
mod m20261124_000009_project_rollups;
mod m20261125_000010_bom_changes;
mod m20261125_000011_task_list_order;
mod m20261125_000012_search_title_length;
pub(crate) mod m20261205_000013_search_minor_kinds;
pub(crate) mod schema;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_initial::Migration),
            Box::new(m20261124_000002_password_resets_and_throttle::Migration),
            Box::new(m20261124_000003_mfa_roles_audit_chain::Migration),
            Box::new(m20261124_000004_project_build_up_window::Migration),
            Box::new(m20261124_000005_work_management::Migration),
            Box::new(m20261124_000006_files::Migration),
            Box::new(m20261124_000007_search::Migration),
            Box::new(m20261124_000008_read_paths::Migration),
            Box::new(m20261124_000009_project_rollups::Migration),
            Box::new(m20261125_000010_bom_changes::Migration),
            Box::new(m20261125_000011_task_list_order::Migration),
            Box::new(m20261125_000012_search_title_length::Migration),
            Box::new(m20261205_000013_search_minor_kinds::Migration),
        ]
    }
}
