//! `eventmgr demo`: a believable event company on an empty database — clients, staff with
//! logins, and four productions at different stages, dated relative to today. The festival
//! also gets a full production plan (suppliers, BOM, permits, transports): see `festival.rs`
//! for how it is created and `production.rs` for the data. Every production gets tasks
//! with dependencies, its workflow walked to the current stage and a kanban board: see
//! `work.rs` and the plan in `work_plan.rs`.

mod festival;
mod production;
mod work;
mod work_plan;

use chrono::{Duration, NaiveDate, Utc};
use rand::Rng;
use rand::distr::Alphanumeric;
use uuid::Uuid;

use crate::clients::CreateClient;
use crate::members::AddMember;
use crate::projects::{CreateProject, TransitionRequest};
use crate::users::NewUser;
use crate::{Actor, App, AppError};

/// A login the demo created, printed for the person who ran it.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub name: String,
    pub role: String,
    pub password: String,
}

/// Summary of what the demo created.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub logins: Vec<DemoLogin>,
    pub clients: usize,
    pub projects: usize,
    pub suppliers: usize,
    pub bom_items: usize,
    pub permits: usize,
    pub transports: usize,
    pub tasks: usize,
    pub dependencies: usize,
    pub cards: usize,
}

fn password() -> String {
    let random: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(14)
        .map(char::from)
        .collect();
    format!("Demo-{random}")
}

const STAFF: [(&str, &str, &str); 6] = [
    ("sabine.krueger@demo.eventmgr.dev", "Sabine Krüger", "admin"),
    (
        "jonas.becker@demo.eventmgr.dev",
        "Jonas Becker",
        "project_manager",
    ),
    (
        "emily.carter@demo.eventmgr.dev",
        "Emily Carter",
        "project_manager",
    ),
    ("lukas.wagner@demo.eventmgr.dev", "Lukas Wagner", "member"),
    ("aylin.demir@demo.eventmgr.dev", "Aylin Demir", "member"),
    ("tom.richter@demo.eventmgr.dev", "Tom Richter", "viewer"),
];

