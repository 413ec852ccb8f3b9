/**
 * The auto-planner (SPEC §6): places submitted, unplanned orders on one robot so that every
 * deadline holds, around the batches already booked. Pure: instants are epoch ms (UTC).
 *
 * 1. Heuristic, earliest deadline first: each order joins a batch of the same pharmacy when the
 *    merged batch still fits somewhere (one set-up and one cleaning saved), else opens a new batch
 *    at the earliest free place that fits (first fit, filling holes left earlier).
 * 2. EDF with first fit is not complete (a long early order can take the place that two short
 *    ones needed, a merge can push a batch past a hole). So when it leaves an order out and the
 *    week has at most `exactLimit` orders, an exact search decides: dynamic programming over the
 *    subsets of orders, keeping for each subset the earliest instant a sequence of batches covering
 *    exactly it can end. A schedule can always be left-shifted (each batch moved to the earliest
 *    place after its predecessor) without breaking a rule, so that search is complete: it finds a
 *    plan for every order whenever one exists, and otherwise the largest set of orders that fits.
 * 3. Each order left out gets its reason in numbers: the minutes it needs alone, the longest free
 *    stretch between its earliest start (now, or its cut-off) and its deadline once the plan is
 *    in, and whether the cut-off is what keeps it out.
 */
import {
  type Breakdown,
  batchDuration,
  ceilToMinute,
  clipFrom,
  type Interval,
  MINUTE,
  type RobotTimes,
  subtractIntervals,
} from './robot.models';

export type PlanOrder = {
  id: number;
  /** Orders of one pharmacy may share a batch; a batch never mixes pharmacies. */
  pharmacyId: number;
  pouches: number;
  manualUnits: number;
  /** Latest end of its batch (delivery minus control time), epoch ms. */
  deadline: number;
  /** Earliest start of its batch (e.g. the order's cut-off), epoch ms. */
  releaseAt?: number;
};

export type PlanInput = {
  robot: Pick<RobotTimes, 'ratePerMinute' | 'setupMinutes' | 'cleaningMinutes' | 'manualSecondsPerUnit'>;
  /** Working windows: a batch lies wholly inside one of them. Never merged (touching is not joining). */
  windows: readonly Interval[];
  /** Closures: no batch overlaps one. */
  closures: Interval[];
  /** Batches already booked (not cancelled): never overlapped. */
  busy: Interval[];
  /** Nothing starts before this instant (a whole minute). */
  now: number;
  orders: PlanOrder[];
  /** Up to this many orders, an exact search backs the heuristic (default 12). */
  exactLimit?: number;
};

export type PlannedBatch = {
  start: number;
  end: number;
  pharmacyId: number;
  orderIds: number[];
  pouches: number;
  manualUnits: number;
  durationMinutes: number;
  breakdown: Breakdown;
};

export const UNPLACED_REASONS = [
  'nothing_to_produce',
  'deadline_passed',
  'longer_than_any_window',
  'cutoff_too_late',
  'not_enough_time',
] as const;
export type UnplacedReason = (typeof UNPLACED_REASONS)[number];

export type Unplaced = {
  orderId: number;
  reason: UnplacedReason;
  /** Minutes the order needs as a batch of its own. */
  neededMinutes: number;
  /** Longest free stretch, in minutes, between its earliest start and its deadline after the plan. */
  freeMinutes: number;
  deadline: number;
  /** Its earliest start: now, or its cut-off when later (epoch ms). */
  earliestStart: number;
};

export type Plan = { batches: PlannedBatch[]; unplaced: Unplaced[]; method: 'heuristic' | 'exact' };

type Load = { pouches: number; manualUnits: number; deadline: number; release: number };
type Slot = Interval & { batch: Batch };
type Batch = { orders: PlanOrder[]; load: Load; minutes: number; slot: Slot | null; gap: number };

