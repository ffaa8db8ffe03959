//! The large-data phase: a company of size L (1,000 projects, 1,000,000 BOM lines, 200,000
//! tasks) and every read the benchmark issue names at that size — the list endpoints, the BOM
//! tree of a project, its summary and search — each alone on one connection, so that its time
//! is its own cost (the goal: p95 ≤ 50 ms). Read as the administrator, who sees all 1,000
//! projects (the worst case for the cross-project lists, the dashboard and search), and as a
//! crew member, who sees a few of them (the usual case).
//!
//! The tree is read twice: as kept rendered (unchanged since the last read), and right after a
//! change to one of its lines, when the server builds it again.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use eventmgr_bench::data::Login;
use eventmgr_bench::load::{self, Shape};
use eventmgr_bench::process::Server;
use serde::Serialize;
use serde_json::Value;

use super::report::Phase;
use super::{generate, watched};

/// Tree reads right after a change to one of its lines.
const TREE_AFTER_CHANGE_RUNS: usize = 20;

/// What the phase measured on one database.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LargeReport {
    pub database: String,
    pub size: String,
    pub generate_seconds: f64,
    pub cold_start_ms: f64,
    /// BOM lines of the project whose reads were measured.
    pub project_bom_lines: u64,
    pub reads: Vec<Phase>,
    /// The tree read right after a change to one of its lines, in milliseconds (sorted).
    pub tree_after_change_ms: Vec<f64>,
}

impl LargeReport {
    /// The `q`-quantile (0..=1) of the tree reads after a change.
    pub fn tree_after_change(&self, q: f64) -> f64 {
        let all = &self.tree_after_change_ms;
        if all.is_empty() {
            return 0.0;
        }
        let index = ((all.len() as f64 - 1.0) * q).round() as usize;
        all[index.min(all.len() - 1)]
    }
}

/// Generates `size` into `dir` (and `database_url`), starts the server on it and measures.
pub async fn run(
    size: &str,
    name: &str,
    dir: &Path,
    database_url: Option<&str>,
    shape: &Shape,
) -> anyhow::Result<LargeReport> {
    std::fs::create_dir_all(dir)?;
    eprintln!("    generating size {size} …");
    let (manifest, generate_seconds) = generate(size, dir, database_url)?;
    eprintln!("    generated in {generate_seconds:.0} s");
    let mut report = measure(&manifest, name, dir, database_url, shape).await?;
    report.generate_seconds = generate_seconds;
    Ok(report)
}

/// Measures the data that `bench-data` generated into `dir` (and `database_url`), whose
/// manifest is `manifest` (`bench large` runs this on data generated before).
pub async fn measure(
    manifest: &Value,
    name: &str,
    dir: &Path,
    database_url: Option<&str>,
    shape: &Shape,
) -> anyhow::Result<LargeReport> {
    let size = manifest["size"].as_str().unwrap_or("?").to_owned();
    let admin: Login = serde_json::from_value(manifest["admin"].clone())?;
    let staff: Vec<Login> = serde_json::from_value(manifest["staff"].clone())?;
    let member = staff
        .iter()
        .find(|l| l.role == "member")
        .context("the data has a crew member")?;

    let server = Server::start(dir, database_url).await?;
    let cold_start_ms = server.cold_start.as_secs_f64() * 1000.0;
    eprintln!("    cold start {cold_start_ms:.0} ms");
    let (base, pid) = (server.base.clone(), server.pid());
    let client = reqwest::Client::new();
    let admin_token = eventmgr_bench::login(&client, &base, &admin.email, &admin.password).await?;
    let member_token =
        eventmgr_bench::login(&client, &base, &member.email, &member.password).await?;
    let largest = largest_project(&client, &base, &admin_token).await?;
    let (project, project_bom_lines) = (&largest.id, largest.lines);

    let p = format!("/api/v1/projects/{project}");
    let as_admin = [
        ("/api/v1/projects?limit=50".to_owned(), "GET /projects"),
        (
            "/api/v1/projects?limit=50&sort=-start_date".to_owned(),
            "GET /projects?sort=-start_date",
        ),
        (
            "/api/v1/tasks?limit=50".to_owned(),
            "GET /tasks (all projects)",
        ),
        ("/api/v1/audit-log?limit=50".to_owned(), "GET /audit-log"),
        ("/api/v1/users?limit=50".to_owned(), "GET /users"),
        ("/api/v1/clients?limit=50".to_owned(), "GET /clients"),
        ("/api/v1/dashboard".to_owned(), "GET /dashboard"),
        (p.clone(), "GET /projects/{id}"),
        (format!("{p}/summary"), "GET /projects/{id}/summary"),
        (
            format!("{p}/bom-items?limit=50"),
            "GET /projects/{id}/bom-items",
        ),
        (
            format!("{p}/bom-items?view=tree"),
            "GET /projects/{id}/bom-items?view=tree",
        ),
        (format!("{p}/tasks?limit=50"), "GET /projects/{id}/tasks"),
        (
            format!("{p}/permits?limit=50"),
            "GET /projects/{id}/permits",
        ),
        (
            format!("{p}/logistics?limit=50"),
            "GET /projects/{id}/logistics",
        ),
        (format!("{p}/boards"), "GET /projects/{id}/boards"),
        ("/api/v1/search?q=kabel".to_owned(), "GET /search?q=kabel"),
        ("/api/v1/search?q=b%C3%BCh".to_owned(), "GET /search?q=büh"),
        (
            "/api/v1/search?q=moving%20head".to_owned(),
            "GET /search?q=moving head",
        ),
        // Two words 80,000 documents each have, never together: the case in which reading
        // the table until the sample is full would read all of it (bench/README, "Size L").
        (
            "/api/v1/search?q=kabel%20moving".to_owned(),
            "GET /search?q=kabel moving",
        ),
    ];
    let as_member = [
        ("/api/v1/projects?limit=50".to_owned(), "GET /projects"),
        (
            "/api/v1/tasks?limit=50".to_owned(),
            "GET /tasks (all projects)",
        ),
        ("/api/v1/dashboard".to_owned(), "GET /dashboard"),
        ("/api/v1/search?q=kabel".to_owned(), "GET /search?q=kabel"),
    ];
    let mut reads = Vec::new();
    for (who, token, endpoints) in [
        ("admin", &admin_token, &as_admin[..]),
        ("member", &member_token, &as_member[..]),
    ] {
        for (path, request) in endpoints {
            let label = format!("{request} ({who})");
            let phase = watched(
                pid,
                load::probe::run(&base, path, request, Some(token.clone()), shape, &label),
            )
            .await?;
            if phase.figures.errors > 0 {
                bail!("{label} failed: {:?}", phase.figures.error_samples);
            }
            reads.push(phase);
        }
    }
    let tree_after_change_ms =
        tree_after_change(&client, &base, &admin_token, project, &largest.first_line).await?;
    drop(server);
    Ok(LargeReport {
        database: name.to_owned(),
        size,
        generate_seconds: 0.0,
        cold_start_ms,
        project_bom_lines,
        reads,
        tree_after_change_ms,
    })
}

