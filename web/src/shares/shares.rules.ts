// Pure helpers of the shares pages (unit-tested in tests/unit/web-shares.test.ts).

import { differenceInCalendarDays, parseISO } from 'date-fns';
import { categoryKeys } from '../../../server/shares/shares.models';
import { MAX_SHARES } from '../../../server/shares/shares.schemas';
import { formatMonth } from '../shared/format';
import { serverNow } from '../shared/server-clock';

// The report's PDF words a category's keys by the same rule.
export { categoryKeys };

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Paris, 'YYYY-MM-DD'. */
export const parisToday = (now = serverNow()) => PARIS_DAY.format(now);

/** Beyond this many days ahead, an entry's or a transaction's date asks to be checked (a typo in the month or year). */
export const FAR_AHEAD_DAYS = 31;

/**
 * How many calendar days after `today` an operation is dated, when that is more than
 * `FAR_AHEAD_DAYS` (both 'YYYY-MM-DD', Paris days); null for a nearer, past or unfinished date.
 * The server accepts up to a year ahead (an invoice for next month; `shares.date_too_far`
 * beyond): this only asks the treasurer to look again.
 */
export function daysFarAhead(date: string | null | undefined, today: string): number | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const days = differenceInCalendarDays(parseISO(date), parseISO(today));
  return days > FAR_AHEAD_DAYS ? days : null;
}

/** Past this many days back, an operation's date is more likely last year typed for this one. */
export const FAR_BACK_DAYS = 180;

/**
 * How many calendar days before `today` an operation is dated, when that is more than
 * `FAR_BACK_DAYS` (both 'YYYY-MM-DD', Paris days); null otherwise. A late invoice of last quarter
 * is usual; « 05/12/2025 » typed on 07/12/2026 is a slip of the year (found by a tester). The
 * server takes any date of an open period: this only asks the treasurer to look again.
 */
export function daysFarBack(date: string | null | undefined, today: string): number | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const days = differenceInCalendarDays(parseISO(today), parseISO(date));
  return days > FAR_BACK_DAYS ? days : null;
}

/** A number read from a text field, or the catalogue key of why it is not one. */
export type Parsed =
  | { value: number }
  | {
      error:
        | 'validation.required'
        | 'shares.validation.wholeShares'
        | 'shares.validation.amountFormat'
        | 'shares.validation.amountAmbiguous'
        | 'shares.validation.amountNegative'
        | 'shares.validation.amountTooLarge';
    };

// Spaces a person or a French number format puts between thousands: space, no-break, narrow no-break.
const GROUP_SPACES = /[\s\u00a0\u202f]/g;

/**
 * Whole shares as typed ("12", "1 200"): digits only, from 1 to `MAX_SHARES` (the server's
 * bound). Anything else ("2,5", "0", "-3", "99999999999") is an error (`shares.validation.wholeShares`), never rounded or clamped into another
 * number; an empty field is `validation.required`.
 */
export function parseShareCount(text: string): Parsed {
  const compact = text.replace(GROUP_SPACES, '');
  if (compact === '') return { error: 'validation.required' };
  if (!/^[0-9]+$/.test(compact) || Number(compact) < 1 || Number(compact) > MAX_SHARES)
    return { error: 'shares.validation.wholeShares' };
  return { value: Number(compact) };
}

/**
 * Euros as typed into integer cents, exactly: digits, then optionally a decimal comma or dot and
 * one or two decimals ("1234,56", "1 234.5", "42 €"). A minus sign is
 * `shares.validation.amountNegative` (amounts are positive: the kind says cost or revenue, a
 * reversal corrects an entry). Thousands grouped by dots before a decimal comma, as a bank
 * statement or a spreadsheet prints them ("1.234,56"), or by commas before a decimal dot
 * ("1,234.56"), are read too: the decimals say which mark groups. Anything else ("1,234",
 * "1.234", "1.23,45", "12,") is an error
 * (`shares.validation.amountFormat`); an empty field is `validation.required`. More than 12
 * digits of euros is `shares.validation.amountTooLarge` at once; zero and the exact upper bound
 * (100 million euros) are the shared schema's to refuse, with the same message.
 */
