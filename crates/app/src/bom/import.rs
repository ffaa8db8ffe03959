//! `POST /projects/{id}/bom-items/import`: BOM lines from a CSV or XLSX sheet, all or nothing.
//!
//! Every row is checked before anything is written; one bad row and the answer is a 422
//! naming every bad row and column (columns named in the file's language), with nothing
//! stored. `dry_run` stops after the checks. The tree comes from a Level column (depth or
//! outline numbers) or a Parent column (the name of an earlier row, or of an item already in
//! the project); without either, every line is top-level. Imported lines are appended after
//! the project's existing ones.

use std::collections::HashMap;

use eventmgr_domain::bom::{DEFAULT_UNIT, MAX_DEPTH};
use eventmgr_domain::{BomStatus, FieldError, Money, Quantity, Status, text};
use eventmgr_sheets::{Column, DecimalStyle, Format, Sheet, SheetRow, parse_decimal};
use eventmgr_store::DbDecimal;
use eventmgr_store::entity::bom_item;
use eventmgr_store::repo::{bom_items, projects, suppliers};
use serde::Serialize;
use uuid::Uuid;

use super::{line_total, parse_unit};
use crate::access::{self, Need};
use crate::audit::{self, Change};
use crate::{Actor, App, AppError, Permission};

/// Most data rows one import takes.
pub const MAX_ROWS: usize = 20_000;

/// An uploaded sheet.
pub struct Upload {
    pub bytes: Vec<u8>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
}

/// What an import did (or, as a dry run, would do).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Lines created (or that would be).
    pub created: usize,
    /// Top-level lines among them.
    pub top_level: usize,
    /// Sum of the imported lines' totals.
    #[schema(value_type = String, example = "48210.50")]
    pub total_price: String,
    /// Header cells that matched no known column and were ignored.
    pub ignored_columns: Vec<String>,
}

/// A validated row, before ids are known.
struct Line {
    depth: usize,
    parent: ParentRef,
    model: bom_item::Model,
}

#[derive(Clone, Copy)]
enum ParentRef {
    Top,
    /// Index of an earlier line of the file.
    Line(usize),
    /// An item already in the project.
    Existing(Uuid),
}

fn file_error(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new("file", code, message)])
}

/// Names a column as the file does: German headers for a German-style file.
fn label(style: DecimalStyle, column: Column) -> &'static str {
    match style {
        DecimalStyle::Comma => column.german(),
        DecimalStyle::Point => column.english(),
    }
}

struct RowChecker<'a> {
    style: DecimalStyle,
    errors: &'a mut Vec<FieldError>,
}

impl RowChecker<'_> {
    fn push(&mut self, row: &SheetRow, column: Column, code: &'static str, message: String) {
        self.errors
            .push(FieldError::new(label(self.style, column), code, message).at_row(row.line));
    }

    fn number(&mut self, row: &SheetRow, column: Column) -> Option<rust_decimal::Decimal> {
        let raw = row.get(column)?;
        let value = parse_decimal(raw, self.style);
        if value.is_none() {
            self.push(
                row,
                column,
                "not_a_number",
                format!("\"{raw}\" is not a number"),
            );
        }
        value
    }

    /// Re-labels a domain error with the file's column name and row.
    fn domain(&mut self, row: &SheetRow, column: Column, error: FieldError) {
        self.errors.push(FieldError {
            field: label(self.style, column).to_owned(),
            row: Some(row.line),
            ..error
        });
    }
}

