// One place that turns any error into the sentence a person reads.
import type { TFunction } from 'i18next';
import { ApiProblem } from '@/lib/api/problem';

export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiProblem)) return t('common:errors.generic');
  switch (error.status) {
    case 0:
      return t('common:errors.network');
    case 403:
      return error.detail ?? t('common:errors.forbidden');
    case 404:
      return t('common:errors.notFound');
    case 409:
      return t('common:errors.conflict', { detail: error.detail ?? '' });
    case 412:
      return t('common:errors.versionMismatch');
    case 413:
      return t('common:errors.tooLarge');
    case 422:
      return error.fieldErrors.length > 0
        ? t('common:errors.validation')
        : (error.detail ?? t('common:errors.validation'));
    case 429:
      return t('common:errors.rateLimited', { seconds: error.retryAfter ?? 60 });
    default:
      if (error.status >= 500) return t('common:errors.server', { requestId: error.requestId ?? '–' });
      return error.detail ?? t('common:errors.generic');
  }
}
