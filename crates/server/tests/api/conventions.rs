//! The API conventions every endpoint shares: bad input answered with the documented
//! problem+json and no write, versions and If-Match, idempotency keys, pagination.

use std::collections::HashSet;

use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    malformed_and_mistyped_input_changes_nothing,
    |app: TestApp| async move {
        let created = app.project("Untouched").await;
        let id = created["id"].as_str().unwrap().to_owned();
        let project = app.get(&format!("/api/v1/projects/{id}")).await.body;
        let audit_before = app.count("audit_log").await;
        let token = app.admin_token.clone();

        // 400: malformed JSON, empty body.
        let r = app
            .send(
                app.client
                    .post(app.url("/api/v1/projects"))
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body("{\"name\": "),
            )
            .await;
        r.problem(400);
        let r = app
            .send(
                app.client
                    .patch(app.url(&format!("/api/v1/projects/{id}")))
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(""),
            )
            .await;
        r.problem(400);
        // 415: not JSON.
        let r = app
            .send(
                app.client
                    .post(app.url("/api/v1/projects"))
                    .bearer_auth(&token)
                    .header("content-type", "text/plain")
                    .body("name=x"),
            )
            .await;
        r.problem(415);
        let r = app
            .send(
                app.client
                    .post(app.url("/api/v1/clients"))
                    .bearer_auth(&token)
                    .body("{}"),
            )
            .await;
        r.problem(415);
        // 413: larger than 1 MiB.
        let huge = json!({"name": "x".repeat(1_100_000), "start_date": "2027-01-01", "end_date": "2027-01-02"});
        app.post("/api/v1/projects", huge.clone())
            .await
            .problem(413);
        app.patch(
            &format!("/api/v1/projects/{id}"),
            json!({"description": "y".repeat(1_100_000)}),
            None,
        )
        .await
        .problem(413);
        // A client still sending a much larger body receives the 413 too (the server keeps
        // reading instead of resetting the connection under it), again and again.
        let much_larger = json!({"name": "x".repeat(24 * 1024 * 1024)});
        for _ in 0..5 {
            app.post("/api/v1/projects", much_larger.clone())
                .await
                .problem(413);
        }
        // 422: wrong types and unknown fields, each naming the field.
        let r = app
            .post(
                "/api/v1/projects",
                json!({"name": 5, "start_date": "2027-01-01", "end_date": "2027-01-02"}),
            )
            .await;
        assert_eq!(r.error_fields(), ["name"]);
        let r = app
            .post(
                "/api/v1/projects",
                json!({"name": "x", "start_date": "01.02.2027", "end_date": "2027-01-02"}),
            )
            .await;
        assert_eq!(r.error_fields(), ["start_date"]);
        let r = app.post("/api/v1/projects", json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "budgt": "5.00"})).await;
        assert_eq!(r.error_fields(), ["budgt"]);
        let r = app
            .patch(
                &format!("/api/v1/projects/{id}"),
                json!({"manager_id": "not-a-uuid"}),
                None,
            )
            .await;
        assert_eq!(r.error_fields(), ["manager_id"]);
        let r = app.post("/api/v1/projects", json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "budget": 1500.5})).await;
        assert_eq!(
            r.error_fields(),
            ["budget"],
            "money must be a decimal string, never a float"
        );
        // 400: invalid UUIDs in paths and bad query parameters.
        app.get("/api/v1/projects/not-a-uuid").await.problem(400);
        app.patch("/api/v1/projects/1234", json!({"name": "x"}), None)
            .await
            .problem(400);
        app.get("/api/v1/projects?limit=0").await.problem(400);
        app.get("/api/v1/projects?limit=abc").await.problem(400);
        app.get("/api/v1/projects?sort=password_hash")
            .await
            .problem(400);
        app.get("/api/v1/projects?cursor=garbage")
            .await
            .problem(400);
        app.get("/api/v1/projects?status=PARTY").await.problem(400);
        app.get("/api/v1/projects?from=yesterday")
            .await
            .problem(400);
        // 404 and 405 for routes.
        app.get("/api/v1/no-such-thing").await.problem(404);
        app.request(
            Method::PUT,
            "/api/v1/projects",
            Some(&token),
            Some(json!({})),
        )
        .await
        .problem(405);
        // 409: illegal transition; 412: stale version.
        app.post(
            &format!("/api/v1/projects/{id}/transition"),
            json!({"to": "LIVE"}),
        )
        .await
        .problem(409);
        app.patch(
            &format!("/api/v1/projects/{id}"),
            json!({"name": "Changed"}),
            Some(7),
        )
        .await
        .problem(412);

        let after = app.get(&format!("/api/v1/projects/{id}")).await;
        assert_eq!(after.body, project, "the project must be unchanged");
        assert_eq!(app.count("projects").await, 1);
        assert_eq!(
            app.count("audit_log").await,
            audit_before,
            "failed writes leave no audit entry"
        );
    }
);