impl App {
    pub async fn import_bom(
        &self,
        actor: &Actor,
        project_id: Uuid,
        upload: Upload,
        dry_run: bool,
    ) -> Result<ImportReport, AppError> {
        // Prices are part of every line: importing them is for whoever may see them.
        actor.require(Permission::CostsRead)?;
        let format = Format::from_name_or_type(
            upload.filename.as_deref(),
            upload.content_type.as_deref(),
            &upload.bytes,
        )
        .ok_or_else(|| file_error("unsupported_format", "upload a .csv or .xlsx file"))?;
        // Parsing a large workbook is CPU work: keep it off the async workers.
        let sheet = tokio::task::spawn_blocking(move || {
            eventmgr_sheets::read(&upload.bytes, format, MAX_ROWS)
        })
        .await
        .map_err(|e| AppError::Internal(format!("sheet reader: {e}")))?
        .map_err(|e| file_error("unreadable", e.to_string()))?;

        let txn = self.store.begin().await?;
        access::guard(&txn, actor, project_id, Need::Write, false).await?;
        projects::lock_for_tree_change(&txn, project_id).await?;
        let existing = bom_items::parent_links(&txn, project_id).await?;
        let existing_models = if sheet.has(Column::Parent) {
            bom_items::all_of_project(&txn, project_id).await?
        } else {
            Vec::new()
        };
        let supplier_list = suppliers::all_current(&txn).await?;
        let lines = check_rows(
            &sheet,
            project_id,
            &existing,
            &existing_models,
            &supplier_list,
        )?;

        let total: rust_decimal::Decimal = lines.iter().map(|l| l.model.total_price.0).sum();
        let report = ImportReport {
            dry_run,
            created: lines.len(),
            top_level: lines
                .iter()
                .filter(|l| matches!(l.parent, ParentRef::Top))
                .count(),
            total_price: Money::from_stored(total).to_string(),
            ignored_columns: sheet.ignored_headers.clone(),
        };
        if dry_run {
            return Ok(report);
        }
        // Sibling positions continue after what is already there.
        let mut next_position: HashMap<Option<Uuid>, i32> = HashMap::new();
        let mut ids: Vec<Uuid> = Vec::with_capacity(lines.len());
        let mut models = Vec::with_capacity(lines.len());
        for line in lines {
            let parent_id = match line.parent {
                ParentRef::Top => None,
                ParentRef::Line(i) => ids.get(i).copied(),
                ParentRef::Existing(id) => Some(id),
            };
            let position = match (next_position.get(&parent_id), line.parent) {
                (Some(p), _) => *p,
                // A parent created by this import has no children yet.
                (None, ParentRef::Line(_)) => 1,
                (None, _) => bom_items::next_position(&txn, project_id, parent_id).await?,
            };
            next_position.insert(parent_id, position.saturating_add(1));
            let mut model = line.model;
            model.parent_id = parent_id;
            model.position = position;
            ids.push(model.id);
            models.push(model);
        }
        bom_items::insert_many(&txn, models).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "bom_item.import",
                entity_type: "project",
                entity_id: project_id,
                project_id: Some(project_id),
                changes: Some(serde_json::json!({
                    "created": report.created,
                    "total_price": report.total_price,
                    "first_id": ids.first(),
                    "last_id": ids.last(),
                })),
            },
        )
        .await?;
        crate::live::emit(&txn, project_id, "bom_item.imported", project_id, None).await?;
        txn.commit().await?;
        self.announce();
        Ok(report)
    }
}

