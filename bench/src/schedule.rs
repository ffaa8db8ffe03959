//! Schedule benchmark: the critical path method over a 2,000-task project with about 5,000
//! finish-to-start dependencies — the pure computation, and `GET /projects/{id}/schedule`
//! end to end over HTTP on SQLite (and PostgreSQL with `BENCH_DATABASE_URL`).
//! See `bench/README.md`.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::NaiveDate;
use eventmgr_app::store::entity::{task, task_dependency};
use eventmgr_app::store::repo::tasks;
use eventmgr_app::store::{DbDecimal, now};
use eventmgr_bench::BenchServer;
use eventmgr_domain::schedule::{Calendar, Dependency, TaskInput, schedule};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, Database};
use uuid::Uuid;

const TASKS: usize = 2_000;
const RUNS: usize = 50;

/// Deterministic network: task i depends on up to three earlier tasks, mostly near it
/// (chains of phases) and sometimes far back (cross-phase hand-overs).
/// Task index with its duration in minutes, and `(before, after)` index pairs.
type Network = (Vec<(usize, i64)>, Vec<(usize, usize)>);

fn network() -> Network {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let tasks: Vec<(usize, i64)> = (0..TASKS)
        .map(|i| (i, 60 * (1 + (i % 16) as i64)))
        .collect();
    let mut deps = Vec::new();
    for i in 1..TASKS {
        let mut chosen = Vec::new();
        for k in 0..3 {
            let back = if k == 2 { next(i) } else { next(i.min(20)) };
            let before = i - 1 - back.min(i - 1);
            if !chosen.contains(&before) {
                chosen.push(before);
                deps.push((before, i));
            }
        }
    }
    (tasks, deps)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    format!(
        "median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} runs)",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0)),
        samples.len()
    )
}

fn compute_only() -> anyhow::Result<()> {
    let (tasks, deps) = network();
    let inputs: Vec<TaskInput<usize>> = tasks
        .iter()
        .map(|(id, minutes)| TaskInput {
            id: *id,
            duration_minutes: *minutes,
            due_date: None,
        })
        .collect();
    let edges: Vec<Dependency<usize>> = deps
        .iter()
        .map(|(before, after)| Dependency {
            before: *before,
            after: *after,
        })
        .collect();
    let calendar = Calendar {
        start: NaiveDate::from_ymd_opt(2027, 3, 1).context("date")?,
        hours_per_day: 8,
    };
    let mut samples = Vec::new();
    let mut critical = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let s = schedule(&inputs, &edges, calendar).map_err(|e| anyhow::anyhow!("{e}"))?;
        samples.push(started.elapsed());
        critical = s.critical_path.len();
    }
    println!(
        "CPM computation, {TASKS} tasks / {} dependencies (critical path {critical} tasks): {}",
        edges.len(),
        summary(samples)
    );
    Ok(())
}

async fn over_http(label: &str, database_url: Option<String>) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("eventmgr-bench-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let server = BenchServer::start(database_url, &dir).await?;
    let (app, base, client) = (&server.app, &server.base, &server.client);
    let project_id: Uuid = server.project("Schedule bench").await?.parse()?;

    // Seeding straight through the repositories (the write paths are not what is measured).
    let (network_tasks, deps) = network();
    let ids: Vec<Uuid> = network_tasks.iter().map(|_| Uuid::now_v7()).collect();
    let txn = app.store.begin().await?;
    let at = now();
    for ((i, minutes), id) in network_tasks.iter().zip(&ids) {
        tasks::insert(
            &txn,
            task::Model {
                id: *id,
                project_id,
                workflow_stage_id: None,
                title: format!("Task {i}"),
                description: None,
                status: "TODO".into(),
                priority: "MEDIUM".into(),
                assignee_id: None,
                start_date: None,
                due_date: None,
                estimated_hours: Some(DbDecimal(Decimal::new(minutes / 60, 0))),
                actual_hours: None,
                created_by: None,
                completed_at: None,
                version: 1,
                created_at: at,
                updated_at: at,
            },
        )
        .await?;
    }
    for (before, after) in &deps {
        tasks::insert_dependency(
            &txn,
            task_dependency::Model {
                task_id: ids[*after],
                depends_on_id: ids[*before],
                created_at: at,
            },
        )
        .await?;
    }
    txn.commit().await?;

    let url = format!("{base}/api/v1/projects/{project_id}/schedule?from=2027-03-01");
    let mut samples = Vec::new();
    let mut size = 0;
    for run in 0..RUNS + 5 {
        let started = Instant::now();
        let r = client.get(&url).bearer_auth(&server.token).send().await?;
        let status = r.status();
        let bytes = r.bytes().await?;
        let elapsed = started.elapsed();
        anyhow::ensure!(status.as_u16() == 200, "schedule answered {status}");
        size = bytes.len();
        if run >= 5 {
            samples.push(elapsed);
        }
    }
    println!(
        "{label}: GET /projects/{{id}}/schedule, {TASKS} tasks / {} dependencies, {} KiB JSON: {}",
        deps.len(),
        size / 1024,
        summary(samples)
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
        "Schedule benchmark — reproduce: [BENCH_DATABASE_URL=postgres://…] cargo run --release -p eventmgr-bench --bin schedule-bench"
    );
    compute_only()?;
    over_http("SQLite", None).await?;
    if let Ok(base) = std::env::var("BENCH_DATABASE_URL") {
        let name = format!("eventmgr_bench_{}", Uuid::now_v7().simple());
        let admin = Database::connect(&base).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        let (prefix, _) = base.rsplit_once('/').context("database URL has no path")?;
        let result = over_http("PostgreSQL", Some(format!("{prefix}/{name}"))).await;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        result?;
    } else {
        println!("(set BENCH_DATABASE_URL to also measure PostgreSQL)");
    }
    Ok(())
}
