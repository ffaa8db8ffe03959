// Pure operations on the BOM tree the server sends (`?view=tree`): the rows a person sees
// (expanded, filtered), rollups recomputed after a local edit (so totals follow a keystroke
// before the server has answered), and the checks a drag needs.
import { add, multiply } from '@/lib/money';
import type { components } from '@/lib/api/schema';

export type BomNode = components['schemas']['BomNode'];

export interface Row {
  node: BomNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Part of the result only because a descendant matches the filter. */
  context: boolean;
}

export interface Filter {
  text: string;
  category: string | null;
  status: string | null;
  supplierId: string | null;
}

export const NO_FILTER: Filter = { text: '', category: null, status: null, supplierId: null };

export function isFiltering(filter: Filter): boolean {
  return filter.text.trim() !== '' || filter.category !== null || filter.status !== null || filter.supplierId !== null;
}

function matches(node: BomNode, filter: Filter): boolean {
  const text = filter.text.trim().toLowerCase();
  if (text) {
    const haystack = [node.name, node.description, node.notes, node.category].filter(Boolean).join(' ').toLowerCase();
    if (!text.split(/\s+/).every((word) => haystack.includes(word))) return false;
  }
  if (filter.category !== null && (node.category ?? '') !== filter.category) return false;
  if (filter.status !== null && node.status !== filter.status) return false;
  if (filter.supplierId !== null && node.supplier_id !== filter.supplierId) return false;
  return true;
}

/**
 * The rows to show, depth first. Without a filter, children of collapsed nodes are hidden;
 * with one, every match is shown with its ancestors (as context), expanded.
 */
export function visibleRows(roots: BomNode[], expanded: ReadonlySet<string>, filter: Filter = NO_FILTER): Row[] {
  const rows: Row[] = [];
  const filtering = isFiltering(filter);

  // With a filter: which nodes have a matching descendant (or match themselves)?
  const keep = new Map<string, boolean>();
  const mark = (node: BomNode): boolean => {
    let any = matches(node, filter);
    for (const child of node.children) any = mark(child) || any;
    keep.set(node.id, any);
    return any;
  };
  if (filtering) roots.forEach(mark);

  const walk = (nodes: BomNode[], depth: number) => {
    for (const node of nodes) {
      if (filtering && !keep.get(node.id)) continue;
      const hasChildren = node.children.length > 0;
      const open = filtering ? true : expanded.has(node.id);
      rows.push({ node, depth, hasChildren, expanded: open, context: filtering && !matches(node, filter) });
      if (hasChildren && open) walk(node.children, depth + 1);
    }
  };
  walk(roots, 1);
  return rows;
}

/** Every node id that has children (for "expand all"). */
export function parentIds(roots: BomNode[]): string[] {
  const ids: string[] = [];
  const walk = (nodes: BomNode[]) => {
    for (const node of nodes) {
      if (node.children.length > 0) {
        ids.push(node.id);
        walk(node.children);
      }
    }
  };
  walk(roots);
  return ids;
}

/** Whether `candidate` is `id` itself or lies in its subtree (a move there would be a cycle). */
export function isInSubtree(roots: BomNode[], id: string, candidate: string): boolean {
  const find = (nodes: BomNode[]): BomNode | undefined => {
    for (const node of nodes) {
      if (node.id === id) return node;
      const found = find(node.children);
      if (found) return found;
    }
    return undefined;
  };
  const start = find(roots);
  if (!start) return false;
  const contains = (node: BomNode): boolean => node.id === candidate || node.children.some(contains);
  return contains(start);
}

/** The number of items below `node`. */
export function descendantCount(node: BomNode): number {
  return node.children.reduce((sum, child) => sum + 1 + descendantCount(child), 0);
}

/**
 * The tree with one item's fields changed and every total and rollup on its path recomputed,
 * exactly (decimal strings). Used for the instant feedback while the server saves.
 */
export function withEdit(roots: BomNode[], id: string, change: Partial<Pick<BomNode, 'quantity' | 'unit_price' | 'status' | 'supplier_id' | 'name' | 'category'>>): BomNode[] {
  const update = (nodes: BomNode[]): BomNode[] =>
    nodes.map((node) => {
      const changed = node.id === id ? { ...node, ...change } : node;
      const children = update(node.children);
      const touched = changed !== node || children.some((child, i) => child !== node.children[i]);
      if (!touched) return node;
      const own =
        changed.unit_price === null || changed.unit_price === undefined
          ? changed.total_price
          : multiply(changed.quantity, changed.unit_price);
      const rollup =
        changed.rollup_total === undefined || changed.rollup_total === null
          ? changed.rollup_total
          : add(own, ...children.map((child) => child.rollup_total ?? '0'));
      return { ...changed, children, total_price: own, rollup_total: rollup };
    });
  return update(roots);
}

/** Sum of the top-level rollups: the BOM's total. */
export function grandTotal(roots: BomNode[]): string {
  return add(...roots.map((node) => node.rollup_total ?? '0'));
}
