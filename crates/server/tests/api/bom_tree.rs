//! The BOM tree as it goes out: an `ETag` with 304 revalidation, gzip or plain, one tree per
//! cost visibility, and always current after any write — through this server or another
//! replica on the same database (the tree is kept rendered until the project's BOM changes).

use std::io::Read;

use reqwest::header::{ACCEPT_ENCODING, IF_NONE_MATCH};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Resp, ServerProcess, TestApp};

fn tree_path(project: &str) -> String {
    format!("/api/v1/projects/{project}/bom-items?view=tree")
}

/// GET the tree from `base` with optional `If-None-Match` and `Accept-Encoding: gzip`.
async fn tree_from(
    app: &TestApp,
    base: &str,
    token: &str,
    project: &str,
    if_none_match: Option<&str>,
    gzip: bool,
) -> Resp {
    let mut builder = app
        .client
        .get(format!("{base}{}", tree_path(project)))
        .bearer_auth(token);
    if let Some(tag) = if_none_match {
        builder = builder.header(IF_NONE_MATCH, tag);
    }
    if gzip {
        builder = builder.header(ACCEPT_ENCODING, "gzip");
    }
    // The test client never inflates (`no_gzip`): a gzip body is read as bytes here.
    let response = builder.send().await.expect("request sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap_or_default();
    let text = if headers.get("content-encoding").is_some_and(|v| v == "gzip") {
        let mut inflated = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut inflated)
            .expect("a gzip body inflates");
        inflated
    } else {
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    };
    Resp {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
        headers,
        text,
    }
}

fn names(tree: &Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(nodes: &Value, out: &mut Vec<String>) {
        for node in nodes.as_array().into_iter().flatten() {
            out.push(node["name"].as_str().unwrap_or("").to_owned());
            walk(&node["children"], out);
        }
    }
    walk(&tree["items"], &mut out);
    out
}

fn etag(r: &Resp) -> String {
    r.header("etag").expect("the tree has an ETag").to_owned()
}

