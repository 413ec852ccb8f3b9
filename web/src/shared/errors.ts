import type { Translate } from '../i18n/i18n';
import { isMessageKey } from '../i18n/i18n';
import { ApiError } from './api';

/** A sentence for the user from any error: the catalogue's words for known codes. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (isMessageKey(key)) return t(key);
    return `${t('errors.generic')} (${error.code})`;
  }
  return t('errors.generic');
}
