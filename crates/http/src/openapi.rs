//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Operation ids default to the handler's name, and many handlers share one (`list`, `get`,
/// `update` per feature module). Generated clients need them unique: prefix each with its tag
/// (`projects_list`, `bom_list`), and fall back to method and path should that still clash.
struct UniqueOperationIds;

impl Modify for UniqueOperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut seen = std::collections::BTreeSet::new();
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                ("get", item.get.as_mut()),
                ("put", item.put.as_mut()),
                ("post", item.post.as_mut()),
                ("delete", item.delete.as_mut()),
                ("patch", item.patch.as_mut()),
                ("head", item.head.as_mut()),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                let name = operation.operation_id.clone().unwrap_or_default();
                let tag = operation
                    .tags
                    .as_ref()
                    .and_then(|tags| tags.first())
                    .cloned()
                    .unwrap_or_default();
                let mut id = if tag.is_empty() || name.starts_with(&tag) {
                    name
                } else {
                    format!("{tag}_{name}")
                };
                if id.is_empty() || seen.contains(&id) {
                    let words: Vec<&str> = path
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .collect();
                    id = format!("{method}_{}", words.join("_"));
                }
                seen.insert(id.clone());
                operation.operation_id = Some(id);
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Event Manager API", description = "Plan and run event productions: projects, clients, members, production planning, tasks, boards, live updates and documents."),
    paths(
        routes::health::healthz, routes::health::readyz,
        routes::auth::login, routes::auth::refresh, routes::auth::logout, routes::auth::sessions, routes::auth::revoke_session,
        routes::auth::revoke_all_sessions, routes::auth::me, routes::auth::sse_ticket, routes::auth::change_password, routes::auth::reset_request,
        routes::auth::reset_password, routes::auth::reset_link, routes::auth::mfa_setup, routes::auth::mfa_enable, routes::auth::mfa_disable,
        routes::auth::list_tokens, routes::auth::create_token, routes::auth::revoke_token,
        routes::clients::list, routes::clients::create, routes::clients::get, routes::clients::update, routes::clients::delete, routes::clients::restore,
        routes::suppliers::list, routes::suppliers::create, routes::suppliers::get, routes::suppliers::update, routes::suppliers::delete, routes::suppliers::restore,
        routes::projects::list, routes::projects::create, routes::projects::get, routes::projects::update, routes::projects::delete,
        routes::projects::restore, routes::projects::transition,
        routes::users::list, routes::users::create, routes::users::get, routes::users::update, routes::users::delete,
        routes::users::list_roles, routes::users::create_role, routes::users::get_role, routes::users::update_role, routes::users::delete_role,
        routes::audit_log::list,
        routes::members::list, routes::members::add, routes::members::update, routes::members::remove,
        routes::projects::summary,
        routes::bom::list, routes::bom::create, routes::bom::get, routes::bom::update, routes::bom::delete,
        routes::bom::import, routes::bom::export,
        routes::permits::list, routes::permits::create, routes::permits::get, routes::permits::update, routes::permits::delete,
        routes::logistics::list, routes::logistics::create, routes::logistics::get, routes::logistics::update, routes::logistics::delete,
        routes::tasks::list, routes::tasks::list_all, routes::tasks::create, routes::tasks::get, routes::tasks::update, routes::tasks::delete,
        routes::tasks::dependencies, routes::tasks::add_dependency, routes::tasks::remove_dependency, routes::tasks::schedule,
        routes::stages::list, routes::stages::create, routes::stages::get, routes::stages::update, routes::stages::delete,
        routes::kanban::list_boards, routes::kanban::create_board, routes::kanban::get_board, routes::kanban::update_board, routes::kanban::delete_board,
        routes::kanban::list_columns, routes::kanban::create_column, routes::kanban::get_column, routes::kanban::update_column, routes::kanban::delete_column,
        routes::kanban::list_cards, routes::kanban::create_card, routes::kanban::get_card, routes::kanban::update_card, routes::kanban::delete_card,
        routes::kanban::move_card,
        routes::events::stream,
        routes::files::list, routes::files::upload, routes::files::get, routes::files::update, routes::files::delete,
        routes::files::restore, routes::files::content,
        routes::search::search,
        routes::statuses::list,
        routes::dashboard::get,
    ),
    modifiers(&BearerAuth, &UniqueOperationIds),
    tags(
        (name = "auth", description = "Login and the current user"),
        (name = "clients", description = "Companies events are produced for"),
        (name = "suppliers", description = "Rental companies, crews and service providers"),
        (name = "files", description = "Documents: streamed uploads and downloads, previews, trash"),
        (name = "search", description = "Find anything by typing a few letters"),
        (name = "projects", description = "Event productions and their lifecycle"),
        (name = "members", description = "Who works on a project"),
        (name = "bom", description = "Bill of materials: lines, tree with rollups, spreadsheet import and export"),
        (name = "permits", description = "Authority approvals"),
        (name = "logistics", description = "Transports and deliveries"),
        (name = "tasks", description = "Tasks, dependencies and the critical-path schedule"),
        (name = "workflow", description = "The ordered phases of a project"),
        (name = "kanban", description = "Boards, columns and cards"),
        (name = "live", description = "Live updates (Server-Sent Events)"),
        (name = "health", description = "Probes"),
        (name = "users", description = "Accounts and roles"),
        (name = "audit", description = "Who did what, when"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI document as pretty JSON: what `/api/v1/openapi.json` serves and what the web
/// app's TypeScript types are generated from (`eventmgr openapi`).
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod operation_id_tests {
    use super::*;

    #[test]
    fn every_operation_has_its_own_id() {
        let doc = ApiDoc::openapi();
        let mut ids = Vec::new();
        for item in doc.paths.paths.values() {
            for operation in [&item.get, &item.put, &item.post, &item.delete, &item.patch]
                .into_iter()
                .flatten()
            {
                ids.push(operation.operation_id.clone().unwrap_or_default());
            }
        }
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "duplicate operation ids in {ids:?}"
        );
        assert!(ids.contains(&"projects_list".to_owned()), "{ids:?}");
        assert!(ids.iter().all(|id| !id.is_empty()));
    }

    #[test]
    fn path_parameters_are_in_the_path_and_the_rest_are_query_parameters() {
        use utoipa::openapi::path::ParameterIn;
        let doc = ApiDoc::openapi();
        let mut wrong = Vec::new();
        for (path, item) in &doc.paths.paths {
            for operation in [&item.get, &item.put, &item.post, &item.delete, &item.patch]
                .into_iter()
                .flatten()
            {
                for parameter in operation.parameters.iter().flatten() {
                    let placeholder = format!("{{{}}}", parameter.name);
                    let in_path = matches!(parameter.parameter_in, ParameterIn::Path);
                    if in_path != path.contains(&placeholder) {
                        wrong.push(format!("{path} {}", parameter.name));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "misplaced parameters: {wrong:?}");
    }
}
