import type { Db } from '../../db/client';
import { statement } from '../../db/statements';

/** An alert as listed: what `withCurrentLotQuantities` reads and may rewrite. */
type ListedAlert = {
  kind: string;
  entity: string;
  entityId: string;
  messageKey: string;
  params: Record<string, string | number>;
};

/**
 * Expiry alerts (`stock.expiring`, raised once ever per lot by the expiry scan, pool.usecases)
 * say how many units of a lot will expire; rebalance alerts (`stock.rebalance`, to the pharmacy
 * that could use another's lot) how many it could ask for, read as at most what the lot holds now
 * (`alerts.stockRebalanceGone` once it holds none). The figure the scan wrote ages as the lot is
 * dispensed, sent or adjusted (issue #15): listed, each alert gives the lot's units as they are
 * now (`params.quantity`), and a lot with none left reads `alerts.stockExpiringEmpty` (nothing
 * left to use up). Other alerts, and alerts of a lot that no longer exists, pass unchanged.
 * One query whatever the number of alerts.
 */
export function withCurrentLotQuantities<T extends ListedAlert>(db: Db, alerts: T[]): T[] {
  const lotIds = alerts.filter(isExpiryAlert).map((a) => a.entityId);
  if (lotIds.length === 0) return alerts;
  const rows = statement(
    db,
    'SELECT CAST(id AS TEXT) AS id, quantity FROM stock_lots WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))',
  ).all(JSON.stringify(lotIds)) as { id: string; quantity: number }[];
  const quantityOf = new Map(rows.map((r) => [r.id, r.quantity]));
  return alerts.map((a) => {
    const held = isExpiryAlert(a) ? quantityOf.get(a.entityId) : undefined;
    if (held === undefined) return a;
    if (a.kind === 'stock.rebalance') {
      // The suggestion was what this pharmacy could use of the other's lot: never more than is left.
      const quantity = Math.min(Number(a.params.quantity) || 0, held);
      return {
        ...a,
        messageKey: quantity === 0 ? 'alerts.stockRebalanceGone' : a.messageKey,
        params: { ...a.params, quantity },
      };
    }
    return {
      ...a,
      messageKey: held === 0 ? 'alerts.stockExpiringEmpty' : a.messageKey,
      params: { ...a.params, quantity: held },
    };
  });
}

/** The lot alerts whose figure ages with the lot: its own expiry, another pharmacy's suggestion. */
const LOT_ALERT_KINDS = ['stock.expiring', 'stock.rebalance'];
const isExpiryAlert = (a: ListedAlert) => LOT_ALERT_KINDS.includes(a.kind) && a.entity === 'stock_lot';

/**
 * Lots (ids as alert entity ids) whose expiry or rebalance alert is still open though nothing is
 * left of them: dispensed, sent, written off or imported to 0 since the scan raised it. The expiry
 * scan settles these (nothing left to use up or to ask for; issue #15). One query.
 */
export function emptiedLotsWithOpenExpiryAlert(db: Db): string[] {
  const rows = statement(
    db,
    `SELECT DISTINCT a.entity_id AS lotId FROM alerts a JOIN stock_lots l ON l.id = CAST(a.entity_id AS INTEGER)
     WHERE a.kind IN ('stock.expiring', 'stock.rebalance') AND a.entity = 'stock_lot' AND a.dismissed_at IS NULL
       AND l.quantity = 0`,
  ).all() as { lotId: string }[];
  return rows.map((r) => r.lotId);
}
