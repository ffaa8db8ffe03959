//! The authorization matrix: walks every operation of the server's own OpenAPI document, so a
//! route added later is covered without touching this test. For each operation it checks
//! that no token gives 401; that a user outside a project gets 404 on project-scoped routes;
//! that a viewer member gets 403 on project-scoped writes; and that a client user never
//! receives a cost field.
//!
//! Records addressed by their own id (`/bom-items/{id}`, `/permits/{id}`, ...) are found
//! the same way: every project collection with a create route (`POST /projects/{id}/<kind>`)
//! gets one record, made from the example of its request schema, and `/<kind>/{id}` routes
//! are then checked like project routes. A new collection only needs an example on its
//! create schema (the test fails and says so otherwise).

use reqwest::Method;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

/// Routes anybody may call without a token (API.md, "Fixed details").
const PUBLIC: [&str; 6] = [
    "/healthz",
    "/readyz",
    "/api/v1/auth/login",
    "/api/v1/auth/refresh",
    "/api/v1/auth/password/reset-request",
    "/api/v1/auth/password/reset",
];

/// Field names that carry internal money.
const COST_FIELDS: [&str; 6] = [
    "budget",
    "unit_price",
    "total_price",
    "rollup_total",
    "cost",
    "costs",
];

fn operations(doc: &Value) -> Vec<(Method, String)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            let method = match method.as_str() {
                "get" => Method::GET,
                "post" => Method::POST,
                "patch" => Method::PATCH,
                "put" => Method::PUT,
                "delete" => Method::DELETE,
                _ => continue,
            };
            ops.push((method, path.clone()));
        }
    }
    ops
}

