//! The `eventmgr` binary: subcommands, configuration errors, start-up and shutdown.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{PgDatabase, TempDir};

fn eventmgr(dir: &TempDir) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eventmgr"));
    command
        .current_dir(&dir.0)
        .env_remove("DATABASE_URL")
        .env_remove("EVENTMGR_LISTEN")
        .env("EVENTMGR_DATA_DIR", dir.0.join("data"))
        .env("EVENTMGR_LOG_FORMAT", "json");
    command
}

fn run(mut command: Command, stdin: &str) -> (i32, String, String) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn eventmgr");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn create_user(dir: &TempDir, email: &str, password: &str) -> (i32, String, String) {
    let mut c = eventmgr(dir);
    c.args([
        "users",
        "create",
        "--email",
        email,
        "--name",
        "Ada Admin",
        "--role",
        "admin",
        "--password-stdin",
    ]);
    run(c, &format!("{password}\n"))
}

#[test]
fn users_create_refuses_weak_passwords_and_duplicates() {
    let dir = TempDir::new();
    let (code, out, err) = create_user(&dir, "ada@example.com", "Festival-Aufbau-2026");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Created user ada@example.com"), "{out}");
    let (code, _, err) = create_user(&dir, "weak@example.com", "password");
    assert_ne!(code, 0);
    assert!(err.contains("at least 10 characters"), "{err}");
    let (code, _, err) = create_user(&dir, "weak@example.com", "Password123");
    assert_ne!(code, 0);
    assert!(err.contains("most common passwords"), "{err}");
    let (code, _, err) = create_user(&dir, "ADA@example.com", "Another-Long-Pass-1");
    assert_ne!(code, 0);
    assert!(err.contains("already exists"), "{err}");
    let mut c = eventmgr(&dir);
    c.args([
        "users",
        "create",
        "--email",
        "x@example.com",
        "--name",
        "X Y",
        "--role",
        "admin",
    ]);
    let (code, _, err) = run(c, "");
    assert_eq!(code, 2);
    assert!(err.contains("--password-stdin"), "{err}");
    let mut c = eventmgr(&dir);
    c.args([
        "users",
        "create",
        "--email",
        "x@example.com",
        "--name",
        "X Y",
        "--role",
        "overlord",
        "--password-stdin",
    ]);
    let (code, _, err) = run(c, "Festival-Aufbau-2026\n");
    assert_ne!(code, 0);
    assert!(err.contains("role"), "{err}");
}

/// Audit entries in the data directory's database (every write leaves one).
fn audit_entries(dir: &TempDir) -> String {
    let mut c = eventmgr(dir);
    c.args(["audit", "verify"]);
    let (code, out, err) = run(c, "");
    assert_eq!(code, 0, "{out}{err}");
    out.split_whitespace()
        .find(|w| w.chars().all(|c| c.is_ascii_digit()))
        .expect("an entry count")
        .to_owned()
}

#[test]
fn demo_fills_an_empty_database_once() {
    let dir = TempDir::new();
    let mut c = eventmgr(&dir);
    c.arg("demo");
    let (code, out, err) = run(c, "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("sabine.krueger@demo.eventmgr.dev"), "{out}");
    assert!(out.contains("Demo-"), "passwords are printed: {out}");
    let entries_after_demo = audit_entries(&dir);
    let mut c = eventmgr(&dir);
    c.arg("demo");
    let (code, _, err) = run(c, "");
    assert_ne!(code, 0);
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(
        audit_entries(&dir),
        entries_after_demo,
        "a refused demo writes nothing"
    );
}

#[test]
fn files_check_reports_and_repairs_orphans() {
    let dir = TempDir::new();
    let mut c = eventmgr(&dir);
    c.args(["files", "check", "--grace-minutes", "0"]);
    let (code, out, err) = run(c, "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Everything is consistent"), "{out}");
    // A blob no record refers to (e.g. a purge whose delete failed).
    let stray = dir
        .0
        .join("data/blobs/files/0196a5a0-0000-7000-8000-000000000001");
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, b"stray").unwrap();
    let mut c = eventmgr(&dir);
    c.args(["files", "check", "--grace-minutes", "0"]);
    let (code, out, _) = run(c, "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("orphan blob (no record):      files/0196a5a0-0000-7000-8000-000000000001"),
        "{out}"
    );
    // The default grace period leaves a fresh blob alone: it may be an upload in progress.
    let mut c = eventmgr(&dir);
    c.args(["files", "check"]);
    assert_eq!(run(c, "").0, 0);
    let mut c = eventmgr(&dir);
    c.args(["files", "check", "--grace-minutes", "0", "--repair"]);
    let (code, out, _) = run(c, "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Repaired: removed 1 orphan blob(s)"), "{out}");
    assert!(!stray.exists());
}

#[test]
fn search_reindex_rebuilds_the_index() {
    let dir = TempDir::new();
    let mut c = eventmgr(&dir);
    c.arg("demo");
    assert_eq!(run(c, "").0, 0);
    let mut c = eventmgr(&dir);
    c.args(["search", "reindex"]);
    let (code, out, err) = run(c, "");
    assert_eq!(code, 0, "{out}{err}");
    // The demo's records: 4 projects, 4 clients, 16 suppliers, 236 BOM items, 11 permits,
    // 34 transports, 143 tasks, 65 cards.
    assert!(out.contains("Search index rebuilt: 513 records"), "{out}");
}

