import { raiseMissedCutoffAlerts } from '../server/orders/missed-cutoff.usecases';
import { raiseSlotMissedAlerts } from '../server/robot/slot-missed.usecases';
import { scanExpiry } from '../server/stock/pool.usecases';
import { scanLowStock } from '../server/stock/stock.usecases';
import { defineJob } from './runner';

/**
 * Daily 06:30 Paris (SPEC §9): expiring-soon lots and rebalancing suggestions. It is also the
 * daily morning pass for weekly orders left as drafts past their cut-off
 * (`raiseMissedCutoffAlerts`, SPEC §5): the alert then exists even when no one of the pharmacy
 * opens the app (reading the alerts raises it at once; the Monday `weekly-orders` job too), since
 * SPEC §9 fixes the list of jobs.
 */
export const expiryScanJob = defineJob({
  name: 'expiry-scan',
  period: 'day',
  at: '06:30',
  run: (ctx) => {
    const summary = scanExpiry(ctx);
    const missed = ctx.db.transaction(() => raiseMissedCutoffAlerts(ctx));
    return missed > 0 ? `${summary}; ${missed} order drafts past their cut-off alerted` : summary;
  },
});

/**
 * Daily 06:45 Paris (SPEC §9): products under their threshold. Then, as the morning's other
 * "what is short" check, booked robot batches whose slot went by without production alert their
 * host and their pharmacy (`raiseSlotMissedAlerts`, raised once per batch, also on reading alerts).
 */
export const lowStockJob = defineJob({
  name: 'low-stock',
  period: 'day',
  at: '06:45',
  run: (ctx) => {
    const summary = scanLowStock(ctx);
    const missed = ctx.db.transaction(() => raiseSlotMissedAlerts(ctx));
    return missed > 0 ? `${summary}; ${missed} robot batches past their slot alerted` : summary;
  },
});
