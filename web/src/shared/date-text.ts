// Dates typed by hand, as French people write them and as boxes print them. Pure, so unit
// tests hold it; the DateField component uses it.

/** 'day': a day (jj/mm/aaaa). 'expiry': a day, or a month (mm/aaaa) meaning its last day. */
export type DateTextMode = 'day' | 'expiry';

const SEP = '[/.\\-\\s]';
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})${SEP}(\\d{1,2})${SEP}(\\d{4})$`);
const MONTH_YEAR = new RegExp(`^(\\d{1,2})${SEP}(\\d{4})$`);
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
// Digits alone, as a phone's numeric keypad (no « / » key) types them: jjmmaaaa, or mmaaaa for a month.
const DIGITS_DAY = /^(\d{2})(\d{2})(\d{4})$/;
const DIGITS_MONTH = /^(\d{2})(\d{4})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A typed date as 'YYYY-MM-DD', or null when it is not a complete real date. Accepts
 * `15/06/2028`, `15-06-2028`, `15.06.2028`, `2028-06-15` and the digits alone `15062028` (a phone's
 * numeric keypad has no « / »); in 'expiry' mode also `06/2028`, `062028` and `2028-06`, meaning
 * the last day of that month (the way an expiry is printed on a box).
 */
export function parseDateText(text: string, mode: DateTextMode = 'day'): string | null {
  const s = text.trim();
  let m = DAY_MONTH_YEAR.exec(s) ?? DIGITS_DAY.exec(s);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  m = ISO_DAY.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (mode !== 'expiry') return null;
  m = MONTH_YEAR.exec(s) ?? DIGITS_MONTH.exec(s);
  const iso = m ? null : ISO_MONTH.exec(s);
  if (!m && !iso) return null;
  const year = Number(m ? m[2] : iso?.[1]);
  const month = Number(m ? m[1] : iso?.[2]);
  if (month < 1 || month > 12) return null;
  return isoDay(year, month, daysInMonth(year, month));
}

/**
 * Whether `text` has a date's shape (jj/mm/aaaa, jjmmaaaa, aaaa-mm-jj; in 'expiry' mode mm/aaaa too)
 * but names no real day: « 31/02/2026 », « 12/13/2026 ». Its field then says the day does not
 * exist rather than asking for the format it already has.
 */
export function isUnrealDate(text: string, mode: DateTextMode = 'day'): boolean {
  const s = text.trim();
  const shaped =
    DAY_MONTH_YEAR.test(s) ||
    DIGITS_DAY.test(s) ||
    ISO_DAY.test(s) ||
    (mode === 'expiry' && (MONTH_YEAR.test(s) || DIGITS_MONTH.test(s) || ISO_MONTH.test(s)));
  return shaped && parseDateText(s, mode) === null;
}

/**
 * Why a typed date cannot be read, as a catalogue key, or null while it is empty or readable:
 * « Ce jour n’existe pas » for a date's shape naming no real day (`isUnrealDate`), « Ce mois
 * n’existe pas » for a month and year naming no real month (expiry mode), else the format
 * to type (jj/mm/aaaa; in 'expiry' mode mm/aaaa too). The one rule for every date field.
 */
export function dateTextError(
  text: string,
  mode: DateTextMode = 'day',
): 'validation.dateNotReal' | 'validation.monthNotReal' | 'validation.expiryDate' | 'validation.date' | null {
  if (text.trim() === '' || parseDateText(text, mode) !== null) return null;
  if (isUnrealDate(text, mode)) {
    // A month and year (« 13/2028 ») has no day to check: only its month can be wrong.
    const s = text.trim();
    const monthOnly =
      mode === 'expiry' && (MONTH_YEAR.test(s) || DIGITS_MONTH.test(s) || ISO_MONTH.test(s)) && !isUnrealDate(s, 'day');
    return monthOnly ? 'validation.monthNotReal' : 'validation.dateNotReal';
  }
  return mode === 'expiry' ? 'validation.expiryDate' : 'validation.date';
}

/** 'YYYY-MM-DD' as jj/mm/aaaa; anything else (a half-typed text) as it is. */
export function formatDateText(value: string | null | undefined): string {
  if (!value) return '';
  const m = ISO_DAY.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** The last day of the month of a 'YYYY-MM-DD' date (a month picked for an expiry). */
export function endOfMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}
