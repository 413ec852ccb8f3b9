import type { z } from 'zod';
import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import { actorLabel, type Ctx } from '../http/context';
import { authorize, can } from '../http/policy';
import { weekAlertParams } from '../orders/orders.models';
import { findOrderRow } from '../orders/orders.repository';
import { isoWeek, parisDate, parisIsoWeekRange, parisTime } from '../shared/dates';
import { AppError } from '../shared/errors';
import { batchViews, mayChange } from './batch-views';
import {
  type BatchRow,
  batchesLeftBy,
  cancelBatchRow,
  findActiveBatchOfOrder,
  findBatch,
  findOrders,
  insertBatch,
  listBatchesStarting,
  moveBatch,
  type PlannableOrder,
  setBatchLoad,
  setLinkLoad,
  setOrdersStatus,
  unlinkOrder,
} from './batches.repository';
import type { BatchesQuery, BookInput } from './batches.schemas';
import { noticeHostedBatchChange } from './hosted-batch.usecases';
import { robotErrors } from './robot.errors';
import {
  type BatchStatus,
  batchDuration,
  checkPlacement,
  MINUTE,
  MOVABLE_STATUSES,
  nextStarts,
  orderDeadline,
} from './robot.models';
import { findRobot, type RobotRow } from './robot.repository';
import { resolveSlotMissedAlerts } from './slot-missed.usecases';
import { loadTimeline } from './timeline';

const iso = (ms: number) => new Date(ms).toISOString();
const userIdOf = (ctx: Pick<Ctx, 'actor'>) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** The robot, or 404 `robot.not_found`. */
export function robotOr404(ctx: Ctx, id: number): RobotRow {
  const robot = findRobot(ctx.db, id);
  if (!robot) throw robotErrors.notFound();
  return robot;
}

export const deadlineOf = (robot: RobotRow, order: Pick<PlannableOrder, 'deliveryAt'>) =>
  orderDeadline(Date.parse(order.deliveryAt), robot.controlMinutes);

/**
 * The orders to put in one batch, checked in this order: each exists and belongs to a care home
 * of a pharmacy the actor books for (else 404 `robot.order_not_found`), is in no active batch
 * (409 `robot.order_already_planned`), is submitted (409 `robot.order_not_submitted`); all of one
 * pharmacy (422 `robot.mixed_pharmacies`) with something to produce (422 `robot.nothing_to_produce`).
 */
export function bookableOrders(ctx: Ctx, ids: number[]): PlannableOrder[] {
  const orders = findOrders(ctx.db, ids);
  for (const id of ids) {
    const order = orders.find((o) => o.id === id);
    if (!order || !can(ctx.actor, 'robot_batches.book', { pharmacyId: order.pharmacyId }))
      throw robotErrors.orderNotFound(id);
  }
  for (const o of orders) {
    if (o.batchId != null || o.status === 'planned') throw robotErrors.orderAlreadyPlanned(o.id, o.batchId);
    if (o.status !== 'submitted') throw robotErrors.orderNotSubmitted(o.id, o.status);
  }
  if (new Set(orders.map((o) => o.pharmacyId)).size > 1) throw robotErrors.mixedPharmacies();
  if (orders.every((o) => o.pouches + o.manualUnits === 0)) throw robotErrors.nothingToProduce();
  return orders;
}

/** Each order's deadline on this robot and its cut-off, as the placement rules take them. */
export function orderLimits(robot: RobotRow, orders: Pick<PlannableOrder, 'id' | 'deliveryAt' | 'cutoffAt'>[]) {
  return {
    deadlines: orders.map((o) => ({ orderId: o.id, deadline: deadlineOf(robot, o) })),
    cutoffs: orders.map((o) => ({ orderId: o.id, cutoffAt: Date.parse(o.cutoffAt) })),
  };
}

/**
 * Checks that `[start, start + minutes)` may be booked on the robot for orders with these
 * deadlines and cut-offs (SPEC §5, §6), reading the timeline inside the caller's transaction:
 * 422 `robot.start_in_past` | `robot.before_cutoff` | `robot.outside_window` | `robot.closed` |
 * `robot.after_deadline`, or 409 `robot.slot_taken` with the batch in the way and the next three
 * starts that fit.
 */
