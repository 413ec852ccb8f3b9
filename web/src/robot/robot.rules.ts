// Pure helpers of the robot pages (unit-tested in tests/unit/web-robot.test.ts): where a block
// sits in the week grid, a pharmacy's colour, the week an order week is planned in.
import { addIsoWeeks, isoWeek } from '../../../server/shared/dates';
import { ApiError } from '../shared/api';
import { parisParts } from '../shared/format';
import type { PlanResult } from './robot.api';

/** Minutes since Paris midnight of an instant (its wall-clock time, DST-safe). */
export function parisMinutes(instant: string | Date): number {
  const p = parisParts(typeof instant === 'string' ? new Date(instant) : instant);
  return p.hour * 60 + p.minute;
}

/** The Paris calendar date `YYYY-MM-DD` of an instant. */
export function parisDay(instant: string | Date): string {
  const p = parisParts(typeof instant === 'string' ? new Date(instant) : instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * The hours the grid shows: from the earliest window, closure or batch start of the week (whole
 * hour, 08:00 at the latest) to the latest end (19:00 at least), in Paris time; spans of 20 h or
 * more (a public holiday) are left out; a span over a Paris midnight opens the whole day.
 */
export function gridHours(spans: { start: string; end: string }[]): { from: number; to: number } {
  let from = 8 * 60;
  let to = 19 * 60;
  for (const s of spans) {
    // A whole-day closure (or one over several days) says nothing about working hours.
    if (Date.parse(s.end) - Date.parse(s.start) >= 20 * 3_600_000) continue;
    // A span over a Paris midnight (a batch started late in the evening) runs to the end of its
    // first day and from the start of the next: the grid must show both ends.
    const overMidnight = parisDay(s.start) !== parisDay(new Date(Date.parse(s.end) - 1));
    from = Math.min(from, overMidnight ? 0 : parisMinutes(s.start));
    to = Math.max(to, overMidnight ? 24 * 60 : parisMinutes(s.end) || 24 * 60);
  }
  return { from: Math.floor(from / 60), to: Math.min(24, Math.ceil(to / 60)) };
}

/**
 * The days the week grid shows (Paris dates): Monday to Friday always, a weekend day only when the
 * robot works then (a window) or a batch runs on it. A batch counts on every Paris day its span
 * touches: one started at 00:20 on a Saturday in winter is 23:20 UTC on Friday, and one started
 * late on Friday may run into Saturday (the UTC date of its start said neither).
 */
export function shownDays<D extends { date: string; weekday: number }>(
  days: readonly D[],
  windows: readonly { day: string }[],
  batches: readonly { start: string; end: string }[],
): D[] {
  const runsOn = (date: string) =>
    batches.some((b) => parisDay(b.start) <= date && date <= parisDay(new Date(Date.parse(b.end) - 1)));
  return days.filter((d) => d.weekday <= 5 || windows.some((w) => w.day === d.date) || runsOn(d.date));
}

/**
 * Top and height (px) of a span inside its day's column, clipped to the grid: `fromHour` is the
 * grid's first hour, `pxPerMinute` its scale. A span from an earlier day starts at the top.
 */
export function blockPlacement(
  span: { start: string; end: string },
  day: string,
  grid: { from: number; to: number },
  pxPerMinute: number,
): { top: number; height: number } | null {
  const startMin = parisDay(span.start) < day ? 0 : parisDay(span.start) > day ? null : parisMinutes(span.start);
  const endDay = parisDay(new Date(Date.parse(span.end) - 1));
  const endMin = endDay > day ? 24 * 60 : endDay < day ? null : parisMinutes(span.end) || 24 * 60;
  if (startMin === null || endMin === null) return null;
  const top = Math.max(startMin, grid.from * 60) - grid.from * 60;
  const bottom = Math.min(endMin, grid.to * 60) - grid.from * 60;
  if (bottom <= top) return null;
  return { top: top * pxPerMinute, height: (bottom - top) * pxPerMinute };
}

const PHARMACY_COLORS = ['blue', 'grape', 'teal', 'orange', 'pink', 'cyan', 'lime', 'indigo', 'red', 'yellow'];

/** One Mantine colour per pharmacy, stable across pages. */
export function pharmacyColor(pharmacyId: number): string {
  return PHARMACY_COLORS[(pharmacyId - 1) % PHARMACY_COLORS.length] as string;
}

/** The ISO week a robot week shows for an order week: batches usually fall in the week before. */
export const productionWeekOf = (orderWeek: string) => addIsoWeeks(orderWeek, -1);
export const orderWeekOf = (productionWeek: string) => addIsoWeeks(productionWeek, 1);

/** The ISO week, in Paris, of an instant (where a batch starting then shows in the calendar). */
export const weekOfInstant = (instant: string): string => isoWeek(new Date(instant));

/**
 * The robot week the calendar opens on when none is asked for: the current Paris week while one of
 * its working windows still ends after `now`, else the next one. On a Saturday the week's work is
 * done (its orders are delivered on Friday, SPEC §5), and what is left to plan and produce is next
 * week's. `calendar` is the current week's (its `windows` are UTC instants); a week with no window
 * at all stays put.
 */
export function weekToOpen(calendar: { week: string; windows: { end: string }[] }, now: Date): string {
  if (calendar.windows.length === 0) return calendar.week;
  const worksOn = calendar.windows.some((w) => Date.parse(w.end) > now.getTime());
  return worksOn ? calendar.week : addIsoWeeks(calendar.week, 1);
}

/**
 * The new proposal sent back when applying a previewed plan failed with 409 `robot.plan_changed`
 * (bookings changed since the preview), or null for any other outcome.
 */
export function changedPlanOf(error: unknown): PlanResult | null {
  if (!(error instanceof ApiError) || error.code !== 'robot.plan_changed' || !Array.isArray(error.details)) return null;
  const plan = error.details[0] as Partial<PlanResult> | undefined;
  return plan && typeof plan.fingerprint === 'string' && Array.isArray(plan.batches) && Array.isArray(plan.unplaced)
    ? (plan as PlanResult)
    : null;
}

/** Minutes as "1 h 05" (or "45 min"). */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/**
 * Whether the plan holds a booked batch back from starting now (epoch ms): the server's
 * `startOutlook` (computed when the page was read) puts its earliest start more than a minute
 * ahead — another batch is booked on the robot, or it is outside the robot's hours — or finds no
 * free slot at all. Answers the earliest start the plan allows (ISO, UTC; null when none), or
 * `false` when starting now is what the plan allows. Starting anyway stays possible (the
 * pharmacist is at the robot, SPEC §6): this only warns that another batch may be delayed.
 */
export function startHeldBack(
  outlook: { earliestStart: string | null } | null,
  now: number,
): { freeAt: string | null } | false {
  if (!outlook) return false;
  if (outlook.earliestStart === null) return { freeAt: null };
  return Date.parse(outlook.earliestStart) - now > 60_000 ? { freeAt: outlook.earliestStart } : false;
}
