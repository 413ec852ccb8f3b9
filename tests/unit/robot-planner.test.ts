import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PlanOrder, planBatches } from '../../server/robot/planner.models';
import { DEFAULT_ROBOT_TIMES, type Interval, MINUTE } from '../../server/robot/robot.models';
import {
  bruteForceFeasible,
  bruteForceMaxPlaced,
  type GridInstance,
  planViolations,
  toPlanInput,
} from '../helpers/robot-brute-force';

const robot = DEFAULT_ROBOT_TIMES;
const at = (minutes: number) => minutes * MINUTE;
const order = (id: number, o: Partial<PlanOrder> & { deadline: number }): PlanOrder => ({
  id,
  pharmacyId: 1,
  pouches: 600,
  manualUnits: 0,
  ...o,
});

describe('auto-planner: plans a user would check by hand', () => {
  // One morning window 0–240 min: an order of 600 pouches takes 15 + 10 + 10 = 35 min.
  const morning = [{ start: at(0), end: at(240) }];

  it('When orders of one pharmacy fit together, Then they share one batch (one set-up, one cleaning)', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [],
      now: 0,
      orders: [order(1, { deadline: at(240) }), order(2, { deadline: at(240) })],
    });
    expect(plan.unplaced).toEqual([]);
    expect(plan.batches).toMatchObject([
      { start: 0, end: at(45), orderIds: [1, 2], pouches: 1200, durationMinutes: 45 },
    ]);
    expect(plan.batches[0]?.breakdown).toEqual({ setup: 15, pouches: 20, manual: 0, cleaning: 10 });
  });

  it('When orders belong to two pharmacies, Then each pharmacy gets its own batch, earliest deadline first', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [],
      now: 0,
      orders: [order(1, { deadline: at(240) }), order(2, { pharmacyId: 2, deadline: at(100) })],
    });
    expect(plan.batches.map((b) => [b.orderIds, b.start / MINUTE, b.end / MINUTE])).toEqual([
      [[2], 0, 35],
      [[1], 35, 70],
    ]);
  });

  it('When a batch that started early ends at 12:51:22, Then the next batch is planned at the next whole minute, as a booking must be', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [{ start: at(0) + 22_364, end: at(50) + 22_364 }],
      now: 0,
      orders: [order(1, { deadline: at(240) })],
    });
    expect(plan.batches.map((b) => [b.start / MINUTE, b.end / MINUTE])).toEqual([[51, 86]]);
  });

  it('When a batch is already booked, Then the plan goes around it', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [{ start: at(10), end: at(60) }],
      now: 0,
      orders: [order(1, { deadline: at(240) })],
    });
    expect(plan.batches.map((b) => b.start / MINUTE)).toEqual([60]);
  });

  it('When an order is released at its cut-off, Then its batch starts no earlier', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [],
      now: 0,
      orders: [order(1, { deadline: at(240), releaseAt: at(90) })],
    });
    expect(plan.batches[0]?.start).toBe(at(90));
  });

  it('When the week is too full, Then the order left out says how many minutes it needs and how many are free before its deadline', () => {
    // 3 000 pouches: 15 + 50 + 10 = 75 min; only the 100–160 stretch is free before 160.
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [{ start: 0, end: at(100) }],
      now: 0,
      orders: [order(7, { pouches: 3000, deadline: at(160) })],
    });
    expect(plan.batches).toEqual([]);
    expect(plan.unplaced).toEqual([
      {
        orderId: 7,
        reason: 'not_enough_time',
        neededMinutes: 75,
        freeMinutes: 60,
        deadline: at(160),
        earliestStart: 0,
      },
    ]);
  });

  it('When an order is longer than any window before its deadline, Then the reason says so', () => {
    const plan = planBatches({
      robot,
      windows: [{ start: 0, end: at(60) }],
      closures: [],
      busy: [],
      now: 0,
      orders: [order(3, { pouches: 6000, manualUnits: 150, deadline: at(600) })],
    });
    expect(plan.unplaced).toEqual([
      {
        orderId: 3,
        reason: 'longer_than_any_window',
        neededMinutes: 15 + 100 + 10 + 10,
        freeMinutes: 60,
        deadline: at(600),
        earliestStart: 0,
      },
    ]);
  });

  it('When the free time that would hold an order lies before its cut-off, Then the reason names the cut-off', () => {
    // 75 min needed; 0–100 is free but the order is final only at 120, and 120–160 is 40 min.
    const plan = planBatches({
      robot,
      windows: [{ start: 0, end: at(160) }],
      closures: [],
      busy: [{ start: at(100), end: at(120) }],
      now: 0,
      orders: [order(8, { pouches: 3000, deadline: at(160), releaseAt: at(120) })],
    });
    expect(plan.batches).toEqual([]);
    expect(plan.unplaced).toEqual([
      {
        orderId: 8,
        reason: 'cutoff_too_late',
        neededMinutes: 75,
        freeMinutes: 40,
        deadline: at(160),
        earliestStart: at(120),
      },
    ]);
  });

  it('When the cut-off is at or after the deadline, Then the cut-off is the reason, not a past deadline', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [],
      now: 0,
      orders: [order(9, { deadline: at(100), releaseAt: at(100) })],
    });
    expect(plan.unplaced).toMatchObject([{ orderId: 9, reason: 'cutoff_too_late', freeMinutes: 0 }]);
  });

  it('When the week is simply full, Then a cut-off ahead does not take the blame', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [{ start: 0, end: at(210) }],
      now: 0,
      orders: [order(10, { deadline: at(240), releaseAt: at(10) })],
    });
    expect(plan.unplaced).toMatchObject([{ orderId: 10, reason: 'not_enough_time', freeMinutes: 30 }]);
  });

  it('When the deadline is already past, Then the order is left out with no free time', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [],
      now: at(200),
      orders: [order(4, { deadline: at(150) })],
    });
    expect(plan.unplaced).toMatchObject([{ orderId: 4, reason: 'deadline_passed', freeMinutes: 0 }]);
  });

  it('When two orders compete for the last free hour, Then the earlier deadline wins and the other is explained', () => {
    const plan = planBatches({
      robot,
      windows: [{ start: 0, end: at(60) }],
      closures: [],
      busy: [],
      now: 0,
      orders: [order(1, { pharmacyId: 1, deadline: at(300) }), order(2, { pharmacyId: 2, deadline: at(60) })],
    });
    expect(plan.batches.map((b) => b.orderIds)).toEqual([[2]]);
    expect(plan.unplaced).toEqual([
      {
        orderId: 1,
        reason: 'not_enough_time',
        neededMinutes: 35,
        freeMinutes: 25,
        deadline: at(300),
        earliestStart: 0,
      },
    ]);
  });

  it('When earliest deadline first blocks a long order with a later-released short one, Then the exact search finds the plan', () => {
    // A (35 min) may start at 60 only; B (200 min) needs the morning from 0. EDF puts A at 60 and
    // B no longer fits (nor does A + B merged, 210 min from 60); B at 0 then A at 200 does.
    const orders = [
      order(1, { pouches: 600, deadline: at(240), releaseAt: at(60) }),
      order(2, { pouches: 10_500, deadline: at(241) }),
    ];
    expect(
      planBatches({ robot, windows: morning, closures: [], busy: [], now: 0, orders, exactLimit: 0 }).unplaced,
    ).toHaveLength(1);
    const plan = planBatches({ robot, windows: morning, closures: [], busy: [], now: 0, orders });
    expect(plan.method).toBe('exact');
    expect(plan.unplaced).toEqual([]);
    expect(plan.batches.map((b) => [b.orderIds, b.start / MINUTE, b.end / MINUTE])).toEqual([
      [[2], 0, 200],
      [[1], 200, 235],
    ]);
  });

  it('When nothing is to be produced, Then the order is left out with that reason', () => {
    const plan = planBatches({
      robot,
      windows: morning,
      closures: [],
      busy: [],
      now: 0,
      orders: [order(5, { pouches: 0, manualUnits: 0, deadline: at(200) })],
    });
    expect(plan.unplaced).toMatchObject([{ orderId: 5, reason: 'nothing_to_produce' }]);
  });
});

