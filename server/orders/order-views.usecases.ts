import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { storedJson } from '../http/json-text';
import { type Action, authorize, listScope } from '../http/policy';
import { activeBatchesOfOrders } from '../robot/batches.repository';
import { isSlotMissed } from '../robot/robot.models';
import { isoWeekDays, isoWeekMonday } from '../shared/dates';
import { requireInScope } from './orders.access';
import { ordersErrors } from './orders.errors';
import { isEditableAt, type OrderCalendar, type OrderStatus, scheduleWeekOfMonday } from './orders.models';
import {
  type ChangeRequestRow,
  findOrderRow,
  listAbsenceRows,
  listChangeRequestRows,
  listEventRows,
  listOrderProductRows,
  listOrderResidentTexts,
  listOrderRows,
  type OrderRow,
  type OrderScope,
} from './orders.repository';
import type { OrderDetailOut } from './orders.schemas';
import { loadCareHomeSettings, loadOrderCalendar, residentNames } from './residents.repository';

/** An order the actor may act on for `action` (404 `orders.not_found` otherwise, as for a missing one). */
export function orderInScope(ctx: Ctx, action: Action, id: number): OrderRow {
  return requireInScope(ctx, action, findOrderRow(ctx.db, id), ordersErrors.orderNotFound);
}

export function orderScopeOf(ctx: Ctx): OrderScope {
  const scope = listScope(ctx.actor);
  return scope.all ? { all: true } : { all: false, pharmacyId: scope.pharmacyId, careHomeId: scope.careHomeId };
}

/**
 * What a list shows of an order; `editable` is read at the clock's now, and `slotMissed` says a
 * planned order's robot batch is still booked past its slot (`isSlotMissed`).
 */
export function orderSummary(ctx: Pick<Ctx, 'clock'>, row: OrderRow, slotMissed: boolean, calendar: OrderCalendar) {
  return {
    id: row.id,
    careHomeId: row.careHomeId,
    careHomeName: row.careHomeName,
    week: row.week,
    status: row.status,
    cutoffAt: row.cutoffAt,
    deliveryAt: row.deliveryAt,
    totals: {
      pouches: row.pouches,
      robotUnits: row.robotUnits,
      manualUnits: row.manualUnits,
      horsPdaUnits: row.horsPdaUnits,
    },
    editable: isEditableAt(row, ctx.clock.now()),
    pendingChangeRequests: row.pendingChangeRequests,
    slotMissed,
    deliveryMovedFor: deliveryMovedFor(calendar, row),
  };
}

/**
 * The public holiday that moved an order's delivery and cut-off earlier (`orderDeadlinesOfMonday`:
 * week 2026-W53 is delivered on 24 December, not Christmas Day), or null. An order keeps the
 * deadlines it was created with: null too when its stored delivery is not the moved one.
 */
function deliveryMovedFor(calendar: OrderCalendar, row: Pick<OrderRow, 'week' | 'deliveryAt'>): string | null {
  const week = scheduleWeekOfMonday(calendar, isoWeekMonday(row.week));
  return week.deliveryAt === row.deliveryAt ? week.deliveryMovedFor : null;
}

/** The ids of `rows` whose robot batch missed its slot at the clock's now (planned orders only). */
function missedSlotIds(ctx: Pick<Ctx, 'db' | 'clock'>, rows: readonly OrderRow[]): Set<number> {
  const planned = rows.filter((r) => r.status === 'planned').map((r) => r.id);
  const now = ctx.clock.now().getTime();
  return new Set(
    activeBatchesOfOrders(ctx.db, planned)
      .filter((b) => isSlotMissed(b, now))
      .map((b) => b.orderId),
  );
}

/** A late change request as the API shows it, its absences with the residents' names. */
export const changeRequestOut = (row: ChangeRequestRow, names: ReadonlyMap<number, string>) => ({
  id: row.id,
  orderId: row.orderId,
  week: row.week,
  careHomeId: row.careHomeId,
  careHomeName: row.careHomeName,
  message: row.message,
  absences: row.absences.map((a) => ({ ...a, name: names.get(a.residentId) ?? '' })),
  status: row.status,
  createdAt: row.createdAt,
  createdByName: row.createdByName,
  decidedAt: row.decidedAt,
  refusalReason: row.refusalReason,
});

/** Late change requests with the names of the residents their absences are about. */
export function changeRequestsOut(ctx: Pick<Ctx, 'db'>, rows: ChangeRequestRow[]) {
  const names = residentNames(
    ctx.db,
    rows.flatMap((r) => r.absences.map((a) => a.residentId)),
  );
  return rows.map((row) => changeRequestOut(row, names));
}

/** Orders the caller sees (its care home's, or those of the care homes its pharmacy serves), newest week first. */
export function listOrders({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: { week?: string; careHomeId?: number; status?: OrderStatus };
}) {
  authorize(ctx.actor, 'orders.read');
  const rows = listOrderRows(ctx.db, orderScopeOf(ctx), { ...query, limit: 500 });
  const missed = missedSlotIds(ctx, rows);
  const calendars = new Map<number, OrderCalendar>();
  const calendarOf = (careHomeId: number) => {
    const known = calendars.get(careHomeId);
    if (known) return known;
    const calendar = loadOrderCalendar(ctx.db, careHomeId);
    calendars.set(careHomeId, calendar);
    return calendar;
  };
  return { items: rows.map((row) => orderSummary(ctx, row, missed.has(row.id), calendarOf(row.careHomeId))) };
}

/** The whole order as last computed, for the caller's scope; reading residents' data is audited. */
export function orderDetail(ctx: Ctx, row: OrderRow): OrderDetailOut {
  const settings = loadCareHomeSettings(ctx.db, row.careHomeId);
  const times = settings.administrationTimes.map((t) => t.name);
  return {
    ...orderSummary(ctx, row, missedSlotIds(ctx, [row]).has(row.id), settings),
    notes: row.notes,
    computedAt: row.computedAt,
    submittedAt: row.submittedAt,
    administrationTimes: times,
    days: [...isoWeekDays(row.week)],
    residents: listOrderResidentTexts(ctx.db, row.id).map((r) => ({
      residentId: r.residentId,
      name: `${r.lastName.toLocaleUpperCase('fr')} ${r.firstName}`,
      room: r.room,
      pouches: r.pouches,
      // Sent as stored: parsing 80 weeks to write them back cost ~0.5 ms (issue 16).
      days: storedJson<OrderDetailOut['residents'][number]['days']>(r.days),
    })),
    products: listOrderProductRows(ctx.db, row.id),
    absences: listAbsenceRows(ctx.db, row.id),
    changeRequests: changeRequestsOut(ctx, listChangeRequestRows(ctx.db, { all: true }, { orderId: row.id })),
    events: listEventRows(ctx.db, row.id),
  };
}

export function getOrder({ ctx, id }: { ctx: Ctx; id: number }): OrderDetailOut {
  const row = orderInScope(ctx, 'orders.read', id);
  recordAudit(ctx, { action: 'orders.read', entity: 'weekly_order', entityId: id });
  return orderDetail(ctx, row);
}
