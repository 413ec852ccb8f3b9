import type { Db } from '../../db/client';
import type { Ctx } from '../http/context';
import { actorLabel } from '../http/context';
import { refitOrderInBatch } from '../robot/batches.usecases';
import { addCalendarDays, isoWeekMonday } from '../shared/dates';
import { rerouteStoredOrder } from './late-change.models';
import { actorUserId } from './orders.access';
import { ordersErrors } from './orders.errors';
import { computeOrderWeek, type OrderStatus, type OrderTotals, type OrderWeek } from './orders.models';
import {
  findOrderRow,
  insertEventRow,
  listAbsenceRows,
  type OrderRow,
  storedOrderContents,
  writeOrderContents,
} from './orders.repository';
import {
  linesForWeek,
  loadCareHomeSettings,
  pdaExclusions,
  residentsForWeek,
  scheduleOf,
} from './residents.repository';
import { cassetteLookup } from './unit-routes';

/**
 * An order's week computed from what the database holds now: the care home's residents and
 * their status, prescription lines in force that week, the order's absences, the catalogue's
 * PDA flags and the robot's cassettes (`computeOrderWeek`).
 */
export function computeOrderContents(db: Db, order: { id?: number; careHomeId: number; week: string }): OrderWeek {
  const monday = isoWeekMonday(order.week);
  const sunday = addCalendarDays(monday, 6);
  const settings = loadCareHomeSettings(db, order.careHomeId);
  const lines = linesForWeek(db, order.careHomeId, monday, sunday);
  const excluded = pdaExclusions(
    db,
    lines.map((l) => l.cip13),
  );
  return computeOrderWeek({
    week: order.week,
    administrationTimes: settings.administrationTimes.map((t) => t.name),
    residents: residentsForWeek(db, order.careHomeId, monday),
    lines: lines.map((l) => ({ ...l, schedule: scheduleOf(l) })),
    absences: order.id === undefined ? [] : listAbsenceRows(db, order.id),
    isPdaExcluded: (cip13) => excluded.get(cip13) ?? false,
    hasCassette: cassetteLookup(db, order.careHomeId),
  });
}

export const totalsOf = (row: OrderTotals): OrderTotals => ({
  pouches: row.pouches,
  robotUnits: row.robotUnits,
  manualUnits: row.manualUnits,
  horsPdaUnits: row.horsPdaUnits,
});

/**
 * Recomputes one order and records why in its events, with the totals before and after. A
 * planned order's batch takes its new load, or the order leaves a batch it no longer fits
 * (`refitOrderInBatch`). `beforeCompute` may change the order row first (new deadlines). Call
 * inside a transaction.
 */
export function recomputeOrderRow(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  orderId: number,
  event: { kind: string; details?: Record<string, unknown> },
  beforeCompute?: (order: OrderRow) => void,
): { before: OrderTotals; after: OrderTotals } {
  const order = findOrderRow(ctx.db, orderId);
  if (!order) throw ordersErrors.orderNotFound();
  beforeCompute?.(order);
  const week = computeOrderContents(ctx.db, order);
  const at = ctx.clock.now().toISOString();
  writeOrderContents(ctx.db, orderId, week, at);
  const before = totalsOf(order);
  recordOrderEvent(ctx, orderId, event.kind, { ...event.details, before, after: week.totals });
  if (order.status === 'planned') refitOrderInBatch(ctx, orderId);
  return { before, after: week.totals };
}

export function recordOrderEvent(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  orderId: number,
  kind: string,
  details: Record<string, unknown> = {},
): void {
  insertEventRow(ctx.db, {
    orderId,
    at: ctx.clock.now().toISOString(),
    actorUserId: actorUserId(ctx as Ctx),
    actorLabel: actorLabel(ctx.actor),
    kind,
    details,
  });
}

/** Statuses whose contents the robot domain may still have recomputed (cassettes changed). */
const RECOMPUTABLE: readonly OrderStatus[] = ['draft', 'submitted', 'planned'];

/**
 * For the robot domain, when cassettes change: recomputes an order's units and robot / manual
 * split (and pouches) from the current data and records a `recomputed` event. Once its cut-off
 * has passed, only the robot / manual split moves (`rerouteStoredOrder`): the order keeps the
 * pouches and units it closed with. Only before production (draft, submitted, planned; 409
 * `orders.invalid_status` otherwise). The caller checks who may ask; runs in its own transaction
 * (or the caller's).
 */
export function recomputeOrder({ ctx, orderId }: { ctx: Ctx; orderId: number }): { totals: OrderTotals } {
  return ctx.db.transaction(() => {
    const order = findOrderRow(ctx.db, orderId);
    if (!order) throw ordersErrors.orderNotFound();
    if (!RECOMPUTABLE.includes(order.status)) throw ordersErrors.invalidStatus(order.status, 'recomputed');
    if (ctx.clock.now().toISOString() < order.cutoffAt) {
      return { totals: recomputeOrderRow(ctx, orderId, { kind: 'recomputed' }).after };
    }
    const week = rerouteStoredOrder(
      { week: order.week, ...storedOrderContents(ctx.db, orderId) },
      cassetteLookup(ctx.db, order.careHomeId),
    );
    writeOrderContents(ctx.db, orderId, week, ctx.clock.now().toISOString());
    recordOrderEvent(ctx, orderId, 'recomputed', { routesOnly: true, before: totalsOf(order), after: week.totals });
    return { totals: week.totals };
  });
}
