//! Kanban over HTTP: boards, ordered columns and cards, WIP limits, status-mapped columns
//! with the dependency rule, and concurrent moves by 20 clients (on PostgreSQL through two
//! server processes) that never lose a move or a card.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, ServerProcess, TestApp};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn board(app: &TestApp, project: &str) -> Value {
    let r = app
        .post(
            &format!("/api/v1/projects/{project}/boards"),
            json!({"name": "Build-up week"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body
}

async fn card(app: &TestApp, column: &str, body: Value) -> Value {
    let r = app
        .post(&format!("/api/v1/columns/{column}/cards"), body)
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body
}

/// The card titles of each column, in order.
async fn layout(app: &TestApp, board_id: &str) -> Vec<Vec<String>> {
    let b = app.get(&format!("/api/v1/boards/{board_id}")).await;
    assert_eq!(b.status, 200, "{}", b.text);
    b.body["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k["title"].as_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

both_backends!(
    cards_move_with_wip_limits_and_status_columns,
    |app: TestApp| async move {
        let p = id(&app.project("Festival").await);
        let b = board(&app, &p).await;
        let board_id = id(&b);
        let columns: Vec<String> = b["columns"].as_array().unwrap().iter().map(id).collect();
        assert_eq!(
            b["columns"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["maps_to_status"].clone())
                .collect::<Vec<_>>(),
            vec![
                json!("TODO"),
                json!("IN_PROGRESS"),
                json!("REVIEW"),
                json!("DONE")
            ]
        );
        let (todo, doing, done) = (&columns[0], &columns[1], &columns[3]);
        let one = card(&app, todo, json!({"title": "One"})).await;
        let two = card(&app, todo, json!({"title": "Two"})).await;
        let three = card(&app, todo, json!({"title": "Three", "after_id": id(&one)})).await;
        assert_eq!(
            layout(&app, &board_id).await[0],
            vec!["One", "Three", "Two"]
        );

        // A move writes the card's column and key only.
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&two)),
                json!({"column_id": todo, "before_id": id(&one)}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["version"], 2);
        assert_eq!(
            layout(&app, &board_id).await[0],
            vec!["Two", "One", "Three"]
        );
        assert_eq!(
            app.get(&format!("/api/v1/cards/{}", id(&one))).await.body["version"],
            1
        );
        // Neighbours that are no longer neighbours: 409, nothing moves.
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&three)),
                json!({"column_id": todo, "after_id": id(&two), "before_id": id(&three)}),
            )
            .await;
        assert_eq!(r.status, 422, "next to itself: {}", r.text);
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&one)),
                json!({"column_id": doing, "after_id": id(&two)}),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.text);
        assert_eq!(r.body["code"], "stale_neighbours", "{}", r.text);
        assert_eq!(r.body["records"][0]["id"], id(&two), "{}", r.text);
        // A stale version is a 412.
        let r = app
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/cards/{}/move", id(&one)),
                Some(&app.admin_token),
                Some(json!({"column_id": doing, "version": 9})),
            )
            .await;
        assert_eq!(r.status, 412, "{}", r.text);

        // WIP limit: full column is a 409; force is for managers only.
        let r = app
            .patch(
                &format!("/api/v1/columns/{doing}"),
                json!({"wip_limit": 1, "color": "#12ab3C"}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["color"], "#12AB3C");
        assert_eq!(
            app.patch(
                &format!("/api/v1/columns/{doing}"),
                json!({"color": "blue"}),
                None
            )
            .await
            .status,
            422
        );
        assert_eq!(
            app.post(
                &format!("/api/v1/cards/{}/move", id(&one)),
                json!({"column_id": doing})
            )
            .await
            .status,
            200
        );
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&two)),
                json!({"column_id": doing}),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.text);
        assert!(
            r.body["detail"].as_str().unwrap().contains("WIP limit"),
            "{}",
            r.text
        );
        assert_eq!(r.body["code"], "wip_limit", "{}", r.text);
        assert_eq!(r.body["records"][0]["id"], doing.as_str(), "{}", r.text);
        // Creating into a full column is refused the same way; a manager may force it.
        let r = app
            .post(
                &format!("/api/v1/columns/{doing}/cards"),
                json!({"title": "Extra"}),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.text);
        let extra = card(&app, doing, json!({"title": "Extra", "force": true})).await;
        assert_eq!(
            app.delete(&format!("/api/v1/cards/{}", id(&extra)))
                .await
                .status,
            204
        );
        // Another board's column is not a target.
        let elsewhere = board(&app, &p).await;
        let foreign_column = id(&elsewhere["columns"][0]);
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&three)),
                json!({"column_id": foreign_column}),
            )
            .await;
        assert_eq!(r.status, 422, "{}", r.text);
        assert_eq!(r.error_fields(), vec!["column_id"]);
        let r = app
            .delete(&format!("/api/v1/boards/{}", id(&elsewhere)))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        let (member, member_token) = app.user("member", None).await;
        app.post(
            &format!("/api/v1/projects/{p}/members"),
            json!({"user_id": member.id, "role": "MEMBER"}),
        )
        .await;
        let r = app
            .post_as(
                &member_token,
                &format!("/api/v1/cards/{}/move", id(&two)),
                json!({"column_id": doing, "force": true}),
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.text);
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&two)),
                json!({"column_id": doing, "force": true}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        // Moving within the full column is always allowed.
        let r = app
            .post_as(
                &member_token,
                &format!("/api/v1/cards/{}/move", id(&two)),
                json!({"column_id": doing, "before_id": id(&one)}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(layout(&app, &board_id).await[1], vec!["Two", "One"]);

        // Linked cards: the column's status goes to the task, under the dependency rule.
        let tasks = format!("/api/v1/projects/{p}/tasks");
        let first = id(&app
            .post(&tasks, json!({"title": "Rigging plan"}))
            .await
            .body);
        let second = id(&app
            .post(&tasks, json!({"title": "Hang the truss"}))
            .await
            .body);
        app.post(
            &format!("/api/v1/tasks/{second}/dependencies"),
            json!({"depends_on_id": first}),
        )
        .await;
        let linked = card(&app, todo, json!({"task_id": second})).await;
        assert_eq!(linked["title"], "Hang the truss");
        assert_eq!(linked["task"]["status"], "TODO");
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&linked)),
                json!({"column_id": done}),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.text);
        assert!(
            r.body["detail"].as_str().unwrap().contains("Rigging plan"),
            "{}",
            r.text
        );
        let after = app
            .get(&format!("/api/v1/cards/{}", id(&linked)))
            .await
            .body;
        assert_eq!(
            after["column_id"],
            todo.as_str(),
            "the refused move left the card"
        );
        assert_eq!(
            app.get(&format!("/api/v1/tasks/{second}")).await.body["status"],
            "TODO"
        );
        app.patch(
            &format!("/api/v1/tasks/{first}"),
            json!({"status": "DONE"}),
            None,
        )
        .await;
        let r = app
            .post(
                &format!("/api/v1/cards/{}/move", id(&linked)),
                json!({"column_id": done}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["task"]["status"], "DONE");
        assert_eq!(
            app.get(&format!("/api/v1/tasks/{second}")).await.body["status"],
            "DONE"
        );
        // The card shows the task's live title.
        app.patch(
            &format!("/api/v1/tasks/{second}"),
            json!({"title": "Hang the main truss"}),
            None,
        )
        .await;
        assert_eq!(
            app.get(&format!("/api/v1/cards/{}", id(&linked)))
                .await
                .body["task"]["title"],
            "Hang the main truss"
        );

        // Columns reorder by neighbours; a column with cards cannot be deleted.
        let r = app
            .patch(
                &format!("/api/v1/columns/{done}"),
                json!({"before_id": todo}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let order: Vec<String> = app
            .get(&format!("/api/v1/boards/{board_id}/columns"))
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(order, vec!["Done", "To do", "In progress", "Review"]);
        assert_eq!(
            app.delete(&format!("/api/v1/columns/{done}")).await.status,
            409
        );
        assert_eq!(
            app.delete(&format!("/api/v1/columns/{}", columns[2]))
                .await
                .status,
            204
        );
        // Deleting the board removes its columns and cards.
        assert_eq!(
            app.delete(&format!("/api/v1/boards/{board_id}"))
                .await
                .status,
            204
        );
        assert_eq!(app.count("kanban_cards").await, 0);
        assert_eq!(app.count("kanban_columns").await, 0);
    }
);

/// A small deterministic generator, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[derive(Debug, Clone)]
struct Accepted {
    card: String,
    version: i64,
    column: String,
    after: Option<String>,
    before: Option<String>,
}

/// 20 clients move cards at random for a few seconds; then every card is in one column, the
/// keys are strictly ordered, and replaying the accepted moves in commit order (the event
/// feed's order) gives exactly the board's order: no move was lost.
async fn concurrent_moves(app: TestApp) {
    let p = id(&app.project("Festival").await);
    let b = board(&app, &p).await;
    let board_id = id(&b);
    let columns: Vec<String> = b["columns"].as_array().unwrap().iter().map(id).collect();
    let mut initial: HashMap<String, Vec<String>> =
        columns.iter().map(|c| (c.clone(), Vec::new())).collect();
    for n in 0..16 {
        let column = &columns[n % columns.len()];
        let c = card(&app, column, json!({"title": format!("Card {n}")})).await;
        initial.get_mut(column).unwrap().push(id(&c));
    }
    let second = (app.backend == Backend::Postgres).then(|| ServerProcess::start(&app));
    let bases: Vec<String> = match &second {
        Some(s) => vec![app.url(""), s.url("")],
        None => vec![app.url("")],
    };
    let deadline = Instant::now() + Duration::from_secs(4);
    let mut clients = Vec::new();
    for n in 0..20u64 {
        let http = app.client.clone();
        let token = app.admin_token.clone();
        let base = bases[n as usize % bases.len()].clone();
        let board_id = board_id.clone();
        clients.push(tokio::spawn(async move {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((n + 1) * 7919));
            let mut accepted = Vec::new();
            let mut refused = 0;
            while Instant::now() < deadline {
                let view: Value = http
                    .get(format!("{base}/api/v1/boards/{board_id}"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let cols = view["columns"].as_array().unwrap();
                let all: Vec<&Value> = cols
                    .iter()
                    .flat_map(|c| c["cards"].as_array().unwrap())
                    .collect();
                let moving = all[rng.below(all.len())];
                let target = &cols[rng.below(cols.len())];
                let others: Vec<&Value> = target["cards"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|c| c["id"] != moving["id"])
                    .collect();
                let slot = rng.below(others.len() + 1);
                let after = slot.checked_sub(1).map(|i| id(others[i]));
                let before = others.get(slot).map(|c| id(c));
                let body =
                    json!({"column_id": target["id"], "after_id": after, "before_id": before});
                let r = http
                    .post(format!("{base}/api/v1/cards/{}/move", id(moving)))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                let answer: Value = r.json().await.unwrap_or(Value::Null);
                match status {
                    200 => accepted.push(Accepted {
                        card: id(moving),
                        version: answer["version"].as_i64().unwrap(),
                        column: target["id"].as_str().unwrap().to_owned(),
                        after,
                        before,
                    }),
                    409 => refused += 1,
                    other => panic!("move answered {other}: {answer}"),
                }
            }
            (accepted, refused)
        }));
    }
    let mut accepted = Vec::new();
    let mut refused = 0;
    for c in clients {
        let (a, r) = c.await.unwrap();
        accepted.extend(a);
        refused += r;
    }
    assert!(
        accepted.len() >= 40,
        "enough moves happened: {} accepted, {refused} refused",
        accepted.len()
    );

    // Commit order: the event feed, written under the board lock.
    let db = app.app.store.conn();
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT entity_id, version FROM project_events WHERE event_type = 'card.moved' ORDER BY id",
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), accepted.len(), "one event per accepted move");
    let by_key: HashMap<(String, i64), Accepted> = accepted
        .iter()
        .map(|a| ((a.card.clone(), a.version), a.clone()))
        .collect();
    let mut model = initial;
    for row in rows {
        let card: uuid::Uuid = row.try_get("", "entity_id").unwrap();
        let version: i64 = row.try_get("", "version").unwrap();
        let m = &by_key[&(card.to_string(), version)];
        for list in model.values_mut() {
            list.retain(|c| *c != m.card);
        }
        let list = model.get_mut(&m.column).unwrap();
        let at = match (&m.after, &m.before) {
            (Some(a), _) => list.iter().position(|c| c == a).unwrap() + 1,
            (None, Some(b)) => list.iter().position(|c| c == b).unwrap(),
            (None, None) => list.len(),
        };
        list.insert(at, m.card.clone());
    }
    let view = app.get(&format!("/api/v1/boards/{board_id}")).await.body;
    let mut seen = 0;
    for column in view["columns"].as_array().unwrap() {
        let cards = column["cards"].as_array().unwrap();
        let keys: Vec<&str> = cards
            .iter()
            .map(|c| c["position"].as_str().unwrap())
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "strictly ordered keys: {keys:?}"
        );
        let ids: Vec<String> = cards.iter().map(id).collect();
        assert_eq!(
            ids,
            model[column["id"].as_str().unwrap()],
            "the order every accepted move implies"
        );
        seen += ids.len();
    }
    assert_eq!(seen, 16, "every card in exactly one column");
    drop(second);
}

