//! The web app served by the binary: the entry page for client-side routes (never cached, with
//! a strict Content-Security-Policy), hashed assets cached immutably and sent gzip-compressed,
//! revalidation by ETag, and API paths that stay problem+json.

use reqwest::Method;

use crate::both_backends;
use crate::helpers::TestApp;

fn script_of(index: &str) -> String {
    let start = index
        .find("/assets/")
        .expect("the entry page loads a hashed script");
    let rest = &index[start..];
    let end = rest.find('"').expect("a quoted path");
    rest[..end].to_owned()
}

both_backends!(
    client_side_routes_get_the_entry_page_with_a_strict_policy,
    |app: TestApp| async move {
        for path in [
            "/",
            "/login",
            "/projects/0193a5c0-0000-7000-8000-000000000000/bom",
            "/de/unknown/page",
        ] {
            let r = app.request(Method::GET, path, None, None).await;
            assert_eq!(r.status, 200, "{path}: {}", r.text);
            assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
            assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
            let csp = r.header("content-security-policy").unwrap_or_default();
            assert!(csp.contains("script-src 'self';"), "{csp}");
            assert!(csp.contains("connect-src 'self'"), "{csp}");
            assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
            assert!(!csp.contains("unsafe-eval"), "{csp}");
            assert_eq!(r.header("x-frame-options"), Some("DENY"));
            assert!(r.text.contains("<div id=\"root\">"), "{}", r.text);
        }
        // HEAD answers the same headers without a body.
        let r = app.request(Method::HEAD, "/projects", None, None).await;
        assert_eq!((r.status, r.text.as_str()), (200, ""));
    }
);

both_backends!(
    hashed_assets_are_cached_forever_and_sent_compressed,
    |app: TestApp| async move {
        let index = app.request(Method::GET, "/", None, None).await.text;
        let script = script_of(&index);
        let plain = app
            .send(
                app.client
                    .get(app.url(&script))
                    .header("accept-encoding", "identity"),
            )
            .await;
        assert_eq!(plain.status, 200);
        assert_eq!(
            plain.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            plain.header("content-type"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(plain.header("content-encoding"), None);
        let etag = plain.header("etag").expect("an ETag").to_owned();

        let raw = app
            .client
            .get(app.url(&script))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("sent");
        assert_eq!(
            raw.headers()
                .get("content-encoding")
                .and_then(|v| v.to_str().ok()),
            Some("gzip")
        );
        let compressed = raw.bytes().await.expect("body");
        assert!(
            compressed.len() < plain.text.len() / 2,
            "{} of {}",
            compressed.len(),
            plain.text.len()
        );
        let mut unpacked = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&compressed[..]),
            &mut unpacked,
        )
        .expect("valid gzip");
        assert_eq!(unpacked, plain.text);

        let revalidated = app
            .send(
                app.client
                    .get(app.url(&script))
                    .header("if-none-match", &etag),
            )
            .await;
        assert_eq!((revalidated.status, revalidated.text.as_str()), (304, ""));
    }
);

both_backends!(
    api_paths_and_missing_assets_stay_problems,
    |app: TestApp| async move {
        let r = app
            .request(Method::GET, "/api/v1/no-such-thing", None, None)
            .await;
        r.problem(404);
        let r = app.request(Method::GET, "/api", None, None).await;
        r.problem(404);
        // An old build's chunk: a 404, not the HTML page a browser would fail to run.
        let r = app
            .request(Method::GET, "/assets/index-0ld.js", None, None)
            .await;
        r.problem(404);
        let r = app.request(Method::POST, "/projects", None, None).await;
        r.problem(405);
        // Known API routes are not shadowed by the app.
        let r = app
            .request(Method::GET, "/api/v1/projects", None, None)
            .await;
        r.problem(401);
    }
);
