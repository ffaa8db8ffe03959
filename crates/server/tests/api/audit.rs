//! The audit log: readable with `audit:read`, append-only, hash-chained and verifiable.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

fn verify(app: &TestApp) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_eventmgr"))
        .args(["audit", "verify"])
        .env("EVENTMGR_DATA_DIR", &app.data_dir)
        .env("DATABASE_URL", &app.database_url)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

both_backends!(
    audit_log_is_readable_filterable_and_guarded,
    |app: TestApp| async move {
        let project = app.project("Audited show").await;
        let id = project["id"].as_str().unwrap();
        app.patch(
            &format!("/api/v1/projects/{id}"),
            json!({"venue": "Arena"}),
            None,
        )
        .await;
        let all = app.get("/api/v1/audit-log").await;
        assert_eq!(all.status, 200, "{}", all.text);
        let actions: Vec<_> = all.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(actions[0], "project.update", "newest first: {actions:?}");
        assert!(actions.contains(&"auth.login".to_owned()));
        let one = app
            .get(&format!(
                "/api/v1/audit-log?entity_type=project&entity_id={id}"
            ))
            .await;
        assert_eq!(one.body["total"], 2);
        let entry = &one.body["items"][0];
        assert!(
            entry["request_id"].is_string()
                && entry["ip"] == "127.0.0.1"
                && entry["hash"].is_string(),
            "{entry}"
        );
        assert_eq!(entry["changes"]["venue"]["after"], "Arena");

        let (_, member) = app.user("member", None).await;
        app.get_as(&member, "/api/v1/audit-log").await.problem(403);
        // No route changes or deletes an entry.
        let eid = entry["id"].as_str().unwrap();
        for method in [
            reqwest::Method::PATCH,
            reqwest::Method::DELETE,
            reqwest::Method::PUT,
        ] {
            let r = app
                .request(
                    method,
                    &format!("/api/v1/audit-log/{eid}"),
                    Some(&app.admin_token),
                    Some(json!({})),
                )
                .await;
            assert!(r.status == 404 || r.status == 405, "{}", r.status);
        }
        app.request(
            reqwest::Method::DELETE,
            "/api/v1/audit-log",
            Some(&app.admin_token),
            None,
        )
        .await
        .problem(405);
        // Secrets never land in the log.
        let everything = app.get("/api/v1/audit-log?limit=200").await.text;
        assert!(
            !everything.contains(crate::helpers::PASSWORD) && !everything.contains("argon2"),
            "secrets in the audit log"
        );
    }
);

both_backends!(
    audit_verify_detects_edits_and_deletions,
    |app: TestApp| async move {
        for i in 0..3 {
            app.project(&format!("Chain {i}")).await;
        }
        let (code, out) = verify(&app);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("intact"), "{out}");
        let db = app.app.store.conn();
        let backend = db.get_database_backend();
        db.execute_raw(Statement::from_string(
            backend,
            "UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 3",
        ))
        .await
        .unwrap();
        let (code, out) = verify(&app);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("entry 3") && out.contains("changed"), "{out}");
        db.execute_raw(Statement::from_string(
            backend,
            "DELETE FROM audit_log WHERE seq = 3",
        ))
        .await
        .unwrap();
        let (code, out) = verify(&app);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("entry 3") && out.contains("missing"), "{out}");
    }
);