fn fill(path: &str, ids: &[(&str, String)]) -> String {
    let mut out = path.to_owned();
    for (name, value) in ids {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn cost_fields_in(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if COST_FIELDS.contains(&k.as_str()) {
                    found.push(k.clone());
                }
                cost_fields_in(v, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| cost_fields_in(v, found)),
        _ => {}
    }
}

/// The record id for a `/<kind>/{id}...` template whose kind has a fixture.
fn owned_kind(template: &str, owned: &[(String, String)]) -> Option<String> {
    let rest = template.strip_prefix("/api/v1/")?;
    let (kind, tail) = rest.split_once('/')?;
    if !tail.starts_with("{id}") {
        return None;
    }
    owned
        .iter()
        .find(|(k, _)| k == kind)
        .map(|(_, id)| id.clone())
}

/// Creates one record in each project record collection (one with a `/<kind>/{id}` route)
/// from its schema's example, as the admin;
/// answers `(kind, id)` pairs.
async fn owned_records(
    app: &TestApp,
    doc: &Value,
    ops: &[(Method, String)],
    project_id: &str,
) -> Vec<(String, String)> {
    let mut owned: Vec<(String, String)> = Vec::new();
    // Collections nest (a board's columns, a column's cards): repeat until a pass finds
    // no collection whose parent record exists and which has no record yet.
    loop {
        let before = owned.len();
        for (method, template) in ops {
            let Some((parent, kind)) = nested_collection(template) else {
                continue;
            };
            let parent_id = if parent == "projects" {
                project_id.to_owned()
            } else if let Some((_, id)) = owned.iter().find(|(k, _)| *k == parent) {
                id.clone()
            } else {
                continue;
            };
            // A record collection: created under its parent, addressed by its own id.
            let own_route = format!("/api/v1/{kind}/{{id}}");
            if *method != Method::POST
                || owned.iter().any(|(k, _)| k == kind)
                || !ops.iter().any(|(_, t)| *t == own_route)
            {
                continue;
            }
            let content = &doc["paths"][template]["post"]["requestBody"]["content"];
            if content.get("multipart/form-data").is_some() {
                // An upload: one small PDF.
                let form = reqwest::multipart::Form::new().part(
                    "file",
                    reqwest::multipart::Part::bytes(b"%PDF-1.7\n%matrix\n".to_vec())
                        .file_name("matrix.pdf"),
                );
                let r = app
                    .send(
                        app.client
                            .post(app.url(&fill(template, &[("id", parent_id)])))
                            .bearer_auth(&app.admin_token)
                            .multipart(form),
                    )
                    .await;
                assert_eq!(r.status, 201, "upload to {template}: {}", r.text);
                let id = r.body["items"][0]["id"].as_str().unwrap().to_owned();
                owned.push((kind.to_owned(), id));
                continue;
            }
            let body = &content["application/json"]["schema"];
            let schema = match body["$ref"].as_str() {
                Some(r) => &doc["components"]["schemas"][r.rsplit('/').next().unwrap()],
                None => body,
            };
            let example = schema["example"].clone();
            assert!(
                example.is_object(),
                "POST {template}: give its request schema an example so the matrix can create a record"
            );
            let r = app
                .post(&fill(template, &[("id", parent_id)]), example)
                .await;
            assert_eq!(
                r.status, 201,
                "POST {template} with its example: {}",
                r.text
            );
            owned.push((kind.to_owned(), r.body["id"].as_str().unwrap().to_owned()));
        }
        if owned.len() == before {
            return owned;
        }
    }
}

/// `/api/v1/<parent>/{id}/<kind>` as `(parent, kind)`.
fn nested_collection(template: &str) -> Option<(&str, &str)> {
    let rest = template.strip_prefix("/api/v1/")?;
    let (parent, rest) = rest.split_once("/{id}/")?;
    (!parent.contains('/') && !rest.contains('/')).then_some((parent, rest))
}

/// Routes whose answer is an endless stream: only the status is checked.
fn is_stream(template: &str) -> bool {
    template.ends_with("/events")
}

both_backends!(every_operation_is_guarded, |app: TestApp| async move {
    let doc = app
        .request(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .body;
    let ops = operations(&doc);
    assert!(
        ops.len() >= 30,
        "the walk sees the whole API ({} operations)",
        ops.len()
    );

    let client = app.client_record("Helix").await;
    let client_id = client["id"].as_str().unwrap().to_owned();
    let project = app.post("/api/v1/projects", json!({"name": "Matrix", "start_date": "2027-01-01", "end_date": "2027-01-02", "budget": "5000.00", "client_id": client_id})).await.body;
    let project_id = project["id"].as_str().unwrap().to_owned();
    let (viewer, viewer_token) = app.user("viewer", None).await;
    app.post(
        &format!("/api/v1/projects/{project_id}/members"),
        json!({"user_id": viewer.id, "role": "VIEWER"}),
    )
    .await;
    let (_, outsider) = app.user("project_manager", None).await;
    let (_, client_token) = app.user("client", Some(client_id.parse().unwrap())).await;
    let roles = app.get("/api/v1/roles").await.body;
    let role_id = roles["items"][0]["id"].as_str().unwrap().to_owned();

    let project_ids = [
        ("id", project_id.clone()),
        ("user_id", viewer.id.to_string()),
    ];
    let owned = owned_records(&app, &doc, &ops, &project_id).await;
    assert!(
        owned.len() >= 3,
        "records of every project collection were created: {owned:?}"
    );
    for (method, template) in &ops {
        let is_public = PUBLIC.contains(&template.as_str())
            || !template.starts_with("/api/v1/")
            || template == "/api/v1/openapi.json";
        let owner = owned_kind(template, &owned);
        let project_scoped = template.starts_with("/api/v1/projects/{id}") || owner.is_some();
        let other_ids = [
            (
                "id",
                if template.starts_with("/api/v1/clients") {
                    client_id.clone()
                } else if template.starts_with("/api/v1/roles") {
                    role_id.clone()
                } else {
                    viewer.id.to_string()
                },
            ),
            ("user_id", viewer.id.to_string()),
        ];
        let path = if let Some(record_id) = &owner {
            fill(template, &[("id", record_id.clone())])
        } else if project_scoped {
            fill(template, &project_ids)
        } else {
            fill(template, &other_ids)
        };
        let write = *method != Method::GET;

        // 1. No token: 401 (public routes excepted).
        if !is_public {
            let r = app
                .request(method.clone(), &path, None, write.then(|| json!({})))
                .await;
            assert_eq!(
                r.status, 401,
                "{method} {template} without a token: {}",
                r.text
            );
        }
        if !project_scoped {
            continue;
        }
        // 2. Not a member: 404, as if the project did not exist.
        let r = app
            .request(
                method.clone(),
                &path,
                Some(&outsider),
                write.then(|| json!({})),
            )
            .await;
        assert_eq!(
            r.status, 404,
            "{method} {template} by a non-member: {}",
            r.text
        );
        // 3. A viewer member may read but not write.
        if is_stream(template) {
            assert_eq!(
                app.stream_status(&path, &viewer_token).await,
                200,
                "{template} read by a viewer"
            );
            continue;
        }
        let r = app
            .request(
                method.clone(),
                &path,
                Some(&viewer_token),
                write.then(|| json!({})),
            )
            .await;
        if write {
            assert_eq!(r.status, 403, "{method} {template} by a viewer: {}", r.text);
        } else {
            assert_eq!(
                r.status, 200,
                "{method} {template} read by a viewer: {}",
                r.text
            );
        }
    }
    // 4. A client user never receives a cost field, from any readable route.
    for (method, template) in &ops {
        if *method != Method::GET
            || PUBLIC.contains(&template.as_str())
            || !template.starts_with("/api/v1/")
            || is_stream(template)
        {
            continue;
        }
        let ids = if let Some(record_id) = owned_kind(template, &owned) {
            vec![("id", record_id)]
        } else if template.starts_with("/api/v1/projects/{id}") {
            project_ids.to_vec()
        } else if template.starts_with("/api/v1/clients") {
            vec![("id", client_id.clone())]
        } else {
            vec![("id", viewer.id.to_string())]
        };
        let r = app
            .request(
                Method::GET,
                &fill(template, &ids),
                Some(&client_token),
                None,
            )
            .await;
        let mut found = Vec::new();
        cost_fields_in(&r.body, &mut found);
        assert!(
            found.is_empty(),
            "GET {template} gave a client user {found:?}: {}",
            r.text
        );
    }
    // The client sees its project, so the check above read real data.
    let seen = app
        .get_as(&client_token, &format!("/api/v1/projects/{project_id}"))
        .await;
    assert_eq!(seen.status, 200);
});
