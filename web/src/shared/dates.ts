import { parisParts } from './format';

const DAY_MS = 86_400_000;

/** The instant at which Paris wall-clock shows the given date and time (DST-safe). */
export function parisWallClock(year: number, month: number, day: number, hour: number, minute: number): Date {
  const target = Date.UTC(year, month - 1, day, hour, minute);
  let guess = target;
  // Two corrections settle the offset even when the guess crosses a DST change.
  for (let i = 0; i < 2; i++) {
    const p = parisParts(new Date(guess));
    guess += target - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  return new Date(guess);
}

/** ISO week of a calendar day, written '2026-W49'. */
export function isoWeekOf(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/**
 * Next weekly cut-off after `now`: `weekday` (1 = Monday) at hh:mm Paris time, and the
 * ISO week whose order it closes (the week after the cut-off, SPEC §5 default).
 */
export function nextCutoff(now: Date, weekday = 3, hour = 12, minute = 0): { at: Date; orderWeek: string } {
  const today = parisParts(now);
  for (let offset = 0; offset <= 7; offset++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const dayOfWeek = day.getUTCDay() || 7;
    if (dayOfWeek !== weekday) continue;
    const at = parisWallClock(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute);
    if (at.getTime() <= now.getTime()) continue;
    const nextWeek = new Date(day.getTime() + 7 * DAY_MS);
    return {
      at,
      orderWeek: isoWeekOf(nextWeek.getUTCFullYear(), nextWeek.getUTCMonth() + 1, nextWeek.getUTCDate()),
    };
  }
  throw new Error('unreachable: a weekday recurs within eight days');
}

/** Whole days, hours and minutes from `now` until `until` (never negative). */
export function countdown(now: Date, until: Date): { days: number; hours: number; minutes: number } {
  const totalMinutes = Math.max(0, Math.floor((until.getTime() - now.getTime()) / 60_000));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}
