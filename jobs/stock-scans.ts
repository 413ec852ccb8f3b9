import { scanExpiry } from '../server/stock/pool.usecases';
import { scanLowStock } from '../server/stock/stock.usecases';
import type { JobDef } from './runner';

export const expiryScanJob: JobDef = {
  name: 'expiry-scan',
  cron: '30 6 * * *',
  period: 'day',
  run: (ctx) => scanExpiry(ctx),
};

export const lowStockJob: JobDef = {
  name: 'low-stock',
  cron: '45 6 * * *',
  period: 'day',
  run: (ctx) => scanLowStock(ctx),
};
