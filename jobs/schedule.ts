import {
  addCalendarDays,
  addIsoWeeks,
  isoWeek,
  isoWeekMonday,
  parisDate,
  parisMonth,
  parisWallClock,
} from '../server/shared/dates';

/**
 * When a job is due, in Paris wall-clock time (SPEC §9). One due instant per period:
 * - `day`: every day at `at`;
 * - `week`: on ISO weekday `weekday` (1 = Monday … 7 = Sunday) of each ISO week, at `at`;
 * - `month`: on day `dayOfMonth` (1–28, so it exists in every month) of each month, at `at`.
 * `at` is `HH:mm`; a time the spring change skips (02:00–03:00) is due when the clock reaches
 * the same time after the gap (02:30 → 03:30 CEST), a time the autumn change repeats is due the
 * first time it happens (parisWallClock).
 */
export type JobWhen =
  | { period: 'day'; at: string }
  | { period: 'week'; weekday: number; at: string }
  | { period: 'month'; dayOfMonth: number; at: string };

export type Period = JobWhen['period'];

/** The period a job run covers: its key in job_runs (`2027-03-28`, `2027-W12`, `2027-03`) and its due instant (UTC). */
export type JobPeriod = { key: string; dueAt: Date };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Why a schedule is wrong, or null when it is valid. */
export function scheduleProblem(when: JobWhen): string | null {
  if (!HH_MM.test(when.at)) return `at must be HH:mm (00:00–23:59), got ${JSON.stringify(when.at)}`;
  if (when.period === 'week' && !(Number.isInteger(when.weekday) && when.weekday >= 1 && when.weekday <= 7))
    return `weekday must be 1 (Monday) … 7 (Sunday), got ${when.weekday}`;
  if (when.period === 'month' && !(Number.isInteger(when.dayOfMonth) && when.dayOfMonth >= 1 && when.dayOfMonth <= 28))
    return `dayOfMonth must be 1 … 28 (a day every month has), got ${when.dayOfMonth}`;
  if (!['day', 'week', 'month'].includes(when.period)) return `period must be day, week or month`;
  return null;
}

/** The Paris calendar period (day, ISO week or month) an instant falls in, as a job_runs key. */
export function calendarPeriodKey(period: Period, instant: Date): string {
  if (period === 'day') return parisDate(instant);
  if (period === 'week') return isoWeek(instant);
  return parisMonth(instant);
}

function previousKey(period: Period, key: string): string {
  if (period === 'day') return addCalendarDays(key, -1);
  if (period === 'week') return addIsoWeeks(key, -1);
  const [y, m] = [Number(key.slice(0, 4)), Number(key.slice(5, 7))];
  return m === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${key.slice(0, 4)}-${String(m - 1).padStart(2, '0')}`;
}

function nextKey(period: Period, key: string): string {
  if (period === 'day') return addCalendarDays(key, 1);
  if (period === 'week') return addIsoWeeks(key, 1);
  const [y, m] = [Number(key.slice(0, 4)), Number(key.slice(5, 7))];
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${key.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

/** The UTC instant at which the period `key` of a schedule is due. */
export function dueInstant(when: JobWhen, key: string): Date {
  if (when.period === 'day') return parisWallClock(key, when.at);
  if (when.period === 'week') return parisWallClock(addCalendarDays(isoWeekMonday(key), when.weekday - 1), when.at);
  return parisWallClock(`${key}-${String(when.dayOfMonth).padStart(2, '0')}`, when.at);
}

/**
 * The period in force at `now`: the one whose due instant passed most recently (this calendar
 * period's if it is already due, otherwise the previous one's). A job that has no successful
 * run for it is owed one — whether its hour was skipped by DST or the server was down then.
 */
export function latestDuePeriod(when: JobWhen, now: Date): JobPeriod {
  const key = calendarPeriodKey(when.period, now);
  const dueAt = dueInstant(when, key);
  if (dueAt.getTime() <= now.getTime()) return { key, dueAt };
  const previous = previousKey(when.period, key);
  return { key: previous, dueAt: dueInstant(when, previous) };
}

/** The first period due strictly after `now` (for logs and tests). */
export function nextDuePeriod(when: JobWhen, now: Date): JobPeriod {
  const key = nextKey(when.period, latestDuePeriod(when, now).key);
  return { key, dueAt: dueInstant(when, key) };
}
