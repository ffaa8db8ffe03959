// Submitting a react-hook-form form to the API: a 422's field errors land on their fields (in
// the user's language where the code is known), anything else becomes one message above the
// form, and a 412 is flagged so the form can offer to load the latest version. The user's
// input is never reset by a failure.
import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { translatedSetError } from '@/lib/fieldErrors';
import { applyServerErrors } from '@/lib/forms';

export function useFormSubmit<V extends FieldValues>(form: UseFormReturn<V>, fields: readonly Path<V>[]) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const submit = (action: (values: V) => Promise<unknown>) => async (values: V) => {
    setMessage(null);
    setConflict(false);
    try {
      await action(values);
    } catch (error) {
      const rest = applyServerErrors(error, fields, translatedSetError(form.setError));
      if (isProblem(error, 412)) setConflict(true);
      if (!isProblem(error, 422) || rest.length > 0) setMessage(rest.join(' ') || errorMessage(error, t));
    }
  };

  const clear = () => {
    setMessage(null);
    setConflict(false);
  };

  return { message, conflict, submit, clear };
}
