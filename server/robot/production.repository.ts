import type { Db } from '../../db/client';
import {
  orderDeliveries,
  robotBatchAnomalies,
  robotBatchConsumption,
  robotBatchRuns,
  robotBatchVerifications,
} from '../../db/schema';
import { statement } from '../../db/statements';
import type { OrderStatus } from '../orders/orders.models';
import type { BatchRow } from './batches.repository';
import type { HostLot, LotAllocation, VerificationOutcome } from './production.models';
import type { BatchStatus } from './robot.models';

// Production rows hang off a batch; the use case has already checked that the actor may act on
// that batch (staff of its host pharmacy or of its orders' pharmacy), so reads take the batch id.

export type PouchLineRow = {
  lineId: number;
  orderId: number;
  residentId: number;
  cip13: string;
  units: number;
  route: 'robot' | 'manual';
  week: string;
};

/** The lines of a batch's (non-cancelled) orders that go into pouches: robot and manual tray. */
export function listBatchPouchLines(db: Db, batchId: number): PouchLineRow[] {
  return statement(
    db,
    `SELECT ol.id AS lineId, ol.order_id AS orderId, ol.resident_id AS residentId, ol.cip13, ol.units, ol.route, o.week
     FROM robot_batch_orders l JOIN weekly_orders o ON o.id = l.order_id JOIN order_lines ol ON ol.order_id = o.id
     WHERE l.batch_id = ? AND l.active = 1 AND o.status <> 'cancelled' AND ol.route IN ('robot', 'manual') AND ol.units > 0
     ORDER BY ol.order_id, ol.resident_id, ol.id`,
  ).all(batchId) as PouchLineRow[];
}

/** The host pharmacy's lots of some products with units that may leave them (minus accepted transfers). */
export function listHostLots(db: Db, pharmacyId: number, cip13s: string[]): HostLot[] {
  if (cip13s.length === 0) return [];
  return statement(
    db,
    `SELECT l.id, l.cip13, l.lot_number AS lotNumber, l.expiry_date AS expiryDate,
       l.quantity - coalesce((SELECT sum(tl.quantity) FROM transfer_lines tl JOIN transfers t ON t.id = tl.transfer_id
         WHERE tl.lot_id = l.id AND t.status = 'accepted'), 0) AS available
     FROM stock_lots l
     WHERE l.pharmacy_id = ? AND l.cip13 IN (SELECT value FROM json_each(?)) AND l.quantity > 0
     ORDER BY l.expiry_date, l.id`,
  ).all(pharmacyId, JSON.stringify(cip13s)) as HostLot[];
}

export type RunRow = {
  batchId: number;
  startedAt: string;
  startedBy: string | null;
  bookedStartAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  pouchesProduced: number | null;
  incident: string | null;
};

export function findRun(db: Db, batchId: number): RunRow | undefined {
  return statement(
    db,
    `SELECT r.batch_id AS batchId, r.started_at AS startedAt, su.display_name AS startedBy, r.booked_start_at AS bookedStartAt,
       r.completed_at AS completedAt, cu.display_name AS completedBy, r.pouches_produced AS pouchesProduced,
       r.incident
     FROM robot_batch_runs r LEFT JOIN users su ON su.id = r.started_by LEFT JOIN users cu ON cu.id = r.completed_by
     WHERE r.batch_id = ?`,
  ).get(batchId) as RunRow | undefined;
}

/** The run of a batch started at `at`; `bookedStartAt`: its slot's start when it started elsewhere. */
export function insertRun(db: Db, batchId: number, at: string, userId: number | null, bookedStartAt: string | null) {
  db.insert(robotBatchRuns).values({ batchId, startedAt: at, startedBy: userId, bookedStartAt }).run();
}

export function completeRun(
  db: Db,
  batchId: number,
  at: string,
  userId: number | null,
  pouches: number,
  incident: string | null,
) {
  statement(
    db,
    'UPDATE robot_batch_runs SET completed_at = ?, completed_by = ?, pouches_produced = ?, incident = ? WHERE batch_id = ?',
  ).run(at, userId, pouches, incident, batchId);
}

/** The robot's batches in production, earliest start first (ids; one at most once `startBatch` guards it). */
export function listRunningBatchIds(db: Db, robotId: number): number[] {
  return statement(
    db,
    "SELECT id FROM robot_batches WHERE robot_id = ? AND status = 'in_production' ORDER BY start_at, id",
  )
    .pluck()
    .all(robotId) as number[];
}

/** Moves a batch from one status to another; false when it was no longer in `from` (a concurrent step). */
export function setBatchStatus(db: Db, id: number, from: BatchStatus, to: BatchStatus, at: string): boolean {
  return (
    statement(db, 'UPDATE robot_batches SET status = ?, updated_at = ? WHERE id = ? AND status = ?').run(
      to,
      at,
      id,
      from,
    ).changes === 1
  );
}

