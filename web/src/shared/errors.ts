import type { Params, Translate } from '../i18n/i18n';
import { isMessageKey } from '../i18n/i18n';
import { ApiError } from './api';
import { displayParam } from './format';

/** The first detail object of an error, as placeholders for its message (dates as dd/MM/yyyy, lists joined by commas). */
export function detailParams(details: unknown): Params {
  const first = Array.isArray(details) ? details[0] : details;
  if (typeof first !== 'object' || first === null) return {};
  const params: Params = {};
  for (const [name, value] of Object.entries(first)) {
    if (typeof value === 'number' || typeof value === 'string') params[name] = displayParam(value);
    // A list of words or numbers (the care home's administration times…) reads as one.
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
      params[name] = value.map(displayParam).join(', ');
  }
  return params;
}

/**
 * Details whose value is a code the user should read in words: error code → detail name → the
 * catalogue prefix naming each value (`expected: 'conseil'` → « Entretien conseil »).
 */
const CODED_DETAILS: Record<string, Record<string, string>> = {
  'reviews.step_out_of_order': { expected: 'reviews.step.' },
  'prescriptions.dose_not_divisible': { rule: 'prescriptions.undivided.' },
  'reviews.dose_not_divisible': { rule: 'prescriptions.undivided.' },
  'orders.resident_away_by_status': { status: 'residents.status.' },
};

/** A sentence for the user from any error: the catalogue's words for known codes, with the error's details. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (!isMessageKey(key)) return `${t('errors.generic')} (${error.code})`;
    const params = detailParams(error.details);
    for (const [name, prefix] of Object.entries(CODED_DETAILS[error.code] ?? {})) {
      const named = `${prefix}${params[name]}`;
      if (params[name] !== undefined && isMessageKey(named)) params[name] = t(named);
    }
    return t(key, params);
  }
  return t('errors.generic');
}