// Small weeks on a minute grid (see tests/helpers/robot-brute-force.ts): up to three windows
// (possibly touching), a closure, a booked batch, up to five orders of two pharmacies.
const interval = (max: number, maxLength: number) =>
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 1, max: maxLength })).map(([start, length]) => ({
    start,
    end: start + length,
  }));

const disjoint = (intervals: Interval[]) => {
  const out: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.start - b.start)) {
    if (out.every((o) => i.start >= o.end || i.end <= o.start)) out.push(i);
  }
  return out;
};

const gridInstance = (maxOrders: number): fc.Arbitrary<GridInstance> =>
  fc.record({
    robot: fc.record({
      ratePerMinute: fc.integer({ min: 1, max: 10 }),
      setupMinutes: fc.integer({ min: 0, max: 10 }),
      cleaningMinutes: fc.integer({ min: 0, max: 10 }),
      manualSecondsPerUnit: fc.integer({ min: 0, max: 30 }),
    }),
    windows: fc.array(interval(300, 120), { minLength: 1, maxLength: 3 }).map(disjoint),
    closures: fc.array(interval(300, 40), { maxLength: 1 }),
    busy: fc.array(interval(300, 40), { maxLength: 1 }),
    now: fc.integer({ min: 0, max: 40 }),
    orders: fc
      .array(
        fc.record({
          pharmacyId: fc.integer({ min: 1, max: 2 }),
          pouches: fc.integer({ min: 1, max: 60 }),
          manualUnits: fc.integer({ min: 0, max: 40 }),
          deadline: fc.integer({ min: 20, max: 440 }),
          releaseAt: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: maxOrders },
      )
      .map((os) => os.map((o, i) => ({ ...o, id: i + 1 }))),
  });

const placed = (plan: ReturnType<typeof planBatches>) => plan.batches.reduce((n, b) => n + b.orderIds.length, 0);

describe('auto-planner against a brute-force solver (fast-check)', () => {
  it('Whenever brute force places every order, Then the planner does too', () => {
    fc.assert(
      fc.property(gridInstance(5), (g) => {
        const plan = planBatches(toPlanInput(g));
        if (bruteForceFeasible(g)) expect(plan.unplaced).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('When not every order fits, Then the planner places as many as brute force can', () => {
    fc.assert(
      fc.property(gridInstance(4), (g) => {
        expect(placed(planBatches(toPlanInput(g)))).toBe(bruteForceMaxPlaced(g));
      }),
      { numRuns: 200 },
    );
  });

  it('Never returns a plan that breaks a rule, with or without the exact search', () => {
    fc.assert(
      fc.property(gridInstance(12), fc.boolean(), (g, exact) => {
        const plan = planBatches(toPlanInput(g, exact ? 12 : 0));
        expect(planViolations(g, plan)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('An order left out for lack of time really has no free stretch long enough before its deadline', () => {
    fc.assert(
      fc.property(gridInstance(12), fc.boolean(), (g, exact) => {
        const plan = planBatches(toPlanInput(g, exact ? 12 : 0));
        for (const u of plan.unplaced) {
          if (u.reason === 'not_enough_time' || u.reason === 'longer_than_any_window')
            expect(u.neededMinutes).toBeGreaterThan(u.freeMinutes);
        }
      }),
      { numRuns: 300 },
    );
  });
});
