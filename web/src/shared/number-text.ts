/** Spaces people type or paste between thousands ("1 000", Intl's narrow no-break space). */
const SPACES = /[\s\u00a0\u202f]/g;
const NUMBER = /^-?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/**
 * What a number field holds for the text typed or pasted in it: '' when empty, a number when the
 * text is one ("2", "2,5", "2.5", "-3", "1 000"), else the text itself ("2,", "1e3", "abc"), which
 * the field shows in error and the form's schema refuses (shared/forms `numberOrUndefined`).
 * Nothing is ever dropped from what was typed: "2.5" is 2.5, never 25.
 */
export function parseNumberText(text: string): number | string {
  const compact = text.replace(SPACES, '');
  if (compact === '') return '';
  return NUMBER.test(compact) ? Number(compact.replace(',', '.')) : text;
}

/** A number as the field shows it: French decimal comma, no thousands separator. */
export function numberText(value: number | string | undefined | null): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'number' ? String(value).replace('.', ',') : value;
}
