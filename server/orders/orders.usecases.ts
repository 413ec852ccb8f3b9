import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { releaseOrderFromBatch, resolveOrderLeftBatchAlerts } from '../robot/batches.usecases';
import { addCalendarDays, addIsoWeeks, isoWeek, isoWeekDays, isoWeekMonday, parisWallClock } from '../shared/dates';
import { MISSED_CUTOFF_KIND } from './missed-cutoff.usecases';
import { orderDetail, orderInScope } from './order-views.usecases';
import { actorUserId, careHomeInScope } from './orders.access';
import { ordersErrors } from './orders.errors';
import {
  canTransition,
  latestOrderWeek,
  OPEN_STATUSES,
  type OrderStatus,
  orderDeadlines,
  residentPresentOn,
  weekAlertParams,
} from './orders.models';
import {
  changeRequestIdsOfOrder,
  decideChangeRequestRow,
  findAbsenceRow,
  findOrderIdByWeek,
  findOrderRow,
  insertAbsenceRow,
  insertOrderRow,
  listAbsenceRows,
  markAbsenceRemoved,
  type OrderRow,
  pendingChangeRequestIdsOfOrder,
  updateAbsenceDays,
  updateOrderRow,
} from './orders.repository';
import type { AbsenceDaysInput, AbsenceInput } from './orders.schemas';
import { recomputeOrderRow, recordOrderEvent } from './recompute.usecases';
import { findResidentRow, listActiveCareHomeIds, loadCareHomeSettings, residentNames } from './residents.repository';

const isCareHome = (ctx: Ctx) => ctx.actor.kind === 'user' && ctx.actor.role === 'carehome';
const cutoffPassed = (ctx: Pick<Ctx, 'clock'>, order: { cutoffAt: string }) =>
  ctx.clock.now().toISOString() >= order.cutoffAt;

/**
 * Inserts a draft for (care home, week) computed from the prescriptions, or returns the id of the
 * order that exists (`created: false`). No policy check (jobs, seeds); call inside a transaction.
 */
export function createDraftOrder(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, careHomeId: number, week: string) {
  const existing = findOrderIdByWeek(ctx.db, careHomeId, week);
  if (existing !== undefined) return { id: existing, created: false };
  const { cutoffAt, deliveryAt } = orderDeadlines(loadCareHomeSettings(ctx.db, careHomeId), week);
  const now = ctx.clock.now().toISOString();
  const id = insertOrderRow(ctx.db, {
    careHomeId,
    week,
    status: 'draft',
    cutoffAt: cutoffAt.toISOString(),
    deliveryAt: deliveryAt.toISOString(),
    computedAt: now,
    createdAt: now,
    createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    updatedAt: now,
  });
  recomputeOrderRow(ctx, id, { kind: 'created' });
  recordAudit(ctx, { action: 'orders.create', entity: 'weekly_order', entityId: id, details: { careHomeId, week } });
  return { id, created: true };
}

/** Whether a week's delivery instant (ISO, UTC) is now or past: it can no longer be sent to be produced. */
const deliveryPassed = (ctx: Ctx, deliveryAt: string) => deliveryAt <= ctx.clock.now().toISOString();

/**
 * The care home, or staff of its pharmacy, create the draft of a week from the prescriptions
 * (201; 409 `orders.already_exists` with its id). A care home cannot create a week whose cut-off
 * has passed (409 `orders.cutoff_passed`). Staff may create a week whose delivery has passed (a
 * late change on it stays possible), but not submit it (`submitOrder`). A cancelled order of the week is reopened instead (the
 * same order, its history kept — SPEC §3: orders are cancelled, not erased): back to a draft on
 * the care home's current deadlines, recomputed from today's prescriptions. A week more than
 * `ORDER_HORIZON_WEEKS` ahead is a mistyped year: 422 `orders.week_too_far` (with the latest week).
 */