export function parseAmountCents(text: string): Parsed {
  const compact = text.replace(GROUP_SPACES, '').replace(/€$/, '');
  if (compact === '') return { error: 'validation.required' };
  // Amounts are positive (SPEC §8): the kind says cost or revenue, a reversal corrects a mistake.
  if (/^[-−]/.test(compact)) return { error: 'shares.validation.amountNegative' };
  const match = /^([0-9]+)(?:[.,]([0-9]{1,2}))?$/.exec(ungrouped(compact));
  // « 1.234 » or « 1,234 »: a thousand euros, or one euro and too many decimals? Said, not guessed.
  // « 0,001 » is not: no thousands start with 0, so it is only too many decimals.
  if (!match && /^[1-9][0-9]{0,2}([.,][0-9]{3})+$/.test(compact)) return { error: 'shares.validation.amountAmbiguous' };
  if (!match) return { error: 'shares.validation.amountFormat' };
  // Far past any bound (and past exact arithmetic): the bound's own message, not a format one.
  if ((match[1] ?? '').replace(/^0+/, '').length > 12) return { error: 'shares.validation.amountTooLarge' };
  return { value: Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) };
}

/** "1.234.567,89" → "1234567,89" and "1,234.56" → "1234.56"; anything else unchanged (and judged by the caller). */
function ungrouped(text: string): string {
  if (/^[0-9]{1,3}(\.[0-9]{3})+,[0-9]{1,2}$/.test(text)) return text.replaceAll('.', '');
  if (/^[0-9]{1,3}(,[0-9]{3})+\.[0-9]{1,2}$/.test(text)) return text.replaceAll(',', '');
  return text;
}

/** The first day of the quarter a date is in. */
export function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * What « Ouvrir une période » proposes, among the periods not opened yet ('YYYY-MM-DD' starts,
 * Paris days): the quarter of `today`; once it is open, last month (the monthly close) unless a
 * closed period holds it already; else the next quarter. It proposed the current quarter even
 * when open, which the server could only refuse (`shares.period_exists`; found by a tester).
 */
export function newPeriodProposal(
  periods: readonly { kind: string; start: string; end: string; status: string }[],
  today: string,
): { kind: 'month' | 'quarter'; start: string } {
  const opened = (kind: string, start: string) =>
    periods.some(
      (p) => (p.kind === kind && p.start === start) || (p.status === 'closed' && p.start <= start && start <= p.end),
    );
  const quarter = quarterStart(today);
  if (!opened('quarter', quarter)) return { kind: 'quarter', start: quarter };
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const lastMonth = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  if (!opened('month', lastMonth)) return { kind: 'month', start: lastMonth };
  const next = Number(quarter.slice(5, 7)) + 3;
  return { kind: 'quarter', start: next > 12 ? `${year + 1}-01-01` : `${year}-${String(next).padStart(2, '0')}-01` };
}

/** The period that holds `today` among `periods` (the narrowest), else the latest one, else null. */
export function defaultPeriod<P extends { start: string; end: string }>(
  periods: readonly P[],
  today: string,
): P | null {
  const holding = periods.filter((p) => p.start <= today && today <= p.end).sort((a, b) => (a.end < b.end ? -1 : 1));
  return holding[0] ?? [...periods].sort((a, b) => (a.end < b.end ? 1 : -1))[0] ?? null;
}

/** A period's name: "T4 2026", "novembre 2026", "exercice 2026" (English "Q4 2026", "November 2026", "year 2026"). */
export function periodName(p: { kind: 'month' | 'quarter' | 'year'; start: string }, lang: 'fr' | 'en' = 'fr'): string {
  const year = p.start.slice(0, 4);
  const month = Number(p.start.slice(5, 7));
  if (p.kind === 'quarter') return `${lang === 'fr' ? 'T' : 'Q'}${(month + 2) / 3} ${year}`;
  if (p.kind === 'year') return lang === 'fr' ? `exercice ${year}` : `year ${year}`;
  return formatMonth(p.start.slice(0, 7), lang);
}

