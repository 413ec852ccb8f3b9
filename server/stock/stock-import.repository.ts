import type { Db } from '../../db/client';
import { statement } from '../../db/statements';
import type { CostUpdate, CurrentLot, HeldLotCost } from './stock-import.models';

// The snapshot import's SQL: one query per question and set-based writes whose rows travel as
// one JSON array, so that 20 000 rows read and write in a short transaction (issue #15, item 5).
// The JSON rows drive each join (CROSS JOIN, `+l.pharmacy_id`): each finds its lot by key;
// scanning the pharmacy's lots for each row instead would be quadratic.

/** What the catalogue says of a product a snapshot names: the name people know it by and its units per box. */
export type CatalogueFacts = { label: string; unitsPerBox: number | null };

/** The catalogue's facts about each CIP13 it knows among `cip13s` (one query, whatever their number). */
export function catalogueFacts(db: Db, cip13s: string[]): Map<string, CatalogueFacts> {
  const rows = statement(
    db,
    `SELECT p.cip13, coalesce(s.name, p.label) AS label, p.units_per_box AS unitsPerBox
     FROM catalogue_presentations p LEFT JOIN catalogue_specialities s ON s.cis = p.cis
     WHERE p.cip13 IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(cip13s)) as ({ cip13: string } & CatalogueFacts)[];
  return new Map(rows.map((r) => [r.cip13, { label: r.label, unitsPerBox: r.unitsPerBox }]));
}

/**
 * Every lot of the pharmacy (empty ones too), with the units accepted transfers reserve on it
 * and its unit cost as bought (millicents, 0 when not known).
 */
export function currentLots(db: Db, pharmacyId: number): (CurrentLot & HeldLotCost)[] {
  return statement(
    db,
    `SELECT l.id AS lotId, l.cip13, l.lot_number AS lotNumber, l.expiry_date AS expiryDate, l.quantity,
            coalesce(r.reserved, 0) AS reserved, l.unit_cost_millicents AS unitCostMillicents
     FROM stock_lots l
     LEFT JOIN (
       SELECT tl.lot_id, sum(tl.quantity) AS reserved FROM transfer_lines tl
       JOIN transfers t ON t.id = tl.transfer_id
       WHERE t.status = 'accepted' AND t.from_pharmacy_id = ?
       GROUP BY tl.lot_id
     ) r ON r.lot_id = l.id
     WHERE l.pharmacy_id = ?`,
  ).all(pharmacyId, pharmacyId) as (CurrentLot & HeldLotCost)[];
}

/**
 * What changes when the pharmacy's stock moves: its last movement, its number of lots, and the
 * lines accepted transfers reserve. Equal before and after reading a file: the plan made outside
 * the write transaction still holds inside it.
 */
export function stockFingerprint(db: Db, pharmacyId: number): string {
  const row = statement(
    db,
    `SELECT (SELECT max(id) FROM stock_movements WHERE pharmacy_id = ?) AS lastMovement,
            (SELECT count(*) FROM stock_lots WHERE pharmacy_id = ?) AS lots,
            (SELECT group_concat(tl.id || ':' || tl.quantity) FROM transfer_lines tl
               JOIN transfers t ON t.id = tl.transfer_id
               WHERE t.status = 'accepted' AND t.from_pharmacy_id = ?) AS reserved`,
  ).get(pharmacyId, pharmacyId, pharmacyId);
  return JSON.stringify(row);
}

/**
 * Writes a snapshot's adjustments in three statements whatever their number (the rows travel as
 * one JSON array): lots the pharmacy does not hold yet are created with their final quantity,
 * held lots are set from `from` to `to` (only where they still hold `from`), and each gets its
 * `adjustment` movement of `to − from` tied to the import. Call it inside the import's
 * transaction. Returns false when a held lot no longer holds `from` (the transaction must then
 * be rolled back), true when all are written.
 */
export function writeSnapshotAdjustments(
  db: Db,
  a: {
    pharmacyId: number;
    importId: number;
    reason: string;
    day: string;
    createdAt: string;
    createdBy: number | null;
    rows: {
      lotId: number | null;
      cip13: string;
      lotNumber: string;
      expiryDate: string;
      unitCostCents: number;
      unitCostMillicents: number;
      from: number;
      to: number;
    }[];
  },
): boolean {
  const created = a.rows
    .filter((r) => r.lotId === null)
    .map((r) => [r.cip13, r.lotNumber, r.expiryDate, r.unitCostCents, r.unitCostMillicents, r.to]);
  const held = a.rows.filter((r) => r.lotId !== null).map((r) => [r.lotId, r.from, r.to]);
  statement(
    db,
    `INSERT INTO stock_lots (pharmacy_id, cip13, lot_number, expiry_date, unit_cost_cents, unit_cost_millicents, quantity, created_at)
     SELECT ?, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, ? FROM json_each(?)`,
  ).run(a.pharmacyId, a.createdAt, JSON.stringify(created));
  const changed = statement(
    db,
    `UPDATE stock_lots AS l SET quantity = j.value->>2 FROM json_each(?) AS j
     WHERE l.id = j.value->>0 AND +l.pharmacy_id = ? AND l.quantity = j.value->>1`,
  ).run(JSON.stringify(held), a.pharmacyId).changes;
  if (changed !== held.length) return false;
  statement(
    db,
    `INSERT INTO stock_movements (pharmacy_id, lot_id, kind, quantity, reason, import_id, day, created_at, created_by)
     SELECT l.pharmacy_id, l.id, 'adjustment', l.quantity, ?, ?, ?, ?, ?
     FROM json_each(?) AS j
     CROSS JOIN stock_lots AS l ON l.pharmacy_id = ? AND l.cip13 = j.value->>0 AND l.lot_number = j.value->>1
       AND l.expiry_date = j.value->>2`,
  ).run(a.reason, a.importId, a.day, a.createdAt, a.createdBy, JSON.stringify(created), a.pharmacyId);
  statement(
    db,
    `INSERT INTO stock_movements (pharmacy_id, lot_id, kind, quantity, reason, import_id, day, created_at, created_by)
     SELECT ?, j.value->>0, 'adjustment', (j.value->>2) - (j.value->>1), ?, ?, ?, ?, ? FROM json_each(?) AS j`,
  ).run(a.pharmacyId, a.reason, a.importId, a.day, a.createdAt, a.createdBy, JSON.stringify(held));
  return true;
}

/**
 * Gives held lots without a known cost (0) the snapshot's unit cost (millicents, and the cent it
 * shows by `centsOf`): one statement whatever their number; a lot that got a cost meanwhile keeps
 * it. Call it inside the import's transaction. Returns how many lots took a cost.
 */
export function setUnknownLotCosts(
  db: Db,
  pharmacyId: number,
  updates: (CostUpdate & { unitCostCents: number })[],
): number {
  if (updates.length === 0) return 0;
  return statement(
    db,
    `UPDATE stock_lots AS l SET unit_cost_millicents = j.value->>1, unit_cost_cents = j.value->>2
     FROM json_each(?) AS j
     WHERE l.id = j.value->>0 AND +l.pharmacy_id = ? AND l.unit_cost_millicents = 0`,
  ).run(JSON.stringify(updates.map((u) => [u.lotId, u.unitCostMillicents, u.unitCostCents])), pharmacyId).changes;
}