/** Places the orders (see the file comment). Deterministic: ties go to the lower order id. */
export function planBatches(input: PlanInput): Plan {
  const duration = (l: { pouches: number; manualUnits: number }) => batchDuration(input.robot, l).durationMinutes;
  const open = subtractIntervals(input.windows, input.closures);
  // Batches start on whole minutes (booking and moving refuse anything else): a gap opened by a
  // batch that started early (its end has seconds) starts at the next whole minute.
  const gaps = clipFrom(subtractIntervals(open, input.busy), input.now)
    .map((g) => ({ start: ceilToMinute(g.start), end: g.end }))
    .filter((g) => g.end > g.start);
  const nothing = input.orders.filter((o) => o.pouches + o.manualUnits <= 0);
  const todo = input.orders
    .filter((o) => o.pouches + o.manualUnits > 0)
    .sort((a, b) => a.deadline - b.deadline || (a.releaseAt ?? 0) - (b.releaseAt ?? 0) || a.id - b.id);

  const heuristic = edfHeuristic(gaps, todo, input.now, duration);
  let chosen: PlannedBatch[] = heuristic;
  let method: Plan['method'] = 'heuristic';
  const placedCount = (bs: PlannedBatch[]) => bs.reduce((n, b) => n + b.orderIds.length, 0);
  if (placedCount(heuristic) < todo.length && todo.length <= (input.exactLimit ?? 12)) {
    const exact = exactSearch(gaps, todo, input.now, duration);
    if (placedCount(exact) > placedCount(heuristic)) {
      chosen = exact;
      method = 'exact';
    }
  }
  const batches = chosen.map((b) => withBreakdown(input.robot, b)).sort((a, b) => a.start - b.start);
  const placed = new Set(batches.flatMap((b) => b.orderIds));
  const after = subtractIntervals(gaps, batches);
  const longestWindow = Math.floor(Math.max(0, ...input.windows.map((w) => w.end - w.start)) / MINUTE);
  const unplaced: Unplaced[] = [
    ...nothing.map((o) => ({
      orderId: o.id,
      reason: 'nothing_to_produce' as const,
      neededMinutes: 0,
      freeMinutes: 0,
      deadline: o.deadline,
      earliestStart: Math.max(input.now, o.releaseAt ?? input.now),
    })),
    ...todo.filter((o) => !placed.has(o.id)).map((o) => explain(o, duration(o), input.now, after, longestWindow)),
  ];
  return { batches, unplaced, method };
}

function withBreakdown(robot: PlanInput['robot'], b: PlannedBatch): PlannedBatch {
  const { durationMinutes, breakdown } = batchDuration(robot, b);
  return { ...b, durationMinutes, breakdown };
}

/** Longest part of `intervals` inside `[from, to)`, in whole minutes. */
function longestWithin(intervals: Interval[], from: number, to: number): number {
  let best = 0;
  for (const i of intervals) {
    const length = Math.min(i.end, to) - Math.max(i.start, from);
    if (length > best) best = length;
  }
  return Math.floor(best / MINUTE);
}

/**
 * Why an order is left out, checked in this order: its deadline is past; it is longer than any
 * window; its cut-off is what stops it (at or after its deadline, or the free time that would
 * hold it lies before the cut-off); else there is not enough free time before its deadline.
 */
function explain(o: PlanOrder, neededMinutes: number, now: number, free: Interval[], longestWindow: number): Unplaced {
  const from = Math.max(now, o.releaseAt ?? now);
  const base = { orderId: o.id, neededMinutes, deadline: o.deadline, earliestStart: from };
  if (o.deadline <= now) return { ...base, reason: 'deadline_passed', freeMinutes: 0 };
  if (o.deadline <= from) return { ...base, reason: 'cutoff_too_late', freeMinutes: 0 };
  const freeMinutes = longestWithin(free, from, o.deadline);
  if (neededMinutes > longestWindow) return { ...base, reason: 'longer_than_any_window', freeMinutes };
  const beforeCutoff = from > now && longestWithin(free, now, o.deadline) >= neededMinutes;
  return { ...base, reason: beforeCutoff ? 'cutoff_too_late' : 'not_enough_time', freeMinutes };
}

