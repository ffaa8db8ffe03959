import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import i18n from '@/lib/i18n';
import { confirmDanger, outcome } from './confirm';

const show = vi.hoisted(() => vi.fn());
const openConfirmModal = vi.hoisted(() => vi.fn());
vi.mock('@mantine/notifications', () => ({ notifications: { show } }));
vi.mock('@mantine/modals', () => ({ modals: { openConfirmModal } }));

beforeAll(() => i18n.changeLanguage('en'));
beforeEach(() => {
  show.mockClear();
  openConfirmModal.mockClear();
});

describe('saying how a write went', () => {
  test('done: the sentence in green, then what follows', () => {
    const then = vi.fn();
    outcome<{ name: string }>((r) => `Saved ${r.name}`, then).onSuccess({ name: 'Stage' });
    expect(show).toHaveBeenCalledWith({ message: 'Saved Stage', color: 'green' });
    expect(then).toHaveBeenCalledWith({ name: 'Stage' });
  });

  test('failed: the error as a sentence in red, longer when asked', () => {
    outcome('Saved').onError(new ApiProblem(404, {}));
    expect(show).toHaveBeenLastCalledWith({ message: i18n.t('common:errors.notFound'), color: 'red' });
    outcome('Saved', undefined, { autoClose: 10_000 }).onError(new Error('x'));
    expect(show).toHaveBeenLastCalledWith({ message: i18n.t('common:errors.generic'), color: 'red', autoClose: 10_000 });
  });

  test('failed with a 422: what was wrong, translated (there are no fields to mark)', () => {
    const problem = new ApiProblem(422, { errors: [{ field: 'scheduled_at', code: 'required', message: 'scheduled_at is required' }] });
    outcome('Moved').onError(problem);
    expect(show).toHaveBeenLastCalledWith({ message: 'Required', color: 'red' });
  });
});

describe('asking first', () => {
  test('a red button named like the title unless told, and Cancel', () => {
    const onConfirm = vi.fn();
    confirmDanger({ title: 'Revoke', message: 'Sure?', onConfirm });
    const options = openConfirmModal.mock.calls[0]?.[0] as {
      labels: { confirm: string; cancel: string };
      confirmProps: { color: string };
      onConfirm: () => void;
    };
    expect(options.labels).toEqual({ confirm: 'Revoke', cancel: 'Cancel' });
    expect(options.confirmProps.color).toBe('red');
    options.onConfirm();
    expect(onConfirm).toHaveBeenCalled();
    confirmDanger({ title: 'Remove member', message: 'Sure?', confirmLabel: 'Remove', onConfirm });
    expect((openConfirmModal.mock.calls[1]?.[0] as { labels: { confirm: string } }).labels.confirm).toBe('Remove');
  });
});
