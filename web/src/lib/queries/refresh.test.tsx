import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { useProjectWrite } from './refresh';

function setup(write: (n: number) => Promise<number>, existing: boolean) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const { result } = renderHook(() => useProjectWrite('p1', 'permits', write, existing), { wrapper });
  const keys = () => invalidate.mock.calls.map(([filters]) => filters?.queryKey);
  return { result, keys };
}

describe('a write inside a project', () => {
  test('refreshes the part and the summary after it worked', async () => {
    const { result, keys } = setup((n) => Promise.resolve(n + 1), false);
    await act(() => result.current.mutateAsync(1));
    expect(keys()).toEqual([
      ['project', 'p1', 'permits'],
      ['project', 'p1', 'summary'],
    ]);
  });

  test('a new record refused: nothing to refresh', async () => {
    const { result, keys } = setup(() => Promise.reject(new Error('422')), false);
    await act(() => result.current.mutateAsync(1).catch(() => undefined));
    expect(keys()).toEqual([]);
  });

  test('an existing record refused (a 412): refreshed, so the next try has its version', async () => {
    const { result, keys } = setup(() => Promise.reject(new Error('412')), true);
    await act(() => result.current.mutateAsync(1).catch(() => undefined));
    expect(keys()).toEqual([
      ['project', 'p1', 'permits'],
      ['project', 'p1', 'summary'],
    ]);
  });
});
