import { statement } from '../../db/statements';
import { raiseAlert } from '../alerts/alerts.usecases';
import type { Ctx } from '../http/context';
import { isoWeek } from '../shared/dates';
import { weekAlertParams } from './orders.models';

/** The alert kind telling a pharmacy that a care home's weekly order was still a draft at its cut-off. */
export const MISSED_CUTOFF_KIND = 'orders.missed_cutoff';

type MissedDraft = {
  id: number;
  week: string;
  careHomeName: string;
  pharmacyId: number;
  cutoffAt: string;
  /** When the order last became a draft: its creation, or its reopening after a cancellation. */
  draftSince: string;
};

/**
 * Drafts whose cut-off has passed and whose ISO week is not over yet (`fromWeek` or later), of the
 * care homes a pharmacy serves (every pharmacy without one): the weeks whose residents would get
 * no pouches unless the pharmacy submits the order for them.
 */
function listMissedDrafts(ctx: Pick<Ctx, 'db'>, nowIso: string, fromWeek: string, pharmacyId?: number) {
  return statement(
    ctx.db,
    `SELECT o.id AS id, o.week AS week, c.name AS careHomeName, c.pharmacy_id AS pharmacyId, o.cutoff_at AS cutoffAt,
            COALESCE((SELECT MAX(e.at) FROM order_events e WHERE e.order_id = o.id AND e.kind = 'reopened'),
                     o.created_at) AS draftSince
       FROM weekly_orders o JOIN care_homes c ON c.id = o.care_home_id
      WHERE o.status = 'draft' AND o.cutoff_at <= ? AND o.week >= ? AND (? IS NULL OR c.pharmacy_id = ?)
      ORDER BY o.week, o.id`,
  ).all(nowIso, fromWeek, pharmacyId ?? null, pharmacyId ?? null) as MissedDraft[];
}

/**
 * SPEC §5: a care home submits its weekly order before the cut-off; a draft left past it would
 * give its residents no pouches that week. Raises, once per draft (`dedupe: { since }`: once
 * from the time the order became a draft, so a week cancelled then ordered again past its cut-off
 * is alerted again, and a dismissed alert does not come back), an alert `orders.missed_cutoff` for
 * the serving pharmacy, whose staff may still submit it
 * (`submitOrder`), which resolves the alert, as cancelling does. Computed when the pharmacy reads
 * its alerts (`listMyAlerts`) by the daily `expiry-scan` job and by the Monday `weekly-orders` job (SPEC §9), so it is
 * idempotent: a second call raises nothing. `pharmacyId` limits it to one pharmacy's care homes.
 * Returns how many alerts were raised; call inside a transaction.
 */
export function raiseMissedCutoffAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, pharmacyId?: number): number {
  const now = ctx.clock.now();
  let raised = 0;
  for (const draft of listMissedDrafts(ctx, now.toISOString(), isoWeek(now), pharmacyId)) {
    const fresh = raiseAlert(ctx, {
      scope: { pharmacyId: draft.pharmacyId },
      kind: MISSED_CUTOFF_KIND,
      entity: 'weekly_order',
      entityId: draft.id,
      messageKey: 'alerts.orderMissedCutoff',
      params: { careHome: draft.careHomeName, ...weekAlertParams(draft.week), orderId: draft.id },
      // Once per draft spell: a week cancelled then ordered again is a new draft to alert about.
      dedupe: { since: draft.draftSince },
    });
    if (fresh) raised++;
  }
  return raised;
}
