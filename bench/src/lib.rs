//! What the in-process benchmarks share: the real server started on loopback in this
//! process, with an admin logged in over HTTP like any client; and the data generator.

pub mod data;
pub mod load;
pub mod process;
pub mod transfer;

use std::path::Path;

use anyhow::{Context, bail};
use eventmgr_app::App;
use eventmgr_app::users::NewUser;
use eventmgr_server::config::{Config, LogFormat};
use eventmgr_server::startup::Application;
use serde_json::{Value, json};

pub const PASSWORD: &str = "bench-password-1234";
pub const ADMIN_EMAIL: &str = "bench@bench.example";

/// Signs in over HTTP at `base` and returns the access token.
pub async fn login(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> anyhow::Result<String> {
    let answer: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await?
        .json()
        .await?;
    Ok(answer["access_token"]
        .as_str()
        .context("login answered no token")?
        .to_owned())
}

/// The server, its application context and an admin's token. Dropping it stops the server.
pub struct BenchServer {
    pub base: String,
    pub client: reqwest::Client,
    pub token: String,
    pub app: App,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl BenchServer {
    /// Starts a server on the database `database_url` (SQLite in `dir` when `None`).
    pub async fn start(database_url: Option<String>, dir: &Path) -> anyhow::Result<BenchServer> {
        let config = Config {
            listen: "127.0.0.1:0".parse()?,
            data_dir: dir.to_path_buf(),
            database_url,
            db_max_connections: 8,
            log_format: LogFormat::Json,
            ..Config::default()
        };
        let application = Application::build(&config).await?;
        let addr = application.local_addr()?;
        let app = application.app().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(application.run_until_stopped(async move {
            let _ = stopped.await;
        }));
        app.create_user(NewUser {
            email: ADMIN_EMAIL.into(),
            name: "Bench".into(),
            role: "admin".into(),
            password: PASSWORD.into(),
            client_id: None,
        })
        .await?;
        let client = reqwest::Client::builder().no_gzip().build()?;
        let base = format!("http://{addr}");
        let mut server = BenchServer {
            base,
            client,
            token: String::new(),
            app,
            stop: Some(stop),
        };
        server.token = server.login(ADMIN_EMAIL).await?;
        Ok(server)
    }

    /// Logs `email` in (password [`PASSWORD`]) and returns the access token.
    pub async fn login(&self, email: &str) -> anyhow::Result<String> {
        login(&self.client, &self.base, email, PASSWORD).await
    }

    /// POSTs `body` as the admin; the answer, or an error naming the status.
    pub async fn post(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await?;
        let status = r.status();
        let body: Value = r.json().await?;
        if !status.is_success() {
            bail!("POST {path}: {status} {body}");
        }
        Ok(body)
    }

    /// Creates a project and returns its id.
    pub async fn project(&self, name: &str) -> anyhow::Result<String> {
        let project = self
            .post(
                "/api/v1/projects",
                json!({"name": name, "start_date": "2027-06-01", "end_date": "2027-06-03", "budget": "5000000.00"}),
            )
            .await?;
        Ok(project["id"].as_str().context("project id")?.to_owned())
    }
}

impl Drop for BenchServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