/**
 * Moves the batch's orders that are in `from` to `to` and writes each one's history event;
 * cancelled orders are left as they are. Returns the ids moved.
 */
export function stepBatchOrders(
  db: Db,
  batchId: number,
  from: OrderStatus,
  to: OrderStatus,
  event: { at: string; userId: number | null; label: string },
): number[] {
  const ids = (
    statement(
      db,
      `SELECT o.id FROM robot_batch_orders l JOIN weekly_orders o ON o.id = l.order_id
       WHERE l.batch_id = ? AND l.active = 1 AND o.status = ? ORDER BY o.id`,
    ).all(batchId, from) as { id: number }[]
  ).map((r) => r.id);
  const update = statement(db, 'UPDATE weekly_orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?');
  const history = statement(
    db,
    'INSERT INTO order_events (order_id, at, actor_user_id, actor_label, kind, details) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const id of ids) {
    update.run(to, event.at, id, from);
    history.run(id, event.at, event.userId, event.label, to, JSON.stringify({ from, to, batchId }));
  }
  return ids;
}

/** Writes the consumption rows of one lot's movement. */
export function insertConsumption(db: Db, batchId: number, movementId: number, rows: LotAllocation[]) {
  if (rows.length === 0) return;
  db.insert(robotBatchConsumption)
    .values(
      rows.map((a) => ({
        batchId,
        orderId: a.orderId,
        orderLineId: a.lineId,
        residentId: a.residentId,
        cip13: a.cip13,
        lotId: a.lotId,
        movementId,
        units: a.units,
      })),
    )
    .run();
}

/** The id of the row the connection inserted last (the movement `applyMovement` just wrote). */
export const lastInsertId = (db: Db) => (statement(db, 'SELECT last_insert_rowid() AS id').get() as { id: number }).id;

/** A batch's consumption per order, product and lot: `{ orderId, cip13, label, lot, expiry, units }`. */
export function listBatchConsumption(db: Db, batchId: number) {
  return statement(
    db,
    `SELECT c.order_id AS orderId, c.cip13, coalesce(sp.name, p.label) AS label, s.lot_number AS lot,
       s.expiry_date AS expiry, sum(c.units) AS units
     FROM robot_batch_consumption c JOIN stock_lots s ON s.id = c.lot_id
     JOIN catalogue_presentations p ON p.cip13 = c.cip13 LEFT JOIN catalogue_specialities sp ON sp.cis = p.cis
     WHERE c.batch_id = ? AND c.voided_at IS NULL GROUP BY c.order_id, c.cip13, c.lot_id ORDER BY c.order_id, label, s.expiry_date, s.lot_number`,
  ).all(batchId) as { orderId: number; cip13: string; label: string; lot: string; expiry: string; units: number }[];
}

/** The lots used in an order's pouches, per product and lot, with the product's name (delivery note). */
export function listOrderLots(db: Db, orderId: number) {
  return statement(
    db,
    `SELECT c.cip13, coalesce(sp.name, p.label) AS label, s.lot_number AS lotNumber, s.expiry_date AS expiryDate,
       sum(c.units) AS units
     FROM robot_batch_consumption c JOIN stock_lots s ON s.id = c.lot_id
     JOIN catalogue_presentations p ON p.cip13 = c.cip13 LEFT JOIN catalogue_specialities sp ON sp.cis = p.cis
     WHERE c.order_id = ? AND c.voided_at IS NULL GROUP BY c.cip13, c.lot_id ORDER BY label, s.expiry_date, s.lot_number`,
  ).all(orderId) as { cip13: string; label: string; lotNumber: string; expiryDate: string; units: number }[];
}

/** The consumption rows of a batch with lot numbers, per line: what the production sheet prints. */
export function listBatchAllocations(db: Db, batchId: number): LotAllocation[] {
  return statement(
    db,
    `SELECT c.order_line_id AS lineId, c.order_id AS orderId, c.resident_id AS residentId, c.cip13, c.lot_id AS lotId,
       s.lot_number AS lotNumber, s.expiry_date AS expiryDate, c.units
     FROM robot_batch_consumption c JOIN stock_lots s ON s.id = c.lot_id WHERE c.batch_id = ? AND c.voided_at IS NULL ORDER BY c.id`,
  ).all(batchId) as LotAllocation[];
}

export function insertVerification(
  db: Db,
  v: {
    batchId: number;
    pouchesChecked: number;
    outcome: VerificationOutcome;
    notes: string;
    at: string;
    userId: number | null;
  },
): number {
  return db
    .insert(robotBatchVerifications)
    .values({
      batchId: v.batchId,
      pouchesChecked: v.pouchesChecked,
      outcome: v.outcome,
      notes: v.notes,
      checkedAt: v.at,
      checkedBy: v.userId,
    })
    .returning({ id: robotBatchVerifications.id })
    .get().id;
}

