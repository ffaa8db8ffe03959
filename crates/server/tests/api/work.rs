//! Work management over HTTP: tasks with filters and "my tasks", dependencies (cycles named,
//! DONE blocked by unfinished predecessors), the critical-path schedule, workflow stages.

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

async fn task(app: &TestApp, project: &str, body: Value) -> Value {
    let r = app
        .post(&format!("/api/v1/projects/{project}/tasks"), body)
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn depend(app: &TestApp, task: &str, on: &str) -> crate::helpers::Resp {
    app.post(
        &format!("/api/v1/tasks/{task}/dependencies"),
        json!({"depends_on_id": on}),
    )
    .await
}

fn titles(r: &crate::helpers::Resp) -> Vec<String> {
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_owned())
        .collect()
}

both_backends!(tasks_filters_and_my_tasks, |app: TestApp| async move {
    let p1 = id(&app.project("Festival").await);
    let p2 = id(&app.project("Gala").await);
    let (member, member_token) = app.user("member", None).await;
    let (outsider, _) = app.user("member", None).await;
    for p in [&p1, &p2] {
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/members"),
                json!({"user_id": member.id, "role": "MEMBER"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    // The assignee must be a member of the project.
    let r = app
        .post(
            &format!("/api/v1/projects/{p1}/tasks"),
            json!({"title": "X", "assignee_id": outsider.id}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(r.error_fields(), vec!["assignee_id"]);
    // Bad hours, bad priority, due before start: one 422 naming each field, nothing written.
    let r = app
        .post(
            &format!("/api/v1/projects/{p1}/tasks"),
            json!({"title": "X", "estimated_hours": "1.234", "priority": "URGENT", "start_date": "2027-05-02", "due_date": "2027-05-01"}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    let mut fields = r.error_fields();
    fields.sort();
    assert_eq!(fields, vec!["due_date", "estimated_hours", "priority"]);
    assert_eq!(app.count("tasks").await, 0);

    let survey = task(&app, &p1, json!({"title": "Site survey", "priority": "HIGH", "assignee_id": member.id, "due_date": "2020-01-10", "estimated_hours": "6"})).await;
    assert_eq!(survey["status"], "TODO");
    assert_eq!(survey["estimated_hours"], "6.00");
    task(
        &app,
        &p1,
        json!({"title": "Stage order", "priority": "CRITICAL", "due_date": "2099-03-01"}),
    )
    .await;
    task(&app, &p1, json!({"title": "Crew briefing", "priority": "LOW", "assignee_id": member.id, "due_date": "2099-04-01"})).await;
    task(
        &app,
        &p2,
        json!({"title": "Gala menu tasting", "assignee_id": member.id}),
    )
    .await;
    task(&app, &p2, json!({"title": "Gala seating plan"})).await;

    let list = |q: &str| format!("/api/v1/projects/{p1}/tasks?{q}");
    assert_eq!(
        titles(&app.get(&list("priority=HIGH,CRITICAL&sort=title")).await),
        vec!["Site survey", "Stage order"]
    );
    assert_eq!(
        titles(&app.get(&list("sort=-priority")).await),
        vec!["Stage order", "Site survey", "Crew briefing"]
    );
    assert_eq!(
        titles(&app.get(&list("overdue=true")).await),
        vec!["Site survey"]
    );
    assert_eq!(
        titles(&app.get(&list("due_before=2099-03-15")).await),
        vec!["Site survey", "Stage order"]
    );
    assert_eq!(
        titles(&app.get(&list("due_after=2099-03-15")).await),
        vec!["Crew briefing"]
    );
    assert_eq!(
        titles(&app.get(&list("q=BRIEF")).await),
        vec!["Crew briefing"]
    );
    assert_eq!(
        titles(&app.get(&list("assigned_to=none")).await),
        vec!["Stage order"]
    );
    assert_eq!(app.get(&list("status=WAITING")).await.status, 400);
    assert_eq!(app.get(&list("sort=colour")).await.status, 400);
    // Paging by priority keeps every row exactly once.
    let first = app.get(&list("sort=priority&limit=2")).await;
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let second = app
        .get(&list(&format!("sort=priority&limit=2&cursor={cursor}")))
        .await;
    assert_eq!(titles(&first), vec!["Crew briefing", "Site survey"]);
    assert_eq!(titles(&second), vec!["Stage order"]);

    assert_eq!(
        app.get("/api/v1/tasks?assigned_to=nobody").await.status,
        400
    );
    let theirs = app
        .get(&format!(
            "/api/v1/tasks?assigned_to={}&sort=title",
            member.id
        ))
        .await;
    assert_eq!(
        titles(&theirs),
        vec!["Crew briefing", "Gala menu tasting", "Site survey"]
    );
    // A stage of another project is refused by name.
    let foreign_stage = app
        .get(&format!("/api/v1/projects/{p2}/workflow-stages"))
        .await
        .body["items"][0]["id"]
        .clone();
    let r = app
        .post(
            &format!("/api/v1/projects/{p1}/tasks"),
            json!({"title": "X", "workflow_stage_id": foreign_stage}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(r.error_fields(), vec!["workflow_stage_id"]);
    // My tasks: across both projects, only the caller's.
    let mine = app
        .get_as(&member_token, "/api/v1/tasks?assigned_to=me&sort=title")
        .await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    assert_eq!(
        titles(&mine),
        vec!["Crew briefing", "Gala menu tasting", "Site survey"]
    );
    // Removed from the gala: its tasks vanish from the list.
    let r = app
        .delete(&format!("/api/v1/projects/{p2}/members/{}", member.id))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let mine = app
        .get_as(&member_token, "/api/v1/tasks?assigned_to=me&sort=title")
        .await;
    assert_eq!(titles(&mine), vec!["Crew briefing", "Site survey"]);

    // Updates are versioned; status moves fill and clear completed_at.
    let path = format!("/api/v1/tasks/{}", id(&survey));
    assert_eq!(
        app.patch(&path, json!({"title": "Y"}), Some(7))
            .await
            .status,
        412
    );
    let r = app
        .patch(
            &path,
            json!({"status": "DONE", "actual_hours": "7.5"}),
            Some(1),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.body["completed_at"].is_string());
    assert_eq!(r.body["actual_hours"], "7.50");
    let r = app.patch(&path, json!({"status": "BLOCKED"}), None).await;
    assert_eq!(r.status, 409, "{}", r.text);
    let r = app
        .patch(&path, json!({"status": "IN_PROGRESS"}), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.body["completed_at"].is_null());
    let audit = app
        .get(&format!("/api/v1/audit-log?entity_id={}", id(&survey)))
        .await;
    assert_eq!(
        audit.body["items"].as_array().unwrap().len(),
        3,
        "{}",
        audit.text
    );
});

both_backends!(
    dependencies_refuse_cycles_and_unfinished_predecessors,
    |app: TestApp| async move {
        let p = id(&app.project("Festival").await);
        let other = id(&app.project("Other").await);
        let a = id(&task(&app, &p, json!({"title": "Site survey"})).await);
        let b = id(&task(&app, &p, json!({"title": "Permits submitted"})).await);
        let c = id(&task(&app, &p, json!({"title": "Stage order"})).await);
        let d = id(&task(&app, &p, json!({"title": "Crew briefing"})).await);
        let foreign = id(&task(&app, &other, json!({"title": "Elsewhere"})).await);

        assert_eq!(depend(&app, &b, &a).await.status, 201);
        assert_eq!(depend(&app, &c, &b).await.status, 201);
        assert_eq!(depend(&app, &d, &c).await.status, 201);
        // Adding it again answers the existing dependency, not a duplicate.
        assert_eq!(depend(&app, &d, &c).await.status, 201);
        assert_eq!(app.count("task_dependencies").await, 3);

        // Self, direct and long cycles: 409 naming the tasks of the cycle.
        let r = depend(&app, &a, &a).await;
        assert_eq!(r.status, 409, "{}", r.text);
        assert!(
            r.text.contains(&a) && r.text.contains("Site survey"),
            "{}",
            r.text
        );
        let r = depend(&app, &a, &b).await;
        assert_eq!(r.status, 409, "{}", r.text);
        let detail = r.body["detail"].as_str().unwrap();
        assert!(detail.contains(&a) && detail.contains(&b), "{detail}");
        let r = depend(&app, &a, &d).await;
        assert_eq!(r.status, 409, "{}", r.text);
        let detail = r.body["detail"].as_str().unwrap();
        for t in [&a, &b, &c, &d] {
            assert!(detail.contains(t.as_str()), "{detail} names {t}");
        }
        // Read in dependency order: the new edge first, then round to where it started.
        assert!(
            detail.starts_with("this dependency would close a cycle: \"Crew briefing\""),
            "{detail}"
        );
        // The same, for clients: a code and the tasks round the cycle, in order.
        assert_eq!(r.body["code"], "dependency_cycle", "{}", r.text);
        let round: Vec<&str> = r.body["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap())
            .collect();
        assert_eq!(round, [&d, &a, &b, &c, &d], "{}", r.text);
        assert_eq!(r.body["records"][0]["name"], "Crew briefing");
        // Across projects: a clear 422.
        let r = depend(&app, &a, &foreign).await;
        assert_eq!(r.status, 422, "{}", r.text);
        assert_eq!(app.count("task_dependencies").await, 3);

        // DONE waits for every predecessor.
        let r = app
            .patch(
                &format!("/api/v1/tasks/{c}"),
                json!({"status": "DONE"}),
                None,
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.text);
        let detail = r.body["detail"].as_str().unwrap();
        assert!(
            detail.contains("Permits submitted") && detail.contains(&b),
            "{detail}"
        );
        assert_eq!(r.body["code"], "unfinished_predecessors", "{}", r.text);
        assert_eq!(r.body["records"][0]["id"], b.as_str(), "{}", r.text);
        assert_eq!(r.body["records"][0]["name"], "Permits submitted");
        assert_eq!(r.body["records"][0]["status"], "TODO");
        assert_eq!(
            app.get(&format!("/api/v1/tasks/{c}")).await.body["status"],
            "TODO"
        );
        for t in [&a, &b, &c] {
            let r = app
                .patch(
                    &format!("/api/v1/tasks/{t}"),
                    json!({"status": "DONE"}),
                    None,
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.text);
        }
        // A DONE task cannot take on an unfinished predecessor.
        let e = id(&task(&app, &p, json!({"title": "Late addition"})).await);
        let r = depend(&app, &c, &e).await;
        assert_eq!(r.status, 409, "{}", r.text);
        assert_eq!(r.body["code"], "done_depends_on_open", "{}", r.text);
        assert_eq!(r.body["records"][1]["id"], e.as_str(), "{}", r.text);

        let list = app.get(&format!("/api/v1/tasks/{d}/dependencies")).await;
        assert_eq!(list.body["items"][0]["depends_on_id"], c.as_str());
        assert_eq!(list.body["items"][0]["depends_on_status"], "DONE");
        let r = app
            .delete(&format!("/api/v1/tasks/{d}/dependencies/{c}"))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        let r = app
            .delete(&format!("/api/v1/tasks/{d}/dependencies/{c}"))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        // Deleting a task takes its dependencies with it.
        assert_eq!(app.delete(&format!("/api/v1/tasks/{b}")).await.status, 204);
        assert_eq!(app.count("task_dependencies").await, 0);
    }
);

both_backends!(
    schedule_finds_the_critical_path,
    |app: TestApp| async move {
        let p = id(&app.project("Festival").await);
        // A(8h) → B(16h) → D(8h) and A → C(8h) → D: A, B, D are critical; C has 8 h slack.
        let a = id(&task(&app, &p, json!({"title": "A", "estimated_hours": "8"})).await);
        let b = id(&task(&app, &p, json!({"title": "B", "estimated_hours": "16"})).await);
        let c = id(&task(&app, &p, json!({"title": "C", "estimated_hours": "8"})).await);
        let d = id(&task(
            &app,
            &p,
            json!({"title": "D", "estimated_hours": "8", "due_date": "2027-03-03"}),
        )
        .await);
        for (t, on) in [(&b, &a), (&c, &a), (&d, &b), (&d, &c)] {
            assert_eq!(depend(&app, t, on).await.status, 201);
        }
        let r = app
            .get(&format!("/api/v1/projects/{p}/schedule?from=2027-03-01"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let s = &r.body;
        assert_eq!(s["critical_path"], json!([a, b, d]));
        assert_eq!(s["project_finish"], "2027-03-04");
        assert_eq!(s["project_hours"], 32.0);
        let by_id = |t: &str| {
            s["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == t)
                .unwrap()
                .clone()
        };
        assert_eq!(by_id(&b)["earliest_start"], "2027-03-02");
        assert_eq!(by_id(&b)["earliest_finish"], "2027-03-03");
        assert_eq!(by_id(&c)["slack_hours"], 8.0);
        assert_eq!(by_id(&c)["critical"], false);
        assert_eq!(by_id(&c)["latest_start"], "2027-03-03");
        assert_eq!(by_id(&d)["critical"], true);
        assert_eq!(by_id(&d)["cannot_make_it"], true);
        assert_eq!(s["cannot_make_it"], json!([d]));
        // DONE tasks take no more time: with A done, everything moves a day earlier.
        let r = app
            .patch(
                &format!("/api/v1/tasks/{a}"),
                json!({"status": "DONE"}),
                None,
            )
            .await;
        assert_eq!(r.status, 200);
        let r = app
            .get(&format!("/api/v1/projects/{p}/schedule?from=2027-03-01"))
            .await;
        assert_eq!(r.body["project_finish"], "2027-03-03");
        assert_eq!(r.body["cannot_make_it"], json!([]));
        assert_eq!(
            app.get(&format!("/api/v1/projects/{p}/schedule?hours_per_day=30"))
                .await
                .status,
            400
        );
        // Absurd estimates give absurd dates, not an overflow.
        let mut huge = Vec::new();
        for n in 0..3 {
            huge.push(id(&task(
                &app,
                &p,
                json!({"title": format!("Huge {n}"), "estimated_hours": "999999.99"}),
            )
            .await));
        }
        assert_eq!(depend(&app, &huge[1], &huge[0]).await.status, 201);
        assert_eq!(depend(&app, &huge[2], &huge[1]).await.status, 201);
        let r = app
            .get(&format!(
                "/api/v1/projects/{p}/schedule?from=2027-03-01&hours_per_day=1"
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["critical_path"][0], huge[0].as_str());
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/tasks"),
                json!({"title": "Too big", "estimated_hours": "1000000"}),
            )
            .await;
        assert_eq!(r.status, 422, "{}", r.text);
    }
);

both_backends!(
    workflow_stages_follow_their_rules,
    |app: TestApp| async move {
        let p = id(&app.project("Festival").await);
        let path = format!("/api/v1/projects/{p}/workflow-stages");
        let stages = app.get(&path).await.body["items"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(stages.len(), 7);
        let stage = |n: usize| id(&stages[n]);
        let set = |s: String, status: &str| {
            let app = &app;
            let status = status.to_owned();
            async move {
                app.patch(
                    &format!("/api/v1/workflow-stages/{s}"),
                    json!({"status": status}),
                    None,
                )
                .await
            }
        };
        assert_eq!(
            set(stage(0), "DONE").await.status,
            409,
            "PENDING cannot jump to DONE"
        );
        let r = set(stage(0), "ACTIVE").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.body["started_at"].is_string());
        // Activating the next completes the current.
        assert_eq!(set(stage(1), "ACTIVE").await.status, 200);
        let concept = app
            .get(&format!("/api/v1/workflow-stages/{}", stage(0)))
            .await
            .body;
        assert_eq!(concept["status"], "DONE");
        assert!(concept["completed_at"].is_string());
        // Stepping back: the earlier stage reopens, the later one returns to PENDING.
        assert_eq!(set(stage(0), "ACTIVE").await.status, 200);
        let planning = app
            .get(&format!("/api/v1/workflow-stages/{}", stage(1)))
            .await
            .body;
        assert_eq!(planning["status"], "PENDING");
        assert!(planning["started_at"].is_null());
        let all = app.get(&path).await.body;
        let active: Vec<_> = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["status"] == "ACTIVE")
            .collect();
        assert_eq!(active.len(), 1);
        assert_eq!(
            app.delete(&format!("/api/v1/workflow-stages/{}", stage(0)))
                .await
                .status,
            409
        );

        // Reorder and insert keep positions dense.
        let r = app
            .patch(
                &format!("/api/v1/workflow-stages/{}", stage(6)),
                json!({"position": 0}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = app
            .post(&path, json!({"name": "Rehearsal", "position": 5}))
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let r = app.post(&path, json!({"name": ""})).await;
        assert_eq!(r.status, 422);
        let names: Vec<(i64, String)> = app.get(&path).await.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["position"].as_i64().unwrap(),
                    s["name"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let expected = [
            "Wrap-up",
            "Concept",
            "Planning",
            "Procurement",
            "Build-up",
            "Rehearsal",
            "Show",
            "Dismantle",
        ];
        assert_eq!(
            names,
            expected
                .iter()
                .enumerate()
                .map(|(i, n)| (i as i64, (*n).to_owned()))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            app.delete(&format!("/api/v1/workflow-stages/{}", stage(3)))
                .await
                .status,
            204
        );
        let positions: Vec<i64> = app.get(&path).await.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["position"].as_i64().unwrap())
            .collect();
        assert_eq!(positions, (0..7).collect::<Vec<_>>());
    }
);
