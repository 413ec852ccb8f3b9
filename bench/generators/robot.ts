import { type PlanInput, planBatches } from '../../server/robot/planner.models';
import { DEFAULT_ROBOT_TIMES, DEFAULT_WINDOWS, windowsOnDays } from '../../server/robot/robot.models';
import { isoWeek } from '../../server/shared/dates';
import type { Rng } from '../prng';
import { type DatasetGenerator, tableExists } from './generator';

/**
 * The robot's calendar figure reads the demo robot's busiest week: publishes `robotId` and
 * `robotWeek` (the ISO week with the most batches, or this week when none is booked).
 */
export const robotGenerator: DatasetGenerator = {
  name: 'robot',
  build({ db, facts, now }) {
    if (!tableExists(db, 'robots')) return { skipped: 'no robot tables' };
    const robot = db.$client.prepare('SELECT id FROM robots WHERE active = 1 ORDER BY id LIMIT 1').get() as
      | { id: number }
      | undefined;
    if (!robot) return { skipped: 'no robot in the demo' };
    const starts = db.$client
      .prepare(`SELECT start_at AS start FROM robot_batches WHERE robot_id = ? AND status <> 'cancelled'`)
      .all(robot.id) as { start: string }[];
    const perWeek = new Map<string, number>();
    for (const s of starts) {
      const week = isoWeek(new Date(s.start));
      perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    }
    const busiest = [...perWeek].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    facts.robotId = robot.id;
    facts.robotWeek = busiest?.[0] ?? isoWeek(now);
    return { rows: { robots: 1, batches: starts.length } };
  },
};

/**
 * A synthetic robot-week for the planner figure (SPEC §11: 1 000 orders in a week < 200 ms):
 * the default windows of one ISO week, a few booked batches and closures, and `orders` orders of
 * five pharmacies (200–3 000 pouches, up to 300 tray units, deadlines spread over the week) —
 * far more than a week holds, so most are left out with their reasons.
 */
export function syntheticPlannerWeek(rng: Rng, orders = 1_000): PlanInput {
  const windows = windowsOnDays(DEFAULT_WINDOWS, '2026-11-23', '2026-11-29');
  const minute = 60_000;
  const busy = [1, 4, 7].map((i) => {
    const w = windows[i] as { start: number };
    return { start: w.start + 30 * minute, end: w.start + 75 * minute };
  });
  const closures = [
    { start: (windows[5] as { start: number }).start, end: (windows[5] as { start: number }).start + 90 * minute },
  ];
  return {
    robot: DEFAULT_ROBOT_TIMES,
    windows,
    closures,
    busy,
    now: (windows[0] as { start: number }).start,
    orders: Array.from({ length: orders }, (_, i) => ({
      id: i + 1,
      pharmacyId: rng.int(1, 5),
      pouches: rng.int(200, 3_000),
      manualUnits: rng.int(0, 300),
      deadline: (windows[rng.int(2, windows.length - 1)] as { end: number }).end,
      releaseAt: (windows[rng.int(0, 3)] as { start: number }).start,
    })),
  };
}

/** Runs the planner once and checks it answered for every order (a wrong answer is no figure). */
export function planSyntheticWeek(input: PlanInput) {
  const plan = planBatches(input);
  const answered = plan.batches.reduce((n, b) => n + b.orderIds.length, 0) + plan.unplaced.length;
  if (answered !== input.orders.length)
    throw new Error(`planner answered ${answered} of ${input.orders.length} orders`);
  return plan;
}
