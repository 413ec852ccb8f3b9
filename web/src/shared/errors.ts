import type { Params, Translate } from '../i18n/i18n';
import { isMessageKey } from '../i18n/i18n';
import { ApiError } from './api';
import { displayParam } from './format';

/** The first detail object of an error, as placeholders for its message (dates as dd/MM/yyyy). */
export function detailParams(details: unknown): Params {
  const first = Array.isArray(details) ? details[0] : details;
  if (typeof first !== 'object' || first === null) return {};
  const params: Params = {};
  for (const [name, value] of Object.entries(first)) {
    if (typeof value === 'number' || typeof value === 'string') params[name] = displayParam(value);
  }
  return params;
}

/** A sentence for the user from any error: the catalogue's words for known codes, with the error's details. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (isMessageKey(key)) return t(key, detailParams(error.details));
    return `${t('errors.generic')} (${error.code})`;
  }
  return t('errors.generic');
}
