//! `GET /dashboard`: my tasks due soon, running projects with budget status, permits at risk,
//! the next transports and the latest changes — each only from projects the caller can see,
//! money only for `costs:read`.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn created(app: &TestApp, path: &str, body: Value) -> Value {
    let r = app.post(path, body).await;
    assert_eq!(r.status, 201, "{path}: {}", r.text);
    r.body
}

both_backends!(
    dashboard_shows_what_needs_attention_in_visible_projects_only,
    |app: TestApp| async move {
        let today = Utc::now().date_naive();
        let client = app.client_record("Messe AG").await;
        let show = created(&app, "/api/v1/projects", json!({
            "name": "Trade fair stand", "start_date": today + Duration::days(10),
            "end_date": today + Duration::days(12), "budget": "1000.00", "client_id": id(&client),
        }))
        .await;
        let p = id(&show);
        let cancelled = created(
            &app,
            "/api/v1/projects",
            json!({
                "name": "Called off", "start_date": today + Duration::days(5),
                "end_date": today + Duration::days(6), "budget": "10.00",
            }),
        )
        .await;
        let r = app
            .post(
                &format!("/api/v1/projects/{}/transition", id(&cancelled)),
                json!({"to": "CANCELLED"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);

        // Money: BOM 2 × 300.00 + permit 100.00 + transport 50.00 = 750.00 of 1000.00.
        created(
            &app,
            &format!("/api/v1/projects/{p}/bom-items"),
            json!({"name": "LED wall", "quantity": "2", "unit_price": "300.00"}),
        )
        .await;
        let permit = created(
            &app,
            &format!("/api/v1/projects/{p}/permits"),
            json!({"name": "Fire safety concept", "permit_type": "FIRE_SAFETY", "cost": "100.00"}),
        )
        .await;
        let truck = created(
            &app,
            &format!("/api/v1/projects/{p}/logistics"),
            json!({
                "logistics_type": "DELIVERY", "description": "Stand truck", "cost": "50.00",
                "scheduled_at": (today + Duration::days(8)).and_hms_opt(7, 0, 0).unwrap().and_utc(),
            }),
        )
        .await;
        let admin_id = app.get("/api/v1/auth/me").await.body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let soon = created(&app, &format!("/api/v1/projects/{p}/tasks"), json!({
            "title": "Order carpet", "assignee_id": admin_id, "due_date": today + Duration::days(3),
        }))
        .await;
        created(
            &app,
            &format!("/api/v1/projects/{p}/tasks"),
            json!({
                "title": "Later", "assignee_id": admin_id, "due_date": today + Duration::days(40),
            }),
        )
        .await;
        created(
            &app,
            &format!("/api/v1/projects/{p}/tasks"),
            json!({
                "title": "Already done", "assignee_id": admin_id, "status": "DONE",
                "due_date": today + Duration::days(1),
            }),
        )
        .await;
        created(
            &app,
            &format!("/api/v1/projects/{p}/tasks"),
            json!({
                "title": "Someone else's", "due_date": today + Duration::days(2),
            }),
        )
        .await;
        let gone = created(
            &app,
            &format!("/api/v1/projects/{p}/permits"),
            json!({"name": "Street closure", "permit_type": "ROAD_CLOSURE"}),
        )
        .await;
        let r = app.delete(&format!("/api/v1/permits/{}", id(&gone))).await;
        assert_eq!(r.status, 204, "{}", r.text);

        let r = app.get("/api/v1/dashboard").await;
        assert_eq!(r.status, 200, "{}", r.text);
        let dash = r.body;
        assert_eq!(dash["today"], json!(today));
        assert_eq!(
            names(&dash["my_tasks"], "title"),
            ["Order carpet"],
            "{dash}"
        );
        assert_eq!(dash["my_tasks"][0]["id"], soon["id"]);
        assert_eq!(
            names(&dash["projects"], "name"),
            ["Trade fair stand"],
            "{dash}"
        );
        assert_eq!(dash["projects_total"], 1);
        assert_eq!(
            dash["projects"][0]["budget_status"],
            json!({"budget": "1000.00", "committed": "750.00", "percent_of_budget": "75.0",
                   "over_budget": false})
        );
        // Not approved ten days before the start (within the 14-day window): at risk.
        assert_eq!(
            names(&dash["permits_at_risk"], "name"),
            ["Fire safety concept"]
        );
        assert_eq!(dash["permits_at_risk"][0]["risk_code"], "NOT_APPROVED");
        assert_eq!(
            dash["permits_at_risk"][0]["project_name"],
            "Trade fair stand"
        );
        assert_eq!(dash["permits_at_risk"][0]["id"], permit["id"]);
        assert_eq!(
            names(&dash["next_transports"], "description"),
            ["Stand truck"]
        );
        assert_eq!(dash["next_transports"][0]["id"], truck["id"]);

        // The feed: newest first, named, the deleted permit by the name it had.
        let changes = dash["recent_changes"].as_array().unwrap();
        assert!(!changes.is_empty() && changes.len() <= 12, "{dash}");
        assert_eq!(changes[0]["entity_type"], "permit", "{dash}");
        assert_eq!(changes[0]["entity_name"], "Street closure", "{dash}");
        assert_eq!(changes[0]["project_name"], "Trade fair stand");
        assert!(changes[0]["actor"].is_string(), "{dash}");
        let at: Vec<&str> = changes.iter().map(|c| c["at"].as_str().unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] >= w[1]), "newest first: {at:?}");

        // A trashed project leaves the feed (the cancelled one had entries until now).
        let called_off = cancelled["id"].as_str().unwrap();
        assert!(
            changes.iter().any(|c| c["project_id"] == called_off),
            "{dash}"
        );
        let r = app.delete(&format!("/api/v1/projects/{called_off}")).await;
        assert_eq!(r.status, 204, "{}", r.text);
        let after = app.get("/api/v1/dashboard").await.body;
        assert!(
            after["recent_changes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["project_id"] != called_off),
            "{after}"
        );

        // Over budget shows as such.
        created(
            &app,
            &format!("/api/v1/projects/{p}/bom-items"),
            json!({"name": "Truss", "quantity": "1", "unit_price": "250.01"}),
        )
        .await;
        let dash = app.get("/api/v1/dashboard").await.body;
        assert_eq!(dash["projects"][0]["budget_status"]["committed"], "1000.01");
        assert_eq!(dash["projects"][0]["budget_status"]["over_budget"], true);

        // A member of no project sees nothing of it; as a viewer (no costs:read) no money.
        let (viewer, viewer_token) = app.user("viewer", None).await;
        let empty = app.get_as(&viewer_token, "/api/v1/dashboard").await;
        assert_eq!(empty.status, 200, "{}", empty.text);
        for key in [
            "my_tasks",
            "projects",
            "permits_at_risk",
            "next_transports",
            "recent_changes",
        ] {
            assert_eq!(empty.body[key], json!([]), "{key}: {}", empty.text);
        }
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/members"),
                json!({"user_id": viewer.id, "role": "VIEWER"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let seen = app.get_as(&viewer_token, "/api/v1/dashboard").await.body;
        assert_eq!(names(&seen["projects"], "name"), ["Trade fair stand"]);
        // A member's feed (picked through the `(project_id, seq)` index) is the newest
        // entries of their projects: the administrator's feed (a walk over the whole log),
        // restricted to that project, as far as it reaches.
        let everything = app.get("/api/v1/dashboard").await.body;
        let feed = |dash: &Value| -> Vec<Value> {
            dash["recent_changes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["project_id"] == p.as_str())
                .cloned()
                .collect()
        };
        let mine = feed(&seen);
        assert_eq!(
            mine.len(),
            seen["recent_changes"].as_array().unwrap().len(),
            "only their project: {seen}"
        );
        let admins = feed(&everything);
        assert!(!admins.is_empty(), "{everything}");
        assert_eq!(mine[..admins.len()], admins[..], "{seen}");
        assert!(seen["projects"][0].get("budget_status").is_none(), "{seen}");
        assert_eq!(
            names(&seen["permits_at_risk"], "name"),
            ["Fire safety concept"]
        );

        // A client user: their client's production, its own changes only, no tasks, no money.
        let (_, client_token) = app
            .user(
                "client",
                Some(client["id"].as_str().unwrap().parse().unwrap()),
            )
            .await;
        let theirs = app.get_as(&client_token, "/api/v1/dashboard").await.body;
        assert_eq!(names(&theirs["projects"], "name"), ["Trade fair stand"]);
        assert_eq!(theirs["my_tasks"], json!([]));
        assert!(
            theirs["projects"][0].get("budget_status").is_none(),
            "{theirs}"
        );
        assert!(
            theirs["recent_changes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["entity_type"] == "project"),
            "{theirs}"
        );
        assert!(
            !theirs["recent_changes"].as_array().unwrap().is_empty(),
            "{theirs}"
        );

        // Unauthenticated: 401.
        let r = app
            .request(Method::GET, "/api/v1/dashboard", None, None)
            .await;
        r.problem(401);
    }
);

// The dashboard reads money from rollups the database keeps with triggers; the summary sums
// the rows themselves. After every kind of write — create, update, re-parent, cascading
// delete, spreadsheet import, permits and transports, another project trashed —
// both say the same, and the amount expected.
both_backends!(
    committed_money_follows_every_write,
    |app: TestApp| async move {
        let today = Utc::now().date_naive();
        let show = created(
            &app,
            "/api/v1/projects",
            json!({
                "name": "Rollup gala", "start_date": today + Duration::days(20),
                "end_date": today + Duration::days(21), "budget": "100000.00",
            }),
        )
        .await;
        let p = id(&show);
        let check = |expected: &'static str| {
            let (app, p) = (&app, p.clone());
            async move {
                let dash = app.get("/api/v1/dashboard").await.body;
                let ours = dash["projects"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["id"] == p.as_str())
                    .cloned()
                    .unwrap_or_else(|| panic!("{dash}"));
                let summary = app.get(&format!("/api/v1/projects/{p}/summary")).await.body;
                assert_eq!(summary["costs"]["total"], expected, "{summary}");
                assert_eq!(
                    ours["budget_status"]["committed"], expected,
                    "rollups against the rows' sum: {dash}"
                );
            }
        };
        check("0.00").await;

        let rig = created(
            &app,
            &format!("/api/v1/projects/{p}/bom-items"),
            json!({"name": "Rig", "quantity": "2", "unit_price": "100.00"}),
        )
        .await;
        let motor = created(
            &app,
            &format!("/api/v1/projects/{p}/bom-items"),
            json!({"name": "Motor", "quantity": "3", "unit_price": "10.50", "parent_id": rig["id"]}),
        )
        .await;
        check("231.50").await;

        let r = app
            .patch(
                &format!("/api/v1/bom-items/{}", id(&motor)),
                json!({"quantity": "4"}),
                motor["version"].as_i64(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        check("242.00").await;
        let r = app
            .patch(
                &format!("/api/v1/bom-items/{}", id(&motor)),
                json!({"parent_id": null}),
                r.body["version"].as_i64(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        check("242.00").await;

        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(
                b"Bezeichnung;Menge;Einzelpreis\r\nKabel;10;1,99\r\nTraverse;1;0,01\r\n".to_vec(),
            )
            .file_name("lines.csv"),
        );
        let r = app
            .send(
                app.client
                    .post(app.url(&format!("/api/v1/projects/{p}/bom-items/import")))
                    .bearer_auth(&app.admin_token)
                    .multipart(form),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        check("261.91").await;

        let permit = created(
            &app,
            &format!("/api/v1/projects/{p}/permits"),
            json!({"name": "Noise", "permit_type": "NOISE", "cost": "99.99"}),
        )
        .await;
        let truck = created(
            &app,
            &format!("/api/v1/projects/{p}/logistics"),
            json!({"logistics_type": "DELIVERY", "description": "Truck", "cost": "0.10"}),
        )
        .await;
        check("362.00").await;
        let r = app
            .patch(
                &format!("/api/v1/permits/{}", id(&permit)),
                json!({"cost": "100.00"}),
                permit["version"].as_i64(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        check("362.01").await;
        let r = app
            .delete(&format!("/api/v1/logistics/{}", id(&truck)))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        check("361.91").await;

        // Deleting the rig takes nothing else with it now (the motor moved to the top).
        let r = app
            .delete(&format!("/api/v1/bom-items/{}?cascade=true", id(&rig)))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        check("161.91").await;

        // A second project's rollups are its own, before and after it goes to the trash.
        let other = created(
            &app,
            "/api/v1/projects",
            json!({
                "name": "Other", "start_date": today + Duration::days(30),
                "end_date": today + Duration::days(31), "budget": "10.00",
            }),
        )
        .await;
        created(
            &app,
            &format!("/api/v1/projects/{}/bom-items", id(&other)),
            json!({"name": "Chair", "quantity": "1", "unit_price": "5.00"}),
        )
        .await;
        check("161.91").await;
        let r = app
            .delete(&format!("/api/v1/projects/{}", id(&other)))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        check("161.91").await;
    }
);
