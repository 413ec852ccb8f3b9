// Pure helpers of the orders pages (unit-tested in tests/unit/web-orders.test.ts).
import { lineAppliesOn, type Schedule } from '../../../server/orders/orders.models';
import { isoWeek } from '../../../server/shared/dates';
import { parisParts } from '../shared/format';
import { serverNow } from '../shared/server-clock';

type Day = { date: string; absent: boolean; pouchesByTime: Record<string, number> };

/** Pouches of one resident on one day. */
export const dayPouches = (day: Day) => Object.values(day.pouchesByTime).reduce((s, n) => s + n, 0);

/** Selected days of a week as runs of consecutive days: Tue, Wed, Thu, Sat → Tue–Thu and Sat. */
export function consecutiveRuns(
  selected: readonly string[],
  weekDays: readonly string[],
): { from: string; to: string }[] {
  const chosen = new Set(selected);
  const runs: { from: string; to: string }[] = [];
  let current: { from: string; to: string } | null = null;
  for (const day of weekDays) {
    if (chosen.has(day)) {
      if (current) current.to = day;
      else current = { from: day, to: day };
    } else if (current) {
      runs.push(current);
      current = null;
    }
  }
  if (current) runs.push(current);
  return runs;
}

/** The absence of a resident covering a day, if any. */
export function absenceOn<A extends { residentId: number; from: string; to: string }>(
  absences: readonly A[],
  residentId: number,
  date: string,
): A | undefined {
  return absences.find((a) => a.residentId === residentId && a.from <= date && date <= a.to);
}

type Line = {
  schedule: Schedule;
  startDate: string;
  endDate: string | null;
  asNeeded: boolean;
  pdaExcluded: boolean;
  doses: Record<string, number>;
};

/**
 * What a resident takes on a day, per administration time (the lines behind a cell of the grid):
 * lines in force and scheduled that day, pouched ones first; as-needed and hors-PDA lines are
 * listed apart since they are not in the pouches.
 */
export function treatmentsOn<L extends Line>(lines: readonly L[], date: string, times: readonly string[]) {
  const applying = lines.filter((l) => lineAppliesOn(l, date));
  const pouched = applying.filter((l) => !l.asNeeded && !l.pdaExcluded);
  return {
    byTime: times.map((time) => ({ time, lines: pouched.filter((l) => (l.doses[time] ?? 0) > 0) })),
    horsPda: applying.filter((l) => !l.asNeeded && l.pdaExcluded),
    asNeeded: applying.filter((l) => l.asNeeded),
  };
}

const FRACTIONS: Record<number, string> = { 0.25: '¼', 0.5: '½', 0.75: '¾' };

/** A dose in units as a pharmacist writes it: 1, ½, 1 ¾, 2. */
export function doseText(units: number): string {
  const whole = Math.floor(units);
  const fraction = FRACTIONS[units - whole];
  if (!fraction) return String(units).replace('.', ',');
  return whole === 0 ? fraction : `${whole} ${fraction}`;
}

/** Orders to work on (this week and later) and the history (earlier weeks), each newest week last / first. */
export function splitByWeek<O extends { week: string }>(orders: readonly O[], currentWeek: string) {
  return {
    current: orders.filter((o) => o.week >= currentWeek).sort((a, b) => a.week.localeCompare(b.week)),
    history: orders.filter((o) => o.week < currentWeek).sort((a, b) => b.week.localeCompare(a.week)),
  };
}

/** The Paris calendar date of an instant (today by default), `YYYY-MM-DD`. */
export function parisDay(now: Date = serverNow()): string {
  const p = parisParts(now);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * A draft still unsent at its cut-off, in a week not over yet (SPEC §5): its residents get no
 * pouches unless the pharmacy submits it for the care home (the pharmacy is alerted).
 */
export function missedCutoff(order: { status: string; cutoffAt: string; week: string }, now: Date): boolean {
  return order.status === 'draft' && Date.parse(order.cutoffAt) <= now.getTime() && order.week >= isoWeek(now);
}

/**
 * The care home's week to order when none of its orders is open (a care home that joined after
 * Monday's job created the week's orders, or whose order was cancelled): the first week of its
 * schedule whose cut-off is still ahead and that has no order but a cancelled one. `reopening`
 * says the week's order was cancelled (it is ordered again, the same order) rather than missing.
 */
export function weekToOrder<W extends { week: string; cutoffAt: string }>(
  orders: readonly { week: string; status: string }[],
  schedule: readonly W[],
  now: Date,
): { week: W; reopening: boolean } | undefined {
  const week = schedule.find(
    (w) => Date.parse(w.cutoffAt) > now.getTime() && !orders.some((o) => o.week === w.week && o.status !== 'cancelled'),
  );
  return week ? { week, reopening: orders.some((o) => o.week === week.week) } : undefined;
}
