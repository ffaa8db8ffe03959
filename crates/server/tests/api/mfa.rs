//! Multi-factor login: setup, enable, login with a code (once only), recovery codes (once
//! each), disable, secrets sealed at rest, and roles that require MFA.

use eventmgr_app::auth::totp;
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp};

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn login(app: &TestApp, body: serde_json::Value) -> crate::helpers::Resp {
    app.request(Method::POST, "/api/v1/auth/login", None, Some(body))
        .await
}

both_backends!(
    totp_login_replay_and_recovery_codes,
    |app: TestApp| async move {
        let setup = app.post("/api/v1/auth/mfa/setup", json!({})).await;
        assert_eq!(setup.status, 200, "{}", setup.text);
        let uri = setup.body["otpauth_uri"].as_str().unwrap();
        assert!(
            uri.starts_with("otpauth://totp/Event%20Manager:admin%40test.example?secret="),
            "{uri}"
        );
        let secret = totp::decode_base32(setup.body["secret"].as_str().unwrap()).unwrap();

        assert_eq!(
            app.post("/api/v1/auth/mfa/enable", json!({"code": "000000"}))
                .await
                .error_fields(),
            ["code"]
        );
        let step = totp::step_of(now());
        let enable_code = totp::code_at(&secret, step);
        let enabled = app
            .post("/api/v1/auth/mfa/enable", json!({"code": enable_code}))
            .await;
        assert_eq!(enabled.status, 200, "{}", enabled.text);
        let recovery: Vec<String> = enabled.body["recovery_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(recovery.len(), 10);

        // The secret is sealed at rest, never stored as given.
        let db = app.app.store.conn();
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT mfa_secret FROM users WHERE email = 'admin@test.example'",
            ))
            .await
            .unwrap()
            .unwrap();
        let stored: String = row.try_get("", "mfa_secret").unwrap();
        assert!(
            stored.starts_with("v1.") && !stored.contains(setup.body["secret"].as_str().unwrap()),
            "{stored}"
        );

        // The password alone is not enough any more.
        let r = login(
            &app,
            json!({"email": "admin@test.example", "password": PASSWORD}),
        )
        .await;
        assert_eq!(
            r.problem(401)["type"],
            "https://eventmgr.dev/problems/mfa-required"
        );
        // The code used to enable is spent; so is any older one.
        login(
            &app,
            json!({"email": "admin@test.example", "password": PASSWORD, "totp_code": enable_code}),
        )
        .await
        .problem(401);
        let next = totp::code_at(&secret, step + 1);
        let ok = login(
            &app,
            json!({"email": "admin@test.example", "password": PASSWORD, "totp_code": next}),
        )
        .await;
        assert_eq!(ok.status, 200, "{}", ok.text);
        login(
            &app,
            json!({"email": "admin@test.example", "password": PASSWORD, "totp_code": next}),
        )
        .await
        .problem(401);
        // A wrong password with a right code is still wrong.
        login(&app, json!({"email": "admin@test.example", "password": "Wrong-Password-123", "totp_code": totp::code_at(&secret, step + 1)})).await.problem(401);

        // Recovery codes work once each.
        let r = login(&app, json!({"email": "admin@test.example", "password": PASSWORD, "recovery_code": recovery[0].to_uppercase()})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        login(&app, json!({"email": "admin@test.example", "password": PASSWORD, "recovery_code": recovery[0]})).await.problem(401);

        // Disabling needs the password and a code.
        let token = ok.body["access_token"].as_str().unwrap();
        let bad = app
            .post_as(
                token,
                "/api/v1/auth/mfa/disable",
                json!({"password": "Wrong-Password-123", "code": recovery[1]}),
            )
            .await;
        assert_eq!(bad.error_fields(), ["password"]);
        let off = app
            .post_as(
                token,
                "/api/v1/auth/mfa/disable",
                json!({"password": PASSWORD, "code": recovery[1]}),
            )
            .await;
        assert_eq!(off.status, 204, "{}", off.text);
        assert_eq!(
            login(
                &app,
                json!({"email": "admin@test.example", "password": PASSWORD})
            )
            .await
            .status,
            200
        );
        let actions: Vec<String> =
            eventmgr_store::repo::audit::for_entity(db, "user", app.admin.id)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.action)
                .collect();
        for action in ["auth.mfa_setup", "auth.mfa_enable", "auth.mfa_disable"] {
            assert!(
                actions.contains(&action.to_owned()),
                "{action} missing in {actions:?}"
            );
        }
    }
);

both_backends!(a_role_can_require_mfa, |app: TestApp| async move {
    let roles = app.get("/api/v1/roles").await.body;
    let viewer_role = roles["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "viewer")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.patch(
            &format!("/api/v1/roles/{viewer_role}"),
            json!({"require_mfa": true}),
            None
        )
        .await
        .status,
        200
    );
    let (viewer, _) = app.user("viewer", None).await;
    let r = login(&app, json!({"email": viewer.email, "password": PASSWORD})).await;
    assert_eq!(r.body["mfa_setup_required"], true, "{}", r.text);
    let token = r.body["access_token"].as_str().unwrap().to_owned();
    let blocked = app.get_as(&token, "/api/v1/projects").await;
    assert_eq!(
        blocked.problem(403)["type"],
        "https://eventmgr.dev/problems/mfa-setup-required"
    );
    assert_eq!(app.get_as(&token, "/api/v1/auth/me").await.status, 200);
    let setup = app
        .post_as(&token, "/api/v1/auth/mfa/setup", json!({}))
        .await;
    let secret = totp::decode_base32(setup.body["secret"].as_str().unwrap()).unwrap();
    let enabled = app
        .post_as(
            &token,
            "/api/v1/auth/mfa/enable",
            json!({"code": totp::code_at(&secret, totp::step_of(now()))}),
        )
        .await;
    assert_eq!(enabled.status, 200, "{}", enabled.text);
    assert_eq!(app.get_as(&token, "/api/v1/projects").await.status, 200);
});