export function listVerifications(db: Db, batchId: number) {
  return statement(
    db,
    `SELECT v.id, v.pouches_checked AS pouchesChecked, v.outcome, v.notes, v.checked_at AS checkedAt,
       u.display_name AS checkedBy
     FROM robot_batch_verifications v LEFT JOIN users u ON u.id = v.checked_by WHERE v.batch_id = ? ORDER BY v.id`,
  ).all(batchId) as {
    id: number;
    pouchesChecked: number;
    outcome: VerificationOutcome;
    notes: string;
    checkedAt: string;
    checkedBy: string | null;
  }[];
}

export function insertAnomaly(
  db: Db,
  a: {
    batchId: number;
    verificationId: number | null;
    orderId: number;
    residentId: number;
    description: string;
    missingPouches?: number | null;
    at: string;
    userId: number | null;
  },
) {
  db.insert(robotBatchAnomalies)
    .values({
      batchId: a.batchId,
      verificationId: a.verificationId,
      missingPouches: a.missingPouches ?? null,
      orderId: a.orderId,
      residentId: a.residentId,
      description: a.description,
      createdAt: a.at,
      createdBy: a.userId,
    })
    .run();
}

export type AnomalyRow = {
  id: number;
  batchId: number;
  orderId: number;
  residentId: number;
  residentName: string;
  room: string;
  careHomeId: number;
  careHomeName: string;
  description: string;
  missingPouches: number | null;
  createdAt: string;
  createdBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
};

const ANOMALY_SELECT = `SELECT a.id, a.batch_id AS batchId, a.order_id AS orderId, a.resident_id AS residentId,
    upper_fr(r.last_name) || ' ' || r.first_name AS residentName, r.room, c.id AS careHomeId, c.name AS careHomeName,
    a.description, a.missing_pouches AS missingPouches, a.created_at AS createdAt, cu.display_name AS createdBy, a.resolved_at AS resolvedAt,
    ru.display_name AS resolvedBy, a.resolution
  FROM robot_batch_anomalies a JOIN residents r ON r.id = a.resident_id JOIN care_homes c ON c.id = r.care_home_id
  LEFT JOIN users cu ON cu.id = a.created_by LEFT JOIN users ru ON ru.id = a.resolved_by`;

export function listAnomalies(db: Db, batchId: number): AnomalyRow[] {
  return statement(db, `${ANOMALY_SELECT} WHERE a.batch_id = ? ORDER BY a.id`).all(batchId) as AnomalyRow[];
}

export function findAnomaly(db: Db, id: number): AnomalyRow | undefined {
  return statement(db, `${ANOMALY_SELECT} WHERE a.id = ?`).get(id) as AnomalyRow | undefined;
}

export function resolveAnomalyRow(db: Db, id: number, at: string, userId: number | null, resolution: string) {
  statement(
    db,
    'UPDATE robot_batch_anomalies SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL',
  ).run(at, userId, resolution, id);
}

/** Open anomalies per batch (for the batch view and the lists). */
export function countOpenAnomalies(db: Db, batchIds: number[]): Map<number, number> {
  if (batchIds.length === 0) return new Map();
  const rows = statement(
    db,
    `SELECT batch_id AS batchId, count(*) AS n FROM robot_batch_anomalies
     WHERE resolved_at IS NULL AND batch_id IN (SELECT value FROM json_each(?)) GROUP BY batch_id`,
  ).all(JSON.stringify(batchIds)) as { batchId: number; n: number }[];
  return new Map(rows.map((r) => [r.batchId, r.n]));
}

/** Residents with pouches in a batch's orders: whom an anomaly may concern. */
export function listBatchResidents(db: Db, batchId: number) {
  return statement(
    db,
    `SELECT r.id AS residentId, upper_fr(r.last_name) || ' ' || r.first_name AS name, r.room, o.id AS orderId,
       c.id AS careHomeId, c.name AS careHomeName, c.pharmacy_id AS pharmacyId, orr.pouches
     FROM robot_batch_orders l JOIN weekly_orders o ON o.id = l.order_id JOIN care_homes c ON c.id = o.care_home_id
     JOIN order_residents orr ON orr.order_id = o.id JOIN residents r ON r.id = orr.resident_id
     WHERE l.batch_id = ? AND l.active = 1 AND o.status <> 'cancelled' AND orr.pouches > 0
     ORDER BY c.name, french_key(r.last_name), french_key(r.first_name), r.id`,
  ).all(batchId) as {
    residentId: number;
    name: string;
    room: string;
    orderId: number;
    careHomeId: number;
    careHomeName: string;
    pharmacyId: number;
    pouches: number;
  }[];
}

