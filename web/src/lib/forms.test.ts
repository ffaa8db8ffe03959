import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { ApiProblem } from './api/problem';
import { localizeFieldProblems } from './fieldErrors';
import { applyServerErrors, useFormSubmit } from './forms';

beforeAll(() => i18n.changeLanguage('en'));
afterAll(() => i18n.changeLanguage('en'));

const validation = () =>
  new ApiProblem(422, {
    type: 'https://eventmgr.dev/problems/validation',
    errors: [
      { field: 'end_date', code: 'before_start', message: 'end_date must not be before start_date' },
      { field: 'budget', code: 'brand_new_rule', message: 'budget must be odd' },
      { field: 'workflow_stages', code: 'too_many', message: 'at most 50 workflow stages' },
    ],
  });

describe('server field errors land next to their fields', () => {
  test('known fields get the translated sentence, the rest is returned', () => {
    const setError = vi.fn();
    const rest = applyServerErrors(validation(), ['end_date', 'budget'] as const, setError);
    expect(setError).toHaveBeenCalledTimes(2);
    expect(setError).toHaveBeenCalledWith(
      'end_date',
      { type: 'before_start', message: 'This date must not be before the start date.' },
      { shouldFocus: true },
    );
    expect(setError).toHaveBeenCalledWith('budget', { type: 'brand_new_rule', message: 'budget must be odd' }, { shouldFocus: false });
    expect(rest).toEqual(['These are too many entries (at most 50).']);
  });

  test('in German', async () => {
    await i18n.changeLanguage('de');
    const setError = vi.fn();
    applyServerErrors(validation(), ['end_date'] as const, setError);
    expect(setError).toHaveBeenCalledWith(
      'end_date',
      { type: 'before_start', message: 'Dieses Datum darf nicht vor dem Beginn liegen.' },
      { shouldFocus: true },
    );
    await i18n.changeLanguage('en');
  });

  test('a screen’s own sentences stay', () => {
    const setError = vi.fn();
    const own = localizeFieldProblems(validation(), (p) => (p.code === 'before_start' ? 'Ends before it starts.' : undefined));
    applyServerErrors(own, ['end_date'] as const, setError);
    expect(setError).toHaveBeenCalledWith('end_date', { type: 'before_start', message: 'Ends before it starts.' }, { shouldFocus: true });
  });

  test('other errors are not field errors', () => {
    const setError = vi.fn();
    expect(applyServerErrors(new ApiProblem(409, { detail: 'conflict' }), ['name'] as const, setError)).toEqual([]);
    expect(applyServerErrors(new Error('x'), ['name'] as const, setError)).toEqual([]);
    expect(setError).not.toHaveBeenCalled();
  });
});

interface Values {
  end_date: string;
}

function renderSubmit(handle?: (error: unknown) => boolean, onReload?: () => Promise<Values | undefined>) {
  return renderHook(() => {
    const form = useForm<Values>({ defaultValues: { end_date: '' } });
    return { form, ...useFormSubmit(form, ['end_date'], { handle, onReload }) };
  });
}

describe('submitting a form', () => {
  test('a 422 puts its errors on the fields and a message only for the rest', async () => {
    const { result } = renderSubmit();
    await act(() => result.current.submit(() => Promise.reject(validation()))({ end_date: '2027-01-01' }));
    expect(result.current.form.getFieldState('end_date').error?.message).toBe('This date must not be before the start date.');
    expect(result.current.message).toBe('budget must be odd These are too many entries (at most 50).');
    expect(result.current.conflict).toBe(false);
  });

  test('a 412 is a conflict with its explanation; clear forgets it', async () => {
    const { result } = renderSubmit();
    await act(() => result.current.submit(() => Promise.reject(new ApiProblem(412, {})))({ end_date: '' }));
    expect(result.current.conflict).toBe(true);
    expect(result.current.message).toBe(i18n.t('common:errors.versionMismatch'));
    act(() => result.current.clear());
    expect(result.current.message).toBeNull();
    expect(result.current.conflict).toBe(false);
  });

  test('an error the form handles itself leaves no message; success clears an old one', async () => {
    const { result } = renderSubmit((error) => error instanceof ApiProblem && error.status === 409);
    await act(() => result.current.submit(() => Promise.reject(new ApiProblem(409, {})))({ end_date: '' }));
    expect(result.current.message).toBeNull();
    await act(() => result.current.submit(() => Promise.reject(new ApiProblem(500, {})))({ end_date: '' }));
    expect(result.current.message).not.toBeNull();
    await act(() => result.current.submit(() => Promise.resolve())({ end_date: '' }));
    expect(result.current.message).toBeNull();
  });

  test('after a 412 the latest version replaces the input', async () => {
    const { result } = renderSubmit(undefined, () => Promise.resolve({ end_date: '2027-05-01' }));
    await act(() => result.current.submit(() => Promise.reject(new ApiProblem(412, {})))({ end_date: '2027-01-01' }));
    expect(result.current.conflict).toBe(true);
    await act(() => result.current.reload?.() ?? Promise.resolve());
    expect(result.current.form.getValues('end_date')).toBe('2027-05-01');
    expect(result.current.conflict).toBe(false);
    expect(result.current.message).toBeNull();
    expect(renderSubmit().result.current.reload).toBeUndefined();
  });
});
