// The board's order as plain data, so that a drag can be shown at once (optimistic), sent as
// the API wants it (the card's new neighbours) and undone when the server refuses.
import type { components } from '@/lib/api/schema';

export type Board = components['schemas']['BoardOut'];
export type Column = components['schemas']['ColumnOut'];
export type Card = components['schemas']['CardOut'];

/** Card ids per column id, in order. */
export type Order = Record<string, string[]>;

export interface Place {
  columnId: string;
  index: number;
}

export function orderOf(board: Board): Order {
  const order: Order = {};
  for (const column of board.columns ?? []) order[column.id] = (column.cards ?? []).map((card) => card.id);
  return order;
}

export function locate(order: Order, cardId: string): Place | null {
  for (const [columnId, ids] of Object.entries(order)) {
    const index = ids.indexOf(cardId);
    if (index >= 0) return { columnId, index };
  }
  return null;
}

/** `order` with the card taken out and put into `columnId` at `index` (clamped). */
export function moveInOrder(order: Order, cardId: string, columnId: string, index: number): Order {
  const next: Order = {};
  for (const [id, ids] of Object.entries(order)) next[id] = ids.filter((other) => other !== cardId);
  const target = next[columnId];
  if (!target) return order;
  const at = Math.max(0, Math.min(index, target.length));
  target.splice(at, 0, cardId);
  return next;
}

/** The neighbours the move endpoint wants: the card above (`after_id`) and below (`before_id`). */
export function neighbours(order: Order, cardId: string): { column_id: string; after_id: string | null; before_id: string | null } | null {
  const place = locate(order, cardId);
  if (!place) return null;
  const ids = order[place.columnId] ?? [];
  return {
    column_id: place.columnId,
    after_id: ids[place.index - 1] ?? null,
    before_id: ids[place.index + 1] ?? null,
  };
}

/**
 * The board with one card moved (a new object; the given board is untouched). Used for the
 * optimistic update and, with the card's old place, for the rollback — which then keeps any
 * other change that arrived in between.
 */
export function applyMove(board: Board, cardId: string, columnId: string, index: number): Board {
  const columns = board.columns ?? [];
  const card = columns.flatMap((c) => c.cards ?? []).find((c) => c.id === cardId);
  if (!card || !columns.some((c) => c.id === columnId)) return board;
  const moved: Card = { ...card, column_id: columnId };
  return {
    ...board,
    columns: columns.map((column) => {
      if (column.id !== columnId && column.id !== card.column_id) return column;
      const cards = (column.cards ?? []).filter((c) => c.id !== cardId);
      if (column.id === columnId) cards.splice(Math.max(0, Math.min(index, cards.length)), 0, moved);
      return { ...column, cards, card_count: cards.length };
    }),
  };
}

/** Puts the server's answer for one card into the board (its version, position, task). */
export function replaceCard(board: Board, card: Card): Board {
  return {
    ...board,
    columns: (board.columns ?? []).map((column) =>
      (column.cards ?? []).some((c) => c.id === card.id)
        ? { ...column, cards: (column.cards ?? []).map((c) => (c.id === card.id ? card : c)) }
        : column,
    ),
  };
}

/** Whether moving `cardId` into `column` would exceed its WIP limit. */
export function wouldExceed(column: Column, cardId: string): boolean {
  if (column.wip_limit === null || column.wip_limit === undefined) return false;
  const cards = column.cards ?? [];
  if (cards.some((c) => c.id === cardId)) return false;
  return cards.length >= column.wip_limit;
}

export function isFull(column: Column): boolean {
  return column.wip_limit !== null && column.wip_limit !== undefined && (column.cards?.length ?? column.card_count) >= column.wip_limit;
}

export function findCard(board: Board, cardId: string): Card | undefined {
  for (const column of board.columns ?? []) {
    const card = column.cards?.find((c) => c.id === cardId);
    if (card) return card;
  }
  return undefined;
}
