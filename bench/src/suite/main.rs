//! `bench all [--quick]`: the whole benchmark suite in one run, against the release build (the
//! `eventmgr`, `bench-data` and `bench-floor` binaries next to this one), on SQLite and on
//! PostgreSQL:
//!
//! 1. generates the data (size M; S in quick mode) through the application's use cases;
//! 2. starts `eventmgr serve` on it: cold start to `/readyz`, idle RSS;
//! 3. the floors, closed loop: `/healthz`, the minimal axum + sqlx primary-key select
//!    (`bench-floor`), `pgbench` of that select; and our `GET /projects/{id}` beside them;
//! 4. the production team (`eventmgr_bench::load::team`): realistic (1,000 users, 1–3 s
//!    think time) and saturation (closed loop, 64 and 256 connections), with the server's CPU
//!    and peak RSS;
//! 5. a 1 GiB upload and download against `dd`;
//! 6. size L (`large`): each read the issue names, alone, on 1,000 projects and 1,000,000 BOM
//!    lines;
//!
//! and writes `report.json` and `report.md` with the goals met or missed. See
//! `bench/README.md`.

mod large;
mod postgres;
mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use eventmgr_bench::data::Login;
use eventmgr_bench::load::{self, Shape};
use eventmgr_bench::process::{self, Process, Server, Watch, sibling_binary};
use eventmgr_bench::transfer;
use report::{DatabaseReport, Floors, Machine, Phase, Report};
use serde_json::Value;

#[derive(Debug, Parser)]
#[command(about = "Event Manager's benchmark suite")]
struct Cli {
    #[command(subcommand)]
    command: Run,
}

#[derive(Debug, Subcommand)]
enum Run {
    /// Everything, on SQLite and PostgreSQL, into one report.
    All(Args),
    /// One URL in a closed loop (for profiling a server under load: `perf record -p PID`).
    Probe(ProbeArgs),
    /// The large-data phase alone, on data `bench-data` generated before (e.g. size L):
    /// each read alone on one connection; prints the report's section.
    Large(LargeArgs),
    /// The production team's mix against a server that is already running, on data
    /// `bench-data` generated (for profiling the mix as a whole: `perf record -p PID`);
    /// prints the phase's table.
    Team(TeamArgs),
}

#[derive(Debug, clap::Args)]
struct TeamArgs {
    /// The server, e.g. http://127.0.0.1:3001
    base: String,
    /// The data directory `bench-data` filled (its `bench-data.json` has the logins).
    #[arg(long)]
    data_dir: PathBuf,
    /// People working at once.
    #[arg(long, default_value_t = 64)]
    users: usize,
    #[arg(long, default_value_t = 30)]
    seconds: usize,
    /// Think time between actions, in seconds (`1-3`; default: none, a closed loop).
    #[arg(long)]
    think: Option<String>,
    /// Users starting per second (default: all of them, up to 100 a second). The suite's
    /// realistic phase starts 25 a second: each sign-in hashes a password.
    #[arg(long)]
    hatch: Option<usize>,
    /// The server's process id, for its CPU and peak RSS in the table.
    #[arg(long)]
    server_pid: Option<u32>,
}

#[derive(Debug, clap::Args)]
struct LargeArgs {
    /// The data directory `bench-data` filled (it holds `bench-data.json`).
    #[arg(long)]
    data_dir: PathBuf,
    /// The PostgreSQL database `bench-data` filled (SQLite in the data directory without).
    #[arg(long)]
    database_url: Option<String>,
    /// Seconds per read.
    #[arg(long, default_value_t = 5)]
    seconds: usize,
}

#[derive(Debug, clap::Args)]
struct ProbeArgs {
    /// The whole URL, e.g. http://127.0.0.1:3001/api/v1/projects/ID
    url: String,
    #[arg(long)]
    token: Option<String>,
    #[arg(long, default_value_t = 64)]
    connections: usize,
    #[arg(long, default_value_t = 20)]
    seconds: usize,
}

