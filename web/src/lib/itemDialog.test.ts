import { act, renderHook } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { currentItem, useItemDialog } from './itemDialog';

const old = { id: 'a', version: 1 };
const fresh = { id: 'a', version: 2 };

describe('the record a dialog shows', () => {
  test('is the list’s newer version when there is one', () => {
    expect(currentItem({ mode: 'edit', item: old }, [fresh])).toBe(fresh);
    expect(currentItem({ mode: 'view', item: old }, [{ id: 'b', version: 1 }])).toBe(old);
    expect(currentItem({ mode: 'edit', item: old }, undefined)).toBe(old);
    expect(currentItem({ mode: 'create' }, [fresh])).toBeNull();
    expect(currentItem(null, [fresh])).toBeNull();
  });

  test('writers edit, readers view', () => {
    const writer = renderHook(() => useItemDialog([fresh], true));
    act(() => writer.result.current.open(old));
    expect(writer.result.current.dialog?.mode).toBe('edit');
    expect(writer.result.current.current).toBe(fresh);
    act(() => writer.result.current.close());
    expect(writer.result.current.dialog).toBeNull();
    act(() => writer.result.current.create());
    expect(writer.result.current.dialog).toEqual({ mode: 'create' });
    const reader = renderHook(() => useItemDialog([fresh], false));
    act(() => reader.result.current.open(old));
    expect(reader.result.current.dialog?.mode).toBe('view');
  });
});
