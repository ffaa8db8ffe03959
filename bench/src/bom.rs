//! BOM benchmark: a 5,000-row XLSX import and the `?view=tree` read of a 10,000-item,
//! 5-level tree, over HTTP against the real server, on SQLite and (with
//! `BENCH_DATABASE_URL`) PostgreSQL. See `bench/README.md`.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use eventmgr_bench::BenchServer as Server;
use eventmgr_sheets::{ExportOptions, ExportRow};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;

const IMPORT_RUNS: usize = 5;
const TREE_WARMUP: usize = 5;
const TREE_RUNS: usize = 50;
/// Tree reads right after a change to one line (the rendered tree is built again).
const FRESH_RUNS: usize = 20;

/// A 5-level BOM of `rows` lines: 1 group per 500 lines, sub-groups, assemblies, parts.
fn generated_sheet(rows: usize, offset: usize) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(rows);
    let mut previous = 0;
    for i in 0..rows {
        let n = i + offset;
        // Depth pattern: every 500th a group (1), every 100th a sub-group (2), every 20th
        // an assembly (3), every 5th a part list (4), else a part (5).
        let level = if i % 500 == 0 {
            1
        } else if i % 100 == 0 {
            2
        } else if i % 20 == 0 {
            3
        } else if i % 5 == 0 {
            4
        } else {
            5
        };
        // Levels climb one at a time (a row is at most one deeper than the row above).
        let level = level.min(previous + 1);
        previous = level;
        out.push(ExportRow {
            level,
            name: format!("Position {n} – Traverse {}", n % 37),
            description: n.is_multiple_of(3).then(|| format!("Beschreibung {n}")),
            quantity: Decimal::new((n % 40 + 1) as i64 * 125, 3),
            unit: ["pcs", "m", "day", "set"][n % 4].to_owned(),
            unit_price: Some(Decimal::new((n % 9973) as i64 * 17 + 99, 2)),
            total: None,
            subtotal: None,
            category: Some(["Bühne", "Ton", "Licht", "Strom", "Zäune"][n % 5].to_owned()),
            supplier: None,
            status: ["PLANNED", "REQUESTED", "ORDERED", "CONFIRMED"][n % 4].to_owned(),
            notes: None,
        });
    }
    let options = ExportOptions {
        include_costs: true,
        currency: "EUR".to_owned(),
        title: None,
    };
    eventmgr_sheets::write_xlsx(&out, &options).map_err(|e| anyhow::anyhow!("{e}"))
}

async fn import(server: &Server, project: &str, bytes: Vec<u8>) -> anyhow::Result<Duration> {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("bom.xlsx"),
    );
    let started = Instant::now();
    let r = server
        .client
        .post(format!(
            "{}/api/v1/projects/{project}/bom-items/import",
            server.base
        ))
        .bearer_auth(&server.token)
        .multipart(form)
        .send()
        .await?;
    let status = r.status();
    let body = r.text().await?;
    let elapsed = started.elapsed();
    if status.as_u16() != 201 {
        bail!("import answered {status}: {body}");
    }
    Ok(elapsed)
}

async fn tree(server: &Server, project: &str) -> anyhow::Result<(Duration, usize)> {
    let started = Instant::now();
    let r = server
        .client
        .get(format!(
            "{}/api/v1/projects/{project}/bom-items?view=tree",
            server.base
        ))
        .bearer_auth(&server.token)
        // As browsers ask: the server keeps the rendered tree gzip-compressed.
        .header("Accept-Encoding", "gzip")
        .send()
        .await?;
    let status = r.status();
    let bytes = r.bytes().await?;
    let elapsed = started.elapsed();
    if status.as_u16() != 200 {
        bail!(
            "tree answered {status}: {}",
            String::from_utf8_lossy(&bytes)
        );
    }
    Ok((elapsed, bytes.len()))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

async fn run(label: &str, database_url: Option<String>) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("eventmgr-bench-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let server = Server::start(database_url, &dir).await?;

    let sheet = generated_sheet(5_000, 0)?;
    let mut imports = Vec::new();
    for run in 0..IMPORT_RUNS {
        let p = server.project(&format!("Import {run}")).await?;
        imports.push(import(&server, &p, sheet.clone()).await?);
    }
    imports.sort();

    let big = server.project("Tree 10k").await?;
    import(&server, &big, sheet).await?;
    import(&server, &big, generated_sheet(5_000, 5_000)?).await?;
    let mut size = 0;
    for _ in 0..TREE_WARMUP {
        size = tree(&server, &big).await?.1;
    }
    let check: Value = server
        .client
        .get(format!(
            "{}/api/v1/projects/{big}/bom-items?view=tree",
            server.base
        ))
        .bearer_auth(&server.token)
        .send()
        .await?
        .json()
        .await?;
    if check["count"] != 10_000 {
        bail!("the tree holds {} items, not 10,000", check["count"]);
    }
    let mut reads = Vec::new();
    for _ in 0..TREE_RUNS {
        reads.push(tree(&server, &big).await?.0);
    }
    reads.sort();
    // After each change the tree is rendered again: the cost of a read that misses.
    let line = check["items"][0]["id"]
        .as_str()
        .context("the tree has a first line")?
        .to_owned();
    let mut fresh = Vec::new();
    for run in 0..FRESH_RUNS {
        let r = server
            .client
            .patch(format!("{}/api/v1/bom-items/{line}", server.base))
            .bearer_auth(&server.token)
            .json(&serde_json::json!({"notes": format!("bench change {run}")}))
            .send()
            .await?;
        if r.status().as_u16() != 200 {
            bail!("the change answered {}", r.status());
        }
        fresh.push(tree(&server, &big).await?.0);
    }
    fresh.sort();
    println!(
        "{label:<10} import 5,000-row XLSX: median {:>7.1} ms, max {:>7.1} ms ({IMPORT_RUNS} runs)",
        ms(percentile(&imports, 0.5)),
        ms(*imports.last().context("runs")?)
    );
    println!(
        "{label:<10} tree of 10,000 items, 5 levels, unchanged: median {:>6.1} ms, p95 {:>6.1} ms ({TREE_RUNS} reads, {:.2} MB gzip)",
        ms(percentile(&reads, 0.5)),
        ms(percentile(&reads, 0.95)),
        size as f64 / 1_000_000.0
    );
    println!(
        "{label:<10} tree of 10,000 items, 5 levels, after a change: median {:>6.1} ms, p95 {:>6.1} ms ({FRESH_RUNS} reads)",
        ms(percentile(&fresh, 0.5)),
        ms(percentile(&fresh, 0.95)),
    );
    drop(server);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build; run with --release for real figures");
    }
    println!(
        "BOM benchmark — reproduce: [BENCH_DATABASE_URL=postgres://…] cargo run --release -p eventmgr-bench --bin bom-bench"
    );
    run("SQLite", None).await?;
    if let Ok(base) = std::env::var("BENCH_DATABASE_URL") {
        let name = format!("eventmgr_bench_{}", uuid::Uuid::now_v7().simple());
        let admin = Database::connect(&base).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        let (prefix, _) = base.rsplit_once('/').context("database URL has no path")?;
        let result = run("PostgreSQL", Some(format!("{prefix}/{name}"))).await;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        result?;
    } else {
        println!("(set BENCH_DATABASE_URL to also measure PostgreSQL)");
    }
    Ok(())
}
