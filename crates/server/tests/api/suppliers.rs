//! Suppliers: CRUD, validation, filters, trash/restore, references block deletion.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(supplier_lifecycle_and_filters, |app: TestApp| async move {
    let r = app.post("/api/v1/suppliers", json!({"name": "Bühnenbau Schmidt GmbH", "category": "Stage & rigging", "rating": "4.5", "email": "Info@Buehnenbau.example", "phone": "+49 (221) 555-12"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["rating"], "4.50");
    assert_eq!(r.body["email"], "info@buehnenbau.example");
    assert_eq!(r.body["is_active"], true);
    app.post(
        "/api/v1/suppliers",
        json!({"name": "PA Verleih Nord", "category": "PA & sound", "rating": "3.75"}),
    )
    .await;
    app.post(
        "/api/v1/suppliers",
        json!({"name": "Zaunteam", "category": "Fencing & barriers", "is_active": false}),
    )
    .await;

    let names = |r: &crate::helpers::Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(&app.get("/api/v1/suppliers?rating_gte=4").await),
        ["Bühnenbau Schmidt GmbH"]
    );
    assert_eq!(
        names(&app.get("/api/v1/suppliers?rating_gte=3.75").await).len(),
        2
    );
    assert_eq!(
        names(&app.get("/api/v1/suppliers?is_active=false").await),
        ["Zaunteam"]
    );
    assert_eq!(
        names(&app.get("/api/v1/suppliers?category=sound").await),
        ["PA Verleih Nord"]
    );
    assert_eq!(
        names(&app.get("/api/v1/suppliers?q=schmidt").await),
        ["Bühnenbau Schmidt GmbH"]
    );
    let all = app.get("/api/v1/suppliers?rating_gte=4").await;
    assert_eq!(all.body["total"], 1, "total counts the filtered rows");
    app.get("/api/v1/suppliers?rating_gte=lots")
        .await
        .problem(400);

    let r = app
        .patch(
            &format!("/api/v1/suppliers/{id}"),
            json!({"rating": null, "is_active": false}),
            Some(1),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["rating"], serde_json::Value::Null);
    assert_eq!(
        app.delete(&format!("/api/v1/suppliers/{id}")).await.status,
        204
    );
    app.get(&format!("/api/v1/suppliers/{id}"))
        .await
        .problem(404);
    assert_eq!(
        app.get("/api/v1/suppliers?deleted=true").await.body["total"],
        1
    );
    assert_eq!(
        app.post(&format!("/api/v1/suppliers/{id}/restore"), json!({}))
            .await
            .status,
        200
    );
    assert_eq!(
        app.get(&format!("/api/v1/suppliers/{id}")).await.status,
        200
    );
});

both_backends!(
    supplier_validation_and_permissions,
    |app: TestApp| async move {
        let r = app
            .post(
                "/api/v1/suppliers",
                json!({"name": "", "rating": "5.5", "email": "x", "phone": "ring ring"}),
            )
            .await;
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, ["email", "name", "phone", "rating"]);
        for rating in ["4.555", "-0.5", "abc"] {
            assert_eq!(
                app.post("/api/v1/suppliers", json!({"name": "X", "rating": rating}))
                    .await
                    .error_fields(),
                ["rating"],
                "{rating}"
            );
        }
        assert_eq!(app.count("suppliers").await, 0);
        let (_, member) = app.user("member", None).await;
        assert_eq!(app.get_as(&member, "/api/v1/suppliers").await.status, 200);
        app.post_as(&member, "/api/v1/suppliers", json!({"name": "Mine"}))
            .await
            .problem(403);
        let helix = app.client_record("Helix").await;
        let (_, client) = app
            .user(
                "client",
                Some(helix["id"].as_str().unwrap().parse().unwrap()),
            )
            .await;
        app.get_as(&client, "/api/v1/suppliers").await.problem(403);
        let (_, pm) = app.user("project_manager", None).await;
        assert_eq!(
            app.post_as(&pm, "/api/v1/suppliers", json!({"name": "Licht & Ton"}))
                .await
                .status,
            201
        );
    }
);

both_backends!(
    a_referenced_supplier_cannot_be_deleted_but_can_be_deactivated,
    |app: TestApp| async move {
        let supplier = app
            .post("/api/v1/suppliers", json!({"name": "Generatoren Müller"}))
            .await
            .body;
        let sid = supplier["id"].as_str().unwrap();
        let project = app.project("Festival").await;
        // A transport naming the supplier, written directly until the logistics API exists.
        let db = app.app.store.conn();
        let backend = db.get_database_backend();
        let now = chrono::Utc::now();
        db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO logistics (id, project_id, supplier_id, logistics_type, description, status, cost, version, created_at, updated_at) VALUES ($1, $2, $3, 'DELIVERY', 'Generators', 'PLANNED', '0.00', 1, $4, $4)",
        [uuid::Uuid::now_v7().into(), uuid::Uuid::parse_str(project["id"].as_str().unwrap()).unwrap().into(), uuid::Uuid::parse_str(sid).unwrap().into(), now.into()],
    ))
    .await
    .unwrap();
        let r = app.delete(&format!("/api/v1/suppliers/{sid}")).await;
        let detail = r.problem(409)["detail"].as_str().unwrap().to_owned();
        assert!(
            detail.contains("0 BOM item(s) and 1 transport(s)"),
            "{detail}"
        );
        let r = app
            .patch(
                &format!("/api/v1/suppliers/{sid}"),
                json!({"is_active": false}),
                None,
            )
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body["is_active"], false);
    }
);
