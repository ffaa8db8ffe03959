//! File benchmark: a 1 GiB upload and download through the release server on loopback,
//! against what `dd` writes to the same disk, with the server's memory watched throughout.
//!
//! The server runs as its own process (the release `eventmgr` binary next to this one), so
//! its RSS is its own. The client generates the upload on the fly and discards the download,
//! so the disk only sees the server's writes. See `bench/README.md`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures::StreamExt;
use serde_json::{Value, json};

const SIZE: u64 = 1024 * 1024 * 1024;
const CHUNK: usize = 256 * 1024;
const PASSWORD: &str = "bench-password-1234";

fn mib_per_s(bytes: u64, elapsed: Duration) -> f64 {
    bytes as f64 / 1024.0 / 1024.0 / elapsed.as_secs_f64()
}

/// `dd` of 1 GiB of zeros into `dir`, flushed to disk (`conv=fsync`) like the server's
/// blobs are: MiB/s.
fn dd(dir: &Path) -> anyhow::Result<f64> {
    let target = dir.join("dd.bin");
    let started = Instant::now();
    let status = Command::new("dd")
        .args([
            "if=/dev/zero",
            &format!("of={}", target.display()),
            "bs=8M",
            "count=128",
            "conv=fsync",
        ])
        .stderr(Stdio::null())
        .status()
        .context("dd")?;
    let elapsed = started.elapsed();
    std::fs::remove_file(&target).ok();
    if !status.success() {
        bail!("dd failed");
    }
    Ok(mib_per_s(SIZE, elapsed))
}

