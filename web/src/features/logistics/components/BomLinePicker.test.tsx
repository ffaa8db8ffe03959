import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import i18n from '@/lib/i18n';
import type { BomLine } from '../carried';
import { BomLinePicker } from './BomLinePicker';

const lines: BomLine[] = [
  { id: 'truss', name: 'Truss Prolyte H40V', path: ['Stage & rigging', 'Rigging'], quantity: '180.000', unit: 'm' },
  { id: 'corners', name: 'Truss-Ecken & Verbinder H40V', path: ['Stage & rigging', 'Rigging'], quantity: '1.000', unit: 'lot' },
  { id: 'stairs', name: 'Bühnentreppe mit Geländer', path: ['Stage & rigging', 'Mainstage'], quantity: '4.000', unit: 'pcs' },
];
const index = new Map(lines.map((line) => [line.id, line]));
const searched: string[] = [];

// The API is not under test here: a search answers the lines whose name contains `q`.
vi.mock('../api/bomLines', () => ({
  useBomLineIndex: () => ({ data: index, isPending: false }),
  useBomLineSearch: (_projectId: string, q: string, enabled: boolean) => {
    if (enabled) searched.push(q);
    const items = lines
      .filter((line) => line.name.toLowerCase().includes(q.toLowerCase()))
      .map((line) => ({ id: line.id, name: line.name, quantity: line.quantity, unit: line.unit }));
    return {
      data: { pages: [{ items, total: items.length, next_cursor: null }] },
      isPending: false,
      isError: false,
      isFetching: false,
      isFetchingNextPage: false,
      hasNextPage: false,
      fetchNextPage: vi.fn(),
    };
  },
}));

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
  Element.prototype.scrollIntoView ??= () => undefined;
  await i18n.changeLanguage('en');
});

afterEach(cleanup);

function Harness({ initial = [], max, onChange }: { initial?: string[]; max?: number; onChange?: (ids: string[]) => void }) {
  const [ids, setIds] = useState(initial);
  return (
    <MantineProvider env="test">
      <BomLinePicker
        projectId="p"
        value={ids}
        max={max}
        onChange={(next) => {
          setIds(next);
          onChange?.(next);
        }}
      />
    </MantineProvider>
  );
}

async function type(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  // The search waits for typing to pause.
  await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
}

describe('choosing the lines a transport carries', () => {
  test('by keyboard: search, arrow down, Enter; the chosen lines are listed by name', async () => {
    const changes = vi.fn();
    render(<Harness onChange={changes} />);
    const input = screen.getByRole('textbox', { name: /Material lines carried/ });
    expect(screen.getByTestId('carried-count').textContent).toBe('No lines chosen yet.');
    input.focus();
    await type(input, 'H40V');
    expect(searched.at(-1)).toBe('H40V');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Truss Prolyte H40VStage & rigging › Rigging · 180 m',
      'Truss-Ecken & Verbinder H40VStage & rigging › Rigging · 1 lot',
    ]);
    // Enter before an arrow key picks nothing, and never submits the form around the field.
    expect(fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' })).toBe(false);
    expect(changes).not.toHaveBeenCalled();
    fireEvent.keyDown(input, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    fireEvent.keyDown(input, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    expect(changes).toHaveBeenLastCalledWith(['truss', 'corners']);
    const chosen = screen.getByRole('list', { name: 'Lines carried' });
    expect(within(chosen).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Truss Prolyte H40VStage & rigging › Rigging · 180 m',
      'Truss-Ecken & Verbinder H40VStage & rigging › Rigging · 1 lot',
    ]);
    expect(screen.getByTestId('carried-count').textContent).toBe('2 lines chosen');
    // A chosen line is marked as such in the list of options.
    expect(screen.getAllByRole('option').map((o) => o.getAttribute('aria-checked'))).toEqual(['true', 'true']);
  });

  test('choosing a chosen line again, or its remove button, takes it out', async () => {
    const changes = vi.fn();
    render(<Harness initial={['truss', 'stairs']} onChange={changes} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove “Bühnentreppe mit Geländer”' }));
    expect(changes).toHaveBeenLastCalledWith(['truss']);
    const input = screen.getByRole('textbox', { name: /Material lines carried/ });
    input.focus();
    await type(input, 'Prolyte');
    fireEvent.click(await screen.findByRole('option', { name: /^Truss Prolyte H40V/ }));
    expect(changes).toHaveBeenLastCalledWith([]);
    expect(screen.queryByRole('list', { name: 'Lines carried' })).toBeNull();
  });

  test('at the limit no further line can be added, and the form says why', async () => {
    const changes = vi.fn();
    render(<Harness initial={['stairs']} max={1} onChange={changes} />);
    const input = screen.getByRole('textbox', { name: /Material lines carried/ });
    input.focus();
    await type(input, 'H40V');
    const option = await screen.findByRole('option', { name: /^Truss Prolyte H40V/ });
    expect(option.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(option);
    expect(changes).not.toHaveBeenCalled();
    expect(screen.getByTestId('carried-count').textContent).toBe('1 line chosen');
    expect(screen.getByRole('status').textContent).toBe('At most 1 lines per transport.');
  });
});
