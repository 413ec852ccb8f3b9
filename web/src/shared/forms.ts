import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';
import type { Translate } from '../i18n/i18n';
import { isMessageKey } from '../i18n/i18n';
import { ApiError } from './api';
import { describeError } from './errors';
import { schemaErrors } from './validation';

/**
 * An empty number field ('' from a NumberInput) is a missing value, not a string. Anything else
 * typed that is not a number yet ("2," half-typed) is NaN, which the schema refuses, so it is
 * never sent as "no value" (an accept without a quantity accepts all that was asked).
 */
export function numberOrUndefined(value: number | string | null | undefined): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number.NaN : undefined;
}

/** Where a body path's error is shown: a map (`unitCostCents` → `unitCostEuros`) or a function. */
export type FieldOf = Record<string, string> | ((path: string) => string | undefined);

const fieldFor = (fieldOf: FieldOf, path: string) =>
  (typeof fieldOf === 'function' ? fieldOf(path) : fieldOf[path]) ?? path;

/**
 * Form validation by a server schema, so the browser refuses exactly what the API would,
 * in plain sentences (shared/validation.ts). When the form's fields are not the body's, the
 * values are turned into the body first (`toBody`: euros into cents, '' into nothing), and an
 * error on a body field is shown on the form field it came from (`fieldOf`: body path → field).
 */
export function validateAsBody<Values>(
  schema: z.ZodType,
  t: Translate,
  toBody: (values: Values) => unknown = (values) => values,
  fieldOf: FieldOf = {},
): (values: Values) => FormErrors {
  return (values) => {
    const shown: FormErrors = {};
    for (const [path, message] of Object.entries(schemaErrors(schema, toBody(values), t))) {
      shown[fieldFor(fieldOf, path)] = message;
    }
    return shown;
  };
}

/** Validation of values that are exactly the schema's body. */
export const validateWith = (schema: z.ZodType, t: Translate) => validateAsBody(schema, t);

type ServerIssue = { field?: unknown; code?: unknown; message?: unknown };

/**
 * The field errors an API error carries, for the form fields they belong to: a domain code
 * named in `errorFields` (`users.email_taken` → `email`), or the body fields of a 400
 * `validation.invalid_input` (`body.quantity` → `quantity`, through `fieldOf`; `source: 'query'`
 * reads the query's instead, `query.from` → `from`, for a page's filters). Empty when the error
 * belongs to no field (it is then shown above the form).
 */
export function serverFieldErrors(
  error: unknown,
  t: Translate,
  errorFields: Record<string, string> = {},
  fieldOf: FieldOf = {},
  source: 'body' | 'query' = 'body',
): FormErrors {
  if (!(error instanceof ApiError)) return {};
  const field = errorFields[error.code];
  if (field) return { [field]: describeError(t, error) };
  if (error.code !== 'validation.invalid_input' || !Array.isArray(error.details)) return {};
  const errors: FormErrors = {};
  for (const issue of error.details as ServerIssue[]) {
    if (typeof issue.field !== 'string' || !issue.field.startsWith(`${source}.`)) continue;
    const path = issue.field.slice(source.length + 1);
    const message = typeof issue.message === 'string' && isMessageKey(issue.message) ? issue.message : null;
    errors[fieldFor(fieldOf, path)] ??= t(message ?? 'validation.invalid');
  }
  return errors;
}