export function requireFreeSlot(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  robot: RobotRow,
  start: number,
  minutes: number,
  limits: ReturnType<typeof orderLimits>,
  excludeBatchId = 0,
) {
  const { deadlines, cutoffs } = limits;
  const slot = { start, end: start + minutes * MINUTE };
  const timeline = loadTimeline(ctx.db, robot, slot.start, slot.end, excludeBatchId);
  const now = ctx.clock.now().getTime();
  const placement = checkPlacement({
    slot,
    now,
    windows: timeline.windows,
    closures: timeline.closures,
    batches: timeline.batches,
    deadlines,
    cutoffs,
  });
  if (placement.ok) return slot;
  switch (placement.code) {
    case 'in_past':
      throw robotErrors.startInPast(iso(now));
    case 'before_cutoff':
      throw robotErrors.beforeCutoff({
        orderId: placement.orderId,
        cutoffAt: iso(placement.cutoffAt),
        start: iso(slot.start),
      });
    case 'outside_window':
      throw robotErrors.outsideWindow(iso(slot.start), iso(slot.end));
    case 'closure':
      throw robotErrors.closed(placement.closure.row);
    case 'after_deadline':
      throw robotErrors.afterDeadline({
        orderId: placement.orderId,
        deadline: iso(placement.deadline),
        end: iso(slot.end),
      });
    case 'slot_taken': {
      const deadline = Math.min(...deadlines.map((d) => d.deadline));
      const ahead = loadTimeline(
        ctx.db,
        robot,
        slot.start,
        Math.min(deadline, slot.start + 28 * 86_400_000),
        excludeBatchId,
      );
      const starts = nextStarts(ahead.free, minutes, Math.max(slot.start, now), deadline);
      const { id, start: bStart, end: bEnd } = placement.batch.row;
      throw robotErrors.slotTaken({ id, start: bStart, end: bEnd }, starts.map(iso));
    }
  }
}

/** The load of some orders as one batch: pouches, manual-tray units, duration and breakdown. */
export function loadOf(robot: RobotRow, orders: Pick<PlannableOrder, 'pouches' | 'manualUnits'>[]) {
  const pouches = orders.reduce((n, o) => n + o.pouches, 0);
  const manualUnits = orders.reduce((n, o) => n + o.manualUnits, 0);
  return { pouches, manualUnits, ...batchDuration(robot, { pouches, manualUnits }) };
}

/**
 * Writes a batch and moves its orders to `planned` (inside the caller's transaction); the robot's
 * host pharmacy, when it is another one, is told of the booking (`noticeHostedBatchChange`).
 */
export function writeBatch(ctx: Ctx, robot: RobotRow, orders: PlannableOrder[], slot: { start: number; end: number }) {
  const load = loadOf(robot, orders);
  const now = ctx.clock.now().toISOString();
  const id = insertBatch(ctx.db, {
    robotId: robot.id,
    pharmacyId: (orders[0] as PlannableOrder).pharmacyId,
    start: iso(slot.start),
    end: iso(slot.end),
    pouches: load.pouches,
    manualUnits: load.manualUnits,
    durationMinutes: load.durationMinutes,
    breakdown: load.breakdown,
    now,
    userId: userIdOf(ctx),
    orders: orders.map((o) => ({ orderId: o.id, pouches: o.pouches, manualUnits: o.manualUnits })),
  });
  setOrdersStatus(
    ctx.db,
    orders.map((o) => o.id),
    'submitted',
    'planned',
    { at: now, userId: userIdOf(ctx), label: actorLabel(ctx.actor), batchId: id },
  );
  for (const o of orders) resolveOrderLeftBatchAlerts(ctx, o.id);
  recordAudit(ctx, {
    action: 'robot_batches.book',
    entity: 'robot_batch',
    entityId: id,
    details: { robotId: robot.id, start: iso(slot.start), orderIds: orders.map((o) => o.id) },
  });
  noticeHostedBatchChange(ctx, { robot, before: null, batchId: id, change: 'booked' });
  return id;
}

function viewOf(ctx: Ctx, robot: RobotRow, id: number) {
  return batchViews(ctx.db, [findBatch(ctx.db, id)!], robot.controlMinutes, ctx.clock.now().getTime())[0]!;
}

