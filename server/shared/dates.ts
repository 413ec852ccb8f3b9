import { TZDate, tzOffset } from '@date-fns/tz';
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { keptBy } from './memo';

/** The cooperative's wall clock: every calendar rule is computed in this zone. */
export const PARIS = 'Europe/Paris';

/**
 * The Paris wall clock of an instant as an ISO string `YYYY-MM-DDTHH:mm:ss.sssZ` (the `Z` is
 * not Paris's: the fields are), from the offset cached per UTC hour (`parisOffsetMs`). date-fns
 * on a `TZDate` asked Intl for every field it read: an ISO week cost ~450 µs, a date ~27 µs
 * (issue 16). Years outside 0000–9999 fall back to date-fns (`null` here).
 */
function parisWallIso(instant: Date): string | null {
  const ms = instant.getTime();
  const wall = new Date(ms + parisOffsetMs(ms));
  const year = wall.getUTCFullYear();
  return year >= 0 && year <= 9999 ? wall.toISOString() : null;
}

/** The last UTC hour `parisDayOfHour` was asked, its Paris date and (once asked) its ISO week. */
let keptHour = Number.NaN;
let keptDay: string | null = null;
let keptWeek: string | undefined;

/**
 * The Paris date (`YYYY-MM-DD`, null past year 9999) of an instant at or after
 * `WHOLE_HOUR_CHANGES_SINCE`, kept for the last UTC hour asked: since then Paris's offset is a
 * whole number of hours and changes only on whole UTC hours (`parisOffsetMs`), so a UTC hour lies
 * in one Paris day. Requests ask "today" and "this week" of the same hour over and over (issue 16).
 */
function parisDayOfHour(instant: Date, ms: number): string | null {
  const hour = Math.floor(ms / HOUR_MS);
  if (hour !== keptHour) {
    keptDay = parisWallIso(instant)?.slice(0, 10) ?? null;
    keptWeek = undefined;
    keptHour = hour;
  }
  return keptDay;
}

/** The Paris calendar date of an instant, as `YYYY-MM-DD`. */
export function parisDate(instant: Date): string {
  const ms = instant.getTime();
  const day = ms >= WHOLE_HOUR_CHANGES_SINCE ? parisDayOfHour(instant, ms) : parisWallIso(instant)?.slice(0, 10);
  return day ?? format(new TZDate(ms, PARIS), 'uuuu-MM-dd');
}

/** The Paris month of an instant, as `YYYY-MM`. */
export function parisMonth(instant: Date): string {
  return parisWallIso(instant)?.slice(0, 7) ?? format(new TZDate(instant.getTime(), PARIS), 'uuuu-MM');
}

/** The ISO week (Monday start) of an instant in Paris, as `2026-W49`. */
export function isoWeek(instant: Date): string {
  const ms = instant.getTime();
  if (ms >= WHOLE_HOUR_CHANGES_SINCE) {
    const day = parisDayOfHour(instant, ms);
    if (day !== null) {
      keptWeek ??= isoWeekOfDate(day);
      return keptWeek;
    }
  } else {
    const wall = parisWallIso(instant);
    if (wall !== null) return isoWeekOfDate(wall.slice(0, 10));
  }
  const paris = new TZDate(instant.getTime(), PARIS);
  return `${getISOWeekYear(paris)}-W${String(getISOWeek(paris)).padStart(2, '0')}`;
}

/** A compact Paris timestamp for file names: `20261123-020000`. */
export function parisStamp(instant: Date): string {
  const wall = parisWallIso(instant);
  if (wall === null) return format(new TZDate(instant.getTime(), PARIS), 'uuuuMMdd-HHmmss');
  return `${wall.slice(0, 4)}${wall.slice(5, 7)}${wall.slice(8, 10)}-${wall.slice(11, 13)}${wall.slice(14, 16)}${wall.slice(17, 19)}`;
}

export const isCalendarDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * Calendar arithmetic on `YYYY-MM-DD` (no time, so no DST): `addCalendarDays('2026-03-28', 1)`.
 * Throws a RangeError when the result leaves the dates the schemas accept (0000-01-01 … 9999-12-31).
 */
