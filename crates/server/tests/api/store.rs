//! The database layer on both backends: exact round trips, schema, WAL size, migrations
//! under concurrent start-up, clean shutdown.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use eventmgr_domain::round_money;
use eventmgr_store::DbDecimal;
use eventmgr_store::entity::project;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Statement};
use serde_json::json;
use uuid::Uuid;

use crate::both_backends;
use crate::helpers::{Backend, PgDatabase, TempDir, TestApp, test_config};

both_backends!(
    decimals_uuids_and_timestamps_round_trip_exactly,
    |app: TestApp| async move {
        let db = app.app.store.conn();
        let stamp: DateTime<Utc> =
            DateTime::<FixedOffset>::parse_from_rfc3339("2026-07-03T20:00:00.123456+02:00")
                .unwrap()
                .with_timezone(&Utc);
        let cases = [
            Decimal::from_str("9999999999999.99").unwrap(),
            round_money(Decimal::from_str("0.005").unwrap()),
            round_money(Decimal::from_str("0.015").unwrap()),
            Decimal::from_str("1500.00").unwrap(),
            Decimal::from_str("0.10").unwrap(),
            Decimal::from_str("-0.01").unwrap(),
        ];
        for (i, value) in cases.iter().enumerate() {
            let id = Uuid::now_v7();
            let model = project::Model {
                id,
                name: format!("edge {i}"),
                description: None,
                status: "PLANNING".into(),
                start_date: NaiveDate::from_ymd_opt(2026, 2, 28).unwrap(),
                end_date: NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
                build_up_date: None,
                dismantle_date: None,
                venue: None,
                location: None,
                budget: DbDecimal(*value),
                currency: "EUR".into(),
                manager_id: None,
                client_id: None,
                created_by: None,
                version: 1,
                created_at: stamp,
                updated_at: stamp,
                deleted_at: None,
            };
            eventmgr_store::repo::projects::insert(db, model.clone())
                .await
                .unwrap();
            let back = project::Entity::find_by_id(id)
                .one(db)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(back, model, "case {i}");
            assert_eq!(
                eventmgr_domain::Money::from_stored(back.budget.0).to_string(),
                format!("{value:.2}"),
                "case {i}"
            );
        }
        assert_eq!(cases[1].to_string(), "0.00", "0.005 rounds half to even");
        assert_eq!(cases[2].to_string(), "0.02");
        let back = project::Entity::find().all(db).await.unwrap();
        assert_eq!(
            back[0].created_at.to_rfc3339(),
            "2026-07-03T18:00:00.123456+00:00"
        );
        if app.backend == Backend::Sqlite {
            // Stored as TEXT, so NUMERIC affinity can never turn 1500.00 into 1500.
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    "SELECT typeof(budget) AS t, budget AS b FROM projects WHERE name = 'edge 3'",
                ))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(row.try_get::<String>("", "t").unwrap(), "text");
            assert_eq!(row.try_get::<String>("", "b").unwrap(), "1500.00");
        }
    }
);