both_backends!(
    read_only_fields_sent_back_are_ignored,
    |app: TestApp| async move {
        let project = app.project("Round trip").await;
        let id = project["id"].as_str().unwrap();
        let mut edited = project.clone();
        edited["name"] = json!("Round trip, edited");
        edited["created_at"] = json!("1999-01-01T00:00:00Z");
        edited["id"] = json!("00000000-0000-0000-0000-000000000000");
        let r = app
            .patch(&format!("/api/v1/projects/{id}"), edited, None)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["name"], "Round trip, edited");
        assert_eq!(r.body["id"], project["id"]);
        assert_eq!(r.body["created_at"], project["created_at"]);
        assert_eq!(r.body["version"], 2);
        // The GET body carried version 1, which is stale now: the same body again is a 412.
        let mut stale = project.clone();
        stale["name"] = json!("Lost update");
        app.patch(&format!("/api/v1/projects/{id}"), stale, None)
            .await
            .problem(412);
        // A status different from the stored one is pointed at /transition.
        let r = app
            .patch(
                &format!("/api/v1/projects/{id}"),
                json!({"status": "LIVE"}),
                None,
            )
            .await;
        assert_eq!(r.error_fields(), ["status"]);
    }
);

/// Holds an uncommitted edit of task `id` (a new title, the version raised) on a second
/// connection while `send` runs, commits it 400 ms later and returns what `send` answered.
async fn while_another_edit_commits(
    app: &TestApp,
    id: &str,
    title: &str,
    send: reqwest::RequestBuilder,
) -> crate::helpers::Resp {
    use sea_orm::{ConnectionTrait, Database, Statement, TransactionTrait};

    let other = Database::connect(app.database_url.as_str())
        .await
        .expect("a second connection");
    let edit = TransactionTrait::begin(&other).await.unwrap();
    let task: uuid::Uuid = id.parse().unwrap();
    edit.execute_raw(Statement::from_sql_and_values(
        edit.get_database_backend(),
        "UPDATE tasks SET title = $1, version = version + 1 WHERE id = $2",
        [title.into(), task.into()],
    ))
    .await
    .unwrap();
    let sending = tokio::spawn(async move { send.send().await.expect("request sent") });
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    edit.commit().await.unwrap();
    let answer = crate::helpers::Resp::read(sending.await.unwrap()).await;
    other.close().await.unwrap();
    answer
}

