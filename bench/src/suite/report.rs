//! The suite's report: everything measured, the goals of the benchmark issue with whether
//! each is met, and the specification's targets with our factor over them; as JSON (the
//! whole record) and Markdown (for people and the README).

use std::fmt::Write as _;

use eventmgr_bench::load::RunFigures;
use eventmgr_bench::load::figures::RequestFigures;
use eventmgr_bench::process::Usage;
use eventmgr_bench::transfer::TransferFigures;
use serde::Serialize;

use super::large::LargeReport;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub kernel: String,
}

impl Machine {
    pub fn this() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let field = |text: &str, name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_owned())
                .unwrap_or_default()
        };
        let mem_kib: f64 = field(&meminfo, "MemTotal")
            .trim_end_matches("kB")
            .trim()
            .parse()
            .unwrap_or(0.0);
        Machine {
            cpu: field(&cpuinfo, "model name"),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory_gib: mem_kib / 1024.0 / 1024.0,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim()
                .to_owned(),
        }
    }
}

/// A load phase and what the server used during it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Phase {
    pub figures: RunFigures,
    pub server: Usage,
    /// CPU of the load generator itself (it shares the machine with the server).
    pub client_cpu_cores: f64,
}

/// The limits measured in the same run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Floors {
    /// `GET /healthz` of our own server: the HTTP floor.
    pub healthz: Phase,
    /// The minimal axum + sqlx endpoint doing the same primary-key select.
    pub axum_sqlx: Phase,
    /// `pgbench` running that select (PostgreSQL only): selects per second.
    pub pgbench_tps: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DatabaseReport {
    pub database: String,
    pub size: String,
    pub generate_seconds: f64,
    pub cold_start_ms: f64,
    pub idle_rss_mib: f64,
    pub floors: Floors,
    pub project_get: Phase,
    /// The team's reads one at a time, on one connection (see `service_times`).
    pub service_times: Vec<Phase>,
    pub realistic: Phase,
    pub saturation: Vec<Phase>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub scope: String,
    pub goal: String,
    pub measured: String,
    pub met: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub machine: Machine,
    pub build: String,
    pub quick: bool,
    pub date: String,
    pub command: String,
    pub databases: Vec<DatabaseReport>,
    pub files: Option<TransferFigures>,
    /// Each read alone on size L data (see `large`).
    pub large: Vec<LargeReport>,
    pub goals: Vec<Goal>,
}

fn goal(scope: &str, goal: &str, measured: String, met: bool) -> Goal {
    Goal {
        scope: scope.to_owned(),
        goal: goal.to_owned(),
        measured,
        met,
    }
}

