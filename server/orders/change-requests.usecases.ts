import { raiseAlert } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { refitOrderInBatch } from '../robot/batches.usecases';
import { applyLateAbsences } from './late-change.models';
import { changeRequestsOut, orderInScope, orderScopeOf } from './order-views.usecases';
import { actorUserId, requireInScope } from './orders.access';
import { ordersErrors } from './orders.errors';
import { LATE_CHANGE_STATUSES, weekAlertParams } from './orders.models';
import {
  type ChangeRequestRow,
  decideChangeRequestRow,
  findChangeRequestRow,
  findOrderRow,
  insertAbsenceRow,
  insertChangeRequestRow,
  listChangeRequestRows,
  type OrderRow,
  storedOrderContents,
  writeOrderContents,
} from './orders.repository';
import type { ChangeRequestInput } from './orders.schemas';
import { checkAbsence, residentOf } from './orders.usecases';
import { computeOrderContents, recordOrderEvent, totalsOf } from './recompute.usecases';

function requireLateChangeable(order: OrderRow, action: string) {
  if (!LATE_CHANGE_STATUSES.includes(order.status)) throw ordersErrors.invalidStatus(order.status, action);
}

const requestById = (ctx: Ctx, id: number) =>
  changeRequestsOut(ctx, [findChangeRequestRow(ctx.db, id) as ChangeRequestRow])[0] as ReturnType<
    typeof changeRequestsOut
  >[number];

/**
 * After the cut-off the care home asks for a late change (SPEC §5): a message and, optionally,
 * absences to apply. Only once the cut-off has passed (409 `orders.cutoff_not_passed`: change the
 * order directly) and before production (409 `orders.invalid_status`). The serving pharmacy gets
 * an alert. 201 with the request.
 */
export function createChangeRequest({ ctx, orderId, input }: { ctx: Ctx; orderId: number; input: ChangeRequestInput }) {
  const order = orderInScope(ctx, 'orders.change_request', orderId);
  requireLateChangeable(order, 'changed');
  if (ctx.clock.now().toISOString() < order.cutoffAt) throw ordersErrors.cutoffNotPassed(order.cutoffAt);
  input.absences.forEach((absence, i) => {
    checkAbsence(ctx, order, absence);
    const twin = input.absences
      .slice(0, i)
      .find((a) => a.residentId === absence.residentId && a.from <= absence.to && absence.from <= a.to);
    if (twin) throw ordersErrors.absenceOverlaps(absence.from, absence.to, twin, residentOf(ctx, absence.residentId));
  });
  return ctx.db.transaction(
    () => {
      refuseAlreadyRequested(ctx, orderId, input.absences);
      const id = insertChangeRequestRow(ctx.db, {
        orderId,
        message: input.message,
        absences: input.absences,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: actorUserId(ctx),
      });
      recordOrderEvent(ctx, orderId, 'change_requested', { changeRequestId: id });
      recordAudit(ctx, {
        action: 'orders.change_request',
        entity: 'order_change_request',
        entityId: id,
        details: input,
      });
      raiseAlert(ctx, {
        scope: { pharmacyId: order.pharmacyId },
        kind: 'orders.change_requested',
        entity: 'order_change_request',
        entityId: id,
        messageKey: 'alerts.orderChangeRequested',
        params: { careHome: order.careHomeName, ...weekAlertParams(order.week) },
        dedupe: 'ever',
      });
      return requestById(ctx, id);
    },
    { behavior: 'immediate' },
  );
}

/**
 * 409 `orders.absence_already_requested` (details: the absence, and the pending request's id and
 * absence) when an absence overlaps, for the same resident, one that a pending late change of the
 * order already asks for: a request sent twice (a double click, a nurse who did not see the first
 * one go) would otherwise wait twice for the pharmacy, which can accept only one of them.
 * Run inside the creation's transaction.
 */
function refuseAlreadyRequested(ctx: Ctx, orderId: number, absences: ChangeRequestInput['absences']) {
  const pending = listChangeRequestRows(ctx.db, { all: true }, { orderId, status: 'pending' });
  for (const absence of absences) {
    for (const request of pending) {
      const asked = request.absences.find(
        (a) => a.residentId === absence.residentId && a.from <= absence.to && absence.from <= a.to,
      );
      if (asked) {
        const { resident } = residentOf(ctx, absence.residentId);
        throw ordersErrors.absenceAlreadyRequested(absence, { changeRequestId: request.id, ...asked }, resident);
      }
    }
  }
}

