import type { Db } from '../../db/client';
import { parisDayRange, parisDaysIsoRange } from '../shared/dates';
import { publicHolidaysBetween } from '../shared/holidays';
import { type ClosureRow, hasStoredHolidays, listClosures } from './robot.repository';

/**
 * A closure as the timeline and the API show it: a stored row, or (`id: null`) a French public
 * holiday computed for a year whose holidays the robot does not store.
 */
export type ClosureView = Omit<ClosureRow, 'id'> & { id: number | null };

const yearOf = (day: string) => Number(day.slice(0, 4));

/**
 * The robot is closed on the French public holidays of every year (Code du travail L3133-1,
 * `holidays.models.ts`), a whole Paris day each. A year's holidays are the robot's stored
 * `public_holiday` closures once it has one that year (seeded with the robot for its first two
 * years; the admin may remove one to work that day); a year without any is closed on the
 * computed ones, so no year is ever left open by a seed that stopped.
 */
export function computedHolidays(db: Db, robotId: number, firstDay: string, lastDay: string): ClosureView[] {
  const stored = new Map<number, boolean>();
  const isStored = (year: number) => {
    if (!stored.has(year)) stored.set(year, hasStoredHolidays(db, robotId, year));
    return stored.get(year) as boolean;
  };
  return publicHolidaysBetween(firstDay, lastDay)
    .filter((h) => !isStored(yearOf(h.date)))
    .map((h) => {
      const day = parisDayRange(h.date);
      return {
        id: null,
        robotId,
        start: day.start.toISOString(),
        end: day.end.toISOString(),
        kind: 'public_holiday',
        reason: h.name,
      };
    });
}

/** The closures touching the Paris days `firstDay` … `lastDay`: stored ones and computed holidays, in time order. */
export function closuresOfDays(db: Db, robotId: number, firstDay: string, lastDay: string): ClosureView[] {
  const range = parisDaysIsoRange(firstDay, lastDay);
  const stored: ClosureView[] = listClosures(db, robotId, range.start, range.end);
  const computed = computedHolidays(db, robotId, firstDay, lastDay);
  if (computed.length === 0) return stored;
  return [...stored, ...computed].sort((a, b) => a.start.localeCompare(b.start) || (a.id ?? 0) - (b.id ?? 0));
}
