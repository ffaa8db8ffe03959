//! BOM spreadsheet import and export: real-world-shaped files (German headers, decimal
//! commas, `;`, Windows-1252, a byte-order mark, empty trailing rows, an XLSX with a merged
//! title and merged header cells), broken ones with exact row/column errors and nothing
//! written, dry runs, 5,000 rows in one go, and export → import round trips.

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Resp, TestApp};

async fn upload(app: &TestApp, project: &str, name: &str, bytes: Vec<u8>, query: &str) -> Resp {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    let builder = app
        .client
        .post(app.url(&format!(
            "/api/v1/projects/{project}/bom-items/import{query}"
        )))
        .bearer_auth(&app.admin_token)
        .multipart(form);
    app.send(builder).await
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// The tree as comparable rows: (depth, name, quantity, unit, unit price, total, rollup,
/// status, category, supplier id).
fn shape(tree: &Value) -> Vec<String> {
    fn walk(nodes: &Value, out: &mut Vec<String>) {
        for n in nodes.as_array().unwrap() {
            out.push(format!(
                "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
                n["depth"],
                n["name"],
                n["quantity"],
                n["unit"],
                n["unit_price"],
                n["total_price"],
                n["rollup_total"],
                n["status"],
                n["category"],
                n["supplier_id"],
                n["description"]
            ));
            walk(&n["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&tree["items"], &mut out);
    out
}

async fn tree(app: &TestApp, project: &str) -> Value {
    app.get(&format!("/api/v1/projects/{project}/bom-items?view=tree"))
        .await
        .body
}

both_backends!(
    german_windows_1252_csv_with_levels,
    |app: TestApp| async move {
        let p = id(&app.project("Import DE").await);
        app.post(
            "/api/v1/suppliers",
            json!({"name": "Bühnenbau Müller GmbH"}),
        )
        .await;
        let text = "Ebene;Bezeichnung;Menge;Einheit;Einzelpreis;Kategorie;Lieferant\r\n\
                1;Bühne;1;lot;0,00;Bühne;\r\n\
                2;Bühnendach 12x10 m;1;Stk.;4.850,00;Bühne;Bühnenbau Müller GmbH\r\n\
                2;Traversen (Größe 3 m);24;m;12,5;Bühne;bühnenbau müller gmbh\r\n\
                3;Kettenzug 1 t;8;Stk.;1.234,50;Bühne;\r\n\
                1;Sanitär;1;lot;0;Sanitär;\r\n\
                2;Toilettenwagen €-Klasse;2,5;Tag;310,00;Sanitär;\r\n\
                ;;;;;;\r\n;;;;;;\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the fixture really is Windows-1252"
        );
        let r = upload(&app, &p, "Stückliste.csv", bytes.into_owned(), "").await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["created"], 6);
        assert_eq!(r.body["top_level"], 2);
        // 4850 + 24 × 12.50 + 8 × 1234.50 + 2.5 × 310 = 4850 + 300 + 9876 + 775
        assert_eq!(r.body["total_price"], "15801.00");
        let t = tree(&app, &p).await;
        let stage = &t["items"][0];
        assert_eq!(stage["name"], "Bühne");
        assert_eq!(stage["rollup_total"], "15026.00");
        assert_eq!(stage["children"][1]["name"], "Traversen (Größe 3 m)");
        assert_eq!(stage["children"][1]["rollup_total"], "10176.00");
        assert_eq!(
            stage["children"][1]["children"][0]["total_price"],
            "9876.00"
        );
        assert!(
            stage["children"][0]["supplier_id"].is_string(),
            "supplier matched by name"
        );
        assert_eq!(
            t["items"][1]["children"][0]["name"],
            "Toilettenwagen €-Klasse"
        );
        assert_eq!(t["items"][1]["children"][0]["quantity"], "2.500");
        // Audited as one import.
        let audit = app
            .get("/api/v1/audit-log?action=bom_item.import")
            .await
            .body;
        assert_eq!(audit["items"].as_array().unwrap().len(), 1, "{audit}");
    }
);

both_backends!(
    english_utf8_bom_csv_with_parent_names_and_dry_run,
    |app: TestApp| async move {
        let p = id(&app.project("Import EN").await);
        let text = "\u{feff}Name,Quantity,Unit,Unit price,Category,Parent,Notes\n\
                PA,1,lot,0,Sound,,\n\
                \"Line array, 12 per side\",2,set,\"1,850.00\",Sound,PA,\"flown; left/right\"\n\
                Subwoofer,8,pcs,95.5,Sound,PA,\n\
                Monitor wedge,6,pcs,40,Sound,Line array,\n\
                \n\n";
        // "Line array" is not a name in the file ("Line array, 12 per side" is): 422, also
        // for a dry run, and nothing is written.
        for query in ["?dry_run=true", ""] {
            let r = upload(&app, &p, "bom.csv", text.as_bytes().to_vec(), query).await;
            let errors = r.problem(422)["errors"].clone();
            assert_eq!(errors.as_array().unwrap().len(), 1, "{errors}");
            assert_eq!(errors[0]["row"], 5);
            assert_eq!(errors[0]["field"], "Parent");
            assert_eq!(errors[0]["code"], "unknown_parent");
        }
        assert_eq!(app.count("bom_items").await, 0);
        let fixed = text.replace("Sound,Line array,", "Sound,\"Line array, 12 per side\",");
        // Dry run: validated, nothing written.
        let r = upload(
            &app,
            &p,
            "bom.csv",
            fixed.as_bytes().to_vec(),
            "?dry_run=true",
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["dry_run"], true);
        assert_eq!(r.body["created"], 4);
        assert_eq!(r.body["total_price"], "4704.00");
        assert_eq!(app.count("bom_items").await, 0);
        let r = upload(&app, &p, "bom.csv", fixed.into_bytes(), "").await;
        assert_eq!(r.status, 201, "{}", r.text);
        let t = tree(&app, &p).await;
        assert_eq!(t["items"][0]["rollup_total"], "4704.00");
        assert_eq!(
            t["items"][0]["children"][0]["children"][0]["name"],
            "Monitor wedge"
        );
        assert_eq!(t["items"][0]["children"][0]["notes"], "flown; left/right");
        // A second import appends after the existing lines and may name them as parents.
        let more = "Name,Quantity,Unit price,Parent\nCable loom,1,120.00,PA\n";
        let r = upload(&app, &p, "more.csv", more.as_bytes().to_vec(), "").await;
        assert_eq!(r.status, 201, "{}", r.text);
        let t = tree(&app, &p).await;
        assert_eq!(t["items"][0]["children"][2]["name"], "Cable loom");
        assert_eq!(t["items"][0]["rollup_total"], "4824.00");
    }
);

both_backends!(
    broken_files_name_every_bad_row_and_write_nothing,
    |app: TestApp| async move {
        let p = id(&app.project("Broken").await);
        app.post(
            "/api/v1/suppliers",
            json!({"name": "Old Supplier", "is_active": false}),
        )
        .await;
        // A missing required column.
        let r = upload(
            &app,
            &p,
            "x.csv",
            b"Bezeichnung;Einheit;Einzelpreis\nA;Stk;1,00\n".to_vec(),
            "",
        )
        .await;
        let e = r.problem(422)["errors"][0].clone();
        assert_eq!(e["field"], "file");
        assert!(
            e["message"].as_str().unwrap().contains("Quantity (Menge)"),
            "{e}"
        );
        // Not a spreadsheet at all.
        let r = upload(&app, &p, "x.xlsx", b"\x00\x01binary junk".to_vec(), "").await;
        assert_eq!(r.problem(422)["errors"][0]["field"], "file");
        let r = upload(&app, &p, "x.pdf", b"%PDF-1.7".to_vec(), "").await;
        assert_eq!(r.problem(422)["errors"][0]["code"], "unsupported_format");
        // Every bad row, with its row and column as the file names them.
        let text = "Bezeichnung;Menge;Einheit;Einzelpreis;Lieferant;Übergeordnet\n\
                Gut;1;Stk;10,00;;\n\
                Menge kaputt;zwei;Stk;10,00;;\n\
                Preis kaputt;1;Stk;12,345;;\n\
                ;1;Stk;1,00;;\n\
                Lieferant fehlt;1;Stk;1,00;Niemand GmbH;\n\
                Lieferant inaktiv;1;Stk;1,00;Old Supplier;\n\
                Waise;1;Stk;1,00;;Gibt es nicht\n\
                Negativ;-1;Stk;1,00;;\n";
        let r = upload(&app, &p, "kaputt.csv", text.as_bytes().to_vec(), "").await;
        let errors: Vec<(u64, String, String)> = r.problem(422)["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["row"].as_u64().unwrap(),
                    e["field"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let expected: Vec<(u64, String, String)> = [
            (3, "Menge", "not_a_number"),
            (4, "Einzelpreis", "too_many_decimals"),
            (5, "Bezeichnung", "required"),
            (6, "Lieferant", "unknown_supplier"),
            (7, "Lieferant", "inactive_supplier"),
            (8, "Übergeordnet", "unknown_parent"),
            (9, "Menge", "negative"),
        ]
        .iter()
        .map(|(r, f, c)| (*r, f.to_string(), c.to_string()))
        .collect();
        assert_eq!(errors, expected, "{}", r.text);
        assert_eq!(app.count("bom_items").await, 0);
        // Levels that jump are refused with the row.
        let r = upload(
            &app,
            &p,
            "l.csv",
            b"Level,Name,Quantity,Unit price\n1,A,1,1\n3,B,1,1\n".to_vec(),
            "",
        )
        .await;
        let e = r.problem(422)["errors"][0].clone();
        assert_eq!(
            (e["row"].as_u64(), e["field"].as_str()),
            (Some(3), Some("Level")),
            "{e}"
        );
        // Without a file part.
        let form = Form::new().text("other", "x");
        let r = app
            .send(
                app.client
                    .post(app.url(&format!("/api/v1/projects/{p}/bom-items/import")))
                    .bearer_auth(&app.admin_token)
                    .multipart(form),
            )
            .await;
        assert_eq!(r.error_fields(), ["file"]);
        assert_eq!(app.count("bom_items").await, 0);
    }
);

both_backends!(
    xlsx_with_merged_title_and_header_cells,
    |app: TestApp| async move {
        use rust_xlsxwriter::{Format, Workbook};
        let p = id(&app.project("Xlsx").await);
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let bold = Format::new().set_bold();
        sheet
            .merge_range(0, 0, 0, 6, "Stückliste Sommerfestival 2027", &bold)
            .unwrap();
        for (col, h) in ["Ebene", "Bezeichnung", "Menge", "Einheit"]
            .iter()
            .enumerate()
        {
            sheet.write_string(1, col as u16, *h).unwrap();
        }
        // "Einzelpreis (€)" merged over two columns, then Kategorie.
        sheet
            .merge_range(1, 4, 1, 5, "Einzelpreis (€)", &bold)
            .unwrap();
        sheet.write_string(1, 6, "Kategorie").unwrap();
        // (level, name, quantity, unit, numeric price, price as text, category)
        type Row<'a> = (
            f64,
            &'a str,
            f64,
            &'a str,
            Option<f64>,
            Option<&'a str>,
            &'a str,
        );
        let rows: [Row; 3] = [
            (1.0, "Zeltanlage", 1.0, "lot", Some(0.0), None, "Zelte"),
            (
                2.0,
                "Zelt 10 × 20 m",
                2.0,
                "Stk.",
                Some(1890.5),
                None,
                "Zelte",
            ),
            (
                2.0,
                "Bodenplatten",
                400.0,
                "m²",
                None,
                Some("7,25"),
                "Zelte",
            ),
        ];
        for (i, (level, name, qty, unit, price, price_text, cat)) in rows.iter().enumerate() {
            let r = (i + 2) as u32;
            sheet.write_number(r, 0, *level).unwrap();
            sheet.write_string(r, 1, *name).unwrap();
            sheet.write_number(r, 2, *qty).unwrap();
            sheet.write_string(r, 3, *unit).unwrap();
            if let Some(n) = price {
                sheet.write_number(r, 4, *n).unwrap();
            }
            if let Some(t) = price_text {
                sheet.write_string(r, 4, *t).unwrap();
            }
            sheet.write_string(r, 6, *cat).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let r = upload(&app, &p, "Zelte.xlsx", bytes, "").await;
        assert_eq!(r.status, 201, "{}", r.text);
        let t = tree(&app, &p).await;
        assert_eq!(t["items"][0]["rollup_total"], "6681.00"); // 2 × 1890.50 + 400 × 7.25
        assert_eq!(t["items"][0]["children"][1]["unit"], "m²");
        assert_eq!(t["items"][0]["children"][1]["total_price"], "2900.00");
    }
);

both_backends!(
    export_reimports_to_the_same_tree,
    |app: TestApp| async move {
        let source = id(&app.project("Source").await);
        let supplier = id(&app
            .post("/api/v1/suppliers", json!({"name": "Strom & Licht AG"}))
            .await
            .body);
        let add = |body: Value| {
            let app = &app;
            let source = source.clone();
            async move {
                let r = app
                    .post(&format!("/api/v1/projects/{source}/bom-items"), body)
                    .await;
                assert_eq!(r.status, 201, "{}", r.text);
                id(&r.body)
            }
        };
        let power =
            add(json!({"name": "Power", "unit": "lot", "category": "Power & generators"})).await;
        let generator = add(json!({"name": "Generator 500 kVA; \"silent\"", "parent_id": power, "quantity": "2", "unit": "day", "unit_price": "1234.56", "supplier_id": supplier, "status": "CONFIRMED", "description": "Line 1\nLine 2"})).await;
        add(json!({"name": "=SUM(A1) is just a name", "parent_id": generator, "quantity": "0.125", "unit_price": "0.99"})).await;
        add(json!({"name": "Kabel 63A, 25 m", "parent_id": power, "quantity": "12", "unit": "pcs", "unit_price": "18.00", "status": "ORDERED"})).await;
        add(json!({"name": "Fencing", "quantity": "350", "unit": "m", "unit_price": "3.35", "category": "Fencing & barriers", "notes": "Bauzaun, 3,50 m Felder"})).await;
        let expected = shape(&tree(&app, &source).await);
        for format in ["csv", "xlsx"] {
            let r = app
                .get(&format!(
                    "/api/v1/projects/{source}/bom-items/export?format={format}"
                ))
                .await;
            assert_eq!(r.status, 200);
            assert!(
                r.header("content-disposition")
                    .unwrap()
                    .starts_with("attachment;"),
                "{:?}",
                r.headers
            );
            let bytes = app
                .client
                .get(app.url(&format!(
                    "/api/v1/projects/{source}/bom-items/export?format={format}"
                )))
                .bearer_auth(&app.admin_token)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
                .to_vec();
            let target = id(&app.project(&format!("Target {format}")).await);
            let r = upload(&app, &target, &format!("export.{format}"), bytes, "").await;
            assert_eq!(r.status, 201, "{format}: {}", r.text);
            assert_eq!(
                shape(&tree(&app, &target).await),
                expected,
                "{format} round trip"
            );
        }
        // The XLSX export has a currency format and real subtotal formulas.
        let bytes = app
            .client
            .get(app.url(&format!(
                "/api/v1/projects/{source}/bom-items/export?format=xlsx"
            )))
            .bearer_auth(&app.admin_token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader;
        let formulas = book.worksheet_formula("BOM").unwrap();
        let all: Vec<String> = formulas
            .rows()
            .flatten()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect();
        assert!(
            all.iter().any(|f| f.contains("SUM(")),
            "subtotal formulas: {all:?}"
        );
    }
);

both_backends!(
    five_thousand_rows_in_one_import,
    |app: TestApp| async move {
        let p = id(&app.project("Big").await);
        let mut text = String::from("Level;Name;Quantity;Unit;Unit price\n");
        let mut expected = rust_decimal::Decimal::ZERO;
        for i in 0..5000u32 {
            let level = if i % 50 == 0 {
                1
            } else if i % 10 == 0 {
                2
            } else {
                3
            };
            let level = if i % 50 == 1 { 2 } else { level };
            let price = rust_decimal::Decimal::new(i64::from(i % 997) * 7 + 5, 2);
            expected += price * rust_decimal::Decimal::from(i % 9 + 1);
            text.push_str(&format!(
                "{level};Item {i};{};pcs;{}\n",
                i % 9 + 1,
                price.to_string().replace('.', ",")
            ));
        }
        let r = upload(&app, &p, "big.csv", text.into_bytes(), "").await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["created"], 5000);
        assert_eq!(app.count("bom_items").await, 5000);
        let t = tree(&app, &p).await;
        assert_eq!(t["count"], 5000);
        assert_eq!(t["total"], format!("{:.2}", expected));
        let rollups: rust_decimal::Decimal = t["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                n["rollup_total"]
                    .as_str()
                    .unwrap()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
            })
            .sum();
        assert_eq!(rollups, expected);
    }
);

both_backends!(
    large_sheets_limits_and_idempotent_retries,
    |app: TestApp| async move {
        let p = id(&app.project("Large").await);
        // Over the 1 MiB JSON limit, under the 20 MiB upload limit: accepted.
        let mut text = String::from("Name;Quantity;Unit price;Notes\n");
        let padding = "x".repeat(150);
        for i in 0..8_000 {
            text.push_str(&format!("Line {i};1;1,00;{padding}\n"));
        }
        assert!(text.len() > 1024 * 1024);
        let r = upload(&app, &p, "large.csv", text.into_bytes(), "").await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(app.count("bom_items").await, 8_000);
        // Over the upload limit: 413, nothing written.
        let r = upload(&app, &p, "huge.csv", vec![b'a'; 21 * 1024 * 1024], "").await;
        r.problem(413);
        assert_eq!(app.count("bom_items").await, 8_000);
        // A retried import with the same Idempotency-Key replays the first answer. A fixed
        // multipart body: the key is bound to the exact bytes sent.
        let body = "--fixed-boundary-for-retry\r\nContent-Disposition: form-data; name=\"file\"; filename=\"retry.csv\"\r\nContent-Type: text/csv\r\n\r\nName,Quantity,Unit price\nRetry me,1,5.00\n\r\n--fixed-boundary-for-retry--\r\n";
        let mut answers = Vec::new();
        for _ in 0..2 {
            let builder = app
                .client
                .post(app.url(&format!("/api/v1/projects/{p}/bom-items/import")))
                .bearer_auth(&app.admin_token)
                .header("idempotency-key", "import-retry-1")
                .header(
                    "content-type",
                    "multipart/form-data; boundary=fixed-boundary-for-retry",
                )
                .body(body);
            answers.push(app.send(builder).await);
        }
        assert_eq!(answers[0].status, 201, "{}", answers[0].text);
        assert_eq!(answers[1].status, 201, "{}", answers[1].text);
        assert_eq!(answers[1].header("idempotent-replayed"), Some("true"));
        assert_eq!(answers[0].body, answers[1].body);
        assert_eq!(app.count("bom_items").await, 8_001);
    }
);