impl Report {
    /// Fills `goals` from the figures: the benchmark issue's goals and the specification's
    /// targets (API p95 < 200 ms, 10,000 requests per minute, 1,000 concurrent users).
    pub fn judge(&mut self) {
        let mut goals = Vec::new();
        for db in &self.databases {
            let scope = db.database.as_str();
            let r = &db.realistic.figures;
            goals.push(goal(
                scope,
                &format!("realistic ({} users): read p95 ≤ 20 ms", r.users),
                format!("{} ms", r.reads.ms.p95),
                r.reads.ms.p95 <= 20 && r.reads.count > 0,
            ));
            goals.push(goal(
                scope,
                &format!("realistic ({} users): write p95 ≤ 40 ms", r.users),
                format!("{} ms", r.writes.ms.p95),
                r.writes.ms.p95 <= 40 && r.writes.count > 0,
            ));
            goals.push(goal(
                scope,
                "realistic: 0 errors",
                format!(
                    "{} of {}",
                    r.errors + r.logins.errors,
                    r.requests + r.logins.count
                ),
                r.errors + r.logins.errors == 0,
            ));
            for s in &db.saturation {
                goals.push(goal(
                    scope,
                    &format!(
                        "saturation, {} connections: ≥ 5,000 requests/s",
                        s.figures.users
                    ),
                    format!(
                        "{:.0}/s ({} errors)",
                        s.figures.per_second, s.figures.errors
                    ),
                    s.figures.per_second >= 5000.0 && s.figures.errors == 0,
                ));
            }
            let floor = db.floors.axum_sqlx.figures.per_second;
            let ours = db.project_get.figures.per_second;
            goals.push(goal(
                scope,
                "GET /projects/{id} ≥ 60 % of the axum + sqlx floor",
                format!(
                    "{ours:.0}/s vs {floor:.0}/s = {:.0} %",
                    ratio(ours, floor) * 100.0
                ),
                ratio(ours, floor) >= 0.6,
            ));
            goals.push(goal(
                scope,
                "idle RSS ≤ 40 MiB",
                format!("{:.1} MiB", db.idle_rss_mib),
                db.idle_rss_mib <= 40.0,
            ));
            goals.push(goal(
                scope,
                &format!("RSS under the {}-user load ≤ 200 MiB", r.users),
                format!("{:.1} MiB", db.realistic.server.peak_rss_mib),
                db.realistic.server.peak_rss_mib <= 200.0,
            ));
            goals.push(goal(
                scope,
                "cold start to /readyz ≤ 0.5 s",
                format!("{:.0} ms", db.cold_start_ms),
                db.cold_start_ms <= 500.0,
            ));
            // The specification's targets, and our factor over them.
            let p95 = r.reads.ms.p95.max(r.writes.ms.p95).max(1);
            goals.push(goal(
                scope,
                "specification: API p95 < 200 ms",
                format!("{p95} ms ({:.0}× better)", 200.0 / p95 as f64),
                p95 < 200,
            ));
            let best = db
                .saturation
                .iter()
                .map(|s| s.figures.per_second)
                .fold(0.0, f64::max);
            goals.push(goal(
                scope,
                "specification: 10,000+ requests per minute",
                format!("{:.0}/min ({:.0}×)", best * 60.0, best * 60.0 / 10_000.0),
                best * 60.0 >= 10_000.0,
            ));
        }
        if let Some(f) = &self.files {
            let size = if f.size_mib >= 1024 {
                format!("{} GiB", f.size_mib / 1024)
            } else {
                format!("{} MiB", f.size_mib)
            };
            goals.push(goal(
                "files",
                &format!("{size} upload ≥ 70 % of dd"),
                format!(
                    "{:.0} % ({:.0} vs {:.0} MiB/s)",
                    f.upload_mib_s / f.dd_mib_s * 100.0,
                    f.upload_mib_s,
                    f.dd_mib_s
                ),
                f.upload_mib_s >= 0.7 * f.dd_mib_s,
            ));
            goals.push(goal(
                "files",
                &format!("{size} download ≥ 70 % of dd"),
                format!(
                    "{:.0} % ({:.0} MiB/s)",
                    f.download_mib_s / f.dd_mib_s * 100.0,
                    f.download_mib_s
                ),
                f.download_mib_s >= 0.7 * f.dd_mib_s,
            ));
            goals.push(goal(
                "files",
                "server RSS during the transfers ≤ 100 MiB",
                format!("{:.1} MiB", f.peak_rss_mib),
                f.peak_rss_mib <= 100.0,
            ));
        }
        for l in &self.large {
            let scope = format!("{}, size {}", l.database, l.size);
            let worst = l
                .reads
                .iter()
                .max_by_key(|p| p.figures.reads.ms.p95)
                .map(|p| (p.figures.label.as_str(), p.figures.reads.ms.p95));
            let over = l
                .reads
                .iter()
                .filter(|p| p.figures.reads.ms.p95 > 50)
                .count();
            goals.push(goal(
                &scope,
                "lists, project, summary, BOM tree, dashboard and search alone: p95 ≤ 50 ms",
                match worst {
                    Some((label, p95)) => format!(
                        "{over} of {} over; slowest: {label} {p95} ms",
                        l.reads.len()
                    ),
                    None => "not measured".to_owned(),
                },
                worst.is_some() && over == 0,
            ));
            let p95 = l.tree_after_change(0.95);
            goals.push(goal(
                &scope,
                &format!(
                    "BOM tree ({} lines) right after a change: p95 ≤ 50 ms",
                    l.project_bom_lines
                ),
                format!("{p95:.0} ms"),
                !l.tree_after_change_ms.is_empty() && p95 <= 50.0,
            ));
        }
        self.goals = goals;
    }

    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let m = &self.machine;
        let _ = writeln!(md, "# Benchmark report\n");
        let _ = writeln!(
            md,
            "{} · {} build{} · {} ({} cores, {:.0} GiB, Linux {})\n",
            self.date,
            self.build,
            if self.quick {
                " · **quick mode: shortened runs, not figures to quote**"
            } else {
                ""
            },
            m.cpu,
            m.cores,
            m.memory_gib,
            m.kernel
        );
        let _ = writeln!(md, "Reproduce: `{}`\n", self.command);
        let _ = writeln!(
            md,
            "## Goals\n\n| scope | goal | measured | met |\n|---|---|---|---|"
        );
        for g in &self.goals {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                g.scope,
                g.goal,
                g.measured,
                if g.met { "yes" } else { "**no**" }
            );
        }
        for db in &self.databases {
            let _ = writeln!(
                md,
                "\n## {} (data size {}, generated in {:.0} s)\n",
                db.database, db.size, db.generate_seconds
            );
            let _ = writeln!(
                md,
                "Cold start to `/readyz` on the existing database: {:.0} ms · idle RSS {:.1} MiB\n",
                db.cold_start_ms, db.idle_rss_mib
            );
            let _ = writeln!(
                md,
                "### Floors and the endpoint compared with them (closed loop)\n"
            );
            let _ = writeln!(
                md,
                "| what | connections | requests/s | p50 | p95 | p99 | errors | server CPU (cores) |\n|---|---|---|---|---|---|---|---|"
            );
            for (name, p) in [
                ("`GET /healthz` (HTTP floor)", &db.floors.healthz),
                (
                    "minimal axum + sqlx primary-key select",
                    &db.floors.axum_sqlx,
                ),
                ("our `GET /projects/{id}`", &db.project_get),
            ] {
                let f = &p.figures;
                let all = if f.reads.count > 0 {
                    &f.reads
                } else {
                    &f.writes
                };
                let _ = writeln!(
                    md,
                    "| {name} | {} | {:.0} | {} ms | {} ms | {} ms | {} | {:.2} |",
                    f.users,
                    f.per_second,
                    all.ms.p50,
                    all.ms.p95,
                    all.ms.p99,
                    f.errors,
                    p.server.cpu_cores
                );
            }
            if let Some(tps) = db.floors.pgbench_tps {
                let _ = writeln!(
                    md,
                    "| `pgbench` of the same select (database floor) | {} | {tps:.0} | | | | | |",
                    db.floors.healthz.figures.users
                );
            }
            let ours = db.project_get.figures.per_second;
            let _ = writeln!(
                md,
                "\nRatios: `GET /projects/{{id}}` = {:.0} % of the axum + sqlx floor, {:.0} % of `/healthz`{}.\n",
                ratio(ours, db.floors.axum_sqlx.figures.per_second) * 100.0,
                ratio(ours, db.floors.healthz.figures.per_second) * 100.0,
                db.floors
                    .pgbench_tps
                    .map(|t| format!(", {:.0} % of pgbench", ratio(ours, t) * 100.0))
                    .unwrap_or_default()
            );
            service_markdown(&mut md, &db.service_times);
            phase_markdown(&mut md, "Realistic", &db.realistic);
            for s in &db.saturation {
                phase_markdown(&mut md, "Saturation", s);
            }
        }
        if let Some(f) = &self.files {
            let _ = writeln!(
                md,
                "\n## Files ({} MiB through the server, SQLite + local folder)\n\n| | MiB/s | of dd |\n|---|---|---|\n| `dd conv=fsync`, same disk | {:.0} | |\n| upload | {:.0} | {:.0} % |\n| download | {:.0} | {:.0} % |\n\nServer RSS: idle {:.1} MiB, peak during the upload {:.1} MiB, peak overall {:.1} MiB.",
                f.size_mib,
                f.dd_mib_s,
                f.upload_mib_s,
                f.upload_mib_s / f.dd_mib_s * 100.0,
                f.download_mib_s,
                f.download_mib_s / f.dd_mib_s * 100.0,
                f.idle_rss_mib,
                f.upload_peak_rss_mib,
                f.peak_rss_mib
            );
        }
        for l in &self.large {
            large_markdown(&mut md, l);
        }
        md
    }
}

