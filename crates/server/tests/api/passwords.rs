//! Passwords: change, reset by email through a real SMTP server, admin reset links, and
//! brute-force throttling.

use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, SmtpServer, TestApp, unfold_quoted_printable};

fn token_from(mail: &str) -> String {
    let text = unfold_quoted_printable(mail);
    let start =
        text.find("reset-password?token=").expect("a reset link") + "reset-password?token=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn reset_by_email(backend: Backend) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let smtp_url = smtp.url();
    let Some(app) = TestApp::spawn_with(backend, |c| {
        c.smtp_url = Some(smtp_url);
        c.public_url = Some("https://events.example.test".into());
    })
    .await
    else {
        return;
    };
    let known = app
        .request(
            Method::POST,
            "/api/v1/auth/password/reset-request",
            None,
            Some(json!({"email": "Admin@test.example"})),
        )
        .await;
    let unknown = app
        .request(
            Method::POST,
            "/api/v1/auth/password/reset-request",
            None,
            Some(json!({"email": "nobody@test.example"})),
        )
        .await;
    let malformed = app
        .request(
            Method::POST,
            "/api/v1/auth/password/reset-request",
            None,
            Some(json!({"email": "not an email"})),
        )
        .await;
    for r in [&known, &unknown, &malformed] {
        assert_eq!(r.status, 202);
        assert_eq!(
            r.body, known.body,
            "the answer never tells whether the account exists"
        );
    }
    let mails = smtp.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(smtp.messages().len(), 1, "no mail for unknown addresses");
    let mail = &mails[0];
    assert!(mail.contains("To: admin@test.example"), "{mail}");
    assert!(
        unfold_quoted_printable(mail).contains("https://events.example.test/reset-password?token="),
        "{mail}"
    );
    let token = token_from(mail);
    assert_eq!(token.len(), 43, "{mail}");

    let weak = app
        .request(
            Method::POST,
            "/api/v1/auth/password/reset",
            None,
            Some(json!({"token": token, "new_password": "short"})),
        )
        .await;
    assert_eq!(weak.error_fields(), ["new_password"]);
    let ok = app
        .request(
            Method::POST,
            "/api/v1/auth/password/reset",
            None,
            Some(json!({"token": token, "new_password": "Neues-Passwort-2027"})),
        )
        .await;
    assert_eq!(ok.status, 204, "{}", ok.text);
    // Single use; every session ended; the new password works, the old one not.
    let again = app
        .request(
            Method::POST,
            "/api/v1/auth/password/reset",
            None,
            Some(json!({"token": token, "new_password": "Noch-eins-2027-x"})),
        )
        .await;
    assert_eq!(again.error_fields(), ["token"]);
    app.get("/api/v1/auth/me").await.problem(401);
    app.login("admin@test.example", "Neues-Passwort-2027").await;
    let old = app
        .request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "admin@test.example", "password": PASSWORD})),
        )
        .await;
    old.problem(401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_mail_arrives_and_works_once_sqlite() {
    reset_by_email(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_mail_arrives_and_works_once_postgres() {
    if crate::helpers::postgres_base_url().is_some() {
        reset_by_email(Backend::Postgres).await;
    }
}

both_backends!(
    change_password_needs_the_current_one_and_ends_other_sessions,
    |app: TestApp| async move {
        let other = app.login("admin@test.example", PASSWORD).await;
        let path = "/api/v1/auth/password/change";
        let wrong = app.post(path, json!({"current_password": "Not-The-Password-1", "new_password": "Brand-New-Pass-2027"})).await;
        assert_eq!(wrong.error_fields(), ["current_password"]);
        let weak = app
            .post(
                path,
                json!({"current_password": PASSWORD, "new_password": "qwertyuiop"}),
            )
            .await;
        assert_eq!(weak.error_fields(), ["new_password"]);
        assert_eq!(
            app.get_as(&other, "/api/v1/auth/me").await.status,
            200,
            "failed changes end nothing"
        );
        let ok = app
            .post(
                path,
                json!({"current_password": PASSWORD, "new_password": "Brand-New-Pass-2027"}),
            )
            .await;
        assert_eq!(ok.status, 204, "{}", ok.text);
        assert_eq!(
            app.get("/api/v1/auth/me").await.status,
            200,
            "the session that changed it lives on"
        );
        app.get_as(&other, "/api/v1/auth/me").await.problem(401);
        app.login("admin@test.example", "Brand-New-Pass-2027").await;
        let actions: Vec<String> =
            eventmgr_store::repo::audit::for_entity(app.app.store.conn(), "user", app.admin.id)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.action)
                .collect();
        assert!(actions.contains(&"auth.password_change".to_owned()));
    }
);

both_backends!(
    admins_create_reset_links_when_no_mail_is_configured,
    |app: TestApp| async move {
        let (member, member_token) = app.user("member", None).await;
        app.post_as(
            &member_token,
            &format!("/api/v1/users/{}/reset-link", app.admin.id),
            json!({}),
        )
        .await
        .problem(403);
        let link = app
            .post(
                &format!("/api/v1/users/{}/reset-link", member.id),
                json!({}),
            )
            .await;
        assert_eq!(link.status, 201, "{}", link.text);
        assert!(
            link.body["reset_url"]
                .as_str()
                .unwrap()
                .contains("/reset-password?token=")
        );
        let token = link.body["token"].as_str().unwrap();
        let r = app
            .request(
                Method::POST,
                "/api/v1/auth/password/reset",
                None,
                Some(json!({"token": token, "new_password": "Member-Pass-2027!"})),
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        app.get_as(&member_token, "/api/v1/auth/me")
            .await
            .problem(401);
        app.login(&member.email, "Member-Pass-2027!").await;
        // Without SMTP the request still answers 202 and sends nothing.
        let r = app
            .request(
                Method::POST,
                "/api/v1/auth/password/reset-request",
                None,
                Some(json!({"email": member.email})),
            )
            .await;
        assert_eq!(r.status, 202);
    }
);

both_backends!(
    failed_logins_are_throttled_then_unlock,
    |app: TestApp| async move {
        let attempt = |password: &'static str| {
            app.request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "admin@test.example", "password": password})),
            )
        };
        for _ in 0..5 {
            attempt("Wrong-Password-123").await.problem(401);
        }
        let locked = attempt("Wrong-Password-123").await;
        locked.problem(429);
        let retry: u64 = locked.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=16).contains(&retry), "retry after {retry}");
        // Even the right password waits: the lock is what stops guessing.
        attempt(PASSWORD).await.problem(429);
        // The lock expires (moved into the past here instead of waiting 15 s).
        let db = app.app.store.conn();
        db.execute_raw(Statement::from_string(
            db.get_database_backend(),
            "UPDATE login_throttle SET locked_until = NULL",
        ))
        .await
        .unwrap();
        assert_eq!(attempt(PASSWORD).await.status, 200);
        // A success clears the account's counter: one more failure does not lock again.
        attempt("Wrong-Password-123").await.problem(401);
        assert_eq!(attempt(PASSWORD).await.status, 200);
        let failed = eventmgr_store::repo::audit::for_entity(db, "user", app.admin.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "auth.login_failed")
            .count();
        assert_eq!(failed, 6, "every failure is audited");
    }
);

both_backends!(
    one_address_guessing_many_accounts_is_throttled,
    |app: TestApp| async move {
        for i in 0..20 {
            let r = app.request(Method::POST, "/api/v1/auth/login", None, Some(json!({"email": format!("guess{i}@test.example"), "password": "Wrong-Password-123"}))).await;
            r.problem(401);
        }
        let r = app
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "admin@test.example", "password": PASSWORD})),
            )
            .await;
        r.problem(429);
        assert!(r.header("retry-after").is_some());
    }
);