export function insertDelivery(
  db: Db,
  d: {
    orderId: number;
    signer: 'carehome' | 'pharmacy';
    receivedBy: string;
    notes: string;
    at: string;
    userId: number | null;
  },
) {
  db.insert(orderDeliveries)
    .values({
      orderId: d.orderId,
      signer: d.signer,
      receivedBy: d.receivedBy,
      notes: d.notes,
      signedAt: d.at,
      signedBy: d.userId,
    })
    .run();
}

export function findDelivery(db: Db, orderId: number) {
  return statement(
    db,
    `SELECT d.order_id AS orderId, d.signer, d.received_by AS receivedBy, d.notes, d.signed_at AS signedAt,
       u.display_name AS signedBy
     FROM order_deliveries d LEFT JOIN users u ON u.id = d.signed_by WHERE d.order_id = ?`,
  ).get(orderId) as
    | {
        orderId: number;
        signer: 'carehome' | 'pharmacy';
        receivedBy: string;
        notes: string;
        signedAt: string;
        signedBy: string | null;
      }
    | undefined;
}

/** When each of a batch's steps happened: start, completion, verification (null until done). */
export function findVerifiedAt(db: Db, batchId: number): { at: string; by: string | null } | undefined {
  return statement(
    db,
    `SELECT v.checked_at AS at, u.display_name AS by FROM robot_batch_verifications v LEFT JOIN users u ON u.id = v.checked_by
     WHERE v.batch_id = ? AND v.outcome = 'verified'`,
  ).get(batchId) as { at: string; by: string | null } | undefined;
}

/**
 * Batches in some statuses whose robot's host pharmacy or whose orders' pharmacy is `pharmacyId`
 * (only the orders' pharmacy with `ownOnly`; all pharmacies when null), starting before `startBefore`
 * (a batch in production whatever its block: it runs now, even started ahead of a slot it could not
 * move to), in production first, then in start order, with their robot.
 */
export function listProductionBatches(
  db: Db,
  f: {
    statuses: BatchStatus[];
    pharmacyId: number | null;
    startBefore?: string;
    ownOnly?: boolean;
    /** Leaves out booked batches whose slot ended at or before this instant (never started). */
    bookedEndAfter?: string;
  },
): (BatchRow & { hostPharmacyId: number })[] {
  return statement(
    db,
    `SELECT b.id, b.robot_id AS robotId, b.pharmacy_id AS pharmacyId, p.name AS pharmacyName,
       b.start_at AS start, b.end_at AS end, b.status, b.pouches, b.manual_units AS manualUnits,
       b.duration_minutes AS durationMinutes, b.setup_minutes AS setupMinutes, b.pouch_minutes AS pouchMinutes,
       b.manual_minutes AS manualMinutes, b.cleaning_minutes AS cleaningMinutes, r.host_pharmacy_id AS hostPharmacyId
     FROM robot_batches b JOIN pharmacies p ON p.id = b.pharmacy_id JOIN robots r ON r.id = b.robot_id
     WHERE b.status IN (SELECT value FROM json_each(?)) AND (? IS NULL OR b.status = 'in_production' OR b.start_at < ?)
       AND (? IS NULL OR b.status <> 'booked' OR b.end_at > ?)
       AND (? IS NULL OR b.pharmacy_id = ? OR (? = 0 AND r.host_pharmacy_id = ?))
     ORDER BY b.status <> 'in_production', b.start_at, b.id`,
  ).all(
    JSON.stringify(f.statuses),
    f.startBefore ?? null,
    f.startBefore ?? null,
    f.bookedEndAfter ?? null,
    f.bookedEndAfter ?? null,
    f.pharmacyId,
    f.pharmacyId,
    f.ownOnly ? 1 : 0,
    f.pharmacyId,
  ) as (BatchRow & { hostPharmacyId: number })[];
}

/**
 * Verified pouches per pharmacy (through the care homes it serves) whose verification fell in
 * `[startIso, endIso)`: the cooperative's business per member (SPEC §8 `activity` key).
 */
export function verifiedPouchesByPharmacy(db: Db, startIso: string, endIso: string) {
  return statement(
    db,
    `SELECT c.pharmacy_id AS pharmacyId, sum(l.pouches) AS pouches
     FROM robot_batch_verifications v JOIN robot_batch_orders l ON l.batch_id = v.batch_id AND l.active = 1
     JOIN weekly_orders o ON o.id = l.order_id JOIN care_homes c ON c.id = o.care_home_id
     WHERE v.outcome = 'verified' AND v.checked_at >= ? AND v.checked_at < ? AND o.status <> 'cancelled'
     GROUP BY c.pharmacy_id`,
  ).all(startIso, endIso) as { pharmacyId: number; pouches: number }[];
}
