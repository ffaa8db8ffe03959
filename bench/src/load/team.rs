//! The production team: people who log in once and then, with think time between actions,
//! look at their dashboard, open a project (the project, its summary, the BOM tree, the task
//! list and the board, as the web app loads them), search, edit a BOM line, move a card,
//! update a task and download the stage plan. Mostly reads; about a fifth of the requests
//! are writes, as in a production office.
//!
//! Writes read their record first (the edit dialog) and send its version as `If-Match`, like
//! the web app; cards move between the first three columns (never to "Done", which would
//! finish tasks whose predecessors are open: the server rightly refuses that).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use goose::prelude::*;
use serde_json::{Value, json};

use super::{RunFigures, Shape, attack};
use crate::data::{Login, Rng, SEARCH_QUERIES};

/// What one simulated person knows: their session, their projects and the project open.
struct Session {
    token: String,
    rng: Rng,
    projects: Vec<String>,
    open: Option<OpenProject>,
    /// The BOM trees this person's browser holds, by project: revalidated, not re-read.
    trees: HashMap<String, TreeCopy>,
}

/// A BOM tree as a browser keeps it: its `ETag`, and (here) a sample of its line ids.
#[derive(Clone)]
struct TreeCopy {
    etag: String,
    ids: Vec<String>,
}

/// Line ids kept per tree: enough to pick edits from, without 1,000 users each holding every
/// id of every project they opened (the load generator shares the server's machine).
const TREE_SAMPLE: usize = 64;

/// The ids a person sees on a project's pages, to pick what to edit.
#[derive(Default)]
struct OpenProject {
    id: String,
    bom_items: Vec<String>,
    tasks: Vec<String>,
    /// The first three columns (never "Done").
    columns: Vec<String>,
    cards: Vec<String>,
    file: Option<String>,
}

/// What a person does next, with its weight: drawn at random for each action (goose's own
/// "random" scheduler runs each transaction's turns back to back, which is not how people
/// work).
#[derive(Debug, Clone, Copy)]
enum Action {
    Dashboard,
    OpenProject,
    Search,
    EditBomLine,
    MoveCard,
    UpdateTask,
    DownloadPlan,
}

const ACTIONS: [(Action, usize); 7] = [
    (Action::Dashboard, 6),
    (Action::OpenProject, 3),
    (Action::Search, 4),
    (Action::EditBomLine, 5),
    (Action::MoveCard, 4),
    (Action::UpdateTask, 4),
    (Action::DownloadPlan, 1),
];

async fn next_action(user: &mut GooseUser) -> TransactionResult {
    let total: usize = ACTIONS.iter().map(|(_, w)| w).sum();
    let mut draw = session(user).rng.below(total);
    let mut next = Action::Dashboard;
    for (action, weight) in ACTIONS {
        if draw < weight {
            next = action;
            break;
        }
        draw -= weight;
    }
    match next {
        Action::Dashboard => dashboard(user).await,
        Action::OpenProject => open_project(user).await,
        Action::Search => search(user).await,
        Action::EditBomLine => edit_bom_line(user).await,
        Action::MoveCard => move_card(user).await,
        Action::UpdateTask => update_task(user).await,
        Action::DownloadPlan => download_plan(user).await,
    }
}

/// Runs the production team against `host`: user `i` logs in as `logins[i % len]`.
pub async fn run(
    host: &str,
    logins: Arc<Vec<Login>>,
    shape: &Shape,
    label: &str,
) -> anyhow::Result<RunFigures> {
    anyhow::ensure!(!logins.is_empty(), "the team needs logins");
    let login = {
        let logins = logins.clone();
        action(move |user| {
            let logins = logins.clone();
            Box::pin(async move { log_in(user, &logins).await })
        })
        .set_name("log in")
        .set_on_start()
    };
    let scenario = scenario!("ProductionTeam")
        .register_transaction(login)
        .register_transaction(action(|u| Box::pin(next_action(u))).set_name("next action"));
    attack(host, scenario, shape, label).await
}

fn action(
    f: impl for<'r> Fn(
        &'r mut GooseUser,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = TransactionResult> + Send + 'r>,
    > + Send
    + Sync
    + 'static,
) -> Transaction {
    Transaction::new(Arc::new(f))
}

