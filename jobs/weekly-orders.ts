import { realignOpenOrderDeadlines } from '../server/orders/care-home-settings.usecases';
import { raiseMissedCutoffAlerts } from '../server/orders/missed-cutoff.usecases';
import { createNextWeekDrafts } from '../server/orders/orders.usecases';
import { defineJob } from './runner';

/**
 * Monday 06:00 Paris (SPEC §9): next week's draft order for every care home, from the
 * prescriptions. The week comes from the run's period, so a catch-up run after downtime drafts
 * the week after the one it covers; a second run of a week creates nothing. Then open orders whose
 * deadlines were computed under an older rule take the current ones (`realignOpenOrderDeadlines`),
 * and drafts of this week left past their cut-off alert their pharmacy (`raiseMissedCutoffAlerts`,
 * raised once per order, also computed when staff read their alerts).
 */
export const weeklyOrdersJob = defineJob({
  name: 'weekly-orders',
  period: 'week',
  weekday: 1,
  at: '06:00',
  run: (ctx, _deps, period) => {
    const summary = createNextWeekDrafts(ctx, period.key);
    const realigned = realignOpenOrderDeadlines(ctx);
    const missed = ctx.db.transaction(() => raiseMissedCutoffAlerts(ctx));
    const withRealigned = realigned > 0 ? `${summary}; ${realigned} open orders realigned to their deadlines` : summary;
    return missed > 0 ? `${withRealigned}; ${missed} drafts past their cut-off alerted` : withRealigned;
  },
});
