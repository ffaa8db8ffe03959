//! Minimal authentication: nothing under /api/v1 but login is open.

use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp};

both_backends!(
    every_api_route_requires_a_token,
    |app: TestApp| async move {
        let project = app.project("Locked").await;
        let id = project["id"].as_str().unwrap();
        let routes = [
            (Method::GET, "/api/v1/auth/me".to_owned()),
            (Method::GET, "/api/v1/projects".to_owned()),
            (Method::POST, "/api/v1/projects".to_owned()),
            (Method::GET, format!("/api/v1/projects/{id}")),
            (Method::PATCH, format!("/api/v1/projects/{id}")),
            (Method::DELETE, format!("/api/v1/projects/{id}")),
            (Method::POST, format!("/api/v1/projects/{id}/transition")),
            (Method::GET, format!("/api/v1/projects/{id}/members")),
            (
                Method::GET,
                format!("/api/v1/projects/{id}/workflow-stages"),
            ),
            (Method::GET, "/api/v1/clients".to_owned()),
            (Method::POST, "/api/v1/clients".to_owned()),
        ];
        for (method, path) in routes {
            for token in [
                None,
                Some("garbage"),
                Some("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
            ] {
                let r = app
                    .request(method.clone(), &path, token, Some(json!({})))
                    .await;
                r.problem(401);
                assert_eq!(
                    r.header("www-authenticate"),
                    Some("Bearer"),
                    "{method} {path}"
                );
            }
        }
        assert_eq!(
            app.count("projects").await,
            1,
            "nothing may be written without a token"
        );
    }
);

both_backends!(
    login_gives_a_token_and_hides_which_part_was_wrong,
    |app: TestApp| async move {
        let ok = app
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "ADMIN@test.example", "password": PASSWORD})),
            )
            .await;
        assert_eq!(ok.status, 200, "{}", ok.text);
        assert_eq!(ok.body["token_type"], "Bearer");
        assert!(ok.body["expires_in"].as_i64().unwrap() > 0);
        assert_eq!(ok.body["user"]["email"], "admin@test.example");
        assert!(ok.body["user"].get("password_hash").is_none());
        let token = ok.body["access_token"].as_str().unwrap();
        let me = app.get_as(token, "/api/v1/auth/me").await;
        assert_eq!(me.body["role"], "admin");

        let wrong_password = app
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "admin@test.example", "password": "Wrong-Password-123"})),
            )
            .await;
        let unknown_email = app
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "nobody@test.example", "password": "Wrong-Password-123"})),
            )
            .await;
        assert_eq!(
            wrong_password.problem(401)["detail"],
            unknown_email.problem(401)["detail"]
        );
        let missing = app
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "admin@test.example"})),
            )
            .await;
        assert_eq!(missing.error_fields(), ["password"]);
    }
);

both_backends!(
    a_token_signed_with_another_key_is_refused,
    |app: TestApp| async move {
        let other =
            eventmgr_app::auth::TokenKeys::new(vec![("other".into(), vec![3u8; 32])], 900).unwrap();
        let forged = other
            .issue(app.admin.id, uuid::Uuid::now_v7(), chrono::Utc::now())
            .unwrap();
        app.get_as(&forged, "/api/v1/projects").await.problem(401);
    }
);

both_backends!(
    me_lists_the_permissions_of_the_role,
    |app: TestApp| async move {
        let admin = app.get("/api/v1/auth/me").await;
        assert_eq!(admin.body["permissions"], json!(["*"]));
        assert_eq!(admin.body["mfa_setup_required"], false);
        assert_eq!(admin.body["email"], "admin@test.example");
        let (_, viewer) = app.user("viewer", None).await;
        let me = app.get_as(&viewer, "/api/v1/auth/me").await;
        assert_eq!(me.body["role"], "viewer");
        assert_eq!(
            me.body["permissions"],
            json!(["clients:read", "users:read", "suppliers:read"])
        );
        let (_, client) = app.user("client", None).await;
        let me = app.get_as(&client, "/api/v1/auth/me").await;
        assert_eq!(me.body["permissions"], json!([]));
    }
);