export function addCalendarDays(day: string, days: number): string {
  // `YYYY-MM-DD` read as numbers (month 1–12, day 1–31, rolling over as `Date` parses it):
  // parsing the string as a date cost more than the rest of a schedule (issue 16). Anything
  // else is parsed as before, and is NaN when it is no date.
  let d: Date;
  if (isPlainDay(day)) {
    d = utcDay(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days);
  } else {
    d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
  }
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError(`not a calendar date: ${day} + ${days} days`);
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/**
 * `day` (`YYYY-MM-DD`) `years` calendar years on, the same month and day; 29 February becomes
 * 28 February in a common year (date-fns `addYears`). Calendar arithmetic, no time zone.
 */
export function addCalendarYears(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const local = new Date(2000, 0, 1);
  local.setFullYear(year, month - 1, date); // `new Date(y, …)` would read years 0–99 as 1900–1999
  return format(addYears(local, years), 'yyyy-MM-dd');
}

/** `DDDD-DD-DD` with a month 01–12 and a day 01–31: what `Date` reads as a date (rolling a 31 April over). */
function isPlainDay(day: string): boolean {
  if (day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    const c = day.charCodeAt(i);
    if (i !== 4 && i !== 7 && (c < 48 || c > 57)) return false;
  }
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  return month >= 1 && month <= 12 && date >= 1 && date <= 31;
}

/** A half-open UTC range `[start, end)`: what a Paris day, month, ISO week or run of days covers. */
export type UtcRange = { start: Date; end: Date };

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * True for an ISO week that exists, written `2026-W49` (W53 only in long years), whose seven days
 * are all dates the schemas accept (so not 9999-W52, which ends in year 10000).
 */
export function isIsoWeek(s: string): boolean {
  return weekMonday(s) !== null;
}

const mondays = keptBy<string | null>(2_000);

/**
 * The Monday of an ISO week written `2026-W49`, or null when `isIsoWeek` would say false. Kept per
 * week once its form is checked (so only 8-character keys): every `week` a request carries is
 * validated by `IsoWeek` and then laid out again by the use case (issue 16).
 */
function weekMonday(s: string): string | null {
  const m = ISO_WEEK.exec(s);
  if (!m) return null;
  return mondays(s, () => mondayOfWeek(m));
}

function mondayOfWeek(m: RegExpExecArray): string | null {
  const week = Number(m[2]);
  if (week < 1 || week > isoWeeksInYear(Number(m[1]))) return null;
  const monday = mondayOf(Number(m[1]), week);
  try {
    addCalendarDays(monday, 6);
    return monday;
  } catch {
    return null;
  }
}

/** A UTC midnight of year `year` (0–9999; `Date.UTC` would read 0–99 as 1900–1999), month and day rolling over. */
function utcDay(year: number, monthIndex: number, date: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, date);
  return d;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a UTC midnight. */
const weekdayOf = (d: Date) => d.getUTCDay() || 7;

function mondayOf(year: number, week: number): string {
  // 4 January is always in week 1; its week's Monday, then `week - 1` weeks on. Numbers, not
  // strings: parsing dates cost more than the rest of an order's deadlines (issue 16).
  const jan4 = utcDay(year, 0, 4);
  return utcDay(year, 0, 4 - (weekdayOf(jan4) - 1) + (week - 1) * 7)
    .toISOString()
    .slice(0, 10);
}

/** True for a month written `YYYY-MM`. */
export const isMonth = (s: string) => {
  const m = MONTH.exec(s);
  return m != null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
};

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function isoWeeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53, i.e. when 1 January is a Thursday
  // (or a Wednesday in a leap year).
  const jan1 = weekdayOf(utcDay(year, 0, 1));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** The Monday (`YYYY-MM-DD`) of an ISO week `2026-W49`. Throws on a week that does not exist. */
export function isoWeekMonday(week: string): string {
  const monday = weekMonday(week);
  if (monday === null) throw new RangeError(`not an ISO week: ${week}`);
  return monday;
}

/** The seven calendar dates, Monday to Sunday, of an ISO week. */
export function isoWeekDays(week: string): readonly string[] {
  return weekDays(week, () => {
    const monday = isoWeekMonday(week);
    return Object.freeze(Array.from({ length: 7 }, (_, i) => addCalendarDays(monday, i)));
  });
}
// Kept per week (frozen): the calendar, the orders and the production sheet ask the same weeks on
// every request (issue 16).
const weekDays = keptBy<readonly string[]>(2_000);

/** The ISO week a calendar date belongs to: `isoWeekOfDate('2027-01-01')` → `2026-W53`. */
export function isoWeekOfDate(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  // The Thursday of the date's week names the week's year.
  d.setUTCDate(d.getUTCDate() + 4 - weekdayOf(d));
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError(`not a calendar date: ${day} (its ISO week)`);
  const dayOfYear = Math.round((d.getTime() - utcDay(year, 0, 1).getTime()) / 86_400_000);
  return `${String(year).padStart(4, '0')}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** The ISO week `n` weeks after (or before, n < 0) the given one. */
export function addIsoWeeks(week: string, n: number): string {
  return isoWeekOfDate(addCalendarDays(isoWeekMonday(week), n * 7));
}

/**
 * The UTC instant of a Paris wall-clock time on a calendar date (`'2026-03-29', '08:30'`).
 * DST-safe: a time that does not exist (the spring change skips 02:00–03:00) is moved forward by
 * the gap (02:30 → 03:30 CEST); a time that happens twice (the autumn change) is the first one.
 */
export function parisWallClock(day: string, time: string): Date {
  return wallClock(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
    Number(time.slice(0, 2)),
    Number(time.slice(3, 5)),
  );
}

const HOUR_MS = 3_600_000;
/** The first UTC hour after which Paris changed its offset only on whole UTC hours (Paris mean time ended 23:50:39 UTC the day before). */
const WHOLE_HOUR_CHANGES_SINCE = Date.UTC(1911, 2, 11);
const offsetByUtcHour = new Map<number, number>();

/**
 * Paris's offset from UTC at an instant, in ms: +1 h or +2 h today, other values in history.
 * Asking Intl costs ~10 µs, and a Paris wall-clock time asks it four times (a schedule of 8
 * weeks took 0.7 ms; issue 16), so the offset is kept per UTC hour: since 1911-03-11 every
 * change of Paris's offset in the time-zone database falls on a whole UTC hour (checked hour by
 * hour from 1890 to 2200), so one hour has one offset. Earlier instants are always asked.
 */
export function parisOffsetMs(instant: number): number {
  if (!(instant >= WHOLE_HOUR_CHANGES_SINCE)) return Math.round(tzOffset(PARIS, new Date(instant)) * 60_000);
  const hour = Math.floor(instant / HOUR_MS);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    offset = Math.round(tzOffset(PARIS, new Date(hour * HOUR_MS)) * 60_000);
    if (offsetByUtcHour.size >= 100_000) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

/**
 * `monthIndex` and `date` may overflow (day 32, month 12): they roll over as in `Date.UTC`.
 * The wall time is read with the offsets in force a day before and a day after (the two sides
 * of any change nearby); a time that exists with both is the earlier instant, one in a gap is
 * read with the offset before it (so it moves forward by the gap). Exact for every year the
 * time-zone database covers: Paris mean time (+0:09:21) before 1911, 0/+1/+2 since.
 */
function wallClock(year: number, monthIndex: number, date: number, hours: number, minutes: number): Date {
  const utc = new Date(0);
  utc.setUTCFullYear(year, monthIndex, date);
  utc.setUTCHours(hours, minutes, 0, 0);
  const wall = utc.getTime();
  const before = parisOffsetMs(wall - 86_400_000);
  const after = parisOffsetMs(wall + 86_400_000);
  const withBefore = wall - before;
  const withAfter = wall - after;
  const beforeFits = parisOffsetMs(withBefore) === before;
  const afterFits = parisOffsetMs(withAfter) === after;
  if (beforeFits && afterFits) return new Date(Math.min(withBefore, withAfter));
  return new Date(afterFits && !beforeFits ? withAfter : withBefore);
}

const dayParts = (day: string) =>
  [Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))] as const;

/** A Paris calendar day as a half-open UTC range (23, 24 or 25 hours long). */
export function parisDayRange(day: string): UtcRange {
  return parisDaysRange(day, day);
}

/**
 * The Paris calendar days `from` … `to` (both included) as a half-open UTC range; every date a
 * schema accepts works, `9999-12-31` included. Compare stored instants with `toISOString()` of both ends.
 */
export function parisDaysRange(from: string, to: string): UtcRange {
  const [fy, fm, fd] = dayParts(from);
  const [ty, tm, td] = dayParts(to);
  return { start: wallClock(fy, fm, fd, 0, 0), end: wallClock(ty, tm, td + 1, 0, 0) };
}

/**
 * `parisDaysRange(from, to)` as the ISO strings stored instants are compared with, frozen and
 * kept per pair of days (`YYYY-MM-DD`, as `parisDaysRange` takes them): the robot's calendar and
 * bookings ask the same weeks on every request (issue 16).
 */
export function parisDaysIsoRange(from: string, to: string): Readonly<{ start: string; end: string }> {
  return daysIsoRanges(`${from} ${to}`, () => {
    const range = parisDaysRange(from, to);
    return Object.freeze({ start: range.start.toISOString(), end: range.end.toISOString() });
  });
}
const daysIsoRanges = keptBy<Readonly<{ start: string; end: string }>>(2_000);

/** A Paris month `YYYY-MM` as a half-open UTC range. */
export function parisMonthRange(month: string): UtcRange {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1;
  return { start: wallClock(y, m, 1, 0, 0), end: wallClock(y, m + 1, 1, 0, 0) };
}

/** A Paris ISO week `2026-W49` (Monday 00:00 to the next Monday 00:00) as a half-open UTC range. */
export function parisIsoWeekRange(week: string): UtcRange {
  const monday = isoWeekMonday(week);
  return parisDaysRange(monday, addCalendarDays(monday, 6));
}

/** The Paris wall-clock time of an instant, `HH:mm`. */
export function parisTime(instant: Date): string {
  return parisWallIso(instant)?.slice(11, 16) ?? format(new TZDate(instant.getTime(), PARIS), 'HH:mm');
}