export function createOrder({ ctx, input }: { ctx: Ctx; input: { careHomeId: number; week: string } }) {
  careHomeInScope(ctx, 'orders.write', input.careHomeId);
  const latest = latestOrderWeek(ctx.clock.now());
  if (input.week > latest) throw ordersErrors.weekTooFar(input.week, latest);
  const { cutoffAt } = orderDeadlines(loadCareHomeSettings(ctx.db, input.careHomeId), input.week);
  if (isCareHome(ctx) && cutoffPassed(ctx, { cutoffAt: cutoffAt.toISOString() })) {
    throw ordersErrors.cutoffPassed(cutoffAt.toISOString());
  }
  return ctx.db.transaction(
    () => {
      const existing = findOrderIdByWeek(ctx.db, input.careHomeId, input.week);
      const cancelled = existing === undefined ? undefined : findOrderRow(ctx.db, existing);
      if (cancelled?.status === 'cancelled') {
        reopenCancelledOrder(ctx, cancelled);
        return orderDetail(ctx, findOrderRow(ctx.db, cancelled.id) as OrderRow);
      }
      const { id, created } = createDraftOrder(ctx, input.careHomeId, input.week);
      if (!created) throw ordersErrors.orderExists(id, input.week);
      return orderDetail(ctx, findOrderRow(ctx.db, id) as OrderRow);
    },
    { behavior: 'immediate' },
  );
}

/** A cancelled order back to a draft (new deadlines, recomputed); call inside a transaction. */
function reopenCancelledOrder(ctx: Ctx, order: OrderRow) {
  const { cutoffAt, deliveryAt } = orderDeadlines(loadCareHomeSettings(ctx.db, order.careHomeId), order.week);
  recomputeOrderRow(ctx, order.id, { kind: 'reopened', details: { from: 'cancelled' } }, () =>
    updateOrderRow(ctx.db, order.id, {
      status: 'draft',
      cutoffAt: cutoffAt.toISOString(),
      deliveryAt: deliveryAt.toISOString(),
      cancelledAt: null,
      cancelledBy: null,
      submittedAt: null,
      submittedBy: null,
      updatedAt: ctx.clock.now().toISOString(),
    }),
  );
  recordAudit(ctx, {
    action: 'orders.reopen',
    entity: 'weekly_order',
    entityId: order.id,
    details: { week: order.week },
  });
}

/**
 * Job `weekly-orders` (SPEC §9, Monday 06:00): the draft of the week after `periodWeek` (the
 * run's ISO week; default the current Paris week) for every active care home that has none.
 * The week after that is drafted too, a week early, for a care home whose cut-off for it falls
 * before the next Monday is over (a delivery moved back by a public holiday, `orderDeadlines`, or a
 * Monday cut-off): next week's run would draft it after, or hours before, its cut-off. Running it
 * again for the same week creates nothing. Returns a one-line summary for the job log.
 */
export function createNextWeekDrafts(ctx: Ctx, periodWeek: string = isoWeek(ctx.clock.now())): string {
  const week = addIsoWeeks(periodWeek, 1);
  const after = addIsoWeeks(periodWeek, 2);
  // Tuesday 00:00 Paris of next week: a cut-off before it would leave next Monday's run no day.
  const nextRunOver = parisWallClock(addCalendarDays(isoWeekMonday(week), 1), '00:00').getTime();
  let created = 0;
  let early = 0;
  const careHomeIds = listActiveCareHomeIds(ctx.db);
  for (const careHomeId of careHomeIds) {
    ctx.db.transaction(
      () => {
        if (createDraftOrder(ctx, careHomeId, week).created) created++;
        const { cutoffAt } = orderDeadlines(loadCareHomeSettings(ctx.db, careHomeId), after);
        if (cutoffAt.getTime() < nextRunOver && createDraftOrder(ctx, careHomeId, after).created) early++;
      },
      { behavior: 'immediate' },
    );
  }
  const summary = `${week}: ${created} drafts created, ${careHomeIds.length - created} already there`;
  return early > 0
    ? `${summary}; ${after}: ${early} drafted early (cut-off before next Monday's run is over)`
    : summary;
}

/** Direct changes (absences, notes) need a draft or submitted order whose cut-off is ahead. */
function requireEditable(ctx: Ctx, order: OrderRow, action: string) {
  if (!OPEN_STATUSES.includes(order.status)) throw ordersErrors.invalidStatus(order.status, action);
  if (cutoffPassed(ctx, order)) throw ordersErrors.cutoffPassed(order.cutoffAt);
}