/** Cents as a signed amount for a net: "+1 234,56 €" / "-12,00 €" (the sign says who pays). */
export function signedMoney(cents: number, format: (cents: number) => string): string {
  return cents > 0 ? `+${format(cents)}` : format(cents);
}

type KeyFallback = { categoryId: number; categoryName: string; month: string; entryCount: number };

/**
 * A report's warnings as the report page shows them: the `activity` categories shared by holding
 * in months without verified pouches, the ledger check when it does not balance, the legal note
 * on a surplus shared by holding. Each is a catalogue key with its params; the close dialog lists
 * the same, so a period is never closed past a warning unseen.
 */
export type ReportWarning =
  | {
      kind: 'fallback';
      title: 'shares.report.fallbackTitle';
      lines: { category: string; month: string; count: number }[];
    }
  | { kind: 'unbalanced'; title: 'shares.report.check'; message: 'shares.report.unbalanced' }
  | { kind: 'legal'; title: 'shares.report.legalTitle'; message: 'shares.report.legalNote' };

export function reportWarnings(report: {
  keyFallbacks?: readonly KeyFallback[] | null;
  reconciliation?: { balanced: boolean } | null;
  legalNote: string | null;
}): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const fallbacks = report.keyFallbacks ?? [];
  if (fallbacks.length > 0)
    warnings.push({
      kind: 'fallback',
      title: 'shares.report.fallbackTitle',
      lines: fallbacks.map((f) => ({ category: f.categoryName, month: f.month, count: f.entryCount })),
    });
  if (report.reconciliation && !report.reconciliation.balanced)
    warnings.push({ kind: 'unbalanced', title: 'shares.report.check', message: 'shares.report.unbalanced' });
  if (report.legalNote)
    warnings.push({ kind: 'legal', title: 'shares.report.legalTitle', message: 'shares.report.legalNote' });
  return warnings;
}

/** "octobre 2026", "octobre et novembre 2026", "novembre 2026, janvier et février 2027" (months `YYYY-MM`, sorted). */
export function monthList(months: readonly string[], lang: 'fr' | 'en' = 'fr'): string {
  const byYear = new Map<string, string[]>();
  for (const m of months) {
    const name = periodName({ kind: 'month', start: `${m}-01` }, lang).replace(/ \d{4}$/, '');
    byYear.set(m.slice(0, 4), [...(byYear.get(m.slice(0, 4)) ?? []), name]);
  }
  const and = lang === 'fr' ? ' et ' : ' and ';
  const join = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')}${and}${xs.at(-1)}`);
  return [...byYear].map(([year, names]) => `${join(names)} ${year}`).join(', ');
}

/**
 * What the treasurer's draft card shows (Paris `today`): last month's draft when the job left
 * one; else, when last month lies in a closed period, that it is closed (its report is final,
 * so it is no longer listed as a draft); else the newest draft; else nothing yet.
 */
export function draftCardState<D extends { month: string }, P extends { status: string; start: string; end: string }>(
  drafts: readonly D[],
  periods: readonly P[],
  today: string,
): { kind: 'draft'; draft: D } | { kind: 'closed'; month: string; period: P } | { kind: 'none' } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const lastMonth = m === 1 ? `${y - 1}-12` : `${today.slice(0, 4)}-${String(m - 1).padStart(2, '0')}`;
  const draft = drafts.find((d) => d.month === lastMonth);
  if (draft) return { kind: 'draft', draft };
  const first = `${lastMonth}-01`;
  const closed = periods
    .filter((p) => p.status === 'closed' && p.start <= first && first <= p.end)
    .sort((a, b) => (a.end < b.end ? -1 : 1))[0];
  if (closed) return { kind: 'closed', month: lastMonth, period: closed };
  return drafts[0] ? { kind: 'draft', draft: drafts[0] } : { kind: 'none' };
}