#[derive(Debug, clap::Args)]
struct Args {
    /// A shortened run (data size S, seconds per phase) that keeps the suite working; its
    /// figures are not to be quoted.
    #[arg(long)]
    quick: bool,
    /// Where `report.json` and `report.md` go.
    #[arg(long, default_value = "bench/report")]
    out: PathBuf,
    /// Data size: S, M or L (default M; S with --quick).
    #[arg(long)]
    size: Option<String>,
    /// The PostgreSQL server (a scratch database is created on it and dropped).
    #[arg(
        long,
        env = "BENCH_POSTGRES_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    postgres_url: String,
    /// Only SQLite (when no PostgreSQL is reachable).
    #[arg(long)]
    sqlite_only: bool,
    /// Size of the file transfer in MiB (default 1024; 64 with --quick).
    #[arg(long)]
    file_mib: Option<u64>,
    /// Exit with an error when any request of the load failed (CI: the scenario still fits
    /// the API).
    #[arg(long)]
    fail_on_errors: bool,
    /// Skip the large-data phase (size L: generating it takes the longest part of a run).
    #[arg(long)]
    no_large: bool,
}

/// The lengths of every phase.
struct Plan {
    size: String,
    probe: Shape,
    /// One connection per endpoint of the team's mix: what each request costs alone.
    service: Shape,
    realistic: Shape,
    saturation: Vec<Shape>,
    file_mib: u64,
    /// The data size of the large-data phase (`None`: skipped). Quick mode runs it on S, so
    /// that the phase keeps working.
    large: Option<String>,
    /// Whether the large-data phase also runs on PostgreSQL. Not in quick mode: its ~44
    /// short probes would take it past 3 minutes, and the phase's code is the same on both.
    large_on_postgres: bool,
}

