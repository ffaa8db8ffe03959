//! File benchmark: a 1 GiB upload and download through the release server on loopback,
//! against what `dd` writes to the same disk, with the server's memory watched throughout
//! (`eventmgr_bench::transfer`; the `bench` suite runs the same). See `bench/README.md`.

use eventmgr_bench::transfer;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("eventmgr-files-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    println!(
        "1 GiB through the release server on loopback, data in {}",
        dir.display()
    );
    let result = transfer::run(&dir, 1024).await;
    std::fs::remove_dir_all(&dir).ok();
    let f = result?;
    println!(
        "dd, 1 GiB with conv=fsync to the same disk: {:.0} MiB/s (median of three)",
        f.dd_mib_s
    );
    println!("server RSS idle: {:.1} MiB", f.idle_rss_mib);
    println!(
        "upload:   {:.0} MiB/s = {:.0} % of dd; server RSS peak during upload {:.1} MiB",
        f.upload_mib_s,
        f.upload_mib_s / f.dd_mib_s * 100.0,
        f.upload_peak_rss_mib
    );
    println!(
        "download: {:.0} MiB/s = {:.0} % of dd; server RSS peak overall {:.1} MiB",
        f.download_mib_s,
        f.download_mib_s / f.dd_mib_s * 100.0,
        f.peak_rss_mib
    );
    println!(
        "reproduce: cargo build --release --bin eventmgr && cargo run --release -p eventmgr-bench --bin files-bench"
    );
    Ok(())
}
