//! Projects: creation with defaults, validation, the status machine, filters, visibility,
//! cost hiding, audit entries, trash and restore.

use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    new_project_gets_defaults_stages_and_its_creator_as_manager,
    |app: TestApp| async move {
        let (pm, pm_token) = app.user("project_manager", None).await;
        let r = app.post_as(&pm_token, "/api/v1/projects", json!({"name": "Rheinwiesen Open Air", "start_date": "2027-07-10", "end_date": "2027-07-12", "venue": "Rheinwiesen", "currency": "chf"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.body["id"].as_str().unwrap().to_owned();
        assert_eq!(
            r.header("location"),
            Some(format!("/api/v1/projects/{id}").as_str())
        );
        assert_eq!(r.header("etag"), Some("\"1\""));
        assert_eq!(r.body["status"], "PLANNING");
        assert_eq!(r.body["budget"], "0.00");
        assert_eq!(r.body["currency"], "CHF");
        assert_eq!(r.body["manager_id"], pm.id.to_string());
        assert_eq!(r.body["created_by"], pm.id.to_string());
        assert_eq!(id.chars().nth(14), Some('7'), "ids are UUID v7");

        let stages = app
            .get_as(&pm_token, &format!("/api/v1/projects/{id}/workflow-stages"))
            .await;
        let names: Vec<_> = stages.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            names,
            [
                "Concept",
                "Planning",
                "Procurement",
                "Build-up",
                "Show",
                "Dismantle",
                "Wrap-up"
            ]
        );
        assert!(
            stages.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["status"] == "PENDING")
        );

        let members = app
            .get_as(&pm_token, &format!("/api/v1/projects/{id}/members"))
            .await;
        assert_eq!(members.body["items"].as_array().unwrap().len(), 1);
        assert_eq!(members.body["items"][0]["user_id"], pm.id.to_string());
        assert_eq!(members.body["items"][0]["role"], "MANAGER");

        let custom = app.post("/api/v1/projects", json!({"name": "Gala", "start_date": "2027-01-01", "end_date": "2027-01-01", "workflow_stages": ["Angebot", "Show"]})).await;
        let stages = app
            .get(&format!(
                "/api/v1/projects/{}/workflow-stages",
                custom.body["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(stages.body["items"].as_array().unwrap().len(), 2);
        assert_eq!(stages.body["items"][0]["name"], "Angebot");
    }
);

both_backends!(
    project_validation_names_each_field_and_writes_nothing,
    |app: TestApp| async move {
        let cases = [
            (
                json!({"name": "", "start_date": "2027-01-01", "end_date": "2027-01-02"}),
                "name",
                "required",
            ),
            (
                json!({"name": "x".repeat(201), "start_date": "2027-01-01", "end_date": "2027-01-02"}),
                "name",
                "too_long",
            ),
            (
                json!({"name": "x", "start_date": "2027-01-03", "end_date": "2027-01-02"}),
                "end_date",
                "before_start",
            ),
            (
                json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "budget": "10.005"}),
                "budget",
                "too_many_decimals",
            ),
            (
                json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "budget": "-1.00"}),
                "budget",
                "negative",
            ),
            (
                json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "budget": "1.234,50"}),
                "budget",
                "invalid_decimal",
            ),
            (
                json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "currency": "EURO"}),
                "currency",
                "unknown_currency",
            ),
            (
                json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "client_id": "01936d3c-0000-7000-8000-000000000000"}),
                "client_id",
                "unknown_client",
            ),
            (
                json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-02", "manager_id": "01936d3c-0000-7000-8000-000000000000"}),
                "manager_id",
                "unknown_user",
            ),
            (
                json!({"start_date": "2027-01-01", "end_date": "2027-01-02"}),
                "name",
                "required",
            ),
        ];
        for (body, field, code) in cases {
            let r = app.post("/api/v1/projects", body.clone()).await;
            let problem = r.problem(422);
            let errors = problem["errors"].as_array().unwrap();
            assert!(
                errors
                    .iter()
                    .any(|e| e["field"] == field && e["code"] == code),
                "{body}: {}",
                r.text
            );
        }
        // Several bad fields are reported together.
        let r = app.post("/api/v1/projects", json!({"name": "", "start_date": "2027-01-03", "end_date": "2027-01-02", "currency": "XYZ"})).await;
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, ["currency", "end_date", "name"]);
        assert_eq!(app.count("projects").await, 0);
        assert_eq!(app.count("workflow_stages").await, 0);
        assert_eq!(app.count("project_members").await, 0);
    }
);

