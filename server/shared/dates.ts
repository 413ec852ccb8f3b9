import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';

/** The cooperative's wall clock: every calendar rule is computed in this zone. */
export const PARIS = 'Europe/Paris';

/** The Paris calendar date of an instant, as `YYYY-MM-DD`. */
export function parisDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), PARIS), 'yyyy-MM-dd');
}

/** The Paris month of an instant, as `YYYY-MM`. */
export function parisMonth(instant: Date): string {
  return format(new TZDate(instant.getTime(), PARIS), 'yyyy-MM');
}

/** The ISO week (Monday start) of an instant in Paris, as `2026-W49`. */
export function isoWeek(instant: Date): string {
  const paris = new TZDate(instant.getTime(), PARIS);
  return `${getISOWeekYear(paris)}-W${String(getISOWeek(paris)).padStart(2, '0')}`;
}

/** A compact Paris timestamp for file names: `20261123-020000`. */
export function parisStamp(instant: Date): string {
  return format(new TZDate(instant.getTime(), PARIS), 'yyyyMMdd-HHmmss');
}

export const isCalendarDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Calendar arithmetic on `YYYY-MM-DD` (no time, so no DST): `addCalendarDays('2026-03-28', 1)`. */
export function addCalendarDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
