//! `bench-floor`: the framework floor of the load test — the least a Rust web service can do
//! to answer `GET /projects/{id}`: axum, one pooled sqlx connection, one primary-key select,
//! JSON out. No authentication, no access check, no middleware. Our `GET /projects/{id}` is
//! measured against it in the same run with the same connections (`bench` suite).
//!
//! ```sh
//! cargo run --release -p eventmgr-bench --bin bench-floor -- --database-url sqlite:///tmp/m/eventmgr.db
//! ```
//! It prints `listening on http://127.0.0.1:PORT` and serves until killed.

use std::net::SocketAddr;

use anyhow::Context;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use clap::Parser;
use serde_json::{Value, json};
use uuid::Uuid;

#[derive(Debug, Parser)]
struct Args {
    /// `postgres://…` or `sqlite://PATH`.
    #[arg(long)]
    database_url: String,
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Pool size; the suite passes the server's own.
    #[arg(long, default_value_t = 10)]
    connections: u32,
}

#[derive(Clone)]
enum Db {
    Postgres(sqlx::PgPool),
    Sqlite(sqlx::SqlitePool),
}

async fn project(State(db): State<Db>, Path(id): Path<Uuid>) -> Result<Json<Value>, StatusCode> {
    let row: Option<(Uuid, String, String, i64)> = match &db {
        Db::Postgres(pool) => {
            sqlx::query_as("SELECT id, name, status, version FROM projects WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        }
        Db::Sqlite(pool) => {
            sqlx::query_as("SELECT id, name, status, version FROM projects WHERE id = ?")
                .bind(id)
                .fetch_optional(pool)
                .await
        }
    }
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let (id, name, status, version) = row.ok_or(StatusCode::NOT_FOUND)?;
    Ok(Json(
        json!({"id": id, "name": name, "status": status, "version": version}),
    ))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let db = if args.database_url.starts_with("postgres") {
        Db::Postgres(
            sqlx::postgres::PgPoolOptions::new()
                .max_connections(args.connections)
                .connect(&args.database_url)
                .await
                .context("connecting to PostgreSQL")?,
        )
    } else {
        let options: sqlx::sqlite::SqliteConnectOptions = args
            .database_url
            .parse::<sqlx::sqlite::SqliteConnectOptions>()
            .context("a sqlite:// URL")?;
        Db::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(args.connections)
                .connect_with(options)
                .await
                .context("opening the SQLite database")?,
        )
    };
    let app = Router::new()
        .route("/projects/{id}", get(project))
        .with_state(db);
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
