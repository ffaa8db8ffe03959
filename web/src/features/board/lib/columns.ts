// The order of a board's columns as plain data: where a dragged column lands, the neighbours
// the API wants for it (`after_id`/`before_id`, as for cards), the optimistic reorder and its
// rollback, and why a column write was refused.
import { ApiProblem } from '@/lib/api/problem';
import type { Board, Column } from './reorder';

export function columnIds(board: Board): string[] {
  return (board.columns ?? []).map((column) => column.id);
}

/** `ids` with `columnId` taken out and put in at `index` (clamped); unknown ids change nothing. */
export function moveColumnInList(ids: readonly string[], columnId: string, index: number): string[] {
  if (!ids.includes(columnId)) return [...ids];
  const rest = ids.filter((id) => id !== columnId);
  rest.splice(Math.max(0, Math.min(index, rest.length)), 0, columnId);
  return rest;
}

/**
 * The neighbours `PATCH /columns/{id}` places the column between, from the order after the
 * move: the column to its left (`after_id`) and to its right (`before_id`).
 */
export function columnNeighbours(ids: readonly string[], columnId: string): { after_id: string | null; before_id: string | null } | null {
  const index = ids.indexOf(columnId);
  if (index < 0) return null;
  return { after_id: ids[index - 1] ?? null, before_id: ids[index + 1] ?? null };
}

/** The board with one column moved to `index` (a new object; the given board is untouched). */
export function applyColumnMove(board: Board, columnId: string, index: number): Board {
  const columns = board.columns ?? [];
  const moving = columns.find((column) => column.id === columnId);
  if (!moving) return board;
  const rest = columns.filter((column) => column.id !== columnId);
  rest.splice(Math.max(0, Math.min(index, rest.length)), 0, moving);
  return { ...board, columns: rest };
}

/** Puts the server's answer for a column into the board; the column keeps the cards shown. */
export function replaceColumn(board: Board, column: Column): Board {
  return {
    ...board,
    columns: (board.columns ?? []).map((c) => (c.id === column.id ? { ...c, ...column, cards: c.cards } : c)),
  };
}

/** The board with a new name or description from the server; its columns stay. */
export function replaceBoardHead(board: Board, head: Board): Board {
  return { ...board, ...head, columns: board.columns };
}

export type ColumnProblem =
  | { kind: 'notEmpty'; count: number | null }
  | { kind: 'stale' }
  | { kind: 'forbidden' }
  | { kind: 'other' };

/** Why the server refused a column's move or delete, in words the board can explain. */
export function classifyColumnError(error: unknown): ColumnProblem {
  if (!(error instanceof ApiProblem)) return { kind: 'other' };
  if (error.status === 412 || error.status === 404) return { kind: 'stale' };
  if (error.status === 403) return { kind: 'forbidden' };
  if (error.status !== 409) return { kind: 'other' };
  if (error.code === 'stale_neighbours') return { kind: 'stale' };
  const detail = error.detail ?? '';
  const holds = /still holds (\d+) card/.exec(detail);
  if (holds) return { kind: 'notEmpty', count: Number(holds[1]) };
  if (detail.includes('no longer') || detail.includes('refetch')) return { kind: 'stale' };
  return { kind: 'other' };
}
