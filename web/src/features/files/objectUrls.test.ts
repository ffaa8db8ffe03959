import { cleanup, renderHook } from '@testing-library/react';
import { createElement, StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ObjectUrls, useObjectUrl } from './objectUrls';

afterEach(cleanup);

/** A fake `URL.createObjectURL`/`revokeObjectURL` pair that remembers what is alive. */
function fakeUrls() {
  let next = 0;
  const alive = new Set<string>();
  const create = vi.fn(() => {
    next += 1;
    const url = `blob:test/${next}`;
    alive.add(url);
    return url;
  });
  const revoke = vi.fn((url: string) => {
    if (!alive.delete(url)) throw new Error(`${url} revoked twice or never created`);
  });
  return { urls: new ObjectUrls(create, revoke), alive, create, revoke };
}

const strict = ({ children }: { children: ReactNode }) => createElement(StrictMode, null, children);

describe('leasing blob: URLs', () => {
  test('one URL per Blob, shared by its holders, revoked when the last lets go', () => {
    const { urls, alive, create, revoke } = fakeUrls();
    const blob = new Blob(['x']);
    const first = urls.acquire(blob);
    const second = urls.acquire(blob);
    expect(create).toHaveBeenCalledTimes(1);
    expect(urls.peek(blob)).toBe('blob:test/1');
    first();
    first();
    expect(revoke).not.toHaveBeenCalled();
    second();
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
    expect(urls.peek(blob)).toBeUndefined();
    expect(alive.size).toBe(0);
    // Acquired again later: a fresh URL.
    const again = urls.acquire(blob);
    expect(urls.peek(blob)).toBe('blob:test/2');
    again();
    expect(urls.size).toBe(0);
  });

  test('a component’s URL lives while it is mounted and is revoked when it unmounts', () => {
    const { urls, alive } = fakeUrls();
    const blob = new Blob(['image']);
    const view = renderHook(() => useObjectUrl(blob, urls), { wrapper: strict });
    expect(view.result.current).toMatch(/^blob:test\//);
    expect(alive.has(view.result.current ?? '')).toBe(true);
    view.unmount();
    expect(alive.size).toBe(0);
  });

  test('new bytes (a refetch, another file): the old URL is revoked, the new one shown', () => {
    const { urls, alive } = fakeUrls();
    const a = new Blob(['a']);
    const b = new Blob(['b']);
    const view = renderHook(({ blob }: { blob: Blob | undefined }) => useObjectUrl(blob, urls), {
      initialProps: { blob: a as Blob | undefined },
      wrapper: strict,
    });
    const first = view.result.current;
    view.rerender({ blob: b });
    expect(view.result.current).not.toBe(first);
    expect(alive.has(first ?? '')).toBe(false);
    expect([...alive]).toEqual([view.result.current]);
    // The cache entry dropped (no Blob any more): no URL, nothing left alive.
    view.rerender({ blob: undefined });
    expect(view.result.current).toBeUndefined();
    expect(alive.size).toBe(0);
    view.unmount();
    expect(alive.size).toBe(0);
  });

  test('two components showing the same Blob share a URL until both are gone', () => {
    const { urls, alive, create } = fakeUrls();
    const blob = new Blob(['thumb']);
    const one = renderHook(() => useObjectUrl(blob, urls));
    const two = renderHook(() => useObjectUrl(blob, urls));
    expect(one.result.current).toBe(two.result.current);
    expect(create).toHaveBeenCalledTimes(1);
    one.unmount();
    expect(alive.has(two.result.current ?? '')).toBe(true);
    two.unmount();
    expect(alive.size).toBe(0);
  });

  test('without a Blob there is no URL', () => {
    const { urls, create } = fakeUrls();
    const view = renderHook(() => useObjectUrl(undefined, urls));
    expect(view.result.current).toBeUndefined();
    expect(create).not.toHaveBeenCalled();
  });
});