// An update that names no version applies to the record as it is when it is written, even
// when another writer commits between its read and its write (on PostgreSQL the read takes
// no lock, and that write used to fail with 412); one that names a version still gets its
// 412 when that version is gone by then.
both_backends!(
    a_write_without_a_version_goes_through_a_concurrent_edit,
    |app: TestApp| async move {
        let project = app.project("Racing").await;
        let p = project["id"].as_str().unwrap();
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/tasks"),
                json!({"title": "Rigging plan"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.body["id"].as_str().unwrap().to_owned();
        let url = app.url(&format!("/api/v1/tasks/{id}"));
        let audit_before = app.count("audit_log").await;

        let unconditional = app
            .client
            .patch(&url)
            .bearer_auth(&app.admin_token)
            .json(&json!({"priority": "HIGH"}));
        let r = while_another_edit_commits(&app, &id, "Rigging plan v2", unconditional).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.body["version"], 3,
            "applied on top of the concurrent edit"
        );
        let task = app.get(&format!("/api/v1/tasks/{id}")).await.body;
        assert_eq!(
            task["title"], "Rigging plan v2",
            "the concurrent edit is kept"
        );
        assert_eq!(task["priority"], "HIGH");
        assert_eq!(
            app.count("audit_log").await,
            audit_before + 1,
            "one audit entry for the one change made"
        );

        // With the version read before the other edit: refused, and nothing of it written.
        let conditional = app
            .client
            .patch(&url)
            .bearer_auth(&app.admin_token)
            .header("if-match", "\"3\"")
            .json(&json!({"priority": "LOW"}));
        let r = while_another_edit_commits(&app, &id, "Rigging plan v3", conditional).await;
        assert_eq!(r.problem(412)["current_version"], 4);
        let task = app.get(&format!("/api/v1/tasks/{id}")).await.body;
        assert_eq!(task["title"], "Rigging plan v3");
        assert_eq!(task["priority"], "HIGH");
        assert_eq!(task["version"], 4);
    }
);

both_backends!(
    etag_and_if_match_prevent_lost_updates,
    |app: TestApp| async move {
        let project = app.project("Versioned").await;
        let id = project["id"].as_str().unwrap();
        let r = app.get(&format!("/api/v1/projects/{id}")).await;
        assert_eq!(r.header("etag"), Some("\"1\""));
        let r = app
            .patch(
                &format!("/api/v1/projects/{id}"),
                json!({"venue": "Halle 7"}),
                Some(1),
            )
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("etag"), Some("\"2\""));
        let stale = app
            .patch(
                &format!("/api/v1/projects/{id}"),
                json!({"venue": "Halle 8"}),
                Some(1),
            )
            .await;
        assert_eq!(stale.problem(412)["current_version"], 2);
        let r = app
            .send(
                app.client
                    .delete(app.url(&format!("/api/v1/projects/{id}")))
                    .bearer_auth(&app.admin_token)
                    .header("if-match", "\"1\""),
            )
            .await;
        r.problem(412);
        assert_eq!(
            app.get(&format!("/api/v1/projects/{id}")).await.body["venue"],
            "Halle 7"
        );
    }
);

both_backends!(
    concurrent_patches_with_one_version_have_one_winner,
    |app: TestApp| async move {
        for round in 0..5 {
            let project = app.project(&format!("Race {round}")).await;
            let id = project["id"].as_str().unwrap().to_owned();
            let path = format!("/api/v1/projects/{id}");
            let (a, b) = tokio::join!(
                app.patch(&path, json!({"venue": "Venue A"}), Some(1)),
                app.patch(&path, json!({"venue": "Venue B"}), Some(1)),
            );
            let mut statuses = [a.status, b.status];
            statuses.sort();
            assert_eq!(
                statuses,
                [200, 412],
                "round {round}: {} / {}",
                a.text,
                b.text
            );
            let winner = if a.status == 200 {
                "Venue A"
            } else {
                "Venue B"
            };
            let now = app.get(&path).await;
            assert_eq!(now.body["venue"], winner);
            assert_eq!(now.body["version"], 2);
        }
    }
);

both_backends!(
    idempotency_key_replays_the_first_answer,
    |app: TestApp| async move {
        let body =
            json!({"name": "Idempotent", "start_date": "2027-05-01", "end_date": "2027-05-02"});
        let send = |key: &'static str, body: serde_json::Value| {
            app.send(
                app.client
                    .post(app.url("/api/v1/projects"))
                    .bearer_auth(&app.admin_token)
                    .header("idempotency-key", key)
                    .json(&body),
            )
        };
        let first = send("key-1", body.clone()).await;
        assert_eq!(first.status, 201);
        let again = send("key-1", body.clone()).await;
        assert_eq!(again.status, 201);
        assert_eq!(again.body, first.body);
        assert_eq!(again.header("location"), first.header("location"));
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(app.count("projects").await, 1);
        let other = send(
            "key-1",
            json!({"name": "Something else", "start_date": "2027-05-01", "end_date": "2027-05-02"}),
        )
        .await;
        assert_eq!(other.error_fields(), ["Idempotency-Key"]);
        // A failed request does not burn its key: after fixing the body, the retry runs.
        let bad = send(
            "key-2",
            json!({"name": "", "start_date": "2027-05-01", "end_date": "2027-05-02"}),
        )
        .await;
        bad.problem(422);
        let good = send(
            "key-2",
            json!({"name": "Fixed", "start_date": "2027-05-01", "end_date": "2027-05-02"}),
        )
        .await;
        assert_eq!(good.status, 201);
        assert_eq!(app.count("projects").await, 2);
    }
);

