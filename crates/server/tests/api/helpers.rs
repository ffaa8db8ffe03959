//! Test harness: starts the real server on `127.0.0.1:0` against a fresh SQLite file or a
//! fresh PostgreSQL database (created here and dropped afterwards, even when a test fails).

use std::path::PathBuf;

use eventmgr_app::App;
use eventmgr_app::users::{NewUser, UserOut};
use eventmgr_server::config::{Config, LogFormat};
use eventmgr_server::startup::Application;
use reqwest::Method;
use reqwest::header::HeaderMap;
use sea_orm::sqlx::{AssertSqlSafe, Connection, PgConnection, raw_sql};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

pub const PASSWORD: &str = "Correct-Horse-Battery-9";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs a test body against SQLite and, when `TEST_DATABASE_URL` is set, PostgreSQL.
/// With `CI=true` a missing PostgreSQL fails the test instead of skipping it.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::TestApp::spawn_postgres().await {
                    ($body)(app).await;
                }
            }
        }
    };
}

/// The PostgreSQL server tests use, or `None` (a failure under CI) when there is none.
pub fn postgres_base_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must run in CI"
            );
            eprintln!("TEST_DATABASE_URL not set: skipping the PostgreSQL variant");
            None
        }
    }
}

fn with_database(base: &str, database: &str) -> String {
    let mut url = url::Url::parse(base).expect("TEST_DATABASE_URL is a URL");
    url.set_path(&format!("/{database}"));
    url.to_string()
}

/// A fresh PostgreSQL database, dropped when the guard goes (also on panic).
pub struct PgDatabase {
    base: String,
    pub name: String,
    pub url: String,
}

impl PgDatabase {
    pub async fn create() -> Option<PgDatabase> {
        let base = postgres_base_url()?;
        let name = format!("eventmgr_test_{}", Uuid::now_v7().simple());
        let mut conn = PgConnection::connect(&base)
            .await
            .expect("connect to TEST_DATABASE_URL");
        raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let _ = conn.close().await;
        let url = with_database(&base, &name);
        Some(PgDatabase { base, name, url })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let base = self.base.clone();
        let name = self.name.clone();
        // Drop runs outside async context rules: use a thread with its own small runtime.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(mut conn) = PgConnection::connect(&base).await {
                    let _ = raw_sql(AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut conn)
                    .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// The S3-compatible server the tests use (`TEST_S3_ENDPOINT`, moto started by
/// `scripts/test`), or `None` — a failure under CI, where it must be there.
pub fn s3_endpoint() -> Option<String> {
    match std::env::var("TEST_S3_ENDPOINT") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "CI=true but TEST_S3_ENDPOINT is not set (scripts/test starts moto)"
            );
            None
        }
    }
}