function pendingRequestInScope(ctx: Ctx, id: number) {
  const request = requireInScope(
    ctx,
    'orders.decide_change',
    findChangeRequestRow(ctx.db, id),
    ordersErrors.changeRequestNotFound,
  );
  if (request.status !== 'pending') throw ordersErrors.changeRequestDecided(request.status);
  return request;
}

/**
 * Staff of the serving pharmacy accept a late change (still before production: 409
 * `orders.invalid_status` otherwise): its absences, and only they, are applied to the order as it
 * stood (`applyLateAbsences`); a prescription changed after the cut-off does not slip in. A
 * planned order's batch drops the pouches with it (`refitOrderInBatch`).
 */
export function acceptChangeRequest({ ctx, id }: { ctx: Ctx; id: number }) {
  const request = pendingRequestInScope(ctx, id);
  const order = findOrderRow(ctx.db, request.orderId) as OrderRow;
  requireLateChangeable(order, 'changed');
  return ctx.db.transaction(
    () => {
      const now = ctx.clock.now().toISOString();
      for (const a of request.absences) checkAbsence(ctx, order, a);
      const without = computeOrderContents(ctx.db, order);
      for (const a of request.absences) {
        insertAbsenceRow(ctx.db, {
          orderId: order.id,
          residentId: a.residentId,
          fromDate: a.from,
          toDate: a.to,
          reason: a.reason as 'hospitalisation' | 'leave' | 'other',
          changeRequestId: id,
          createdAt: now,
          createdBy: actorUserId(ctx),
        });
      }
      decideChangeRequestRow(ctx.db, id, { status: 'accepted', decidedAt: now, decidedBy: actorUserId(ctx) });
      const week = applyLateAbsences(
        { week: order.week, ...storedOrderContents(ctx.db, order.id) },
        without,
        computeOrderContents(ctx.db, order),
      );
      writeOrderContents(ctx.db, order.id, week, now);
      recordOrderEvent(ctx, order.id, 'change_accepted', {
        changeRequestId: id,
        before: totalsOf(order),
        after: week.totals,
      });
      if (order.status === 'planned') refitOrderInBatch(ctx, order.id);
      recordAudit(ctx, { action: 'orders.change_accept', entity: 'order_change_request', entityId: id });
      raiseAlert(ctx, {
        scope: { careHomeId: order.careHomeId },
        kind: 'orders.change_decided',
        entity: 'order_change_request',
        entityId: id,
        messageKey: 'alerts.orderChangeAccepted',
        params: weekAlertParams(order.week),
        dedupe: 'ever',
      });
      return requestById(ctx, id);
    },
    { behavior: 'immediate' },
  );
}

/** Staff refuse a late change, saying why; the order stays as it is. */
export function refuseChangeRequest({ ctx, id, reason }: { ctx: Ctx; id: number; reason: string }) {
  const request = pendingRequestInScope(ctx, id);
  return ctx.db.transaction(
    () => {
      const now = ctx.clock.now().toISOString();
      decideChangeRequestRow(ctx.db, id, {
        status: 'refused',
        decidedAt: now,
        decidedBy: actorUserId(ctx),
        refusalReason: reason,
      });
      recordOrderEvent(ctx, request.orderId, 'change_refused', { changeRequestId: id, reason });
      recordAudit(ctx, {
        action: 'orders.change_refuse',
        entity: 'order_change_request',
        entityId: id,
        details: { reason },
      });
      raiseAlert(ctx, {
        scope: { careHomeId: request.careHomeId },
        kind: 'orders.change_decided',
        entity: 'order_change_request',
        entityId: id,
        messageKey: 'alerts.orderChangeRefused',
        params: { ...weekAlertParams(request.week), reason },
        dedupe: 'ever',
      });
      return requestById(ctx, id);
    },
    { behavior: 'immediate' },
  );
}

/** Late change requests in the caller's scope (`status=pending`: what the pharmacy has to answer). */
export function listChangeRequests({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: { status?: 'pending' | 'accepted' | 'refused'; orderId?: number };
}) {
  authorize(ctx.actor, 'orders.read');
  return { items: changeRequestsOut(ctx, listChangeRequestRows(ctx.db, orderScopeOf(ctx), query)) };
}