both_backends!(status_moves_one_step_at_a_time, |app: TestApp| async move {
    let project = app.project("Lifecycle").await;
    let id = project["id"].as_str().unwrap();
    let path = format!("/api/v1/projects/{id}/transition");
    let r = app.post(&path, json!({"to": "LIVE"})).await;
    let detail = r.problem(409)["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.contains("CONFIRMED") && detail.contains("CANCELLED"),
        "{detail}"
    );
    for (to, version) in [
        ("CONFIRMED", 2),
        ("IN_PRODUCTION", 3),
        ("CONFIRMED", 4),
        ("IN_PRODUCTION", 5),
        ("LIVE", 6),
        ("WRAP_UP", 7),
        ("COMPLETED", 8),
    ] {
        let r = app.post(&path, json!({"to": to})).await;
        assert_eq!(r.status, 200, "to {to}: {}", r.text);
        assert_eq!(r.body["status"], to);
        assert_eq!(r.body["version"], version);
    }
    let r = app.post(&path, json!({"to": "CANCELLED"})).await;
    assert!(
        r.problem(409)["detail"]
            .as_str()
            .unwrap()
            .contains("allowed: none")
    );
    app.post(&path, json!({"to": "PARTY"})).await.problem(422);
    app.post(&path, json!({"to": "WRAP_UP"})).await.problem(409);

    let other = app.project("Cancelled show").await;
    let path = format!(
        "/api/v1/projects/{}/transition",
        other["id"].as_str().unwrap()
    );
    let r = app.post(&path, json!({"to": "CANCELLED"})).await;
    assert_eq!(r.body["status"], "CANCELLED");
    app.post(&path, json!({"to": "CONFIRMED"}))
        .await
        .problem(409);
    // Stale If-Match on a transition is refused too.
    let r = app
        .send(
            app.client
                .post(app.url(&path))
                .bearer_auth(&app.admin_token)
                .header("if-match", "\"1\"")
                .json(&json!({"to": "PLANNING"})),
        )
        .await;
    r.problem(412);
});

