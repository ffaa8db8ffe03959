//! `?view=tree`: the whole BOM of a project as a nested tree, every node with its own total
//! and the rollup of its subtree, computed from the items themselves (see
//! `eventmgr_domain::bom` for why rollups are never stored) and kept rendered until the
//! project's BOM changes (`tree_cache`).

use std::collections::HashMap;

use eventmgr_domain::Money;
use eventmgr_domain::bom::rollups;
use eventmgr_store::entity::bom_item;
use eventmgr_store::repo::bom_items;
use rust_decimal::Decimal;
use serde::Serialize;
use uuid::Uuid;

use super::BomItemOut;
use super::tree_cache::{RenderedTree, TreeKey, TreeStamp};
use crate::access::{self, Need};
use crate::{Actor, App, AppError};

/// A node of the tree: the item, its depth (1 at the top), its subtree rollup, its children.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BomNode {
    #[serde(flatten)]
    pub item: BomItemOut,
    pub depth: u32,
    /// The item's own total plus the totals of its whole subtree; absent without
    /// `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "15420.00")]
    pub rollup_total: Option<String>,
    #[schema(no_recursion)]
    pub children: Vec<BomNode>,
}

/// The BOM tree of a project.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BomTree {
    pub items: Vec<BomNode>,
    /// Number of items in the whole tree.
    pub count: usize,
    /// Sum of every item's total; absent without `costs:read`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "182340.50")]
    pub total: Option<String>,
    pub currency: String,
}

/// One item in tree order (depth first, siblings by position then name).
pub(crate) struct Placed {
    pub item: bom_item::Model,
    pub depth: u32,
    pub rollup: Decimal,
    pub has_children: bool,
}

/// The items of a project in tree order, with depth and rollup. `items` must come in sibling
/// order ([`bom_items::all_of_project`]); the order is kept among siblings.
pub(crate) fn in_tree_order(items: Vec<bom_item::Model>) -> Vec<Placed> {
    let links: Vec<(Uuid, Option<Uuid>, Decimal)> = items
        .iter()
        .map(|m| (m.id, m.parent_id, m.total_price.0))
        .collect();
    let sums = rollups(&links);
    let ids: HashMap<Uuid, usize> = items.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let mut children: HashMap<Option<Uuid>, Vec<usize>> = HashMap::new();
    for (i, m) in items.iter().enumerate() {
        // An item whose parent is missing (never the case in a consistent store) shows at
        // the top rather than vanishing.
        let parent = m.parent_id.filter(|p| ids.contains_key(p));
        children.entry(parent).or_default().push(i);
    }
    let mut slots: Vec<Option<bom_item::Model>> = items.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    // Depth-first with an explicit stack: (index, depth), pushed in reverse sibling order.
    let mut stack: Vec<(usize, u32)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|i| (*i, 1)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        let Some(item) = slots[i].take() else {
            continue;
        };
        let kids = children.get(&Some(item.id));
        if let Some(kids) = kids {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
        out.push(Placed {
            rollup: sums[i],
            has_children: kids.is_some_and(|k| !k.is_empty()),
            depth,
            item,
        });
    }
    out
}

/// Nests placed items (in tree order) into nodes.
fn nest(placed: Vec<Placed>, sees_costs: bool) -> Vec<BomNode> {
    // A stack of open nodes; a node closes when an item at its depth or above arrives.
    let mut roots: Vec<BomNode> = Vec::new();
    let mut open: Vec<BomNode> = Vec::new();
    let close = |open: &mut Vec<BomNode>, roots: &mut Vec<BomNode>| {
        if let Some(done) = open.pop() {
            match open.last_mut() {
                Some(parent) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    };
    for p in placed {
        while open.last().is_some_and(|n| n.depth >= p.depth) {
            close(&mut open, &mut roots);
        }
        open.push(BomNode {
            rollup_total: sees_costs.then(|| Money::from_stored(p.rollup).to_string()),
            depth: p.depth,
            item: BomItemOut::from_model(p.item, sees_costs),
            children: Vec::new(),
        });
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    roots
}

impl App {
    /// The project's BOM tree, rendered (see `tree_cache`): from the cache while the project's
    /// BOM has not changed, built and kept otherwise.
    pub async fn bom_tree(
        &self,
        actor: &Actor,
        project_id: Uuid,
    ) -> Result<RenderedTree, AppError> {
        let db = self.store.conn();
        let access = access::guard(db, actor, project_id, Need::Read, false).await?;
        let key = TreeKey {
            project_id,
            sees_costs: access.sees_costs,
        };
        // Before the lines (see `bom_items::changes_of`).
        let changes = bom_items::changes_of(db, project_id).await?;
        let stamp = changes.map(|bom_changes| TreeStamp {
            bom_changes,
            currency: access.project.currency.clone(),
        });
        if let Some(stamp) = &stamp
            && let Some(tree) = self.tree_cache.get(&key, stamp)
        {
            return Ok(tree);
        }
        let items = bom_items::all_of_project(db, project_id).await?;
        let tree = build(items, access.sees_costs, access.project.currency);
        let json = serde_json::to_vec(&tree)
            .map_err(|e| AppError::Internal(format!("BOM tree not serialisable: {e}")))?;
        let rendered = RenderedTree::render(&json);
        if let Some(stamp) = stamp {
            self.tree_cache.put(key, stamp, rendered.clone());
        }
        Ok(rendered)
    }
}

/// The tree of `items` (a whole project, in sibling order), as one role sees it.
fn build(items: Vec<bom_item::Model>, sees_costs: bool, currency: String) -> BomTree {
    let count = items.len();
    let total: Decimal = items.iter().map(|m| m.total_price.0).sum();
    let placed = in_tree_order(items);
    BomTree {
        items: nest(placed, sees_costs),
        count,
        total: sees_costs.then(|| Money::from_stored(total).to_string()),
        currency,
    }
}
