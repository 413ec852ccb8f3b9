import { realignOpenOrderDeadlines } from '../server/orders/care-home-settings.usecases';
import { createNextWeekDrafts } from '../server/orders/orders.usecases';
import { defineJob } from './runner';

/**
 * Monday 06:00 Paris (SPEC §9): next week's draft order for every care home, from the
 * prescriptions. The week comes from the run's period, so a catch-up run after downtime drafts
 * the week after the one it covers; a second run of a week creates nothing. Then open orders whose
 * deadlines were computed under an older rule take the current ones (`realignOpenOrderDeadlines`).
 */
export const weeklyOrdersJob = defineJob({
  name: 'weekly-orders',
  period: 'week',
  weekday: 1,
  at: '06:00',
  run: (ctx, _deps, period) => {
    const summary = createNextWeekDrafts(ctx, period.key);
    const realigned = realignOpenOrderDeadlines(ctx);
    return realigned > 0 ? `${summary}; ${realigned} open orders realigned to their deadlines` : summary;
  },
});