both_backends!(
    members_move_forward_only_managers_step_back_or_cancel,
    |app: TestApp| async move {
        let project = app.project("Team").await;
        let id = project["id"].as_str().unwrap();
        let (member, token) = app.user("member", None).await;
        let r = app
            .post(
                &format!("/api/v1/projects/{id}/members"),
                json!({"user_id": member.id, "role": "MEMBER"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let path = format!("/api/v1/projects/{id}/transition");
        assert_eq!(
            app.post_as(&token, &path, json!({"to": "CONFIRMED"}))
                .await
                .status,
            200
        );
        app.post_as(&token, &path, json!({"to": "PLANNING"}))
            .await
            .problem(409);
        app.post_as(&token, &path, json!({"to": "CANCELLED"}))
            .await
            .problem(403);
        app.patch_as(
            &token,
            &format!("/api/v1/projects/{id}"),
            json!({"name": "Mine"}),
            None,
        )
        .await
        .problem(403);
        assert_eq!(app.post(&path, json!({"to": "PLANNING"})).await.status, 200);
    }
);

both_backends!(
    list_filters_by_status_client_manager_dates_and_text,
    |app: TestApp| async move {
        let client = app.client_record("Helix").await;
        let cid = client["id"].as_str().unwrap();
        let (pm, _) = app.user("project_manager", None).await;
        let mk = |name: &str, start: &str, end: &str, extra: serde_json::Value| {
            let mut body = json!({"name": name, "start_date": start, "end_date": end});
            for (k, v) in extra.as_object().unwrap() {
                body[k] = v.clone();
            }
            app.post("/api/v1/projects", body)
        };
        let a = mk(
            "Messestand MEDICA",
            "2027-11-16",
            "2027-11-19",
            json!({"client_id": cid, "venue": "Messe Düsseldorf"}),
        )
        .await;
        mk(
            "Sommerfest",
            "2027-07-01",
            "2027-07-01",
            json!({"manager_id": pm.id}),
        )
        .await;
        mk(
            "Winter Gala",
            "2027-12-10",
            "2027-12-10",
            json!({"location": "Kurhaus Wiesbaden"}),
        )
        .await;
        let aid = a.body["id"].as_str().unwrap();
        app.post(
            &format!("/api/v1/projects/{aid}/transition"),
            json!({"to": "CONFIRMED"}),
        )
        .await;

        let names = |r: &crate::helpers::Resp| -> Vec<String> {
            r.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            names(&app.get("/api/v1/projects?status=CONFIRMED").await),
            ["Messestand MEDICA"]
        );
        assert_eq!(
            names(
                &app.get("/api/v1/projects?status=PLANNING,CONFIRMED&sort=name")
                    .await
            )
            .len(),
            3
        );
        assert_eq!(
            names(&app.get(&format!("/api/v1/projects?client_id={cid}")).await),
            ["Messestand MEDICA"]
        );
        assert_eq!(
            names(
                &app.get(&format!("/api/v1/projects?manager_id={}", pm.id))
                    .await
            ),
            ["Sommerfest"]
        );
        assert_eq!(
            names(
                &app.get("/api/v1/projects?from=2027-11-18&to=2027-12-31&sort=start_date")
                    .await
            ),
            ["Messestand MEDICA", "Winter Gala"]
        );
        assert_eq!(
            names(&app.get("/api/v1/projects?to=2027-07-31").await),
            ["Sommerfest"]
        );
        assert_eq!(
            names(&app.get("/api/v1/projects?q=kurhaus").await),
            ["Winter Gala"]
        );
        assert_eq!(
            names(&app.get("/api/v1/projects?q=DÜSSELDORF").await),
            ["Messestand MEDICA"]
        );
        assert_eq!(
            names(&app.get("/api/v1/projects?q=düsseldorf").await),
            ["Messestand MEDICA"]
        );
        assert_eq!(
            names(&app.get("/api/v1/projects?sort=-start_date").await),
            ["Winter Gala", "Messestand MEDICA", "Sommerfest"]
        );
    }
);

both_backends!(
    nobody_sees_a_project_they_do_not_belong_to,
    |app: TestApp| async move {
        let project = app.project("Secret launch").await;
        let id = project["id"].as_str().unwrap();
        let (_, outsider) = app.user("project_manager", None).await;
        let (viewer, viewer_token) = app.user("viewer", None).await;
        app.post(
            &format!("/api/v1/projects/{id}/members"),
            json!({"user_id": viewer.id, "role": "VIEWER"}),
        )
        .await;

        // The outsider learns nothing: 404 everywhere, as for an id that does not exist.
        assert_eq!(
            app.get_as(&outsider, "/api/v1/projects").await.body["total"],
            0
        );
        for r in [
            app.get_as(&outsider, &format!("/api/v1/projects/{id}"))
                .await,
            app.patch_as(
                &outsider,
                &format!("/api/v1/projects/{id}"),
                json!({"name": "Hijack"}),
                None,
            )
            .await,
            app.post_as(
                &outsider,
                &format!("/api/v1/projects/{id}/transition"),
                json!({"to": "CONFIRMED"}),
            )
            .await,
            app.get_as(&outsider, &format!("/api/v1/projects/{id}/members"))
                .await,
            app.get_as(&outsider, &format!("/api/v1/projects/{id}/workflow-stages"))
                .await,
            app.post_as(
                &outsider,
                &format!("/api/v1/projects/{id}/members"),
                json!({"user_id": viewer.id, "role": "MANAGER"}),
            )
            .await,
        ] {
            assert_eq!(
                r.problem(404)["detail"],
                "The project does not exist or is not visible to you."
            );
        }
        // The viewer reads but cannot change, and sees no money.
        let seen = app
            .get_as(&viewer_token, &format!("/api/v1/projects/{id}"))
            .await;
        assert_eq!(seen.status, 200);
        assert!(
            seen.body.get("budget").is_none(),
            "viewers lack costs:read: {}",
            seen.text
        );
        assert_eq!(
            app.get_as(&viewer_token, "/api/v1/projects").await.body["total"],
            1
        );
        app.patch_as(
            &viewer_token,
            &format!("/api/v1/projects/{id}"),
            json!({"name": "Changed"}),
            None,
        )
        .await
        .problem(403);
        app.post_as(
            &viewer_token,
            &format!("/api/v1/projects/{id}/transition"),
            json!({"to": "CONFIRMED"}),
        )
        .await
        .problem(403);
        assert_eq!(
            app.get(&format!("/api/v1/projects/{id}")).await.body["name"],
            "Secret launch"
        );
    }
);

both_backends!(
    client_users_see_their_clients_projects_without_costs,
    |app: TestApp| async move {
        let helix = app.client_record("Helix").await;
        let hid = helix["id"].as_str().unwrap();
        let theirs = app.post("/api/v1/projects", json!({"name": "Helix stand", "start_date": "2027-11-16", "end_date": "2027-11-19", "client_id": hid, "budget": "240000.00"})).await;
        app.project("Someone else's gala").await;
        let (_, token) = app.user("client", Some(hid.parse().unwrap())).await;
        let list = app.get_as(&token, "/api/v1/projects").await;
        assert_eq!(list.body["total"], 1);
        assert_eq!(list.body["items"][0]["id"], theirs.body["id"]);
        assert!(list.body["items"][0].get("budget").is_none());
        let one = app
            .get_as(
                &token,
                &format!("/api/v1/projects/{}", theirs.body["id"].as_str().unwrap()),
            )
            .await;
        assert!(one.body.get("budget").is_none());
        assert!(!one.text.contains("240000"));
        app.post_as(
            &token,
            "/api/v1/projects",
            json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-01"}),
        )
        .await
        .problem(403);
    }
);

both_backends!(
    writes_leave_audit_entries_with_before_and_after,
    |app: TestApp| async move {
        let project = app.project("Audited").await;
        let id = project["id"].as_str().unwrap();
        app.patch(
            &format!("/api/v1/projects/{id}"),
            json!({"budget": "2500.50", "venue": "Zeche Zollverein"}),
            Some(1),
        )
        .await;
        app.post(
            &format!("/api/v1/projects/{id}/transition"),
            json!({"to": "CONFIRMED"}),
        )
        .await;
        app.delete(&format!("/api/v1/projects/{id}")).await;
        let entries = eventmgr_store::repo::audit::for_entity(
            app.app.store.conn(),
            "project",
            id.parse().unwrap(),
        )
        .await
        .unwrap();
        let actions: Vec<_> = entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "project.create",
                "project.update",
                "project.transition",
                "project.delete"
            ]
        );
        assert!(entries.iter().all(|e| e.actor_id == Some(app.admin.id)));
        assert!(entries.iter().all(|e| e.request_id.is_some()));
        let update = entries[1].changes.clone().unwrap();
        assert_eq!(
            update["budget"],
            json!({"before": "1000.00", "after": "2500.50"})
        );
        assert_eq!(update["venue"]["after"], "Zeche Zollverein");
        assert!(
            update.get("name").is_none(),
            "unchanged fields are not listed"
        );
        assert_eq!(
            entries[2].changes.clone().unwrap()["status"],
            json!({"before": "PLANNING", "after": "CONFIRMED"})
        );
    }
);

both_backends!(trash_and_restore_projects, |app: TestApp| async move {
    let project = app.project("Trash me").await;
    let id = project["id"].as_str().unwrap();
    assert_eq!(
        app.delete(&format!("/api/v1/projects/{id}")).await.status,
        204
    );
    app.get(&format!("/api/v1/projects/{id}"))
        .await
        .problem(404);
    app.patch(
        &format!("/api/v1/projects/{id}"),
        json!({"name": "x"}),
        None,
    )
    .await
    .problem(404);
    assert_eq!(app.get("/api/v1/projects").await.body["total"], 0);
    let trash = app.get("/api/v1/projects?deleted=true").await;
    assert_eq!(trash.body["total"], 1);
    let r = app
        .get(&format!("/api/v1/projects/{id}?include_deleted=true"))
        .await;
    assert!(r.body["deleted_at"].is_string());
    let r = app
        .post(&format!("/api/v1/projects/{id}/restore"), json!({}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(app.get("/api/v1/projects").await.body["total"], 1);
    app.post(&format!("/api/v1/projects/{id}/restore"), json!({}))
        .await
        .problem(409);
});

both_backends!(budgets_round_trip_exactly, |app: TestApp| async move {
    for budget in [
        "9999999999999.99",
        "0.01",
        "1500.00",
        "1500",
        "0.10",
        "1234567.89",
    ] {
        let r = app.post("/api/v1/projects", json!({"name": budget, "start_date": "2027-01-01", "end_date": "2027-01-01", "budget": budget})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let stored = app
            .get(&format!(
                "/api/v1/projects/{}",
                r.body["id"].as_str().unwrap()
            ))
            .await;
        let expected = if budget.contains('.') {
            budget.to_owned()
        } else {
            format!("{budget}.00")
        };
        assert_eq!(stored.body["budget"], expected.as_str());
    }
    app.post("/api/v1/projects", json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-01", "budget": "10000000000000.00"})).await.problem(422);
});

both_backends!(
    one_project_answer_says_what_the_caller_may_do,
    |app: TestApp| async move {
        let project = app.project("Abilities").await;
        let id = project["id"].as_str().unwrap();
        let path = format!("/api/v1/projects/{id}");
        assert!(
            project.get("my_access").is_none(),
            "a create answer is not about a caller"
        );

        // The creator manages the project.
        let admin = app.get(&path).await.body;
        assert_eq!(
            admin["my_access"],
            json!({"member_role": "MANAGER", "write": true, "manage": true, "sees_costs": true,
                   "next_statuses": ["CONFIRMED", "CANCELLED"]})
        );

        let (member, member_token) = app.user("member", None).await;
        let (viewer, viewer_token) = app.user("viewer", None).await;
        for (user, role) in [(&member, "MEMBER"), (&viewer, "VIEWER")] {
            let r = app
                .post(
                    &format!("{path}/members"),
                    json!({"user_id": user.id, "role": role}),
                )
                .await;
            assert_eq!(r.status, 201, "{}", r.text);
        }
        let as_member = app
            .request(reqwest::Method::GET, &path, Some(&member_token), None)
            .await
            .body;
        // Members move forward but neither step back nor cancel.
        assert_eq!(
            as_member["my_access"],
            json!({"member_role": "MEMBER", "write": true, "manage": false, "sees_costs": true,
                   "next_statuses": ["CONFIRMED"]})
        );
        let as_viewer = app
            .request(reqwest::Method::GET, &path, Some(&viewer_token), None)
            .await
            .body;
        assert_eq!(
            as_viewer["my_access"],
            json!({"member_role": "VIEWER", "write": false, "manage": false, "sees_costs": false,
                   "next_statuses": []})
        );

        // A transition answers the new state's moves; the manager may now step back.
        let moved = app
            .post(&format!("{path}/transition"), json!({"to": "CONFIRMED"}))
            .await;
        assert_eq!(
            moved.body["my_access"]["next_statuses"],
            json!(["IN_PRODUCTION", "PLANNING", "CANCELLED"])
        );
        // A list says the same per project, so its rows offer the same actions.
        let list = app.get("/api/v1/projects").await.body;
        assert_eq!(
            list["items"][0]["my_access"], moved.body["my_access"],
            "{list}"
        );
        let as_viewer = app
            .request(
                reqwest::Method::GET,
                "/api/v1/projects",
                Some(&viewer_token),
                None,
            )
            .await
            .body;
        assert_eq!(
            as_viewer["items"][0]["my_access"],
            json!({"member_role": "VIEWER", "write": false, "manage": false, "sees_costs": false,
                   "next_statuses": []}),
            "{as_viewer}"
        );
    }
);
