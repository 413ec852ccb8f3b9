import type { Db } from '../../db/client';
import { robotBatches, robotBatchOrders } from '../../db/schema';
import { statement } from '../../db/statements';
import type { OrderStatus } from '../orders/orders.models';
import type { Breakdown } from './robot.models';

// Batches belong to the pharmacy whose care homes' orders they hold (`pharmacy_id`). Every
// member sees every batch of the calendar as a time block with pharmacy and care homes (never
// residents), so reads take no tenant; writes are authorised by the use case on that pharmacy.

export type BatchRow = {
  id: number;
  robotId: number;
  pharmacyId: number;
  pharmacyName: string;
  start: string;
  end: string;
  status: string;
  pouches: number;
  manualUnits: number;
  durationMinutes: number;
  setupMinutes: number;
  pouchMinutes: number;
  manualMinutes: number;
  cleaningMinutes: number;
};

const BATCH_SELECT = `SELECT b.id, b.robot_id AS robotId, b.pharmacy_id AS pharmacyId, p.name AS pharmacyName,
  b.start_at AS start, b.end_at AS end, b.status, b.pouches, b.manual_units AS manualUnits,
  b.duration_minutes AS durationMinutes, b.setup_minutes AS setupMinutes, b.pouch_minutes AS pouchMinutes,
  b.manual_minutes AS manualMinutes, b.cleaning_minutes AS cleaningMinutes
  FROM robot_batches b JOIN pharmacies p ON p.id = b.pharmacy_id`;

