// The BOM lines a transport carries: names (with the groups they sit in, so that two
// "Bühnentreppe" of two stages can be told apart), the choice of lines up to the server's
// limit, and the short summary a table row shows.
import type { components } from '@/lib/api/schema';

/** The server's `MAX_CARRIED` (crates/app/src/logistics.rs): at most this many lines per transport. */
export const MAX_CARRIED = 1000;

type BomItem = components['schemas']['BomItemOut'];
type BomNode = components['schemas']['BomNode'];

export interface BomLine {
  id: string;
  name: string;
  /** Names of the groups above the line, outermost first. */
  path: string[];
  quantity: string;
  unit: string;
}

/** Every line of the BOM tree by id, with the names of the groups above it. */
export function indexTree(nodes: readonly BomNode[]): Map<string, BomLine> {
  const index = new Map<string, BomLine>();
  const walk = (list: readonly BomNode[], path: string[]) => {
    for (const node of list) {
      index.set(node.id, { id: node.id, name: node.name, path, quantity: node.quantity, unit: node.unit });
      if (node.children.length > 0) walk(node.children, [...path, node.name]);
    }
  };
  walk(nodes, []);
  return index;
}

/** A line of a search result; its groups come from the index when it is loaded. */
export function lineOf(item: BomItem, index: ReadonlyMap<string, BomLine> | undefined): BomLine {
  const known = index?.get(item.id);
  return known ?? { id: item.id, name: item.name, path: [], quantity: item.quantity, unit: item.unit };
}

/**
 * The chosen ids with `id` added or taken out. Adding beyond `max` is refused (the ids stay
 * as they were), so that the form never holds more than the server accepts.
 */
export function toggleLine(ids: readonly string[], id: string, max = MAX_CARRIED): { ids: string[]; refused: boolean } {
  if (ids.includes(id)) return { ids: ids.filter((other) => other !== id), refused: false };
  if (ids.length >= max) return { ids: [...ids], refused: true };
  return { ids: [...ids, id], refused: false };
}

/** A quantity as the BOM stores it (`180.000`) without the trailing zeros: `180`, `2.5`. */
export function shortQuantity(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}

/**
 * The names a row shows for the carried lines: the first `shown` in alphabetical order, how
 * many more there are, and whether some names are not known (yet).
 */
export function carriedSummary(
  ids: readonly string[],
  index: ReadonlyMap<string, BomLine> | undefined,
  shown = 3,
  locale = 'en',
): { names: string[]; more: number } {
  const names = ids
    .map((id) => index?.get(id)?.name)
    .filter((name): name is string => name !== undefined)
    .sort((a, b) => a.localeCompare(b, locale));
  const first = names.slice(0, shown);
  return { names: first, more: ids.length - first.length };
}
