import type request from 'supertest';
import type { Db } from '../../db/client';

type Agent = ReturnType<typeof request.agent>;

const q = <T>(db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const one = <T>(db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;

/**
 * The cut-off of the demo's open order week at TEST_NOW (2026-W49: Wednesday 2026-11-25 12:00
 * Paris). A batch may not start before the cut-off of its orders, so production tests seed the
 * demo at TEST_NOW and then run at this instant.
 */
export const OPEN_WEEK_CUTOFF = '2026-11-25T11:00:00.000Z';

/** The demo's robot (hosted by Bugeat), created by the admin when the demo has none. */
export async function ensureRobot(db: Db, admin: Agent): Promise<number> {
  const found = one<{ id: number } | undefined>(db, 'SELECT id FROM robots WHERE active = 1 ORDER BY id LIMIT 1');
  if (found) return found.id;
  const res = await admin.post('/api/robots').send({ name: 'Robot PDA de Bugeat', hostPharmacyId: 1 });
  if (res.status !== 201) throw new Error(`robot: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Books an order at the first start the robot proposes; returns the batch id. */
export async function bookFirstSlot(agent: Agent, robotId: number, orderIds: number[]): Promise<number> {
  const slots = await agent.get(`/api/robots/${robotId}/slots`).query({ orderIds: orderIds.join(',') });
  if (slots.status !== 200 || slots.body.starts.length === 0)
    throw new Error(`slots: ${slots.status} ${JSON.stringify(slots.body)}`);
  const res = await agent.post('/api/robot-batches').send({ robotId, start: slots.body.starts[0], orderIds });
  if (res.status !== 201) throw new Error(`book: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Units per product an order puts into pouches (robot and manual tray). */
export function pouchNeeds(db: Db, orderId: number): { cip13: string; units: number }[] {
  return q(
    db,
    `SELECT cip13, sum(units) AS units FROM order_lines WHERE order_id = ? AND route IN ('robot', 'manual') AND units > 0
     GROUP BY cip13 ORDER BY cip13`,
    orderId,
  );
}

/** Receives, at the agent's pharmacy, one lot per product covering `units` (plus `extra`). */
export async function stockUp(
  agent: Agent,
  needs: { cip13: string; units: number }[],
  o: { prefix: string; expiryDate: string; extra?: number },
) {
  for (const [i, n] of needs.entries()) {
    const res = await agent.post('/api/stock/receipts').send({
      cip13: n.cip13,
      lotNumber: `${o.prefix}${i}`,
      expiryDate: o.expiryDate,
      quantity: n.units + (o.extra ?? 0),
      unitCostCents: 12,
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`receipt: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A product's label as the catalogue names it: the speciality's name, else the presentation's label. */
export const catalogueLabelOf = (db: Db, cip13: string) =>
  db.$client
    .prepare(
      `SELECT coalesce(s.name, p.label) FROM catalogue_presentations p
       LEFT JOIN catalogue_specialities s ON s.cis = p.cis WHERE p.cip13 = ?`,
    )
    .pluck()
    .get(cip13) as string;

export const pharmacyIdOf = (db: Db, slug: string) =>
  one<{ id: number }>(db, 'SELECT id FROM pharmacies WHERE slug = ?', slug).id;

/** Everything production, delivery or a recall may write: "nothing written" compares two of these. */
export function productionState(db: Db) {
  const n = (table: string) => one<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`).n;
  return {
    runs: q(db, 'SELECT * FROM robot_batch_runs ORDER BY batch_id'),
    consumption: n('robot_batch_consumption'),
    verifications: n('robot_batch_verifications'),
    anomalies: q(db, 'SELECT id, resolved_at FROM robot_batch_anomalies ORDER BY id'),
    deliveries: n('order_deliveries'),
    movements: n('stock_movements'),
    lots: q(db, 'SELECT id, quantity FROM stock_lots ORDER BY id'),
    batches: q(db, 'SELECT id, status FROM robot_batches ORDER BY id'),
    orders: q(db, 'SELECT id, status FROM weekly_orders ORDER BY id'),
    events: n('order_events'),
    rejections: n('robot_batch_rejections'),
    voided: n('robot_batch_consumption WHERE voided_at IS NOT NULL'),
  };
}

export function orderStatusOf(db: Db, id: number): string {
  return one<{ status: string }>(db, 'SELECT status FROM weekly_orders WHERE id = ?', id).status;
}