impl Plan {
    fn new(args: &Args) -> Plan {
        let closed = |users, hatch, seconds| Shape {
            users,
            hatch_per_second: hatch,
            seconds,
            think: None,
        };
        let think = Some((Duration::from_secs(1), Duration::from_secs(3)));
        if args.quick {
            Plan {
                size: args.size.clone().unwrap_or_else(|| "S".to_owned()),
                probe: closed(16, 16, 3),
                service: closed(1, 1, 1),
                realistic: Shape {
                    users: 50,
                    hatch_per_second: 25,
                    seconds: 6,
                    think,
                },
                saturation: vec![closed(16, 16, 4)],
                file_mib: args.file_mib.unwrap_or(64),
                large: (!args.no_large).then(|| "S".to_owned()),
                large_on_postgres: false,
            }
        } else {
            Plan {
                size: args.size.clone().unwrap_or_else(|| "M".to_owned()),
                probe: closed(64, 64, 20),
                service: closed(1, 1, 5),
                // Sign-ins hash passwords (Argon2, tens of ms of CPU each, one per core at
                // a time): users arrive at 25 per second, as people do not all press
                // "sign in" at once, and the measurement starts when all are in.
                realistic: Shape {
                    users: 1000,
                    hatch_per_second: 25,
                    seconds: 60,
                    think,
                },
                saturation: vec![closed(64, 32, 30), closed(256, 32, 30)],
                file_mib: args.file_mib.unwrap_or(1024),
                large: (!args.no_large).then(|| "L".to_owned()),
                large_on_postgres: true,
            }
        }
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = match Cli::parse().command {
        Run::All(args) => args,
        Run::Probe(probe) => return run_probe(probe).await,
        Run::Large(large) => return run_large(large).await,
        Run::Team(team) => return run_team(team).await,
    };
    let plan = Plan::new(&args);
    let scratch = std::env::temp_dir().join(format!("eventmgr-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let result = run(&args, &plan, &scratch).await;
    std::fs::remove_dir_all(&scratch).ok();
    let report = result?;
    std::fs::create_dir_all(&args.out)?;
    std::fs::write(
        args.out.join("report.json"),
        serde_json::to_vec_pretty(&report)?,
    )?;
    let markdown = report.markdown();
    std::fs::write(args.out.join("report.md"), &markdown)?;
    println!("{markdown}");
    println!("report: {}", args.out.join("report.md").display());
    let failed: usize = report
        .databases
        .iter()
        .flat_map(|db| {
            [
                &db.floors.healthz,
                &db.floors.axum_sqlx,
                &db.project_get,
                &db.realistic,
            ]
            .into_iter()
            .chain(&db.saturation)
        })
        .map(|p| p.figures.errors + p.figures.logins.errors)
        .sum();
    if args.fail_on_errors && failed > 0 {
        bail!("{failed} requests failed (see the report's error lines)");
    }
    Ok(())
}

async fn run_probe(probe: ProbeArgs) -> anyhow::Result<()> {
    let url = reqwest::Url::parse(&probe.url)?;
    let host = format!(
        "{}://{}",
        url.scheme(),
        url.host_str().unwrap_or("127.0.0.1")
    ) + &url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = &probe.url[host.len()..];
    let shape = Shape {
        users: probe.connections,
        hatch_per_second: probe.connections,
        seconds: probe.seconds,
        think: None,
    };
    let f = load::probe::run(&host, path, path, probe.token, &shape, "probe").await?;
    let all = if f.reads.count > 0 {
        &f.reads
    } else {
        &f.writes
    };
    println!(
        "{path}: {:.0} requests/s, p50 {} ms, p95 {} ms, p99 {} ms, {} errors",
        f.per_second, all.ms.p50, all.ms.p95, all.ms.p99, f.errors
    );
    Ok(())
}

async fn run_team(args: TeamArgs) -> anyhow::Result<()> {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(args.data_dir.join("bench-data.json"))?)
            .context("reading the manifest bench-data wrote")?;
    let mut staff: Vec<Login> = serde_json::from_value(manifest["staff"].clone())?;
    staff.retain(|l| l.role == "project_manager" || l.role == "member");
    let think = match args.think.as_deref() {
        None => None,
        Some(range) => {
            let (a, b) = range
                .split_once('-')
                .context("--think takes a range of seconds such as 1-3")?;
            Some((
                Duration::from_secs_f64(a.trim().parse()?),
                Duration::from_secs_f64(b.trim().parse()?),
            ))
        }
    };
    let shape = Shape {
        users: args.users,
        hatch_per_second: args.hatch.unwrap_or(args.users.min(100)).max(1),
        seconds: args.seconds,
        think,
    };
    let team = load::team::run(
        args.base.trim_end_matches('/'),
        Arc::new(staff),
        &shape,
        "team",
    );
    let phase = match args.server_pid {
        Some(pid) => watched(pid, team).await?,
        None => {
            let me = std::process::id();
            let client_cpu = process::cpu_seconds(me);
            let started = Instant::now();
            let figures = team.await?;
            Phase {
                figures,
                server: Default::default(),
                client_cpu_cores: (process::cpu_seconds(me) - client_cpu)
                    / started.elapsed().as_secs_f64(),
            }
        }
    };
    let mut md = String::new();
    report::phase_markdown(&mut md, "Team", &phase);
    println!("{md}");
    Ok(())
}

async fn run_large(args: LargeArgs) -> anyhow::Result<()> {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(args.data_dir.join("bench-data.json"))?)
            .context("reading the manifest bench-data wrote")?;
    let shape = Shape {
        users: 1,
        hatch_per_second: 1,
        seconds: args.seconds,
        think: None,
    };
    let name = if args.database_url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let measured = large::measure(
        &manifest,
        name,
        &args.data_dir,
        args.database_url.as_deref(),
        &shape,
    )
    .await?;
    let mut report = Report {
        machine: Machine::this(),
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
        .to_owned(),
        date: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        command: format!(
            "bench large --data-dir {}{}",
            args.data_dir.display(),
            if args.database_url.is_some() {
                " --database-url …"
            } else {
                ""
            }
        ),
        large: vec![measured],
        ..Report::default()
    };
    report.judge();
    let markdown = report.markdown();
    println!("{markdown}");
    Ok(())
}

async fn run(args: &Args, plan: &Plan, scratch: &Path) -> anyhow::Result<Report> {
    let build = if std::env::current_exe()?
        .parent()
        .is_some_and(|dir| dir.ends_with("release"))
    {
        "release"
    } else {
        "debug"
    };
    let mut report = Report {
        machine: Machine::this(),
        build: build.to_owned(),
        quick: args.quick,
        date: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        command: if args.quick {
            "bench/run.sh --quick".to_owned()
        } else {
            "bench/run.sh".to_owned()
        },
        ..Report::default()
    };
    eprintln!("==> SQLite, data size {}", plan.size);
    let dir = scratch.join("sqlite");
    report
        .databases
        .push(database(plan, "SQLite", &dir, None, scratch).await?);
    if !args.sqlite_only {
        eprintln!("==> PostgreSQL, data size {}", plan.size);
        let db = postgres::Scratch::create(&args.postgres_url).await?;
        let dir = scratch.join("postgres");
        let result = database(plan, "PostgreSQL", &dir, Some(&db.url), scratch).await;
        db.drop_now().await?;
        report.databases.push(result?);
    }
    eprintln!("==> files, {} MiB", plan.file_mib);
    let dir = scratch.join("files");
    std::fs::create_dir_all(&dir)?;
    report.files = Some(transfer::run(&dir, plan.file_mib).await?);
    if let Some(size) = &plan.large {
        eprintln!("==> SQLite, data size {size}, each read alone");
        let dir = scratch.join("large-sqlite");
        let sqlite = large::run(size, "SQLite", &dir, None, &plan.service).await;
        std::fs::remove_dir_all(&dir).ok();
        report.large.push(sqlite?);
        if !args.sqlite_only && plan.large_on_postgres {
            eprintln!("==> PostgreSQL, data size {size}, each read alone");
            let db = postgres::Scratch::create(&args.postgres_url).await?;
            let dir = scratch.join("large-postgres");
            let result = large::run(size, "PostgreSQL", &dir, Some(&db.url), &plan.service).await;
            db.drop_now().await?;
            report.large.push(result?);
        }
    }
    report.judge();
    Ok(report)
}

/// Generates the data with `bench-data` and returns the manifest it wrote.
fn generate(size: &str, dir: &Path, database_url: Option<&str>) -> anyhow::Result<(Value, f64)> {
    let started = Instant::now();
    let mut command = Command::new(sibling_binary("bench-data")?);
    command
        .args(["--size", size, "--data-dir"])
        .arg(dir)
        .stdout(Stdio::null());
    if let Some(url) = database_url {
        command.args(["--database-url", url]);
    }
    if !command.status().context("running bench-data")?.success() {
        bail!("bench-data failed");
    }
    let manifest: Value = serde_json::from_slice(&std::fs::read(dir.join("bench-data.json"))?)?;
    Ok((manifest, started.elapsed().as_secs_f64()))
}

/// Runs `phase` while watching the server (and this process, the load generator).
async fn watched<F>(server_pid: u32, phase: F) -> anyhow::Result<Phase>
where
    F: std::future::Future<Output = anyhow::Result<load::RunFigures>>,
{
    let watch = Watch::start(server_pid);
    let me = std::process::id();
    let client_cpu = process::cpu_seconds(me);
    let started = Instant::now();
    let figures = phase.await?;
    let client_cpu_cores =
        (process::cpu_seconds(me) - client_cpu) / started.elapsed().as_secs_f64();
    let server = watch.stop();
    eprintln!(
        "    {}: {:.0} req/s, read p95 {} ms, write p95 {} ms, {} errors, server CPU {:.2}, RSS {:.1} MiB",
        figures.label,
        figures.per_second,
        figures.reads.ms.p95,
        figures.writes.ms.p95,
        figures.errors,
        server.cpu_cores,
        server.peak_rss_mib
    );
    Ok(Phase {
        figures,
        server,
        client_cpu_cores,
    })
}

async fn first_project(base: &str, token: &str) -> anyhow::Result<String> {
    let list: Value = reqwest::Client::new()
        .get(format!("{base}/api/v1/projects?limit=1"))
        .bearer_auth(token)
        .send()
        .await?
        .json()
        .await?;
    Ok(list["items"][0]["id"]
        .as_str()
        .context("the user has a project")?
        .to_owned())
}

/// Starts `bench-floor` on the same database, with the pool size the server uses there (its
/// default: 10 connections, at most 8 on SQLite), and returns it with its base URL.
fn start_floor(database_url: &str) -> anyhow::Result<(Process, String)> {
    use std::io::BufRead;
    let connections = if database_url.starts_with("postgres") {
        "10"
    } else {
        "8"
    };
    let mut child = Command::new(sibling_binary("bench-floor")?)
        .args(["--database-url", database_url, "--connections", connections])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("starting bench-floor")?;
    let stdout = child.stdout.take().context("floor stdout")?;
    let process = Process { child };
    let mut line = String::new();
    std::io::BufReader::new(stdout).read_line(&mut line)?;
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .with_context(|| format!("bench-floor said {line:?}"))?
        .to_owned();
    Ok((process, base))
}

async fn database(
    plan: &Plan,
    name: &str,
    dir: &Path,
    database_url: Option<&str>,
    scratch: &Path,
) -> anyhow::Result<DatabaseReport> {
    std::fs::create_dir_all(dir)?;
    eprintln!("    generating size {} …", plan.size);
    let (manifest, generate_seconds) = generate(&plan.size, dir, database_url)?;
    let mut staff: Vec<Login> = serde_json::from_value(manifest["staff"].clone())?;
    // The team: people who edit (viewers would only be refused their writes).
    staff.retain(|l| l.role == "project_manager" || l.role == "member");
    let staff = Arc::new(staff);

    let server = Server::start(dir, database_url).await?;
    let cold_start_ms = server.cold_start.as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle_rss_mib = process::rss_kib(server.pid(), "VmRSS:") as f64 / 1024.0;
    eprintln!("    cold start {cold_start_ms:.0} ms, idle RSS {idle_rss_mib:.1} MiB");
    let pid = server.pid();
    let base = server.base.clone();

    let someone = staff.first().context("the data has staff")?;
    let token = eventmgr_bench::login(
        &reqwest::Client::new(),
        &base,
        &someone.email,
        &someone.password,
    )
    .await?;
    let project = first_project(&base, &token).await?;

    let healthz = watched(
        pid,
        load::probe::run(&base, "/healthz", "/healthz", None, &plan.probe, "healthz"),
    )
    .await?;
    let project_path = format!("/api/v1/projects/{project}");
    let project_get = watched(
        pid,
        load::probe::run(
            &base,
            &project_path,
            "/projects/{id}",
            Some(token.clone()),
            &plan.probe,
            "GET /projects/{id}",
        ),
    )
    .await?;
    let service_times = service_times(&base, &project, &token, pid, &plan.service).await?;
    let sqlite_url = format!("sqlite://{}", dir.join("eventmgr.db").display());
    let floor_url = database_url.unwrap_or(&sqlite_url);
    let (floor, floor_base) = start_floor(floor_url)?;
    let axum_sqlx = watched(
        floor.pid(),
        load::probe::run(
            &floor_base,
            &format!("/projects/{project}"),
            "/projects/{id} (floor)",
            None,
            &plan.probe,
            "axum + sqlx floor",
        ),
    )
    .await?;
    drop(floor);
    let pgbench_tps = match database_url {
        Some(url) => {
            let tps =
                postgres::pgbench(url, &project, plan.probe.users, plan.probe.seconds, scratch)?;
            eprintln!("    pgbench: {tps:.0} selects/s");
            Some(tps)
        }
        None => None,
    };

    let realistic = watched(
        pid,
        load::team::run(&base, staff.clone(), &plan.realistic, "realistic"),
    )
    .await?;
    let mut saturation = Vec::new();
    for shape in &plan.saturation {
        let label = format!("saturation {}", shape.users);
        saturation.push(watched(pid, load::team::run(&base, staff.clone(), shape, &label)).await?);
    }
    drop(server);
    Ok(DatabaseReport {
        database: name.to_owned(),
        size: plan.size.clone(),
        generate_seconds,
        cold_start_ms,
        idle_rss_mib,
        floors: Floors {
            healthz,
            axum_sqlx,
            pgbench_tps,
        },
        project_get,
        service_times,
        realistic,
        saturation,
    })
}

/// Each read of the team's mix alone, on one connection: its time is its cost, which is
/// what explains a mix's throughput (the writes are measured inside the mix).
async fn service_times(
    base: &str,
    project: &str,
    token: &str,
    pid: u32,
    shape: &Shape,
) -> anyhow::Result<Vec<Phase>> {
    let p = format!("/api/v1/projects/{project}");
    let endpoints = [
        ("/api/v1/dashboard".to_owned(), "GET /dashboard"),
        (p.clone(), "GET /projects/{id}"),
        (format!("{p}/summary"), "GET /projects/{id}/summary"),
        (
            format!("{p}/bom-items?view=tree"),
            "GET /projects/{id}/bom-items?view=tree",
        ),
        (
            format!("{p}/tasks?limit=50"),
            "GET /projects/{id}/tasks?limit=50",
        ),
        (format!("{p}/boards"), "GET /projects/{id}/boards"),
        ("/api/v1/search?q=kabel".to_owned(), "GET /search?q=kabel"),
        (
            "/api/v1/search?q=moving%20head".to_owned(),
            "GET /search?q=moving head",
        ),
    ];
    let mut phases = Vec::new();
    for (path, name) in endpoints {
        phases.push(
            watched(
                pid,
                load::probe::run(base, &path, name, Some(token.to_owned()), shape, name),
            )
            .await?,
        );
    }
    Ok(phases)
}
