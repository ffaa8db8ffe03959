import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import i18n from '@/lib/i18n';
import type { Board, Column } from '../lib/reorder';
import { BoardView } from './BoardView';

// The API hooks are not under test: each write is a spy.
const mutations = vi.hoisted(() => ({
  moveColumn: vi.fn(),
  moveCard: vi.fn(),
  deleteColumn: vi.fn(),
}));
vi.mock('../api/board', () => ({
  useMoveColumn: () => ({ mutate: mutations.moveColumn, isPending: false }),
  useMoveCard: () => ({ mutate: mutations.moveCard, isPending: false }),
  useDeleteColumn: () => ({ mutate: mutations.deleteColumn, isPending: false }),
  useCreateColumn: () => ({ mutateAsync: vi.fn() }),
  useUpdateColumn: () => ({ mutateAsync: vi.fn() }),
  useCreateCard: () => ({ mutateAsync: vi.fn() }),
  useUpdateCard: () => ({ mutateAsync: vi.fn() }),
  useDeleteCard: () => ({ mutate: vi.fn() }),
  useTaskChoices: () => ({ data: [] }),
  fetchCard: vi.fn(),
  fetchColumn: vi.fn(),
}));

function column(id: string, name: string, cards: string[] = []): Column {
  return {
    id,
    board_id: 'b',
    name,
    color: '#868E96',
    wip_limit: null,
    position: id,
    card_count: cards.length,
    version: 2,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    cards: cards.map((c) => ({
      id: c,
      column_id: id,
      title: `Card ${c}`,
      priority: 'MEDIUM',
      position: c,
      version: 1,
      created_at: '2027-01-01T00:00:00Z',
      updated_at: '2027-01-01T00:00:00Z',
    })),
  };
}

const board: Board = {
  id: 'b',
  project_id: 'p',
  name: 'Production',
  version: 1,
  created_at: '2027-01-01T00:00:00Z',
  updated_at: '2027-01-01T00:00:00Z',
  columns: [column('todo', 'To do', ['a']), column('doing', 'In progress', ['b', 'c']), column('review', 'Review'), column('done', 'Done')],
};

// jsdom lays nothing out: columns are 288 px wide side by side, as on a desktop, and anything
// inside a column (or the dragged column's overlay) measures as its column.
const order = (board.columns ?? []).map((c) => c.id);
let dragged = 0;
const rectOf = (index: number) => {
  const left = index * 300;
  return { x: left, y: 0, left, top: 0, right: left + 288, bottom: 400, width: 288, height: 400, toJSON: () => ({}) } as DOMRect;
};
const original = Element.prototype.getBoundingClientRect;

beforeAll(async () => {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  Element.prototype.getBoundingClientRect = function rect(this: Element) {
    const host = this.closest('[data-column-id]');
    if (host) return rectOf(order.indexOf(host.getAttribute('data-column-id') ?? ''));
    if (this.closest('[data-testid="column-overlay"]')) return rectOf(dragged);
    return original.call(this);
  };
  await i18n.changeLanguage('en');
});

afterAll(() => {
  Element.prototype.getBoundingClientRect = original;
});

beforeEach(() => {
  mutations.moveColumn.mockReset();
  mutations.deleteColumn.mockReset();
});

afterEach(cleanup);

function renderBoard(canWrite = true) {
  return render(
    <MantineProvider env="test">
      <ModalsProvider>
        <BoardView projectId="p" board={board} members={[]} canWrite={canWrite} canManage={false} onBusyChange={() => undefined} />
      </ModalsProvider>
    </MantineProvider>,
  );
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('moving a column', () => {
  test('by keyboard: picked up by its handle, one step left, dropped: the server is told its new neighbours', async () => {
    renderBoard();
    dragged = 2;
    const handle = screen.getByRole('button', { name: 'Move column “Review”' });
    handle.focus();
    fireEvent.keyDown(handle, { key: ' ', code: 'Space' });
    await settle();
    fireEvent.keyDown(document, { key: 'ArrowLeft', code: 'ArrowLeft' });
    await settle();
    fireEvent.keyDown(document, { key: ' ', code: 'Space' });
    await settle();
    expect(mutations.moveColumn).toHaveBeenCalledTimes(1);
    const [move] = mutations.moveColumn.mock.calls[0] ?? [];
    expect(move).toMatchObject({ from: 2, to: 1, after_id: 'todo', before_id: 'doing' });
    expect(move.column.id).toBe('review');
    expect(move.column.version).toBe(2);
  });

  test('up and down do not move a column; escape cancels', async () => {
    renderBoard();
    dragged = 1;
    const handle = screen.getByRole('button', { name: 'Move column “In progress”' });
    handle.focus();
    fireEvent.keyDown(handle, { key: ' ', code: 'Space' });
    await settle();
    fireEvent.keyDown(document, { key: 'ArrowDown', code: 'ArrowDown' });
    await settle();
    fireEvent.keyDown(document, { key: ' ', code: 'Space' });
    await settle();
    expect(mutations.moveColumn).not.toHaveBeenCalled();
    handle.focus();
    fireEvent.keyDown(handle, { key: ' ', code: 'Space' });
    await settle();
    fireEvent.keyDown(document, { key: 'ArrowRight', code: 'ArrowRight' });
    await settle();
    fireEvent.keyDown(document, { key: 'Escape', code: 'Escape' });
    await settle();
    expect(mutations.moveColumn).not.toHaveBeenCalled();
  });

  test('from the column’s menu: one place right, the last one offers no “right”', async () => {
    renderBoard();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for column “To do”' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Move right' }));
    expect(mutations.moveColumn).toHaveBeenCalledTimes(1);
    expect(mutations.moveColumn.mock.calls[0]?.[0]).toMatchObject({ from: 0, to: 1, after_id: 'doing', before_id: 'review' });
    fireEvent.click(screen.getByRole('button', { name: 'Actions for column “Done”' }));
    await screen.findByRole('menuitem', { name: 'Move left' });
    expect(screen.queryByRole('menuitem', { name: 'Move right' })).toBeNull();
  });

  test('those who may only read get no handles and no column actions', () => {
    renderBoard(false);
    expect(screen.queryAllByRole('button', { name: /^Move column/ })).toHaveLength(0);
    expect(screen.queryAllByRole('button', { name: /^Actions for column/ })).toHaveLength(0);
  });
});

describe('deleting a column', () => {
  test('one with cards is not sent to the server: the board says why', async () => {
    renderBoard();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for column “In progress”' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Delete column' }));
    const notice = await screen.findByTestId('board-notice');
    expect(within(notice).getByText('The column still holds 2 cards. Move or delete them first.')).toBeTruthy();
    expect(mutations.deleteColumn).not.toHaveBeenCalled();
  });

  test('an empty one after a confirmation', async () => {
    renderBoard();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for column “Review”' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Delete column' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete column' });
    expect(dialog.textContent).toContain('Delete column “Review”?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(mutations.deleteColumn).toHaveBeenCalledTimes(1);
    expect(mutations.deleteColumn.mock.calls[0]?.[0].id).toBe('review');
  });
});