export function findBatch(db: Db, id: number): BatchRow | undefined {
  return statement(db, `${BATCH_SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
}

export type MissedSlotBatchRow = BatchRow & { robotName: string; hostPharmacyId: number; controlMinutes: number };

/**
 * Booked batches whose slot ended at or before `nowIso` (`isSlotMissed`), oldest first, with their
 * robot's name, host pharmacy and control time; with `pharmacyId`, only those it hosts or whose
 * orders it serves.
 */
export function listMissedSlotBatches(db: Db, nowIso: string, pharmacyId?: number): MissedSlotBatchRow[] {
  return statement(
    db,
    `SELECT q.*, r.name AS robotName, r.host_pharmacy_id AS hostPharmacyId, r.control_minutes AS controlMinutes
     FROM (${BATCH_SELECT} WHERE b.status = 'booked' AND b.end_at <= ?) q JOIN robots r ON r.id = q.robotId
     WHERE (? IS NULL OR r.host_pharmacy_id = ? OR q.pharmacyId = ?)
     ORDER BY q.end, q.id`,
  ).all(nowIso, pharmacyId ?? null, pharmacyId ?? null, pharmacyId ?? null) as MissedSlotBatchRow[];
}

/** Batches (cancelled ones too) starting in `[fromIso, toIso)`, in time order. */
export function listBatchesStarting(db: Db, robotId: number, fromIso: string, toIso: string): BatchRow[] {
  return statement(
    db,
    `${BATCH_SELECT} WHERE b.robot_id = ? AND b.start_at >= ? AND b.start_at < ? ORDER BY b.start_at, b.id`,
  ).all(robotId, fromIso, toIso) as BatchRow[];
}

/** Non-cancelled batches overlapping `[fromIso, toIso)`, in time order (`excludeId`: one being moved). */
export function listActiveBatchesOverlapping(
  db: Db,
  robotId: number,
  fromIso: string,
  toIso: string,
  excludeId = 0,
): BatchRow[] {
  return statement(
    db,
    `${BATCH_SELECT} WHERE b.robot_id = ? AND b.status <> 'cancelled' AND b.end_at > ? AND b.start_at < ? AND b.id <> ?
     ORDER BY b.start_at, b.id`,
  ).all(robotId, fromIso, toIso, excludeId) as BatchRow[];
}

/** The robot's active batches (not cancelled) but `excludeId` that end after `fromIso`, in time order. */
export function listActiveBatchesEndingAfter(db: Db, robotId: number, fromIso: string, excludeId: number): BatchRow[] {
  return statement(
    db,
    `${BATCH_SELECT} WHERE b.robot_id = ? AND b.status <> 'cancelled' AND b.end_at > ? AND b.id <> ?
     ORDER BY b.start_at, b.id`,
  ).all(robotId, fromIso, excludeId) as BatchRow[];
}

/** Batches still to run (booked or in production) that end after `nowIso`, in time order. */
export function listBatchesToRun(db: Db, robotId: number, nowIso: string): BatchRow[] {
  return statement(
    db,
    `${BATCH_SELECT} WHERE b.robot_id = ? AND b.status IN ('booked', 'in_production') AND b.end_at > ?
     ORDER BY b.start_at, b.id`,
  ).all(robotId, nowIso) as BatchRow[];
}

/**
 * Batches of the robot not yet produced (booked or in production, whatever their time) whose
 * orders have units of `cip13` packed by the robot: they were sized with its cassette.
 */
export function listBatchesUsingProduct(db: Db, robotId: number, cip13: string): BatchRow[] {
  return statement(
    db,
    `${BATCH_SELECT} WHERE b.robot_id = ? AND b.status IN ('booked', 'in_production')
       AND EXISTS (SELECT 1 FROM robot_batch_orders l JOIN order_lines ol ON ol.order_id = l.order_id
                   WHERE l.batch_id = b.id AND l.active = 1 AND ol.cip13 = ? AND ol.route = 'robot' AND ol.units > 0)
     ORDER BY b.start_at, b.id`,
  ).all(robotId, cip13) as BatchRow[];
}

export type BatchOrderRow = {
  batchId: number;
  orderId: number;
  careHomeId: number;
  careHomeName: string;
  week: string;
  pouches: number;
  manualUnits: number;
  cutoffAt: string;
  deliveryAt: string;
};

/** The orders of the given batches (active links, or all links of cancelled batches). */
export function listBatchOrders(db: Db, batchIds: number[]): BatchOrderRow[] {
  if (batchIds.length === 0) return [];
  return statement(
    db,
    `SELECT l.batch_id AS batchId, l.order_id AS orderId, o.care_home_id AS careHomeId, c.name AS careHomeName,
       o.week, l.pouches, l.manual_units AS manualUnits, o.cutoff_at AS cutoffAt, o.delivery_at AS deliveryAt
     FROM robot_batch_orders l JOIN robot_batches b ON b.id = l.batch_id
     JOIN weekly_orders o ON o.id = l.order_id JOIN care_homes c ON c.id = o.care_home_id
     WHERE l.batch_id IN (SELECT value FROM json_each(?)) AND (l.active = 1 OR b.status = 'cancelled')
     ORDER BY l.batch_id, c.name, l.order_id`,
  ).all(JSON.stringify(batchIds)) as BatchOrderRow[];
}

export type NewBatch = {
  robotId: number;
  pharmacyId: number;
  start: string;
  end: string;
  pouches: number;
  manualUnits: number;
  durationMinutes: number;
  breakdown: Breakdown;
  now: string;
  userId: number | null;
  orders: { orderId: number; pouches: number; manualUnits: number }[];
};

export function insertBatch(db: Db, b: NewBatch): number {
  const id = db
    .insert(robotBatches)
    .values({
      robotId: b.robotId,
      pharmacyId: b.pharmacyId,
      startAt: b.start,
      endAt: b.end,
      status: 'booked',
      pouches: b.pouches,
      manualUnits: b.manualUnits,
      durationMinutes: b.durationMinutes,
      setupMinutes: b.breakdown.setup,
      pouchMinutes: b.breakdown.pouches,
      manualMinutes: b.breakdown.manual,
      cleaningMinutes: b.breakdown.cleaning,
      createdAt: b.now,
      createdBy: b.userId,
      updatedAt: b.now,
    })
    .returning({ id: robotBatches.id })
    .get().id;
  db.insert(robotBatchOrders)
    .values(b.orders.map((o) => ({ batchId: id, orderId: o.orderId, pouches: o.pouches, manualUnits: o.manualUnits })))
    .run();
  return id;
}

export function moveBatch(db: Db, id: number, start: string, end: string, now: string) {
  statement(db, 'UPDATE robot_batches SET start_at = ?, end_at = ?, updated_at = ? WHERE id = ?').run(
    start,
    end,
    now,
    id,
  );
}

export function cancelBatchRow(db: Db, id: number, now: string, userId: number | null) {
  statement(
    db,
    `UPDATE robot_batches SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, updated_at = ? WHERE id = ?`,
  ).run(now, userId, now, id);
  statement(db, 'UPDATE robot_batch_orders SET active = 0 WHERE batch_id = ?').run(id);
}

/** The booked or running batch an order is in (its active link), or undefined. */
export function findActiveBatchOfOrder(
  db: Db,
  orderId: number,
): { id: number; robotId: number; status: string; startAt: string } | undefined {
  return statement(
    db,
    `SELECT b.id, b.robot_id AS robotId, b.status, b.start_at AS startAt
     FROM robot_batch_orders l JOIN robot_batches b ON b.id = l.batch_id
     WHERE l.order_id = ? AND l.active = 1`,
  ).get(orderId) as { id: number; robotId: number; status: string; startAt: string } | undefined;
}

/** The active batch (id, status, end) of each of `orderIds` that is in one. */
export function activeBatchesOfOrders(
  db: Db,
  orderIds: readonly number[],
): { orderId: number; id: number; status: string; end: string }[] {
  if (orderIds.length === 0) return [];
  return statement(
    db,
    `SELECT l.order_id AS orderId, b.id, b.status, b.end_at AS end
     FROM robot_batch_orders l JOIN robot_batches b ON b.id = l.batch_id
     WHERE l.order_id IN (SELECT value FROM json_each(?)) AND l.active = 1`,
  ).all(JSON.stringify(orderIds)) as { orderId: number; id: number; status: string; end: string }[];
}

/** The batches an order was taken out of (inactive links), cancelled ones included. */
export function batchesLeftBy(db: Db, orderId: number): number[] {
  return (
    statement(db, 'SELECT batch_id AS id FROM robot_batch_orders WHERE order_id = ? AND active = 0').all(orderId) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

/** Ends an order's link to a batch and returns the pouches and manual units of the links left. */
export function unlinkOrder(db: Db, batchId: number, orderId: number): { pouches: number; manualUnits: number }[] {
  statement(db, 'UPDATE robot_batch_orders SET active = 0 WHERE batch_id = ? AND order_id = ?').run(batchId, orderId);
  return statement(
    db,
    'SELECT pouches, manual_units AS manualUnits FROM robot_batch_orders WHERE batch_id = ? AND active = 1',
  ).all(batchId) as { pouches: number; manualUnits: number }[];
}

/**
 * Sets the pouches and manual-tray units an order brings to its batch (its active link) and
 * returns every active link of the batch, this one included.
 */
export function setLinkLoad(
  db: Db,
  batchId: number,
  orderId: number,
  load: { pouches: number; manualUnits: number },
): { orderId: number; pouches: number; manualUnits: number }[] {
  statement(
    db,
    'UPDATE robot_batch_orders SET pouches = ?, manual_units = ? WHERE batch_id = ? AND order_id = ? AND active = 1',
  ).run(load.pouches, load.manualUnits, batchId, orderId);
  return statement(
    db,
    `SELECT order_id AS orderId, pouches, manual_units AS manualUnits FROM robot_batch_orders
     WHERE batch_id = ? AND active = 1 ORDER BY order_id`,
  ).all(batchId) as { orderId: number; pouches: number; manualUnits: number }[];
}

/** A batch's load and end after its orders changed (same start). */
export function setBatchLoad(
  db: Db,
  id: number,
  load: {
    end: string;
    pouches: number;
    manualUnits: number;
    durationMinutes: number;
    breakdown: { setup: number; pouches: number; manual: number; cleaning: number };
  },
  now: string,
) {
  statement(
    db,
    `UPDATE robot_batches SET end_at = ?, pouches = ?, manual_units = ?, duration_minutes = ?, setup_minutes = ?,
       pouch_minutes = ?, manual_minutes = ?, cleaning_minutes = ?, updated_at = ? WHERE id = ?`,
  ).run(
    load.end,
    load.pouches,
    load.manualUnits,
    load.durationMinutes,
    load.breakdown.setup,
    load.breakdown.pouches,
    load.breakdown.manual,
    load.breakdown.cleaning,
    now,
    id,
  );
}

// ---- the orders the robot plans (tables of the orders domain, read here; status set here) ----

export type PlannableOrder = {
  id: number;
  careHomeId: number;
  careHomeName: string;
  pharmacyId: number;
  week: string;
  status: OrderStatus;
  pouches: number;
  manualUnits: number;
  cutoffAt: string;
  deliveryAt: string;
  batchId: number | null;
};

const ORDER_SELECT = `SELECT o.id, o.care_home_id AS careHomeId, c.name AS careHomeName, c.pharmacy_id AS pharmacyId,
  o.week, o.status, o.pouches, o.manual_units AS manualUnits, o.cutoff_at AS cutoffAt, o.delivery_at AS deliveryAt,
  (SELECT l.batch_id FROM robot_batch_orders l WHERE l.order_id = o.id AND l.active = 1) AS batchId
  FROM weekly_orders o JOIN care_homes c ON c.id = o.care_home_id`;

export function findOrders(db: Db, ids: number[]): PlannableOrder[] {
  return statement(db, `${ORDER_SELECT} WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.id`).all(
    JSON.stringify(ids),
  ) as PlannableOrder[];
}

/**
 * Submitted orders in no active batch, of one pharmacy's care homes (or all when `pharmacyId` is
 * null), of one order week or (without `week`) delivered after `deliveredAfter`, by delivery.
 */
export function listPendingOrders(
  db: Db,
  f: { pharmacyId: number | null; week?: string; deliveredAfter: string },
): PlannableOrder[] {
  return statement(
    db,
    `${ORDER_SELECT} WHERE o.status = 'submitted' AND c.active = 1
       AND NOT EXISTS (SELECT 1 FROM robot_batch_orders l WHERE l.order_id = o.id AND l.active = 1)
       AND (? IS NULL OR c.pharmacy_id = ?) AND (? IS NULL OR o.week = ?) AND o.delivery_at > ?
     ORDER BY o.delivery_at, c.name, o.id`,
  ).all(f.pharmacyId, f.pharmacyId, f.week ?? null, f.week ?? null, f.deliveredAfter) as PlannableOrder[];
}

/** Moves orders from one status to another and records it in each order's history. */
export function setOrdersStatus(
  db: Db,
  ids: number[],
  from: OrderStatus,
  to: OrderStatus,
  event: { at: string; userId: number | null; label: string; batchId: number },
) {
  const update = statement(db, 'UPDATE weekly_orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?');
  const history = statement(
    db,
    `INSERT INTO order_events (order_id, at, actor_user_id, actor_label, kind, details) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const id of ids) {
    if (update.run(to, event.at, id, from).changes !== 1) throw new Error(`order ${id} is no longer ${from}`);
    history.run(id, event.at, event.userId, event.label, to, JSON.stringify({ from, to, batchId: event.batchId }));
  }
}

/** Orders whose contents may still change (draft, submitted) and whose delivery is after `afterIso`. */
export function listOpenOrderIds(db: Db, afterIso: string): number[] {
  return (
    statement(
      db,
      `SELECT id FROM weekly_orders WHERE status IN ('draft', 'submitted') AND delivery_at > ? ORDER BY id`,
    ).all(afterIso) as { id: number }[]
  ).map((r) => r.id);
}
