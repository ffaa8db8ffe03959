// Submitting a react-hook-form form to the API: a 422's field errors land next to the fields
// they name (in the user's language, see `fieldErrors.ts`), anything else becomes one message
// above the form, and a 412 is flagged so the form can offer to load the latest version. The
// user's input is never reset by a failure.
import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiProblem, isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { localizeFieldProblems } from '@/lib/fieldErrors';

/**
 * Puts each field error of a 422 onto its form field, translated (a screen's own sentences
 * from `localizeFieldProblems` stay). Returns the sentences of the errors that name no field of
 * this form (shown above the form instead).
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): string[] {
  if (!(error instanceof ApiProblem) || error.status !== 422) return [];
  const localized = localizeFieldProblems(error) as ApiProblem;
  const rest: string[] = [];
  let focused = false;
  for (const problem of localized.fieldErrors) {
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

interface Options<V> {
  /** Shows an error the form explains in its own way (a 409 naming blockers); true when it did. */
  handle?: (error: unknown) => boolean;
  /** After a 412: fetches the latest version's values for the form to show. */
  onReload?: () => Promise<V | undefined>;
}

/**
 * `submit(action)` makes the form's submit handler; `message` is the sentence to show above the
 * form (`null` when there is none), `conflict` whether the failure was a 412, and `clear`
 * forgets both. `reload` (with `onReload`) puts the latest version into the form.
 */
export function useFormSubmit<V extends FieldValues>(form: UseFormReturn<V>, fields: readonly Path<V>[], options: Options<V> = {}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const submit = (action: (values: V) => Promise<unknown>) => async (values: V) => {
    setMessage(null);
    setConflict(false);
    try {
      await action(values);
    } catch (error) {
      const rest = applyServerErrors(error, fields, form.setError);
      if (options.handle?.(error)) return;
      if (isProblem(error, 412)) setConflict(true);
      if (!isProblem(error, 422) || rest.length > 0) setMessage(rest.join(' ') || errorMessage(error, t));
    }
  };

  const clear = () => {
    setMessage(null);
    setConflict(false);
  };

  const { onReload } = options;
  const reload = onReload
    ? async () => {
        const latest = await onReload();
        if (latest) {
          form.reset(latest);
          clear();
        }
      }
    : undefined;

  return { message, conflict, submit, clear, reload };
}
