//! `eventmgr demo` as a person exploring it sees it over HTTP: tasks with dependencies
//! across the stages that obey the DONE rule, each production at its current stage, and a
//! board per production with cards in every column, in the columns of their tasks' status.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::helpers::{Backend, TestApp};

/// The password the demo printed for `email`.
fn password_of(output: &str, email: &str) -> String {
    output
        .lines()
        .find_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            (words.first() == Some(&email)).then(|| words[2].to_owned())
        })
        .unwrap_or_else(|| panic!("no login for {email} in {output}"))
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

async fn check_demo(app: TestApp, output: String) {
    let projects = app.get("/api/v1/projects?limit=100").await;
    assert_eq!(projects.status, 200, "{}", projects.text);
    assert_eq!(items(&projects.body).len(), 4);

    let mut total_tasks = 0;
    for project in items(&projects.body) {
        let pid = project["id"].as_str().unwrap();
        let name = project["name"].as_str().unwrap();
        let finished = project["status"] == "COMPLETED";

        // Tasks and their dependencies, all in one answer: the schedule.
        let schedule = app.get(&format!("/api/v1/projects/{pid}/schedule")).await;
        assert_eq!(schedule.status, 200, "{name}: {}", schedule.text);
        let tasks = schedule.body["tasks"].as_array().unwrap();
        let edges = schedule.body["dependencies"].as_array().unwrap();
        assert!(tasks.len() >= 20, "{name}: {} tasks", tasks.len());
        assert!(
            edges.len() >= tasks.len() / 2,
            "{name}: {} deps",
            edges.len()
        );
        total_tasks += tasks.len();
        let status: HashMap<&str, &str> = tasks
            .iter()
            .map(|t| (t["id"].as_str().unwrap(), t["status"].as_str().unwrap()))
            .collect();
        for edge in edges {
            let task = edge["task_id"].as_str().unwrap();
            let before = edge["depends_on_id"].as_str().unwrap();
            if status[task] == "DONE" {
                assert_eq!(
                    status[before], "DONE",
                    "{name}: DONE before its predecessor"
                );
            }
        }

        // The workflow stands at one ACTIVE stage: DONE before it, PENDING after it.
        let stages = app
            .get(&format!("/api/v1/projects/{pid}/workflow-stages"))
            .await;
        let stages = items(&stages.body).clone();
        let states: Vec<&str> = stages
            .iter()
            .map(|s| s["status"].as_str().unwrap())
            .collect();
        if finished {
            assert!(states.iter().all(|s| *s == "DONE"), "{name}: {states:?}");
        } else {
            let active = states.iter().position(|s| *s == "ACTIVE");
            let active = active.unwrap_or_else(|| panic!("{name}: no ACTIVE stage {states:?}"));
            assert!(active > 0, "{name}: still at the first stage");
            assert!(states[..active].iter().all(|s| *s == "DONE"), "{states:?}");
            assert!(
                states[active + 1..].iter().all(|s| *s == "PENDING"),
                "{states:?}"
            );
            // Work of finished stages is DONE, work of later stages not started.
            let list = app
                .get(&format!("/api/v1/projects/{pid}/tasks?limit=100"))
                .await;
            for task in items(&list.body) {
                let stage = stages
                    .iter()
                    .position(|s| s["id"] == task["workflow_stage_id"])
                    .expect("every demo task has a stage");
                if stage < active {
                    assert_eq!(task["status"], "DONE", "{name}: {}", task["title"]);
                } else if stage > active {
                    assert_eq!(task["status"], "TODO", "{name}: {}", task["title"]);
                }
            }
        }

        // One board, cards in every column, linked cards where their task's status is.
        let boards = app.get(&format!("/api/v1/projects/{pid}/boards")).await;
        assert_eq!(items(&boards.body).len(), 1, "{name}");
        let board_id = items(&boards.body)[0]["id"].as_str().unwrap();
        let board = app.get(&format!("/api/v1/boards/{board_id}")).await;
        let columns = board.body["columns"].as_array().unwrap();
        assert_eq!(columns.len(), 4, "{name}");
        for column in columns {
            let cards = column["cards"].as_array().unwrap();
            assert!(!cards.is_empty(), "{name}: empty column {}", column["name"]);
            for card in cards.iter().filter(|c| !c["task"].is_null()) {
                let task_status = card["task"]["status"].as_str().unwrap();
                let expected = if task_status == "BLOCKED" {
                    "IN_PROGRESS"
                } else {
                    task_status
                };
                assert_eq!(
                    column["maps_to_status"], expected,
                    "{name}: {}",
                    card["title"]
                );
            }
        }

        // The summary tells the same story.
        let summary = app.get(&format!("/api/v1/projects/{pid}/summary")).await;
        assert_eq!(summary.body["tasks"]["count"], tasks.len(), "{name}");
        let done = status.values().filter(|s| **s == "DONE").count();
        assert_eq!(summary.body["tasks"]["done"], done, "{name}");
        let today = chrono::Utc::now().date_naive().to_string();
        let overdue = tasks
            .iter()
            .filter(|t| t["status"] != "DONE" && t["due_date"].as_str().unwrap() < today.as_str())
            .count();
        assert_eq!(summary.body["tasks"]["overdue"], overdue, "{name}");
        if finished {
            assert!(summary.body["stages"]["current"].is_null());
            assert_eq!(summary.body["tasks"]["percent_done"], "100.0");
        } else {
            let current = stages.iter().find(|s| s["status"] == "ACTIVE").unwrap();
            assert_eq!(summary.body["stages"]["current"]["id"], current["id"]);
        }
    }
    assert!(
        (80..=150).contains(&total_tasks),
        "{total_tasks} tasks in the demo"
    );

    // A crew member's "my tasks" spans the productions they work on.
    let email = "lukas.wagner@demo.eventmgr.dev";
    let token = app.login(email, &password_of(&output, email)).await;
    let me = app.get_as(&token, "/api/v1/auth/me").await;
    let mine = app
        .get_as(&token, "/api/v1/tasks?assigned_to=me&limit=100")
        .await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    assert!(!items(&mine.body).is_empty());
    let projects: HashSet<&str> = items(&mine.body)
        .iter()
        .map(|t| {
            assert_eq!(t["assignee_id"], me.body["id"]);
            t["project_id"].as_str().unwrap()
        })
        .collect();
    assert!(projects.len() >= 2, "{projects:?}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_plans_work_sqlite() {
    let (app, output) = TestApp::spawn_with_demo(Backend::Sqlite)
        .await
        .expect("sqlite");
    check_demo(app, output).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_plans_work_postgres() {
    if let Some((app, output)) = TestApp::spawn_with_demo(Backend::Postgres).await {
        check_demo(app, output).await;
    }
}
