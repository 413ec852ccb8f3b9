// Zod issues as plain French (or English) sentences. The server's schemas are shared with the
// forms; their custom messages are catalogue keys (`validation.*`), and zod's own checks (too
// short, not a number…) are read from the issue's code and bounds here, so zod's built-in
// wording ("Trop petit : chaîne de caractères doit avoir >=3 caractères") never reaches a user.
import type { z } from 'zod';
import type { MessageKey } from '../i18n/catalogue';
import { isMessageKey } from '../i18n/catalogue';
import type { Translate } from '../i18n/i18n';

type Issue = z.core.$ZodIssue;
type Message = { key: MessageKey; params?: Record<string, number> };

const isEmpty = (input: unknown) => input === undefined || input === null || input === '';

function bounds(issue: Issue): Record<string, number> {
  const params: Record<string, number> = {};
  if ('minimum' in issue) params.minimum = Number(issue.minimum);
  if ('maximum' in issue) params.maximum = Number(issue.maximum);
  return params;
}

function fromCode(issue: Issue): Message {
  switch (issue.code) {
    case 'invalid_type':
      if (isEmpty(issue.input)) return { key: 'validation.required' };
      if (issue.expected === 'int') return { key: 'validation.integer' };
      if (issue.expected === 'number') return { key: 'validation.number' };
      return { key: 'validation.invalid' };
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { minimum } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooFew', params: { minimum } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return { key: issue.inclusive ? 'validation.atLeast' : 'validation.above', params: { minimum } };
      }
      return { key: 'validation.invalid' };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooMany', params: { maximum } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return { key: issue.inclusive ? 'validation.atMost' : 'validation.below', params: { maximum } };
      }
      return { key: 'validation.invalid' };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'date') return { key: 'validation.date' };
      return { key: 'validation.format' };
    case 'invalid_value':
      return isEmpty(issue.input) ? { key: 'validation.required' } : { key: 'validation.choice' };
    case 'not_multiple_of':
      return { key: 'validation.integer' };
    default:
      return { key: 'validation.invalid' };
  }
}

/**
 * The catalogue message for one zod issue: `validation.required` for a value not given
 * (undefined or null, with the schema's parse run with `reportInput`), else its own message when that is a catalogue key
 * (filled with the issue's bounds, e.g. `validation.tooShort` with {minimum}), otherwise the
 * message for its code and bounds. An unknown `validation.*` key falls back to "Valeur invalide".
 */
export function issueMessage(issue: Issue): Message {
  // A value not given at all is missing, whatever a schema's own message says of a bad one
  // (« CIP13 invalide », « Date invalide » for an empty field were wrong).
  if (issue.code === 'invalid_type' && isEmpty(issue.input)) return { key: 'validation.required' };
  if (isMessageKey(issue.message)) return { key: issue.message, params: bounds(issue) };
  return fromCode(issue);
}

/** A form field's path for an issue: `lines.0.quantityReceived`. */
export const issuePath = (issue: { path: readonly PropertyKey[] }) => issue.path.map(String).join('.');

/**
 * Field errors for values checked by a shared zod schema: the first issue per field, as a
 * sentence in the UI language. Issues of the whole object land on the empty path ''.
 */
export function schemaErrors(schema: z.ZodType, values: unknown, t: Translate): Record<string, string> {
  const result = schema.safeParse(values, { reportInput: true });
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issuePath(issue);
    if (path in errors) continue;
    const { key, params } = issueMessage(issue);
    errors[path] = t(key, params);
  }
  return errors;
}
