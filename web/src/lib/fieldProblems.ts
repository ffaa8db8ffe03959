// A 422's field messages come from the server in English; screens that know a field problem's
// `code` replace the message with their own translated sentence before showing it.
import type { TFunction } from 'i18next';
import { ApiProblem, type FieldProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';

/**
 * The same error with each field problem's message replaced by `message(problem)` where that
 * answers one (unknown codes keep the server's sentence). Other errors pass through unchanged.
 */
export function localizeFieldProblems(error: unknown, message: (problem: FieldProblem) => string | undefined): unknown {
  if (!(error instanceof ApiProblem) || error.fieldErrors.length === 0) return error;
  return new ApiProblem(
    error.status,
    {
      type: `about:problem/${error.kind}`,
      detail: error.detail,
      request_id: error.requestId,
      errors: error.fieldErrors.map((problem) => ({ ...problem, message: message(problem) ?? problem.message })),
    },
    error.retryAfter,
  );
}

/** One sentence for a notification: a 422's field messages themselves, else `errorMessage`. */
export function problemSentence(error: unknown, t: TFunction): string {
  if (error instanceof ApiProblem && error.status === 422 && error.fieldErrors.length > 0) {
    return error.fieldErrors.map((problem) => problem.message).join(' ');
  }
  return errorMessage(error, t);
}