/** `POST /api/robot-batches`: books a batch of the given orders at `start` (see the checks above). */
export function bookBatch({ ctx, input }: { ctx: Ctx; input: BookInput }) {
  authorize(ctx.actor, 'robot_batches.book');
  return ctx.db.transaction(
    () => {
      const robot = robotOr404(ctx, input.robotId);
      if (!robot.active) throw robotErrors.inactive();
      const orders = bookableOrders(ctx, input.orderIds);
      const load = loadOf(robot, orders);
      const slot = requireFreeSlot(ctx, robot, input.start.getTime(), load.durationMinutes, orderLimits(robot, orders));
      return viewOf(ctx, robot, writeBatch(ctx, robot, orders, slot));
    },
    { behavior: 'immediate' },
  );
}

/**
 * A batch the actor may change (else 404 `robot.batch_not_found`), not cancelled (409
 * `robot.batch_cancelled`) and whose production has not started (409 `robot.batch_not_movable`).
 */
function movableBatch(ctx: Ctx, id: number) {
  const batch = findBatch(ctx.db, id);
  if (!batch || !mayChange(ctx.actor, batch)) throw robotErrors.batchNotFound();
  if (batch.status === 'cancelled') throw robotErrors.batchCancelled();
  if (!MOVABLE_STATUSES.includes(batch.status as BatchStatus)) throw robotErrors.batchNotMovable(batch.status);
  return batch;
}

/**
 * `POST /api/robot-batches/:id/reschedule`: the same batch at another start, same checks as
 * booking; the robot's host pharmacy, when it is another one, is told where it moved from and to.
 */