both_backends!(
    schema_has_every_table_of_the_data_model,
    |app: TestApp| async move {
        for table in [
            "user_roles",
            "users",
            "clients",
            "projects",
            "project_members",
            "workflow_stages",
            "suppliers",
            "bom_items",
            "permits",
            "logistics",
            "logistics_items",
            "files",
            "tasks",
            "task_dependencies",
            "kanban_boards",
            "kanban_columns",
            "kanban_cards",
            "sessions",
            "refresh_tokens",
            "api_tokens",
            "audit_log",
            "idempotency_keys",
        ] {
            assert!(app.count(table).await >= 0, "{table}");
        }
        assert_eq!(app.count("user_roles").await, 5);
        // At most one ACTIVE workflow stage per project, enforced by the database.
        let project = app.project("Stages").await;
        let id: Uuid = project["id"].as_str().unwrap().parse().unwrap();
        let db = app.app.store.conn();
        let stages = eventmgr_store::repo::workflow_stages::list(db, id)
            .await
            .unwrap();
        let activate = |stage: Uuid| {
            let mut am = eventmgr_store::entity::workflow_stage::ActiveModel {
                id: sea_orm::ActiveValue::Unchanged(stage),
                ..Default::default()
            };
            am.status = sea_orm::ActiveValue::Set("ACTIVE".into());
            am
        };
        activate(stages[0].id).update(db).await.unwrap();
        assert!(activate(stages[1].id).update(db).await.is_err());
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_wal_stays_small_under_writes() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let body = json!({"name": "Load", "start_date": "2027-01-01", "end_date": "2027-01-02", "description": "x".repeat(2000)});
    for _ in 0..400 {
        let r = app.post("/api/v1/projects", body.clone()).await;
        assert_eq!(r.status, 201);
        let id = r.body["id"].as_str().unwrap().to_owned();
        assert_eq!(app.get(&format!("/api/v1/projects/{id}")).await.status, 200);
        assert_eq!(
            app.patch(
                &format!("/api/v1/projects/{id}"),
                json!({"venue": "Halle 1"}),
                Some(1)
            )
            .await
            .status,
            200
        );
    }
    let wal = app.data_dir.join("eventmgr.db-wal");
    let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    // Auto-checkpoints keep the WAL near 1000 pages (4 MiB); an open read snapshot would
    // let it grow without bound (about 25 MiB for this test).
    assert!(
        size < 8 * 1024 * 1024,
        "WAL grew to {size} bytes: something holds a read snapshot open"
    );
    let dir = app.data_dir.clone();
    app.stop().await;
    let after = std::fs::metadata(dir.join("eventmgr.db-wal"))
        .map(|m| m.len())
        .unwrap_or(0);
    assert_eq!(after, 0, "a clean shutdown checkpoints and empties the WAL");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_starting_at_once_migrate_postgres_once() {
    let Some(pg) = PgDatabase::create().await else {
        return;
    };
    let (dir_a, dir_b) = (TempDir::new(), TempDir::new());
    let (config_a, config_b) = (
        test_config(&dir_a, Some(pg.url.clone())),
        test_config(&dir_b, Some(pg.url.clone())),
    );
    let (a, b) = tokio::join!(
        eventmgr_server::startup::Application::build(&config_a),
        eventmgr_server::startup::Application::build(&config_b)
    );
    let (a, b) = (
        a.expect("first server starts"),
        b.expect("second server starts"),
    );
    let db = a.app().store.conn();
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations",
        ))
        .await
        .unwrap();
    let known = a.app().store.migration_status().await.unwrap().len();
    assert_eq!(rows.len(), known, "each migration recorded once");
    let roles = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM user_roles",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        roles.try_get::<i64>("", "n").unwrap(),
        5,
        "built-in roles created once"
    );
    assert!(b.app().store.migrations_current().await.unwrap());
    a.app().store.close().await.unwrap();
    b.app().store.close().await.unwrap();
}

both_backends!(
    graceful_stop_closes_the_database,
    |app: TestApp| async move {
        let base = app.base.clone();
        let store = app.app.store.clone();
        app.stop().await;
        assert!(
            reqwest::get(format!("{base}/healthz")).await.is_err(),
            "no new connections after shutdown"
        );
        assert!(store.ping().await.is_err(), "the pool is closed");
    }
);

/// A request body that sends half a project, waits, then sends the rest.
fn slow_project_body(pause: std::time::Duration) -> reqwest::Body {
    let first = br#"{"name": "Slow upload", "start_date": "2027-01-01", "#.to_vec();
    let rest = br#""end_date": "2027-01-02"}"#.to_vec();
    let stream = futures::stream::iter([Ok::<_, std::io::Error>(first)]).chain(
        futures::stream::once(async move {
            tokio::time::sleep(pause).await;
            Ok(rest)
        }),
    );
    reqwest::Body::wrap_stream(stream)
}

use futures::StreamExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_lets_in_flight_requests_finish() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let request = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(&app.admin_token)
        .header("content-type", "application/json")
        .body(slow_project_body(std::time::Duration::from_millis(1500)))
        .send();
    let in_flight = tokio::spawn(request);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let base = app.base.clone();
    let stopping = tokio::spawn(app.stop());
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        reqwest::get(format!("{base}/healthz")).await.is_err(),
        "new connections are refused while stopping"
    );
    let answer = in_flight
        .await
        .unwrap()
        .expect("the in-flight request is answered");
    assert_eq!(answer.status().as_u16(), 201, "{:?}", answer.text().await);
    stopping.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_over_the_time_limit_get_503_and_write_nothing() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.request_timeout_seconds = 1)
        .await
        .unwrap();
    let r = app
        .send(
            app.client
                .post(app.url("/api/v1/projects"))
                .bearer_auth(&app.admin_token)
                .header("content-type", "application/json")
                .body(slow_project_body(std::time::Duration::from_secs(3))),
        )
        .await;
    assert_eq!(
        r.problem(503)["type"],
        "https://eventmgr.dev/problems/timeout"
    );
    assert_eq!(app.count("projects").await, 0);
}