/// The large-data phase of one database.
fn large_markdown(md: &mut String, l: &LargeReport) {
    let _ = writeln!(
        md,
        "\n## {} at data size {}: each read alone (one connection)\n\n{} · cold start to `/readyz` {:.0} ms · the project read has {} BOM lines. The administrator sees every project (the worst case for lists, dashboard and search); the member sees a few.\n\n| request | requests/s | p50 | p95 | p99 | server CPU per request | p95 ≤ 50 ms |\n|---|---|---|---|---|---|---|",
        l.database,
        l.size,
        if l.generate_seconds > 0.0 {
            format!("Generated in {:.0} s", l.generate_seconds)
        } else {
            "Generated before by `bench-data`".to_owned()
        },
        l.cold_start_ms,
        l.project_bom_lines
    );
    for p in &l.reads {
        let f = &p.figures;
        let _ = writeln!(
            md,
            "| {} | {:.0} | {} ms | {} ms | {} ms | ≈ {:.1} ms | {} |",
            f.label,
            f.per_second,
            f.reads.ms.p50,
            f.reads.ms.p95,
            f.reads.ms.p99,
            ratio(p.server.cpu_cores * 1000.0, f.per_second),
            if f.reads.ms.p95 <= 50 {
                "yes"
            } else {
                "**no**"
            }
        );
    }
    let _ = writeln!(
        md,
        "\nThe BOM tree right after a change to one of its lines (built anew; {} reads, gzip): median {:.1} ms, p95 {:.1} ms, max {:.1} ms.",
        l.tree_after_change_ms.len(),
        l.tree_after_change(0.5),
        l.tree_after_change(0.95),
        l.tree_after_change(1.0)
    );
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// One connection, one request at a time: the time of a request is its cost, and the
/// server's CPU per request says how much of it was CPU rather than waiting.
fn service_markdown(md: &mut String, phases: &[Phase]) {
    if phases.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "### What each read costs alone (one connection, as a member of a few projects)\n\nServer CPU is our process only: on PostgreSQL the database's own work is in the time, not in that column.\n\n| request | requests/s | p50 | p95 | server CPU per request |\n|---|---|---|---|---|"
    );
    for p in phases {
        let f = &p.figures;
        let cpu_ms = ratio(p.server.cpu_cores * 1000.0, f.per_second);
        let _ = writeln!(
            md,
            "| {} | {:.0} | {} ms | {} ms | ≈ {:.1} ms |",
            f.label, f.per_second, f.reads.ms.p50, f.reads.ms.p95, cpu_ms
        );
    }
}

