//! Clients: CRUD, validation, trash and restore, references, visibility for client users.

use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(client_lifecycle, |app: TestApp| async move {
    let r = app.post("/api/v1/clients", json!({"name": "  Helix Medical AG ", "contact_person": "Dr. Petra Lang", "email": "Events@Helix.example", "phone": "+49 (89) 555-0"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/clients/{id}").as_str())
    );
    assert_eq!(r.body["name"], "Helix Medical AG");
    assert_eq!(r.body["email"], "events@helix.example");
    assert_eq!(r.body["version"], 1);

    let r = app
        .patch(
            &format!("/api/v1/clients/{id}"),
            json!({"phone": null, "notes": "Prefers email"}),
            Some(1),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["phone"], serde_json::Value::Null);
    assert_eq!(r.body["notes"], "Prefers email");
    assert_eq!(r.body["contact_person"], "Dr. Petra Lang");

    app.client_record("Bankhaus Weber & Söhne").await;
    let r = app.get("/api/v1/clients?q=helix").await;
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["items"][0]["id"], id.as_str());
    let r = app.get("/api/v1/clients?q=%25").await;
    assert_eq!(r.body["total"], 0, "% is matched literally");

    assert_eq!(
        app.delete(&format!("/api/v1/clients/{id}")).await.status,
        204
    );
    app.get(&format!("/api/v1/clients/{id}")).await.problem(404);
    assert!(
        app.get(&format!("/api/v1/clients/{id}?include_deleted=true"))
            .await
            .body["deleted_at"]
            .is_string()
    );
    assert_eq!(app.get("/api/v1/clients").await.body["total"], 1);
    let trash = app.get("/api/v1/clients?deleted=true").await;
    assert_eq!(trash.body["total"], 1);
    assert_eq!(trash.body["items"][0]["id"], id.as_str());
    let r = app
        .post(&format!("/api/v1/clients/{id}/restore"), json!({}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["deleted_at"], serde_json::Value::Null);
    app.post(&format!("/api/v1/clients/{id}/restore"), json!({}))
        .await
        .problem(409);
    assert_eq!(app.get("/api/v1/clients").await.body["total"], 2);
});

both_backends!(
    client_validation_names_every_field,
    |app: TestApp| async move {
        let r = app.post("/api/v1/clients", json!({"name": " ", "email": "not-an-email", "phone": "call me", "address": "x".repeat(1001)})).await;
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, ["address", "email", "name", "phone"]);
        assert_eq!(app.count("clients").await, 0);
    }
);

both_backends!(
    client_referenced_by_a_project_cannot_be_trashed,
    |app: TestApp| async move {
        let client = app.client_record("Nordlicht Kultur e.V.").await;
        let cid = client["id"].as_str().unwrap();
        let r = app.post("/api/v1/projects", json!({"name": "Festival", "start_date": "2027-07-01", "end_date": "2027-07-03", "client_id": cid})).await;
        assert_eq!(r.status, 201);
        let pid = r.body["id"].as_str().unwrap().to_owned();
        let blocked = app.delete(&format!("/api/v1/clients/{cid}")).await;
        assert!(
            blocked.problem(409)["detail"]
                .as_str()
                .unwrap()
                .contains("1 project")
        );
        assert_eq!(
            app.delete(&format!("/api/v1/projects/{pid}")).await.status,
            204
        );
        assert_eq!(
            app.delete(&format!("/api/v1/clients/{cid}")).await.status,
            204
        );
        // The project cannot come back while its client is in the trash.
        app.post(&format!("/api/v1/projects/{pid}/restore"), json!({}))
            .await
            .problem(409);
    }
);

both_backends!(
    client_users_see_only_their_own_client,
    |app: TestApp| async move {
        let mine = app.client_record("Helix Medical AG").await;
        let other = app.client_record("Bankhaus Weber").await;
        let (_, token) = app
            .user(
                "client",
                Some(mine["id"].as_str().unwrap().parse().unwrap()),
            )
            .await;
        let list = app.get_as(&token, "/api/v1/clients").await;
        assert_eq!(list.body["total"], 1);
        assert_eq!(list.body["items"][0]["id"], mine["id"]);
        assert_eq!(
            app.get_as(
                &token,
                &format!("/api/v1/clients/{}", mine["id"].as_str().unwrap())
            )
            .await
            .status,
            200
        );
        app.get_as(
            &token,
            &format!("/api/v1/clients/{}", other["id"].as_str().unwrap()),
        )
        .await
        .problem(404);
        app.post_as(&token, "/api/v1/clients", json!({"name": "Mine now"}))
            .await
            .problem(403);
        let (_, viewer) = app.user("viewer", None).await;
        app.post_as(&viewer, "/api/v1/clients", json!({"name": "Nope"}))
            .await
            .problem(403);
        assert_eq!(app.count("clients").await, 2);
    }
);
