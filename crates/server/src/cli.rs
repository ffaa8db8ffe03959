//! The command line: `serve` (default), `migrate`, `users create`, `demo`, `config`,
//! `audit verify`, `files check`, `search reindex`.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use eventmgr_app::AppError;
use eventmgr_app::users::NewUser;

use crate::config::{Config, Overrides};
use crate::{startup, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "eventmgr",
    version,
    about = "Event Manager: plan and run event productions."
)]
pub struct Cli {
    /// Configuration file (default: ./eventmgr.toml when present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Address to serve on [env: EVENTMGR_LISTEN] [default: 127.0.0.1:3001].
    #[arg(long, global = true, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Data directory [env: EVENTMGR_DATA_DIR] [default: ./data].
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL [env: DATABASE_URL] [default: SQLite in the data directory].
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and web app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate {
        /// List migrations and whether they are applied, change nothing.
        #[arg(long)]
        status: bool,
    },
    /// Manage user accounts.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Fill an empty database with a realistic demo company and print its logins.
    Demo,
    /// Print the effective configuration, secrets masked.
    Config,
    /// Print the OpenAPI document of the HTTP API (the web app's types are generated from it).
    Openapi,
    /// Audit log maintenance.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// File storage maintenance.
    Files {
        #[command(subcommand)]
        command: FilesCommand,
    },
    /// Search index maintenance.
    Search {
        #[command(subcommand)]
        command: SearchCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Rebuild the full-text index from the records (it is kept current by every write;
    /// this is for after a restore from an old backup or a manual repair).
    Reindex,
}

#[derive(Debug, Subcommand)]
pub enum FilesCommand {
    /// Report blobs without a file record, records without content and unfinished uploads;
    /// exit 1 when anything is found (and not repaired).
    Check {
        /// Remove what was found: orphan blobs, staging files, records without content.
        #[arg(long)]
        repair: bool,
        /// Leave blobs younger than this alone (an upload in progress stores its content a
        /// moment before its record).
        #[arg(long, default_value_t = 60, value_name = "MINUTES")]
        grace_minutes: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Re-compute the audit log's hash chain; exit 1 if an entry was edited or deleted.
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Create a user; the password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        /// Full name, "First Last".
        #[arg(long)]
        name: String,
        /// Global role: admin, project_manager, member, viewer or client.
        #[arg(long, default_value = "member")]
        role: String,
        /// Read the password from standard input (required: passwords never go on the
        /// command line, where other users could read them).
        #[arg(long)]
        password_stdin: bool,
    },
}

/// Exit code 2: the configuration or the command line is wrong.
const USAGE: u8 = 2;

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}

fn app_error_text(err: &AppError) -> String {
    match err {
        AppError::Validation(errors) => errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

pub async fn run(cli: Cli) -> ExitCode {
    let overrides = Overrides {
        config_file: cli.config.clone(),
        listen: cli.listen.clone(),
        data_dir: cli.data_dir.clone(),
        database_url: cli.database_url.clone(),
    };
    if let Some(Command::Openapi) = cli.command {
        // Needs no configuration, database or data directory.
        println!("{}", eventmgr_http::openapi::document_json());
        return ExitCode::SUCCESS;
    }
    let config = match Config::load(&overrides) {
        Ok(config) => config,
        Err(e) => return fail(USAGE, e),
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => ExitCode::SUCCESS,
        Command::Serve => serve(config).await,
        Command::Migrate { status } => migrate(config, status).await,
        Command::Users {
            command:
                UsersCommand::Create {
                    email,
                    name,
                    role,
                    password_stdin,
                },
        } => create_user(config, email, name, role, password_stdin).await,
        Command::Demo => demo(config).await,
        Command::Audit {
            command: AuditCommand::Verify,
        } => audit_verify(config).await,
        Command::Files {
            command:
                FilesCommand::Check {
                    repair,
                    grace_minutes,
                },
        } => files_check(config, repair, grace_minutes).await,
        Command::Search {
            command: SearchCommand::Reindex,
        } => search_reindex(config).await,
        Command::Config => {
            println!("{}", config.render_masked());
            ExitCode::SUCCESS
        }
    }
}

async fn serve(config: Config) -> ExitCode {
    telemetry::init(config.log_format);
    let application = match startup::Application::build(&config).await {
        Ok(application) => application,
        Err(e) => return fail(1, format!("{e:#}")),
    };
    let address = match application.local_addr() {
        Ok(address) => address,
        Err(e) => return fail(1, e),
    };
    println!(
        "Event Manager is serving on http://{address}  (open it in a browser; API docs: http://{address}/api/docs)"
    );
    if application.has_no_users().await {
        println!(
            "No accounts yet. Create the first admin:  echo 'a-long-password' | eventmgr users create --email you@example.com --name \"First Last\" --role admin --password-stdin"
        );
        println!("or load a demo company with its logins:   eventmgr demo");
    }
    tracing::info!(%address, database = %eventmgr_store::redact(&config.effective_database_url()), "serving");
    match application
        .run_until_stopped(startup::shutdown_signal())
        .await
    {
        Ok(()) => {
            tracing::info!("stopped cleanly");
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, format!("{e:#}")),
    }
}

async fn migrate(config: Config, status_only: bool) -> ExitCode {
    let store = match startup::open_store(&config).await {
        Ok(store) => store,
        Err(e) => return fail(1, format!("{e:#}")),
    };
    let result = if status_only {
        store.migration_status().await.map(|states| {
            for state in states {
                println!(
                    "{}  {}",
                    if state.applied { "applied" } else { "pending" },
                    state.name
                );
            }
        })
    } else {
        store.migrate().await.map(|applied| {
            if applied.is_empty() {
                println!("The database is up to date.");
            }
            for name in applied {
                println!("applied  {name}");
            }
        })
    };
    let _ = store.close().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, e),
    }
}

fn read_password() -> Result<String, String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = input
        .strip_suffix('\n')
        .map(|p| p.strip_suffix('\r').unwrap_or(p))
        .unwrap_or(&input)
        .to_owned();
    if password.is_empty() {
        return Err("no password on standard input".to_owned());
    }
    Ok(password)
}

