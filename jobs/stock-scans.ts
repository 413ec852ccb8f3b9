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

/** Daily 06:45 Paris (SPEC §9): products under their threshold. */
export const lowStockJob = defineJob({
  name: 'low-stock',
  period: 'day',
  at: '06:45',
  run: (ctx) => scanLowStock(ctx),
});