export function rescheduleBatch({ ctx, id, start }: { ctx: Ctx; id: number; start: Date }) {
  authorize(ctx.actor, 'robot_batches.book');
  return ctx.db.transaction(
    () => {
      const batch = movableBatch(ctx, id);
      const robot = robotOr404(ctx, batch.robotId);
      const [view] = batchViews(ctx.db, [batch], robot.controlMinutes, ctx.clock.now().getTime());
      const orders = findOrders(ctx.db, view!.orderIds);
      const slot = requireFreeSlot(
        ctx,
        robot,
        start.getTime(),
        batch.durationMinutes,
        orderLimits(robot, orders),
        batch.id,
      );
      moveBatch(ctx.db, batch.id, iso(slot.start), iso(slot.end), ctx.clock.now().toISOString());
      // A new start is never in the past: a missed slot is made up for.
      resolveSlotMissedAlerts(ctx, batch.id);
      recordAudit(ctx, {
        action: 'robot_batches.reschedule',
        entity: 'robot_batch',
        entityId: batch.id,
        details: { from: batch.start, to: iso(slot.start) },
      });
      if (slot.start !== Date.parse(batch.start)) {
        noticeHostedBatchChange(ctx, { robot, before: batch, batchId: batch.id, change: 'moved' });
      }
      return viewOf(ctx, robot, batch.id);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Cancels a booked batch, inside the caller's transaction: its orders go back to `submitted` (to
 * be planned again) and its `robot.batch_slot_missed` alerts are resolved. Returns the ids of its
 * orders. The callers check the batch may be cancelled (booked, not started) and audit it.
 */
export function cancelBookedBatch(ctx: Ctx, robot: RobotRow, batch: BatchRow): number[] {
  const [view] = batchViews(ctx.db, [batch], robot.controlMinutes, ctx.clock.now().getTime());
  const now = ctx.clock.now().toISOString();
  cancelBatchRow(ctx.db, batch.id, now, userIdOf(ctx));
  setOrdersStatus(ctx.db, view!.orderIds, 'planned', 'submitted', {
    at: now,
    userId: userIdOf(ctx),
    label: actorLabel(ctx.actor),
    batchId: batch.id,
  });
  resolveSlotMissedAlerts(ctx, batch.id);
  return view!.orderIds;
}

/**
 * `POST /api/robot-batches/:id/cancel`: before production (also once its slot went by unstarted);
 * its orders go back to `submitted`, and its `robot.batch_slot_missed` alerts are resolved. The
 * robot's host pharmacy, when it is another one, is told the slot is free (unless its start went by).
 */
export function cancelBatch({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'robot_batches.book');
  return ctx.db.transaction(
    () => {
      const batch = movableBatch(ctx, id);
      const robot = robotOr404(ctx, batch.robotId);
      cancelBookedBatch(ctx, robot, batch);
      recordAudit(ctx, { action: 'robot_batches.cancel', entity: 'robot_batch', entityId: batch.id });
      noticeHostedBatchChange(ctx, { robot, before: batch, batchId: batch.id, change: 'cancelled' });
      return viewOf(ctx, robot, batch.id);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Takes a planned order out of its booked batch, inside the caller's transaction: an order that
 * is cancelled is not produced (SPEC §5–6), and its batch must neither pack its pouches nor keep it
 * (a care home that re-creates the week gets an order the robot can plan again). The batch keeps
 * its start and shrinks to its other orders' load (same start, earlier end: it still fits its
 * window, deadlines and neighbours); left with none, it is cancelled. The robot's host pharmacy,
 * when it is another one, is told (`noticeHostedBatchChange`: shrunk or emptied, with the order's
 * care home and week, and whether it was cancelled or grew out of the slot). Returns the batch's id and
 * whether it was cancelled, or null when the order is in no batch. Throws if the batch has
 * already started (a planned order's batch is booked).
 */
export function releaseOrderFromBatch(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  orderId: number,
  reason: 'cancelled' | 'no_longer_fits' = 'cancelled',
): { batchId: number; batchCancelled: boolean } | null {
  const batch = findActiveBatchOfOrder(ctx.db, orderId);
  if (!batch) return null;
  if (batch.status !== 'booked') throw new Error(`batch ${batch.id} of order ${orderId} is ${batch.status}`);
  const robot = findRobot(ctx.db, batch.robotId);
  if (!robot) throw new Error(`robot ${batch.robotId} of batch ${batch.id} not found`);
  const now = ctx.clock.now().toISOString();
  const before = findBatch(ctx.db, batch.id) as BatchRow;
  const left = unlinkOrder(ctx.db, batch.id, orderId);
  if (left.length === 0) {
    cancelBatchRow(ctx.db, batch.id, now, userIdOf(ctx));
    resolveSlotMissedAlerts(ctx, batch.id);
  } else {
    const load = loadOf(robot, left);
    setBatchLoad(
      ctx.db,
      batch.id,
      { ...load, end: iso(Date.parse(batch.startAt) + load.durationMinutes * MINUTE) },
      now,
    );
  }
  recordAudit(ctx, {
    action: 'robot_batches.order_removed',
    entity: 'robot_batch',
    entityId: batch.id,
    details: { orderId, reason, batchCancelled: left.length === 0 },
  });
  const order = findOrderRow(ctx.db, orderId);
  if (order) {
    noticeHostedBatchChange(ctx, {
      robot,
      before,
      batchId: batch.id,
      change: left.length === 0 ? 'emptied' : 'shrunk',
      order: {
        careHomeName: order.careHomeName,
        week: order.week,
        reason: reason === 'cancelled' ? 'cancelled' : 'left',
      },
    });
  }
  return { batchId: batch.id, batchCancelled: left.length === 0 };
}

/**
 * A planned order's contents changed: a change before its cut-off (absence, prescription, notes
 * aside) or a late change accepted after it. Its booked batch takes the order's new pouches and
 * manual-tray units at the same start (README, robot rules: until the cut-off the care home's and
 * prescription changes still alter the order; the batch starts after it). A load that needs no
 * more minutes always fits (same start, same or earlier end); one that needs more is checked like
 * a booking (`requireFreeSlot`: window, closures, neighbours, deadlines). When it no longer fits,
 * the order leaves the batch (`releaseOrderFromBatch`), is `submitted` again to be planned anew,
 * and the serving pharmacy gets the alert `robot.order_left_batch`. The robot's host pharmacy, when
 * it is another one, is told the batch grew or shrank when its pouches or end changed
 * (`noticeHostedBatchChange`). Call inside the change's
 * transaction. Returns what happened, or null when the order is in no batch.
 */
export function refitOrderInBatch(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  orderId: number,
): 'unchanged' | 'resized' | 'released' | null {
  const active = findActiveBatchOfOrder(ctx.db, orderId);
  if (!active) return null;
  if (active.status !== 'booked') throw new Error(`batch ${active.id} of order ${orderId} is ${active.status}`);
  const batch = findBatch(ctx.db, active.id) as BatchRow;
  const robot = findRobot(ctx.db, batch.robotId);
  if (!robot) throw new Error(`robot ${batch.robotId} of batch ${batch.id} not found`);
  const order = findOrders(ctx.db, [orderId])[0] as PlannableOrder;
  const links = setLinkLoad(ctx.db, batch.id, orderId, order);
  const load = loadOf(robot, links);
  if (load.pouches === batch.pouches && load.manualUnits === batch.manualUnits) return 'unchanged';
  const start = Date.parse(batch.start);
  if (load.durationMinutes > batch.durationMinutes) {
    try {
      const orders = findOrders(
        ctx.db,
        links.map((l) => l.orderId),
      );
      requireFreeSlot(ctx, robot, start, load.durationMinutes, orderLimits(robot, orders), batch.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return leaveBatch(ctx, order, batch);
    }
  }
  const now = ctx.clock.now().toISOString();
  setBatchLoad(ctx.db, batch.id, { ...load, end: iso(start + load.durationMinutes * MINUTE) }, now);
  recordAudit(ctx, {
    action: 'robot_batches.order_resized',
    entity: 'robot_batch',
    entityId: batch.id,
    details: { orderId, pouches: { from: batch.pouches, to: load.pouches }, durationMinutes: load.durationMinutes },
  });
  if (load.pouches !== batch.pouches || load.durationMinutes !== batch.durationMinutes) {
    const grew =
      load.durationMinutes !== batch.durationMinutes
        ? load.durationMinutes > batch.durationMinutes
        : load.pouches > batch.pouches;
    noticeHostedBatchChange(ctx, {
      robot,
      before: batch,
      batchId: batch.id,
      change: grew ? 'grown' : 'shrunk',
      order: { careHomeName: order.careHomeName, week: order.week, reason: 'changed' },
    });
  }
  return 'resized';
}

/**
 * The alerts telling that an order left a batch (`robot.order_left_batch`) are done once the
 * order is booked again or cancelled: resolved, inside the caller's transaction.
 */
export function resolveOrderLeftBatchAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, orderId: number) {
  for (const batchId of batchesLeftBy(ctx.db, orderId)) {
    resolveAlerts(ctx, { entity: 'robot_batch', entityId: batchId, kinds: ['robot.order_left_batch'] });
  }
}

/** The order that outgrew its slot leaves the batch and waits to be planned again (see above). */
function leaveBatch(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, order: PlannableOrder, batch: BatchRow) {
  releaseOrderFromBatch(ctx, order.id, 'no_longer_fits');
  setOrdersStatus(ctx.db, [order.id], 'planned', 'submitted', {
    at: ctx.clock.now().toISOString(),
    userId: userIdOf(ctx),
    label: actorLabel(ctx.actor),
    batchId: batch.id,
  });
  raiseAlert(ctx, {
    scope: { pharmacyId: order.pharmacyId },
    kind: 'robot.order_left_batch',
    // One alert per batch left (an order leaves a batch once): a second exit the same day is told too.
    entity: 'robot_batch',
    entityId: batch.id,
    messageKey: 'alerts.orderLeftBatch',
    params: {
      careHome: order.careHomeName,
      ...weekAlertParams(order.week),
      startDay: parisDate(new Date(batch.start)),
      startTime: parisTime(new Date(batch.start)),
      robotWeek: isoWeek(new Date(batch.start)),
      orderId: order.id,
    },
  });

  return 'released' as const;
}

/** `GET /api/robot-batches/:id`: any member but a care home may read a batch (pharmacy and care homes, no resident). */
export function getBatch({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'robot_batches.read');
  const batch = findBatch(ctx.db, id);
  if (!batch) throw robotErrors.batchNotFound();
  const robot = robotOr404(ctx, batch.robotId);
  return viewOf(ctx, robot, batch.id);
}

/** `GET /api/robot-batches?robotId=&week=`: the non-cancelled batches starting in that ISO week. */
export function listBatches({ ctx, query }: { ctx: Ctx; query: z.output<typeof BatchesQuery> }) {
  authorize(ctx.actor, 'robot_batches.read');
  const robot = robotOr404(ctx, query.robotId);
  const range = parisIsoWeekRange(query.week);
  const rows = listBatchesStarting(ctx.db, robot.id, range.start.toISOString(), range.end.toISOString()).filter(
    (b) => b.status !== 'cancelled',
  );
  return { items: batchViews(ctx.db, rows, robot.controlMinutes, ctx.clock.now().getTime()) };
}
