import type { Db } from '../../db/client';
import { weeklyOrders } from '../../db/schema';
import { DEFAULT_CARE_HOME_SETTINGS, type OrderStatus, orderDeadlines } from '../../server/orders/orders.models';

/**
 * A weekly order with known totals, written straight into the orders table: robot tests own their
 * orders (exact pouches give exact durations) instead of depending on the demo's residents.
 * Cut-off and delivery are the SPEC §5 defaults (Wednesday 12:00 and Friday 14:00 of the week before).
 */
export function insertOrder(
  db: Db,
  o: { careHome: string; week: string; pouches: number; manualUnits?: number; status?: OrderStatus },
): number {
  const careHome = db.$client.prepare('SELECT id FROM care_homes WHERE slug = ?').get(o.careHome) as { id: number };
  const { cutoffAt, deliveryAt } = orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, o.week);
  const now = '2026-11-01T08:00:00.000Z';
  return db
    .insert(weeklyOrders)
    .values({
      careHomeId: careHome.id,
      week: o.week,
      status: o.status ?? 'submitted',
      cutoffAt: cutoffAt.toISOString(),
      deliveryAt: deliveryAt.toISOString(),
      pouches: o.pouches,
      robotUnits: o.pouches * 2,
      manualUnits: o.manualUnits ?? 0,
      horsPdaUnits: 0,
      computedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: weeklyOrders.id })
    .get().id;
}

export function orderStatus(db: Db, id: number): string {
  return (db.$client.prepare('SELECT status FROM weekly_orders WHERE id = ?').get(id) as { status: string }).status;
}

export function count(db: Db, table: string, where = '1 = 1'): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
}

/** Row counts of every robot table and the orders' statuses: "nothing written" compares two of these. */
export function robotState(db: Db) {
  return {
    robots: count(db, 'robots'),
    windows: count(db, 'robot_windows'),
    closures: count(db, 'robot_closures'),
    cassettes: count(db, 'robot_cassettes'),
    batches: count(db, 'robot_batches'),
    links: count(db, 'robot_batch_orders'),
    orders: db.$client.prepare('SELECT id, status FROM weekly_orders ORDER BY id').all(),
    batchRows: db.$client.prepare('SELECT id, start_at, end_at, status FROM robot_batches ORDER BY id').all(),
  };
}

export const ROBOT_BODY = { name: 'Robot PDA de Bugeat', hostPharmacyId: 1 };

/**
 * Empties the robot's tables and the orders between the tests of one file (one app and its logins
 * per file keep the file fast). The audit log is append-only: count its rows as differences.
 */
export function resetRobotData(db: Db) {
  db.$client.exec(`
    DELETE FROM robot_batch_orders; DELETE FROM robot_batches; DELETE FROM robot_cassettes;
    DELETE FROM robot_closures; DELETE FROM robot_windows; DELETE FROM robots;
    DELETE FROM order_events; DELETE FROM weekly_orders;`);
}