const loadOf = (orders: PlanOrder[]): Load => ({
  pouches: orders.reduce((n, o) => n + o.pouches, 0),
  manualUnits: orders.reduce((n, o) => n + o.manualUnits, 0),
  deadline: Math.min(...orders.map((o) => o.deadline)),
  release: Math.max(...orders.map((o) => o.releaseAt ?? 0)),
});

/** First gap whose end is after `t` (gaps sorted, disjoint). */
function firstGapAfter(gaps: Interval[], t: number): number {
  let lo = 0;
  let hi = gaps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((gaps[mid] as Interval).end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function edfHeuristic(
  gaps: Interval[],
  orders: PlanOrder[],
  now: number,
  duration: (l: { pouches: number; manualUnits: number }) => number,
): PlannedBatch[] {
  // Batches placed so far, per gap, in time order: the free time of a gap is what they leave.
  const inGap: Slot[][] = gaps.map(() => []);
  const byPharmacy = new Map<number, Batch[]>();

  const firstFit = (minutes: number, load: Load): { gap: number; start: number } | null => {
    const length = minutes * MINUTE;
    const from = Math.max(now, load.release);
    for (let gi = firstGapAfter(gaps, from); gi < gaps.length; gi++) {
      const g = gaps[gi] as Interval;
      let cursor = Math.max(g.start, from);
      if (cursor + length > load.deadline) return null;
      for (const s of inGap[gi] as Slot[]) {
        if (s.end <= cursor) continue;
        if (s.start >= cursor + length) break;
        cursor = s.end;
      }
      if (cursor + length <= g.end && cursor + length <= load.deadline) return { gap: gi, start: cursor };
    }
    return null;
  };
  const put = (batch: Batch, at: { gap: number; start: number }) => {
    const slot: Slot = { start: at.start, end: at.start + batch.minutes * MINUTE, batch };
    const list = inGap[at.gap] as Slot[];
    let i = list.length;
    while (i > 0 && (list[i - 1] as Slot).start > slot.start) i--;
    list.splice(i, 0, slot);
    batch.slot = slot;
    batch.gap = at.gap;
  };
  const lift = (batch: Batch) => {
    const list = inGap[batch.gap] as Slot[];
    list.splice(list.indexOf(batch.slot as Slot), 1);
    batch.slot = null;
  };

  const place = (o: PlanOrder): boolean => {
    const mine = byPharmacy.get(o.pharmacyId) ?? [];
    for (let i = mine.length - 1; i >= 0; i--) {
      const b = mine[i] as Batch;
      const merged = [...b.orders, o];
      const load = loadOf(merged);
      const minutes = duration(load);
      const back = { gap: b.gap, start: (b.slot as Slot).start };
      lift(b);
      const at = firstFit(minutes, load);
      if (at) {
        Object.assign(b, { orders: merged, load, minutes });
        put(b, at);
        return true;
      }
      put(b, back);
    }
    const load = loadOf([o]);
    const minutes = duration(load);
    const at = firstFit(minutes, load);
    if (!at) return false;
    const batch: Batch = { orders: [o], load, minutes, slot: null, gap: -1 };
    put(batch, at);
    byPharmacy.set(o.pharmacyId, [...mine, batch]);
    return true;
  };

  const pending = orders.filter((o) => !place(o));
  // Merges may have moved batches and freed holes: one more pass for what was left out.
  for (const o of pending) place(o);

  return inGap.flat().map((s) => ({
    start: s.start,
    end: s.end,
    pharmacyId: (s.batch.orders[0] as PlanOrder).pharmacyId,
    orderIds: s.batch.orders.map((o) => o.id).sort((a, b) => a - b),
    pouches: s.batch.load.pouches,
    manualUnits: s.batch.load.manualUnits,
    durationMinutes: s.batch.minutes,
    breakdown: { setup: 0, pouches: 0, manual: 0, cleaning: 0 },
  }));
}

/**
 * Exact search (see the file comment): `end[S]` is the earliest instant a sequence of batches
 * covering exactly the orders of subset S can end, each batch placed as early as possible after
 * the previous one, within its orders' release and deadline. 3^n transitions at most.
 */
function exactSearch(
  gaps: Interval[],
  orders: PlanOrder[],
  now: number,
  duration: (l: { pouches: number; manualUnits: number }) => number,
): PlannedBatch[] {
  const n = orders.length;
  const size = 1 << n;
  const pouches = new Float64Array(size);
  const manual = new Float64Array(size);
  const deadline = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const release = new Float64Array(size).fill(now);
  for (let m = 1; m < size; m++) {
    const bit = 31 - Math.clz32(m & -m);
    const rest = m & (m - 1);
    const o = orders[bit] as PlanOrder;
    pouches[m] = (pouches[rest] as number) + o.pouches;
    manual[m] = (manual[rest] as number) + o.manualUnits;
    deadline[m] = Math.min(deadline[rest] as number, o.deadline);
    release[m] = Math.max(release[rest] as number, o.releaseAt ?? now);
  }
  const byPharmacy = new Map<number, number>();
  orders.forEach((o, i) => {
    byPharmacy.set(o.pharmacyId, (byPharmacy.get(o.pharmacyId) ?? 0) | (1 << i));
  });
  const groups = [...byPharmacy.values()];
  const end = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(size).fill(-1);
  const startOf = new Float64Array(size);
  end[0] = now;

  for (let s = 0; s < size; s++) {
    const t = end[s] as number;
    if (t === Number.POSITIVE_INFINITY) continue;
    const rest = ~s & (size - 1);
    for (const group of groups) {
      const pool = rest & group;
      for (let b = pool; b > 0; b = (b - 1) & pool) {
        const length = duration({ pouches: pouches[b] as number, manualUnits: manual[b] as number }) * MINUTE;
        const earliest = Math.max(t, release[b] as number);
        const limit = deadline[b] as number;
        let start = -1;
        for (let gi = firstGapAfter(gaps, earliest); gi < gaps.length; gi++) {
          const g = gaps[gi] as Interval;
          const at = Math.max(g.start, earliest);
          if (at + length > limit) break;
          if (at + length <= g.end) {
            start = at;
            break;
          }
        }
        if (start < 0) continue;
        const next = s | b;
        if (start + length < (end[next] as number)) {
          end[next] = start + length;
          from[next] = s;
          startOf[next] = start;
        }
      }
    }
  }

  let best = 0;
  const count = (m: number) => {
    let c = 0;
    for (let x = m; x; x &= x - 1) c++;
    return c;
  };
  for (let m = 1; m < size; m++) {
    if (end[m] === Number.POSITIVE_INFINITY) continue;
    if (count(m) > count(best) || (count(m) === count(best) && (end[m] as number) < (end[best] as number))) best = m;
  }
  const out: PlannedBatch[] = [];
  for (let m = best; m > 0; m = from[m] as number) {
    const prev = from[m] as number;
    const b = m & ~prev;
    const members = orders.filter((_, i) => b & (1 << i));
    out.push({
      start: startOf[m] as number,
      end: end[m] as number,
      pharmacyId: (members[0] as PlanOrder).pharmacyId,
      orderIds: members.map((o) => o.id).sort((x, y) => x - y),
      pouches: pouches[b] as number,
      manualUnits: manual[b] as number,
      durationMinutes: ((end[m] as number) - (startOf[m] as number)) / MINUTE,
      breakdown: { setup: 0, pouches: 0, manual: 0, cleaning: 0 },
    });
  }
  return out;
}
