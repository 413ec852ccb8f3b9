import type { Db } from '../../db/client';
import { statement } from '../../db/statements';

// A recall reads across every pharmacy on purpose (SPEC §4: find every pharmacy, transfer, batch
// and resident a lot reached); the use case decides which residents the caller may see named.

/** Every pharmacy's lot of this product with this number (case-insensitive, as recall notices print it). */
export function findRecalledLots(db: Db, cip13: string, lot: string) {
  return statement(
    db,
    `SELECT l.id AS lotId, l.pharmacy_id AS pharmacyId, p.name AS pharmacyName, l.lot_number AS lotNumber,
       l.expiry_date AS expiryDate, l.quantity, l.created_at AS since,
       coalesce((SELECT sum(tl.quantity) FROM transfer_lines tl JOIN transfers t ON t.id = tl.transfer_id
         WHERE tl.lot_id = l.id AND t.status = 'accepted'), 0) AS reserved
     FROM stock_lots l JOIN pharmacies p ON p.id = l.pharmacy_id
     WHERE l.cip13 = ? AND l.lot_number = ? COLLATE NOCASE
     ORDER BY l.quantity DESC, p.name, l.id`,
  ).all(cip13, lot) as {
    lotId: number;
    pharmacyId: number;
    pharmacyName: string;
    lotNumber: string;
    expiryDate: string;
    quantity: number;
    since: string;
    reserved: number;
  }[];
}

/** The transfers whose lines took units of these lots from their sender (accepted, shipped, received). */
export function listTransfersOfLots(db: Db, lotIds: number[]) {
  return statement(
    db,
    `SELECT t.id AS transferId, t.from_pharmacy_id AS fromPharmacyId, fp.name AS fromPharmacyName,
       t.to_pharmacy_id AS toPharmacyId, tp.name AS toPharmacyName, t.status, sum(tl.quantity) AS quantity,
       CASE WHEN t.status = 'received' THEN sum(coalesce(tl.quantity_received, 0)) END AS quantityReceived,
       t.requested_at AS requestedAt, t.shipped_at AS shippedAt, t.received_at AS receivedAt
     FROM transfer_lines tl JOIN transfers t ON t.id = tl.transfer_id
     JOIN pharmacies fp ON fp.id = t.from_pharmacy_id JOIN pharmacies tp ON tp.id = t.to_pharmacy_id
     WHERE tl.lot_id IN (SELECT value FROM json_each(?)) AND t.status IN ('accepted', 'shipped', 'received')
     GROUP BY t.id ORDER BY coalesce(t.shipped_at, t.requested_at), t.id`,
  ).all(JSON.stringify(lotIds)) as {
    transferId: number;
    fromPharmacyId: number;
    fromPharmacyName: string;
    toPharmacyId: number;
    toPharmacyName: string;
    status: 'accepted' | 'shipped' | 'received';
    quantity: number;
    quantityReceived: number | null;
    requestedAt: string;
    shippedAt: string | null;
    receivedAt: string | null;
  }[];
}

/**
 * Per pharmacy, the units of these lots dispensed at the counter (`dispense` movements, net of
 * their corrections: a dispense is negative), with the first and last Paris day: the boxes that
 * reached patients outside the robot's pouches.
 */
export function listCounterDispensesOfLots(db: Db, lotIds: number[]) {
  return statement(
    db,
    `SELECT m.pharmacy_id AS pharmacyId, p.name AS pharmacyName, -sum(m.quantity) AS units,
       min(m.day) AS firstDay, max(m.day) AS lastDay, count(*) AS dispenses
     FROM stock_movements m JOIN pharmacies p ON p.id = m.pharmacy_id
     WHERE m.lot_id IN (SELECT value FROM json_each(?)) AND m.kind = 'dispense'
     GROUP BY m.pharmacy_id ORDER BY p.name, m.pharmacy_id`,
  ).all(JSON.stringify(lotIds)) as {
    pharmacyId: number;
    pharmacyName: string;
    units: number;
    firstDay: string;
    lastDay: string;
    dispenses: number;
  }[];
}

export type RecalledPouchRow = {
  batchId: number;
  robotName: string;
  hostPharmacyName: string;
  batchStatus: string;
  start: string;
  producedAt: string | null;
  verifiedAt: string | null;
  orderId: number;
  week: string;
  orderStatus: string;
  deliveredAt: string | null;
  careHomeId: number;
  careHomeName: string;
  servingPharmacyId: number;
  servingPharmacyName: string;
  residentId: number;
  lastName: string;
  firstName: string;
  room: string;
  units: number;
};

/** Per batch, order and resident, the units of these lots that went into pouches. */
export function listPouchesOfLots(db: Db, lotIds: number[]): RecalledPouchRow[] {
  return statement(
    db,
    `SELECT b.id AS batchId, rb.name AS robotName, hp.name AS hostPharmacyName, b.status AS batchStatus,
       b.start_at AS start, run.completed_at AS producedAt,
       (SELECT v.checked_at FROM robot_batch_verifications v WHERE v.batch_id = b.id AND v.outcome = 'verified') AS verifiedAt,
       o.id AS orderId, o.week, o.status AS orderStatus,
       (SELECT d.signed_at FROM order_deliveries d WHERE d.order_id = o.id) AS deliveredAt,
       ch.id AS careHomeId, ch.name AS careHomeName, ch.pharmacy_id AS servingPharmacyId, sp.name AS servingPharmacyName,
       r.id AS residentId, r.last_name AS lastName, r.first_name AS firstName, r.room, sum(c.units) AS units
     FROM robot_batch_consumption c JOIN robot_batches b ON b.id = c.batch_id JOIN robots rb ON rb.id = b.robot_id
     JOIN pharmacies hp ON hp.id = rb.host_pharmacy_id LEFT JOIN robot_batch_runs run ON run.batch_id = b.id
     JOIN weekly_orders o ON o.id = c.order_id JOIN care_homes ch ON ch.id = o.care_home_id
     JOIN pharmacies sp ON sp.id = ch.pharmacy_id JOIN residents r ON r.id = c.resident_id
     WHERE c.lot_id IN (SELECT value FROM json_each(?))
     GROUP BY c.batch_id, c.order_id, c.resident_id
     ORDER BY b.start_at, b.id, ch.name, o.id, french_key(r.last_name), french_key(r.first_name), r.id`,
  ).all(JSON.stringify(lotIds)) as RecalledPouchRow[];
}

/** Accepted transfers (units reserved, not shipped yet) whose lines hold any of these lots, sent by this pharmacy. */
export function listAcceptedTransfersOfLots(db: Db, pharmacyId: number, lotIds: number[]): number[] {
  if (lotIds.length === 0) return [];
  return (
    statement(
      db,
      `SELECT DISTINCT t.id FROM transfers t JOIN transfer_lines tl ON tl.transfer_id = t.id
       WHERE t.status = 'accepted' AND t.from_pharmacy_id = ? AND tl.lot_id IN (${lotIds.map(() => '?').join(',')})
       ORDER BY t.id`,
    ).all(pharmacyId, ...lotIds) as { id: number }[]
  ).map((r) => r.id);
}
