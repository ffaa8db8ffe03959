//! BOM items: exact money, the tree (cycles, cascade, depth), rollups after random edits,
//! status machine, suppliers, filters and sorts, and cost hiding.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

async fn item(app: &TestApp, project: &str, body: Value) -> Value {
    let r = app
        .post(&format!("/api/v1/projects/{project}/bom-items"), body)
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

both_backends!(
    money_is_exact_and_rounded_half_even,
    |app: TestApp| async move {
        let p = id(&app.project("Money").await);
        // quantity × unit_price, rounded half to even at the cent.
        for (q, price, total) in [
            ("2.5", "19.99", "49.98"), // 49.975 → 49.98 (7 is odd: up)
            ("0.5", "0.01", "0.00"),   // 0.005 → 0.00 (0 is even)
            ("1.5", "0.01", "0.02"),   // 0.015 → 0.02
            ("3", "0.35", "1.05"),
            ("0.125", "0.10", "0.01"), // 0.0125 → 0.01
            ("999999.999", "1000000.00", "999999999000.00"),
            ("1", "-250.00", "-250.00"), // a discount line
        ] {
            let r = item(
                &app,
                &p,
                json!({"name": format!("{q} × {price}"), "quantity": q, "unit_price": price}),
            )
            .await;
            assert_eq!(r["total_price"], total, "{q} × {price}");
            assert_eq!(r["quantity"].as_str().unwrap(), format!("{:.3}", d(q)));
            // The stored value reads back the same.
            let again = app.get(&format!("/api/v1/bom-items/{}", id(&r))).await;
            assert_eq!(again.body["total_price"], total);
        }
        // Bad numbers are 422s naming the field; nothing is written.
        let before = app.count("bom_items").await;
        for (body, field) in [
            (json!({"name": "x", "quantity": "1.0005"}), "quantity"),
            (json!({"name": "x", "quantity": "-1"}), "quantity"),
            (json!({"name": "x", "quantity": "1e3"}), "quantity"),
            (json!({"name": "x", "unit_price": "1.001"}), "unit_price"),
            (json!({"name": "x", "unit_price": "abc"}), "unit_price"),
            (
                json!({"name": "x", "quantity": "999999999999", "unit_price": "9999999.00"}),
                "unit_price",
            ),
            (json!({"name": " "}), "name"),
            (json!({"name": "x", "unit": ""}), "unit"),
            (json!({"name": "x", "status": "LOST"}), "status"),
        ] {
            let r = app
                .post(&format!("/api/v1/projects/{p}/bom-items"), body.clone())
                .await;
            assert_eq!(r.error_fields(), [field], "{body}");
        }
        assert_eq!(app.count("bom_items").await, before);
        // Units: listed ones are normalised, others kept as written.
        let m2 = item(&app, &p, json!({"name": "Floor", "unit": "M²"})).await;
        assert_eq!(m2["unit"], "m²");
        let free = item(&app, &p, json!({"name": "Crew", "unit": "Schicht"})).await;
        assert_eq!(free["unit"], "Schicht");
        assert_eq!(
            item(&app, &p, json!({"name": "Default"})).await["unit"],
            "pcs"
        );
    }
);

both_backends!(
    tree_moves_cycles_depth_and_cascade,
    |app: TestApp| async move {
        let p = id(&app.project("Tree").await);
        let other = id(&app.project("Other").await);
        let stage = item(&app, &p, json!({"name": "Stage", "unit": "lot"})).await;
        let roof = item(&app, &p, json!({"name": "Roof", "parent_id": id(&stage), "quantity": "1", "unit_price": "4850.00"})).await;
        let truss = item(&app, &p, json!({"name": "Truss", "parent_id": id(&roof), "quantity": "24", "unit": "m", "unit_price": "12.50"})).await;
        let foreign = item(&app, &other, json!({"name": "Foreign"})).await;

        // A parent from another project, or none at all, is refused.
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/bom-items"),
                json!({"name": "x", "parent_id": id(&foreign)}),
            )
            .await;
        assert_eq!(r.error_fields(), ["parent_id"]);
        let r = app
            .patch(
                &format!("/api/v1/bom-items/{}", id(&truss)),
                json!({"parent_id": id(&foreign)}),
                None,
            )
            .await;
        assert_eq!(r.error_fields(), ["parent_id"]);
        // Under itself or its own descendant: 409.
        for target in [&stage, &roof, &truss] {
            let r = app
                .patch(
                    &format!("/api/v1/bom-items/{}", id(&stage)),
                    json!({"parent_id": id(target)}),
                    None,
                )
                .await;
            r.problem(409);
        }
        // A legal move works and changes the rollups.
        let tree = app
            .get(&format!("/api/v1/projects/{p}/bom-items?view=tree"))
            .await
            .body;
        assert_eq!(tree["items"][0]["rollup_total"], "5150.00");
        assert_eq!(tree["items"][0]["children"][0]["rollup_total"], "5150.00");
        assert_eq!(tree["items"][0]["children"][0]["children"][0]["depth"], 3);
        assert_eq!(tree["total"], "5150.00");
        assert_eq!(tree["count"], 3);
        let moved = app
            .patch(
                &format!("/api/v1/bom-items/{}", id(&truss)),
                json!({"parent_id": null}),
                Some(1),
            )
            .await;
        assert_eq!(moved.status, 200, "{}", moved.text);
        let tree = app
            .get(&format!("/api/v1/projects/{p}/bom-items?view=tree"))
            .await
            .body;
        let roots: Vec<(&str, &str)> = tree["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["name"].as_str().unwrap(),
                    n["rollup_total"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(roots, [("Stage", "4850.00"), ("Truss", "300.00")]);

        // The depth limit: 16 levels.
        let mut parent = id(&stage);
        for level in 2..=16 {
            parent = id(&item(
                &app,
                &p,
                json!({"name": format!("L{level}"), "parent_id": parent}),
            )
            .await);
        }
        let r = app
            .post(
                &format!("/api/v1/projects/{p}/bom-items"),
                json!({"name": "L17", "parent_id": parent}),
            )
            .await;
        assert_eq!(r.error_fields(), ["parent_id"]);
        // Moving a two-level subtree under level 15 would make 17 levels.
        let r = app
            .patch(
                &format!("/api/v1/bom-items/{}", id(&roof)),
                json!({"parent_id": parent}),
                None,
            )
            .await;
        assert_eq!(r.error_fields(), ["parent_id"]);

        // Deleting an item with sub-items needs cascade.
        let before = app.count("bom_items").await;
        let r = app
            .delete(&format!("/api/v1/bom-items/{}", id(&stage)))
            .await;
        assert!(
            r.problem(409)["detail"]
                .as_str()
                .unwrap()
                .contains("cascade=true"),
            "{}",
            r.text
        );
        assert_eq!(app.count("bom_items").await, before);
        let r = app
            .delete(&format!("/api/v1/bom-items/{}?cascade=true", id(&stage)))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        // Stage, Roof and L2..L16 are gone; Truss (moved out) and Foreign stay.
        assert_eq!(app.count("bom_items").await, before - 17);
        assert_eq!(
            app.get(&format!("/api/v1/bom-items/{}", id(&roof)))
                .await
                .status,
            404
        );
        let tree = app
            .get(&format!("/api/v1/projects/{p}/bom-items?view=tree"))
            .await
            .body;
        assert_eq!(tree["count"], 1);
        // The delete is audited with what went.
        let audit = app
            .get("/api/v1/audit-log?action=bom_item.delete")
            .await
            .body;
        assert!(audit.to_string().contains(&id(&roof)), "{audit}");
    }
);

both_backends!(status_machine_and_suppliers, |app: TestApp| async move {
    let p = id(&app.project("Status").await);
    let supplier = app
        .post("/api/v1/suppliers", json!({"name": "PA Verleih Nord"}))
        .await
        .body;
    let inactive = app
        .post(
            "/api/v1/suppliers",
            json!({"name": "Gone GmbH", "is_active": false}),
        )
        .await
        .body;
    let r = app
        .post(
            &format!("/api/v1/projects/{p}/bom-items"),
            json!({"name": "x", "supplier_id": id(&inactive)}),
        )
        .await;
    assert_eq!(r.error_fields(), ["supplier_id"]);
    let r = app
        .post(
            &format!("/api/v1/projects/{p}/bom-items"),
            json!({"name": "x", "supplier_id": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(r.error_fields(), ["supplier_id"]);
    let line = item(
        &app,
        &p,
        json!({"name": "Line array", "supplier_id": id(&supplier)}),
    )
    .await;
    assert_eq!(line["status"], "PLANNED");
    let url = format!("/api/v1/bom-items/{}", id(&line));
    let r = app.patch(&url, json!({"status": "RETURNED"}), None).await;
    let detail = r.problem(409)["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.contains("allowed from PLANNED: REQUESTED, ORDERED, CONFIRMED, CANCELLED"),
        "{detail}"
    );
    for status in ["ORDERED", "CONFIRMED", "DELIVERED", "RETURNED"] {
        let r = app.patch(&url, json!({"status": status}), None).await;
        assert_eq!(r.status, 200, "{status}: {}", r.text);
        assert_eq!(r.body["status"], status);
    }
    app.patch(&url, json!({"status": "CANCELLED"}), None)
        .await
        .problem(409);
    // Deactivating the supplier later does not block other edits of the line.
    let s = app
        .patch(
            &format!("/api/v1/suppliers/{}", id(&supplier)),
            json!({"is_active": false}),
            None,
        )
        .await;
    assert_eq!(s.status, 200);
    let r = app.patch(&url, json!({"notes": "on site"}), None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    // ...and the supplier cannot be deleted while the line names it.
    app.delete(&format!("/api/v1/suppliers/{}", id(&supplier)))
        .await
        .problem(409);
    // A stale version is a 412.
    let r = app.patch(&url, json!({"notes": "x"}), Some(1)).await;
    r.problem(412);
});

both_backends!(flat_list_filters_and_sorts, |app: TestApp| async move {
    let p = id(&app.project("Flat").await);
    let s = app
        .post("/api/v1/suppliers", json!({"name": "Licht & Ton KG"}))
        .await
        .body;
    let group = item(
        &app,
        &p,
        json!({"name": "Lighting", "category": "Lighting"}),
    )
    .await;
    item(&app, &p, json!({"name": "Moving head", "category": "Lighting", "parent_id": id(&group), "quantity": "24", "unit_price": "45.00", "supplier_id": id(&s), "status": "ORDERED"})).await;
    item(&app, &p, json!({"name": "Hazer", "category": "Lighting", "parent_id": id(&group), "quantity": "2", "unit_price": "60.00"})).await;
    item(&app, &p, json!({"name": "Generator 500 kVA", "category": "Power", "quantity": "1", "unit_price": "2400.00", "status": "CONFIRMED"})).await;
    let names = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let base = format!("/api/v1/projects/{p}/bom-items");
    assert_eq!(
        names(&app.get(&format!("{base}?category=Power")).await.body),
        ["Generator 500 kVA"]
    );
    assert_eq!(
        names(
            &app.get(&format!("{base}?status=ordered,confirmed&sort=name"))
                .await
                .body
        ),
        ["Generator 500 kVA", "Moving head"]
    );
    assert_eq!(
        names(
            &app.get(&format!("{base}?supplier_id={}", id(&s)))
                .await
                .body
        ),
        ["Moving head"]
    );
    assert_eq!(
        names(
            &app.get(&format!("{base}?parent_id=root&sort=name"))
                .await
                .body
        ),
        ["Generator 500 kVA", "Lighting"]
    );
    assert_eq!(
        names(
            &app.get(&format!("{base}?parent_id={}&sort=name", id(&group)))
                .await
                .body
        ),
        ["Hazer", "Moving head"]
    );
    assert_eq!(
        names(&app.get(&format!("{base}?q=HEAD")).await.body),
        ["Moving head"]
    );
    // Sorting by money is numeric on both databases ("1080.00" > "120.00" > "2400.00" as text).
    assert_eq!(
        names(&app.get(&format!("{base}?sort=-total_price")).await.body),
        ["Generator 500 kVA", "Moving head", "Hazer", "Lighting"]
    );
    // ...and pages through a cursor without losing a row.
    let first = app
        .get(&format!("{base}?sort=total_price&limit=2"))
        .await
        .body;
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app
        .get(&format!("{base}?sort=total_price&limit=2&cursor={cursor}"))
        .await
        .body;
    assert_eq!(
        [names(&first), names(&second)].concat(),
        ["Lighting", "Hazer", "Moving head", "Generator 500 kVA"]
    );
    app.get(&format!("{base}?status=LOST")).await.problem(400);
    app.get(&format!("{base}?view=graph")).await.problem(400);
});

both_backends!(client_users_never_see_costs, |app: TestApp| async move {
    let client = app.client_record("Helix").await;
    let client_id: uuid::Uuid = client["id"].as_str().unwrap().parse().unwrap();
    let project = app.post("/api/v1/projects", json!({"name": "Stand", "start_date": "2027-03-01", "end_date": "2027-03-04", "budget": "90000.00", "client_id": client_id})).await.body;
    let p = id(&project);
    let group = item(&app, &p, json!({"name": "Stand build", "unit_price": "0"})).await;
    let wall = item(
        &app,
        &p,
        json!({"name": "Wall", "parent_id": id(&group), "quantity": "12", "unit_price": "310.00"}),
    )
    .await;
    let (_, token) = app.user("client", Some(client_id)).await;
    for path in [
        format!("/api/v1/projects/{p}/bom-items"),
        format!("/api/v1/projects/{p}/bom-items?view=tree"),
        format!("/api/v1/bom-items/{}", id(&wall)),
        format!("/api/v1/projects/{p}/summary"),
    ] {
        let r = app.get_as(&token, &path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        for field in [
            "unit_price",
            "total_price",
            "rollup_total",
            "budget",
            "costs",
            "cost",
            "\"total\":\"",
        ] {
            assert!(!r.text.contains(field), "{path} shows {field}: {}", r.text);
        }
        assert!(
            r.text.contains("Wall") || path.ends_with("summary"),
            "{path} shows the items: {}",
            r.text
        );
    }
    // Sorting by price would reveal the order of prices.
    app.get_as(
        &token,
        &format!("/api/v1/projects/{p}/bom-items?sort=-total_price"),
    )
    .await
    .problem(400);
    for sort in ["name,unit_price", "+total_price"] {
        app.get_as(
            &token,
            &format!("/api/v1/projects/{p}/bom-items?sort={sort}"),
        )
        .await
        .problem(400);
    }
    for list in ["permits", "logistics"] {
        app.get_as(&token, &format!("/api/v1/projects/{p}/{list}?sort=-cost"))
            .await
            .problem(400);
        let r = app
            .get_as(
                &token,
                &format!("/api/v1/projects/{p}/{list}?sort=-created_at"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    // The XLSX export has no price columns either.
    let xlsx = app
        .client
        .get(app.url(&format!(
            "/api/v1/projects/{p}/bom-items/export?format=xlsx"
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    use calamine::Reader;
    let cells: Vec<String> = book
        .worksheet_range("BOM")
        .unwrap()
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    assert!(cells.iter().any(|c| c == "Wall"), "{cells:?}");
    assert!(
        !cells.iter().any(|c| c.contains("price")
            || c.contains("310")
            || c.contains("3720")
            || c == "Total"
            || c == "Subtotal"),
        "{cells:?}"
    );
    // Exports leave the price columns out.
    let csv = app
        .get_as(
            &token,
            &format!("/api/v1/projects/{p}/bom-items/export?format=csv"),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.text.contains("Wall") && !csv.text.contains("310") && !csv.text.contains("3720"),
        "{}",
        csv.text
    );
    assert!(!csv.text.to_lowercase().contains("price"), "{}", csv.text);
    // The admin's export has them.
    let full = app
        .get(&format!("/api/v1/projects/{p}/bom-items/export?format=csv"))
        .await;
    assert!(full.text.contains("3720.00"), "{}", full.text);
    // And a client user cannot write.
    let r = app
        .post_as(
            &token,
            &format!("/api/v1/projects/{p}/bom-items"),
            json!({"name": "x"}),
        )
        .await;
    r.problem(403);
});

/// A small deterministic generator (no external crate needed for a test sequence).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Rollups computed from the flat list: own total plus every descendant's.
fn recompute(flat: &[Value]) -> HashMap<String, Decimal> {
    let parent: HashMap<String, Option<String>> = flat
        .iter()
        .map(|i| (id(i), i["parent_id"].as_str().map(str::to_owned)))
        .collect();
    let mut sums: HashMap<String, Decimal> = HashMap::new();
    for i in flat {
        let total = d(i["total_price"].as_str().unwrap());
        let mut cur = Some(id(i));
        while let Some(c) = cur {
            *sums.entry(c.clone()).or_default() += total;
            cur = parent.get(&c).cloned().flatten();
        }
    }
    sums
}

fn walk(nodes: &Value, out: &mut HashMap<String, Decimal>, depth: u64) {
    for n in nodes.as_array().unwrap() {
        assert_eq!(n["depth"], depth);
        out.insert(id(n), d(n["rollup_total"].as_str().unwrap()));
        walk(&n["children"], out, depth + 1);
    }
}

both_backends!(
    rollups_equal_a_recomputation_after_random_edits,
    |app: TestApp| async move {
        let p = id(&app.project("Random").await);
        let mut rng = Lcg(0x5eed);
        let mut ids: Vec<String> = Vec::new();
        let prices = ["0.00", "12.50", "99.99", "1250.00", "0.01", "7.35"];
        let quantities = ["1", "2.5", "0.125", "12", "3.333"];
        for step in 0..60 {
            let op = if ids.len() < 4 { 0 } else { rng.next(5) };
            match op {
                0 | 1 => {
                    let parent = (rng.next(3) > 0 && !ids.is_empty())
                        .then(|| ids[rng.next(ids.len())].clone());
                    let body = json!({"name": format!("item {step}"), "parent_id": parent, "quantity": quantities[rng.next(5)], "unit_price": prices[rng.next(6)]});
                    let r = app
                        .post(&format!("/api/v1/projects/{p}/bom-items"), body)
                        .await;
                    if r.status == 201 {
                        ids.push(id(&r.body));
                    } else {
                        assert_eq!(r.error_fields(), ["parent_id"], "too deep only");
                    }
                }
                2 => {
                    let target = &ids[rng.next(ids.len())];
                    let r = app.patch(&format!("/api/v1/bom-items/{target}"), json!({"quantity": quantities[rng.next(5)], "unit_price": prices[rng.next(6)]}), None).await;
                    assert_eq!(r.status, 200, "{}", r.text);
                }
                3 => {
                    let target = ids[rng.next(ids.len())].clone();
                    let parent = (rng.next(4) > 0).then(|| ids[rng.next(ids.len())].clone());
                    let r = app
                        .patch(
                            &format!("/api/v1/bom-items/{target}"),
                            json!({"parent_id": parent}),
                            None,
                        )
                        .await;
                    assert!([200, 409, 422].contains(&r.status), "{}", r.text);
                }
                _ => {
                    let target = ids[rng.next(ids.len())].clone();
                    let r = app
                        .delete(&format!("/api/v1/bom-items/{target}?cascade=true"))
                        .await;
                    assert_eq!(r.status, 204, "{}", r.text);
                }
            }
            let flat = app
                .get(&format!("/api/v1/projects/{p}/bom-items?limit=200"))
                .await
                .body;
            let flat = flat["items"].as_array().unwrap().clone();
            ids.retain(|i| flat.iter().any(|f| id(f) == *i));
            let tree = app
                .get(&format!("/api/v1/projects/{p}/bom-items?view=tree"))
                .await
                .body;
            let mut shown = HashMap::new();
            walk(&tree["items"], &mut shown, 1);
            assert_eq!(shown, recompute(&flat), "after step {step}");
            let total: Decimal = flat
                .iter()
                .map(|i| d(i["total_price"].as_str().unwrap()))
                .sum();
            assert_eq!(d(tree["total"].as_str().unwrap()), total);
        }
        assert!(ids.len() > 3, "the sequence built a real tree");
    }
);