#[test]
fn migrate_and_status() {
    let dir = TempDir::new();
    let mut c = eventmgr(&dir);
    c.args(["migrate", "--status"]);
    let (code, out, _) = run(c, "");
    assert_eq!(code, 0);
    assert!(out.contains("pending  m20261124_000001_initial"), "{out}");
    let mut c = eventmgr(&dir);
    c.arg("migrate");
    let (code, out, _) = run(c, "");
    assert_eq!(code, 0);
    assert!(out.contains("applied  m20261124_000001_initial"), "{out}");
    assert!(
        out.contains("applied  m20261124_000002_password_resets_and_throttle"),
        "{out}"
    );
    let mut c = eventmgr(&dir);
    c.arg("migrate");
    assert!(run(c, "").1.contains("up to date"));
}

#[test]
fn config_masks_secrets_and_bad_settings_stop_with_one_line() {
    let dir = TempDir::new();
    let mut c = eventmgr(&dir);
    c.arg("config")
        .env("DATABASE_URL", "postgres://app:hunter2@db.example/em")
        .env(
            "EVENTMGR_JWT_SECRET",
            "0123456789abcdef0123456789abcdef-secret",
        );
    let (code, out, _) = run(c, "");
    assert_eq!(code, 0);
    assert!(out.contains("postgres://app:****@db.example/em"), "{out}");
    assert!(
        !out.contains("hunter2") && !out.contains("abcdef-secret"),
        "{out}"
    );

    for (env, value, expected) in [
        ("DATABASE_URL", "::nonsense::", "DATABASE_URL"),
        ("EVENTMGR_LISTEN", "everywhere", "EVENTMGR_LISTEN"),
        ("", "", "listen_port"),
    ] {
        if env.is_empty() {
            std::fs::write(
                dir.0.join("eventmgr.toml"),
                "listen = \"127.0.0.1:0\"\nlisten_port = 3\n",
            )
            .unwrap();
        }
        let mut c = eventmgr(&dir);
        c.arg("serve");
        if !env.is_empty() {
            c.env(env, value);
        }
        let (code, out, err) = run(c, "");
        assert_eq!(code, 2, "{out}{err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(expected), "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
    }
    std::fs::remove_file(dir.0.join("eventmgr.toml")).unwrap();
    let blocker = dir.0.join("not-a-dir");
    std::fs::write(&blocker, "file").unwrap();
    let mut c = eventmgr(&dir);
    c.arg("serve")
        .env("EVENTMGR_DATA_DIR", blocker.join("data"));
    let (code, _, err) = run(c, "");
    assert_ne!(code, 0);
    assert!(err.contains("data_dir"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn serve_prints_its_url_and_stops_cleanly_on_sigterm() {
    let dir = TempDir::new();
    let mut c = eventmgr(&dir);
    c.args(["serve", "--listen", "127.0.0.1:0"]);
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    // Log lines may come first (stdout carries the JSON log too).
    let first = lines
        .by_ref()
        .map(|l| l.unwrap())
        .find(|l| l.contains("serving on http://"))
        .expect("the URL is printed");
    assert!(first.contains("serving on http://127.0.0.1:"), "{first}");
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_owned();
    let health = reqwest::blocking_get(&format!("{url}/healthz"));
    assert!(health.contains("ok"), "{health}");
    let request_id = health
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .expect("x-request-id header")
        .trim()
        .to_owned();
    // The access-log line is JSON and carries the same request id.
    let logged = lines
        .by_ref()
        .map(|l| l.unwrap())
        .find(|l| l.contains(&request_id))
        .expect("a log line with the request id");
    let entry: serde_json::Value = serde_json::from_str(&logged).expect("JSON log line");
    assert_eq!(entry["span"]["request_id"], request_id.as_str(), "{logged}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The WAL was checkpointed into the database file on the way out.
    let wal = dir.0.join("data/eventmgr.db-wal");
    assert_eq!(std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0), 0);
}

#[tokio::test]
async fn cli_works_against_postgres() {
    let Some(pg) = PgDatabase::create().await else {
        return;
    };
    let dir = TempDir::new();
    let mut c = eventmgr(&dir);
    c.arg("demo").env("DATABASE_URL", &pg.url);
    let (code, out, err) = tokio::task::spawn_blocking(move || run(c, ""))
        .await
        .unwrap();
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Demo loaded: 4 clients, 4 projects"), "{out}");
}

mod reqwest {
    /// A tiny blocking GET over a std TcpStream (the test is synchronous).
    pub fn blocking_get(url: &str) -> String {
        use std::io::{Read, Write};
        let rest = url.trim_start_matches("http://");
        let (host, path) = rest
            .split_once('/')
            .map(|(h, p)| (h, format!("/{p}")))
            .unwrap_or((rest, "/".into()));
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }
}
