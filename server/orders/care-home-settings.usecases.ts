import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { sharedJson, storedJson } from '../http/json-text';
import { listRobots } from '../robot/robot.repository';
import { isoWeek, isoWeekMonday } from '../shared/dates';
import { actorUserId, careHomeInScope, todayOf } from './orders.access';
import { ordersErrors } from './orders.errors';
import {
  cutoffBeforeDelivery,
  deadlinesAfterSettingsChange,
  orderDeadlines,
  productionMinutes,
  scheduleFrom,
} from './orders.models';
import { unplannedOrdersFrom, updateOrderRow } from './orders.repository';
import { recomputeOrderRow } from './recompute.usecases';
import {
  listActiveCareHomeIds,
  loadCareHomeSettings,
  loadCareHomeSettingsText,
  loadOrderCalendar,
  openLinesUsingTimes,
  upsertSettingsRow,
} from './residents.repository';
import type { CareHomeSettingsInput, CareHomeSettingsOut } from './residents.schemas';

/** Administration times, delivery and cut-off of a care home (admin, its pharmacy's staff, itself). */
export function getCareHomeSettings({ ctx, careHomeId }: { ctx: Ctx; careHomeId: number }): CareHomeSettingsOut {
  careHomeInScope(ctx, 'care_home_settings.read', careHomeId);
  const { administrationTimesJson, ...settings } = loadCareHomeSettingsText(ctx.db, careHomeId);
  // Sent as stored: the column holds what `updateCareHomeSettings` wrote (issue 16).
  return { careHomeId, administrationTimes: storedJson(administrationTimesJson), ...settings };
}

/**
 * Admin sets a care home's administration times, delivery and cut-off (SPEC §5). The cut-off must
 * come before the delivery (422 `care_homes.cutoff_after_delivery`) and leave time to produce
 * before delivery less the longest control time of the robots in service (422 `care_homes.no_production_time`,
 * `productionMinutes`); a time that prescriptions still in force give doses at cannot be
 * dropped or renamed (409, with the names and line counts). Orders not yet planned on the robot
 * move to the new cut-off and delivery instants as `deadlinesAfterSettingsChange` says (a
 * submitted order keeps its own when the new cut-off is already past); those moved and those
 * still open are recomputed (new administration times).
 */
export function updateCareHomeSettings({
  ctx,
  careHomeId,
  input,
}: {
  ctx: Ctx;
  careHomeId: number;
  input: CareHomeSettingsInput;
}) {
  careHomeInScope(ctx, 'care_home_settings.manage', careHomeId);
  if (!cutoffBeforeDelivery(input)) throw ordersErrors.cutoffAfterDelivery();
  // The strictest control time of the robots in service: every order must leave time to produce.
  const control = Math.max(
    0,
    ...listRobots(ctx.db)
      .filter((r) => r.active)
      .map((r) => r.controlMinutes),
  );
  if (productionMinutes(input, control) <= 0) throw ordersErrors.noProductionTime(control);
  return ctx.db.transaction(
    () => {
      const before = loadCareHomeSettings(ctx.db, careHomeId);
      const kept = new Set(input.administrationTimes.map((t) => t.name));
      const dropped = before.administrationTimes.map((t) => t.name).filter((name) => !kept.has(name));
      const inUse = openLinesUsingTimes(ctx.db, careHomeId, dropped, todayOf(ctx));
      if (inUse.length > 0) throw ordersErrors.administrationTimeInUse(inUse);
      const now = ctx.clock.now().toISOString();
      upsertSettingsRow(ctx.db, { careHomeId, ...input, updatedAt: now, updatedBy: actorUserId(ctx) });
      const moved: { week: string; cutoffAt: string; deliveryAt: string }[] = [];
      for (const order of unplannedOrdersFrom(ctx.db, careHomeId, isoWeek(ctx.clock.now()))) {
        const due = orderDeadlines(input, order.week);
        const next = deadlinesAfterSettingsChange(
          order,
          { cutoffAt: due.cutoffAt.toISOString(), deliveryAt: due.deliveryAt.toISOString() },
          ctx.clock.now(),
        );
        const open = order.cutoffAt > now;
        if (!next && !open) continue;
        const details = next ? { from: { cutoffAt: order.cutoffAt, deliveryAt: order.deliveryAt }, to: next } : {};
        recomputeOrderRow(ctx, order.id, { kind: 'settings_changed', details }, () => {
          if (next) updateOrderRow(ctx.db, order.id, next);
        });
        if (next) moved.push({ week: order.week, ...next });
      }
      recordAudit(ctx, {
        action: 'care_homes.settings',
        entity: 'care_home',
        entityId: careHomeId,
        details: { before, after: input, movedOrders: moved },
      });
      return { careHomeId, ...loadCareHomeSettings(ctx.db, careHomeId) };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Cut-off and delivery instants (UTC ISO) of `weeks` order weeks from `from` (default: the current
 * Paris ISO week), DST-safe, from the care home's settings. The list stops at year 9999.
 */
export function getOrderSchedule({
  ctx,
  careHomeId,
  from,
  weeks,
}: {
  ctx: Ctx;
  careHomeId: number;
  from?: string;
  weeks: number;
}) {
  careHomeInScope(ctx, 'care_home_settings.read', careHomeId);
  const calendar = loadOrderCalendar(ctx.db, careHomeId);
  const firstMonday = isoWeekMonday(from ?? isoWeek(ctx.clock.now()));
  // The run of weeks is kept and shared (`scheduleFrom`), and so is its JSON text (issue 16).
  return { items: sharedJson(scheduleFrom(calendar, firstMonday, weeks)) };
}

/**
 * Job `weekly-orders` (after the drafts): orders not yet planned whose stored cut-off and delivery
 * differ from what their care home's calendar now gives (created before the holiday rule of
 * `orderDeadlinesOfMonday`, 2026-12: a W53 due on Christmas Day) take the computed instants, one
 * transaction each, with a `deadlines_realigned` event and an audit row. Only while both the
 * stored and the new cut-off are ahead of now: nobody is locked out of an order they could still
 * change, and a closed order keeps its terms. Returns how many orders moved.
 */
export function realignOpenOrderDeadlines(ctx: Ctx): number {
  const now = ctx.clock.now().toISOString();
  let moved = 0;
  for (const careHomeId of listActiveCareHomeIds(ctx.db)) {
    const calendar = loadOrderCalendar(ctx.db, careHomeId);
    for (const order of unplannedOrdersFrom(ctx.db, careHomeId, isoWeek(ctx.clock.now()))) {
      const due = orderDeadlines(calendar, order.week);
      const next = { cutoffAt: due.cutoffAt.toISOString(), deliveryAt: due.deliveryAt.toISOString() };
      if (order.cutoffAt <= now || next.cutoffAt <= now) continue;
      if (order.cutoffAt === next.cutoffAt && order.deliveryAt === next.deliveryAt) continue;
      const details = { from: { cutoffAt: order.cutoffAt, deliveryAt: order.deliveryAt }, to: next };
      ctx.db.transaction(
        () => {
          recomputeOrderRow(ctx, order.id, { kind: 'deadlines_realigned', details }, () =>
            updateOrderRow(ctx.db, order.id, next),
          );
          recordAudit(ctx, {
            action: 'orders.deadlines_realigned',
            entity: 'weekly_order',
            entityId: order.id,
            details,
          });
        },
        { behavior: 'immediate' },
      );
      moved++;
    }
  }
  return moved;
}
