//! Builds the React app in `web/` and embeds it, so that one `cargo build` (the README's run
//! command on a fresh clone) yields a binary that serves the whole product.
//!
//! - `EVENTMGR_WEB_DIST=<dir>` embeds an already built app instead (a container build, or a
//!   machine without Node.js).
//! - Otherwise `npm ci` runs when `web/node_modules` is missing or older than the lock file,
//!   then `npm run build` writes into `OUT_DIR`. Cargo re-runs this script only when something
//!   under `web/` that the build reads has changed, so an unchanged app costs nothing.
//!
//! Every file is embedded with its content type, an ETag and, where it pays, a gzip copy made
//! here once instead of on every request.

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let web = manifest.join("../../web");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-env-changed=EVENTMGR_WEB_DIST");
    for input in [
        "src",
        "public",
        "index.html",
        "package.json",
        "package-lock.json",
        "vite.config.ts",
        "tsconfig.json",
        "postcss.config.cjs",
    ] {
        println!("cargo:rerun-if-changed={}", web.join(input).display());
    }

    let dist = match env::var_os("EVENTMGR_WEB_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => build_web(&web, &out.join("web")),
    };
    let mut files = Vec::new();
    collect(&dist, &dist, &mut files);
    files.sort();
    if !files.iter().any(|f| f == "index.html") {
        fail(&format!("{} holds no index.html", dist.display()));
    }
    write_manifest(&dist, &files, &out);
}

fn fail(message: &str) -> ! {
    // A build script's panic is how Cargo shows the reason; there is no other channel.
    #[allow(clippy::panic)]
    {
        panic!("\n\nbuilding the web app failed: {message}\n\n");
    }
}

fn npm() -> Command {
    let mut command = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    command.env("npm_config_update_notifier", "false");
    command.env("npm_config_fund", "false");
    command.env("npm_config_audit", "false");
    command
}

fn run(mut command: Command, what: &str) {
    match command.status() {
        Ok(status) if status.success() => {}
        Ok(status) => fail(&format!("`{what}` exited with {status}")),
        Err(e) => fail(&format!(
            "could not run `{what}` ({e}). Install Node.js 20.19+ with npm, or set \
             EVENTMGR_WEB_DIST to a folder holding an already built web app"
        )),
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn build_web(web: &Path, target: &Path) -> PathBuf {
    let lock = web.join("package-lock.json");
    let installed = web.join("node_modules/.package-lock.json");
    let stale = match (modified(&installed), modified(&lock)) {
        (Some(installed), Some(lock)) => installed < lock,
        _ => true,
    };
    if stale {
        let mut install = npm();
        install
            .current_dir(web)
            .args(["ci", "--no-audit", "--loglevel=error"]);
        run(install, "npm ci");
    }
    let mut build = npm();
    build
        .current_dir(web)
        .args(["run", "build", "--", "--outDir"])
        .arg(target)
        .args(["--emptyOutDir", "--logLevel", "warn"]);
    run(build, "npm run build");
    target.to_path_buf()
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => fail(&format!("cannot read {}: {e}", dir.display())),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            let relative = relative.to_string_lossy().replace('\\', "/");
            files.push(relative);
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/json")
        || content_type == "image/svg+xml"
}

fn write_manifest(dist: &Path, files: &[String], out: &Path) {
    let mut code = String::from("&[\n");
    for (index, relative) in files.iter().enumerate() {
        let source = dist.join(relative);
        let bytes = match fs::read(&source) {
            Ok(bytes) => bytes,
            Err(e) => fail(&format!("cannot read {}: {e}", source.display())),
        };
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let etag = format!("\"{:016x}\"", hasher.finish());
        let content_type = content_type(relative);
        let gzip = if compressible(content_type) && bytes.len() > 1024 {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            let compressed = encoder.write_all(&bytes).and_then(|()| encoder.finish());
            match compressed {
                // Only worth a second copy when it saves at least a tenth.
                Ok(gz) if gz.len() * 10 < bytes.len() * 9 => {
                    let gz_path = out.join(format!("asset-{index}.gz"));
                    if let Err(e) = fs::write(&gz_path, gz) {
                        fail(&format!("cannot write {}: {e}", gz_path.display()));
                    }
                    format!("Some(include_bytes!({:?}))", gz_path.display().to_string())
                }
                _ => "None".to_owned(),
            }
        } else {
            "None".to_owned()
        };
        let _ = writeln!(
            code,
            "    Asset {{ path: {path:?}, content_type: {content_type:?}, etag: {etag:?}, \
             body: include_bytes!({source:?}), gzip: {gzip} }},",
            path = format!("/{relative}"),
            source = source.display().to_string(),
        );
    }
    code.push_str("]\n");
    let manifest = out.join("assets.rs");
    if let Err(e) = fs::write(&manifest, code) {
        fail(&format!("cannot write {}: {e}", manifest.display()));
    }
}