/**
 * An absence must be of a resident of the order's care home, inside the order's week, on at least
 * one day the resident's status does not already keep them away (`residentPresentOn`: an absence
 * of a resident discharged before the week would change nothing; 422
 * `orders.resident_away_by_status`), and not overlap an absence of that resident already marked on the order (409
 * `orders.absence_overlaps`; undo it or mark only the other days).
 */
export function checkAbsence(
  ctx: Ctx,
  order: OrderRow,
  input: Pick<AbsenceInput, 'residentId' | 'from' | 'to'>,
  /** The absence whose days are being changed: it cannot clash with itself. */
  exceptAbsenceId?: number,
) {
  const resident = findResidentRow(ctx.db, input.residentId);
  if (!resident || resident.careHomeId !== order.careHomeId) throw ordersErrors.residentNotInCareHome(input.residentId);
  if (input.to < input.from) throw ordersErrors.absenceDates(input.from, input.to);
  const days = isoWeekDays(order.week);
  if (input.from < (days[0] as string) || input.to > (days[6] as string)) {
    throw ordersErrors.absenceOutsideWeek(input.from, input.to, order.week, days[0] as string, days[6] as string);
  }
  const awayDays = days.filter((d) => d >= input.from && d <= input.to);
  if (awayDays.every((d) => !residentPresentOn(resident, d))) {
    const { status, statusFrom, statusTo } = resident;
    const names = residentOf(ctx, input.residentId);
    throw ordersErrors.residentAwayByStatus(input.from, input.to, { ...names, status, statusFrom, statusTo });
  }
  const clash = listAbsenceRows(ctx.db, order.id).find(
    (a) => a.id !== exceptAbsenceId && a.residentId === input.residentId && a.from <= input.to && input.from <= a.to,
  );
  if (clash) {
    const existing = { id: clash.id, from: clash.from, to: clash.to };
    throw ordersErrors.absenceOverlaps(input.from, input.to, existing, residentOf(ctx, input.residentId));
  }
}

/** A resident's id and "NOM Prénom", which name it in an error about one of several absences. */
export const residentOf = (ctx: Ctx, residentId: number) => ({
  residentId,
  resident: residentNames(ctx.db, [residentId]).get(residentId) ?? '',
});

/** Marks a resident away on some days of the week: their pouches of those days drop (201 with the absence). */
export function addAbsence({ ctx, orderId, input }: { ctx: Ctx; orderId: number; input: AbsenceInput }) {
  const order = orderInScope(ctx, 'orders.write', orderId);
  requireEditable(ctx, order, 'edited');
  checkAbsence(ctx, order, input);
  return ctx.db.transaction(
    () => {
      const absence = insertAbsenceRow(ctx.db, {
        orderId,
        residentId: input.residentId,
        fromDate: input.from,
        toDate: input.to,
        reason: input.reason,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: actorUserId(ctx),
      });
      recomputeOrderRow(ctx, orderId, { kind: 'absence_added', details: { absenceId: absence.id, ...input } });
      recordAudit(ctx, { action: 'orders.absence', entity: 'weekly_order', entityId: orderId, details: input });
      return absence;
    },
    { behavior: 'immediate' },
  );
}

/** Undoes an absence (kept, marked removed): the resident's pouches come back. */
export function removeAbsence({ ctx, orderId, absenceId }: { ctx: Ctx; orderId: number; absenceId: number }) {
  const order = orderInScope(ctx, 'orders.write', orderId);
  const absence = findAbsenceRow(ctx.db, orderId, absenceId);
  if (!absence) throw ordersErrors.absenceNotFound();
  requireEditable(ctx, order, 'edited');
  ctx.db.transaction(
    () => {
      markAbsenceRemoved(ctx.db, absenceId, ctx.clock.now().toISOString(), actorUserId(ctx));
      recomputeOrderRow(ctx, orderId, {
        kind: 'absence_removed',
        details: { absenceId, residentId: absence.residentId, from: absence.from, to: absence.to },
      });
      recordAudit(ctx, {
        action: 'orders.absence_removed',
        entity: 'weekly_order',
        entityId: orderId,
        details: { absenceId },
      });
    },
    { behavior: 'immediate' },
  );
}