async fn create_user(
    config: Config,
    email: String,
    name: String,
    role: String,
    password_stdin: bool,
) -> ExitCode {
    if !password_stdin {
        return fail(
            USAGE,
            "pass --password-stdin and give the password on standard input",
        );
    }
    let password = match read_password() {
        Ok(p) => p,
        Err(e) => return fail(USAGE, e),
    };
    let app = match startup::build_app(&config).await {
        Ok(app) => app,
        Err(e) => return fail(1, format!("{e:#}")),
    };
    let result = app
        .create_user(NewUser {
            email,
            name,
            role,
            password,
            client_id: None,
        })
        .await;
    let _ = app.store.close().await;
    match result {
        Ok(user) => {
            println!(
                "Created user {} ({}) with role {}.",
                user.email, user.id, user.role
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, app_error_text(&e)),
    }
}

async fn demo(config: Config) -> ExitCode {
    let app = match startup::build_app(&config).await {
        Ok(app) => app,
        Err(e) => return fail(1, format!("{e:#}")),
    };
    let result = app.load_demo().await;
    let _ = app.store.close().await;
    match result {
        Ok(summary) => {
            println!(
                "Demo loaded: {} clients, {} projects, {} suppliers, {} BOM items, {} permits, {} transports, {} tasks ({} dependencies), {} board cards. Logins (shown once):",
                summary.clients,
                summary.projects,
                summary.suppliers,
                summary.bom_items,
                summary.permits,
                summary.transports,
                summary.tasks,
                summary.dependencies,
                summary.cards
            );
            for login in summary.logins {
                println!(
                    "  {:<40} {:<16} {:<22} {}",
                    login.email, login.role, login.password, login.name
                );
            }
            println!(
                "Start the server with `eventmgr serve` and sign in at http://{} with one of these logins",
                config.listen
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, app_error_text(&e)),
    }
}

async fn files_check(config: Config, repair: bool, grace_minutes: u64) -> ExitCode {
    let app = match startup::build_app(&config).await {
        Ok(app) => app,
        Err(e) => return fail(1, format!("{e:#}")),
    };
    let grace = std::time::Duration::from_secs(grace_minutes.saturating_mul(60));
    let result = app.check_files(repair, grace).await;
    let _ = app.store.close().await;
    let report = match result {
        Ok(report) => report,
        Err(e) => return fail(1, app_error_text(&e)),
    };
    println!(
        "{} file records, {} blobs in {:?}",
        report.records, report.blobs, app.blobs
    );
    for key in &report.orphan_blobs {
        println!("orphan blob (no record):      {key}");
    }
    for (id, key) in &report.missing_content {
        println!("record without content:       {id} ({key})");
    }
    for path in &report.staging_leftovers {
        println!("unfinished upload (staging):  {}", path.display());
    }
    if report.is_clean() {
        println!("Everything is consistent.");
        ExitCode::SUCCESS
    } else if report.repaired {
        println!(
            "Repaired: removed {} orphan blob(s), {} record(s) without content, {} staging file(s).",
            report.orphan_blobs.len(),
            report.missing_content.len(),
            report.staging_leftovers.len()
        );
        ExitCode::SUCCESS
    } else {
        println!("Run with --repair to remove them.");
        ExitCode::from(1)
    }
}

async fn search_reindex(config: Config) -> ExitCode {
    let app = match startup::build_app(&config).await {
        Ok(app) => app,
        Err(e) => return fail(1, format!("{e:#}")),
    };
    let started = std::time::Instant::now();
    let result = app.reindex_search().await;
    let _ = app.store.close().await;
    match result {
        Ok(count) => {
            println!(
                "Search index rebuilt: {count} records in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, app_error_text(&e)),
    }
}

async fn audit_verify(config: Config) -> ExitCode {
    let app = match startup::build_app(&config).await {
        Ok(app) => app,
        Err(e) => return fail(1, format!("{e:#}")),
    };
    let result = app.verify_audit_chain().await;
    let _ = app.store.close().await;
    match result {
        Ok(eventmgr_store::repo::audit::ChainCheck::Intact { entries }) => {
            println!("The audit log is intact: {entries} entries verified.");
            ExitCode::SUCCESS
        }
        Ok(eventmgr_store::repo::audit::ChainCheck::Broken { seq, reason }) => fail(
            1,
            format!("the audit log is broken at entry {seq}: {reason}"),
        ),
        Err(e) => fail(1, app_error_text(&e)),
    }
}
