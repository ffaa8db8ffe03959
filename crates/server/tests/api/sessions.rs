//! Sessions: refresh rotation and theft detection, logout and revocation taking effect at
//! once, tampered tokens.

use base64::Engine;
use reqwest::Method;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp};

async fn login(app: &TestApp, email: &str, agent: &str) -> Value {
    let r = app
        .send(
            app.client
                .post(app.url("/api/v1/auth/login"))
                .header("user-agent", agent)
                .json(&json!({"email": email, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body
}

async fn refresh(app: &TestApp, token: &str) -> crate::helpers::Resp {
    app.request(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(json!({"refresh_token": token})),
    )
    .await
}

both_backends!(
    refresh_rotates_and_a_reused_token_kills_the_session,
    |app: TestApp| async move {
        let first = login(&app, "admin@test.example", "Firefox").await;
        let old_refresh = first["refresh_token"].as_str().unwrap();
        let second = refresh(&app, old_refresh).await;
        assert_eq!(second.status, 200, "{}", second.text);
        let new_access = second.body["access_token"].as_str().unwrap().to_owned();
        let new_refresh = second.body["refresh_token"].as_str().unwrap().to_owned();
        assert_ne!(new_refresh, old_refresh);
        assert_eq!(app.get_as(&new_access, "/api/v1/auth/me").await.status, 200);

        // The old token again: theft. The whole session dies, the new tokens with it.
        refresh(&app, old_refresh).await.problem(401);
        app.get_as(&new_access, "/api/v1/auth/me")
            .await
            .problem(401);
        refresh(&app, &new_refresh).await.problem(401);
        refresh(&app, "made-up-token").await.problem(401);
        // Other sessions are untouched.
        assert_eq!(app.get("/api/v1/auth/me").await.status, 200);
        let actions: Vec<String> =
            eventmgr_store::repo::audit::for_entity(app.app.store.conn(), "user", app.admin.id)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.action)
                .collect();
        assert!(
            actions.contains(&"auth.refresh_reuse".to_owned()),
            "{actions:?}"
        );
    }
);

both_backends!(
    concurrent_refreshes_with_one_token_yield_one_pair,
    |app: TestApp| async move {
        let first = login(&app, "admin@test.example", "Chrome").await;
        let token = first["refresh_token"].as_str().unwrap();
        let (a, b) = tokio::join!(refresh(&app, token), refresh(&app, token));
        let ok = [a.status, b.status].iter().filter(|s| **s == 200).count();
        assert!(
            ok <= 1,
            "at most one rotation succeeds: {} / {}",
            a.text,
            b.text
        );
    }
);

both_backends!(
    logout_and_revocation_take_effect_at_once,
    |app: TestApp| async move {
        let phone = login(&app, "admin@test.example", "Phone").await;
        let laptop = login(&app, "admin@test.example", "Laptop").await;
        let phone_token = phone["access_token"].as_str().unwrap();
        let laptop_token = laptop["access_token"].as_str().unwrap();

        let list = app.get_as(laptop_token, "/api/v1/auth/sessions").await;
        let items = list.body["items"].as_array().unwrap();
        assert_eq!(
            items.len(),
            3,
            "the harness login, phone and laptop: {}",
            list.text
        );
        let current: Vec<_> = items.iter().filter(|s| s["current"] == true).collect();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0]["user_agent"], "Laptop");
        let phone_session = items.iter().find(|s| s["user_agent"] == "Phone").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();

        // Revoke the phone from the laptop: its access token is refused immediately.
        assert_eq!(
            app.request(
                Method::DELETE,
                &format!("/api/v1/auth/sessions/{phone_session}"),
                Some(laptop_token),
                None
            )
            .await
            .status,
            204
        );
        app.get_as(phone_token, "/api/v1/auth/me")
            .await
            .problem(401);
        refresh(&app, phone["refresh_token"].as_str().unwrap())
            .await
            .problem(401);
        app.request(
            Method::DELETE,
            &format!("/api/v1/auth/sessions/{phone_session}"),
            Some(laptop_token),
            None,
        )
        .await
        .problem(404);

        // Someone else's session is not ours to see or end.
        let (_, other) = app.user("member", None).await;
        app.request(
            Method::DELETE,
            &format!(
                "/api/v1/auth/sessions/{}",
                current[0]["id"].as_str().unwrap()
            ),
            Some(&other),
            None,
        )
        .await
        .problem(404);

        // Logout ends the laptop session.
        assert_eq!(
            app.request(
                Method::POST,
                "/api/v1/auth/logout",
                Some(laptop_token),
                None
            )
            .await
            .status,
            204
        );
        app.get_as(laptop_token, "/api/v1/auth/me")
            .await
            .problem(401);

        // "Sign out other devices": every session but the caller's own ends.
        let tablet = login(&app, "admin@test.example", "Tablet").await;
        let tablet_token = tablet["access_token"].as_str().unwrap();
        let desk = login(&app, "admin@test.example", "Desk").await;
        let desk_token = desk["access_token"].as_str().unwrap();
        // A flag that is not a boolean is a clear 400 that ends nothing.
        app.request(
            Method::DELETE,
            "/api/v1/auth/sessions?except_current=maybe",
            Some(desk_token),
            None,
        )
        .await
        .problem(400);
        assert_eq!(
            app.get_as(tablet_token, "/api/v1/auth/me").await.status,
            200
        );
        assert_eq!(
            app.request(
                Method::DELETE,
                "/api/v1/auth/sessions?except_current=true",
                Some(desk_token),
                None
            )
            .await
            .status,
            204
        );
        app.get_as(tablet_token, "/api/v1/auth/me")
            .await
            .problem(401);
        refresh(&app, tablet["refresh_token"].as_str().unwrap())
            .await
            .problem(401);
        app.get("/api/v1/auth/me").await.problem(401);
        let left = app.get_as(desk_token, "/api/v1/auth/sessions").await;
        assert_eq!(left.status, 200, "{}", left.text);
        let left = left.body["items"].as_array().unwrap();
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(left[0]["user_agent"], "Desk");
        assert_eq!(left[0]["current"], true);

        // Log out everywhere.
        assert_eq!(app.get_as(desk_token, "/api/v1/auth/me").await.status, 200);
        assert_eq!(
            app.request(
                Method::DELETE,
                "/api/v1/auth/sessions",
                Some(desk_token),
                None
            )
            .await
            .status,
            204
        );
        app.get_as(desk_token, "/api/v1/auth/me").await.problem(401);
    }
);

both_backends!(tampered_tokens_are_refused, |app: TestApp| async move {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = app.admin_token.split('.').collect();
    let mut payload: Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();

    // Changed payload, same signature.
    payload["sub"] = json!(uuid::Uuid::now_v7().to_string());
    let changed = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(payload.to_string()),
        parts[2]
    );
    app.get_as(&changed, "/api/v1/auth/me").await.problem(401);
    // alg: none.
    let none = format!(
        "{}.{}.",
        b64.encode(r#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    app.get_as(&none, "/api/v1/auth/me").await.problem(401);

    // Signed with the server's own key but expired, or for another audience or issuer.
    let key = hex_decode(
        std::fs::read_to_string(app.data_dir.join("jwt.key"))
            .unwrap()
            .trim(),
    );
    let header: Value = serde_json::from_slice(&b64.decode(parts[0]).unwrap()).unwrap();
    let sign = |claims: &Value| {
        let mut h = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
        h.kid = header["kid"].as_str().map(str::to_owned);
        jsonwebtoken::encode(&h, claims, &jsonwebtoken::EncodingKey::from_secret(&key)).unwrap()
    };
    let original: Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(
        app.get_as(&sign(&original), "/api/v1/auth/me").await.status,
        200,
        "re-signing the same claims works"
    );
    for (field, value) in [
        ("exp", json!(1_000_000)),
        ("aud", json!("someone-else")),
        ("iss", json!("evil")),
    ] {
        let mut claims = original.clone();
        claims[field] = value;
        app.get_as(&sign(&claims), "/api/v1/auth/me")
            .await
            .problem(401);
    }
    // HS384 with the same key: algorithm confusion is refused.
    let confused = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS384),
        &original,
        &jsonwebtoken::EncodingKey::from_secret(&key),
    )
    .unwrap();
    app.get_as(&confused, "/api/v1/auth/me").await.problem(401);
});

fn hex_decode(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generated_signing_key_survives_a_restart() {
    use eventmgr_server::startup::Application;
    let dir = crate::helpers::TempDir::new();
    let config = crate::helpers::test_config(&dir, None);
    let client = reqwest::Client::new();

    let first = Application::build(&config).await.unwrap();
    let base = format!("http://{}", first.local_addr().unwrap());
    first
        .app()
        .create_user(eventmgr_app::users::NewUser {
            email: "ops@test.example".into(),
            name: "Ops Person".into(),
            role: "admin".into(),
            password: PASSWORD.into(),
            client_id: None,
        })
        .await
        .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(first.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    let login: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": "ops@test.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap().to_owned();
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    let key = std::fs::read_to_string(dir.0.join("jwt.key")).unwrap();

    // Same data directory, new process state: the token issued before still works.
    let second = Application::build(&config).await.unwrap();
    let base = format!("http://{}", second.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(second.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    let me = client
        .get(format!("{base}/api/v1/auth/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.status().as_u16(),
        200,
        "restarts must not log everybody out"
    );
    assert_eq!(
        std::fs::read_to_string(dir.0.join("jwt.key")).unwrap(),
        key,
        "the key is generated once"
    );
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
