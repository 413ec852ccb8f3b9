import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize, can } from '../http/policy';
import { forbidden } from '../shared/errors';
import { findOrders, listPendingOrders, type PlannableOrder } from './batches.repository';
import type { PendingQuery, PlanBody, SlotsQuery } from './batches.schemas';
import { bookableOrders, deadlineOf, loadOf, robotOr404, writeBatch } from './batches.usecases';
import { planBatches } from './planner.models';
import { robotErrors } from './robot.errors';
import { ceilToMinute, nextStarts } from './robot.models';
import type { RobotRow } from './robot.repository';
import { loadTimeline } from './timeline';

const iso = (ms: number) => new Date(ms).toISOString();

/** The pharmacy whose orders the actor plans (`null`: the coordinator plans for all). */
function planningScope(ctx: Ctx): number | null {
  authorize(ctx.actor, 'robot_batches.book');
  if (ctx.actor.kind !== 'user' || ctx.actor.role === 'admin') return null;
  if (ctx.actor.pharmacyId == null) throw forbidden('auth.forbidden', 'Only pharmacy staff book the robot');
  return ctx.actor.pharmacyId;
}

/**
 * An order's batch may start once the order is final: at its cut-off (before it, the care home
 * and prescription changes still alter it), and not before now.
 */
const releaseOf = (order: Pick<PlannableOrder, 'cutoffAt'>, now: number) =>
  Math.max(now, ceilToMinute(Date.parse(order.cutoffAt)));

/**
 * A plan's fingerprint: SHA-256 (hex) of its batches (start, end, orders) and left-out orders
 * (order, reason), the parts a user reviews before applying. Equal plans, equal fingerprints.
 */