/// Resident memory of `pid` in KiB: current (`VmRSS`) or peak (`VmHWM`).
fn rss_kib(pid: u32, field: &str) -> u64 {
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

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn eventmgr_binary() -> anyhow::Result<PathBuf> {
    let here = std::env::current_exe()?;
    let binary = here.with_file_name("eventmgr");
    if !binary.exists() {
        bail!(
            "{} is missing: build it first with `cargo build --release --bin eventmgr`",
            binary.display()
        );
    }
    Ok(binary)
}

async fn start_server(dir: &Path) -> anyhow::Result<Server> {
    let binary = eventmgr_binary()?;
    let mut create = Command::new(&binary)
        .args([
            "users",
            "create",
            "--email",
            "bench@example.com",
            "--name",
            "Bench Admin",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .env("EVENTMGR_DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    create
        .stdin
        .take()
        .context("stdin")?
        .write_all(format!("{PASSWORD}\n").as_bytes())?;
    if !create.wait()?.success() {
        bail!("creating the bench user failed");
    }
    let port = free_port()?;
    let child = Command::new(&binary)
        .arg("serve")
        .env("EVENTMGR_DATA_DIR", dir)
        .env("EVENTMGR_LISTEN", format!("127.0.0.1:{port}"))
        .env("EVENTMGR_LOG_FORMAT", "json")
        .env("EVENTMGR_LOG", "warn")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if let Ok(r) = client.get(format!("{}/readyz", server.base)).send().await
            && r.status().is_success()
        {
            return Ok(server);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("the server did not become ready")
}

/// Samples the server's RSS every 20 ms until stopped; the highest value seen, in KiB.
fn watch_rss(pid: u32) -> (Arc<AtomicU64>, tokio::task::JoinHandle<()>) {
    let peak = Arc::new(AtomicU64::new(0));
    let seen = peak.clone();
    let task = tokio::spawn(async move {
        loop {
            seen.fetch_max(rss_kib(pid, "VmRSS:"), Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    (peak, task)
}

/// 1 GiB of a "PDF": its header, then varied bytes, generated as it is sent.
fn upload_body() -> reqwest::Body {
    let boundary_head = "--bench-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"venue-video.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".to_owned();
    let tail = "\r\n--bench-boundary--\r\n".to_owned();
    let mut block = vec![0u8; CHUNK];
    let mut x: u32 = 0x2545_F491;
    for byte in block.iter_mut() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *byte = x as u8;
    }
    block[..9].copy_from_slice(b"%PDF-1.7\n");
    let block = bytes::Bytes::from(block);
    let chunks = (SIZE / CHUNK as u64) as usize;
    let stream = futures::stream::iter(
        std::iter::once(bytes::Bytes::from(boundary_head))
            .chain((0..chunks).map(move |_| block.clone()))
            .chain(std::iter::once(bytes::Bytes::from(tail))),
    )
    .map(Ok::<_, std::io::Error>);
    reqwest::Body::wrap_stream(stream)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("eventmgr-files-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(&dir).await;
    std::fs::remove_dir_all(&dir).ok();
    result
}

async fn run(dir: &Path) -> anyhow::Result<()> {
    println!(
        "1 GiB through the release server on loopback, data in {}",
        dir.display()
    );
    // The disk's speed varies run to run (other writes being flushed): the median of three.
    let mut runs = [dd(dir)?, dd(dir)?, dd(dir)?];
    runs.sort_by(f64::total_cmp);
    let disk = runs[1];
    println!(
        "dd, 1 GiB with conv=fsync to the same disk: {disk:.0} MiB/s (median of {:.0}, {:.0}, {:.0})",
        runs[0], runs[1], runs[2]
    );

    let server = start_server(dir).await?;
    let pid = server.child.id();
    let client = reqwest::Client::builder().no_gzip().build()?;
    let login: Value = client
        .post(format!("{}/api/v1/auth/login", server.base))
        .json(&json!({"email": "bench@example.com", "password": PASSWORD}))
        .send()
        .await?
        .json()
        .await?;
    let token = login["access_token"].as_str().context("token")?.to_owned();
    let project: Value = client
        .post(format!("{}/api/v1/projects", server.base))
        .bearer_auth(&token)
        .json(&json!({"name": "Files bench", "start_date": "2027-06-01", "end_date": "2027-06-03"}))
        .send()
        .await?
        .json()
        .await?;
    let project_id = project["id"].as_str().context("project")?;
    let idle = rss_kib(pid, "VmRSS:");

    let (peak, watcher) = watch_rss(pid);
    let started = Instant::now();
    let response = client
        .post(format!(
            "{}/api/v1/projects/{project_id}/files",
            server.base
        ))
        .bearer_auth(&token)
        .header(
            "content-type",
            "multipart/form-data; boundary=bench-boundary",
        )
        .body(upload_body())
        .send()
        .await?;
    let status = response.status();
    let uploaded: Value = response.json().await?;
    let upload_time = started.elapsed();
    if !status.is_success() {
        bail!("upload failed: {status} {uploaded}");
    }
    let upload_peak = peak.load(Ordering::Relaxed);
    let file_id = uploaded["items"][0]["id"].as_str().context("file id")?;
    if uploaded["items"][0]["size_bytes"].as_u64() != Some(SIZE) {
        bail!("stored size differs: {uploaded}");
    }

    let started = Instant::now();
    let response = client
        .get(format!("{}/api/v1/files/{file_id}/content", server.base))
        .bearer_auth(&token)
        .send()
        .await?;
    let mut stream = response.bytes_stream();
    let mut received = 0u64;
    while let Some(chunk) = stream.next().await {
        received += chunk?.len() as u64;
    }
    let download_time = started.elapsed();
    watcher.abort();
    let overall_peak = peak.load(Ordering::Relaxed).max(rss_kib(pid, "VmHWM:"));
    if received != SIZE {
        bail!("downloaded {received} bytes");
    }

    let up = mib_per_s(SIZE, upload_time);
    let down = mib_per_s(SIZE, download_time);
    println!("server RSS idle: {:.1} MiB", idle as f64 / 1024.0);
    println!(
        "upload:   {:.2} s, {up:.0} MiB/s = {:.0} % of dd; server RSS peak during upload {:.1} MiB",
        upload_time.as_secs_f64(),
        up / disk * 100.0,
        upload_peak as f64 / 1024.0
    );
    println!(
        "download: {:.2} s, {down:.0} MiB/s = {:.0} % of dd; server RSS peak overall {:.1} MiB",
        download_time.as_secs_f64(),
        down / disk * 100.0,
        overall_peak as f64 / 1024.0
    );
    println!(
        "reproduce: cargo build --release --bin eventmgr && cargo run --release -p eventmgr-bench --bin files-bench"
    );
    Ok(())
}
