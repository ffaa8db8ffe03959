// Asking before a write that cannot simply be undone (delete, revoke, trash, deactivate), and
// saying how a write went: done in green, a failure in red (a 422 with its fields' problems,
// translated; anything else as `errorMessage` words it).
import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { problemSentence } from '@/lib/fieldErrors';
import i18n from '@/lib/i18n';

interface Confirm {
  title: string;
  /** The question, with what it concerns ("Delete the permit “Noise”?"). */
  message: ReactNode;
  /** The red button; the title unless given. */
  confirmLabel?: string;
  onConfirm: () => void;
}

export function confirmDanger({ title, message, confirmLabel = title, onConfirm }: Confirm): void {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{message}</Text>,
    labels: { confirm: confirmLabel, cancel: i18n.t('common:actions.cancel') },
    confirmProps: { color: 'red' },
    onConfirm,
  });
}

export function notifyDone(message: string): void {
  notifications.show({ message, color: 'green' });
}

/** `autoClose` in ms for a failure worth reading twice (what blocks a trash or a delete). */
export function notifyFailed(error: unknown, autoClose?: number): void {
  notifications.show({ message: problemSentence(error, i18n.t), color: 'red', ...(autoClose ? { autoClose } : {}) });
}

/**
 * A mutation's `onSuccess`/`onError` that say how it went: `done` (a sentence, or one made
 * from the result), then `then(result)`; a failure in red.
 */
export function outcome<T>(
  done: string | ((result: T) => string),
  then?: (result: T) => void,
  { autoClose }: { autoClose?: number } = {},
) {
  return {
    onSuccess: (result: T) => {
      notifyDone(typeof done === 'string' ? done : done(result));
      then?.(result);
    },
    onError: (error: unknown) => notifyFailed(error, autoClose),
  };
}