/// Statuses of a write that lost a race with another person's write of the same record.
pub const CONFLICTS: [u16; 2] = [409, 412];

/// A BOM tree the person's browser holds is still current (`If-None-Match`).
pub const REVALIDATED: u16 = 304;

/// One request of a person: sent with their token, its body read to the end (so the
/// connection is reused), a failure when the status is not the expected success.
async fn call(
    user: &mut GooseUser,
    method: GooseMethod,
    path: &str,
    name: &str,
    body: Option<Value>,
    if_match: Option<i64>,
) -> Result<Bytes, Box<TransactionError>> {
    let token = user
        .get_session_data::<Session>()
        .map(|s| s.token.clone())
        .unwrap_or_default();
    let writes = !matches!(method, GooseMethod::Get);
    let mut builder = user.get_request_builder(&method, path)?;
    if !token.is_empty() {
        builder = builder.bearer_auth(token);
    }
    if let Some(body) = body {
        builder = builder.json(&body);
    }
    if let Some(version) = if_match {
        builder = builder.header("If-Match", format!("\"{version}\""));
    }
    let request = GooseRequest::builder()
        .method(method)
        .path(path)
        .name(name)
        .set_request_builder(builder)
        .build();
    let mut goose = user.request(request).await?;
    let response = match goose.response {
        Ok(response) => response,
        Err(e) => return Err(Box::new(TransactionError::Reqwest(e))),
    };
    let status = response.status().as_u16();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| Box::new(TransactionError::Reqwest(e)))?;
    if CONFLICTS.contains(&status) && writes {
        // Another person changed the record between this person's read and write: the
        // server refused the stale write, as it must. Counted as a conflict (from goose's
        // status counts), not an error; the person would reload.
        user.set_success(&mut goose.request)?;
        return Ok(Bytes::new());
    }
    if !(200..300).contains(&status) {
        // Goose has counted the failure; end the action here.
        return Err(Box::new(TransactionError::RequestFailed {
            raw_request: goose.request,
        }));
    }
    if goose.request.success {
        Ok(bytes)
    } else {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        user.set_failure(name, &mut goose.request, None, Some(&text))?;
        Ok(bytes)
    }
}

