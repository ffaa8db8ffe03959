import { describe, expect, test, vi } from 'vitest';
import { ApiProblem } from './api/problem';
import { applyServerErrors } from './forms';

describe('server field errors land next to their fields', () => {
  test('known fields get the message, the rest is returned', () => {
    const setError = vi.fn();
    const problem = new ApiProblem(422, {
      type: 'https://eventmgr.dev/problems/validation',
      errors: [
        { field: 'end_date', code: 'before_start', message: 'end_date must not be before start_date' },
        { field: 'budget', code: 'invalid', message: 'budget must be a decimal' },
        { field: 'workflow_stages', code: 'empty', message: 'at least one stage' },
      ],
    });
    const rest = applyServerErrors(problem, ['end_date', 'budget'] as const, setError);
    expect(setError).toHaveBeenCalledTimes(2);
    expect(setError).toHaveBeenCalledWith(
      'end_date',
      { type: 'before_start', message: 'end_date must not be before start_date' },
      { shouldFocus: true },
    );
    expect(setError).toHaveBeenCalledWith('budget', { type: 'invalid', message: 'budget must be a decimal' }, { shouldFocus: false });
    expect(rest).toEqual(['at least one stage']);
  });

  test('other errors are not field errors', () => {
    const setError = vi.fn();
    expect(applyServerErrors(new ApiProblem(409, { detail: 'conflict' }), ['name'] as const, setError)).toEqual([]);
    expect(applyServerErrors(new Error('x'), ['name'] as const, setError)).toEqual([]);
    expect(setError).not.toHaveBeenCalled();
  });
});
