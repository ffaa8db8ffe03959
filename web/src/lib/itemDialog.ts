// Which record a tab's dialog shows: a new one, one being edited, or one shown read-only to
// those who may not write.
import { useState } from 'react';

export type ItemDialog<T> = { mode: 'create' } | { mode: 'edit' | 'view'; item: T } | null;

/**
 * The record the dialog shows as the list now has it: after a refused save (412) the list is
 * fetched again, and the next save must send the new version.
 */
export function currentItem<T extends { id: string }>(dialog: ItemDialog<T>, list: readonly T[] | undefined): T | null {
  if (!dialog || dialog.mode === 'create') return null;
  return list?.find((item) => item.id === dialog.item.id) ?? dialog.item;
}

export function useItemDialog<T extends { id: string }>(list: readonly T[] | undefined, canWrite: boolean) {
  const [dialog, setDialog] = useState<ItemDialog<T>>(null);
  return {
    dialog,
    current: currentItem(dialog, list),
    create: () => setDialog({ mode: 'create' }),
    /** Edits the record, or shows it to those who may only read. */
    open: (item: T) => setDialog({ mode: canWrite ? 'edit' : 'view', item }),
    close: () => setDialog(null),
  };
}
