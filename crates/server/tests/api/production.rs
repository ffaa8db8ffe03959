//! Permits and logistics (status machines, date rules, window warnings, carried items) and
//! the project summary, which must equal a recomputation from the lists.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{Duration, Utc};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

fn d(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap()).unwrap()
}

/// A project starting in `days` days, three days long, with build-up 5 days before and
/// dismantling 2 days after.
async fn project_in(app: &TestApp, days: i64, budget: &str) -> (String, chrono::NaiveDate) {
    let start = Utc::now().date_naive() + Duration::days(days);
    let r = app.post("/api/v1/projects", json!({
        "name": format!("Show in {days} days"), "start_date": start, "end_date": start + Duration::days(2),
        "build_up_date": start - Duration::days(5), "dismantle_date": start + Duration::days(4), "budget": budget,
    })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["build_up_date"], json!(start - Duration::days(5)));
    (id(&r.body), start)
}

both_backends!(
    project_window_dates_are_checked,
    |app: TestApp| async move {
        let r = app.post("/api/v1/projects", json!({"name": "X", "start_date": "2027-06-10", "end_date": "2027-06-12", "build_up_date": "2027-06-11", "dismantle_date": "2027-06-11"})).await;
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, ["build_up_date", "dismantle_date"]);
        let (p, _) = project_in(&app, 30, "100.00").await;
        let r = app
            .patch(
                &format!("/api/v1/projects/{p}"),
                json!({"build_up_date": null}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.body["build_up_date"].is_null());
    }
);

