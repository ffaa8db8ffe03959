import { describe, expect, test, vi } from 'vitest';
import { fetchAllPages, listQuery, noItems, pagedItems } from './lists';

describe('paged lists', () => {
  test('all pages are fetched in order until there is no next one', async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      first: { items: [1, 2], next_cursor: 'b' },
      b: { items: [3], next_cursor: 'c' },
      c: { items: [4], next_cursor: null },
    };
    const fetchPage = vi.fn((cursor: string | undefined) => Promise.resolve(pages[cursor ?? 'first'] ?? { items: [], next_cursor: null }));
    expect(await fetchAllPages(fetchPage)).toEqual([1, 2, 3, 4]);
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, 'b', 'c']);
  });

  test('the safety stop ends an endless list', async () => {
    const fetchPage = vi.fn(() => Promise.resolve({ items: [0], next_cursor: 'again' }));
    expect(await fetchAllPages(fetchPage, 3)).toEqual([0, 0, 0]);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  test('the pages loaded so far', () => {
    const data = { pages: [{ items: ['a', 'b'], total: 5 }, { items: ['c'], total: 5 }] };
    expect(pagedItems(data)).toEqual({ items: ['a', 'b', 'c'], total: 5 });
    expect(pagedItems(undefined)).toEqual({ items: [], total: undefined });
    expect(pagedItems({ pages: [{ items: [], total: null }] })).toEqual({ items: [], total: undefined });
    expect(noItems({ pages: [{ items: [] }, { items: [] }] })).toBe(true);
    expect(noItems(data)).toBe(false);
  });

  test('a list filter in the query', () => {
    expect(listQuery(['TODO', 'DONE'])).toBe('TODO,DONE');
    expect(listQuery([])).toBeUndefined();
    expect(listQuery(undefined)).toBeUndefined();
  });
});
