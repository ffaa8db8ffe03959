//! The benchmark data generator: fills an empty database through the application's own use
//! cases — the code the API handlers call, with their validation, audit entries, live events
//! and transactions — never with raw inserts. Deterministic: the same size and seed give the
//! same names, numbers, dates and structure (ids and timestamps are the only differences).
//!
//! Sizes (from the benchmark issue):
//! - **S**: the demo company (`eventmgr demo`): four productions, one of them the full festival.
//! - **M**: 100 projects, 100,000 BOM items, 20,000 tasks, 2,000 permits, 5,000 transports,
//!   200 users.
//! - **L**: 1,000 projects, 1,000,000 BOM items, 200,000 tasks (and 20,000 permits, 50,000
//!   transports, 2,000 users in the same proportions).

use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{Duration, NaiveTime, TimeZone, Utc};
use eventmgr_app::bom::import::Upload;
use eventmgr_app::clients::CreateClient;
use eventmgr_app::files::upload::UploadFields;
use eventmgr_app::kanban::{CreateBoard, CreateCard};
use eventmgr_app::logistics::CreateTransport;
use eventmgr_app::members::AddMember;
use eventmgr_app::permits::CreatePermit;
use eventmgr_app::projects::CreateProject;
use eventmgr_app::suppliers::CreateSupplier;
use eventmgr_app::tasks::{CreateDependency, CreateTask};
use eventmgr_app::users::NewUser;
use eventmgr_app::{Actor, App};
use eventmgr_sheets::{ExportOptions, ExportRow};
use futures::StreamExt;
use rust_decimal::Decimal;
use sea_orm::EntityTrait;
use uuid::Uuid;

/// The password of every generated user (the load test logs them in).
pub const PASSWORD: &str = crate::PASSWORD;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    S,
    M,
    L,
}

impl std::str::FromStr for Size {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Size> {
        match s.to_ascii_uppercase().as_str() {
            "S" => Ok(Size::S),
            "M" => Ok(Size::M),
            "L" => Ok(Size::L),
            other => bail!("unknown size {other}: S, M or L"),
        }
    }
}

/// How much of everything a generated company has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub projects: usize,
    pub bom_per_project: usize,
    pub tasks_per_project: usize,
    pub permits_per_project: usize,
    pub transports_per_project: usize,
    pub users: usize,
    /// Cards on each project's board, linked to its first tasks.
    pub cards_per_project: usize,
}

impl Size {
    /// `None` for S, which is the demo company.
    pub fn spec(self) -> Option<Spec> {
        let m = Spec {
            projects: 100,
            bom_per_project: 1_000,
            tasks_per_project: 200,
            permits_per_project: 20,
            transports_per_project: 50,
            users: 200,
            cards_per_project: 30,
        };
        match self {
            Size::S => None,
            Size::M => Some(m),
            Size::L => Some(Spec {
                projects: 1_000,
                users: 2_000,
                ..m
            }),
        }
    }
}

/// A login of a generated user.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Login {
    pub email: String,
    pub password: String,
    /// The global role (`admin`, `project_manager`, `member`, `viewer`, `client`).
    pub role: String,
}

/// What the generator made, with the logins a load test needs.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    pub admin: Login,
    /// Staff who are members of projects.
    pub staff: Vec<Login>,
    pub projects: usize,
    pub bom_items: usize,
    pub tasks: usize,
    pub dependencies: usize,
    pub permits: usize,
    pub transports: usize,
    pub cards: usize,
    pub files: usize,
    pub seconds: f64,
}

/// SplitMix64: small, fast and the same on every machine, which is all a data generator
/// needs (no cryptography here).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What production BOMs are made of (also what the search benchmark searches for).
/// What production people type: beginnings of German and English words, whole words,
/// two-word phrases.
pub const SEARCH_QUERIES: [&str; 12] = [
    "büh",
    "bühnenpodest",
    "buhne",
    "kabel",
    "trav",
    "moving head",
    "strom",
    "catering",
    "zaun",
    "lautspr",
    "rig",
    "aufbau nord",
];