/// Checks every row; all errors at once, or the lines to create in file order.
fn check_rows(
    sheet: &Sheet,
    project_id: Uuid,
    existing: &[(Uuid, Option<Uuid>)],
    existing_models: &[bom_item::Model],
    supplier_list: &[eventmgr_store::entity::supplier::Model],
) -> Result<Vec<Line>, AppError> {
    let mut errors = Vec::new();
    let mut check = RowChecker {
        style: sheet.decimal_style,
        errors: &mut errors,
    };
    let by_supplier_name: HashMap<String, &eventmgr_store::entity::supplier::Model> = supplier_list
        .iter()
        .map(|s| (s.name.trim().to_lowercase(), s))
        .collect();
    let existing_parent: HashMap<Uuid, Option<Uuid>> = existing.iter().copied().collect();
    let existing_depth = |id: Uuid| {
        eventmgr_domain::bom::depth_under(Some(id), |x| existing_parent.get(&x).copied().flatten())
            - 1
    };
    let mut existing_by_name: HashMap<String, Vec<Uuid>> = HashMap::new();
    for m in existing_models {
        existing_by_name
            .entry(m.name.trim().to_lowercase())
            .or_default()
            .push(m.id);
    }
    let use_level = sheet.has(Column::Level);
    let at = eventmgr_store::now();
    let mut lines: Vec<Line> = Vec::with_capacity(sheet.rows.len());
    // For the Level column: the last line seen at each depth (index 0 = depth 1).
    let mut open: Vec<usize> = Vec::new();
    // For the Parent column: the latest line with each name.
    let mut line_by_name: HashMap<String, usize> = HashMap::new();

    for row in &sheet.rows {
        let before = check.errors.len();
        let name = match row.get(Column::Name) {
            Some(raw) => text::required("name", raw, 200)
                .map_err(|e| check.domain(row, Column::Name, e))
                .ok(),
            None => {
                check.push(
                    row,
                    Column::Name,
                    "required",
                    "a name is required".to_owned(),
                );
                None
            }
        };
        let quantity = match check.number(row, Column::Quantity) {
            Some(d) => Quantity::parse("quantity", &d.to_string())
                .map_err(|e| check.domain(row, Column::Quantity, e))
                .ok(),
            None if row.get(Column::Quantity).is_none() => Quantity::parse("quantity", "1").ok(),
            None => None,
        };
        let unit_price = match check.number(row, Column::UnitPrice) {
            Some(d) => Money::from_decimal("unit_price", d)
                .map_err(|e| check.domain(row, Column::UnitPrice, e))
                .ok(),
            None if row.get(Column::UnitPrice).is_none() => Some(Money::ZERO),
            None => None,
        };
        let unit = parse_unit("unit", row.get(Column::Unit).unwrap_or(DEFAULT_UNIT))
            .map_err(|e| check.domain(row, Column::Unit, e))
            .ok();
        let status = match row.get(Column::Status) {
            Some(raw) => BomStatus::parse("status", raw)
                .map_err(|e| check.domain(row, Column::Status, e))
                .ok(),
            None => Some(BomStatus::Planned),
        };
        let total = match (quantity, unit_price) {
            (Some(q), Some(p)) => line_total(q, p, "unit_price")
                .map_err(|e| check.domain(row, Column::UnitPrice, e))
                .ok(),
            _ => None,
        };
        let supplier_id = match row.get(Column::Supplier) {
            None => None,
            Some(raw) => match by_supplier_name.get(&raw.trim().to_lowercase()) {
                None => {
                    check.push(
                        row,
                        Column::Supplier,
                        "unknown_supplier",
                        format!("no supplier is called \"{raw}\""),
                    );
                    None
                }
                Some(s) if !s.is_active => {
                    check.push(
                        row,
                        Column::Supplier,
                        "inactive_supplier",
                        format!("the supplier \"{}\" is inactive", s.name),
                    );
                    None
                }
                Some(s) => Some(s.id),
            },
        };
        let optional = |check: &mut RowChecker, column: Column, max: usize| {
            row.get(column).and_then(|raw| {
                text::optional("text", raw, max)
                    .map_err(|e| check.domain(row, column, e))
                    .ok()
                    .flatten()
            })
        };
        let category = optional(&mut check, Column::Category, 100);
        let description = optional(&mut check, Column::Description, 10_000);
        let notes = optional(&mut check, Column::Notes, 10_000);

        // Where the line goes in the tree.
        let (parent, depth) = if use_level {
            match row.get(Column::Level) {
                None => {
                    check.push(
                        row,
                        Column::Level,
                        "required",
                        "a level is required".to_owned(),
                    );
                    (ParentRef::Top, 1)
                }
                Some(raw) => match eventmgr_sheets::parse_level_with(raw, sheet.level_notation)
                    .map(|l| l as usize)
                {
                    Some(level) if level >= 1 && level <= open.len() + 1 && level <= MAX_DEPTH => {
                        let parent = if level == 1 {
                            ParentRef::Top
                        } else {
                            ParentRef::Line(open[level - 2])
                        };
                        (parent, level)
                    }
                    Some(level) if level > MAX_DEPTH => {
                        check.push(
                            row,
                            Column::Level,
                            "too_deep",
                            format!("the BOM tree allows at most {MAX_DEPTH} levels"),
                        );
                        (ParentRef::Top, 1)
                    }
                    _ => {
                        check.push(
                            row,
                            Column::Level,
                            "invalid_level",
                            format!(
                                "level \"{raw}\" must be a number from 1 to {} (one deeper than the row above at most)",
                                open.len() + 1
                            ),
                        );
                        (ParentRef::Top, 1)
                    }
                },
            }
        } else if let Some(raw) = row.get(Column::Parent) {
            let key = raw.trim().to_lowercase();
            if let Some(&i) = line_by_name.get(&key) {
                (ParentRef::Line(i), lines[i].depth + 1)
            } else {
                match existing_by_name.get(&key).map(Vec::as_slice) {
                    Some([id]) => {
                        let d = existing_depth(*id) + 1;
                        (ParentRef::Existing(*id), d + 1)
                    }
                    Some(_) => {
                        check.push(
                            row,
                            Column::Parent,
                            "ambiguous_parent",
                            format!("several items of the project are called \"{raw}\""),
                        );
                        (ParentRef::Top, 1)
                    }
                    None => {
                        check.push(
                            row,
                            Column::Parent,
                            "unknown_parent",
                            format!("no earlier row or item of the project is called \"{raw}\""),
                        );
                        (ParentRef::Top, 1)
                    }
                }
            }
        } else {
            (ParentRef::Top, 1)
        };
        if !use_level && depth > MAX_DEPTH {
            check.push(
                row,
                Column::Parent,
                "too_deep",
                format!("the BOM tree allows at most {MAX_DEPTH} levels"),
            );
        }

        let index = lines.len();
        if use_level {
            open.truncate(depth.saturating_sub(1));
            open.push(index);
        }
        if let Some(n) = &name {
            line_by_name.insert(n.trim().to_lowercase(), index);
        }
        let ok = check.errors.len() == before;
        let (Some(name), Some(quantity), Some(unit), Some(unit_price), Some(status), Some(total)) =
            (name, quantity, unit, unit_price, status, total)
        else {
            // Keep a placeholder so later rows can still point at this one; the import
            // fails anyway.
            lines.push(Line {
                depth,
                parent,
                model: placeholder(project_id, at),
            });
            continue;
        };
        if !ok {
            lines.push(Line {
                depth,
                parent,
                model: placeholder(project_id, at),
            });
            continue;
        }
        lines.push(Line {
            depth,
            parent,
            model: bom_item::Model {
                id: Uuid::now_v7(),
                project_id,
                parent_id: None,
                supplier_id,
                name,
                description,
                category,
                quantity: DbDecimal(quantity.amount()),
                unit,
                unit_price: DbDecimal(unit_price.amount()),
                total_price: DbDecimal(total.amount()),
                status: status.as_str().to_owned(),
                position: 0,
                notes,
                version: 1,
                created_at: at,
                updated_at: at,
            },
        });
    }
    if sheet.rows.is_empty() {
        errors.push(FieldError::new(
            "file",
            "empty",
            "the sheet has a header but no rows",
        ));
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        errors.sort_by_key(|e| e.row.unwrap_or(0));
        Err(AppError::Validation(errors))
    }
}

fn placeholder(project_id: Uuid, at: chrono::DateTime<chrono::Utc>) -> bom_item::Model {
    bom_item::Model {
        id: Uuid::nil(),
        project_id,
        parent_id: None,
        supplier_id: None,
        name: String::new(),
        description: None,
        category: None,
        quantity: DbDecimal::default(),
        unit: String::new(),
        unit_price: DbDecimal::default(),
        total_price: DbDecimal::default(),
        status: String::new(),
        position: 0,
        notes: None,
        version: 1,
        created_at: at,
        updated_at: at,
    }
}
