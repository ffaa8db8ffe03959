//! `/users` and `/roles`: administration, the last-admin rule, deactivation, custom roles.

use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(admins_manage_accounts, |app: TestApp| async move {
    let r = app.post("/api/v1/users", json!({"email": "Jonas.Becker@Test.example", "first_name": "Jonas", "last_name": "Becker", "role": "project_manager", "password": "Jonas-Pass-2027!"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let jonas = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["email"], "jonas.becker@test.example");
    assert_eq!(r.body["role"], "project_manager");
    assert!(r.body.get("invite_url").is_none());
    let jonas_token = app
        .login("jonas.becker@test.example", "Jonas-Pass-2027!")
        .await;

    // Invited without a password (no SMTP here): the link comes back and works.
    let r = app.post("/api/v1/users", json!({"email": "aylin@test.example", "first_name": "Aylin", "last_name": "Demir", "role": "member"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let url = r.body["invite_url"].as_str().unwrap();
    let token = url.split("token=").nth(1).unwrap();
    let set = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/password/reset",
            None,
            Some(json!({"token": token, "new_password": "Aylin-Pass-2027!"})),
        )
        .await;
    assert_eq!(set.status, 204, "{}", set.text);
    app.login("aylin@test.example", "Aylin-Pass-2027!").await;

    // Validation and conflicts.
    let bad = app.post("/api/v1/users", json!({"email": "nope", "first_name": "", "last_name": "X", "role": "overlord", "password": "short"})).await;
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["email", "first_name", "password", "role"]);
    app.post("/api/v1/users", json!({"email": "jonas.becker@test.example", "first_name": "J", "last_name": "B", "role": "member", "password": "Another-Pass-2027"})).await.problem(409);
    let client_without_client = app.post("/api/v1/users", json!({"email": "c@test.example", "first_name": "C", "last_name": "D", "role": "client", "password": "Client-Pass-2027"})).await;
    assert_eq!(client_without_client.error_fields(), ["client_id"]);

    // Listing and reading need users:read; managing needs users:manage.
    let list = app.get_as(&jonas_token, "/api/v1/users?q=aylin").await;
    assert_eq!(list.body["total"], 1);
    app.post_as(
        &jonas_token,
        "/api/v1/users",
        json!({"email": "x@test.example", "first_name": "X", "last_name": "Y", "role": "admin"}),
    )
    .await
    .problem(403);
    app.patch_as(
        &jonas_token,
        &format!("/api/v1/users/{jonas}"),
        json!({"role": "admin"}),
        None,
    )
    .await
    .problem(403);

    // Change role; deactivate: the user's tokens stop working at once.
    let r = app
        .patch(
            &format!("/api/v1/users/{jonas}"),
            json!({"role": "member"}),
            Some(1),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["role"], "member");
    assert_eq!(
        app.get_as(&jonas_token, "/api/v1/auth/me").await.body["role"],
        "member",
        "a role change applies to live tokens"
    );
    let r = app
        .patch(
            &format!("/api/v1/users/{jonas}"),
            json!({"is_active": false}),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    app.get_as(&jonas_token, "/api/v1/auth/me")
        .await
        .problem(401);
    let again = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "jonas.becker@test.example", "password": "Jonas-Pass-2027!"})),
        )
        .await;
    again.problem(401);
    let actions: Vec<String> = eventmgr_store::repo::audit::for_entity(
        app.app.store.conn(),
        "user",
        jonas.parse().unwrap(),
    )
    .await
    .unwrap()
    .into_iter()
    .map(|e| e.action)
    .collect();
    assert!(
        actions.contains(&"user.role_change".to_owned())
            && actions.contains(&"user.deactivate".to_owned()),
        "{actions:?}"
    );
});

both_backends!(the_last_active_admin_stays, |app: TestApp| async move {
    let me = app.admin.id;
    app.patch(
        &format!("/api/v1/users/{me}"),
        json!({"role": "member"}),
        None,
    )
    .await
    .problem(409);
    app.patch(
        &format!("/api/v1/users/{me}"),
        json!({"is_active": false}),
        None,
    )
    .await
    .problem(409);
    app.delete(&format!("/api/v1/users/{me}"))
        .await
        .problem(409);
    let (second, _) = app.user("admin", None).await;
    assert_eq!(
        app.patch(
            &format!("/api/v1/users/{me}"),
            json!({"role": "member"}),
            None
        )
        .await
        .status,
        200
    );
    // Now `second` is the last admin.
    app.delete(&format!("/api/v1/users/{}", second.id))
        .await
        .problem(403);
});

both_backends!(roles_builtin_and_custom, |app: TestApp| async move {
    let list = app.get("/api/v1/roles").await;
    let names: Vec<_> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect();
    for builtin in ["admin", "project_manager", "member", "viewer", "client"] {
        assert!(names.contains(&builtin.to_owned()), "{names:?}");
    }
    let member_role = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "member")
        .unwrap()
        .clone();
    let mid = member_role["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/roles/{mid}"))
        .await
        .problem(409);
    app.patch(
        &format!("/api/v1/roles/{mid}"),
        json!({"permissions": ["audit:read"]}),
        None,
    )
    .await
    .problem(409);
    app.patch(
        &format!("/api/v1/roles/{mid}"),
        json!({"name": "crew"}),
        None,
    )
    .await
    .problem(409);
    let r = app
        .patch(
            &format!("/api/v1/roles/{mid}"),
            json!({"require_mfa": true}),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["require_mfa"], true);

    let bad = app
        .post(
            "/api/v1/roles",
            json!({"name": "auditor", "permissions": ["audit:read", "launch:missiles"]}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["permissions[1]"]);
    let r = app.post("/api/v1/roles", json!({"name": "auditor", "description": "Reads the audit log", "permissions": ["audit:read", "users:read"]})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let rid = r.body["id"].as_str().unwrap().to_owned();
    app.post(
        "/api/v1/roles",
        json!({"name": "auditor", "permissions": []}),
    )
    .await
    .problem(409);

    // The custom role's permissions take effect.
    let (auditor, token) = app.user("auditor", None).await;
    assert_eq!(app.get_as(&token, "/api/v1/audit-log").await.status, 200);
    app.post_as(
        &token,
        "/api/v1/projects",
        json!({"name": "x", "start_date": "2027-01-01", "end_date": "2027-01-01"}),
    )
    .await
    .problem(403);
    app.delete(&format!("/api/v1/roles/{rid}"))
        .await
        .problem(409);
    assert_eq!(
        app.patch(
            &format!("/api/v1/users/{}", auditor.id),
            json!({"role": "viewer"}),
            None
        )
        .await
        .status,
        200
    );
    // Deleted users still hold their role in history, so only unused roles go.
    let (_, member_token) = app.user("member", None).await;
    app.post_as(
        &member_token,
        "/api/v1/roles",
        json!({"name": "mine", "permissions": ["*"]}),
    )
    .await
    .problem(403);
});
