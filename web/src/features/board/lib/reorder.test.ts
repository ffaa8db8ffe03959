import { describe, expect, test } from 'vitest';
import {
  applyMove,
  findCard,
  isFull,
  locate,
  moveInOrder,
  neighbours,
  orderOf,
  replaceCard,
  wouldExceed,
  type Board,
  type Card,
  type Column,
} from './reorder';

function card(id: string, columnId: string): Card {
  return {
    id,
    column_id: columnId,
    title: `Card ${id}`,
    priority: 'MEDIUM',
    position: id,
    version: 1,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
  };
}

function column(id: string, cardIds: string[], wip: number | null = null): Column {
  return {
    id,
    board_id: 'b',
    name: `Column ${id}`,
    color: '#868E96',
    wip_limit: wip,
    position: id,
    card_count: cardIds.length,
    version: 1,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    cards: cardIds.map((c) => card(c, id)),
  };
}

function board(): Board {
  return {
    id: 'b',
    project_id: 'p',
    name: 'Board',
    version: 1,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    columns: [column('todo', ['a', 'b', 'c']), column('doing', ['d'], 2), column('done', [])],
  };
}

const ids = (b: Board) => orderOf(b);

describe('order and neighbours', () => {
  test('a move between columns names the cards around its new place', () => {
    const order = moveInOrder(orderOf(board()), 'b', 'doing', 0);
    expect(order).toEqual({ todo: ['a', 'c'], doing: ['b', 'd'], done: [] });
    expect(neighbours(order, 'b')).toEqual({ column_id: 'doing', after_id: null, before_id: 'd' });
  });

  test('within a column, at the end, into an empty column', () => {
    const down = moveInOrder(orderOf(board()), 'a', 'todo', 2);
    expect(down.todo).toEqual(['b', 'c', 'a']);
    expect(neighbours(down, 'a')).toEqual({ column_id: 'todo', after_id: 'c', before_id: null });
    const middle = moveInOrder(orderOf(board()), 'c', 'todo', 1);
    expect(neighbours(middle, 'c')).toEqual({ column_id: 'todo', after_id: 'a', before_id: 'b' });
    const empty = moveInOrder(orderOf(board()), 'a', 'done', 5);
    expect(neighbours(empty, 'a')).toEqual({ column_id: 'done', after_id: null, before_id: null });
  });

  test('unknown cards and columns change nothing', () => {
    const order = orderOf(board());
    expect(moveInOrder(order, 'a', 'nowhere', 0)).toBe(order);
    expect(neighbours(order, 'zzz')).toBeNull();
    expect(locate(order, 'd')).toEqual({ columnId: 'doing', index: 0 });
  });
});

describe('optimistic move and rollback', () => {
  test('the move is applied to a copy; the board given stays as it was', () => {
    const before = board();
    const snapshot = JSON.stringify(before);
    const after = applyMove(before, 'a', 'doing', 1);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(ids(after)).toEqual({ todo: ['b', 'c'], doing: ['d', 'a'], done: [] });
    expect(findCard(after, 'a')?.column_id).toBe('doing');
    expect(after.columns?.map((c) => c.card_count)).toEqual([2, 2, 0]);
    // The untouched column is the same object (no needless re-render).
    expect(after.columns?.[2]).toBe(before.columns?.[2]);
  });

  test('rolling back puts the card where it was', () => {
    const before = board();
    const from = locate(orderOf(before), 'b');
    if (!from) throw new Error('b not found');
    const moved = applyMove(before, 'b', 'done', 0);
    const rolledBack = applyMove(moved, 'b', from.columnId, from.index);
    expect(ids(rolledBack)).toEqual(ids(before));
    expect(findCard(rolledBack, 'b')?.column_id).toBe('todo');
  });

  test('a rollback keeps what others changed in between', () => {
    const moved = applyMove(board(), 'a', 'done', 0);
    // Meanwhile a refetch brought a new card into "todo".
    const refetched: Board = {
      ...moved,
      columns: moved.columns?.map((c) => (c.id === 'todo' ? { ...c, cards: [...(c.cards ?? []), card('e', 'todo')] } : c)),
    };
    const rolledBack = applyMove(refetched, 'a', 'todo', 0);
    expect(ids(rolledBack).todo).toEqual(['a', 'b', 'c', 'e']);
    expect(ids(rolledBack).done).toEqual([]);
  });

  test('the server’s answer replaces the card (new version)', () => {
    const updated = { ...card('d', 'doing'), version: 7, title: 'Renamed' };
    const next = replaceCard(board(), updated);
    expect(findCard(next, 'd')?.version).toBe(7);
    expect(findCard(next, 'a')?.version).toBe(1);
  });
});

describe('WIP limits', () => {
  test('a full column refuses a card from elsewhere, not one already in it', () => {
    const full = column('doing', ['d', 'e'], 2);
    expect(isFull(full)).toBe(true);
    expect(wouldExceed(full, 'a')).toBe(true);
    expect(wouldExceed(full, 'd')).toBe(false);
    const roomy = column('doing', ['d'], 2);
    expect(isFull(roomy)).toBe(false);
    expect(wouldExceed(roomy, 'a')).toBe(false);
    expect(wouldExceed(column('x', ['a', 'b', 'c']), 'z')).toBe(false);
  });
});
