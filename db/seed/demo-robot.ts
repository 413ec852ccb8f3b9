import { type Actor, systemActor } from '../../server/http/context';
import { recomputeOrder } from '../../server/orders/recompute.usecases';
import {
  insertBatch,
  listOpenOrderIds,
  listPendingOrders,
  setOrdersStatus,
} from '../../server/robot/batches.repository';
import { seedPublicHolidays } from '../../server/robot/closures.usecases';
import { planBatches } from '../../server/robot/planner.models';
import { ceilToMinute, DEFAULT_ROBOT_TIMES, DEFAULT_WINDOWS, orderDeadline } from '../../server/robot/robot.models';
import { insertCassette, insertClosure, insertRobot, replaceWindows } from '../../server/robot/robot.repository';
import { loadTimeline } from '../../server/robot/timeline';
import { addCalendarDays, isoWeek, isoWeekMonday, parisDate, parisWallClock } from '../../server/shared/dates';
import type { Db } from '../client';
import { statement } from '../statements';

/** How many cassettes the demo robot holds: the most prescribed pouch-eligible products. */
export const DEMO_CASSETTES = 120;
/** The least prescribed eligible products stay in the manual tray, so the demo shows one. */
const MANUAL_TRAY_PRODUCTS = 6;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The demo's robot, on the orders' timeline (whatever the weekday the demo starts): the Bugeat
 * robot with the SPEC §6 defaults, Mon–Fri windows, this year's and next year's public holidays
 * and a maintenance morning next week; cassettes for the most prescribed pouch-eligible products;
 * open orders recomputed with that robot / manual-tray split; every submitted order whose cut-off
 * has passed (the past order week, and a week between cut-off and delivery if any) booked in
 * batches by the planner (`bookClosedWeeks`: a week between cut-off and delivery from the demo's
 * start, so its batches wait for the technician). The first order week whose cut-off is ahead stays unplanned (Felletin
 * and Meymac submitted it, Bugeat's is a draft): the pharmacists plan it in the demo.
 */
export function seedDemoRobot(db: Db, now: Date): void {
  const system: Actor = systemActor('demo');
  const ctx = { db, clock: { now: () => now }, actor: system } as const;
  db.transaction(() => {
    const bugeat = statement(db, `SELECT id FROM pharmacies WHERE slug = 'bugeat'`).get() as { id: number } | undefined;
    if (!bugeat) return;
    const at = now.toISOString();
    const robotId = insertRobot(db, {
      name: 'Robot PDA de Bugeat',
      hostPharmacyId: bugeat.id,
      ...DEFAULT_ROBOT_TIMES,
      cassetteSlots: 250,
      createdAt: at,
      updatedAt: at,
    });
    replaceWindows(db, robotId, DEFAULT_WINDOWS);
    const year = Number(parisDate(now).slice(0, 4));
    for (const y of [year - 1, year, year + 1]) seedPublicHolidays(ctx, robotId, y);
    const nextTuesday = addCalendarDays(isoWeekMonday(isoWeek(now)), 8);
    insertClosure(db, {
      robotId,
      startAt: parisWallClock(nextTuesday, '08:30').toISOString(),
      endAt: parisWallClock(nextTuesday, '10:00').toISOString(),
      kind: 'maintenance',
      reason: 'Étalonnage des cassettes (technicien du fabricant)',
      createdAt: at,
    });

    for (const [i, cip13] of mostPrescribed(db).entries()) {
      insertCassette(db, { robotId, slot: i + 1, cip13, installedAt: at });
    }
    const open = listOpenOrderIds(db, '0000');
    for (const orderId of open) recomputeOrder({ ctx: ctx as never, orderId });
    // In the demo's story the cassettes were in the robot before these orders were made: the
    // seed's recomputation is no event of theirs (it showed « Recalculée (cassettes du robot) »
    // dated when the demo started, among back-dated entries).
    const forget = db.$client.prepare("DELETE FROM order_events WHERE order_id = ? AND kind = 'recomputed'");
    for (const orderId of open) forget.run(orderId);

    bookClosedWeeks(db, robotId, now, system);
  });
}

/**
 * The demo catalogue's most used pouch-eligible products: those the residents are prescribed
 * (most prescribed first, the least prescribed few left to the manual tray), then those the
 * pharmacies dispense most, up to DEMO_CASSETTES.
 */
function mostPrescribed(db: Db): string[] {
  const prescribed = (
    statement(
      db,
      `SELECT l.cip13 AS cip13, count(*) AS n FROM prescription_lines l
       JOIN catalogue_presentations p ON p.cip13 = l.cip13
       WHERE p.pda_excluded = 0 AND l.as_needed = 0
       GROUP BY l.cip13 ORDER BY n DESC, l.cip13`,
    ).all() as { cip13: string }[]
  ).map((r) => r.cip13);
  const tray = new Set(prescribed.slice(Math.max(0, prescribed.length - MANUAL_TRAY_PRODUCTS)));
  const dispensed = (
    statement(
      db,
      `SELECT p.cip13 AS cip13 FROM catalogue_presentations p
       LEFT JOIN stock_lots l ON l.cip13 = p.cip13
       LEFT JOIN stock_movements m ON m.lot_id = l.id AND m.kind = 'dispense'
       WHERE p.pda_excluded = 0 AND p.marketed = 1
       GROUP BY p.cip13 ORDER BY coalesce(-sum(m.quantity), 0) DESC, p.cip13`,
    ).all() as { cip13: string }[]
  ).map((r) => r.cip13);
  const chosen = new Set(prescribed.filter((c) => !tray.has(c)));
  for (const cip13 of dispensed) {
    if (chosen.size >= DEMO_CASSETTES) break;
    if (!tray.has(cip13)) chosen.add(cip13);
  }
  return [...chosen].slice(0, DEMO_CASSETTES);
}

/**
 * Books, with the planner, the submitted orders whose cut-off has passed:
 * - the weeks already delivered, from their cut-off (their batches lie in the demo's past and the
 *   production seed runs them);
 * - a week between cut-off and delivery, from the demo's start for the orders whose delivery the
 *   planner can still meet from then (from their cut-off otherwise): those batches wait for the
 *   technician, so whoever opens the demo from Wednesday noon to Friday morning has batches to
 *   start, complete and verify, not only finished ones (the production seed starts a batch whose
 *   slot has begun).
 */
function bookClosedWeeks(db: Db, robotId: number, now: Date, actor: Actor) {
  const robot = { id: robotId, ...DEFAULT_ROBOT_TIMES };
  const orders = listPendingOrders(db, { pharmacyId: null, deliveredAfter: '0000' }).filter(
    (o) => o.cutoffAt <= now.toISOString(),
  );
  const delivered = orders.filter((o) => o.deliveryAt <= now.toISOString());
  const closed = orders.filter((o) => o.deliveryAt > now.toISOString());
  book(db, robotId, now, actor, plan(db, robot, delivered, null));
  const ahead = plan(db, robot, closed, ceilToMinute(now.getTime() + 5 * 60_000));
  book(db, robotId, now, actor, ahead);
  const left = closed.filter((o) => !ahead?.batches.some((b) => b.orderIds.includes(o.id)));
  book(db, robotId, now, actor, plan(db, robot, left, null));
}

type PendingOrder = ReturnType<typeof listPendingOrders>[number];
type Planned = { orders: PendingOrder[]; batches: ReturnType<typeof planBatches>['batches'] };

/** The planner's batches for `orders`, placed from `from` (epoch ms) or, when null, from their earliest cut-off. */
function plan(
  db: Db,
  robot: { id: number } & typeof DEFAULT_ROBOT_TIMES,
  orders: PendingOrder[],
  from: number | null,
): Planned | null {
  if (orders.length === 0) return null;
  const start = from ?? Math.min(...orders.map((o) => ceilToMinute(Date.parse(o.cutoffAt))));
  const deadlines = orders.map((o) => orderDeadline(Date.parse(o.deliveryAt), robot.controlMinutes));
  const timeline = loadTimeline(db, robot, start, Math.max(start, ...deadlines));
  const { batches } = planBatches({
    robot,
    windows: timeline.windows,
    closures: timeline.closures,
    busy: timeline.batches,
    now: start,
    orders: orders.map((o, i) => ({
      id: o.id,
      pharmacyId: o.pharmacyId,
      pouches: o.pouches,
      manualUnits: o.manualUnits,
      deadline: deadlines[i] as number,
      releaseAt: ceilToMinute(Date.parse(o.cutoffAt)),
    })),
  });
  return { orders, batches };
}

/**
 * Books the planned batches, each as if made when its slot began or, for a slot ahead, by the
 * pharmacist soon after its orders' cut-off (never after the demo's start).
 */
function book(db: Db, robotId: number, now: Date, actor: Actor, planned: Planned | null) {
  for (const b of planned?.batches ?? []) {
    const booked = (planned as Planned).orders.filter((o) => b.orderIds.includes(o.id));
    const cutoff = Math.max(...booked.map((o) => Date.parse(o.cutoffAt)));
    const createdAt = iso(b.start <= now.getTime() ? b.start : Math.min(now.getTime(), cutoff + 20 * 60_000));
    const id = insertBatch(db, {
      robotId,
      pharmacyId: b.pharmacyId,
      start: iso(b.start),
      end: iso(b.end),
      pouches: b.pouches,
      manualUnits: b.manualUnits,
      durationMinutes: b.durationMinutes,
      breakdown: b.breakdown,
      now: createdAt,
      userId: null,
      orders: booked.map((o) => ({ orderId: o.id, pouches: o.pouches, manualUnits: o.manualUnits })),
    });
    setOrdersStatus(db, b.orderIds, 'submitted', 'planned', {
      at: createdAt,
      userId: null,
      label: actor.kind === 'system' ? `system:${actor.name}` : 'demo',
      batchId: id,
    });
  }
}
