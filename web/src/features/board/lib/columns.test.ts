import { describe, expect, test } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import {
  applyColumnMove,
  classifyColumnError,
  columnIds,
  columnNeighbours,
  moveColumnInList,
  replaceBoardHead,
  replaceColumn,
} from './columns';
import type { Board, Column } from './reorder';

const ID = '01a20d76-ed1f-738e-868a-6815152dcba5';

function column(id: string, cards: string[] = []): Column {
  return {
    id,
    board_id: 'b',
    name: `Column ${id}`,
    color: '#868E96',
    wip_limit: null,
    position: id,
    card_count: cards.length,
    version: 1,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    cards: cards.map((c) => ({
      id: c,
      column_id: id,
      title: c,
      priority: 'MEDIUM',
      position: c,
      version: 1,
      created_at: '2027-01-01T00:00:00Z',
      updated_at: '2027-01-01T00:00:00Z',
    })),
  };
}

function board(): Board {
  return {
    id: 'b',
    project_id: 'p',
    name: 'Board',
    version: 3,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    columns: [column('todo', ['a']), column('doing'), column('review'), column('done', ['z'])],
  };
}

describe('where a moved column goes and what the server is told', () => {
  test('to the left: between the two columns now around it', () => {
    const order = moveColumnInList(columnIds(board()), 'review', 1);
    expect(order).toEqual(['todo', 'review', 'doing', 'done']);
    expect(columnNeighbours(order, 'review')).toEqual({ after_id: 'todo', before_id: 'doing' });
  });

  test('to the right, to the very start and to the very end', () => {
    const right = moveColumnInList(columnIds(board()), 'todo', 2);
    expect(right).toEqual(['doing', 'review', 'todo', 'done']);
    expect(columnNeighbours(right, 'todo')).toEqual({ after_id: 'review', before_id: 'done' });
    const first = moveColumnInList(columnIds(board()), 'done', 0);
    expect(columnNeighbours(first, 'done')).toEqual({ after_id: null, before_id: 'todo' });
    const last = moveColumnInList(columnIds(board()), 'todo', 99);
    expect(last.at(-1)).toBe('todo');
    expect(columnNeighbours(last, 'todo')).toEqual({ after_id: 'done', before_id: null });
  });

  test('unknown columns change nothing and have no neighbours', () => {
    expect(moveColumnInList(['a', 'b'], 'x', 0)).toEqual(['a', 'b']);
    expect(columnNeighbours(['a', 'b'], 'x')).toBeNull();
  });
});

describe('optimistic column move and rollback', () => {
  test('the move is applied to a copy, the cards travel with their column', () => {
    const before = board();
    const snapshot = JSON.stringify(before);
    const after = applyColumnMove(before, 'done', 0);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(columnIds(after)).toEqual(['done', 'todo', 'doing', 'review']);
    expect(after.columns?.[0]?.cards?.map((c) => c.id)).toEqual(['z']);
    expect(applyColumnMove(before, 'nowhere', 0)).toBe(before);
  });

  test('rolling back to the old index restores the order', () => {
    const before = board();
    const moved = applyColumnMove(before, 'doing', 3);
    expect(columnIds(applyColumnMove(moved, 'doing', 1))).toEqual(columnIds(before));
  });

  test('the server’s answer (no cards in it) replaces the column but keeps its cards', () => {
    const answer: Column = { ...column('todo'), version: 4, name: 'Backlog', cards: undefined };
    const next = replaceColumn(board(), answer);
    expect(next.columns?.[0]?.version).toBe(4);
    expect(next.columns?.[0]?.name).toBe('Backlog');
    expect(next.columns?.[0]?.cards?.map((c) => c.id)).toEqual(['a']);
  });

  test('a renamed board keeps the columns shown', () => {
    const head: Board = { ...board(), name: 'Build-up week', version: 4, columns: undefined };
    const next = replaceBoardHead(board(), head);
    expect(next.name).toBe('Build-up week');
    expect(next.version).toBe(4);
    expect(columnIds(next)).toEqual(['todo', 'doing', 'review', 'done']);
  });
});

describe('why a column write was refused', () => {
  const conflict = (detail: string) => new ApiProblem(409, { detail });
  test('the server’s answers, in words the board can explain', () => {
    expect(classifyColumnError(conflict('the column still holds 3 card(s); move or delete them first'))).toEqual({
      kind: 'notEmpty',
      count: 3,
    });
    expect(classifyColumnError(conflict(`after_id ${ID} and before_id ${ID} are no longer neighbours; refetch and retry`))).toEqual({
      kind: 'stale',
    });
    expect(classifyColumnError(conflict(`before_id ${ID} is not (or no longer) in the target list; refetch and retry`))).toEqual({
      kind: 'stale',
    });
    expect(classifyColumnError(new ApiProblem(409, { detail: 'x', code: 'stale_neighbours', records: [{ id: ID }] }))).toEqual({
      kind: 'stale',
    });
    expect(classifyColumnError(new ApiProblem(412, {}))).toEqual({ kind: 'stale' });
    expect(classifyColumnError(new ApiProblem(404, {}))).toEqual({ kind: 'stale' });
    expect(classifyColumnError(new ApiProblem(403, {}))).toEqual({ kind: 'forbidden' });
    expect(classifyColumnError(conflict('a board has at most 30 columns'))).toEqual({ kind: 'other' });
    expect(classifyColumnError(new Error('x'))).toEqual({ kind: 'other' });
  });
});
