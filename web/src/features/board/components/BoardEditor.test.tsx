import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import i18n from '@/lib/i18n';
import type { Board } from '../lib/reorder';
import { BoardEditor } from './BoardEditor';

const api = vi.hoisted(() => ({ update: vi.fn(), fetchBoard: vi.fn() }));
vi.mock('../api/board', () => ({
  useUpdateBoard: () => ({ mutateAsync: api.update }),
  fetchBoard: api.fetchBoard,
}));
vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));

const board: Board = {
  id: 'b',
  project_id: 'p',
  name: 'Production',
  description: 'Everything for the show',
  version: 3,
  created_at: '2027-01-01T00:00:00Z',
  updated_at: '2027-01-01T00:00:00Z',
  columns: [],
};

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
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
  api.update.mockReset();
  api.fetchBoard.mockReset();
});

function open(onClose = vi.fn()) {
  render(
    <MantineProvider env="test">
      <BoardEditor projectId="p" board={board} onClose={onClose} />
    </MantineProvider>,
  );
  return onClose;
}

describe('renaming a board', () => {
  test('sends only what changed, based on the board’s version', async () => {
    api.update.mockResolvedValue({ ...board, name: 'Build-up week', version: 4 });
    const onClose = open();
    expect(screen.getByRole('dialog', { name: 'Rename board' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Board name' }), { target: { value: '  Build-up week ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.update).toHaveBeenCalledWith({ board, input: { name: 'Build-up week' } });
  });

  test('an empty name is not sent', async () => {
    open();
    fireEvent.change(screen.getByRole('textbox', { name: 'Board name' }), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Please check the marked fields.');
    expect(api.update).not.toHaveBeenCalled();
  });

  test('changed by someone else meanwhile: explained, the input kept, the second save based on the stored board', async () => {
    api.update.mockRejectedValueOnce(new ApiProblem(412, {}));
    api.fetchBoard.mockResolvedValue({ ...board, description: 'Changed by Lukas', version: 5 });
    const onClose = open();
    fireEvent.change(screen.getByRole('textbox', { name: 'Board name' }), { target: { value: 'Build-up week' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByTestId('board-conflict');
    expect((screen.getByRole('textbox', { name: 'Board name' }) as HTMLInputElement).value).toBe('Build-up week');
    expect(onClose).not.toHaveBeenCalled();
    api.update.mockResolvedValueOnce({ ...board, name: 'Build-up week', version: 6 });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.update).toHaveBeenLastCalledWith({
      board: expect.objectContaining({ id: 'b', version: 5 }),
      input: { name: 'Build-up week' },
    });
  });
});