/**
 * Changes the days of an absence, before the cut-off (200 with the absence as it now is; 404
 * `orders.absence_not_found`; the checks of `addAbsence`, without clashing with itself). The
 * resident back from hospital on Wednesday ends an absence on Tuesday instead of undoing it whole.
 * The absence keeps its id, resident and reason; the order is recomputed with one
 * `absence_changed` event naming the new and the former days, in one transaction. The same days
 * again change nothing and record nothing.
 */
export function changeAbsenceDays({
  ctx,
  orderId,
  absenceId,
  input,
}: {
  ctx: Ctx;
  orderId: number;
  absenceId: number;
  input: AbsenceDaysInput;
}) {
  const order = orderInScope(ctx, 'orders.write', orderId);
  const absence = findAbsenceRow(ctx.db, orderId, absenceId);
  if (!absence) throw ordersErrors.absenceNotFound();
  requireEditable(ctx, order, 'edited');
  checkAbsence(ctx, order, { residentId: absence.residentId, ...input }, absenceId);
  if (absence.from === input.from && absence.to === input.to) return absence;
  return ctx.db.transaction(
    () => {
      const changed = updateAbsenceDays(ctx.db, absenceId, input);
      const details = {
        absenceId,
        residentId: absence.residentId,
        from: input.from,
        to: input.to,
        previousFrom: absence.from,
        previousTo: absence.to,
      };
      recomputeOrderRow(ctx, orderId, { kind: 'absence_changed', details });
      recordAudit(ctx, { action: 'orders.absence_changed', entity: 'weekly_order', entityId: orderId, details });
      return changed;
    },
    { behavior: 'immediate' },
  );
}

/**
 * The order's notes for the pharmacy, replaced whole (until the cut-off: `requireEditable`). The
 * history keeps the text before and after (`notes_changed` { previousNotes, notes }): written by the care
 * home or, on its behalf, by the serving pharmacy's staff, no note is lost when another replaces it.
 * Unchanged text records nothing.
 */
export function updateNotes({ ctx, id, notes }: { ctx: Ctx; id: number; notes: string }) {
  const order = orderInScope(ctx, 'orders.write', id);
  requireEditable(ctx, order, 'edited');
  return ctx.db.transaction(() => {
    if (notes === order.notes) return orderDetail(ctx, order);
    updateOrderRow(ctx.db, id, { notes, updatedAt: ctx.clock.now().toISOString() });
    recordOrderEvent(ctx, id, 'notes_changed', { previousNotes: order.notes, notes });
    recordAudit(ctx, { action: 'orders.notes', entity: 'weekly_order', entityId: id });
    return orderDetail(ctx, findOrderRow(ctx.db, id) as OrderRow);
  });
}

function moveTo(ctx: Ctx, order: OrderRow, to: OrderStatus, stamp: Partial<Parameters<typeof updateOrderRow>[2]>) {
  return ctx.db.transaction(
    () => {
      const now = ctx.clock.now().toISOString();
      updateOrderRow(ctx.db, order.id, { status: to, updatedAt: now, ...stamp });
      recordOrderEvent(ctx, order.id, to, { from: order.status });
      recordAudit(ctx, {
        action: `orders.${to}`,
        entity: 'weekly_order',
        entityId: order.id,
        details: { from: order.status },
      });
      return orderDetail(ctx, findOrderRow(ctx.db, order.id) as OrderRow);
    },
    { behavior: 'immediate' },
  );
}

/**
 * draft → submitted (409 `orders.invalid_transition` otherwise). The care home submits before the
 * cut-off (409 `orders.cutoff_passed` after it: a late change request then); staff of its pharmacy
 * may submit a late draft on its behalf, which resolves the `orders.missed_cutoff` alert (SPEC §5),
 * until the week's delivery (409 `orders.delivery_passed` from then: cancel it instead).
 */
