// Forms show the server's 422 field errors next to the fields they name.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiProblem } from '@/lib/api/problem';

/**
 * Puts each field error of a 422 onto its form field. Returns the errors that name no field
 * of this form (shown above the form instead).
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): string[] {
  if (!(error instanceof ApiProblem) || error.status !== 422) return [];
  const rest: string[] = [];
  let focused = false;
  for (const problem of error.fieldErrors) {
    const field = fields.find((f) => f === problem.field);
    if (field) {
      setError(field, { type: problem.code, message: problem.message }, { shouldFocus: !focused });
      focused = true;
    } else {
      rest.push(problem.message);
    }
  }
  return rest;
}