pub const THINGS: [&str; 16] = [
    "Bühnenpodest",
    "Traverse",
    "Kabeltrommel",
    "Lautsprecher",
    "Moving Head",
    "Stromverteiler",
    "Bauzaun",
    "Truss Tower",
    "Rigging Motor",
    "Catering Zelt",
    "Funkgerät",
    "Mischpult",
    "Bühnenbeleuchtung",
    "LED Wall",
    "Generator",
    "Absperrgitter",
];
const PLACES: [&str; 8] = [
    "Hauptbühne",
    "Aufbau Nord",
    "Backstage",
    "Front of House",
    "Eingang Süd",
    "Reserve",
    "Camping",
    "VIP-Bereich",
];
const CATEGORIES: [&str; 6] = ["Bühne", "Ton", "Licht", "Strom", "Zäune", "Catering"];
const KINDS: [&str; 5] = ["Festival", "Messestand", "Gala", "Konzert", "Firmenfeier"];
const CITIES: [&str; 8] = [
    "Düsseldorf",
    "Köln",
    "Hamburg",
    "München",
    "Berlin",
    "Leipzig",
    "Stuttgart",
    "Frankfurt",
];
const TASK_VERBS: [&str; 10] = [
    "Angebot einholen für",
    "Bestellen:",
    "Aufbau planen:",
    "Abnahme",
    "Sicherheitskonzept",
    "Crew briefen:",
    "Lieferung prüfen:",
    "Rigging-Plot",
    "Genehmigung beantragen:",
    "Abbau koordinieren:",
];
const PERMIT_TYPES: [&str; 6] = [
    "FIRE_SAFETY",
    "NOISE",
    "ROAD_CLOSURE",
    "TEMPORARY_STRUCTURE",
    "ALCOHOL",
    "ASSEMBLY",
];

/// One project's BOM rows: 5 % groups with lines under them, German names, prices with
/// cents. `project` and the row index make each name unique and searchable.
pub fn bom_rows(rng: &mut Rng, project: usize, rows: usize) -> Vec<ExportRow> {
    (0..rows)
        .map(|i| {
            let n = project * rows + i;
            let group = i % 20 == 0;
            ExportRow {
                level: if group { 1 } else { 2 },
                name: format!("{} {} #{n}", THINGS[rng.below(16)], PLACES[rng.below(8)]),
                description: (rng.below(4) == 0)
                    .then(|| format!("Für {} – siehe Rigging-Plot {}", rng.pick(&PLACES), n % 97)),
                quantity: Decimal::new(rng.below(40) as i64 + 1, 0),
                unit: "pcs".to_owned(),
                unit_price: Some(Decimal::new(rng.below(250_000) as i64 + 99, 2)),
                total: None,
                subtotal: None,
                category: Some((*rng.pick(&CATEGORIES)).to_owned()),
                supplier: None,
                status: "PLANNED".to_owned(),
                notes: None,
            }
        })
        .collect()
}

/// [`bom_rows`] as an XLSX file, as people bring their BOM in.
pub fn bom_sheet(rng: &mut Rng, project: usize, rows: usize) -> anyhow::Result<Vec<u8>> {
    let rows = bom_rows(rng, project, rows);
    let options = ExportOptions {
        include_costs: true,
        currency: "EUR".to_owned(),
        title: None,
    };
    eventmgr_sheets::write_xlsx(&rows, &options).map_err(|e| anyhow::anyhow!("{e}"))
}

