import { raiseSlotMissedAlerts } from '../server/robot/slot-missed.usecases';
import { scanExpiry } from '../server/stock/pool.usecases';
import { scanLowStock } from '../server/stock/stock.usecases';
import { defineJob } from './runner';

/** Daily 06:30 Paris (SPEC §9): expiring-soon lots and rebalancing suggestions. */
export const expiryScanJob = defineJob({
  name: 'expiry-scan',
  period: 'day',
  at: '06:30',
  run: (ctx) => scanExpiry(ctx),
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