export function submitOrder({ ctx, id }: { ctx: Ctx; id: number }) {
  const order = orderInScope(ctx, 'orders.write', id);
  if (!canTransition(order.status, 'submitted') || order.status !== 'draft') {
    throw ordersErrors.invalidTransition(order.status, 'submitted');
  }
  if (isCareHome(ctx) && cutoffPassed(ctx, order)) throw ordersErrors.cutoffPassed(order.cutoffAt);
  if (deliveryPassed(ctx, order.deliveryAt)) throw ordersErrors.deliveryPassed(order.deliveryAt);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction(
    () => {
      resolveAlerts(ctx, { entity: 'weekly_order', entityId: order.id, kinds: [MISSED_CUTOFF_KIND] });
      return moveTo(ctx, order, 'submitted', { submittedAt: now, submittedBy: actorUserId(ctx) });
    },
    { behavior: 'immediate' },
  );
}

/** The reason stored on a late change the cancellation of its order refused (shown as is, in French). */
const CANCELLED_ORDER_REASON = 'Commande annulée.';

/**
 * Cancels an order (SPEC §5; 200 with the order; 404 out of scope; 409 `orders.invalid_transition`
 * or, for the care home, `orders.cutoff_passed`): the care home while it is a draft or submitted
 * and the cut-off is ahead, staff until production starts (`canTransition`). A planned order leaves
 * its robot batch in the same transaction (`releaseOrderFromBatch`: the batch shrinks, or is
 * cancelled when it held only this order), so that its pouches are not produced and the week can be
 * ordered again; when that batch runs on another pharmacy's robot, the host's staff are told
 * (`robot.hosted_batch_changed`). Open alerts about the order and its late change requests are resolved, and a late
 * change still pending is refused ("Commande annulée."); when staff cancel, the care home gets an
 * `orders.cancelled` alert.
 */
export function cancelOrder({ ctx, id }: { ctx: Ctx; id: number }) {
  const order = orderInScope(ctx, 'orders.write', id);
  const allowed = isCareHome(ctx) ? OPEN_STATUSES.includes(order.status) : canTransition(order.status, 'cancelled');
  if (!allowed) throw ordersErrors.invalidTransition(order.status, 'cancelled');
  if (isCareHome(ctx) && cutoffPassed(ctx, order)) throw ordersErrors.cutoffPassed(order.cutoffAt);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction(
    () => {
      // Read again inside the write lock: a batch may have started since the check above.
      const current = findOrderRow(ctx.db, order.id) as OrderRow;
      if (current.status !== order.status) throw ordersErrors.invalidTransition(current.status, 'cancelled');
      if (current.status === 'planned') releaseOrderFromBatch(ctx, current.id);
      resolveOrderLeftBatchAlerts(ctx, current.id);
      // What was still asked about the order (a quantity update, a late change…) is moot now.
      resolveAlerts(ctx, { entity: 'weekly_order', entityId: current.id });
      for (const requestId of changeRequestIdsOfOrder(ctx.db, current.id)) {
        resolveAlerts(ctx, { entity: 'order_change_request', entityId: requestId });
      }
      // A late change still waiting has nothing left to change: refused, saying why, so it leaves
      // the pharmacy's "to answer" list and the care home's history says what became of it.
      for (const requestId of pendingChangeRequestIdsOfOrder(ctx.db, current.id)) {
        decideChangeRequestRow(ctx.db, requestId, {
          status: 'refused',
          decidedAt: now,
          decidedBy: actorUserId(ctx),
          refusalReason: CANCELLED_ORDER_REASON,
        });
        recordOrderEvent(ctx, current.id, 'change_refused', {
          changeRequestId: requestId,
          reason: CANCELLED_ORDER_REASON,
        });
      }
      const cancelled = moveTo(ctx, current, 'cancelled', { cancelledAt: now, cancelledBy: actorUserId(ctx) });
      if (!isCareHome(ctx)) {
        raiseAlert(ctx, {
          scope: { careHomeId: current.careHomeId },
          kind: 'orders.cancelled',
          entity: 'weekly_order',
          entityId: current.id,
          messageKey: 'alerts.orderCancelled',
          params: { ...weekAlertParams(current.week), from: current.status },
        });
      }
      return cancelled;
    },
    { behavior: 'immediate' },
  );
}
