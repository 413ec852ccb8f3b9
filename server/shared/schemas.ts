import { z } from 'zod';
import { isIsoWeek, isMonth } from './dates';

// Shared input schemas (SPEC §10): every route takes its ids, dates, weeks and free text from
// here, so a fix to one kind of input reaches every domain. Custom messages are keys of the web
// catalogues (`validation.*`), so forms that reuse these schemas show them in the user's language.

/** An id in a JSON body or response: a positive safe integer, never coerced from a string, boolean or array. */
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * `Id` whose absence or wrong type reads `message` (a catalogue key): for a form's select that
 * must be chosen, e.g. `IdRequired('validation.pharmacy_required')`.
 */
export const IdRequired = (message: string) => z.number({ message }).int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * An id in a path or query string: decimal digits without sign, padding, leading zero or hex
 * (`^[1-9][0-9]*$`), read as a safe integer. `" 1 "`, `"0x1"`, `"01"` and `"1e2"` are refused.
 */
export const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'validation.id')
  .transform(Number)
  .refine(Number.isSafeInteger, 'validation.id');

/**
 * A whole number in a query string (a page, a page size, a limit, a number of days or weeks):
 * decimal digits without sign, padding, leading zero or hex, within `[min, max]`. `" 5 "`,
 * `"0x10"`, `"05"`, `"1e2"` and `""` are refused (400 `validation.integer` / `validation.atLeast`
 * / `validation.atMost`), where `z.coerce.number()` would read them as numbers.
 */
export const QueryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, 'validation.integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/**
 * A key named like an id that is text, not a row id (the audit log's `entityId`: an id, a CIP13,
 * a period…). Marked `x-text-key` in the OpenAPI document, so the id checks (tests/api/ids.test.ts)
 * know it is not an `Id`/`IdParam` on purpose.
 */
export const TextKey = z.string().min(1).max(64).meta({ 'x-text-key': true });

/** `{ id }` path parameters. */
export const IdParams = z.strictObject({ id: IdParam });

/** A calendar date `YYYY-MM-DD` (a real day: no 2026-02-30). */
export const CalendarDate = z.iso.date({ message: 'validation.date' });

/** Message (catalogue key) of a period whose last day comes before its first. */
export const PERIOD_INVERTED = 'validation.period.inverted';

/**
 * The rule of a filter period `from`…`to` (Paris calendar days `YYYY-MM-DD`, both optional, both
 * included): a last day before the first is an input error on `to`, never an empty list. Spread into
 * `.refine(...)` of a query schema; the web page runs the same schema to say so without asking.
 */
export const periodInOrder: [(q: { from?: string; to?: string }) => boolean, { path: string[]; message: string }] = [
  // Compared only when both are dates: a wrong one has its own error, not also "inverted".
  (q) =>
    !q.from ||
    !q.to ||
    !CalendarDate.safeParse(q.from).success ||
    !CalendarDate.safeParse(q.to).success ||
    q.from <= q.to,
  { path: ['to'], message: PERIOD_INVERTED },
];

/** An ISO week `2026-W49` that exists (W53 only in long years). */
export const IsoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'validation.isoWeek')
  .refine(isIsoWeek, 'validation.isoWeek')
  .describe('ISO week, e.g. 2026-W49 (Monday start, Paris)');

/**
 * A month `YYYY-MM` from 2000-01 to 2099-12: the range of the share ledger's dates (shares.models
 * `MIN_DATE`/`MAX_DATE`); `0000-01` or `2206-11` is a typo, not a month with nothing in it.
 */
export const Month = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'validation.month')
  .refine((m) => isMonth(m) && m >= '2000-01' && m <= '2099-12', 'validation.month')
  .describe('Month from 2000-01 to 2099-12, e.g. 2026-11 (Paris calendar)');

// C0 and C1 controls, and the bidi embeddings, overrides and isolates that can make a text read
// differently from what it stores (CVE-2021-42574, "Trojan Source").
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// Line breaks, with the Unicode line and paragraph separators (U+2028, U+2029) a paste can carry.
const LINE_BREAKS = /[\n\t\u2028\u2029]/;

/** True when a text holds no control character or bidi override (tab and line breaks, U+2028/U+2029 included, only if `multiline`). */
export function isCleanText(s: string, multiline = false): boolean {
  return !CONTROL.test(s) && (multiline || !LINE_BREAKS.test(s));
}

/**
 * Free text typed by a person (names, reasons, notes, descriptions): trimmed, `min`..`max`
 * characters, no control characters nor bidi overrides; newlines and tabs only when `multiline`.
 */
export function FreeText(opts: { min?: number; max: number; multiline?: boolean }) {
  const min = opts.min ?? 1;
  return z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? 'validation.required' : 'validation.tooShort')
        .max(opts.max, 'validation.tooLong')
        .refine((s) => isCleanText(s, opts.multiline), 'validation.controlCharacters'),
    );
}