both_backends!(
    twenty_clients_moving_cards_lose_nothing,
    |app: TestApp| async move {
        concurrent_moves(app).await;
    }
);

both_backends!(
    a_card_move_waits_for_a_concurrent_edit_of_its_task,
    |app: TestApp| async move {
        use sea_orm::{Database, Statement, TransactionTrait};

        let p = id(&app.project("Festival").await);
        let b = board(&app, &p).await;
        let column_of = |status: &str| -> String {
            b["columns"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["maps_to_status"] == status)
                .map(id)
                .expect("a column for the status")
        };
        let task = app
            .post(
                &format!("/api/v1/projects/{p}/tasks"),
                json!({"title": "Rigging plan"}),
            )
            .await;
        assert_eq!(task.status, 201, "{}", task.text);
        let task_id = id(&task.body);
        let linked = card(&app, &column_of("TODO"), json!({"task_id": task_id})).await;

        // Someone edits the task and has not committed yet when the card is moved.
        let other = Database::connect(app.database_url.as_str())
            .await
            .expect("a second connection");
        let edit = other.begin().await.unwrap();
        let task_uuid: uuid::Uuid = task_id.parse().unwrap();
        edit.execute_raw(Statement::from_sql_and_values(
            edit.get_database_backend(),
            "UPDATE tasks SET title = 'Rigging plan v2', version = version + 1 WHERE id = $1",
            [task_uuid.into()],
        ))
        .await
        .unwrap();
        let http = app.client.clone();
        let url = app.url(&format!("/api/v1/cards/{}/move", id(&linked)));
        let token = app.admin_token.clone();
        let done = column_of("DONE");
        let moving = tokio::spawn(async move {
            let r = http
                .post(url)
                .bearer_auth(token)
                .json(&json!({"column_id": done}))
                .send()
                .await
                .expect("sent");
            (r.status().as_u16(), r.text().await.unwrap_or_default())
        });
        tokio::time::sleep(Duration::from_millis(400)).await;
        edit.commit().await.unwrap();

        // The move waited for the edit and then went through (no If-Match was sent, so
        // there is nothing stale to refuse), keeping the edit.
        let (status, text) = moving.await.unwrap();
        assert_eq!(status, 200, "{text}");
        let task = app.get(&format!("/api/v1/tasks/{task_id}")).await.body;
        assert_eq!(task["status"], "DONE");
        assert_eq!(
            task["title"], "Rigging plan v2",
            "the concurrent edit is kept"
        );
        other.close().await.unwrap();
    }
);
