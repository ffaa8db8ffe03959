//! `GET /projects/{id}/bom-items/export?format=csv|xlsx`: the BOM in tree order with the
//! columns the importer reads, so an export re-imports into the same tree and totals. Prices,
//! totals and subtotals are left out for callers without `costs:read`.

use std::collections::HashMap;

use eventmgr_sheets::{ExportOptions, ExportRow, Format};
use eventmgr_store::repo::{bom_items, suppliers};
use uuid::Uuid;

use super::tree::in_tree_order;
use crate::access::{self, Need};
use crate::{Actor, App, AppError};

/// A finished export file.
pub struct ExportFile {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    /// Suggested file name (may contain any Unicode the project name has).
    pub filename: String,
}

/// The project name as a file name: letters, digits and a few safe marks only.
fn file_stem(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned
        .trim_matches(['.', ' '])
        .chars()
        .take(100)
        .collect::<String>();
    if trimmed.is_empty() {
        "project".to_owned()
    } else {
        trimmed
    }
}

impl App {
    pub async fn export_bom(
        &self,
        actor: &Actor,
        project_id: Uuid,
        format: Format,
    ) -> Result<ExportFile, AppError> {
        let db = self.store.conn();
        let access = access::guard(db, actor, project_id, Need::Read, false).await?;
        let items = bom_items::all_of_project(db, project_id).await?;
        let mut supplier_ids: Vec<Uuid> = items.iter().filter_map(|m| m.supplier_id).collect();
        supplier_ids.sort();
        supplier_ids.dedup();
        let names: HashMap<Uuid, String> = suppliers::by_ids(db, supplier_ids)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let sees_costs = access.sees_costs;
        let rows: Vec<ExportRow> = in_tree_order(items)
            .into_iter()
            .map(|p| ExportRow {
                level: p.depth,
                subtotal: (sees_costs && p.has_children).then_some(p.rollup),
                name: p.item.name,
                description: p.item.description,
                quantity: p.item.quantity.0.normalize(),
                unit: p.item.unit,
                unit_price: sees_costs.then_some(p.item.unit_price.0),
                total: sees_costs.then_some(p.item.total_price.0),
                category: p.item.category,
                supplier: p.item.supplier_id.and_then(|id| names.get(&id).cloned()),
                status: p.item.status,
                notes: p.item.notes,
            })
            .collect();
        let options = ExportOptions {
            include_costs: sees_costs,
            currency: access.project.currency.clone(),
            title: Some(access.project.name.clone()),
        };
        let bytes = tokio::task::spawn_blocking(move || match format {
            Format::Csv => Ok(eventmgr_sheets::write_csv(&rows, &options)),
            Format::Xlsx => eventmgr_sheets::write_xlsx(&rows, &options),
        })
        .await
        .map_err(|e| AppError::Internal(format!("sheet writer: {e}")))?
        .map_err(|e| AppError::Internal(format!("writing the export: {e}")))?;
        Ok(ExportFile {
            bytes,
            content_type: format.content_type(),
            filename: format!(
                "BOM {}.{}",
                file_stem(&access.project.name),
                format.extension()
            ),
        })
    }
}