impl App {
    /// Fills an empty database. Refuses (changing nothing) when any user exists.
    pub async fn load_demo(&self) -> Result<DemoSummary, AppError> {
        if eventmgr_store::repo::users::count(self.store.conn()).await? > 0 {
            return Err(AppError::Conflict(
                "the database is not empty; the demo only fills an empty one".to_owned(),
            ));
        }
        let mut logins = Vec::new();
        let mut ids = Vec::new();
        for (email, name, role) in STAFF {
            let pw = password();
            let user = self
                .create_user(NewUser {
                    email: email.into(),
                    name: name.into(),
                    role: role.into(),
                    password: pw.clone(),
                    client_id: None,
                })
                .await?;
            ids.push(user.id);
            logins.push(DemoLogin {
                email: email.into(),
                name: name.into(),
                role: role.into(),
                password: pw,
            });
        }
        let [admin_id, jonas, emily, lukas, aylin, tom] = ids[..] else {
            return Err(AppError::Internal("demo staff missing".to_owned()));
        };
        let admin = Actor::admin(admin_id, STAFF[0].0, "demo");

        let client =
            |name: &str, person: &str, email: &str, phone: &str, address: &str| CreateClient {
                name: name.into(),
                contact_person: Some(person.into()),
                email: Some(email.into()),
                phone: Some(phone.into()),
                address: Some(address.into()),
                notes: None,
            };
        let nordlicht = self
            .create_client(
                &admin,
                client(
                    "Nordlicht Kultur e.V.",
                    "Mareike Hansen",
                    "booking@nordlicht-kultur.example",
                    "+49 211 5550 100",
                    "Königsallee 12, 40212 Düsseldorf",
                ),
            )
            .await?;
        let helix = self
            .create_client(
                &admin,
                client(
                    "Helix Medical AG",
                    "Dr. Petra Lang",
                    "events@helix-medical.example",
                    "+49 89 5550 2200",
                    "Leopoldstraße 80, 80802 München",
                ),
            )
            .await?;
        let weber = self
            .create_client(
                &admin,
                client(
                    "Bankhaus Weber & Söhne",
                    "Friedrich Weber",
                    "f.weber@bankhaus-weber.example",
                    "+49 611 5550 300",
                    "Wilhelmstraße 5, 65183 Wiesbaden",
                ),
            )
            .await?;
        let stadtwerke = self
            .create_client(
                &admin,
                client(
                    "Stadtwerke Rheinfeld GmbH",
                    "Claire Dubois",
                    "marketing@sw-rheinfeld.example",
                    "+49 2131 5550 40",
                    "Am Hafen 3, 41460 Neuss",
                ),
            )
            .await?;

        let client_pw = password();
        self.create_user(NewUser {
            email: "petra.lang@helix-medical.example".into(),
            name: "Petra Lang".into(),
            role: "client".into(),
            password: client_pw.clone(),
            client_id: Some(helix.id),
        })
        .await?;
        logins.push(DemoLogin {
            email: "petra.lang@helix-medical.example".into(),
            name: "Petra Lang (Helix Medical AG)".into(),
            role: "client".into(),
            password: client_pw,
        });

        let today = Utc::now().date_naive();
        let day = |offset: i64| -> NaiveDate { today + Duration::days(offset) };
        let project = |name: &str,
                       description: &str,
                       start: NaiveDate,
                       days: i64,
                       venue: &str,
                       location: &str,
                       budget: &str,
                       manager: Uuid,
                       client: Uuid| CreateProject {
            name: name.into(),
            description: Some(description.into()),
            start_date: start,
            end_date: start + Duration::days(days - 1),
            // Build-up starts nine days before doors open; dismantling takes three days.
            build_up_date: Some(start - Duration::days(9)),
            dismantle_date: Some(start + Duration::days(days + 2)),
            venue: Some(venue.into()),
            location: Some(location.into()),
            budget: Some(budget.into()),
            currency: Some("EUR".into()),
            manager_id: Some(manager),
            client_id: Some(client),
            workflow_stages: None,
        };
        let festival = self
            .create_project(&admin, project(
                "Rheinwiesen Open Air 2027",
                "Three-day open-air festival for 15,000 guests: two stages, 38 acts, camping, food court. Stage build-up starts nine days before doors open.",
                day(180), 3, "Rheinwiesen Oberkassel", "Rheinallee, 40545 Düsseldorf", "1850000.00", jonas, nordlicht.id))
            .await?;
        let stand = self
            .create_project(&admin, project(
                "Helix Medical – Messestand MEDICA",
                "Two-storey trade-fair stand (240 m²) with product theatre, meeting lounge and barista bar.",
                day(45), 4, "Messe Düsseldorf, Halle 12", "Stockumer Kirchstraße 61, 40474 Düsseldorf", "240000.00", emily, helix.id))
            .await?;
        let gala = self
            .create_project(&admin, project(
                "Winter Gala Bankhaus Weber",
                "Black-tie gala dinner for 420 guests with string quartet, awards ceremony and late-night band.",
                day(20), 1, "Kurhaus Wiesbaden, Friedrich-von-Thiersch-Saal", "Kurhausplatz 1, 65189 Wiesbaden", "95500.00", emily, weber.id))
            .await?;
        let summer = self
            .create_project(
                &admin,
                project(
                    "Sommerfest Stadtwerke 2026",
                    "Staff summer party for 1,200 employees and families.",
                    day(-120),
                    1,
                    "Rennbahnpark Neuss",
                    "Rennbahnpark, 41460 Neuss",
                    "68000.00",
                    jonas,
                    stadtwerke.id,
                ),
            )
            .await?;

        let member = |user_id: Uuid, role: &str| AddMember {
            user_id,
            role: role.into(),
        };
        self.add_member(&admin, festival.id, member(lukas, "MEMBER"))
            .await?;
        self.add_member(&admin, festival.id, member(aylin, "MEMBER"))
            .await?;
        self.add_member(&admin, festival.id, member(tom, "VIEWER"))
            .await?;
        self.add_member(&admin, stand.id, member(lukas, "MEMBER"))
            .await?;
        self.add_member(&admin, gala.id, member(aylin, "MEMBER"))
            .await?;
        self.add_member(&admin, summer.id, member(lukas, "MEMBER"))
            .await?;

        // Work before the status transitions, while every production still takes writes.
        let work = |project_id: Uuid,
                    start: NaiveDate,
                    current_stage: usize,
                    full_plan: bool,
                    lead_time_scale: f64,
                    manager: Uuid,
                    crew_a: Option<Uuid>,
                    crew_b: Option<Uuid>| work::WorkSetup {
            project_id,
            start,
            current_stage,
            full_plan,
            lead_time_scale,
            manager,
            crew_a,
            crew_b,
        };
        let setups = [
            // Half a year out: the concept is signed off, planning is under way.
            work(
                festival.id,
                festival.start_date,
                1,
                true,
                1.0,
                jonas,
                Some(lukas),
                Some(aylin),
            ),
            // Six weeks out: ordering.
            work(
                stand.id,
                stand.start_date,
                2,
                false,
                0.5,
                emily,
                Some(lukas),
                None,
            ),
            // Three weeks out: ordering, on a short lead time.
            work(
                gala.id,
                gala.start_date,
                2,
                false,
                0.3,
                emily,
                Some(aylin),
                None,
            ),
            // Four months ago: everything done.
            work(
                summer.id,
                summer.start_date,
                work::FINISHED,
                false,
                0.5,
                jonas,
                Some(lukas),
                Some(jonas),
            ),
        ];
        let (mut tasks, mut dependencies, mut cards) = (0, 0, 0);
        for setup in &setups {
            let counts = self.demo_work(&admin, setup).await?;
            tasks += counts.tasks;
            dependencies += counts.dependencies;
            cards += counts.cards;
        }

        let step = |to: &str| TransitionRequest { to: to.into() };
        self.transition_project(&admin, festival.id, None, step("CONFIRMED"))
            .await?;
        for to in ["CONFIRMED", "IN_PRODUCTION"] {
            self.transition_project(&admin, stand.id, None, step(to))
                .await?;
        }
        for to in ["CONFIRMED", "IN_PRODUCTION", "LIVE", "WRAP_UP", "COMPLETED"] {
            self.transition_project(&admin, summer.id, None, step(to))
                .await?;
        }
        // Last, so the plan is created against the festival as it now stands (CONFIRMED).
        let plan = self
            .demo_festival_production(&admin, festival.id, festival.start_date, today)
            .await?;
        Ok(DemoSummary {
            logins,
            clients: 4,
            projects: 4,
            suppliers: plan.suppliers,
            bom_items: plan.bom_items,
            permits: plan.permits,
            transports: plan.transports,
            tasks,
            dependencies,
            cards,
        })
    }
}
