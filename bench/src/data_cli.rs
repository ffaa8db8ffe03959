//! `bench-data`: fills a new database with a generated event company of size S, M or L (see
//! `eventmgr_bench::data`), through the application's use cases, and writes the logins a load
//! test needs to `<data-dir>/bench-data.json`.
//!
//! ```sh
//! cargo run --release -p eventmgr-bench --bin bench-data -- --size M --seed 1 --data-dir /tmp/m
//! cargo run --release -p eventmgr-bench --bin bench-data -- --size M \
//!     --database-url postgres://postgres@127.0.0.1:5432/bench_m --data-dir /tmp/m-pg
//! ```

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Parser;
use eventmgr_bench::data::{self, Size};
use eventmgr_server::config::{Config, LogFormat};
use serde_json::json;

#[derive(Debug, Parser)]
struct Args {
    /// S (the demo company), M (100 projects, 100,000 BOM items) or L (1,000 projects,
    /// 1,000,000 BOM items).
    #[arg(long, default_value = "M")]
    size: Size,
    /// The same seed gives the same company.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where the SQLite database (when no --database-url) and the manifest go.
    #[arg(long)]
    data_dir: PathBuf,
    /// A PostgreSQL database to fill instead of SQLite; it must be empty.
    #[arg(long)]
    database_url: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.data_dir)
        .with_context(|| format!("creating {}", args.data_dir.display()))?;
    let config = Config {
        data_dir: args.data_dir.clone(),
        database_url: args.database_url.clone(),
        db_max_connections: 4,
        log_format: LogFormat::Json,
        ..Config::default()
    };
    let app = eventmgr_server::startup::build_app(&config).await?;
    if eventmgr_app::store::repo::users::count(app.store.conn()).await? > 0 {
        bail!("the database already has users; bench-data fills an empty one");
    }
    let generated = data::generate(&app, args.size, args.seed, |done, all| {
        if done % 10 == 0 || done == all {
            eprintln!("  {done}/{all} projects");
        }
    })
    .await?;
    if args.database_url.is_some() {
        // What autovacuum does to a database in use, done now: the load test runs right
        // after the bulk load, before autovacuum would have gathered statistics (without
        // them the planner misjudged searches) or set the visibility map (index-only scans).
        use sea_orm::ConnectionTrait;
        app.store
            .conn()
            .execute_unprepared("VACUUM ANALYZE")
            .await?;
    }
    let manifest = json!({
        "size": format!("{:?}", args.size),
        "seed": args.seed,
        "admin": generated.admin,
        "staff": generated.staff,
        "counts": {
            "projects": generated.projects, "bom_items": generated.bom_items, "tasks": generated.tasks,
            "dependencies": generated.dependencies, "permits": generated.permits,
            "transports": generated.transports, "cards": generated.cards,
            "files": generated.files,
        },
        "seconds": generated.seconds,
    });
    let path = args.data_dir.join("bench-data.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest)?)?;
    println!(
        "size {:?}: {} projects, {} BOM items, {} tasks ({} dependencies), {} permits, {} transports, {} cards in {:.1} s; logins in {}",
        args.size,
        generated.projects,
        generated.bom_items,
        generated.tasks,
        generated.dependencies,
        generated.permits,
        generated.transports,
        generated.cards,
        generated.seconds,
        path.display()
    );
    Ok(())
}