/// A GET answered with success and JSON.
async fn get_json(client: &reqwest::Client, url: String, token: &str) -> anyhow::Result<Value> {
    let answer = client.get(&url).bearer_auth(token).send().await?;
    let answer = answer
        .error_for_status()
        .with_context(|| format!("GET {url}"))?;
    Ok(answer.json().await?)
}

/// The project with the most BOM lines among the first page (all generated projects of a size
/// have the same number of lines; the demo's festival has the most), how many it has, and
/// its first line.
async fn largest_project(
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> anyhow::Result<Largest> {
    let list = get_json(client, format!("{base}/api/v1/projects?limit=20"), token).await?;
    let mut best: Option<Largest> = None;
    for project in list["items"].as_array().context("a project list")? {
        let id = project["id"].as_str().context("a project id")?.to_owned();
        let page = get_json(
            client,
            format!("{base}/api/v1/projects/{id}/bom-items?limit=1"),
            token,
        )
        .await?;
        let lines = page["total"].as_u64().context("a BOM total")?;
        if best.as_ref().is_none_or(|b| lines > b.lines)
            && let Some(line) = page["items"][0]["id"].as_str()
        {
            best = Some(Largest {
                id,
                lines,
                first_line: line.to_owned(),
            });
        }
    }
    best.context("the data has a project with BOM lines")
}

/// The project whose reads are measured.
struct Largest {
    id: String,
    lines: u64,
    first_line: String,
}

/// Changes `line`'s notes, then reads the whole tree (gzip, as browsers ask), again and
/// again: each read finds the rendered tree stale and builds it anew.
async fn tree_after_change(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    project: &str,
    line: &str,
) -> anyhow::Result<Vec<f64>> {
    let mut times = Vec::with_capacity(TREE_AFTER_CHANGE_RUNS);
    for run in 0..TREE_AFTER_CHANGE_RUNS {
        let changed = client
            .patch(format!("{base}/api/v1/bom-items/{line}"))
            .bearer_auth(token)
            .json(&serde_json::json!({"notes": format!("bench change {run}")}))
            .send()
            .await?;
        if !changed.status().is_success() {
            bail!("changing a BOM line answered {}", changed.status());
        }
        let started = Instant::now();
        let tree = client
            .get(format!(
                "{base}/api/v1/projects/{project}/bom-items?view=tree"
            ))
            .bearer_auth(token)
            .header("Accept-Encoding", "gzip")
            .send()
            .await?;
        let status = tree.status();
        tree.bytes().await?;
        if status.as_u16() != 200 {
            bail!("the tree answered {status}");
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        // Let the write's after-effects (search index, live events) settle apart from the read.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    times.sort_by(f64::total_cmp);
    Ok(times)
}