export function planFingerprint(plan: {
  batches: { start: string; end: string; orderIds: number[] }[];
  unplaced: { orderId: number; reason: string }[];
}): string {
  const canonical = JSON.stringify({
    batches: plan.batches.map((b) => [b.start, b.end, b.orderIds]),
    unplaced: plan.unplaced.map((u) => [u.orderId, u.reason]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * `POST /api/robot-batches/plan`: places the submitted, unplanned orders of `orderWeek` that the
 * actor books for (a pharmacy's own care homes; every care home for the admin) around the
 * batches already booked, with `planBatches` (earliest deadline first, same-pharmacy grouping,
 * exact search for small weeks). Each batch starts after its orders' cut-off and ends by their
 * deadline. `apply: false` writes nothing; `apply: true` books every proposed batch in one
 * immediate transaction, all or nothing. With `fingerprint` (the previewed plan's), applying a
 * plan that differs (bookings changed in between) is 409 `robot.plan_changed` with the new plan,
 * nothing booked. Orders left out come with their reason in minutes.
 */
export function planWeek({ ctx, input }: { ctx: Ctx; input: z.output<typeof PlanBody> }) {
  const pharmacyId = planningScope(ctx);
  const run = () => {
    const robot = robotOr404(ctx, input.robotId);
    if (!robot.active) throw robotErrors.inactive();
    const now = ceilToMinute(ctx.clock.now().getTime());
    const orders = listPendingOrders(ctx.db, { pharmacyId, week: input.orderWeek, deliveredAfter: '0000' });
    const deadlines = orders.map((o) => deadlineOf(robot, o));
    const horizon = Math.max(now, ...deadlines);
    const timeline = loadTimeline(ctx.db, robot, now, horizon);
    const plan = planBatches({
      robot,
      windows: timeline.windows,
      closures: timeline.closures,
      busy: timeline.batches,
      now,
      orders: orders.map((o, i) => ({
        id: o.id,
        pharmacyId: o.pharmacyId,
        pouches: o.pouches,
        manualUnits: o.manualUnits,
        deadline: deadlines[i] as number,
        releaseAt: releaseOf(o, now),
      })),
    });
    const batches = plan.batches.map((b) => ({ start: iso(b.start), end: iso(b.end), orderIds: b.orderIds }));
    const unplaced = plan.unplaced.map((u) => ({
      ...u,
      deadline: iso(u.deadline),
      earliestStart: iso(u.earliestStart),
    }));
    const fingerprint = planFingerprint({ batches, unplaced });
    const view = (ids: (number | undefined)[], applied: boolean) => ({
      fingerprint,
      batches: plan.batches.map((b, i) => ({
        id: ids[i],
        ...(batches[i] as (typeof batches)[number]),
        durationMinutes: b.durationMinutes,
        pharmacyId: b.pharmacyId,
        pouches: b.pouches,
        manualUnits: b.manualUnits,
        breakdown: b.breakdown,
      })),
      unplaced,
      applied,
    });
    if (input.apply && input.fingerprint && input.fingerprint !== fingerprint)
      throw robotErrors.planChanged(input.fingerprint, view([], false));
    const ids: (number | undefined)[] = plan.batches.map(() => undefined);
    if (input.apply) {
      plan.batches.forEach((b, i) => {
        ids[i] = writeBatch(ctx, robot, bookableOrders(ctx, b.orderIds), b);
      });
      recordAudit(ctx, {
        action: 'robot_batches.plan_apply',
        entity: 'robot',
        entityId: robot.id,
        details: { orderWeek: input.orderWeek, batches: ids, unplaced: plan.unplaced.map((u) => u.orderId) },
      });
    }
    return view(ids, input.apply && plan.batches.length > 0);
  };
  return input.apply ? ctx.db.transaction(run, { behavior: 'immediate' }) : ctx.db.transaction(run);
}

/**
 * `GET /api/robots/:id/slots?orderIds=`: for the start picker, the duration of these orders as
 * one batch, their earliest deadline, and the next starts (up to five) where it fits, from their
 * cut-off (or now) on. Same order checks as booking, except when `excludeBatchId` names the
 * batch they are already in (rescheduling).
 */
export function proposeSlots({
  ctx,
  robotId,
  query,
}: {
  ctx: Ctx;
  robotId: number;
  query: z.output<typeof SlotsQuery>;
}) {
  authorize(ctx.actor, 'robot_batches.book');
  const robot = robotOr404(ctx, robotId);
  const orders = query.excludeBatchId
    ? movingOrders(ctx, query.orderIds, query.excludeBatchId)
    : bookableOrders(ctx, query.orderIds);
  const load = loadOf(robot, orders);
  const now = ceilToMinute(ctx.clock.now().getTime());
  const deadline = Math.min(...orders.map((o) => deadlineOf(robot, o)));
  const earliest = Math.max(...orders.map((o) => releaseOf(o, now)));
  const timeline = loadTimeline(ctx.db, robot, earliest, Math.max(earliest, deadline), query.excludeBatchId ?? 0);
  return {
    durationMinutes: load.durationMinutes,
    breakdown: load.breakdown,
    deadline: iso(deadline),
    earliest: iso(earliest),
    starts: nextStarts(timeline.free, load.durationMinutes, earliest, deadline, 5).map(iso),
  };
}

function movingOrders(ctx: Ctx, ids: number[], batchId: number): PlannableOrder[] {
  return ids.map((id) => {
    const order = listOrder(ctx, id);
    if (order.batchId !== batchId) throw robotErrors.orderAlreadyPlanned(id, order.batchId);
    return order;
  });
}

function listOrder(ctx: Ctx, id: number): PlannableOrder {
  const [order] = findOrders(ctx.db, [id]);
  if (!order || !can(ctx.actor, 'robot_batches.book', { pharmacyId: order.pharmacyId }))
    throw robotErrors.orderNotFound(id);
  return order;
}

/**
 * `GET /api/robots/:id/pending-orders?week=`: submitted orders not yet in a batch that the actor
 * books for, with their deadline on this robot and their duration as a batch of their own; all
 * weeks still to be delivered when `week` is left out. Earliest delivery first.
 */
export function listPending({
  ctx,
  robotId,
  query,
}: {
  ctx: Ctx;
  robotId: number;
  query: z.output<typeof PendingQuery>;
}) {
  const pharmacyId = planningScope(ctx);
  const robot: RobotRow = robotOr404(ctx, robotId);
  const orders = listPendingOrders(ctx.db, {
    pharmacyId,
    week: query.week,
    deliveredAfter: query.week ? '0000' : ctx.clock.now().toISOString(),
  });
  return {
    items: orders.map((o) => ({
      orderId: o.id,
      careHomeId: o.careHomeId,
      careHomeName: o.careHomeName,
      pharmacyId: o.pharmacyId,
      week: o.week,
      pouches: o.pouches,
      manualUnits: o.manualUnits,
      cutoffAt: o.cutoffAt,
      deliveryAt: o.deliveryAt,
      deadline: iso(deadlineOf(robot, o)),
      durationMinutes: loadOf(robot, [o]).durationMinutes,
    })),
  };
}
