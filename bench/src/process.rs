//! The release server as its own process (so that its memory and CPU are its own), and what
//! `/proc` tells about a process: resident memory and CPU time.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Resident memory of `pid` in KiB: current (`VmRSS:`) or peak (`VmHWM:`).
pub fn rss_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix(field)
                    .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

/// CPU time (user + system) `pid` has used, in seconds (`/proc/PID/stat`, clock ticks of
/// 1/100 s, the value on Linux).
pub fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // The command name may contain spaces; the fields after it are space separated.
    let Some(after_name) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
        return 0.0;
    };
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name and state.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (ticks(11) + ticks(12)) as f64 / 100.0
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// A binary built next to the running one (`target/release/NAME` for a release bench).
pub fn sibling_binary(name: &str) -> anyhow::Result<PathBuf> {
    let binary = std::env::current_exe()?.with_file_name(name);
    if !binary.exists() {
        bail!(
            "{} is missing: build it first (`cargo build --release --bin {name}`)",
            binary.display()
        );
    }
    Ok(binary)
}

/// A child process killed when dropped.
pub struct Process {
    pub child: Child,
}

impl Process {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The release `eventmgr serve` on a free loopback port.
pub struct Server {
    pub process: Process,
    pub base: String,
    /// From spawning the process to the first `200` of `/readyz`.
    pub cold_start: Duration,
}

impl Server {
    /// Starts `eventmgr serve` on `data_dir` (and `database_url` when given) and waits until
    /// `/readyz` answers 200.
    pub async fn start(data_dir: &Path, database_url: Option<&str>) -> anyhow::Result<Server> {
        let binary = sibling_binary("eventmgr")?;
        let port = free_port()?;
        let mut command = Command::new(&binary);
        command
            .arg("serve")
            .env("EVENTMGR_DATA_DIR", data_dir)
            .env("EVENTMGR_LISTEN", format!("127.0.0.1:{port}"))
            .env("EVENTMGR_LOG_FORMAT", "json")
            .env("EVENTMGR_LOG", "warn")
            .env_remove("DATABASE_URL")
            .env_remove("EVENTMGR_DATABASE_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(url) = database_url {
            command.env("DATABASE_URL", url);
        }
        let started = Instant::now();
        let process = Process {
            child: command.spawn().context("starting eventmgr serve")?,
        };
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        // Poll often: the time to ready is one of the figures.
        let deadline = started + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(r) = client.get(format!("{base}/readyz")).send().await
                && r.status().is_success()
            {
                return Ok(Server {
                    process,
                    base,
                    cold_start: started.elapsed(),
                });
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        bail!("the server did not become ready within 30 s")
    }

    pub fn pid(&self) -> u32 {
        self.process.pid()
    }
}

/// Watches a process while a phase runs: its highest RSS (sampled every 20 ms) and its CPU.
pub struct Watch {
    pid: u32,
    peak: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
    started: Instant,
    cpu_at_start: f64,
}

/// What a [`Watch`] saw.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Usage {
    pub peak_rss_mib: f64,
    /// CPU used over the phase as a share of one core (2.0 = both cores of this machine).
    pub cpu_cores: f64,
}

impl Watch {
    pub fn start(pid: u32) -> Watch {
        let peak = Arc::new(AtomicU64::new(0));
        let seen = peak.clone();
        let task = tokio::spawn(async move {
            loop {
                seen.fetch_max(rss_kib(pid, "VmRSS:"), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        Watch {
            pid,
            peak,
            task,
            started: Instant::now(),
            cpu_at_start: cpu_seconds(pid),
        }
    }

    /// The highest RSS so far, in KiB.
    pub fn peak_kib(&self) -> u64 {
        self.peak.load(Ordering::Relaxed)
    }

    pub fn stop(self) -> Usage {
        self.task.abort();
        let peak = self.peak_kib().max(rss_kib(self.pid, "VmRSS:"));
        let wall = self.started.elapsed().as_secs_f64();
        Usage {
            peak_rss_mib: peak as f64 / 1024.0,
            cpu_cores: if wall > 0.0 {
                (cpu_seconds(self.pid) - self.cpu_at_start) / wall
            } else {
                0.0
            },
        }
    }
}
