//! API tokens: shown once, stored hashed, scoped, expiring, revocable, last use tracked.

use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    api_tokens_are_scoped_and_revocable,
    |app: TestApp| async move {
        let project = app.project("Scripted").await;
        let r = app
            .post(
                "/api/v1/auth/tokens",
                json!({"name": "nightly export", "scopes": ["clients:read", "costs:read"]}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let token = r.body["token"].as_str().unwrap().to_owned();
        let id = r.body["id"].as_str().unwrap().to_owned();
        assert!(token.starts_with("emt_") && token.len() > 40);
        assert_eq!(r.body["token_prefix"], &token[..12]);

        // A retry with an Idempotency-Key makes a second token rather than storing the first
        // one's secret for replay.
        let again = app
            .send(
                app.client
                    .post(app.url("/api/v1/auth/tokens"))
                    .bearer_auth(&app.admin_token)
                    .header("idempotency-key", "k1")
                    .json(&json!({"name": "retry"})),
            )
            .await;
        assert_eq!(again.status, 201);
        assert_eq!(
            app.count("idempotency_keys").await,
            0,
            "secrets are never stored for replay"
        );
        app.delete(&format!(
            "/api/v1/auth/tokens/{}",
            again.body["id"].as_str().unwrap()
        ))
        .await;

        // Stored only as a hash; the list never shows the token again.
        let db = app.app.store.conn();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT token_hash FROM api_tokens WHERE revoked_at IS NULL",
            ))
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        let stored: String = rows[0].try_get("", "token_hash").unwrap();
        assert_ne!(stored, token);
        let list = app.get("/api/v1/auth/tokens").await;
        assert!(!list.text.contains(&token));
        assert_eq!(list.body["items"][0]["name"], "nightly export");

        // It works, as its owner, within its scopes only.
        assert_eq!(app.get_as(&token, "/api/v1/clients").await.status, 200);
        app.post_as(&token, "/api/v1/clients", json!({"name": "Not allowed"}))
            .await
            .problem(403);
        let seen = app
            .get_as(
                &token,
                &format!("/api/v1/projects/{}", project["id"].as_str().unwrap()),
            )
            .await;
        assert_eq!(seen.status, 200, "the owner is a member of the project");
        assert_eq!(seen.body["budget"], "1000.00");
        let list = app.get("/api/v1/auth/tokens").await;
        assert!(
            list.body["items"][0]["last_used_at"].is_string(),
            "{}",
            list.text
        );

        // Scopes beyond the owner's permissions are refused.
        let (_, member) = app.user("member", None).await;
        let r = app
            .post_as(
                &member,
                "/api/v1/auth/tokens",
                json!({"name": "x", "scopes": ["users:manage"]}),
            )
            .await;
        assert_eq!(r.error_fields(), ["scopes[0]"]);
        let r = app
            .post(
                "/api/v1/auth/tokens",
                json!({"name": "old", "expires_at": "2020-01-01T00:00:00Z"}),
            )
            .await;
        assert_eq!(r.error_fields(), ["expires_at"]);

        // Someone else cannot revoke it; its owner can, and it stops working at once.
        app.request(
            Method::DELETE,
            &format!("/api/v1/auth/tokens/{id}"),
            Some(&member),
            None,
        )
        .await
        .problem(404);
        assert_eq!(
            app.delete(&format!("/api/v1/auth/tokens/{id}"))
                .await
                .status,
            204
        );
        app.get_as(&token, "/api/v1/clients").await.problem(401);
        app.get_as("emt_made-up", "/api/v1/clients")
            .await
            .problem(401);
    }
);

both_backends!(
    expired_tokens_and_deactivated_owners_are_refused,
    |app: TestApp| async move {
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
        let r = app
            .post(
                "/api/v1/auth/tokens",
                json!({"name": "short-lived", "expires_at": soon}),
            )
            .await;
        let token = r.body["token"].as_str().unwrap().to_owned();
        assert_eq!(app.get_as(&token, "/api/v1/projects").await.status, 200);
        tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
        app.get_as(&token, "/api/v1/projects").await.problem(401);

        let (member, member_token) = app.user("member", None).await;
        let r = app
            .post_as(
                &member_token,
                "/api/v1/auth/tokens",
                json!({"name": "member script"}),
            )
            .await;
        let token = r.body["token"].as_str().unwrap().to_owned();
        assert_eq!(app.get_as(&token, "/api/v1/projects").await.status, 200);
        app.patch(
            &format!("/api/v1/users/{}", member.id),
            json!({"is_active": false}),
            None,
        )
        .await;
        app.get_as(&token, "/api/v1/projects").await.problem(401);
    }
);