both_backends!(
    concurrent_requests_with_one_key_create_one_project,
    |app: TestApp| async move {
        let body =
            json!({"name": "Once only", "start_date": "2027-05-01", "end_date": "2027-05-02"});
        let requests = (0..6).map(|_| {
            app.send(
                app.client
                    .post(app.url("/api/v1/projects"))
                    .bearer_auth(&app.admin_token)
                    .header("idempotency-key", "same-key")
                    .json(&body),
            )
        });
        let answers = futures::future::join_all(requests).await;
        let ids: HashSet<String> = answers
            .iter()
            .map(|r| {
                assert_eq!(r.status, 201, "{}", r.text);
                r.body["id"].as_str().unwrap().to_owned()
            })
            .collect();
        assert_eq!(ids.len(), 1);
        assert_eq!(app.count("projects").await, 1);
    }
);

both_backends!(
    cursor_pagination_visits_every_row_once,
    |app: TestApp| async move {
        let names = [
            "Delta", "Hotel", "Charlie", "Bravo", "Echo", "Foxtrot", "Golf", "Alpha",
        ];
        for name in names {
            app.project(name).await;
        }
        for sort in [
            "name",
            "-name",
            "created_at",
            "-start_date,name",
            "-created_at",
        ] {
            let mut seen = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let mut path = format!("/api/v1/projects?limit=3&sort={sort}");
                if let Some(c) = &cursor {
                    path.push_str(&format!("&cursor={c}"));
                }
                let r = app.get(&path).await;
                assert_eq!(r.status, 200, "{}", r.text);
                assert_eq!(r.body["total"], names.len());
                assert!(r.body["items"].as_array().unwrap().len() <= 3);
                seen.extend(
                    r.body["items"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p["name"].as_str().unwrap().to_owned()),
                );
                match r.body["next_cursor"].as_str() {
                    Some(c) => cursor = Some(c.to_owned()),
                    None => break,
                }
            }
            assert_eq!(seen.len(), names.len(), "sort {sort}: {seen:?}");
            let unique: HashSet<_> = seen.iter().collect();
            assert_eq!(
                unique.len(),
                names.len(),
                "sort {sort}: duplicates in {seen:?}"
            );
            if sort == "name" {
                let mut sorted = seen.clone();
                sorted.sort();
                assert_eq!(seen, sorted);
            }
            if sort == "-name" {
                let mut sorted = seen.clone();
                sorted.sort();
                sorted.reverse();
                assert_eq!(seen, sorted);
            }
        }
        // A cursor belongs to its sort.
        let first = app.get("/api/v1/projects?limit=2&sort=name").await;
        let cursor = first.body["next_cursor"].as_str().unwrap();
        app.get(&format!(
            "/api/v1/projects?limit=2&sort=-name&cursor={cursor}"
        ))
        .await
        .problem(400);
    }
);

both_backends!(
    status_machines_are_published_for_clients,
    |app: TestApp| async move {
        app.request(Method::GET, "/api/v1/statuses", None, None)
            .await
            .problem(401);
        let r = app.get("/api/v1/statuses").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.body["permit"][0],
            json!({"status": "PENDING", "next": ["SUBMITTED"]})
        );
        let states: Vec<&str> = r.body["bom_item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["status"].as_str().unwrap())
            .collect();
        assert_eq!(
            states,
            [
                "PLANNED",
                "REQUESTED",
                "ORDERED",
                "CONFIRMED",
                "DELIVERED",
                "RETURNED",
                "CANCELLED"
            ]
        );
        let done = r.body["task"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["status"] == "DONE")
            .unwrap();
        assert!(!done["next"].as_array().unwrap().contains(&json!("BLOCKED")));
        // The published machine is the one the server enforces: a move it does not list is
        // refused.
        let project = app.project("Machines").await;
        let id = project["id"].as_str().unwrap();
        let item = app
            .post(
                &format!("/api/v1/projects/{id}/bom-items"),
                json!({"name": "Truss"}),
            )
            .await;
        let item_id = item.body["id"].as_str().unwrap();
        let planned = &r.body["bom_item"][0]["next"];
        assert!(!planned.as_array().unwrap().contains(&json!("RETURNED")));
        app.patch(
            &format!("/api/v1/bom-items/{item_id}"),
            json!({"status": "RETURNED"}),
            None,
        )
        .await
        .problem(409);
    }
);
