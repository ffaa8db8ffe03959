//! Probes, metrics, request ids, OpenAPI and Swagger UI, compression.

use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(probes_answer_ok, |app: TestApp| async move {
    let r = app
        .request(reqwest::Method::GET, "/healthz", None, None)
        .await;
    assert_eq!((r.status, r.body.clone()), (200, json!({"status": "ok"})));
    let r = app
        .request(reqwest::Method::GET, "/readyz", None, None)
        .await;
    assert_eq!((r.status, r.body.clone()), (200, json!({"status": "ok"})));
});

both_backends!(
    readyz_names_the_failing_database,
    |app: TestApp| async move {
        app.app.store.close().await.unwrap();
        let r = app
            .request(reqwest::Method::GET, "/readyz", None, None)
            .await;
        assert_eq!(r.status, 503, "{}", r.text);
        assert_eq!(r.body["failing_check"], "database");
    }
);

both_backends!(
    metrics_count_requests_by_route_template_and_status,
    |app: TestApp| async move {
        let project = app.project("Metrics").await;
        let id = project["id"].as_str().unwrap();
        assert_eq!(app.get(&format!("/api/v1/projects/{id}")).await.status, 200);
        assert_eq!(
            app.get("/api/v1/projects/01936d3c-0000-7000-8000-000000000000")
                .await
                .status,
            404
        );
        let r = app
            .request(reqwest::Method::GET, "/metrics", None, None)
            .await;
        assert_eq!(r.status, 200);
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("text/plain; version=0.0.4")
        );
        let text = r.text;
        assert!(text.contains("# TYPE http_requests_total counter"));
        assert!(text.contains("# TYPE http_request_duration_seconds histogram"));
        assert!(
            text.contains(
                r#"http_requests_total{method="GET",route="/api/v1/projects/{id}",status="200"} 1"#
            ),
            "{text}"
        );
        assert!(
            text.contains(
                r#"http_requests_total{method="GET",route="/api/v1/projects/{id}",status="404"} 1"#
            ),
            "{text}"
        );
        assert!(text.contains(r#"http_request_duration_seconds_count{method="POST",route="/api/v1/projects",status="201"} 1"#), "{text}");
        assert!(!text.contains(id), "concrete ids must not become labels");
        // Every sample line is `name{labels} number`.
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap();
            assert!(value.parse::<f64>().is_ok(), "bad sample line: {line}");
        }
    }
);

both_backends!(
    every_response_carries_a_request_id,
    |app: TestApp| async move {
        for path in ["/healthz", "/api/v1/projects", "/api/v1/nowhere"] {
            let r = app.request(reqwest::Method::GET, path, None, None).await;
            let id = r.header("x-request-id").expect("x-request-id");
            assert!(!id.is_empty());
        }
        let r = app
            .send(
                app.client
                    .get(app.url("/healthz"))
                    .header("x-request-id", "trace-abc-123"),
            )
            .await;
        assert_eq!(r.header("x-request-id"), Some("trace-abc-123"));
        let r = app
            .send(
                app.client
                    .get(app.url("/healthz"))
                    .header("x-request-id", "bad id with spaces"),
            )
            .await;
        assert_ne!(r.header("x-request-id"), Some("bad id with spaces"));
    }
);

both_backends!(
    openapi_document_and_offline_swagger_ui,
    |app: TestApp| async move {
        let r = app
            .request(reqwest::Method::GET, "/api/v1/openapi.json", None, None)
            .await;
        assert_eq!(r.status, 200);
        assert!(r.body["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in [
            "/api/v1/projects",
            "/api/v1/projects/{id}/transition",
            "/api/v1/clients/{id}",
            "/api/v1/auth/login",
            "/api/v1/projects/{id}/members",
        ] {
            assert!(r.body["paths"][path].is_object(), "OpenAPI lacks {path}");
        }
        assert!(r.body["components"]["schemas"]["ProjectOut"].is_object());
        let page = app.send(app.client.get(app.url("/api/docs/"))).await;
        assert_eq!(page.status, 200);
        assert!(page.text.contains("swagger"), "{}", page.text);
        // The UI's assets come from the binary, not from a CDN.
        assert!(
            !page.text.contains("https://"),
            "Swagger UI must not load from the internet"
        );
        let css = app
            .send(app.client.get(app.url("/api/docs/swagger-ui.css")))
            .await;
        assert_eq!(css.status, 200);
        let js = app
            .send(app.client.get(app.url("/api/docs/swagger-ui-bundle.js")))
            .await;
        assert_eq!(js.status, 200);
        assert!(js.text.len() > 100_000);
    }
);

both_backends!(large_answers_are_compressed, |app: TestApp| async move {
    for i in 0..20 {
        app.project(&format!("Compression test {i}")).await;
    }
    for encoding in ["gzip", "br"] {
        let r = app
            .send(
                app.client
                    .get(app.url("/api/v1/projects?limit=20"))
                    .bearer_auth(&app.admin_token)
                    .header("accept-encoding", encoding),
            )
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-encoding"), Some(encoding));
    }
});

both_backends!(small_answers_go_uncompressed, |app: TestApp| async move {
    // Under 1 KiB gzip costs more CPU than it saves bytes (see `compressible`).
    let project = app.project("Small answer").await;
    let r = app
        .send(
            app.client
                .get(app.url(&format!(
                    "/api/v1/projects/{}",
                    project["id"].as_str().unwrap()
                )))
                .bearer_auth(&app.admin_token)
                .header("accept-encoding", "gzip"),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text.len() < 1024, "{}", r.text.len());
    assert_eq!(r.header("content-encoding"), None);
});

both_backends!(metrics_pass_promtool, |app: TestApp| async move {
    let project = app.project("Promtool").await;
    app.get(&format!(
        "/api/v1/projects/{}",
        project["id"].as_str().unwrap()
    ))
    .await;
    app.get("/api/v1/projects?limit=0").await;
    let text = app
        .request(reqwest::Method::GET, "/metrics", None, None)
        .await
        .text;
    let promtool = std::env::var("PROMTOOL").unwrap_or_else(|_| "promtool".to_owned());
    let child = std::process::Command::new(&promtool)
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) => {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "CI=true but promtool is missing (scripts/test fetches it)"
            );
            eprintln!("promtool not found: skipping the promtool check");
            return;
        }
    };
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
});