fn request_row(md: &mut String, f: &RequestFigures) {
    let _ = writeln!(
        md,
        "| {} | {} | {:.1} | {} ms | {} ms | {} ms | {} ms | {} | {} |",
        f.name,
        f.count,
        f.per_second,
        f.ms.p50,
        f.ms.p95,
        f.ms.p99,
        f.ms.max,
        f.errors,
        f.conflicts
    );
}

pub fn phase_markdown(md: &mut String, kind: &str, p: &Phase) {
    let f = &p.figures;
    let think = f
        .think
        .map(|(a, b)| format!("{a:.0}–{b:.0} s think time"))
        .unwrap_or_else(|| "closed loop, no think time".to_owned());
    let _ = writeln!(
        md,
        "\n### {kind}: {} users, {think}, {:.0} s measured\n\n{:.0} requests/s, {} requests ({:.0} % writes), {} errors, {} conflicts (a write refused because someone else changed the record first: 409/412) · server CPU {:.2} cores, peak RSS {:.1} MiB · load generator CPU {:.2} cores\n",
        f.users,
        f.seconds,
        f.per_second,
        f.requests,
        f.write_share * 100.0,
        f.errors,
        f.conflicts,
        p.server.cpu_cores,
        p.server.peak_rss_mib,
        p.client_cpu_cores
    );
    let _ = writeln!(
        md,
        "| request | count | per s | p50 | p95 | p99 | max | errors | conflicts |\n|---|---|---|---|---|---|---|---|---|"
    );
    request_row(md, &f.reads);
    request_row(md, &f.writes);
    for r in &f.by_request {
        request_row(md, r);
    }
    if f.logins.count > 0 {
        request_row(md, &f.logins);
    }
    if f.revalidated > 0 {
        let _ = writeln!(
            md,
            "\n{} reads answered 304: the BOM tree the person's browser held was still current (successful reads, counted above).",
            f.revalidated
        );
    }
    for e in &f.error_samples {
        let _ = writeln!(md, "\nerror: {e}");
    }
}
