//! Files over HTTP, on the local folder and on a real S3 server (moto on loopback): streamed
//! round trips with equal bytes and SHA-256, ranges and conditional requests, names that
//! try to escape or mislead, content checked against its claimed type, the size limit,
//! aborted uploads that leave nothing behind, trash/restore/purge, thumbnails, project
//! isolation and client visibility, and the orphan check.

use std::time::{Duration, Instant};

use reqwest::header;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::both_backends;
use crate::helpers::{Backend, Resp, TestApp};

/// One part of a hand-built multipart body (so names and types are exactly what a hostile
/// client would send).
struct Part<'a> {
    field: &'a str,
    filename: Option<&'a str>,
    content_type: Option<&'a str>,
    data: Vec<u8>,
}

fn file_part<'a>(filename: &'a str, content_type: Option<&'a str>, data: Vec<u8>) -> Part<'a> {
    Part {
        field: "file",
        filename: Some(filename),
        content_type,
        data,
    }
}

fn text_part<'a>(field: &'a str, value: &str) -> Part<'a> {
    Part {
        field,
        filename: None,
        content_type: None,
        data: value.as_bytes().to_vec(),
    }
}

const BOUNDARY: &str = "eventmgr-test-boundary-7MA4YWxkTrZu0gW";

fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", part.field);
        if let Some(name) = part.filename {
            disposition.push_str(&format!("; filename=\"{name}\""));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(ct) = part.content_type {
            body.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(&part.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload_as(app: &TestApp, token: &str, project: &str, parts: &[Part<'_>]) -> Resp {
    app.send(
        app.client
            .post(app.url(&format!("/api/v1/projects/{project}/files")))
            .bearer_auth(token)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(multipart(parts)),
    )
    .await
}

async fn upload(app: &TestApp, project: &str, parts: &[Part<'_>]) -> Resp {
    upload_as(app, &app.admin_token, project, parts).await
}

/// A PDF-looking body of `len` bytes with varied content.
fn pdf(len: usize) -> Vec<u8> {
    let mut data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut x: u32 = 0x2545_F491;
    while data.len() < len {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data.push((x & 0xff) as u8);
    }
    data.truncate(len);
    data
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// GET with optional extra headers; status, headers and the raw bytes.
async fn fetch(
    app: &TestApp,
    token: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = app.client.get(app.url(path)).bearer_auth(token);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

/// Keys of every blob in the app's store (content and thumbnails).
async fn blob_keys(app: &TestApp) -> Vec<String> {
    let mut keys: Vec<String> = app
        .app
        .blobs
        .list("")
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.key)
        .collect();
    keys.sort();
    keys
}

/// Waits (up to 5 s) until background clean-up has left exactly `expected` blobs.
async fn settle_blobs(app: &TestApp, expected: &[String]) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let keys = blob_keys(app).await;
        let staging = app.app.blobs.staging_leftovers(Duration::ZERO);
        if keys == expected && staging.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "left behind: {keys:?} (expected {expected:?}), staging {staging:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn round_trips_ranges_and_conditional_requests(app: TestApp) {
    let p = id(&app.project("Festival").await);
    let plan = pdf(3 * 1024 * 1024 + 17);
    let photo = png(64, 48);
    let r = upload(
        &app,
        &p,
        &[
            file_part("Bühnenplan_Ü.pdf", Some("application/pdf"), plan.clone()),
            file_part("stage.png", Some("image/png"), photo.clone()),
            text_part("category", "Pläne"),
            text_part("description", "Bühne und Technik"),
        ],
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let file = &items[0];
    assert_eq!(file["name"], "Bühnenplan_Ü.pdf");
    assert_eq!(file["mime_type"], "application/pdf");
    assert_eq!(file["size_bytes"], plan.len());
    assert_eq!(file["sha256"], sha256(&plan));
    assert_eq!(file["category"], "Pläne");
    assert_eq!(items[1]["mime_type"], "image/png");
    assert_eq!(items[1]["sha256"], sha256(&photo));
    let f = id(file);
    let content = format!("/api/v1/files/{f}/content");
    let token = app.admin_token.clone();

    // Whole download: the same bytes, safe headers.
    let (status, headers, body) = fetch(&app, &token, &content, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(sha256(&body), sha256(&plan));
    assert_eq!(body, plan);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["content-length"], plan.len().to_string().as_str());
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["accept-ranges"], "bytes");
    let etag = format!("\"{}\"", sha256(&plan));
    assert_eq!(headers["etag"], etag.as_str());
    assert_eq!(
        headers["content-disposition"],
        "inline; filename=\"B_hnenplan__.pdf\"; filename*=UTF-8''B%C3%BChnenplan_%C3%9C.pdf"
    );
    assert!(headers.get("content-encoding").is_none(), "sent as stored");
    let (_, headers, _) = fetch(&app, &token, &format!("{content}?download=true"), &[]).await;
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );

    // Conditional: 304 with the ETag; a stale one gets the content.
    let (status, _, body) = fetch(&app, &token, &content, &[("if-none-match", &etag)]).await;
    assert_eq!(status, 304);
    assert!(body.is_empty());
    let (status, _, _) = fetch(&app, &token, &content, &[("if-none-match", "\"stale\"")]).await;
    assert_eq!(status, 200);

    // Ranges: first bytes, a middle slice, the tail, an open end.
    for (range, expected) in [
        ("bytes=0-99", 0..100),
        ("bytes=1048576-2097151", 1_048_576..2_097_152),
        ("bytes=-10", plan.len() - 10..plan.len()),
        ("bytes=3145000-", 3_145_000..plan.len()),
    ] {
        let (status, headers, body) = fetch(&app, &token, &content, &[("range", range)]).await;
        assert_eq!(status, 206, "{range}");
        assert_eq!(body, plan[expected.clone()], "{range}");
        assert_eq!(
            headers["content-range"],
            format!(
                "bytes {}-{}/{}",
                expected.start,
                expected.end - 1,
                plan.len()
            )
            .as_str()
        );
    }
    let (status, headers, _) = fetch(&app, &token, &content, &[("range", "bytes=9999999-")]).await;
    assert_eq!(status, 416);
    assert_eq!(
        headers["content-range"],
        format!("bytes */{}", plan.len()).as_str()
    );
    // If-Range with another validator: the client's copy is stale, it gets everything.
    let (status, _, body) = fetch(
        &app,
        &token,
        &content,
        &[("range", "bytes=0-9"), ("if-range", "\"other\"")],
    )
    .await;
    assert_eq!((status, body.len()), (200, plan.len()));

    // Several clients resuming at once get their own slices.
    let resumes = (0..4u64).map(|i| {
        let (app, token, content) = (&app, token.clone(), content.clone());
        async move {
            let start = i * 700_000;
            let range = format!("bytes={start}-");
            let (status, _, body) = fetch(app, &token, &content, &[("range", &range)]).await;
            (status, start as usize, body)
        }
    });
    for (status, start, body) in futures::future::join_all(resumes).await {
        assert_eq!(status, 206);
        assert_eq!(body, plan[start..]);
    }

    // A retried upload with the same Idempotency-Key answers the first result again and
    // stores nothing new.
    let retry = || {
        app.client
            .post(app.url(&format!("/api/v1/projects/{p}/files")))
            .bearer_auth(&app.admin_token)
            .header("idempotency-key", "upload-retry-1")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(multipart(&[file_part("retry.pdf", None, pdf(70_000))]))
    };
    let first = app.send(retry()).await;
    assert_eq!(first.status, 201, "{}", first.text);
    let blobs_after_first = blob_keys(&app).await;
    let second = app.send(retry()).await;
    assert_eq!(second.status, 201);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(second.body["items"][0]["id"], first.body["items"][0]["id"]);
    assert_eq!(blob_keys(&app).await, blobs_after_first);

    // The listing and the audit log know the files.
    let list = app
        .get(&format!("/api/v1/projects/{p}/files?category=Pläne"))
        .await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);
    let audit = app.get("/api/v1/audit-log?action=file.upload").await;
    assert_eq!(
        audit.body["items"].as_array().unwrap().len(),
        3,
        "two files and the retried one, audited once: {}",
        audit.text
    );
}

both_backends!(round_trips_on_the_local_store, |app: TestApp| async move {
    round_trips_ranges_and_conditional_requests(app).await;
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trips_on_s3() {
    if let Some(app) = TestApp::spawn_s3(Backend::Sqlite).await {
        round_trips_ranges_and_conditional_requests(app).await;
    }
}

both_backends!(hostile_names_and_contents, |app: TestApp| async move {
    let p = id(&app.project("Festival").await);
    let data = || pdf(2000);
    let long = format!("{}.pdf", "Ü".repeat(600));
    for (raw, expected) in [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system.ini", "system.ini"),
        ("invoice\u{202E}fdp.pdf", "invoicefdp.pdf"),
        ("..", "file"),
    ] {
        let r = upload(&app, &p, &[file_part(raw, None, data())]).await;
        assert_eq!(r.status, 201, "{raw}: {}", r.text);
        let name = r.body["items"][0]["name"].as_str().unwrap();
        assert_eq!(name, expected, "{raw}");
    }
    let r = upload(&app, &p, &[file_part(&long, None, data())]).await;
    let name = r.body["items"][0]["name"].as_str().unwrap();
    assert_eq!(name.chars().count(), 255);
    assert!(name.ends_with(".pdf"));
    // A NUL in the part header is malformed: refused, nothing stored.
    let before = blob_keys(&app).await;
    let r = upload(&app, &p, &[file_part("plan\0.pdf", None, data())]).await;
    assert!(r.status == 400 || r.status == 201, "{}", r.text);
    if r.status == 201 {
        assert_eq!(r.body["items"][0]["name"], "plan.pdf");
    } else {
        settle_blobs(&app, &before).await;
    }
    // Storage keys are ours: only `files/<uuid>` exists in the store, whatever the names.
    for key in blob_keys(&app).await {
        let rest = key.strip_prefix("files/").expect("under files/");
        assert!(uuid::Uuid::parse_str(rest).is_ok(), "{key}");
    }

    // Content against claims: refused with the reason, nothing stored.
    let before = blob_keys(&app).await;
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0padding".to_vec();
    let html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".to_vec();
    for (name, declared, data) in [
        ("contract.pdf", Some("application/pdf"), elf.clone()),
        ("avatar.png", Some("image/png"), html.clone()),
        ("notes.txt", Some("application/pdf"), b"just text".to_vec()),
        ("setup.exe", None, pdf(500)),
    ] {
        let r = upload(&app, &p, &[file_part(name, declared, data)]).await;
        assert_eq!(r.status, 422, "{name}: {}", r.text);
        assert_eq!(r.body["errors"][0]["code"], "content_mismatch", "{name}");
    }
    // One bad file fails the whole request: the good one before it is removed again.
    let r = upload(
        &app,
        &p,
        &[
            file_part("good.pdf", None, pdf(100_000)),
            file_part("bad.pdf", None, elf.clone()),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    settle_blobs(&app, &before).await;
    // Fields are checked after the files arrived (a form may send them last): a bad one
    // removes the stored content again.
    let r = upload(
        &app,
        &p,
        &[
            file_part("plan.pdf", None, pdf(50_000)),
            text_part("category", &"x".repeat(60)),
        ],
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text);
    settle_blobs(&app, &before).await;
    let r = upload(&app, &p, &[file_part("empty.pdf", None, Vec::new())]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["errors"][0]["code"], "empty_file");
    let r = upload(&app, &p, &[text_part("category", "Pläne")]).await;
    assert_eq!(r.status, 422, "no file: {}", r.text);
    let r = upload(&app, &p, &[text_part("colour", "red")]).await;
    assert_eq!(r.status, 422);
    let r = app
        .post(&format!("/api/v1/projects/{p}/files"), json!({"file": "x"}))
        .await;
    assert_eq!(r.status, 415);
    settle_blobs(&app, &before).await;

    // An honest HTML file is kept, typed by content, and only ever an attachment.
    let r = upload(
        &app,
        &p,
        &[file_part("rider.html", Some("text/html"), html)],
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let f = id(&r.body["items"][0]);
    let (status, headers, _) = fetch(
        &app,
        &app.admin_token,
        &format!("/api/v1/files/{f}/content"),
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/html");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(
        headers["content-security-policy"],
        "default-src 'none'; sandbox"
    );
});

async fn size_limit_and_aborted_uploads(app: TestApp) {
    let p = id(&app.project("Festival").await);
    // At the limit (1 MiB in this server) it fits; one byte more is a 413.
    let r = upload(&app, &p, &[file_part("fits.pdf", None, pdf(1024 * 1024))]).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let kept = blob_keys(&app).await;
    let r = upload(
        &app,
        &p,
        &[file_part("big.pdf", None, pdf(1024 * 1024 + 1))],
    )
    .await;
    r.problem(413);
    let r = upload(
        &app,
        &p,
        &[file_part("huge.pdf", None, pdf(12 * 1024 * 1024))],
    )
    .await;
    r.problem(413);
    settle_blobs(&app, &kept).await;

    // A client that disconnects mid-upload: the request ends, nothing is left.
    let head = multipart(&[file_part("partial.pdf", None, Vec::new())]);
    let head = head[..head.len() - format!("\r\n--{BOUNDARY}--\r\n").len()].to_vec();
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![
        Ok(head),
        Ok(pdf(400_000)),
        Ok(vec![b'x'; 300_000]),
        Err(std::io::Error::other("client went away")),
    ];
    let body = reqwest::Body::wrap_stream(futures::stream::iter(chunks));
    let sent = app
        .client
        .post(app.url(&format!("/api/v1/projects/{p}/files")))
        .bearer_auth(&app.admin_token)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await;
    assert!(sent.is_err(), "the client aborted its own request");
    settle_blobs(&app, &kept).await;
    let list = app.get(&format!("/api/v1/projects/{p}/files")).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn size_limit_and_aborts_sqlite() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.max_upload_bytes = 1024 * 1024)
        .await
        .unwrap();
    size_limit_and_aborted_uploads(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn size_limit_and_aborts_postgres() {
    if let Some(app) =
        TestApp::spawn_with(Backend::Postgres, |c| c.max_upload_bytes = 1024 * 1024).await
    {
        size_limit_and_aborted_uploads(app).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn size_limit_and_aborts_on_s3() {
    let Some(endpoint) = crate::helpers::s3_endpoint() else {
        return;
    };
    let bucket = crate::helpers::s3_bucket(&endpoint).await;
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.blob_url = Some(format!("s3://{bucket}/eventmgr"));
        c.s3_endpoint = Some(endpoint.clone());
        c.s3_access_key_id = Some("test".into());
        c.s3_secret_access_key = Some("test-secret".into());
        c.max_upload_bytes = 1024 * 1024;
    })
    .await
    .unwrap();
    size_limit_and_aborted_uploads(app).await;
    // No multipart upload is left open in the bucket either.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let uploads = reqwest::get(format!("{endpoint}/{bucket}?uploads"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if !uploads.contains("<Upload>") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "open multipart uploads: {uploads}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

both_backends!(
    metadata_trash_isolation_and_clients,
    |app: TestApp| async move {
        let client = app.client_record("Helix").await;
        let p_body = app
        .post(
            "/api/v1/projects",
            json!({"name": "Stand", "start_date": "2027-06-01", "end_date": "2027-06-03", "client_id": client["id"]}),
        )
        .await
        .body;
        let p = id(&p_body);
        let r = upload(
            &app,
            &p,
            &[
                file_part("plan.pdf", None, pdf(5000)),
                file_part("photo.png", None, png(800, 400)),
            ],
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let plan = id(&r.body["items"][0]);
        let photo = id(&r.body["items"][1]);
        let path = format!("/api/v1/files/{plan}");

        // Rename, categorise, share; bad names are explained, not mangled.
        let r = app
        .patch(&path, json!({"name": "Hallenplan v2.pdf", "category": "Pläne", "shared_with_client": true}), Some(1))
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["name"], "Hallenplan v2.pdf");
        assert_eq!(r.body["version"], 2);
        for bad in ["../x.pdf", "a\u{202E}b.pdf", "", ".."] {
            let r = app.patch(&path, json!({"name": bad}), None).await;
            assert_eq!(r.status, 422, "{bad:?}: {}", r.text);
        }
        app.patch(&path, json!({"name": "x.pdf"}), Some(1))
            .await
            .problem(412);
        let (_, _, body) = fetch(&app, &app.admin_token, &format!("{path}/content"), &[]).await;
        assert_eq!(body, pdf(5000), "renaming leaves the content alone");

        // The preview is made in the background after the upload, before anyone asks.
        let thumb_key = format!("thumbs/{photo}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !blob_keys(&app).await.contains(&thumb_key) {
            assert!(Instant::now() < deadline, "no background thumbnail");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Thumbnails: an image gets a PNG preview that fits 320 px; a PDF has none.
        let (status, headers, thumb) = fetch(
            &app,
            &app.admin_token,
            &format!("/api/v1/files/{photo}/content?variant=thumb"),
            &[],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(headers["content-type"], "image/png");
        let preview = image::load_from_memory(&thumb).unwrap();
        assert_eq!((preview.width(), preview.height()), (320, 160));
        let (status, _, _) = fetch(
            &app,
            &app.admin_token,
            &format!("{path}/content?variant=thumb"),
            &[],
        )
        .await;
        assert_eq!(status, 404);

        // Outsiders see nothing; a viewer member reads but cannot write.
        let (_, outsider) = app.user("member", None).await;
        assert_eq!(app.get_as(&outsider, &path).await.status, 404);
        let (status, _, _) = fetch(&app, &outsider, &format!("{path}/content"), &[]).await;
        assert_eq!(status, 404);
        assert_eq!(
            app.get_as(&outsider, &format!("/api/v1/projects/{p}/files"))
                .await
                .status,
            404
        );
        let r = upload_as(&app, &outsider, &p, &[file_part("x.pdf", None, pdf(100))]).await;
        assert_eq!(r.status, 404);
        let (viewer, viewer_token) = app.user("member", None).await;
        app.post(
            &format!("/api/v1/projects/{p}/members"),
            json!({"user_id": viewer.id, "role": "VIEWER"}),
        )
        .await;
        assert_eq!(app.get_as(&viewer_token, &path).await.status, 200);
        let r = upload_as(
            &app,
            &viewer_token,
            &p,
            &[file_part("x.pdf", None, pdf(100))],
        )
        .await;
        assert_eq!(r.status, 403);

        // The client's users see only what is shared with them.
        let client_id = client["id"].as_str().unwrap().parse().unwrap();
        let (_, client_token) = app.user("client", Some(client_id)).await;
        let list = app
            .get_as(&client_token, &format!("/api/v1/projects/{p}/files"))
            .await;
        let names: Vec<&str> = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Hallenplan v2.pdf"]);
        assert_eq!(
            app.get_as(&client_token, &format!("/api/v1/files/{photo}"))
                .await
                .status,
            404
        );
        let (status, _, _) = fetch(&app, &client_token, &format!("{path}/content"), &[]).await;
        assert_eq!(status, 200);

        // Trash, restore, purge (managers only); the purge removes the blob.
        let r = app.delete(&path).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(app.get(&path).await.status, 404);
        assert_eq!(
            app.get(&format!("{path}?include_deleted=true"))
                .await
                .status,
            200
        );
        let trash = app
            .get(&format!("/api/v1/projects/{p}/files?deleted=true"))
            .await;
        assert_eq!(trash.body["items"].as_array().unwrap().len(), 1);
        let r = app.post(&format!("{path}/restore"), json!({})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        app.post(&format!("{path}/restore"), json!({}))
            .await
            .problem(409);
        let (member, member_token) = app.user("member", None).await;
        app.post(
            &format!("/api/v1/projects/{p}/members"),
            json!({"user_id": member.id, "role": "MEMBER"}),
        )
        .await;
        let r = app
            .send(
                app.client
                    .delete(app.url(&format!("{path}?purge=true")))
                    .bearer_auth(&member_token),
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.text);
        let before = blob_keys(&app).await;
        let r = app.delete(&format!("{path}?purge=true")).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(
            app.get(&format!("{path}?include_deleted=true"))
                .await
                .status,
            404
        );
        let after = blob_keys(&app).await;
        assert_eq!(before.len() - after.len(), 1);
        assert!(!after.contains(&format!("files/{plan}")));
        for action in ["file.update", "file.delete", "file.restore", "file.purge"] {
            let audit = app.get(&format!("/api/v1/audit-log?action={action}")).await;
            assert!(
                !audit.body["items"].as_array().unwrap().is_empty(),
                "{action} audited"
            );
        }
    }
);

both_backends!(
    the_orphan_check_finds_and_repairs,
    |app: TestApp| async move {
        let p = id(&app.project("Festival").await);
        let r = upload(
            &app,
            &p,
            &[
                file_part("a.pdf", None, pdf(1000)),
                file_part("b.pdf", None, pdf(2000)),
            ],
        )
        .await;
        let kept = id(&r.body["items"][0]);
        let lost = id(&r.body["items"][1]);
        let clean = app.app.check_files(false, Duration::ZERO).await.unwrap();
        assert!(clean.is_clean(), "{clean:?}");
        assert_eq!((clean.records, clean.blobs), (2, 2));

        // A blob without a record, a record without its blob.
        app.app
            .blobs
            .put("files/0196a5a0-0000-7000-8000-000000000000", "stray".into())
            .await
            .unwrap();
        app.app
            .blobs
            .delete(&format!("files/{lost}"))
            .await
            .unwrap();
        let report = app.app.check_files(false, Duration::ZERO).await.unwrap();
        assert_eq!(
            report.orphan_blobs,
            ["files/0196a5a0-0000-7000-8000-000000000000"]
        );
        assert_eq!(report.missing_content.len(), 1);
        assert_eq!(report.missing_content[0].0.to_string(), lost);
        // Young blobs are left alone: an upload may be about to commit its record.
        let young = app
            .app
            .check_files(false, Duration::from_secs(3600))
            .await
            .unwrap();
        assert!(young.orphan_blobs.is_empty());

        // A local upload cut off by a killed server leaves its staging file.
        let staging = app
            .data_dir
            .join("blobs/files/0196a5a0-0000-7000-8000-00000000abcd#7");
        let local = app.data_dir.join("blobs/files").exists();
        if local {
            std::fs::write(&staging, b"half an upload").unwrap();
            let report = app.app.check_files(false, Duration::ZERO).await.unwrap();
            assert_eq!(report.staging_leftovers, std::slice::from_ref(&staging));
        }

        let repaired = app.app.check_files(true, Duration::ZERO).await.unwrap();
        assert!(repaired.repaired);
        let after = app.app.check_files(false, Duration::ZERO).await.unwrap();
        assert!(after.is_clean(), "{after:?}");
        assert!(!staging.exists());
        assert_eq!(app.get(&format!("/api/v1/files/{kept}")).await.status, 200);
        assert_eq!(
            app.get(&format!("/api/v1/files/{lost}?include_deleted=true"))
                .await
                .status,
            404
        );
    }
);