fn err(e: eventmgr_app::AppError) -> anyhow::Error {
    match e {
        eventmgr_app::AppError::Validation(fields) => anyhow::anyhow!(
            "validation failed: {}",
            fields
                .iter()
                .map(|f| format!("{} ({}): {}", f.field, f.code, f.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

/// Fills the empty database behind `app`. `progress` is called after each project.
pub async fn generate(
    app: &App,
    size: Size,
    seed: u64,
    progress: impl FnMut(usize, usize),
) -> anyhow::Result<Generated> {
    let started = Instant::now();
    let Some(spec) = size.spec() else {
        let demo = app.load_demo().await.map_err(err)?;
        let login = |l: &eventmgr_app::demo::DemoLogin| Login {
            email: l.email.clone(),
            password: l.password.clone(),
            role: l.role.clone(),
        };
        let admin = demo
            .logins
            .first()
            .map(login)
            .context("the demo has an admin")?;
        // The demo has no files; each production gets its stage plan for the load test.
        let admin_user =
            eventmgr_app::store::repo::users::find_by_email(app.store.conn(), &admin.email)
                .await?
                .context("the demo admin exists")?;
        let actor = Actor::admin(admin_user.id, &admin.email, "bench-data");
        let projects = eventmgr_app::store::entity::project::Entity::find()
            .all(app.store.conn())
            .await?;
        for (p, project) in projects.iter().enumerate() {
            upload_plan(app, &actor, project.id, p).await?;
        }
        return Ok(Generated {
            admin,
            staff: demo.logins.iter().skip(1).map(login).collect(),
            projects: demo.projects,
            bom_items: demo.bom_items,
            tasks: demo.tasks,
            dependencies: demo.dependencies,
            permits: demo.permits,
            transports: demo.transports,
            cards: demo.cards,
            files: projects.len(),
            seconds: started.elapsed().as_secs_f64(),
        });
    };
    generate_spec(app, spec, seed, progress).await
}

/// Fills the empty database behind `app` with a company of `spec`'s size.
pub async fn generate_spec(
    app: &App,
    spec: Spec,
    seed: u64,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<Generated> {
    let started = Instant::now();
    let mut rng = Rng::new(seed);

    let admin_email = "admin@bench.example".to_owned();
    let admin_user = app
        .create_user(NewUser {
            email: admin_email.clone(),
            name: "Bench Admin".into(),
            role: "admin".into(),
            password: PASSWORD.into(),
            client_id: None,
        })
        .await
        .map_err(err)?;
    let admin = Actor::admin(admin_user.id, &admin_email, "bench-data");

    // Staff: one project manager in ten, the others members and a few viewers.
    let mut staff = Vec::with_capacity(spec.users);
    let mut managers = Vec::new();
    let mut members = Vec::new();
    let role_of = |u: usize| match u % 10 {
        0 => "project_manager",
        9 => "viewer",
        _ => "member",
    };
    // Sign-up hashes each password (Argon2, one hash per core at a time): two users at a
    // time keep both cores busy. `buffered` keeps them in order.
    let mut created = futures::stream::iter(0..spec.users)
        .map(|u| {
            app.create_user(NewUser {
                email: format!("user{u}@bench.example"),
                name: format!("Crew Member{u}"),
                role: role_of(u).into(),
                password: PASSWORD.into(),
                client_id: None,
            })
        })
        .buffered(2);
    let mut u = 0;
    while let Some(user) = created.next().await {
        let user = user.map_err(err)?;
        let role = role_of(u);
        if role == "project_manager" {
            managers.push(user.id);
        } else {
            members.push((user.id, role));
        }
        staff.push(Login {
            email: user.email.clone(),
            password: PASSWORD.to_owned(),
            role: role.to_owned(),
        });
        u += 1;
    }
    drop(created);

    let mut clients = Vec::new();
    for c in 0..(spec.projects / 5).max(1) {
        let client = app
            .create_client(
                &admin,
                CreateClient {
                    name: format!("{} Kultur GmbH {c}", rng.pick(&CITIES)),
                    contact_person: Some(format!("Kontakt {c}")),
                    email: Some(format!("client{c}@bench.example")),
                    phone: None,
                    address: None,
                    notes: None,
                },
            )
            .await
            .map_err(err)?;
        clients.push(client.id);
    }
    let mut suppliers = Vec::new();
    for s in 0..20 {
        let supplier = app
            .create_supplier(
                &admin,
                CreateSupplier {
                    name: format!("{} Verleih {s}", rng.pick(&THINGS)),
                    contact_person: None,
                    email: Some(format!("supplier{s}@bench.example")),
                    phone: None,
                    address: None,
                    category: Some((*rng.pick(&CATEGORIES)).to_owned()),
                    rating: None,
                    is_active: Some(true),
                    notes: None,
                },
            )
            .await
            .map_err(err)?;
        suppliers.push(supplier.id);
    }

    let mut out = Generated {
        admin: Login {
            email: admin_email,
            password: PASSWORD.to_owned(),
            role: "admin".to_owned(),
        },
        staff,
        ..Generated::default()
    };
    let company = Company {
        admin: &admin,
        spec,
        seed,
        today: Utc::now().date_naive(),
        managers: &managers,
        members: &members,
        clients: &clients,
        suppliers: &suppliers,
    };
    // Projects go in side by side where the database takes concurrent writers, as a
    // production company's people work side by side; each project draws from its own
    // random stream, so the company is the same whatever the order.
    let mut made = futures::stream::iter(0..spec.projects)
        .map(|p| company.project(app, p))
        .buffer_unordered(concurrency(app));
    let mut done = 0;
    while let Some(counts) = made.next().await {
        out.add(&counts?);
        done += 1;
        progress(done, spec.projects);
    }
    out.seconds = started.elapsed().as_secs_f64();
    Ok(out)
}

/// What every project of a generated company draws on.
struct Company<'a> {
    admin: &'a Actor,
    spec: Spec,
    seed: u64,
    today: chrono::NaiveDate,
    managers: &'a [Uuid],
    members: &'a [(Uuid, &'static str)],
    clients: &'a [Uuid],
    suppliers: &'a [Uuid],
}

/// How many projects are generated at a time: one on SQLite (it takes one writer at a time,
/// so more would only wait), three on PostgreSQL (the generator and the database then keep
/// both cores busy instead of taking turns).
fn concurrency(app: &App) -> usize {
    match app.store.conn().get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => 3,
        _ => 1,
    }
}

impl Company<'_> {
    /// Project number `p` with everything in it, from its own random stream.
    async fn project(&self, app: &App, p: usize) -> anyhow::Result<Generated> {
        let Company {
            admin,
            spec,
            today,
            managers,
            members,
            clients,
            suppliers,
            ..
        } = *self;
        let mut rng = Rng::new(
            self.seed
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(p as u64 + 1),
        );
        let mut made = Generated::default();
        // Projects start between a month ago and a year ahead, so lists, risks and
        // transports have a spread of dates around today.
        let start = today + Duration::days(rng.below(395) as i64 - 30);
        let manager = managers.get(p % managers.len().max(1)).copied();
        let project = app
            .create_project(
                admin,
                CreateProject {
                    name: format!("{} {} {p}", rng.pick(&KINDS), rng.pick(&CITIES)),
                    description: None,
                    start_date: start,
                    end_date: start + Duration::days(rng.below(4) as i64 + 1),
                    build_up_date: Some(start - Duration::days(5)),
                    dismantle_date: Some(start + Duration::days(8)),
                    venue: Some((*rng.pick(&PLACES)).to_owned()),
                    location: Some((*rng.pick(&CITIES)).to_owned()),
                    budget: Some(format!("{}.00", 100_000 + rng.below(900_000))),
                    currency: None,
                    manager_id: manager,
                    client_id: Some(clients[p % clients.len()]),
                    workflow_stages: None,
                },
            )
            .await
            .map_err(err)?;
        let project_id = project.id;
        // Creating the project made its manager (and the admin, its creator) members.
        // Five crew per project (fewer with a smaller staff), spread over the staff.
        for k in 0..members.len().min(5) {
            let (user, role) = members[(p * 5 + k) % members.len()];
            let member_role = if role == "viewer" { "VIEWER" } else { "MEMBER" };
            add_member(app, admin, project_id, user, member_role).await?;
        }
        made.projects += 1;

        // The BOM through the spreadsheet import, as production teams bring it in.
        let report = app
            .import_bom(
                admin,
                project_id,
                Upload {
                    bytes: bom_sheet(&mut rng, p, spec.bom_per_project)?,
                    filename: Some("stueckliste.xlsx".into()),
                    content_type: None,
                },
                false,
            )
            .await
            .map_err(err)?;
        made.bom_items += report.created;

        for i in 0..spec.permits_per_project {
            let status = ["PENDING", "SUBMITTED", "APPROVED"][rng.below(3)];
            app.create_permit(
                admin,
                project_id,
                CreatePermit {
                    name: format!("Genehmigung {} {i}", rng.pick(&PLACES)),
                    permit_type: (*rng.pick(&PERMIT_TYPES)).to_owned(),
                    authority: Some(format!("Ordnungsamt {}", rng.pick(&CITIES))),
                    reference_number: None,
                    status: Some(status.to_owned()),
                    application_date: (status != "PENDING").then(|| start - Duration::days(60)),
                    approval_date: (status == "APPROVED").then(|| start - Duration::days(20)),
                    expiry_date: None,
                    cost: Some(format!("{}.{:02}", 50 + rng.below(2_000), rng.below(100))),
                    notes: None,
                },
            )
            .await
            .map_err(err)?;
            made.permits += 1;
        }

        for i in 0..spec.transports_per_project {
            let day = start + Duration::days(rng.below(14) as i64 - 5);
            let at = Utc.from_utc_datetime(
                &(day.and_time(NaiveTime::MIN) + Duration::hours(6 + rng.below(12) as i64)),
            );
            app.create_transport(
                admin,
                project_id,
                CreateTransport {
                    logistics_type: ["DELIVERY", "PICKUP", "TRANSFER", "RETURN"][rng.below(4)]
                        .to_owned(),
                    description: format!("{} nach {} {i}", rng.pick(&THINGS), rng.pick(&PLACES)),
                    from_location: Some(format!("Lager {}", rng.pick(&CITIES))),
                    to_location: Some((*rng.pick(&PLACES)).to_owned()),
                    scheduled_at: Some(at),
                    actual_at: None,
                    status: Some("SCHEDULED".to_owned()),
                    cost: Some(format!("{}.00", 100 + rng.below(3_000))),
                    supplier_id: Some(*rng.pick(suppliers)),
                    vehicle: Some("7,5 t LKW".to_owned()),
                    contact: None,
                    notes: None,
                    bom_item_ids: None,
                },
            )
            .await
            .map_err(err)?;
            made.transports += 1;
        }

        // Tasks in chains of ten (each depends on the one before), as work is planned.
        let mut task_ids = Vec::with_capacity(spec.tasks_per_project);
        for t in 0..spec.tasks_per_project {
            let due = start - Duration::days((spec.tasks_per_project - t) as i64 / 4);
            let assignee =
                (!members.is_empty()).then(|| members[(p * 5 + t % 5) % members.len()].0);
            let task = app
                .create_task(
                    admin,
                    project_id,
                    CreateTask {
                        title: format!("{} {} {t}", rng.pick(&TASK_VERBS), rng.pick(&THINGS)),
                        description: None,
                        status: None,
                        priority: Some(
                            ["LOW", "MEDIUM", "HIGH", "CRITICAL"][rng.below(4)].to_owned(),
                        ),
                        assignee_id: assignee,
                        workflow_stage_id: None,
                        start_date: Some(due - Duration::days(2)),
                        due_date: Some(due),
                        estimated_hours: Some(format!("{}", 2 + rng.below(30))),
                        actual_hours: None,
                    },
                )
                .await
                .map_err(err)?;
            if t % 10 != 0
                && let Some(previous) = task_ids.last()
            {
                app.add_dependency(
                    admin,
                    task.id,
                    CreateDependency {
                        depends_on_id: *previous,
                    },
                )
                .await
                .map_err(err)?;
                made.dependencies += 1;
            }
            task_ids.push(task.id);
            made.tasks += 1;
        }

        // A board with its default columns; cards for the first tasks, in the first column.
        let board = app
            .create_board(
                admin,
                project_id,
                CreateBoard {
                    name: "Produktion".to_owned(),
                    description: None,
                    columns: None,
                },
            )
            .await
            .map_err(err)?;
        let board = app.get_board(admin, board.id).await.map_err(err)?;
        let first_column = board
            .columns
            .unwrap_or_default()
            .first()
            .map(|c| c.id)
            .context("a new board has columns")?;
        for task_id in task_ids.iter().take(spec.cards_per_project) {
            app.create_card(
                admin,
                first_column,
                CreateCard {
                    title: None,
                    description: None,
                    assignee_id: None,
                    priority: None,
                    due_date: None,
                    task_id: Some(*task_id),
                    after_id: None,
                    before_id: None,
                    force: false,
                },
            )
            .await
            .map_err(err)?;
            made.cards += 1;
        }
        upload_plan(app, admin, project_id, p).await?;
        made.files += 1;
        Ok(made)
    }
}

impl Generated {
    /// Adds one project's counts.
    fn add(&mut self, project: &Generated) {
        self.projects += project.projects;
        self.bom_items += project.bom_items;
        self.tasks += project.tasks;
        self.dependencies += project.dependencies;
        self.permits += project.permits;
        self.transports += project.transports;
        self.cards += project.cards;
        self.files += project.files;
    }
}

/// Size of the stage plan each project gets, the file the load test downloads.
pub const PLAN_BYTES: usize = 256 * 1024;

/// Uploads a stage plan (a PDF-looking file of [`PLAN_BYTES`]) through the upload use case.
async fn upload_plan(app: &App, admin: &Actor, project_id: Uuid, p: usize) -> anyhow::Result<()> {
    let mut body = format!("%PDF-1.7\n% Buehnenplan {p}\n").into_bytes();
    body.resize(PLAN_BYTES, b'.');
    let chunks = futures::stream::iter([Ok::<_, eventmgr_app::AppError>(bytes::Bytes::from(body))]);
    let mut upload = app.begin_upload(admin, project_id).await.map_err(err)?;
    upload
        .receive(Some("Buehnenplan.pdf"), Some("application/pdf"), chunks)
        .await
        .map_err(err)?;
    upload
        .finish(UploadFields {
            category: Some("PLAN".to_owned()),
            ..UploadFields::default()
        })
        .await
        .map_err(err)?;
    Ok(())
}

async fn add_member(
    app: &App,
    admin: &Actor,
    project_id: Uuid,
    user_id: Uuid,
    role: &str,
) -> anyhow::Result<()> {
    app.add_member(
        admin,
        project_id,
        AddMember {
            user_id,
            role: role.to_owned(),
        },
    )
    .await
    .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Rng, Spec};
    use eventmgr_server::config::{Config, LogFormat};

    const TINY: Spec = Spec {
        projects: 2,
        bom_per_project: 30,
        tasks_per_project: 12,
        permits_per_project: 2,
        transports_per_project: 3,
        users: 10,
        cards_per_project: 4,
    };

    /// Generates `TINY` into a fresh SQLite database and returns the project names and
    /// the number of rows per table.
    async fn tiny(seed: u64) -> (Vec<String>, Vec<i64>) {
        let dir = std::env::temp_dir().join(format!("bench-data-test-{}", uuid::Uuid::now_v7()));
        let config = Config {
            data_dir: dir.clone(),
            log_format: LogFormat::Json,
            ..Config::default()
        };
        let app = eventmgr_server::startup::build_app(&config).await.unwrap();
        let made = super::generate_spec(&app, TINY, seed, |_, _| {})
            .await
            .unwrap();
        assert_eq!(
            (made.projects, made.bom_items, made.tasks, made.dependencies),
            (2, 60, 24, 20)
        );
        assert_eq!(
            (made.permits, made.transports, made.cards, made.files),
            (4, 6, 8, 2)
        );
        let db = app.store.conn();
        let mut counts = Vec::new();
        for table in [
            "projects",
            "bom_items",
            "tasks",
            "task_dependencies",
            "permits",
            "logistics",
            "kanban_cards",
            "files",
            "users",
            "project_members",
        ] {
            let row = sea_orm::ConnectionTrait::query_one_raw(
                db,
                sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    format!("SELECT COUNT(*) AS n FROM {table}"),
                ),
            )
            .await
            .unwrap()
            .unwrap();
            counts.push(row.try_get::<i64>("", "n").unwrap());
        }
        let names = sea_orm::ConnectionTrait::query_all_raw(
            db,
            sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT name FROM projects ORDER BY name",
            ),
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .collect();
        drop(app);
        let _ = std::fs::remove_dir_all(dir);
        (names, counts)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_tiny_company_goes_in_through_the_use_cases_the_same_for_the_same_seed() {
        let (names, counts) = tiny(5).await;
        // Every row is where the counts say: an admin and ten staff; each project has its
        // creator (the admin), a manager and five crew as members, and one stage plan.
        assert_eq!(counts, [2, 60, 24, 20, 4, 6, 8, 2, 11, 14], "{names:?}");
        assert_eq!(
            tiny(5).await.0,
            names,
            "the same seed names the same projects"
        );
        assert_ne!(tiny(6).await.0, names, "another seed, another company");
    }

    #[test]
    fn the_generator_is_deterministic_from_its_seed() {
        let draws = |seed| {
            let mut rng = Rng::new(seed);
            (0..8).map(|_| rng.below(1000)).collect::<Vec<_>>()
        };
        assert_eq!(draws(42), draws(42));
        assert_ne!(draws(42), draws(43));
        let names = |seed| {
            super::bom_rows(&mut Rng::new(seed), 3, 40)
                .into_iter()
                .map(|r| (r.name, r.quantity, r.unit_price))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(7), names(7));
        assert_ne!(names(7), names(8));
    }
}