/// A JSON answer, or a failure counted against the request.
async fn call_json(
    user: &mut GooseUser,
    method: GooseMethod,
    path: &str,
    name: &str,
    body: Option<Value>,
    if_match: Option<i64>,
) -> Result<Value, Box<TransactionError>> {
    let bytes = call(user, method, path, name, body, if_match).await?;
    Ok(serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// The person's session (an empty one when their login failed: their requests then fail
/// with 401 and are counted, instead of stopping the run).
fn session(user: &mut GooseUser) -> &mut Session {
    if user.get_session_data::<Session>().is_none() {
        let rng = Rng::new(user.weighted_users_index as u64 + 1);
        user.set_session_data(Session {
            token: String::new(),
            rng,
            projects: Vec::new(),
            open: None,
            trees: HashMap::new(),
        });
    }
    user.get_session_data_unchecked_mut::<Session>()
}

fn ids(list: &Value, at: &str) -> Vec<String> {
    list[at]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn log_in(user: &mut GooseUser, logins: &[Login]) -> TransactionResult {
    let login = &logins[user.weighted_users_index % logins.len()];
    let answer = call_json(
        user,
        GooseMethod::Post,
        "/api/v1/auth/login",
        "/auth/login",
        Some(json!({"email": login.email, "password": login.password})),
        None,
    )
    .await?;
    let token = answer["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    user.set_session_data(Session {
        token,
        rng: Rng::new(user.weighted_users_index as u64 + 1),
        projects: Vec::new(),
        open: None,
        trees: HashMap::new(),
    });
    // The start page's project list: the projects this person works on.
    let list = call_json(
        user,
        GooseMethod::Get,
        "/api/v1/projects?limit=100",
        "/projects",
        None,
        None,
    )
    .await?;
    session(user).projects = ids(&list, "items");
    Ok(())
}

async fn dashboard(user: &mut GooseUser) -> TransactionResult {
    call(
        user,
        GooseMethod::Get,
        "/api/v1/dashboard",
        "/dashboard",
        None,
        None,
    )
    .await?;
    Ok(())
}

async fn search(user: &mut GooseUser) -> TransactionResult {
    let q = *session(user).rng.pick(&SEARCH_QUERIES);
    let path = format!("/api/v1/search?q={}", q.replace(' ', "%20"));
    call(user, GooseMethod::Get, &path, "/search", None, None).await?;
    Ok(())
}

/// Opens one of the person's projects as the web app does: the project, its summary, the
/// BOM tree, the first page of tasks and the board.
async fn open_project(user: &mut GooseUser) -> TransactionResult {
    let s = session(user);
    if s.projects.is_empty() {
        return dashboard(user).await;
    }
    let id = s.rng.pick(&s.projects).clone();
    let mut open = OpenProject {
        id: id.clone(),
        ..OpenProject::default()
    };
    let base = format!("/api/v1/projects/{id}");
    call(user, GooseMethod::Get, &base, "/projects/{id}", None, None).await?;
    call(
        user,
        GooseMethod::Get,
        &format!("{base}/summary"),
        "/projects/{id}/summary",
        None,
        None,
    )
    .await?;
    open.bom_items = read_tree(user, &id).await?;
    let tasks = call_json(
        user,
        GooseMethod::Get,
        &format!("{base}/tasks?limit=50"),
        "/projects/{id}/tasks",
        None,
        None,
    )
    .await?;
    open.tasks = ids(&tasks, "items");
    let boards = call_json(
        user,
        GooseMethod::Get,
        &format!("{base}/boards"),
        "/projects/{id}/boards",
        None,
        None,
    )
    .await?;
    if let Some(board) = ids(&boards, "items").first() {
        let board = call_json(
            user,
            GooseMethod::Get,
            &format!("/api/v1/boards/{board}"),
            "/boards/{id}",
            None,
            None,
        )
        .await?;
        for column in board["columns"].as_array().into_iter().flatten().take(3) {
            if let Some(column_id) = column["id"].as_str() {
                open.columns.push(column_id.to_owned());
            }
            open.cards.extend(ids(column, "cards"));
        }
    }
    session(user).open = Some(open);
    Ok(())
}

/// The BOM tree as the web app's browser reads it: with `If-None-Match` naming the copy it
/// holds, which a 304 confirms (the server answers from its rendered-tree cache). Returns
/// (a sample of) the tree's line ids.
async fn read_tree(
    user: &mut GooseUser,
    project: &str,
) -> Result<Vec<String>, Box<TransactionError>> {
    let (token, copy) = {
        let s = session(user);
        (s.token.clone(), s.trees.get(project).cloned())
    };
    let path = format!("/api/v1/projects/{project}/bom-items?view=tree");
    let mut builder = user.get_request_builder(&GooseMethod::Get, &path)?;
    if !token.is_empty() {
        builder = builder.bearer_auth(token);
    }
    if let Some(copy) = &copy {
        builder = builder.header("If-None-Match", &copy.etag);
    }
    let request = GooseRequest::builder()
        .method(GooseMethod::Get)
        .path(path.as_str())
        .name("/projects/{id}/bom-items?view=tree")
        .set_request_builder(builder)
        .build();
    let mut goose = user.request(request).await?;
    let response = match goose.response {
        Ok(response) => response,
        Err(e) => return Err(Box::new(TransactionError::Reqwest(e))),
    };
    let status = response.status().as_u16();
    let etag = response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .bytes()
        .await
        .map_err(|e| Box::new(TransactionError::Reqwest(e)))?;
    match (status, copy) {
        (REVALIDATED, Some(copy)) => {
            user.set_success(&mut goose.request)?;
            Ok(copy.ids)
        }
        (200, _) => {
            let tree: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            let mut all = Vec::new();
            collect_tree_ids(&tree["items"], &mut all);
            let step = all.len().div_ceil(TREE_SAMPLE).max(1);
            let ids: Vec<String> = all.into_iter().step_by(step).collect();
            if let Some(etag) = etag {
                session(user).trees.insert(
                    project.to_owned(),
                    TreeCopy {
                        etag,
                        ids: ids.clone(),
                    },
                );
            }
            Ok(ids)
        }
        // Goose has counted the failure; end the action here.
        _ => Err(Box::new(TransactionError::RequestFailed {
            raw_request: goose.request,
        })),
    }
}

fn collect_tree_ids(nodes: &Value, into: &mut Vec<String>) {
    for node in nodes.as_array().into_iter().flatten() {
        if let Some(id) = node["id"].as_str() {
            into.push(id.to_owned());
        }
        collect_tree_ids(&node["children"], into);
    }
}

/// The project open now, opening one first when there is none.
async fn ensure_open(user: &mut GooseUser) -> Result<bool, Box<TransactionError>> {
    if session(user).open.is_none() {
        open_project(user).await?;
    }
    Ok(session(user).open.is_some())
}

/// Picks one of the open project's ids with `pick`; `None` when the list is empty.
fn pick_open(user: &mut GooseUser, list: fn(&OpenProject) -> &Vec<String>) -> Option<String> {
    let s = session(user);
    let open = s.open.as_ref()?;
    let items = list(open);
    (!items.is_empty()).then(|| items[s.rng.below(items.len())].clone())
}

/// Opens one record of the open project picked from `list` (the edit dialog reads it), then
/// saves `change` with the version it read as `If-Match`, as the web app does.
async fn edit_record(
    user: &mut GooseUser,
    list: fn(&OpenProject) -> &Vec<String>,
    kind: &str,
    change: fn(&mut Rng) -> Value,
) -> TransactionResult {
    if !ensure_open(user).await? {
        return Ok(());
    }
    let Some(id) = pick_open(user, list) else {
        return Ok(());
    };
    let path = format!("/api/v1/{kind}/{id}");
    let name = format!("/{kind}/{{id}}");
    let record = call_json(user, GooseMethod::Get, &path, &name, None, None).await?;
    let body = change(&mut session(user).rng);
    call(
        user,
        GooseMethod::Patch,
        &path,
        &name,
        Some(body),
        record["version"].as_i64(),
    )
    .await?;
    Ok(())
}

async fn edit_bom_line(user: &mut GooseUser) -> TransactionResult {
    edit_record(
        user,
        |o| &o.bom_items,
        "bom-items",
        |rng| json!({"quantity": (1 + rng.below(40)).to_string()}),
    )
    .await
}

async fn move_card(user: &mut GooseUser) -> TransactionResult {
    if !ensure_open(user).await? {
        return Ok(());
    }
    let (Some(card), Some(column)) = (
        pick_open(user, |o| &o.cards),
        pick_open(user, |o| &o.columns),
    ) else {
        return Ok(());
    };
    call(
        user,
        GooseMethod::Post,
        &format!("/api/v1/cards/{card}/move"),
        "/cards/{id}/move",
        Some(json!({"column_id": column})),
        None,
    )
    .await?;
    Ok(())
}

async fn update_task(user: &mut GooseUser) -> TransactionResult {
    edit_record(
        user,
        |o| &o.tasks,
        "tasks",
        |rng| json!({"priority": *rng.pick(&["LOW", "MEDIUM", "HIGH", "CRITICAL"])}),
    )
    .await
}

async fn download_plan(user: &mut GooseUser) -> TransactionResult {
    if !ensure_open(user).await? {
        return Ok(());
    }
    let (project, known) = match session(user).open.as_ref() {
        Some(open) => (open.id.clone(), open.file.clone()),
        None => return Ok(()),
    };
    let file = match known {
        Some(file) => file,
        None => {
            let list = call_json(
                user,
                GooseMethod::Get,
                &format!("/api/v1/projects/{project}/files"),
                "/projects/{id}/files",
                None,
                None,
            )
            .await?;
            let Some(file) = ids(&list, "items").into_iter().next() else {
                return Ok(());
            };
            if let Some(open) = session(user).open.as_mut() {
                open.file = Some(file.clone());
            }
            file
        }
    };
    call(
        user,
        GooseMethod::Get,
        &format!("/api/v1/files/{file}/content"),
        "/files/{id}/content",
        None,
        None,
    )
    .await?;
    Ok(())
}
