import { alertsRoutes } from './alerts/alerts.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { careHomesRoutes } from './care-homes/care-homes.routes';
import { catalogueRoutes } from './catalogue/catalogue.routes';
import { healthRoutes } from './health/health.routes';
import type { RouteDef } from './http/route';
import { ordersRoutes } from './orders/orders.routes';
import { residentsRoutes } from './orders/residents.routes';
import { pharmaciesRoutes } from './pharmacies/pharmacies.routes';
import { recallRoutes } from './recall/recall.routes';
import { reviewsRoutes } from './reviews/reviews.routes';
import { batchesRoutes } from './robot/batches.routes';
import { productionRoutes } from './robot/production.routes';
import { robotsRoutes } from './robot/robots.routes';
import { sharesRoutes } from './shares/shares.routes';
import { sharesReportRoutes } from './shares/shares-report.routes';
import { poolRoutes } from './stock/pool.routes';
import { settlementRoutes } from './stock/settlement.routes';
import { stockRoutes } from './stock/stock.routes';
import { transfersRoutes } from './stock/transfers.routes';
import { usersRoutes } from './users/users.routes';

/** Every API route, one line per domain: mounted under /api and listed in the OpenAPI document. */
export const routes: RouteDef[] = [
  ...healthRoutes,
  ...authRoutes,
  ...auditRoutes,
  ...alertsRoutes,
  ...usersRoutes,
  ...pharmaciesRoutes,
  ...careHomesRoutes,
  ...catalogueRoutes,
  ...stockRoutes,
  ...poolRoutes,
  ...settlementRoutes,
  ...transfersRoutes,
  ...residentsRoutes,
  ...ordersRoutes,
  ...sharesRoutes,
  ...sharesReportRoutes,
  ...reviewsRoutes,
  ...robotsRoutes,
  ...batchesRoutes,
  ...productionRoutes,
  ...recallRoutes,
];
