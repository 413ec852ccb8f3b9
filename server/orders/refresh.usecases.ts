import { raiseAlert } from '../alerts/alerts.usecases';
import type { Ctx } from '../http/context';
import { addCalendarDays, isoWeekMonday } from '../shared/dates';
import { weekAlertParams } from './orders.models';
import { findOrderRow, openOrderIds } from './orders.repository';
import { recomputeOrderRow } from './recompute.usecases';

/**
 * Recomputes a care home's orders still open to change (draft, submitted or planned, cut-off
 * ahead) whose week ends on or after `from` (all of them without it), recording the event on each
 * (a planned order's batch follows: `recomputeOrderRow`). A submitted or planned order whose
 * pouches or units changed raises an alert for the care home: what it submitted moved.
 * Call inside the write's transaction.
 */
export function refreshOpenOrders(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  careHomeId: number,
  event: { kind: string; details?: Record<string, unknown> },
  from?: string,
): number {
  let refreshed = 0;
  for (const orderId of openOrderIds(ctx.db, careHomeId, ctx.clock.now().toISOString())) {
    const order = findOrderRow(ctx.db, orderId);
    if (!order) continue;
    if (from !== undefined && addCalendarDays(isoWeekMonday(order.week), 6) < from) continue;
    const { before, after } = recomputeOrderRow(ctx, orderId, event);
    refreshed++;
    const changed = (Object.keys(before) as (keyof typeof before)[]).some((k) => before[k] !== after[k]);
    if (changed && order.status !== 'draft') {
      raiseAlert(ctx, {
        scope: { careHomeId },
        kind: 'orders.changed',
        entity: 'weekly_order',
        entityId: orderId,
        messageKey: 'alerts.orderChanged',
        params: { ...weekAlertParams(order.week), before: before.pouches, after: after.pouches },
      });
    }
  }
  return refreshed;
}