/// A fresh bucket on the test S3 server; returns its name.
pub async fn s3_bucket(endpoint: &str) -> String {
    let bucket = format!("eventmgr-test-{}", Uuid::now_v7().simple());
    let r = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .expect("S3 server reachable");
    assert!(
        r.status().is_success(),
        "bucket not created: {}",
        r.status()
    );
    bucket
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(format!("eventmgr-test-{}", Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An answer: status, headers, and the body as JSON (Null when empty or not JSON).
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Resp {
    /// The whole answer, its body parsed as JSON where it is JSON.
    pub async fn read(response: reqwest::Response) -> Resp {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            body,
            text,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem+json answer with this status and returns its body.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(
            self.status, status,
            "expected {status}, got {}: {}",
            self.status, self.text
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "{}",
            self.text
        );
        assert_eq!(self.body["status"], status);
        assert!(
            self.body["type"]
                .as_str()
                .unwrap_or("")
                .starts_with("https://eventmgr.dev/problems/"),
            "{}",
            self.text
        );
        assert!(self.body["title"].is_string());
        &self.body
    }

    /// The fields named by a 422 answer.
    pub fn error_fields(&self) -> Vec<String> {
        self.problem(422)["errors"]
            .as_array()
            .expect("errors array")
            .iter()
            .map(|e| e["field"].as_str().unwrap_or("").to_owned())
            .collect()
    }
}

pub struct TestApp {
    pub backend: Backend,
    pub base: String,
    pub client: reqwest::Client,
    pub app: App,
    pub admin: UserOut,
    pub admin_token: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
    // Dropped last: the database and directory outlive the server.
    _pg: Option<PgDatabase>,
    _dir: TempDir,
}

pub fn test_config(dir: &TempDir, database_url: Option<String>) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.0.clone(),
        database_url,
        db_max_connections: 5,
        log_format: LogFormat::Json,
        ..Config::default()
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {})
            .await
            .expect("backend available")
    }

    pub async fn spawn_postgres() -> Option<TestApp> {
        Self::spawn_with(Backend::Postgres, |_| {}).await
    }

    /// Starts a server with an adjusted configuration; `None` when PostgreSQL is wanted but
    /// not configured (outside CI).
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let pg = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(PgDatabase::create().await?),
        };
        Some(Self::start(backend, pg, TempDir::new(), adjust).await)
    }

    /// A server whose file content goes to a fresh bucket on the test S3 server; `None`
    /// when there is none (outside CI) or PostgreSQL is wanted and missing.
    pub async fn spawn_s3(backend: Backend) -> Option<TestApp> {
        let endpoint = s3_endpoint()?;
        let bucket = s3_bucket(&endpoint).await;
        Self::spawn_with(backend, |c| {
            c.blob_url = Some(format!("s3://{bucket}/eventmgr"));
            c.s3_endpoint = Some(endpoint);
            c.s3_access_key_id = Some("test".into());
            c.s3_secret_access_key = Some("test-secret".into());
        })
        .await
    }

    /// Runs `eventmgr demo` on a fresh database, then starts a server on it. Also returns
    /// the demo's output (its logins with their passwords).
    pub async fn spawn_with_demo(backend: Backend) -> Option<(TestApp, String)> {
        let pg = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(PgDatabase::create().await?),
        };
        let dir = TempDir::new();
        let mut demo = std::process::Command::new(env!("CARGO_BIN_EXE_eventmgr"));
        demo.arg("demo")
            .current_dir(&dir.0)
            .env_remove("DATABASE_URL")
            .env("EVENTMGR_DATA_DIR", &dir.0);
        if let Some(pg) = &pg {
            demo.env("DATABASE_URL", &pg.url);
        }
        let out = tokio::task::spawn_blocking(move || demo.output())
            .await
            .expect("join")
            .expect("run eventmgr demo");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some((Self::start(backend, pg, dir, |_| {}).await, stdout))
    }

    async fn start(
        backend: Backend,
        pg: Option<PgDatabase>,
        dir: TempDir,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        // Errors the server logs show up in a failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(std::env::var("EVENTMGR_LOG").unwrap_or_else(|_| "error".into()))
            .try_init();
        let mut config = test_config(&dir, pg.as_ref().map(|p| p.url.clone()));
        adjust(&mut config);
        let database_url = config.effective_database_url();
        let application = Application::build(&config).await.expect("server builds");
        let addr = application.local_addr().expect("bound");
        let app = application.app().clone();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(application.run_until_stopped(async move {
            let _ = rx.await;
        }));
        let admin = app
            .create_user(NewUser {
                email: "admin@test.example".into(),
                name: "Ada Admin".into(),
                role: "admin".into(),
                password: PASSWORD.into(),
                client_id: None,
            })
            .await
            .expect("admin created");
        let client = reqwest::Client::builder()
            .no_gzip()
            .build()
            .expect("client");
        let mut test_app = TestApp {
            backend,
            base: format!("http://{addr}"),
            client,
            app,
            admin,
            admin_token: String::new(),
            data_dir: dir.0.clone(),
            database_url,
            shutdown: Some(tx),
            server: Some(server),
            _pg: pg,
            _dir: dir,
        };
        test_app.admin_token = test_app.login("admin@test.example", PASSWORD).await;
        test_app
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        let r = self
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(serde_json::json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(r.status, 200, "login failed: {}", r.text);
        r.body["access_token"].as_str().expect("token").to_owned()
    }

    /// Creates a user with a global role directly and returns it with a token.
    pub async fn user(&self, role: &str, client_id: Option<Uuid>) -> (UserOut, String) {
        let email = format!("{role}-{}@test.example", Uuid::now_v7().simple());
        let user = self
            .app
            .create_user(NewUser {
                email: email.clone(),
                name: format!("Test {role}"),
                role: role.into(),
                password: PASSWORD.into(),
                client_id,
            })
            .await
            .expect("user created");
        let token = self.login(&email, PASSWORD).await;
        (user, token)
    }

    pub async fn send(&self, builder: reqwest::RequestBuilder) -> Resp {
        Resp::read(builder.send().await.expect("request sent")).await
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let mut builder = self.client.request(method, self.url(path));
        if let Some(token) = token {
            builder = builder.bearer_auth(token);
        }
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        self.send(builder).await
    }

    /// The status of a streaming GET (Server-Sent Events), without waiting for its body.
    pub async fn stream_status(&self, path: &str, token: &str) -> u16 {
        let response = self
            .client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent");
        response.status().as_u16()
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.request(Method::GET, path, Some(&self.admin_token), None)
            .await
    }

    pub async fn get_as(&self, token: &str, path: &str) -> Resp {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.request(Method::POST, path, Some(&self.admin_token), Some(body))
            .await
    }

    pub async fn post_as(&self, token: &str, path: &str, body: Value) -> Resp {
        self.request(Method::POST, path, Some(token), Some(body))
            .await
    }

    pub async fn patch(&self, path: &str, body: Value, if_match: Option<i64>) -> Resp {
        self.patch_as(&self.admin_token, path, body, if_match).await
    }

    pub async fn patch_as(
        &self,
        token: &str,
        path: &str,
        body: Value,
        if_match: Option<i64>,
    ) -> Resp {
        let mut builder = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(&body);
        if let Some(v) = if_match {
            builder = builder.header("if-match", format!("\"{v}\""));
        }
        self.send(builder).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.request(Method::DELETE, path, Some(&self.admin_token), None)
            .await
    }

    /// Creates a project as the admin and returns its JSON.
    pub async fn project(&self, name: &str) -> Value {
        let r = self.post("/api/v1/projects", serde_json::json!({"name": name, "start_date": "2027-06-01", "end_date": "2027-06-03", "budget": "1000.00"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body
    }

    pub async fn client_record(&self, name: &str) -> Value {
        let r = self
            .post("/api/v1/clients", serde_json::json!({"name": name}))
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body
    }

    /// Rows in a table, read straight from the database.
    pub async fn count(&self, table: &str) -> i64 {
        let db = self.app.store.conn();
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("count")
    }

    /// Stops the server gracefully and waits for it (database closed).
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("server task")
                .expect("server stopped cleanly");
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// A real SMTP server on loopback (Python's aiosmtpd) that drops each message into a
/// Maildir, where tests read it back.
pub struct SmtpServer {
    child: std::process::Child,
    pub port: u16,
    dir: TempDir,
}

impl SmtpServer {
    pub fn start() -> Option<SmtpServer> {
        let available = std::process::Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !available {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "CI=true but aiosmtpd is missing (scripts/test installs it)"
            );
            eprintln!("aiosmtpd not installed: skipping the email test");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let dir = TempDir::new();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(dir.0.join("maildir"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "aiosmtpd did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Some(SmtpServer { child, port, dir })
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, raw.
    pub fn messages(&self) -> Vec<String> {
        let new = self.dir.0.join("maildir").join("new");
        let mut files: Vec<_> = std::fs::read_dir(new)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// Waits until `count` messages have arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "expected {count} message(s), got {}",
                messages.len()
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Undoes quoted-printable soft line breaks and `=3D`, enough to read a link from a mail.
pub fn unfold_quoted_printable(text: &str) -> String {
    text.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// A second `eventmgr serve` process on the same database and data directory as a test
/// server (same signing keys), as another replica behind a load balancer would be.
pub struct ServerProcess {
    child: std::process::Child,
    pub base: String,
}

impl ServerProcess {
    pub fn start(app: &TestApp) -> ServerProcess {
        use std::io::{BufRead, BufReader};
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_eventmgr"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env_remove("EVENTMGR_LISTEN")
            .env("EVENTMGR_DATA_DIR", &app.data_dir)
            .env("DATABASE_URL", &app.database_url)
            .env("EVENTMGR_LOG_FORMAT", "json")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn eventmgr serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = lines
            .by_ref()
            .map_while(Result::ok)
            .find(|l| l.contains("serving on http://"))
            .expect("the second server prints its URL");
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("a URL")
            .trim_end_matches('/')
            .to_owned();
        // Keep draining its log so the pipe never fills and blocks the server.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        ServerProcess { child, base }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
