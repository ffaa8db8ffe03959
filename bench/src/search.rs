//! Search benchmark: `GET /search` over 100 projects with 100,000 BOM items and 20,000
//! tasks, over HTTP against the real server (in-process), on SQLite and (with
//! `BENCH_DATABASE_URL`) PostgreSQL. The data goes in through the API: BOM items by
//! spreadsheet import (1,000 rows per project), tasks one by one. See `bench/README.md`.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use eventmgr_app::users::NewUser;
use eventmgr_bench::data::{self, THINGS};
use eventmgr_bench::{BenchServer as Server, PASSWORD};
use eventmgr_sheets::{ExportOptions, ExportRow};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const PROJECTS: usize = 100;
const BOM_PER_PROJECT: usize = 1_000;
const TASKS_PER_PROJECT: usize = 200;
const RUNS_PER_QUERY: usize = 20;

const DETAILS: [&str; 8] = [
    "2x1 m",
    "Hauptbühne",
    "Aufbau Nord",
    "Backstage",
    "Front of House",
    "Eingang Süd",
    "Reserve",
    "Camping",
];

fn sheet(project: usize) -> anyhow::Result<Vec<u8>> {
    let rows: Vec<ExportRow> = (0..BOM_PER_PROJECT)
        .map(|i| {
            let n = project * BOM_PER_PROJECT + i;
            let level = if i % 50 == 0 { 1 } else { 2 };
            ExportRow {
                level,
                name: format!("{} {} #{n}", THINGS[n % 16], DETAILS[(n / 16) % 8]),
                description: n
                    .is_multiple_of(4)
                    .then(|| format!("Für {} – siehe Rigging-Plot {}", DETAILS[n % 8], n % 97)),
                quantity: Decimal::new((n % 40 + 1) as i64, 0),
                unit: "pcs".to_owned(),
                unit_price: Some(Decimal::new((n % 9973) as i64 * 17 + 99, 2)),
                total: None,
                subtotal: None,
                category: Some(["Bühne", "Ton", "Licht", "Strom", "Zäune"][n % 5].to_owned()),
                supplier: None,
                status: "PLANNED".to_owned(),
                notes: None,
            }
        })
        .collect();
    let options = ExportOptions {
        include_costs: true,
        currency: "EUR".to_owned(),
        title: None,
    };
    eventmgr_sheets::write_xlsx(&rows, &options).map_err(|e| anyhow::anyhow!("{e}"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn fill(server: &Server) -> anyhow::Result<Vec<String>> {
    let started = Instant::now();
    let mut projects = Vec::new();
    for p in 0..PROJECTS {
        let project = server
            .post(
                "/api/v1/projects",
                json!({"name": format!("Festival {p} – {}", DETAILS[p % 8]), "start_date": "2027-06-01", "end_date": "2027-06-03"}),
            )
            .await?;
        let id = project["id"].as_str().context("project id")?.to_owned();
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(sheet(p)?).file_name("bom.xlsx"),
        );
        let r = server
            .client
            .post(format!(
                "{}/api/v1/projects/{id}/bom-items/import",
                server.base
            ))
            .bearer_auth(&server.token)
            .multipart(form)
            .send()
            .await?;
        if r.status().as_u16() != 201 {
            bail!("import: {}", r.text().await?);
        }
        for t in 0..TASKS_PER_PROJECT {
            let n = p * TASKS_PER_PROJECT + t;
            server
                .post(
                    &format!("/api/v1/projects/{id}/tasks"),
                    json!({"title": format!("{} {} prüfen", THINGS[n % 16], DETAILS[n % 8]), "description": format!("Aufbau {} mit Crew {}", DETAILS[(n / 8) % 8], n % 13)}),
                )
                .await?;
        }
        projects.push(id);
    }
    println!(
        "  generated {PROJECTS} projects, {} BOM items, {} tasks in {:.0} s",
        PROJECTS * BOM_PER_PROJECT,
        PROJECTS * TASKS_PER_PROJECT,
        started.elapsed().as_secs_f64()
    );
    Ok(projects)
}

async fn time_queries(server: &Server, token: &str, who: &str) -> anyhow::Result<()> {
    let mut samples = Vec::new();
    let mut per_query = Vec::new();
    let mut results = 0u64;
    for query in data::SEARCH_QUERIES {
        let mut own = Vec::new();
        for run in 0..=RUNS_PER_QUERY {
            let started = Instant::now();
            let r = server
                .client
                .get(format!("{}/api/v1/search", server.base))
                .query(&[("q", query)])
                .bearer_auth(token)
                .send()
                .await?;
            let status = r.status();
            let body: Value = r.json().await?;
            let elapsed = started.elapsed();
            if !status.is_success() {
                bail!("search {query}: {status} {body}");
            }
            if run == 0 {
                // The first run of each query warms caches and is not counted.
                results += body["groups"]
                    .as_array()
                    .map(|g| g.iter().map(|g| g["count"].as_u64().unwrap_or(0)).sum())
                    .unwrap_or(0);
                continue;
            }
            samples.push(elapsed);
            own.push(elapsed);
        }
        own.sort();
        per_query.push((own[own.len() * 95 / 100], query));
    }
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "  {who:<28} {} searches ({} queries): median {:.1} ms, p95 {:.1} ms, max {:.1} ms; {results} matches listed per query set",
        samples.len(),
        data::SEARCH_QUERIES.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
    per_query.sort();
    per_query.reverse();
    let slowest: Vec<String> = per_query
        .iter()
        .take(4)
        .map(|(p95, q)| format!("\"{q}\" {:.1} ms", ms(*p95)))
        .collect();
    println!("    slowest queries by p95: {}", slowest.join(", "));
    Ok(())
}

async fn run(label: &str, database_url: Option<String>) -> anyhow::Result<()> {
    println!("{label}:");
    let dir = std::env::temp_dir().join(format!("eventmgr-search-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let server = Server::start(database_url, &dir).await?;
    let projects = fill(&server).await?;
    time_queries(&server, &server.token.clone(), "admin (all projects)").await?;
    // A member of ten projects: the visibility filter is part of every query.
    let member = server
        .app
        .create_user(NewUser {
            email: "member@bench.example".into(),
            name: "Member".into(),
            role: "member".into(),
            password: PASSWORD.into(),
            client_id: None,
        })
        .await?;
    for project in projects.iter().take(10) {
        server
            .post(
                &format!("/api/v1/projects/{project}/members"),
                json!({"user_id": member.id, "role": "MEMBER"}),
            )
            .await?;
    }
    let token = server.login("member@bench.example").await?;
    time_queries(&server, &token, "member of 10 projects").await?;
    drop(server);
    if std::env::var_os("BENCH_KEEP_DATA").is_some() {
        println!("  data kept in {}", dir.display());
    } else {
        std::fs::remove_dir_all(&dir).ok();
    }
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    run("SQLite", None).await?;
    if let Ok(base) = std::env::var("BENCH_DATABASE_URL") {
        let name = format!("eventmgr_search_bench_{}", std::process::id());
        let admin = Database::connect(&base).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        let url = match base.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => bail!("BENCH_DATABASE_URL needs a database path"),
        };
        let result = run("PostgreSQL", Some(url)).await;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        result?;
    }
    println!(
        "reproduce: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo run --release -p eventmgr-bench --bin search-bench"
    );
    Ok(())
}