both_backends!(
    the_tree_revalidates_and_follows_every_write,
    |app: TestApp| async move {
        let p = app.project("Tree cache").await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let token = app.admin_token.clone();
        let base = app.base.clone();
        let stage = app
            .post(
                &format!("/api/v1/projects/{p}/bom-items"),
                json!({"name": "Stage", "quantity": "1", "unit_price": "1000.00"}),
            )
            .await;
        assert_eq!(stage.status, 201, "{}", stage.text);
        let stage_id = stage.body["id"].as_str().unwrap().to_owned();
        let deck = app
            .post(
                &format!("/api/v1/projects/{p}/bom-items"),
                json!({"name": "Deck", "parent_id": stage_id, "quantity": "4", "unit_price": "25.00"}),
            )
            .await;
        assert_eq!(deck.status, 201, "{}", deck.text);
        let deck_id = deck.body["id"].as_str().unwrap().to_owned();

        // Plain JSON for a client without gzip, with a validator browsers revalidate.
        let plain = tree_from(&app, &base, &token, &p, None, false).await;
        assert_eq!(plain.status, 200, "{}", plain.text);
        assert_eq!(plain.header("content-type"), Some("application/json"));
        assert_eq!(plain.header("content-encoding"), None);
        assert_eq!(plain.header("cache-control"), Some("private, no-cache"));
        assert_eq!(names(&plain.body), ["Stage", "Deck"]);
        assert_eq!(plain.body["total"], "1100.00");
        let first = etag(&plain);

        // The same tree gzip-encoded, with the same tag.
        let gz = tree_from(&app, &base, &token, &p, None, true).await;
        assert_eq!(gz.status, 200);
        assert_eq!(gz.header("content-encoding"), Some("gzip"));
        assert_eq!(gz.text, plain.text);
        assert_eq!(etag(&gz), first);

        // A current copy: 304 without a body.
        let same = tree_from(&app, &base, &token, &p, Some(&first), true).await;
        assert_eq!(same.status, 304);
        assert!(same.text.is_empty());
        assert_eq!(etag(&same), first);
        let weak = format!("W/{first}");
        assert_eq!(
            tree_from(&app, &base, &token, &p, Some(&weak), false)
                .await
                .status,
            304
        );

        // A change of one name only: the old copy is stale.
        let r = app
            .patch(
                &format!("/api/v1/bom-items/{deck_id}"),
                json!({"name": "Deck 2 × 1 m"}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let renamed = tree_from(&app, &base, &token, &p, Some(&first), true).await;
        assert_eq!(renamed.status, 200);
        assert_eq!(names(&renamed.body), ["Stage", "Deck 2 × 1 m"]);
        let second = etag(&renamed);
        assert_ne!(second, first);

        // A viewer (no `costs:read`) reads the tree right after the administrator: never the
        // administrator's tree, and never a 304 for it.
        let (viewer, viewer_token) = app.user("viewer", None).await;
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/members"),
                json!({"user_id": viewer.id, "role": "VIEWER"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let seen = tree_from(&app, &base, &viewer_token, &p, Some(&second), true).await;
        assert_eq!(seen.status, 200, "the viewer's tree is another one");
        assert_eq!(names(&seen.body), ["Stage", "Deck 2 × 1 m"]);
        assert!(seen.body.get("total").is_none(), "{}", seen.text);
        assert!(!seen.text.contains("1100.00") && !seen.text.contains("unit_price"));
        assert_ne!(etag(&seen), second);
        // ... and the administrator's copy is still current.
        assert_eq!(
            tree_from(&app, &base, &token, &p, Some(&second), true)
                .await
                .status,
            304
        );

        // The project's currency is part of the tree.
        let project = app.get(&format!("/api/v1/projects/{p}")).await;
        let version = project.body["version"].as_i64().unwrap();
        let r = app
            .patch(
                &format!("/api/v1/projects/{p}"),
                json!({"currency": "CHF"}),
                Some(version),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let chf = tree_from(&app, &base, &token, &p, Some(&second), true).await;
        assert_eq!(chf.status, 200);
        assert_eq!(chf.body["currency"], "CHF");

        // Another replica on the same database reads the tree, then a write lands here: the
        // replica answers with the new tree at once.
        let replica = ServerProcess::start(&app);
        let before = tree_from(&app, &replica.base, &token, &p, None, true).await;
        assert_eq!(names(&before.body), ["Stage", "Deck 2 × 1 m"]);
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/bom-items"),
                json!({"name": "Stairs", "parent_id": stage_id, "quantity": "1", "unit_price": "80.00"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let after = tree_from(&app, &replica.base, &token, &p, Some(&etag(&before)), true).await;
        assert_eq!(after.status, 200);
        assert_eq!(names(&after.body), ["Stage", "Deck 2 × 1 m", "Stairs"]);
        assert_eq!(after.body["total"], "1180.00");

        // A cascading delete through the replica; this server answers without it.
        let cached_here = tree_from(&app, &base, &token, &p, None, true).await;
        assert_eq!(cached_here.body["count"], 3);
        let r = app
            .send(
                app.client
                    .delete(replica.url(&format!("/api/v1/bom-items/{stage_id}?cascade=true")))
                    .bearer_auth(&token),
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        let emptied = tree_from(&app, &base, &token, &p, Some(&etag(&cached_here)), true).await;
        assert_eq!(emptied.status, 200);
        assert_eq!(emptied.body["count"], 0);
        assert_eq!(emptied.body["items"], json!([]));

        // Someone outside the project learns nothing, not even that the tag is current.
        let (_, stranger) = app.user("member", None).await;
        let r = tree_from(&app, &base, &stranger, &p, Some(&etag(&emptied)), true).await;
        assert_eq!(r.status, 404, "{}", r.text);
    }
);
