//! PostgreSQL for the suite: a scratch database per run, and `pgbench` running the same
//! primary-key select the framework floor runs.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};
use sqlx::Connection;

/// The scratch database's name (a literal: SQL text is never built from values here).
const NAME: &str = "eventmgr_bench";

/// The scratch database [`NAME`], dropped again by [`Scratch::drop_now`].
pub struct Scratch {
    admin_url: String,
    pub url: String,
}

/// `postgres://…/postgres` → the same server with database `name`.
fn with_database(url: &str, name: &str) -> anyhow::Result<String> {
    let (server, _) = url
        .rsplit_once('/')
        .context("a PostgreSQL URL ends in /DATABASE")?;
    Ok(format!("{server}/{name}"))
}

impl Scratch {
    pub async fn create(admin_url: &str) -> anyhow::Result<Scratch> {
        let mut conn = sqlx::PgConnection::connect(admin_url)
            .await
            .context("connecting to PostgreSQL")?;
        sqlx::query("DROP DATABASE IF EXISTS eventmgr_bench WITH (FORCE)")
            .execute(&mut conn)
            .await?;
        sqlx::query("CREATE DATABASE eventmgr_bench")
            .execute(&mut conn)
            .await?;
        Ok(Scratch {
            admin_url: admin_url.to_owned(),
            url: with_database(admin_url, NAME)?,
        })
    }

    pub async fn drop_now(self) -> anyhow::Result<()> {
        let mut conn = sqlx::PgConnection::connect(&self.admin_url).await?;
        sqlx::query("DROP DATABASE IF EXISTS eventmgr_bench WITH (FORCE)")
            .execute(&mut conn)
            .await?;
        Ok(())
    }
}

/// The select every floor runs: one project by primary key.
pub const PK_SELECT: &str = "SELECT id, name, status, version FROM projects WHERE id = ";

/// `pgbench` running [`PK_SELECT`] for `project_id` with `clients` connections for `seconds`
/// (prepared statements, two threads): transactions per second.
pub fn pgbench(
    url: &str,
    project_id: &str,
    clients: usize,
    seconds: usize,
    dir: &Path,
) -> anyhow::Result<f64> {
    let script = dir.join("pk-select.sql");
    std::fs::write(&script, format!("{PK_SELECT}'{project_id}';\n"))?;
    let output = Command::new("pgbench")
        .args(["-n", "-M", "prepared", "-j", "2"])
        .args(["-c", &clients.to_string(), "-T", &seconds.to_string()])
        .arg("-f")
        .arg(&script)
        .arg(url)
        .output()
        .context("running pgbench (Debian package postgresql-client)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "pgbench failed: {}{}",
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    stdout
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("tps = ")
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse().ok())
        })
        .with_context(|| format!("no tps in pgbench's output: {stdout}"))
}
