//! Large files: an upload and a download of `size` bytes through the release server (its own
//! process) on loopback, against what `dd` writes to the same disk, with the server's memory
//! watched throughout. The client generates the upload as it sends it and discards the
//! download, so the disk only sees the server's writes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures::StreamExt;
use serde::Serialize;
use serde_json::{Value, json};

use crate::process::{Server, Watch, rss_kib, sibling_binary};

const CHUNK: usize = 256 * 1024;
const EMAIL: &str = "files@bench.example";

/// The figures of one transfer run.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct TransferFigures {
    pub size_mib: u64,
    /// `dd … conv=fsync` to the same disk, median of three.
    pub dd_mib_s: f64,
    pub upload_mib_s: f64,
    pub download_mib_s: f64,
    pub idle_rss_mib: f64,
    pub upload_peak_rss_mib: f64,
    pub peak_rss_mib: f64,
}

fn mib_per_s(bytes: u64, elapsed: Duration) -> f64 {
    bytes as f64 / 1024.0 / 1024.0 / elapsed.as_secs_f64()
}

/// `dd` of `size` bytes of zeros into `dir`, flushed to disk (`conv=fsync`) like the
/// server's blobs are: MiB/s.
fn dd(dir: &Path, size: u64) -> anyhow::Result<f64> {
    let target = dir.join("dd.bin");
    let started = Instant::now();
    let status = Command::new("dd")
        .args([
            "if=/dev/zero",
            &format!("of={}", target.display()),
            "bs=8M",
            &format!("count={}", size / (8 * 1024 * 1024)),
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
    Ok(mib_per_s(size, elapsed))
}

/// A "PDF" of `size` bytes: its header, then varied bytes, generated as it is sent.
fn upload_body(size: u64) -> reqwest::Body {
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
    let chunks = (size / CHUNK as u64) as usize;
    let stream = futures::stream::iter(
        std::iter::once(bytes::Bytes::from(boundary_head))
            .chain((0..chunks).map(move |_| block.clone()))
            .chain(std::iter::once(bytes::Bytes::from(tail))),
    )
    .map(Ok::<_, std::io::Error>);
    reqwest::Body::wrap_stream(stream)
}

/// Creates the admin who uploads, with the release binary's own CLI.
fn create_admin(dir: &Path, password: &str) -> anyhow::Result<()> {
    let mut create = Command::new(sibling_binary("eventmgr")?)
        .args(["users", "create", "--email", EMAIL, "--name", "Files Bench"])
        .args(["--role", "admin", "--password-stdin"])
        .env("EVENTMGR_DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    create
        .stdin
        .take()
        .context("stdin")?
        .write_all(format!("{password}\n").as_bytes())?;
    if !create.wait()?.success() {
        bail!("creating the bench user failed");
    }
    Ok(())
}

/// Uploads and downloads `size_mib` MiB (a multiple of 8) through a fresh server on SQLite
/// in `dir`.
pub async fn run(dir: &Path, size_mib: u64) -> anyhow::Result<TransferFigures> {
    let size = size_mib * 1024 * 1024;
    // The disk's speed varies run to run (other writes being flushed): the median of three.
    let mut runs = [dd(dir, size)?, dd(dir, size)?, dd(dir, size)?];
    runs.sort_by(f64::total_cmp);
    let disk = runs[1];

    create_admin(dir, crate::PASSWORD)?;
    let server = Server::start(dir, None).await?;
    let pid = server.pid();
    let client = reqwest::Client::builder().no_gzip().build()?;
    let token = crate::login(&client, &server.base, EMAIL, crate::PASSWORD).await?;
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

    let watch = Watch::start(pid);
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
        .body(upload_body(size))
        .send()
        .await?;
    let status = response.status();
    let uploaded: Value = response.json().await?;
    let upload_time = started.elapsed();
    if !status.is_success() {
        bail!("upload failed: {status} {uploaded}");
    }
    let upload_peak = watch.peak_kib();
    let file_id = uploaded["items"][0]["id"].as_str().context("file id")?;
    if uploaded["items"][0]["size_bytes"].as_u64() != Some(size) {
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
    let usage = watch.stop();
    if received != size {
        bail!("downloaded {received} bytes");
    }
    Ok(TransferFigures {
        size_mib,
        dd_mib_s: disk,
        upload_mib_s: mib_per_s(size, upload_time),
        download_mib_s: mib_per_s(size, download_time),
        idle_rss_mib: idle as f64 / 1024.0,
        upload_peak_rss_mib: upload_peak as f64 / 1024.0,
        peak_rss_mib: usage
            .peak_rss_mib
            .max(rss_kib(pid, "VmHWM:") as f64 / 1024.0),
    })
}