both_backends!(
    permit_lifecycle_dates_and_filters,
    |app: TestApp| async move {
        let (p, start) = project_in(&app, 60, "1000.00").await;
        let base = format!("/api/v1/projects/{p}/permits");
        let r = app.post(&base, json!({"name": "Fire safety concept", "permit_type": "fire_safety", "cost": "450.00", "authority": "Feuerwehr Düsseldorf"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["status"], "PENDING");
        assert_eq!(r.body["permit_type"], "FIRE_SAFETY");
        assert!(r.body["risk"].is_null());
        let fire = id(&r.body);
        // Date rules and vocabularies: 422 naming the fields.
        let r = app.post(&base, json!({"name": "x", "permit_type": "PARKING", "application_date": "2027-01-10", "approval_date": "2027-01-09"})).await;
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, ["approval_date", "permit_type"]);
        let r = app.post(&base, json!({"name": "x", "permit_type": "NOISE", "approval_date": "2027-01-09", "expiry_date": "2027-01-09"})).await;
        assert_eq!(r.error_fields(), ["expiry_date"]);
        let r = app
            .post(
                &base,
                json!({"name": "x", "permit_type": "NOISE", "cost": "-1"}),
            )
            .await;
        assert_eq!(r.error_fields(), ["cost"]);
        // The status machine.
        let url = format!("/api/v1/permits/{fire}");
        let detail = app
            .patch(&url, json!({"status": "APPROVED"}), None)
            .await
            .problem(409)["detail"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            detail.contains("allowed from PENDING: SUBMITTED"),
            "{detail}"
        );
        let r = app.patch(&url, json!({"status": "SUBMITTED"}), None).await;
        assert_eq!(r.body["application_date"], json!(Utc::now().date_naive()));
        let r = app.patch(&url, json!({"status": "NEEDS_INFO"}), None).await;
        assert_eq!(r.status, 200);
        app.patch(&url, json!({"status": "SUBMITTED"}), None).await;
        let r = app
            .patch(
                &url,
                json!({"status": "APPROVED", "expiry_date": start + Duration::days(1)}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["approval_date"], json!(Utc::now().date_naive()));
        // Expires before the show ends: a risk.
        assert!(
            r.body["risk"].as_str().unwrap().starts_with("expires on"),
            "{}",
            r.text
        );
        assert_eq!(r.body["risk_code"], "EXPIRES_EARLY");
        app.patch(&url, json!({"status": "PENDING"}), None)
            .await
            .problem(409);
        let noise = id(&app.post(&base, json!({"name": "Noise exemption", "permit_type": "NOISE", "expiry_date": "2030-01-01"})).await.body);
        app.post(
            &base,
            json!({"name": "Road closure", "permit_type": "ROAD_CLOSURE", "status": "SUBMITTED"}),
        )
        .await;
        let names = |v: &Value| -> Vec<String> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            names(&app.get(&format!("{base}?status=approved")).await.body),
            ["Fire safety concept"]
        );
        assert_eq!(
            names(
                &app.get(&format!("{base}?permit_type=NOISE,ROAD_CLOSURE&sort=name"))
                    .await
                    .body
            ),
            ["Noise exemption", "Road closure"]
        );
        assert_eq!(
            names(
                &app.get(&format!("{base}?expiring_before=2029-01-01"))
                    .await
                    .body
            ),
            ["Fire safety concept"]
        );
        assert_eq!(
            names(&app.get(&format!("{base}?sort=expiry_date")).await.body),
            ["Fire safety concept", "Noise exemption", "Road closure"]
        );
        app.get(&format!("{base}?permit_type=PARKING"))
            .await
            .problem(400);
        // Deleting is versioned and audited.
        let stale = app
            .send(
                app.client
                    .delete(app.url(&format!("/api/v1/permits/{noise}")))
                    .bearer_auth(&app.admin_token)
                    .header("if-match", "\"7\""),
            )
            .await;
        stale.problem(412);
        let r = app.delete(&format!("/api/v1/permits/{noise}")).await;
        assert_eq!(r.status, 204, "{}", r.text);
        for action in ["permit.create", "permit.update", "permit.delete"] {
            let audit = app
                .get(&format!("/api/v1/audit-log?action={action}"))
                .await
                .body;
            assert!(
                !audit["items"].as_array().unwrap().is_empty(),
                "{action}: {audit}"
            );
        }
        let deleted = app.get("/api/v1/audit-log?action=permit.delete").await.body;
        assert!(deleted.to_string().contains("Noise exemption"), "{deleted}");
        assert_eq!(
            app.get(&format!("/api/v1/permits/{noise}")).await.status,
            404
        );
    }
);

both_backends!(
    transports_warn_outside_the_window,
    |app: TestApp| async move {
        let (p, start) = project_in(&app, 40, "1000.00").await;
        let (other, _) = project_in(&app, 41, "1000.00").await;
        let base = format!("/api/v1/projects/{p}/logistics");
        let line = app
            .post(
                &format!("/api/v1/projects/{p}/bom-items"),
                json!({"name": "Stage"}),
            )
            .await
            .body;
        let foreign = app
            .post(
                &format!("/api/v1/projects/{other}/bom-items"),
                json!({"name": "Foreign"}),
            )
            .await
            .body;
        let at = |days: i64| {
            (start + Duration::days(days))
                .and_hms_opt(7, 30, 0)
                .unwrap()
                .and_utc()
        };
        // Inside the window (build-up starts 5 days before): no warning.
        let r = app.post(&base, json!({"logistics_type": "DELIVERY", "description": "Stage truck", "scheduled_at": at(-5), "status": "SCHEDULED", "cost": "780.00", "bom_item_ids": [id(&line)]})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["warnings"], json!([]));
        assert_eq!(r.body["bom_item_ids"], json!([id(&line)]));
        let truck = id(&r.body);
        // Outside: accepted, flagged.
        let r = app.post(&base, json!({"logistics_type": "pickup", "description": "Too early", "scheduled_at": at(-6)})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert!(
            r.body["warnings"][0]
                .as_str()
                .unwrap()
                .contains("outside the production window"),
            "{}",
            r.text
        );
        assert_eq!(
            r.body["warning_details"],
            json!([{"code": "OUTSIDE_WINDOW", "day": start - Duration::days(6),
                "window_start": start - Duration::days(5), "window_end": start + Duration::days(4)}]),
            "{}",
            r.text
        );
        let r = app.post(&base, json!({"logistics_type": "RETURN", "description": "Late return", "scheduled_at": at(7)})).await;
        assert_eq!(r.body["warnings"].as_array().unwrap().len(), 1);
        // A cancelled one is not worth a warning.
        let late = id(&r.body);
        let r = app
            .patch(
                &format!("/api/v1/logistics/{late}"),
                json!({"status": "CANCELLED"}),
                None,
            )
            .await;
        assert_eq!(r.body["warnings"], json!([]), "{}", r.text);
        let r = app
            .patch(
                &format!("/api/v1/logistics/{late}"),
                json!({"status": "PLANNED"}),
                None,
            )
            .await;
        assert_eq!(
            r.body["warnings"].as_array().unwrap().len(),
            1,
            "{}",
            r.text
        );
        // Recorded after the fact as DELIVERED: it arrived when scheduled.
        let past = Utc::now() - Duration::days(1);
        let r = app.post(&base, json!({"logistics_type": "DELIVERY", "description": "Office container", "scheduled_at": past, "status": "DELIVERED"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(
            chrono::DateTime::parse_from_rfc3339(r.body["actual_at"].as_str().unwrap()).unwrap(),
            chrono::DateTime::parse_from_rfc3339(r.body["scheduled_at"].as_str().unwrap()).unwrap()
        );
        let r = app
            .delete(&format!("/api/v1/logistics/{}", id(&r.body)))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        // Every write is audited.
        let audit = app
            .get("/api/v1/audit-log?action=transport.create")
            .await
            .body;
        assert!(audit.to_string().contains(&truck), "{audit}");
        let audit = app
            .get("/api/v1/audit-log?action=transport.delete")
            .await
            .body;
        assert_eq!(audit["items"].as_array().unwrap().len(), 1, "{audit}");
        // Bad input.
        let r = app.post(&base, json!({"logistics_type": "TRUCK", "description": " ", "status": "SCHEDULED", "bom_item_ids": [id(&foreign)]})).await;
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(
            fields,
            [
                "bom_item_ids",
                "description",
                "logistics_type",
                "scheduled_at"
            ]
        );
        // The status machine; DELIVERED stamps the actual time.
        let url = format!("/api/v1/logistics/{truck}");
        // A scheduled transport keeps its date.
        let r = app.patch(&url, json!({"scheduled_at": null}), None).await;
        assert_eq!(r.error_fields(), ["scheduled_at"]);
        let r = app.patch(&url, json!({"status": "DELIVERED"}), None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.body["actual_at"].is_string());
        app.patch(&url, json!({"status": "CANCELLED"}), None)
            .await
            .problem(409);
        let r = app.patch(&url, json!({"bom_item_ids": []}), None).await;
        assert_eq!(r.body["bom_item_ids"], json!([]));
        // Filters and the default sort by schedule.
        let list = app
            .get(&format!("{base}?logistics_type=PICKUP,RETURN"))
            .await
            .body;
        let names: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["description"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Too early", "Late return"]);
        // Deleting the carried BOM item removes it from the transport, not the transport.
        app.patch(&url, json!({"bom_item_ids": [id(&line)]}), None)
            .await;
        app.delete(&format!("/api/v1/bom-items/{}", id(&line)))
            .await;
        assert_eq!(app.get(&url).await.body["bom_item_ids"], json!([]));
    }
);

both_backends!(summary_equals_a_recomputation, |app: TestApp| async move {
    let client = app.client_record("Weber").await;
    let start = Utc::now().date_naive() + Duration::days(10);
    let project = app.post("/api/v1/projects", json!({"name": "Gala", "start_date": start, "end_date": start, "budget": "20000.00", "client_id": client["id"]})).await.body;
    let p = id(&project);
    let bom = format!("/api/v1/projects/{p}/bom-items");
    let items = [
        ("Stage", "12", "310.00", "Stage", "CONFIRMED"),
        ("Lights", "40", "35.50", "Lighting", "ORDERED"),
        ("Extra lights", "3", "0.35", "Lighting", "PLANNED"),
        ("Misc", "1", "99.99", "", "PLANNED"),
    ];
    for (name, q, price, cat, status) in items {
        let cat = (!cat.is_empty()).then_some(cat);
        let r = app.post(&bom, json!({"name": name, "quantity": q, "unit_price": price, "category": cat, "status": status})).await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let permits = format!("/api/v1/projects/{p}/permits");
    app.post(&permits, json!({"name": "Assembly", "permit_type": "ASSEMBLY", "cost": "1200.00", "status": "SUBMITTED"})).await;
    app.post(&permits, json!({"name": "Alcohol", "permit_type": "ALCOHOL", "cost": "85.50", "status": "APPROVED", "approval_date": Utc::now().date_naive()})).await;
    let logistics = format!("/api/v1/projects/{p}/logistics");
    for i in 0..7 {
        let when = Utc::now() + Duration::days(i + 1);
        app.post(&logistics, json!({"logistics_type": "DELIVERY", "description": format!("Truck {i}"), "scheduled_at": when, "cost": "150.25", "status": if i == 0 { "CANCELLED" } else { "SCHEDULED" }})).await;
    }
    let tasks = format!("/api/v1/projects/{p}/tasks");
    let yesterday = Utc::now().date_naive() - Duration::days(1);
    for body in [
        json!({"title": "Seating plan", "status": "DONE", "estimated_hours": "4.50", "due_date": yesterday}),
        json!({"title": "Menu tasting", "status": "TODO", "estimated_hours": "2.25", "due_date": yesterday}),
        json!({"title": "Band contract", "status": "IN_PROGRESS"}),
    ] {
        assert_eq!(app.post(&tasks, body).await.status, 201);
    }
    let stages = app
        .get(&format!("/api/v1/projects/{p}/workflow-stages"))
        .await
        .body;
    let planning = stages["items"][1]["id"].as_str().unwrap().to_owned();
    for stage in [
        &stages["items"][0]["id"].as_str().unwrap().to_owned(),
        &planning,
    ] {
        let r = app
            .patch(
                &format!("/api/v1/workflow-stages/{stage}"),
                json!({"status": "ACTIVE"}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let s = app.get(&format!("/api/v1/projects/{p}/summary")).await;
    assert_eq!(s.status, 200, "{}", s.text);
    // Task progress: one of three done, the other dated one overdue, hours summed exactly.
    assert_eq!(
        s.body["tasks"],
        json!({
            "count": 3, "done": 1, "overdue": 1, "percent_done": "33.3",
            "estimated_hours": "6.75", "remaining_hours": "2.25",
            "by_status": [
                {"status": "TODO", "count": 1, "estimated_hours": "2.25"},
                {"status": "IN_PROGRESS", "count": 1, "estimated_hours": "0.00"},
                {"status": "DONE", "count": 1, "estimated_hours": "4.50"},
            ],
        })
    );
    assert_eq!(s.body["stages"]["count"], 7);
    assert_eq!(s.body["stages"]["done"], 1);
    assert_eq!(s.body["stages"]["current"]["id"], planning.as_str());
    let s = s.body;

    // Recompute from the lists.
    let list = |path: String| {
        let app = &app;
        async move {
            app.get(&format!("{path}?limit=200")).await.body["items"]
                .as_array()
                .unwrap()
                .clone()
        }
    };
    let bom_items = list(bom.clone()).await;
    let mut by_cat: BTreeMap<String, (i64, Decimal)> = BTreeMap::new();
    let mut by_status: BTreeMap<String, (i64, Decimal)> = BTreeMap::new();
    for i in &bom_items {
        let total = d(&i["total_price"]);
        let e = by_cat.entry(i["category"].to_string()).or_default();
        e.0 += 1;
        e.1 += total;
        let e = by_status
            .entry(i["status"].as_str().unwrap().to_owned())
            .or_default();
        e.0 += 1;
        e.1 += total;
    }
    let bom_total: Decimal = bom_items.iter().map(|i| d(&i["total_price"])).sum();
    let shown_cat: BTreeMap<String, (i64, Decimal)> = s["bom"]["by_category"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].to_string(),
                (g["count"].as_i64().unwrap(), d(&g["total_price"])),
            )
        })
        .collect();
    assert_eq!(shown_cat, by_cat);
    let shown_status: BTreeMap<String, (i64, Decimal)> = s["bom"]["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_owned(),
                (g["count"].as_i64().unwrap(), d(&g["total_price"])),
            )
        })
        .collect();
    assert_eq!(shown_status, by_status);
    let permit_total: Decimal = list(permits.clone())
        .await
        .iter()
        .map(|i| d(&i["cost"]))
        .sum();
    let transport_list = list(logistics.clone()).await;
    let transport_total: Decimal = transport_list.iter().map(|i| d(&i["cost"])).sum();
    assert_eq!(d(&s["costs"]["bom"]), bom_total);
    assert_eq!(d(&s["costs"]["permits"]), permit_total);
    assert_eq!(d(&s["costs"]["logistics"]), transport_total);
    let total = bom_total + permit_total + transport_total;
    assert_eq!(d(&s["costs"]["total"]), total);
    assert_eq!(d(&s["costs"]["remaining"]), Decimal::from(20000) - total);
    // 3720 + 1420 + 1.05 + 99.99 + 1285.50 + 7 × 150.25 = 7578.29 → 37.9 %.
    assert_eq!(s["costs"]["total"], "7578.29");
    assert_eq!(s["costs"]["percent_of_budget"], "37.9");
    assert_eq!(s["costs"]["over_budget"], false);
    assert_eq!(
        s["counts"],
        json!({"bom_items": 4, "permits": 2, "transports": 7, "tasks": 3})
    );
    // The submitted permit is at risk 10 days before the start; the approved one is not.
    let at_risk: Vec<&str> = s["permits"]["at_risk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(at_risk, ["Assembly"]);
    assert_eq!(s["permits"]["at_risk"][0]["risk_code"], "NOT_APPROVED");
    let none = app
        .get(&format!("/api/v1/projects/{p}/summary?permit_risk_days=5"))
        .await
        .body;
    assert_eq!(none["permits"]["at_risk"], json!([]));
    app.get(&format!("/api/v1/projects/{p}/summary?permit_risk_days=-1"))
        .await
        .problem(400);
    // The next five transports, earliest first, cancelled ones left out.
    let next: Vec<&str> = s["logistics"]["next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        next,
        ["Truck 1", "Truck 2", "Truck 3", "Truck 4", "Truck 5"]
    );
    // Over budget is flagged.
    app.post(
        &bom,
        json!({"name": "Fireworks", "quantity": "1", "unit_price": "15000.00"}),
    )
    .await;
    let s = app.get(&format!("/api/v1/projects/{p}/summary")).await.body;
    assert_eq!(s["costs"]["over_budget"], true);
    assert_eq!(s["costs"]["remaining"], "-2578.29");
    // A client user gets counts, no money.
    let (_, token) = app
        .user(
            "client",
            Some(client["id"].as_str().unwrap().parse().unwrap()),
        )
        .await;
    let c = app
        .get_as(&token, &format!("/api/v1/projects/{p}/summary"))
        .await;
    assert_eq!(c.status, 200);
    assert!(c.body.get("costs").is_none());
    assert_eq!(c.body["counts"]["bom_items"], 5);
    for word in ["total_price", "cost", "budget", "15000"] {
        assert!(!c.text.contains(word), "{word}: {}", c.text);
    }
});
