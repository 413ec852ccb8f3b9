import type { PlanInput, PlannedBatch, PlanOrder } from '../../server/robot/planner.models';
import { batchDuration, type Interval, MINUTE } from '../../server/robot/robot.models';

/**
 * A small robot week on a grid of whole minutes from instant 0, for checking the planner against
 * an independent brute force: each minute knows which window it belongs to (-1: closed, closure
 * or booked), so "inside one window, over no closure or batch" is read minute by minute.
 */
export type GridInstance = {
  robot: PlanInput['robot'];
  /** Working windows, in minutes; never overlapping (they may touch). */
  windows: Interval[];
  closures: Interval[];
  busy: Interval[];
  now: number;
  orders: PlanOrder[];
};

const ms = (i: Interval) => ({ start: i.start * MINUTE, end: i.end * MINUTE });

/** The planner's input for a grid instance (minutes → epoch ms). */
export function toPlanInput(g: GridInstance, exactLimit?: number): PlanInput {
  return {
    robot: g.robot,
    windows: g.windows.map(ms),
    closures: g.closures.map(ms),
    busy: g.busy.map(ms),
    now: g.now * MINUTE,
    exactLimit,
    orders: g.orders.map((o) => ({
      ...o,
      deadline: o.deadline * MINUTE,
      releaseAt: o.releaseAt == null ? undefined : o.releaseAt * MINUTE,
    })),
  };
}

function windowOfMinute(g: GridInstance, horizon: number): Int32Array {
  const grid = new Int32Array(horizon).fill(-1);
  g.windows.forEach((w, i) => {
    for (let m = w.start; m < Math.min(w.end, horizon); m++) grid[m] = i;
  });
  for (const blocked of [...g.closures, ...g.busy]) {
    for (let m = Math.max(0, blocked.start); m < Math.min(blocked.end, horizon); m++) grid[m] = -1;
  }
  return grid;
}

const horizonOf = (g: GridInstance) =>
  Math.max(1, ...g.windows.map((w) => w.end), ...g.orders.map((o) => o.deadline)) + 1;

const minutesOf = (g: GridInstance, orders: PlanOrder[]) =>
  batchDuration(g.robot, {
    pouches: orders.reduce((n, o) => n + o.pouches, 0),
    manualUnits: orders.reduce((n, o) => n + o.manualUnits, 0),
  }).durationMinutes;

function* partitions<T>(items: T[], key: (t: T) => number): Generator<T[][]> {
  if (items.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = items as [T, ...T[]];
  for (const p of partitions(rest, key)) {
    yield [[first], ...p];
    for (let i = 0; i < p.length; i++) {
      if (key((p[i] as T[])[0] as T) !== key(first)) continue;
      yield [...p.slice(0, i), [first, ...(p[i] as T[])], ...p.slice(i + 1)];
    }
  }
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    for (const p of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i] as T, ...p];
  }
}

/**
 * Whether the orders can all be placed: every grouping of them by pharmacy, every order of the
 * batches, each batch put at the first minute after the previous one where it fits in one window.
 */
export function bruteForceFeasible(g: GridInstance, orders: PlanOrder[] = g.orders): boolean {
  const horizon = horizonOf(g);
  const grid = windowOfMinute(g, horizon);
  const fitsAt = (s: number, length: number) => {
    const w = grid[s];
    if (w === undefined || w < 0 || s + length > horizon) return false;
    for (let m = s; m < s + length; m++) if (grid[m] !== w) return false;
    return true;
  };
  for (const partition of partitions(orders, (o) => o.pharmacyId)) {
    for (const sequence of permutations(partition)) {
      let t = g.now;
      let ok = true;
      for (const batch of sequence) {
        const length = minutesOf(g, batch);
        const deadline = Math.min(...batch.map((o) => o.deadline));
        let s = Math.max(t, ...batch.map((o) => o.releaseAt ?? 0));
        while (s + length <= deadline && !fitsAt(s, length)) s++;
        if (s + length > deadline) {
          ok = false;
          break;
        }
        t = s + length;
      }
      if (ok) return true;
    }
  }
  return false;
}

/** The largest number of orders that can be placed together (brute force over subsets). */
export function bruteForceMaxPlaced(g: GridInstance): number {
  let best = 0;
  const n = g.orders.length;
  for (let m = 1; m < 1 << n; m++) {
    const subset = g.orders.filter((_, i) => m & (1 << i));
    if (subset.length > best && bruteForceFeasible(g, subset)) best = subset.length;
  }
  return best;
}

/** Every rule a returned plan breaks, minute by minute (empty when the plan is sound). */
export function planViolations(g: GridInstance, plan: { batches: PlannedBatch[]; unplaced: { orderId: number }[] }) {
  const horizon = horizonOf(g);
  const grid = windowOfMinute(g, horizon);
  const out: string[] = [];
  const seen = new Map<number, number>();
  const taken = new Set<number>();
  for (const b of plan.batches) {
    const start = b.start / MINUTE;
    const end = b.end / MINUTE;
    const orders = b.orderIds.map((id) => g.orders.find((o) => o.id === id));
    if (orders.length === 0 || orders.some((o) => !o)) out.push(`batch ${start} has unknown orders`);
    const known = orders.filter((o): o is PlanOrder => o != null);
    for (const o of known) seen.set(o.id, (seen.get(o.id) ?? 0) + 1);
    if (new Set(known.map((o) => o.pharmacyId)).size > 1) out.push(`batch ${start} mixes pharmacies`);
    if (!Number.isInteger(start) || !Number.isInteger(end)) out.push(`batch ${start} is not on whole minutes`);
    if (end - start !== minutesOf(g, known) || b.durationMinutes !== end - start)
      out.push(`batch ${start} has the wrong duration`);
    if (start < g.now) out.push(`batch ${start} starts in the past`);
    for (const o of known) {
      if (end > o.deadline) out.push(`batch ${start} ends after order ${o.id}'s deadline`);
      if (start < (o.releaseAt ?? 0)) out.push(`batch ${start} starts before order ${o.id} is released`);
    }
    const w = grid[start];
    for (let m = start; m < end; m++) {
      if (w === undefined || w < 0 || grid[m] !== w) {
        out.push(`batch ${start} leaves its window or meets a closure or a booked batch at ${m}`);
        break;
      }
      if (taken.has(m)) {
        out.push(`batch ${start} overlaps another planned batch at ${m}`);
        break;
      }
      taken.add(m);
    }
  }
  for (const u of plan.unplaced) seen.set(u.orderId, (seen.get(u.orderId) ?? 0) + 1);
  for (const o of g.orders) if (seen.get(o.id) !== 1) out.push(`order ${o.id} is not exactly once in the answer`);
  return out;
}
